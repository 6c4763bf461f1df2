"""The sender's logic: periods, grouping, backoff, and each outcome recorded (memory store, scripted notifier)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_outbox_samples import T0, Scripted, alert, enqueue, row, subscription
from wirewatch.alerts import Delivery
from wirewatch.alerts.digest import iso, parse_time, period_end, plan
from wirewatch.alerts.outbox import (
    RetryPolicy,
    SendReport,
    deliver_due,
    outbox_row,
    retry_dead,
    subscription_secret,
)
from wirewatch.store import MemoryStore
from wirewatch.store.follow_base import OutboxRow


def by_key(store: MemoryStore) -> dict[str, OutboxRow]:
    return {r.key: r for r in store.alerts()}


@pytest.mark.parametrize("cadence, at, due", [
    ("hourly", "2026-03-02T09:20:00Z", "2026-03-02T10:00:00Z"),
    ("hourly", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"),  # a boundary starts a period
    ("hourly", "2026-03-02T23:59:59+00:00", "2026-03-03T00:00:00Z"),
    ("hourly", "2026-03-02T11:30:00+02:00", "2026-03-02T10:00:00Z"),  # offsets become UTC
    ("daily", "2026-02-28T17:05:00Z", "2026-03-01T00:00:00Z"),
    ("immediate", "2026-03-02T09:20:00Z", "2026-03-02T09:20:00Z"),
])
def test_period_end(cadence: str, at: str, due: str) -> None:
    assert period_end(cadence, at) == due
    assert iso(parse_time(due)) == due


def test_period_end_names_a_bad_cadence() -> None:
    with pytest.raises(ValueError, match="weekly"):
        period_end("weekly", T0)


def test_backoff_doubles_is_capped_and_honours_retry_after() -> None:
    policy = RetryPolicy(alert_attempts=8, alert_backoff_base=60.0, alert_backoff_max=600.0)
    assert [policy.delay(n) for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]
    assert policy.delay(1, retry_after=300.0) == 300.0  # the receiver asked for longer
    assert policy.delay(3, retry_after=5.0) == 240.0  # never sooner than our own schedule
    assert policy.delay(1, retry_after=86400.0) == 600.0  # a year-long Retry-After is capped


def test_retry_policy_reads_the_environment_and_names_a_bad_value() -> None:
    policy = RetryPolicy.from_env({"WIREWATCH_ALERT_ATTEMPTS": "3", "WIREWATCH_ALERT_BACKOFF_BASE": "2.5"})
    assert (policy.alert_attempts, policy.alert_backoff_base) == (3, 2.5)
    with pytest.raises(ValueError, match="WIREWATCH_ALERT_ATTEMPTS"):
        RetryPolicy.from_env({"WIREWATCH_ALERT_ATTEMPTS": "lots"})


def test_plan_groups_digests_by_subscription_and_period() -> None:
    now_sub = subscription("sub-now")
    hourly = subscription("sub-hourly", cadence="hourly")
    gone = subscription("sub-gone")
    rows = [row(alert(0, hourly), hourly, "2026-03-02T09:05:00Z"),
            row(alert(0, now_sub), now_sub),
            row(alert(1, hourly), hourly, "2026-03-02T09:40:00Z"),
            row(alert(1, now_sub), now_sub),
            row(alert(2, hourly), hourly, "2026-03-02T10:10:00Z"),  # the next hour
            row(alert(2, gone), gone)]
    rows.append(rows[1])  # the same key twice counts once
    jobs = plan(rows, {"sub-now": now_sub, "sub-hourly": hourly, "sub-gone": None})
    shape = [(j.subscription_id, j.digest, len(j.rows)) for j in jobs]
    assert shape == [("sub-hourly", True, 2), ("sub-now", False, 1), ("sub-now", False, 1),
                     ("sub-hourly", True, 1), ("sub-gone", False, 1)]
    assert jobs[-1].subscription is None


def test_sent_rows_are_marked_with_message_id_and_not_sent_again() -> None:
    store, email = MemoryStore(), Scripted()
    sub = subscription()
    store.put_subscription(sub)
    alerts = enqueue(store, sub, 0, 1)
    report = deliver_due(store, {"email": email}, now=T0)
    assert (report.sent, report.messages, report.retry, report.dead) == (2, 2, 0, 0)
    rows = by_key(store)
    for a in alerts:
        assert rows[a.key].status == "sent" and rows[a.key].sent_at == T0
        assert rows[a.key].message_id == "mid-" + a.key[:8] and rows[a.key].attempts == 1
    again = deliver_due(store, {"email": email}, now="2026-03-02T12:00:00Z")
    assert again.outcomes == [] and len(email.calls) == 2


def test_retry_moves_due_at_by_backoff_then_dead_after_the_last_try() -> None:
    store, email = MemoryStore(), Scripted(script=["retry", "retry", "retry"])
    sub = subscription()
    store.put_subscription(sub)
    (a,) = enqueue(store, sub, 0)
    policy = RetryPolicy(alert_attempts=3, alert_backoff_base=60.0, alert_backoff_max=3600.0)
    first = deliver_due(store, {"email": email}, now=T0, policy=policy)
    assert first.retry == 1 and first.outcomes[0].due_at == "2026-03-02T09:21:00Z"
    assert by_key(store)[a.key].error == "scripted retry"
    assert deliver_due(store, {"email": email}, now="2026-03-02T09:20:59Z", policy=policy).outcomes == []
    second = deliver_due(store, {"email": email}, now="2026-03-02T09:21:00Z", policy=policy)
    assert second.outcomes[0].due_at == "2026-03-02T09:23:00Z"
    third = deliver_due(store, {"email": email}, now="2026-03-02T09:23:00Z", policy=policy)
    final = by_key(store)[a.key]
    assert third.dead == 1 and final.status == "dead" and final.attempts == 3
    assert final.error == "gave up after 3 tries; last: scripted retry"


def test_retry_after_from_the_receiver_is_honoured() -> None:
    store = MemoryStore()
    hook = Scripted(channel="webhook", script=[Delivery("retry", 1, detail="429 slow down", retry_after=900.0)])
    sub = subscription(channel="webhook", recipient="http://127.0.0.1:9/hook")
    store.put_subscription(sub)
    enqueue(store, sub, 0)
    report = deliver_due(store, {"webhook": hook}, now=T0)
    assert report.outcomes[0].due_at == "2026-03-02T09:35:00Z"


def test_dead_delivery_stores_the_error_and_others_still_go() -> None:
    store, email = MemoryStore(), Scripted(script=["dead", "sent"])
    bad, good = subscription("sub-bad", recipient="nobody@invalid.example"), subscription("sub-good")
    store.put_subscription(bad)
    store.put_subscription(good)
    (lost,) = enqueue(store, bad, 0)
    (ok,) = enqueue(store, good, 0)
    report = deliver_due(store, {"email": email}, now=T0)
    assert (report.dead, report.sent) == (1, 1)
    rows = by_key(store)
    assert rows[lost.key].status == "dead" and rows[lost.key].error == "mailbox unavailable: check the address"
    assert rows[ok.key].status == "sent"


def test_hourly_digest_goes_out_once_at_the_end_of_the_hour() -> None:
    store, email = MemoryStore(), Scripted()
    sub = subscription(cadence="hourly")
    store.put_subscription(sub)
    for n, minute in ((0, "05"), (1, "20"), (2, "55")):
        enqueue(store, sub, n, created_at=f"2026-03-02T09:{minute}:00Z")
    assert deliver_due(store, {"email": email}, now="2026-03-02T09:59:59Z").outcomes == []
    report = deliver_due(store, {"email": email}, now="2026-03-02T10:00:00Z")
    assert (report.sent, report.messages) == (3, 1) and report.outcomes[0].digest
    assert [kind for kind, _ in email.calls] == ["digest"] and len(email.calls[0][1]) == 3


def test_a_batch_limit_does_not_split_a_digest() -> None:
    store, email = MemoryStore(), Scripted()
    sub = subscription(cadence="hourly")
    store.put_subscription(sub)
    enqueue(store, sub, 0, 1, 2)
    report = deliver_due(store, {"email": email}, now="2026-03-02T10:00:00Z", limit=1)
    assert report.messages == 1 and len(email.calls[0][1]) == 3


def test_a_retried_digest_stays_one_digest() -> None:
    store, email = MemoryStore(), Scripted(script=["retry", "sent"])
    sub = subscription(cadence="daily")
    store.put_subscription(sub)
    enqueue(store, sub, 0, 1)
    first = deliver_due(store, {"email": email}, now="2026-03-03T00:00:00Z")
    assert first.retry == 2 and len({r.due_at for r in store.alerts()}) == 1
    second = deliver_due(store, {"email": email}, now="2026-03-03T00:01:00Z")
    assert second.messages == 1 and email.calls[0][1] == email.calls[1][1]
    assert {r.attempts for r in store.alerts()} == {2}


def test_rows_of_a_missing_subscription_are_cancelled() -> None:
    store, email = MemoryStore(), Scripted()
    ghost = subscription("sub-deleted-meanwhile")
    enqueue(store, ghost, 0)  # matching raced with 'unfollow': the subscription is not there
    report = deliver_due(store, {"email": email}, now=T0)
    (only,) = store.alerts()
    assert report.skipped == 1 and only.status == "cancelled" and email.calls == []
    assert "no longer exists" in (only.error or "")


def test_a_channel_without_notifier_is_dead_naming_the_channel_and_fix() -> None:
    store = MemoryStore()
    sub = subscription(channel="sms", recipient="+15550100")
    store.put_subscription(sub)
    enqueue(store, sub, 0)
    report = deliver_due(store, {"email": Scripted()}, now=T0)
    (only,) = store.alerts()
    assert report.dead == 1 and only.status == "dead"
    assert "'sms'" in (only.error or "") and "retry" in (only.error or "")


def test_an_unreadable_row_is_dead_and_its_neighbours_go() -> None:
    store, email = MemoryStore(), Scripted()
    sub = subscription(cadence="hourly")
    store.put_subscription(sub)
    good = enqueue(store, sub, 0)[0]
    store.add_alerts([replace(row(alert(1, sub), sub), alert="{not json"),
                      replace(row(alert(2, sub), sub), alert="[1, 2]")])
    report = deliver_due(store, {"email": email}, now="2026-03-02T10:00:00Z")
    assert (report.sent, report.dead) == (1, 2) and email.calls == [("digest", (good.key,))]
    errors = sorted(r.error or "" for r in store.alerts(status="dead"))
    assert any("not an object" in e for e in errors) and all("holds no readable alert" in e for e in errors)


def test_a_notifier_that_raises_is_a_retry_not_a_crash() -> None:
    class Broken(Scripted):
        def send(self, alert: object) -> Delivery:
            raise RuntimeError("plug-in bug")

    store = MemoryStore()
    sub = subscription()
    store.put_subscription(sub)
    enqueue(store, sub, 0, 1)
    report = deliver_due(store, {"email": Broken()}, now=T0)
    assert report.retry == 2 and "plug-in bug" in report.outcomes[0].detail


def test_current_address_of_the_subscription_is_used() -> None:
    store, email = MemoryStore(), Scripted()
    sub = subscription(recipient="old@example.org")
    store.put_subscription(sub)
    enqueue(store, sub, 0)
    store.put_subscription(replace(sub, recipient="new@example.org"))
    report = deliver_due(store, {"email": email}, now=T0)
    assert report.outcomes[0].recipient == "new@example.org"


def test_retry_dead_requeues_due_now_with_fresh_tries() -> None:
    store, email = MemoryStore(), Scripted(script=["dead", "dead"])
    sub = subscription()
    store.put_subscription(sub)
    first, second = enqueue(store, sub, 0, 1)
    deliver_due(store, {"email": email}, now=T0)
    requeued = retry_dead(store, [first.key], now="2026-03-02T11:00:00Z")
    assert [r.key for r in requeued] == [first.key]
    rows = by_key(store)
    assert (rows[first.key].status, rows[first.key].attempts, rows[first.key].due_at) == \
        ("pending", 0, "2026-03-02T11:00:00Z")
    assert rows[second.key].status == "dead"
    assert deliver_due(store, {"email": email}, now="2026-03-02T11:00:00Z").sent == 1
    assert len(retry_dead(store, now="2026-03-02T11:00:00Z")) == 1


def test_subscription_secret_comes_from_its_data() -> None:
    store = MemoryStore()
    store.put_subscription(subscription("sub-hook", channel="webhook", secret="k3y"))
    store.put_subscription(subscription("sub-plain"))
    store.put_subscription(replace(subscription("sub-odd"), data="[1, 2]"))
    assert subscription_secret(store, "sub-hook") == "k3y"
    assert subscription_secret(store, "sub-plain") is None and subscription_secret(store, "sub-odd") is None
    assert subscription_secret(store, "sub-missing") is None


def test_report_counts_rows_and_serialises() -> None:
    store, email = MemoryStore(), Scripted(script=["sent", "retry"])
    sub = subscription()
    store.put_subscription(sub)
    enqueue(store, sub, 0, 1)
    report = deliver_due(store, {"email": email}, now=T0)
    assert report.summary() == "sent 1, retry 1, dead 0, skipped 0 (1 message)"
    data = json.loads(json.dumps(report.to_dict()))
    assert data["sent"] == 1 and data["outcomes"][1]["status"] == "retry"
    merged = SendReport(now=T0)
    merged.extend(report)
    assert merged.retry == 1


def test_outbox_row_is_due_now_or_at_the_end_of_the_period() -> None:
    sub = subscription(cadence="daily")
    made = outbox_row(alert(0, sub), "daily", now="2026-03-02T09:20:00.5+00:00")
    assert (made.key, made.subscription_id, made.status) == (alert(0, sub).key, sub.id, "pending")
    assert (made.created_at, made.due_at) == ("2026-03-02T09:20:00Z", "2026-03-03T00:00:00Z")
    assert outbox_row(alert(0, sub), "immediate", now=T0).due_at == T0
    assert json.loads(made.alert)["title"] == "Doha ceasefire talks postponed to next week"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["sub-a", "sub-b", "sub-c", "sub-gone"]), st.integers(0, 2),
                          st.integers(0, 3)), max_size=25))
def test_plan_puts_every_row_in_exactly_one_fitting_job(picks: list[tuple[str, int, int]]) -> None:
    subs = {"sub-a": subscription("sub-a"), "sub-b": subscription("sub-b", cadence="hourly"),
            "sub-c": subscription("sub-c", cadence="daily"), "sub-gone": None}
    rows = []
    for sid, story, hour in picks:
        made = subs[sid] or subscription(sid)
        rows.append(row(alert(story, made), made, f"2026-03-02T0{hour}:30:00Z"))
    jobs = plan(rows, subs)
    placed = [k for job in jobs for k in job.keys]
    assert sorted(placed) == sorted({r.key for r in rows})
    for job in jobs:
        assert {r.subscription_id for r in job.rows} == {job.subscription_id}
        known = subs[job.subscription_id]
        assert job.digest == (known is not None and known.cadence != "immediate")
        if job.digest:
            assert len({r.due_at for r in job.rows}) == 1
        elif job.subscription is not None:
            assert len(job.rows) == 1


def test_a_receiver_failing_again_and_again_is_paused_and_the_queue_goes_on() -> None:
    store = MemoryStore()
    email = Scripted(script=["retry"] * 10)
    hook = Scripted(channel="webhook")
    mail_subs = [subscription(f"sub-mail-{i}", recipient=f"reader{i}@example.org") for i in range(5)]
    hook_sub = subscription("sub-hook", channel="webhook", recipient="http://hooks.example.net/in")
    for sub in [*mail_subs, hook_sub]:
        store.put_subscription(sub)
        enqueue(store, sub, 0)
    report = deliver_due(store, {"email": email, "webhook": hook}, now=T0)
    assert len(email.calls) == 3 and (report.retry, report.deferred, report.sent) == (3, 2, 1)
    assert report.summary() == "sent 1, retry 3, dead 0, skipped 0, deferred 2 (1 message)"
    waiting = [r for r in store.alerts() if r.subscription_id in {"sub-mail-3", "sub-mail-4"}]
    assert {(r.status, r.attempts, r.due_at) for r in waiting} == {("pending", 0, "2026-03-02T09:21:00Z")}
    assert all("email failed 3 times in a row" in (r.error or "") for r in waiting)
