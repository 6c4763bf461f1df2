"""Following: subscriptions, and matching stored articles against them.

    subscriptions.py  what a person typed -> a validated SubscriptionRow (pure; errors name the fix)
    keys.py           names, pairs and queries as the keys matching compares
    features.py       one article's facts, read once: parties, events, changes, words
    index.py          SubscriptionIndex: dict lookups from an article to candidate subscriptions
    match.py          match(record, update, index) -> outbox rows (what makes an alert: its docstring)
    overdue.py        mark_overdue(store, today): expectations gone overdue, and their followers' alerts
"""

from wirewatch.follow.index import SubscriptionIndex
from wirewatch.follow.match import match, match_all, match_changes
from wirewatch.follow.overdue import mark_overdue
from wirewatch.follow.subscriptions import (
    FollowError,
    add_subscription,
    describe,
    new_subscription,
    webhook_secret,
)

__all__ = ["FollowError", "SubscriptionIndex", "add_subscription", "describe", "match",
           "mark_overdue", "match_all", "match_changes", "new_subscription", "webhook_secret"]
