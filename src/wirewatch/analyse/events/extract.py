"""Compute the events of a parsed ``Doc``: detect, choose, fill in, merge.

A sentence yields its main event: the candidate highest in the parse
(reporting verbs are transparent: in "X said Y attacked Z" the attack is the
main event), one per coordinated clause ("A is not needed, and there are no
plans for B"). Lower candidates are usually the content of the main one ("a
demand for talks") and would be noise.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from wirewatch.analyse import docext
from wirewatch.analyse.events import cache
from wirewatch.analyse.events import triggers as tr
from wirewatch.analyse.events.actors import phrase_actors
from wirewatch.analyse.events.args import arguments, subject_of
from wirewatch.analyse.events.codes import DEVICES, place_code_near
from wirewatch.analyse.events.context import date_for, place_text, place_tokens
from wirewatch.analyse.events.detect import Candidate, candidates
from wirewatch.analyse.events.merge import merge_events
from wirewatch.analyse.events.modality import modality_of
from wirewatch.record import Actor, Cue, Event, Timex

_CONFLICT_FUTURE = frozenset({"COERCE", "ASSAULT", "SANCTION", "MOBILIZE", "PROTEST"})
_REFUSABLE = frozenset({"AGREE", "CONCEDE", "SUPPORT", "AID", "COOPERATE", "RETREAT"})


def _refusal(tok: Token) -> bool:
    """ "will not", "would not", "won't": a refusal, not a report that nothing happened."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "shall")
               for c in tok.children) and any(c.dep_ == "neg" for c in tok.children)


@dataclass
class Options:
    """How many events a sentence may give (the GSR codes one per sentence)."""

    per_clause: bool = True


_REPORT_LIKE = frozenset({"charge", "allege", "accuse", "complain", "warn"})


def depth(tok: Token) -> int:
    """Edges to the root, not counting reporting verbs ("X charged that Y abused Z")."""
    d = 0
    for a in tok.ancestors:
        if a.pos_ in ("VERB", "AUX") and a.lemma_ in tr.REPORTING:
            continue
        if a.lemma_ in _REPORT_LIKE and any(c.dep_ == "ccomp" for c in a.children) and \
                not any(c.dep_ == "dobj" for c in a.children):
            continue
        d += 1
    return d


def clause_group(tok: Token) -> int:
    """The coordinated clause ``tok`` sits in: the highest verb conjunct with its own subject."""
    group = tok.sent.root.i
    t = tok
    while t.head != t:
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and \
                any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children):
            group = t.i
        t = t.head
    return group


def _rank(c: Candidate) -> tuple[int, int, int]:
    return (depth(c.anchor), 1 if c.is_noun and c.anchor == c.head else 0, c.anchor.i)


def choose(cands: list[Candidate], opts: Options) -> list[Candidate]:
    if not cands:
        return []
    if not opts.per_clause:
        return [min(cands, key=_rank)]
    groups: dict[int, list[Candidate]] = {}
    for c in cands:
        groups.setdefault(clause_group(c.anchor), []).append(c)
    return [min(g, key=_rank) for _k, g in sorted(groups.items())]


def _trigger_cue(doc: Doc, c: Candidate) -> Cue:
    toks = sorted({t.i for t in c.tokens})
    if toks[-1] - toks[0] <= 5:
        span = doc[toks[0]: toks[-1] + 1]
    else:
        span = doc[c.anchor.i: c.anchor.i + 1]
    return Cue(text=span.text, span=(span.start_char, span.end_char))


def _assault_mode(sent: Span, current: str | None) -> str | None:
    found = [m for m in (tr.ASSAULT_INSTRUMENTS.get(t.lemma_.lower()) for t in sent) if m]
    # aircraft and drones name how a bombing was done ("Israeli aircraft bombed ...")
    for specific in ("drone", "aerial"):
        if specific in found and current in (None, "explosives", "heavy-weapons"):
            return specific
    if "heavy-weapons" in found and current in (None, "firearms"):
        return "heavy-weapons"  # "tanks fired on", "artillery fire"
    return current or (found[0] if found else None)


def _actors(doc: Doc, heads: list[Token]) -> list[Actor]:
    out: list[Actor] = []
    for h in heads:
        out.extend(phrase_actors(doc, h))
    return out


def _same(a: Actor, b: Actor) -> bool:
    if a.entity and b.entity:
        # "Palestinian police" and "Palestinian armed groups" share only their demonym
        return a.entity == b.entity and (a.text in b.text or b.text in a.text)
    return a.text == b.text


def build_event(doc: Doc, sent: Span, c: Candidate, times: list[Timex]) -> Event:
    modality = c.modality or modality_of(c.head, c.anchor)
    if c.modality == "future" and modality_of(c.anchor) in ("negated", "cancelled"):
        modality = modality_of(c.anchor)
    etype, mode = c.sense.type, c.sense.mode
    arrived = False
    # a stated refusal: "will not accept", "would not meet their demands"
    if modality == "negated" and etype in _REFUSABLE and \
            (c.anchor == c.head or c.governor == "AGREE") and _refusal(c.anchor):
        mode = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield",
                "CONCEDE": "yield"}.get(etype)
        etype, modality = "REJECT", "asserted"
    # PLOVER codes announced or conditional coercion as a threat
    if etype in _CONFLICT_FUTURE and c.governor is None and (
            modality == "hypothetical" or (modality == "future" and etype != "SANCTION")):
        mode = _threat_mode(etype, mode)
        etype, modality = "THREATEN", "asserted"
    if etype == "ASSAULT":
        mode = _assault_mode(sent, mode)
        if any(t.lower_ in ("sexually", "raped", "rape") for t in c.head.children) or \
                c.head.lemma_ == "rape":
            mode = "sexual"
        if mode == "heavy-weapons" and c.head.lemma_ == "capture" and any(
                ch.dep_ == "dobj" and ch.ent_type_ in ("PERSON", "NORP") for ch in c.head.children):
            mode = "abduct"
    if etype == "CONSULT" and c.head.lemma_ in ("arrive", "deploy") and \
            any("peacekeep" in t.lower_ or "aid" == t.lower_ for t in c.head.subtree):
        etype, mode = "AID", None  # peacekeepers or aid arriving is help, not a visit
        arrived = True
    src_heads, tgt_heads = arguments(c)
    source = _actors(doc, src_heads)
    target = [a for a in _actors(doc, tgt_heads) if not any(_same(a, s) for s in source)]
    places = place_tokens(c.head, c.anchor, c.tokens)
    if arrived and not target and places:
        target = phrase_actors(doc, places[0])  # "peacekeepers arrived in Bosnia" help Bosnia
    if etype == "CONSULT" and mode is None and _by_phone(c.head):
        mode = "phone"
    if etype == "CONSULT":
        if (c.head.lemma_ == "host" and c.head.pos_ == "VERB") or \
                c.head.lower_ in ("greets", "welcomes", "receives", "greeted", "welcomed"):
            source, target = target, source  # the host is the recipient, the visitor acts
        if mode == "visit" and not target and places:
            target = phrase_actors(doc, places[0])
        # a meeting that happened or is off involves all sides alike; an offered or
        # announced one is made by its subject to the others (PLOVER codes it AGREE)
        if mode != "visit" and not (modality == "future" and source and target):
            source, target = source + target, []
    if etype == "ASSAULT":
        source = _device_source(doc, c, source)
    location = place_text(doc, places[0]) if places else None
    return Event(
        type=etype, span=_sent_span(sent), modality=modality,  # type: ignore[arg-type]
        mode=mode, source=source, target=target,
        date=date_for(doc, sent, c.head, c.anchor, times), location=location,
        trigger=_trigger_cue(doc, c))


def _device_source(doc: Doc, c: Candidate, source: list[Actor]) -> list[Actor]:
    """ "A roadside bombing near Samarra killed ...": an attack no one is named for is
    coded, as the GSR does, by the country it happened in."""
    if any(a.code for a in source):
        return source
    verbs = [c.anchor] + ([c.head] if c.head != c.anchor else [])
    devices = [t for v in verbs for t in v.children if t.lemma_.lower() in DEVICES and (
        t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "pobj")]
    devices += [g for v in verbs for p in v.children if p.dep_ in ("agent", "prep")
                and p.lower_ in ("by", "in") for g in p.children
                if g.dep_ == "pobj" and g.lemma_.lower() in DEVICES]
    if not devices:
        return source
    dev = devices[0]
    code = place_code_near([dev, *verbs])
    if code is None:
        return source
    covering = [a for a in source if a.span and a.span[0] <= dev.idx < a.span[1]]
    if covering:
        for a in covering:
            a.code = a.code or code
        return source
    if source:
        return source
    made = phrase_actors(doc, dev)
    for a in made:
        a.code = a.code or code
    return made


def _by_phone(tok: Token) -> bool:
    """ "had spoken to him by phone", "talks over the telephone"."""
    return any(c.dep_ == "prep" and c.lower_ in ("by", "over", "on") and
               any(g.lemma_.lower() in ("phone", "telephone", "videoconference", "video")
                   for g in c.children)
               for c in tok.children)


def _sent_span(sent: Span) -> tuple[int, int]:
    """The sentence without the whitespace around it (a paragraph break must not join parts)."""
    words = [t for t in sent if not t.is_space]
    if not words:
        return sent.start_char, sent.end_char
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _threat_mode(etype: str, mode: str | None) -> str | None:
    if etype == "COERCE":
        return tr.COERCE_THREAT_MODES.get(mode or "", "restrict")
    if etype == "SANCTION" and mode == "expel":
        return "expel"
    return tr.THREAT_MODES.get(etype)


def _overlap(a: Event, b: Event) -> bool:
    """Two events of a sentence share a party, or one names none."""
    pa, pb = a.source + a.target, b.source + b.target
    if not pa or not pb:
        return True
    return any(_same(x, y) for x in pa for y in pb)


def _sentence_dedup(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for ev in events:
        twin = next((o for o in out if o.type == ev.type and o.modality == ev.modality
                     and _overlap(o, ev)), None)
        if twin is None:
            out.append(ev)
            continue
        for role in ("source", "target"):
            have = getattr(twin, role)
            have.extend(a for a in getattr(ev, role) if not any(_same(a, b) for b in have))
        twin.date = twin.date or ev.date
        twin.location = twin.location or ev.location
    return out


def extract(doc: Doc, opts: Options | None = None) -> list[Event]:
    """All events of ``doc`` (doc offsets), one real-world event once."""
    with cache.holding(doc):
        return _extract(doc, opts or Options())


def _extract(doc: Doc, opts: Options) -> list[Event]:
    times = docext.times(doc)
    items: list[tuple[Event, bool, bool]] = []
    context: list[tuple[Event, Event]] = []
    last_date: str | None = None
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        cands = candidates(sent)
        # an action with no party ("the violence", "dams that supplied power") is no usable
        # event; a definite noun may still be news about an earlier one ("was called off")
        usable = [c for c in cands if (any(arguments(c)) or (c.is_noun and _definite(c)))
                  and not _natural_cause(c)]
        chosen = [_with_object_mode(c, cands) for c in choose(usable, opts)]
        built = [(build_event(doc, sent, c, times), _definite(c)) for c in chosen]
        # "was cancelled at the time": the time last named, not today
        for ev, _d in built:
            if ev.date is None and _at_that_time(sent):
                ev.date = last_date
            last_date = ev.date or last_date
        kept = _sentence_dedup([e for e, _d in built])
        # "the deal was struck": a reference with no party of its own only adds evidence,
        # unless it says something new about the event ("the summit was called off")
        items.extend((e, d, d and not (e.source or e.target) and e.modality == "asserted")
                     for e, d in built if any(e is k for k in kept))
        # "during that meeting ...": a mention of an earlier event, kept as its evidence;
        # "signed the deal after a four-hour meeting": a meeting that happened, between the
        # parties of the main event
        for c in cands:
            if any(c is x for x in chosen) or c.sense.type != "CONSULT":
                continue
            if _definite(c):
                ref = build_event(doc, sent, c, times)
                items.append((ref, True, True))
                for x, (ev, _d) in zip(chosen, built, strict=True):
                    if _set_in(c.head, x.anchor):
                        context.append((ev, ref))
                continue
            for x, (ev, _d) in zip(chosen, built, strict=True):
                if _set_in(c.head, x.anchor) and ev.type != "CONSULT" and \
                        len(ev.source + ev.target) >= 2 and ev.modality == "asserted":
                    setting = build_event(doc, sent, c, times)
                    setting.location = setting.location or ev.location
                    setting.source = [a for a in ev.source + ev.target
                                      if not (setting.location and a.text in setting.location)]
                    setting.target = []
                    setting.date = setting.date or ev.date
                    items.append((setting, False, False))
    starts = [s for s, _name in (doc._.ww_parts or [(0, None)])]

    def part_of(offset: int) -> int:
        return sum(1 for s in starts if s <= offset)

    joined: dict[int, Event] = {}
    out = merge_events(items, part_of, joined)
    # an event set "during that meeting" takes the meeting's date and place
    for ev, ref in context:
        earlier = joined.get(id(ref))
        if earlier is not None and earlier is not ev:
            ev.date = ev.date or earlier.date
            ev.location = ev.location or earlier.location
    return out


def _with_object_mode(c: Candidate, cands: list[Candidate]) -> Candidate:
    """ "began a three-day hunger strike": the verb's own mode (demo) gives way to the more
    telling mode of the same kind of event named by its object."""
    for o in cands:
        if o is not c and o.sense.type == c.sense.type and o.sense.mode and \
                o.sense.mode != c.sense.mode and o.head != c.head and \
                any(t.i == o.head.i for t in c.tokens) and c.sense.mode in (None, "demo"):
            c.sense = tr.Sense(c.sense.type, o.sense.mode)
            break
    return c


_NATURAL = frozenset({"earthquake", "quake", "landslide", "flood", "flooding", "storm", "fire",
                      "wildfire", "blaze", "tsunami", "avalanche", "hurricane", "cyclone", "typhoon",
                      "tornado", "heatwave", "drought", "magnitude", "aftershock", "accident",
                      "crash", "collapse", "disease", "virus", "outbreak", "epidemic", "rain",
                      "mudslide", "eruption", "lightning", "spill", "leak"})


def _natural_cause(c: Candidate) -> bool:
    """ "An earthquake killed 23 people": harm that is no one's action is no PLOVER event."""
    sources, _targets = arguments(c)
    subject, _passive = subject_of(c.anchor)
    heads = list(sources) + ([subject] if subject is not None else [])
    if c.is_noun:
        heads.append(c.head)
    for h in heads:
        words = {h.lemma_.lower(), h.lower_.removesuffix("s")} | {
            t.lemma_.lower() for t in h.children if t.dep_ in ("compound", "amod", "nmod")}
        if words & _NATURAL:
            return True
    return False


_THEN = ("at the time", "at that time", "back then", "by then", "at that point")


def _at_that_time(sent: Span) -> bool:
    text = sent.text.lower()
    return any(p in text for p in _THEN)


def _set_in(noun: Token, anchor: Token) -> bool:
    """ "During that meeting, X agreed": the noun sets the time of the anchor's event."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in ("during", "at", "on", "after") and \
        prep.head == anchor


def _definite(c: Candidate) -> bool:
    """ "the summit", "that meeting": a reference to an event told before."""
    return c.is_noun and any(d.dep_ == "det" and d.lower_ in ("the", "that", "this")
                             for d in c.head.children)
