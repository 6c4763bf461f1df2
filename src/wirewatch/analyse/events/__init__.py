"""PLOVER events: who did what to whom, when and where, and whether it happened.

    detect (triggers.py lexicon, governors)  -> candidates per sentence
    extract: choose the main candidate per clause, then
             args (source/target heads) -> actors (Actor with codes)
             modality, context (date, place)
    merge: one real-world event mentioned twice -> one Event with spans
    component: the ``ww_events`` spaCy component (the PLOVER view for exports is
               wirewatch.store.export.plover_view, as the events scorer maps it)
"""
