"""When feeds are polled next: tables of states and times, no sleeping; and storage
selecting due feeds by the same rule, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from helpers import wipe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.feeds.scheduling import (
    backoff_seconds,
    effective_interval,
    is_due,
    next_poll_after_success,
    poll_order,
)
from tracker.storage import Storage
from tracker.types import FeedConfig, FeedPollUpdate, FeedState

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


# --- storage selects due feeds by the same rule --------------------------------------------

_OFFSETS = st.one_of(st.none(), st.integers(-3600, 3600))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(feeds=st.lists(st.tuples(_OFFSETS, st.booleans()), max_size=12), limit=st.integers(1, 15))
def test_storage_selects_and_leases_the_feeds_the_rule_says_are_due(
    storage: Storage, feeds: list[tuple[int | None, bool]], limit: int
) -> None:
    """get_due_feeds and lease_due_feeds (SQL) give what is_due and poll_order give."""
    wipe(storage)
    for i, (offset, active) in enumerate(feeds):
        url = f"https://f{i}.example/rss"
        storage.add_feed(FeedConfig(url=url), now=NOW)
        if offset is not None:
            [stored] = [f for f in storage.get_feeds() if f.url == url]
            at = NOW + timedelta(seconds=offset)
            storage.record_poll(FeedPollUpdate(feed_id=stored.id, polled_at=NOW, next_poll=at))
        if not active:
            storage.remove_feed(url)
    expected = sorted((f for f in storage.get_feeds() if is_due(f, NOW)), key=poll_order)
    assert storage.get_due_feeds(NOW) == expected
    assert storage.get_due_feeds(NOW, limit=limit) == expected[:limit]
    leased = storage.lease_due_feeds("d", NOW, lease_seconds=60, limit=limit)
    assert [f.url for f in leased] == [f.url for f in expected[:limit]]
