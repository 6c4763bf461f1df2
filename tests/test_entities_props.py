"""Properties of ww_entities on generated text: it never crashes and its output is consistent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.analyse.entities.actors import actor_for_text
from wirewatch.analyse.entities.component import compute
from wirewatch.analyse.pipeline import load_pipeline

_WORDS = ["President", "Donald", "Trump", "Trump's", "Russian", "Vladimir", "Putin", "the",
          "Kremlin", "White", "House", "said", "(NATO)", "North", "Atlantic", "Treaty",
          "Organization", "U.S.", "Secretary", "of", "State", "\u201c", "\u201d", "'s", ",",
          ".", "\n\n", "Photo", "Anchorage,", "Alaska", "Mr.", "(R)", "Sen.", "Foreign",
          "Minister", "Lavrov", "Ukraine", "\u2019s", "(", ")", "/", "Getty", "Images", "on",
          "Tuesday", "2025", "in", "and", "met"]

_text = st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join) | st.text(max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text)
def test_entities_are_consistent(text: str) -> None:
    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline[:-4]:  # the model and ww_paragraphs, not the later stages
        doc = proc(doc)
    ents, mentions = compute(doc)
    ids = [e.id for e in ents]
    assert ids == [f"e{i}" for i in range(1, len(ents) + 1)]
    assert mentions == sorted(mentions)
    for start, end, eid in mentions:
        assert 0 <= start < end <= len(text) and eid in ids
    for e in ents:
        assert e.mentions and e.name.strip() == e.name and e.name
        assert e.type not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY")
        assert e.name not in ("Photo", "Getty Images")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_actor_for_text_total(text: str) -> None:
    code, sector = actor_for_text(text)
    assert code is None or (code.isupper() and 2 <= len(code) <= 6)
    assert sector is None or sector.isupper()
