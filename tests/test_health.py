"""When a deployment is unhealthy: tables of feeds, daemons and digests at a given time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from tracker.config import Config, DigestConfig, PollingConfig
from tracker.health import assess_health, digest_due_time
from tracker.types import DaemonInfo, DigestRecord, DigestState, FeedState

NOW = datetime(2025, 2, 10, 12, 0, tzinfo=UTC)
CONFIG = Config(path=None, database_url="sqlite://", feeds=(), claims=(),
                polling=PollingConfig(interval=900))  # fmt: skip
DIGEST = DigestConfig(to=("a@example.org",), time=time(7, 0), timezone="UTC",
                      misfire_grace=3600, retry_attempts=3, retry_backoff=300)  # fmt: skip


def feed(
    n: int, *, ok_ago: float | None = 60, errors: int = 0, interval: int | None = None
) -> FeedState:
    return FeedState(
        id=n, url=f"https://example.org/{n}.xml", name=None, interval=interval, tags=(),
        source="config",
        last_success=NOW - timedelta(seconds=ok_ago) if ok_ago is not None else None,
        error_count=errors,
    )  # fmt: skip


def daemon(started_ago: float) -> DaemonInfo:
    started = NOW - timedelta(seconds=started_ago)
    return DaemonInfo("h:1:abc", "h", 1, started, NOW)


def digest(day: date, state: DigestState) -> DigestRecord:
    start = datetime.combine(day, time(7), tzinfo=UTC)
    return DigestRecord(1, day, start - timedelta(days=1), start, ("a@example.org",), state)


def judge(feeds=(), daemons=(), digests=(), config=CONFIG, new_evidence=0):  # type: ignore[no-untyped-def]
    return assess_health(config, NOW, feeds=list(feeds), daemons=list(daemons),
                         digests=list(digests), new_evidence=new_evidence)  # fmt: skip


def test_recent_success_is_healthy() -> None:
    h = judge([feed(1), feed(2, errors=3)], [daemon(3600)])
    assert h.healthy and h.failing == 1 and h.last_success == NOW - timedelta(seconds=60)


@pytest.mark.parametrize(
    ("ok_ago", "healthy"),
    [(3 * 900 - 1, True), (3 * 900 + 1, False)],
)
def test_no_success_within_three_intervals(ok_ago: float, healthy: bool) -> None:
    h = judge([feed(1, ok_ago=ok_ago)], [daemon(86400)])
    assert h.healthy is healthy
    if not healthy:
        assert "no successful poll for 45m" in h.problems[0]


def test_the_shortest_feed_interval_counts() -> None:
    # One feed polled every 5 minutes: 20 minutes without success is too long.
    h = judge([feed(1, ok_ago=1200, interval=300), feed(2, ok_ago=1300)], [daemon(86400)])
    assert not h.healthy


def test_never_polled_is_unhealthy_only_once_a_daemon_had_time() -> None:
    never = [feed(1, ok_ago=None)]
    assert judge(never, [daemon(600)]).healthy
    assert not judge(never, [daemon(3 * 900 + 60)]).healthy
    (problem,) = judge(never, []).problems
    assert "no daemon runs" in problem


def test_all_feeds_failing() -> None:
    h = judge([feed(1, errors=1), feed(2, errors=5)], [daemon(60)])
    assert h.problems == ("all 2 feeds are failing",)
    assert judge([], []).healthy  # nothing configured: nothing to fail


def test_digest_due_time_includes_grace_and_retries() -> None:
    # 07:00 + 1 h grace + 5 + 10 min of retries
    assert digest_due_time(DIGEST, date(2025, 2, 10)) == datetime(2025, 2, 10, 8, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("digests", "daemon_age", "new_evidence", "overdue"),
    [
        # Today's 07:00 digest was due by 08:15; it is 12:00.
        ([digest(date(2025, 2, 10), DigestState.SENT)], 86400, 5, False),
        ([digest(date(2025, 2, 9), DigestState.SENT)], 86400, 5, True),
        ([digest(date(2025, 2, 10), DigestState.FAILED)], 60, 0, True),
        # A daemon started after 07:00 and no digest ever: not its fault.
        ([], 3600, 5, False),
        # A daemon running since before 07:00, evidence to send, nothing sent.
        ([], 86400, 5, True),
        # Nothing new: an empty digest is not sent and not recorded.
        ([digest(date(2025, 2, 9), DigestState.SENT)], 86400, 0, False),
    ],
)
def test_digest_overdue(
    digests: list[DigestRecord], daemon_age: float, new_evidence: int, overdue: bool
) -> None:
    config = replace(CONFIG, digest=DIGEST)
    h = judge([feed(1)], [daemon(daemon_age)], digests, config, new_evidence)
    assert (not h.healthy) is overdue, h.problems
    if overdue:
        assert "digest of 2025-02-10 is overdue" in h.problems[0]


def test_before_the_due_time_yesterday_is_judged() -> None:
    config = replace(CONFIG, digest=DIGEST)
    early = NOW.replace(hour=7, minute=30)
    h = assess_health(config, early, feeds=[feed(1)], daemons=[daemon(86400)],
                      digests=[digest(date(2025, 2, 9), DigestState.SENT)], new_evidence=3)  # fmt: skip
    assert h.healthy and h.digest_day == date(2025, 2, 9)
