"""Time passing: expectations whose window went by with no report become overdue, and their
followers hear of it.

The one change of an expectation that no article causes; ``wirewatch watch`` calls
:func:`mark_overdue` every round and ``wirewatch expectations --refresh`` on demand.
"""

from __future__ import annotations

from datetime import date

from wirewatch.follow.index import SubscriptionIndex
from wirewatch.follow.match import match_changes
from wirewatch.store import Store
from wirewatch.stories.expectations import refresh_overdue


def mark_overdue(store: Store, today: date | str) -> int:
    """Record as overdue the pending expectations whose window (plus grace) ended before ``today``,
    and queue their followers' alerts (quoting the announcing article), in one transaction.

    Returns how many expectations changed.
    """
    with store.atomic():
        changed = refresh_overdue(store, today)
        if changed and store.subscriptions():
            store.add_alerts(match_changes(changed, SubscriptionIndex.from_store(store), store.get))
    return len(changed)
