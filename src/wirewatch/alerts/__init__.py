"""Alert delivery: one :class:`Notifier` interface, three built-in channels.

The outbox sender (:mod:`~wirewatch.alerts.outbox`: ``deliver_due``;
:mod:`~wirewatch.alerts.sender`: ``Sender`` for loops) hands each due
:class:`Alert` to the notifier of its subscription's channel and records the
:class:`Delivery`::

    from wirewatch.alerts import EmailNotifier, EmailSettings
    notifier = EmailNotifier(EmailSettings.from_env())
    delivery = notifier.send(alert)   # "sent" | "retry" | "dead" (+ dead_letter)

Channels: :mod:`~wirewatch.alerts.email` (SMTP; ``with notifier.session():``
keeps one connection while draining many alerts), :mod:`~wirewatch.alerts.webhook`
(signed JSON POST with retries; ``attempt`` for one try when the outbox schedules
retries itself) and :mod:`~wirewatch.alerts.atom` (a feed file per subscription).
:func:`notifiers_from_env` builds all three by channel name. Importing this
package reads no settings and opens nothing.
"""

from wirewatch.alerts.atom import AtomNotifier, AtomSettings
from wirewatch.alerts.channels import CHANNELS, describe_settings, notifiers_from_env
from wirewatch.alerts.email import EmailNotifier, EmailSettings
from wirewatch.alerts.notify import (
    Alert,
    DeadLetter,
    Delivery,
    DeliveryStatus,
    Notifier,
    alert_key,
    digest_key,
)
from wirewatch.alerts.webhook import WebhookNotifier, WebhookSettings, verify_signature

__all__ = [
    "CHANNELS", "describe_settings", "notifiers_from_env",
    "Alert", "AtomNotifier", "AtomSettings", "DeadLetter", "Delivery", "DeliveryStatus", "EmailNotifier",
    "EmailSettings", "Notifier", "WebhookNotifier", "WebhookSettings", "alert_key", "digest_key",
    "verify_signature",
]
