"""What a watcher keeps from one round to the next instead of loading it from the store each time.

- the near-duplicate index, topped up each round with the signatures stored since (by this
  watcher or by another process);
- the subscription index, rebuilt only when the subscriptions changed (building it takes seconds
  at 100,000 subscriptions; comparing the rows takes a fraction of that).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wirewatch.follow import SubscriptionIndex, match
from wirewatch.ingest import Matcher
from wirewatch.store import Store
from wirewatch.store.follow_base import SubscriptionRow
from wirewatch.stories.duplicates import NearDuplicates


@dataclass
class Kept:
    copies: NearDuplicates = field(default_factory=NearDuplicates)
    rows: list[SubscriptionRow] | None = None
    index: SubscriptionIndex | None = None
    builds: int = 0  # how many times the subscription index was built (for tests and logs)

    def matcher(self, store: Store) -> Matcher | None:
        """Matching against the store's subscriptions as they are now; None when nobody follows anything."""
        rows = store.subscriptions()
        if not rows:
            self.rows, self.index = rows, None
            return None
        if self.index is None or rows != self.rows:
            self.index = SubscriptionIndex.from_store(store)
            self.rows = rows
            self.builds += 1
        index = self.index
        return lambda record, update: match(record, update, index)
