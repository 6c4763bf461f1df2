"""Stories: grouping articles that report the same real-world events, and following them.

- ``duplicates``: near-duplicate copies at ingest (MinHash LSH).
- ``cluster``: stateless grouping of a batch of texts (``wirewatch cluster``, the ECB+ kit).
- ``assign``: incremental assignment over the store; a new article joins a story or starts
  one, stories merge when an article shows they are one, an article stored again moves when
  another story fits it better; the in-memory index follows the store (other writers,
  rolled-back blocks). ``profile``: what it compares (article features, story profiles, titles).
- ``timeline``: events of a story, an entity or an actor pair, by event date, one entry per
  real-world event with every source and quote.
- ``expectations``: announced future events tracked to happened / cancelled / denied /
  overdue, each change with the article that caused it; ``refresh_overdue`` is what a watch
  round calls. ``plans``: which future events are plans at all (not analysis noise).
- ``update``: ``update_stories(store, record)``, what ingest calls after storing an article.
- ``model``, ``features``, ``dates``: the dataclasses users see, what is read from a record,
  TIMEX3 values as calendar windows.
"""
