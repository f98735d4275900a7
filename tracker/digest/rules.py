"""The rules of sending a day's digest: pure functions of the recorded digests, the
configuration and `now` (`delivery` does the reading, sending and recording).

Which day a digest is for, the evidence window it covers, whether this daemon may
take the day's digest now (`take_digest`: storage applies it to the day's row),
when a failed send is retried and which digest is due for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from tracker.types import DigestRecord, DigestState

if TYPE_CHECKING:
    from tracker.config import DigestConfig

#: The first digest (no digest sent before) covers this much.
FIRST_WINDOW = timedelta(hours=24)


def local_day(cfg: DigestConfig, now: datetime) -> date:
    """The digest's day: the date at `now` in the digest's time zone."""
    return now.astimezone(ZoneInfo(cfg.timezone)).date()


def retry_delay(cfg: DigestConfig, failed_attempts: int) -> timedelta | None:
    """How long to wait after the `failed_attempts`-th failure; None once attempts are used up.

    `retry_backoff`, doubled for each failure: 5, 10, 20, 40 minutes with the defaults.
    """
    if failed_attempts >= cfg.retry_attempts:
        return None
    return timedelta(seconds=cfg.retry_backoff * 2 ** max(0, failed_attempts - 1))


def _scheduled(cfg: DigestConfig, day: date) -> datetime:
    zone = ZoneInfo(cfg.timezone)
    return datetime.combine(day, cfg.time, tzinfo=zone)


def digest_window(
    cfg: DigestConfig,
    day: date,
    now: datetime,
    *,
    previous: DigestRecord | None,
    existing: DigestRecord | None = None,
    force: bool = False,
) -> tuple[datetime, datetime]:
    """(start, end] of the evidence a day's digest covers, as UTC-aware datetimes.

    - A forced resend of a sent day keeps that digest's window (same content).
    - Otherwise the window starts where the previous sent digest ended (or 24
      hours before its end for the first digest) and ends now, or at the
      day's scheduled time when sending a past day.
    - A retry keeps its start: nothing logged after a failed send is lost.
    """
    if existing is not None and existing.state is DigestState.SENT and force:
        return existing.window_start, existing.window_end
    end = now
    if day < local_day(cfg, now):
        end = min(now, _scheduled(cfg, day))
    if existing is not None:
        return existing.window_start, max(existing.window_end, end)
    if previous is not None and previous.window_end < end:
        return previous.window_end, end
    return end - FIRST_WINDOW, end


@dataclass(frozen=True)
class DigestTake:
    """The day's digest as this daemon takes it for sending: what its row becomes."""

    window_start: datetime
    window_end: datetime
    recipients: tuple[str, ...]
    state: DigestState
    #: The daemon sending it, and until when it holds it (a crash lets it expire).
    owner: str
    held_until: datetime


def take_digest(
    existing: DigestRecord | None,
    window: tuple[datetime, datetime],
    recipients: Sequence[str],
    *,
    owner: str,
    now: datetime,
    hold: timedelta,
    force: bool = False,
) -> DigestTake | None:
    """May `owner` send the day's digest now, and with what row; None when it must not.

    Not when the day was sent already (unless `force`: a resend keeps the state
    "sent", the day was delivered once), nor while another daemon holds it. A sent
    day resent takes the given window; a pending or failed one keeps its start and
    is extended to the given end (a retry covers what came since).
    """
    until = now + hold
    if existing is None:
        return DigestTake(*window, tuple(recipients), DigestState.PENDING, owner, until)
    sent = existing.state is DigestState.SENT
    if sent and not force:
        return None
    if existing.held_by not in (None, owner) and (
        existing.held_until is not None and existing.held_until > now
    ):
        return None
    start, end = existing.window_start, existing.window_end
    if sent:
        start, end = window
    elif end < window[1]:
        end = window[1]
    state = DigestState.SENT if sent else DigestState.PENDING
    return DigestTake(start, end, tuple(recipients), state, owner, until)


def next_retry(digests: Iterable[DigestRecord], now: datetime) -> DigestRecord | None:
    """The oldest failed digest whose next attempt is due at `now`, if any.

    A pending digest whose sender's hold has expired counts too: the daemon
    sending it died mid-send, and its window must not be lost.
    """
    due = [
        d
        for d in digests
        if (d.state is DigestState.FAILED and d.next_attempt is not None and d.next_attempt <= now)
        or (d.state is DigestState.PENDING and d.held_until is not None and d.held_until <= now)
    ]
    return min(due, key=lambda d: d.day, default=None)
