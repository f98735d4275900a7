"""The clock: where the application reads the time. The composition root
(`tracker.app`) chooses it and passes it down; pure code takes `now` instead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

#: `system_clock` in production, a fixed or stepping function in tests. Returns aware
#: UTC datetimes.
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The machine's time, in UTC."""
    return datetime.now(UTC)
