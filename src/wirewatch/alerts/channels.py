"""The built-in channels by name, configured from the environment in one call.

The sender that drains the outbox looks a subscription's channel up here::

    notifiers = notifiers_from_env(secrets=store.webhook_secret)
    delivery = notifiers[subscription.channel].send(alert)

A plug-in channel is any object with the :class:`~wirewatch.alerts.notify.Notifier`
methods added to the same mapping; the built-ins get no special treatment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from wirewatch.alerts.atom import AtomNotifier, AtomSettings
from wirewatch.alerts.config import describe
from wirewatch.alerts.email import EmailNotifier, EmailSettings
from wirewatch.alerts.notify import Notifier
from wirewatch.alerts.outbox import RetryPolicy
from wirewatch.alerts.webhook import WebhookNotifier, WebhookSettings

CHANNELS: tuple[str, ...] = ("email", "webhook", "atom")


def notifiers_from_env(
    env: Mapping[str, str] | None = None,
    secrets: Callable[[str], str | bytes | None] | None = None,
) -> dict[str, Notifier]:
    """One notifier per built-in channel, each with its ``WIREWATCH_*`` settings (read now, not at import)."""
    return {
        "email": EmailNotifier(EmailSettings.from_env(env)),
        "webhook": WebhookNotifier(WebhookSettings.from_env(env), secrets=secrets),
        "atom": AtomNotifier(AtomSettings.from_env(env)),
    }


def describe_settings() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every alert-delivery setting, for docs and ``--help``."""
    return describe(EmailSettings) + describe(WebhookSettings) + describe(AtomSettings) + describe(RetryPolicy)
