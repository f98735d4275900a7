"""When feeds are polled next: tables of states and times, no sleeping."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from tracker.feeds.scheduling import (
    backoff_seconds,
    effective_interval,
    is_due,
    next_poll_after_success,
)
from tracker.types import FeedState

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)


def feed(next_poll: datetime | None) -> FeedState:
    return FeedState(
        id=1,
        url="https://a.example/rss",
        name=None,
        interval=None,
        tags=(),
        source="config",
        next_poll=next_poll,
    )


@pytest.mark.parametrize(
    ("next_poll", "due"),
    [
        (None, True),
        (NOW - timedelta(seconds=1), True),
        (NOW, True),
        (NOW + timedelta(seconds=1), False),
    ],
)
def test_is_due(next_poll: datetime | None, due: bool) -> None:
    assert is_due(feed(next_poll), NOW) is due


@pytest.mark.parametrize(
    ("interval", "server_min", "cap", "expected"),
    [
        (900, None, 3600, 900),
        (900, 1800, 3600, 1800),
        (900, 600, 3600, 900),
        (900, 86400, 3600, 3600),
    ],
)
def test_server_requested_interval_is_a_capped_lower_bound(
    interval: int, server_min: int | None, cap: int, expected: int
) -> None:
    assert effective_interval(interval, server_min, cap) == expected
    assert next_poll_after_success(NOW, interval, server_min, cap) == NOW + timedelta(
        seconds=expected
    )


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    rng = random.Random(7)
    delays = [backoff_seconds(n, 60, 3600, rng=rng) for n in range(1, 9)]
    for n, delay in enumerate(delays[:6], start=1):
        base = 60 * 2 ** (n - 1)
        assert base <= delay <= base * 1.1
    assert delays[-1] == 3600 and max(delays) <= 3600


def test_retry_after_is_obeyed_but_capped() -> None:
    assert backoff_seconds(1, 60, 86400, retry_after=7200, rng=random.Random(1)) == 7200
    assert backoff_seconds(1, 60, 3600, retry_after=10**9, rng=random.Random(1)) == 3600
    short = backoff_seconds(1, 600, 3600, retry_after=5, rng=random.Random(1))
    assert short >= 600, "a short Retry-After does not make us poll faster than the backoff"
