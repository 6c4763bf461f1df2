"""Time passing: expectations whose window went by with no report become overdue, and their
followers hear of it.

The one change of an expectation that no article causes; ``wirewatch watch`` calls
:func:`mark_overdue` every round and ``wirewatch expectations --refresh`` on demand.
"""

from __future__ import annotations

from datetime import date, timedelta

from wirewatch.follow.index import SubscriptionIndex
from wirewatch.follow.match import match_changes
from wirewatch.store import Store
from wirewatch.stories.expectations import refresh_overdue

# Followers hear of a plan going overdue when it is news: a watcher started today on an archive
# marks last year's unreported plans overdue too, without telling anyone.
ALERT_WINDOW_DAYS = 30


def mark_overdue(store: Store, today: date | str) -> int:
    """Record as overdue the pending expectations whose window (plus grace) ended before ``today``,
    and queue their followers' alerts (quoting the announcing article), in one transaction; only
    for windows that ended in the last :data:`ALERT_WINDOW_DAYS` days (older ones are old news).

    Returns how many expectations changed.
    """
    day = today if isinstance(today, date) else date.fromisoformat(today)
    since = (day - timedelta(days=ALERT_WINDOW_DAYS)).isoformat()
    with store.atomic():
        changed = refresh_overdue(store, day)
        recent = [e for e in changed if e.window_end is None or e.window_end >= since]
        if recent and store.subscriptions():
            store.add_alerts(match_changes(recent, SubscriptionIndex.from_store(store), store.get))
    return len(changed)
