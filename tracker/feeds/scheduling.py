"""When each feed is polled next: pure functions of the feed's state and `now`."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from tracker.types import FeedState


def is_due(feed: FeedState, now: datetime) -> bool:
    """A feed never polled, or whose next poll time has come, is due.

    Storage selects and leases due feeds by the same rule written in SQL
    (`storage.feeds._due`); a property test holds the two equal.
    """
    return feed.next_poll is None or feed.next_poll <= now


def poll_order(feed: FeedState) -> tuple[bool, datetime, int]:
    """Due feeds are polled in this order: never polled first, then the longest due
    (ties by id). Storage orders due feeds by the same key in SQL."""
    return feed.next_poll is not None, feed.next_poll or _NEVER, feed.id


_NEVER = datetime.min.replace(tzinfo=UTC)


def effective_interval(interval: int, min_interval: int | None, max_server_interval: int) -> int:
    """The feed's interval, raised to the server's requested minimum (capped)."""
    if min_interval is None:
        return interval
    return max(interval, min(min_interval, max_server_interval))


def next_poll_after_success(
    now: datetime, interval: int, min_interval: int | None, max_server_interval: int
) -> datetime:
    """A feed that answered is polled again after its (possibly server-raised) interval."""
    return now + timedelta(seconds=effective_interval(interval, min_interval, max_server_interval))


def backoff_seconds(
    error_count: int,
    interval: int,
    max_backoff: int,
    *,
    retry_after: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Delay before retrying a failing feed.

    Exponential in the number of consecutive errors (interval x 2^(n-1)), with
    up to 10% jitter so that feeds failing together do not retry together,
    capped at `max_backoff`. A server's Retry-After is obeyed when longer
    (still capped, so a hostile header cannot silence a feed for a year).
    """
    exponent = max(0, min(error_count - 1, 30))
    delay = min(float(interval) * float(1 << exponent), float(max_backoff))
    uniform = rng.uniform if rng is not None else random.uniform
    jitter = float(uniform(0.0, 0.1)) * delay
    delay = min(delay + jitter, float(max_backoff))
    if retry_after is not None:
        delay = max(delay, min(retry_after, float(max_backoff)))
    return delay
