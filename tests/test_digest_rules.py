"""Whether a daemon may take a day's digest, and which digest is retried
(tracker.digest.rules): pure, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tracker.digest.rules import DigestTake, next_retry, take_digest
from tracker.types import DigestRecord, DigestState

NOW = datetime(2025, 3, 1, 7, 0, tzinfo=UTC)
DAY = date(2025, 3, 1)
WINDOW = (NOW - timedelta(hours=24), NOW)
HOLD = timedelta(minutes=10)


def record(state: DigestState, *, held_by: str | None = None, held_until: datetime | None = None,
           window: tuple[datetime, datetime] = WINDOW, **extra: object) -> DigestRecord:  # fmt: skip
    return DigestRecord(id=1, day=DAY, window_start=window[0], window_end=window[1],
                        recipients=("a@example.org",), state=state, held_by=held_by,
                        held_until=held_until, **extra)  # type: ignore[arg-type]  # fmt: skip


def take(existing: DigestRecord | None, *, force: bool = False, owner: str = "me",
         window: tuple[datetime, datetime] = WINDOW) -> DigestTake | None:  # fmt: skip
    return take_digest(existing, window, ["b@example.org"], owner=owner, now=NOW, hold=HOLD,
                       force=force)  # fmt: skip


def test_a_new_day_is_taken_pending_and_held() -> None:
    assert take(None) == DigestTake(*WINDOW, ("b@example.org",), DigestState.PENDING, "me",
                                    NOW + HOLD)  # fmt: skip


def test_a_sent_day_is_not_taken_again_unless_forced_and_then_stays_sent() -> None:
    sent = record(DigestState.SENT)
    assert take(sent) is None
    later = (NOW, NOW + timedelta(hours=1))
    forced = take(sent, force=True, window=later)
    assert forced is not None and forced.state is DigestState.SENT
    assert (forced.window_start, forced.window_end) == later


@pytest.mark.parametrize(
    ("held_by", "held_until", "taken"),
    [
        ("other", NOW + timedelta(seconds=1), False),  # another daemon is sending it
        ("other", NOW, True),  # its hold ran out: it died mid-send
        ("me", NOW + timedelta(minutes=5), True),  # our own hold
        (None, None, True),
    ],
)
def test_another_daemons_hold_is_respected_until_it_expires(
    held_by: str | None, held_until: datetime | None, taken: bool
) -> None:
    existing = record(DigestState.PENDING, held_by=held_by, held_until=held_until)
    assert (take(existing) is not None) is taken


def test_a_retry_keeps_its_start_and_covers_what_came_since() -> None:
    failed = record(DigestState.FAILED)
    later = (NOW - timedelta(hours=1), NOW + timedelta(hours=2))
    retried = take(failed, window=later)
    assert retried is not None and retried.state is DigestState.PENDING
    assert (retried.window_start, retried.window_end) == (WINDOW[0], later[1])
    # A window ending earlier does not shorten it.
    shorter = take(failed, window=(WINDOW[0], NOW - timedelta(hours=1)))
    assert shorter is not None and shorter.window_end == WINDOW[1]


def test_the_oldest_due_digest_is_retried() -> None:
    due = record(DigestState.FAILED, next_attempt=NOW)
    older = DigestRecord(**{**due.__dict__, "id": 2, "day": DAY - timedelta(days=1)})
    not_yet = record(DigestState.FAILED, next_attempt=NOW + timedelta(seconds=1))
    crashed = record(DigestState.PENDING, held_until=NOW - timedelta(seconds=1))
    assert next_retry([due, older, not_yet], NOW) == older
    assert next_retry([not_yet], NOW) is None
    assert next_retry([not_yet, crashed], NOW) == crashed
    assert next_retry([record(DigestState.SENT)], NOW) is None
