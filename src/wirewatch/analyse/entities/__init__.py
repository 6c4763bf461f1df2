"""Entities: canonical people, organisations and places within an article.

    extract.py  doc.ents -> mentions trimmed to names, with the words around them
    resolve.py  mentions -> entities (pure: labels repaired, names clustered, codes)
    roles.py    titles used alone ("the Secretary") as further mentions
    component.py the ``ww_entities`` pipe: compute, then annotate
    actors.py   :func:`actor_for_text`, the pure helper the quotes and events
                stages use to code a noun phrase as an actor (code, sector)

Country, IGO, role and place knowledge lives in :mod:`wirewatch.analyse.lexicon`.
"""

from wirewatch.analyse.entities.actors import actor_for_text

__all__ = ["actor_for_text"]
