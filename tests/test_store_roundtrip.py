"""Property tests: records survive the store, and both stores behave alike."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.record import (
    MODALITIES,
    Actor,
    Caption,
    Cue,
    Entity,
    Event,
    Quote,
    Record,
    Rejected,
    Removed,
    Speaker,
    Timex,
)
from wirewatch.store import MemoryStore, SQLiteStore, Store

text = st.text(max_size=40)
word = st.text(min_size=1, max_size=12)
maybe = st.none() | word
offset = st.integers(min_value=0, max_value=100_000)
span = st.tuples(offset, offset)
maybe_span = st.none() | span
part = st.none() | st.integers(min_value=0, max_value=3).map(lambda n: f"caption:{n}")
cue = st.builds(Cue, text=word, span=span)
actor = st.builds(Actor, text=word, entity=maybe, code=maybe, sector=maybe, span=maybe_span)
mention = span | st.tuples(offset, offset, part.filter(lambda p: p is not None))
entity = st.builds(Entity, id=word, name=text, type=st.sampled_from(["PERSON", "ORG", "GPE", "NORP"]),
                   aliases=st.lists(text, max_size=3), mentions=st.lists(mention, max_size=4),
                   country=maybe, role=maybe, sector=maybe)
speaker = st.builds(Speaker, text=text, span=maybe_span, entity=maybe, anonymous=st.booleans(),
                    affiliation=maybe)


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    # Every piece, first == span: the record's own form (see the report on Quote.spans).
    first = draw(span)
    return Quote(span=first, text=draw(text), kind=draw(st.sampled_from(["direct", "partial", "indirect", "mixed"])),
                 spans=[first, *draw(st.lists(span, max_size=2))], cue=draw(st.none() | cue),
                 speaker=draw(st.none() | speaker), part=draw(part))


timex = st.builds(Timex, span=span, text=text, type=st.sampled_from(["DATE", "TIME", "DURATION", "SET"]),
                  value=word, mod=maybe, part=part)
event = st.builds(Event, type=st.sampled_from(["CONSULT", "ASSAULT", "AID", "PROTEST"]), span=span,
                  modality=st.sampled_from(MODALITIES), mode=maybe, source=st.lists(actor, max_size=3),
                  target=st.lists(actor, max_size=3), date=maybe, location=maybe, trigger=st.none() | cue,
                  spans=st.lists(span, max_size=2), part=part)
records = st.builds(
    Record, id=word, text=st.text(max_size=300), published=maybe, title=maybe, outlet=maybe, url=maybe,
    authors=st.lists(word, max_size=3), captions=st.lists(st.builds(Caption, text=text, credit=maybe), max_size=2),
    removed=st.lists(st.builds(Removed, text=text, reason=word), max_size=2),
    entities=st.lists(entity, max_size=4), quotes=st.lists(quotes(), max_size=3),
    times=st.lists(timex, max_size=3), events=st.lists(event, max_size=4), language=maybe,
    analysis_version=word, error=maybe)

unique_hash = itertools.count()


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s: Store = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "props.db")
    yield s
    s.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records)
def test_put_then_get_returns_an_equal_record(store: Store, record: Record) -> None:
    # A fresh hash every time forces a write even when Hypothesis repeats an id.
    assert store.put(record, content_hash=f"h{next(unique_hash)}") in ("added", "updated")
    assert store.get(record.id) == record
    assert record.id in store.ids()


@settings(max_examples=100, deadline=None)
@given(record=records)
def test_to_dict_from_dict_round_trip(record: Record) -> None:
    assert Record.from_dict(record.to_dict()) == record


VOCAB = ["oslo", "kenya", "port", "drought", "quota", "summit", "ceasefire", "tariff"]
ids = st.sampled_from(["a", "b", "c", "d"])
put_op = st.tuples(st.just("put"), ids, st.sampled_from(["h1", "h2"]), st.sampled_from(["0.1", "0.2"]),
                   st.lists(st.sampled_from(VOCAB), min_size=1, max_size=6), st.none() | st.sampled_from(["s1", "s2"]))
reject_op = st.tuples(st.just("reject"), ids, st.sampled_from(["x.txt", "y.txt"]), st.sampled_from(["empty", "binary"]))


@settings(max_examples=120, deadline=None)
@given(ops=st.lists(put_op | reject_op, max_size=20),
       query=st.lists(st.sampled_from(VOCAB), min_size=1, max_size=2), prefix=st.booleans())
def test_memory_and_sqlite_stores_behave_alike(ops: list[tuple[object, ...]], query: list[str],
                                               prefix: bool) -> None:
    memory = MemoryStore()
    # The same SQL as a file store, without the file system's cost per example.
    sqlite = SQLiteStore(":memory:")
    try:
        for op in ops:
            if op[0] == "put":
                _, rid, digest, version, words, source = op
                assert isinstance(words, list) and (source is None or isinstance(source, str))
                rec = Record(id=str(rid), text=" ".join(words), analysis_version=str(version),
                             title=str(words[0]))
                assert (memory.put(rec, content_hash=str(digest), source=source)
                        == sqlite.put(rec, content_hash=str(digest), source=source))
            else:
                _, rid, src, reason = op
                rej = Rejected(id=str(rid), source=str(src), reason=str(reason), message=f"{src} is {reason}")
                memory.reject(rej)
                sqlite.reject(rej)
        assert memory.ids() == sqlite.ids()
        assert memory.ids(stale_for="0.2") == sqlite.ids(stale_for="0.2")
        assert list(memory.records()) == list(sqlite.records())
        assert memory.stats() == sqlite.stats()
        assert memory.find_by_hash("h1") == sqlite.find_by_hash("h1")
        for rid in "abcd":
            m, s = memory.meta(rid), sqlite.meta(rid)
            assert (m and (m.content_hash, m.analysis_version, m.source)) == (
                s and (s.content_hash, s.analysis_version, s.source))
        strip = [(r.id, r.source, r.reason, r.message, r.count) for r in memory.rejections()]
        assert strip == [(r.id, r.source, r.reason, r.message, r.count) for r in sqlite.rejections()]
        q = " ".join(query) + ("*" if prefix else "")
        assert {h.id for h in memory.search(q)} == {h.id for h in sqlite.search(q)}
    finally:
        memory.close()
        sqlite.close()
