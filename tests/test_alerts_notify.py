"""The notifier interface: alert data, keys, rendering, settings; no network."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_alerts_samples import port_strike, summit_off
from wirewatch.alerts import (
    CHANNELS,
    Alert,
    AtomNotifier,
    AtomSettings,
    DeadLetter,
    EmailNotifier,
    EmailSettings,
    Notifier,
    WebhookNotifier,
    WebhookSettings,
    alert_key,
    describe_settings,
    digest_key,
    notifiers_from_env,
    render,
)
from wirewatch.alerts.config import describe
from wirewatch.alerts.email import build_message


def test_alert_key_is_stable_and_distinct() -> None:
    assert alert_key("s1", "f1") == alert_key("s1", "f1")
    assert alert_key("s1", "f1") != alert_key("s2", "f1")
    assert alert_key("s1", "f1") != alert_key("s1", "f2")
    # A separator that cannot occur in ids keeps ("a", "bc") and ("ab", "c") apart.
    assert alert_key("a", "bc") != alert_key("ab", "c")
    assert len(alert_key("s", "f")) == 64


def test_alert_json_round_trip_and_canonical() -> None:
    alert = summit_off()
    data = json.loads(alert.to_json())
    assert data["kind"] == "alert"
    assert data["change"] == "the summit planned for early March in Lisbon: now called off"
    assert Alert.from_dict(data) == alert
    assert alert.to_json() == Alert.from_dict(data).to_json()
    # Fields added by a later version do not break an older reader.
    assert Alert.from_dict({**data, "story_id": "st-9"}) == alert


def test_alert_from_dict_names_what_is_missing() -> None:
    with pytest.raises(ValueError, match="lacks change, title"):
        Alert.from_dict({"key": "k", "subscription_id": "s", "recipient": "r"})


def test_alert_without_a_key_is_refused() -> None:
    with pytest.raises(ValueError, match="no idempotency key: build one with alert_key"):
        replace(summit_off(), key=" ")


def test_dead_letter_round_trip() -> None:
    letter = DeadLetter(alerts=(summit_off(), port_strike()), channel="webhook",
                        recipient="https://hooks.example.org/in", error="gave up", attempts=5)
    again = DeadLetter.from_dict(json.loads(json.dumps(letter.to_dict())))
    assert again == letter
    assert again.alert == summit_off()


def test_digest_key_ignores_order() -> None:
    a, b = summit_off(), port_strike()
    assert digest_key([a, b]) == digest_key([b, a])
    assert digest_key([a]) != digest_key([a, b])


def test_html_escapes_everything_and_links_only_http() -> None:
    alert = replace(port_strike(), evidence="<script>alert(1)</script> & more",
                    source_url="javascript:alert(1)")
    fragment = render.html_fragment(alert)
    assert "<script>" not in fragment
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in fragment
    assert "javascript:" not in fragment
    assert "href" not in fragment
    good = render.html_fragment(port_strike())
    assert '<a href="https://news.example.org/business/ports">Example Wire, 2026-02-23</a>' in good


def test_plain_text_is_readable() -> None:
    text = render.plain(summit_off())
    lines = text.splitlines()
    assert lines[0] == "the summit planned for early March in Lisbon: now called off"
    assert "“There are no plans for the leaders to meet in the coming weeks" in text
    assert "— Example Wire, 2026-02-24" in text
    assert "https://news.example.org/world/summit-off?id=41&src=wire" in text
    assert "Why you get this: you follow FRA–DEU CONSULT" in text
    assert "<" not in text


def test_subject_is_one_line_without_control_characters() -> None:
    alert = replace(summit_off(), title="Summit\r\nBcc: victim@example.org\x00 off " + "x" * 300)
    subject = render.subject(alert)
    assert "\n" not in subject and "\r" not in subject and "\x00" not in subject
    assert len(subject) <= render.SUBJECT_MAX
    assert render.subject(replace(summit_off(), title="", change="")) == "wirewatch alert"


def test_settings_from_env_and_describe() -> None:
    env = {"WIREWATCH_SMTP_PORT": "587", "WIREWATCH_SMTP_STARTTLS": "yes", "WIREWATCH_SMTP_TIMEOUT": "2.5",
           "WIREWATCH_SMTP_PASSWORD": "hunter2"}
    s = EmailSettings.from_env(env, smtp_host="mail.example.org")
    assert (s.smtp_port, s.smtp_starttls, s.smtp_timeout, s.smtp_host) == (587, True, 2.5, "mail.example.org")
    assert "hunter2" not in repr(s)
    rows = {name: (default, help) for name, default, help in describe(EmailSettings)}
    assert rows["WIREWATCH_SMTP_PASSWORD"][0] == "(secret)"
    assert rows["WIREWATCH_SMTP_PORT"][0] == "25"
    assert all(help for _, help in rows.values())
    assert WebhookSettings.from_env({"WIREWATCH_WEBHOOK_ATTEMPTS": "3"}).webhook_attempts == 3
    assert AtomSettings.from_env({"WIREWATCH_ATOM_MAX_ENTRIES": "10"}).atom_max_entries == 10


@pytest.mark.parametrize(("name", "raw", "message"), [
    ("WIREWATCH_SMTP_PORT", "submission", "not a whole number"),
    ("WIREWATCH_SMTP_STARTTLS", "maybe", "not a boolean"),
    ("WIREWATCH_SMTP_TIMEOUT", "soon", "not a number"),
])
def test_bad_settings_name_the_variable(name: str, raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"{name}=.*{message}"):
        EmailSettings.from_env({name: raw})


def test_every_channel_is_a_notifier(tmp_path: Path) -> None:
    notifiers: list[Notifier] = [EmailNotifier(), WebhookNotifier(), AtomNotifier(AtomSettings(atom_dir=str(tmp_path)))]
    assert all(isinstance(n, Notifier) for n in notifiers)
    assert [n.channel for n in notifiers] == ["email", "webhook", "atom"]


def test_digest_for_two_recipients_is_dead_everywhere_without_sending(tmp_path: Path) -> None:
    notifiers: list[Notifier] = [EmailNotifier(EmailSettings(smtp_port=1)), WebhookNotifier(),
                                 AtomNotifier(AtomSettings(atom_dir=str(tmp_path)))]
    for notifier in notifiers:
        delivery = notifier.send_digest([summit_off("a@example.org"), port_strike("b@example.org")])
        assert delivery.status == "dead" and delivery.attempts == 0
        assert "one recipient" in delivery.detail
        mixed = notifier.send_digest([summit_off(subscription="a"), port_strike(subscription="b")])
        assert mixed.status == "dead" and "one subscription" in mixed.detail
        assert delivery.dead_letter is not None and len(delivery.dead_letter.alerts) == 2
        empty = notifier.send_digest([])
        assert empty.status == "sent" and empty.attempts == 0
    assert list(tmp_path.iterdir()) == []


def test_notifiers_from_env_reads_each_channel(tmp_path: Path) -> None:
    env = {"WIREWATCH_SMTP_HOST": "mail.example.org", "WIREWATCH_WEBHOOK_ATTEMPTS": "2",
           "WIREWATCH_ATOM_DIR": str(tmp_path)}
    notifiers = notifiers_from_env(env)
    assert sorted(notifiers) == sorted(CHANNELS)
    email, webhook, atom = notifiers["email"], notifiers["webhook"], notifiers["atom"]
    assert isinstance(email, EmailNotifier) and email.settings.smtp_host == "mail.example.org"
    assert isinstance(webhook, WebhookNotifier) and webhook.settings.webhook_attempts == 2
    assert isinstance(atom, AtomNotifier) and atom.settings.atom_dir == str(tmp_path)
    names = [name for name, _, _ in describe_settings()]
    assert len(names) == len(set(names)) and "WIREWATCH_WEBHOOK_SECRET" in names


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=80), change=st.text(max_size=80), evidence=st.text(max_size=200),
       url=st.text(max_size=40), created=st.text(max_size=30), subscription=st.text(max_size=20))
def test_any_text_gives_a_well_formed_email(title: str, change: str, evidence: str, url: str, created: str,
                                            subscription: str) -> None:
    alert = replace(summit_off(), title=title, change=change, evidence=evidence, source_url=url,
                    created_at=created, subscription_id=subscription)
    settings_ = EmailSettings(smtp_unsubscribe_url="https://wirewatch.example/u/{subscription_id}")
    msg = build_message([alert], settings_)
    raw = msg.as_bytes()
    again = message_from_bytes(raw, policy=policy.default)
    assert isinstance(again, EmailMessage)
    assert "\n" not in str(again["Subject"]) and again["Message-ID"] == msg["Message-ID"]
    html_part = again.get_body(preferencelist=("html",))
    assert html_part is not None
    html_text = str(html_part.get_content())
    # Only the template's own tags appear: nothing from the alert is markup.
    assert set(re.findall(r"<([a-zA-Z!]+)", html_text)) <= {"!DOCTYPE", "html", "head", "meta", "title", "body",
                                                            "p", "strong", "blockquote", "a", "small", "hr"}
