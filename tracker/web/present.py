"""What the pages show, decided apart from serving them: pure functions of our types.

Evidence sentences as runs of marked and plain text, a language for text that has
none declared, times in words, pages of a list, and the bars of a claim's
evidence chart. No I/O; the templates only lay these out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..digest.content import emphasis_terms, highlight_spans, safe_url
from ..types import Claim, Evidence, EvidenceTally, Stance

__all__ = [
    "Bar",
    "Chart",
    "Pager",
    "ago",
    "evidence_chart",
    "marked",
    "safe_url",
    "stamp",
    "text_lang",
    "until",
]

_DEVANAGARI_RE = re.compile(r"[\u0900-\u097F\uA8E0-\uA8FF]")
#: A stance's words on the pages, singular (a badge) and as a count's noun.
STANCE_WORDS = {
    Stance.CORROBORATES: "corroborating",
    Stance.CONTRADICTS: "contradicting",
    Stance.DISCUSSES: "discussing",
}
#: Bars are stacked in this order, bottom up: the decisive stances first.
STACK_ORDER = (Stance.CORROBORATES, Stance.CONTRADICTS, Stance.DISCUSSES)


def text_lang(text: str, declared: str | None = None) -> str | None:
    """The `lang` attribute for `text`: the declared language, else "und-Deva" (a language
    we cannot tell, written in Devanagari: Hindi and Marathi share the script) when the
    text holds Devanagari, else None (the page's own language, English, applies)."""
    if declared:
        return declared
    return "und-Deva" if _DEVANAGARI_RE.search(text) else None


def marked(
    sentence: str, claim: Claim | None, reasons: Iterable[str] = ()
) -> list[tuple[str, bool]]:
    """The sentence as (text, marked) runs: the claim's names and keywords, and the terms
    its reasons quote, are marked (the digest marks the same words)."""
    if claim is None:
        return [(sentence, False)] if sentence else []
    runs: list[tuple[str, bool]] = []
    pos = 0
    for i, j in highlight_spans(sentence, emphasis_terms(claim, reasons)):
        if i > pos:
            runs.append((sentence[pos:i], False))
        runs.append((sentence[i:j], True))
        pos = j
    if pos < len(sentence):
        runs.append((sentence[pos:], False))
    return runs


def _span(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes and hours < 6 else f"{hours} h"
    return f"{hours // 24} days"


def ago(moment: datetime | None, now: datetime) -> str:
    """'5 min ago', '3 h ago', 'never'; a time in the future is 'in ...'."""
    if moment is None:
        return "never"
    delta = (now - moment).total_seconds()
    if delta < 0:
        return until(moment, now)
    return "just now" if delta < 5 else f"{_span(delta)} ago"


def until(moment: datetime | None, now: datetime) -> str:
    """'in 12 min', 'now' (due), or '-' (none)."""
    if moment is None:
        return "-"
    delta = (moment - now).total_seconds()
    return "now" if delta <= 0 else f"in {_span(delta)}"


def stamp(moment: datetime | None) -> str:
    """A UTC time as '2025-02-04 10:00 UTC'."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


@dataclass(frozen=True)
class Pager:
    """Page `page` (from 1) of `per_page` items, `total` in all (None: not counted)."""

    page: int
    per_page: int
    total: int | None
    has_next: bool

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def pages(self) -> int | None:
        if self.total is None:
            return None
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @staticmethod
    def parse(value: str | None) -> int:
        """A page number from a query parameter: anything that is not one is page 1."""
        try:
            return max(1, min(int(value or "1"), 1_000_000))
        except ValueError:
            return 1


@dataclass(frozen=True)
class Bar:
    """One stance's part of one day's bar, in the chart's coordinates."""

    x: float
    y: float
    width: float
    height: float
    stance: Stance
    title: str


@dataclass(frozen=True)
class Chart:
    """A small stacked bar chart of a claim's evidence per day (an inline SVG)."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    peak: int
    total: int
    first_day: date
    last_day: date

    @property
    def label(self) -> str:
        """What the chart shows, in words (its accessible name)."""
        if not self.total:
            return f"no evidence logged {self.first_day:%d %b} to {self.last_day:%d %b}"
        return (
            f"{self.total} verdicts logged {self.first_day:%d %b} to {self.last_day:%d %b}, "
            f"at most {self.peak} a day"
        )


def evidence_chart(
    tallies: Sequence[EvidenceTally],
    today: date,
    *,
    days: int = 30,
    width: int = 150,
    height: int = 28,
) -> Chart:
    """The last `days` days (ending `today`) of one claim's tallies as stacked bars,
    scaled to the busiest day."""
    first = today - timedelta(days=days - 1)
    per_day: dict[date, dict[Stance, int]] = {}
    for t in tallies:
        if first <= t.day <= today:
            per_day.setdefault(t.day, {})
            per_day[t.day][t.stance] = per_day[t.day].get(t.stance, 0) + t.count
    peak = max((sum(c.values()) for c in per_day.values()), default=0)
    step = width / days
    bars: list[Bar] = []
    for i in range(days):
        day = first + timedelta(days=i)
        counts = per_day.get(day)
        if not counts or not peak:
            continue
        title = f"{day:%d %b}: " + ", ".join(
            f"{counts[s]} {STANCE_WORDS[s]}" for s in STACK_ORDER if counts.get(s)
        )
        base = float(height)
        for stance in STACK_ORDER:
            n = counts.get(stance, 0)
            if not n:
                continue
            h = max(1.0, height * n / peak)
            base -= h
            bars.append(
                Bar(i * step, round(base, 2), round(step * 0.8, 2), round(h, 2), stance, title)
            )
    total = sum(sum(c.values()) for c in per_day.values())
    return Chart(width, height, tuple(bars), peak, total, first, today)


def tallies_by_claim(tallies: Iterable[EvidenceTally]) -> dict[str, list[EvidenceTally]]:
    out: dict[str, list[EvidenceTally]] = {}
    for t in tallies:
        out.setdefault(t.claim_id, []).append(t)
    return out


def stance_counts(tallies: Iterable[EvidenceTally]) -> dict[Stance, int]:
    """Tallies summed per stance (a claim's last 24 hours)."""
    out: dict[Stance, int] = {}
    for t in tallies:
        out[t.stance] = out.get(t.stance, 0) + t.count
    return out


def group_by_story(items: Iterable[Evidence]) -> Mapping[int, list[Evidence]]:
    """Verdicts per story id, in the order given."""
    out: dict[int, list[Evidence]] = {}
    for e in items:
        out.setdefault(e.story_id, []).append(e)
    return out
