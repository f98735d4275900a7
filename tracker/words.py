"""Numbers, times and durations said the way messages say them (pure).

`count(1, "attempt")` is "1 attempt", `count(16512, "story", "stories")` "16,512
stories"; `moment(t, "Asia/Kolkata")` is "2025-05-02 10:00 IST": in the configured
zone, to the minute (or second), never with microseconds; `duration(272)` "4 min
32 s". Daemon logs, CLI messages and the digest's delivery results use them, so
a time reads the same everywhere.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

__all__ = ["count", "duration", "moment", "without_url"]


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 feed', '2 feeds', '16,512 stories' (thousands separated)."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def moment(value: datetime, timezone: str = "UTC", *, seconds: bool = False) -> str:
    """A time in `timezone`: '2025-05-02 10:00 IST' (with `seconds`: '10:00:07 IST')."""
    local = value.astimezone(ZoneInfo(timezone))
    clock = "%H:%M:%S" if seconds else "%H:%M"
    return local.strftime(f"%Y-%m-%d {clock} ") + (local.tzname() or timezone)


def duration(seconds: float) -> str:
    """'45 s', '4 min 32 s', '2 h 5 min', '3 d 4 h': the two largest units, rounded down."""
    total = max(0, int(seconds))
    units = (("d", 86400), ("h", 3600), ("min", 60), ("s", 1))
    parts: list[str] = []
    for name, size in units:
        if total >= size or (name == "s" and not parts):
            parts.append(f"{total // size} {name}")
            total %= size
        elif parts:
            break
        if len(parts) == 2:
            break
    return " ".join(p for p in parts if not p.startswith("0 ") or len(parts) == 1)


def without_url(message: str, url: str) -> str:
    """An error message without its leading 'URL: ' where the URL is shown beside it."""
    prefix = f"{url}: "
    return message[len(prefix) :] if url and message.startswith(prefix) else message
