"""Entities: canonical people, organisations and places within an article (see component.py).

:func:`actor_for_text` is the pure helper the quotes and events stages use to
code a noun phrase as an actor.
"""

from wirewatch.analyse.entities.actors import actor_for_text

__all__ = ["actor_for_text"]
