"""Sample alerts (wire-copy style, written for these tests) and loopback helpers shared by the alert tests."""

from __future__ import annotations

import socket

from wirewatch.alerts import Alert, alert_key


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def summit_off(recipient: str = "analyst@example.org", subscription: str = "sub-usa-rus") -> Alert:
    return Alert(
        key=alert_key(subscription, "fact-summit-off"),
        subscription_id=subscription,
        recipient=recipient,
        title="Lisbon summit between the two leaders: now called off",
        change="the summit planned for early March in Lisbon: now called off",
        reason="you follow FRA–DEU CONSULT",
        evidence="There are no plans for the leaders to meet in the coming weeks, an Elysee official told reporters.",
        source_url="https://news.example.org/world/summit-off?id=41&src=wire",
        outlet="Example Wire",
        published="2026-02-24",
        article_id="art-41",
        created_at="2026-02-24T10:15:00Z",
    )


def port_strike(recipient: str = "analyst@example.org", subscription: str = "sub-usa-rus") -> Alert:
    return Alert(
        key=alert_key(subscription, "fact-port-strike"),
        subscription_id=subscription,
        recipient=recipient,
        title="Dockworkers <strike> at Rotterdam & Antwerp",
        change="dockworkers walked out at two ports on Monday",
        reason="you follow the story 'North Sea port strike'",
        evidence='"We will stay out until the contract is signed," union leader Anna de Vries said.',
        source_url="https://news.example.org/business/ports",
        outlet="Example Wire",
        published="2026-02-23",
        article_id="art-40",
        created_at="2026-02-23T08:00:00Z",
    )
