"""The daily digest: what it says (`build_digest`) and how it reads (`render_text`, `render_html`).

Pure: no I/O, no clock. Everything the digest needs (summaries, evidence of
the window, feed states, the statuses of the previous digest) is passed in,
and the result is a frozen `Digest` that both renderers read. The message
itself is assembled in `tracker.digest.mail`; choosing the window and sending happen
in `tracker.digest.delivery`.

What an analyst reads first is a summary table: every claim, its status and what
changed since the previous digest ("was unverified; +2 contradicting"), the
claims with nothing new folded into one line. Then a section per claim with news,
then feed health. The HTML stays under `HTML_BUDGET` bytes (Gmail clips larger
messages): on a busy day fewer items are shown per claim, each list ending with
how many more there are and where to read them (`tracker evidence --claim ID`).

Every string that came from a feed (titles, sentences, outlet names, URLs,
error messages) is untrusted: the HTML renderer escapes all of it, links only
``http(s)`` URLs, and the subject is built from configuration and counts only,
folded to one line.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from tracker.engine.status import MIN_WEIGHT, OUTWEIGH
from tracker.types import Claim, ClaimStatus, ClaimSummary, Evidence, FeedState, Stance

__all__ = [
    "HTML_BUDGET",
    "LEVELS",
    "MAX_DECISIVE_PER_CLAIM",
    "MAX_DISCUSSING_HEADLINES",
    "OLD_NEWS_AFTER",
    "ClaimSection",
    "Digest",
    "FailingFeed",
    "Limits",
    "StatusChange",
    "build_digest",
    "emphasis_terms",
    "fit_limits",
    "format_day",
    "highlight_spans",
    "render_html",
    "render_text",
    "safe_header_text",
    "safe_url",
    "standing",
]

#: Decisive items shown per claim on an ordinary day; the rest are counted ("and 3 more").
MAX_DECISIVE_PER_CLAIM = 10
#: Headlines listed under "only discussed by" on an ordinary day; the rest are counted.
MAX_DISCUSSING_HEADLINES = 8
#: A feed appears under "Feed health" once it has failed for this long.
FEED_FAILING_AFTER = timedelta(days=1)
#: Feed error messages are cut to this many characters.
MAX_ERROR_CHARS = 300
#: A story published this long before the digest's window is marked as old news.
OLD_NEWS_AFTER = timedelta(days=7)
#: Largest HTML part in bytes (UTF-8). Gmail clips a message whose HTML passes ~102 KB,
#: hiding the rest behind "[Message clipped]"; this leaves room for the transfer encoding's
#: line breaks.
HTML_BUDGET = 95_000

# Locale-independent month names: the digest must not change with LC_TIME.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Control and format characters that could break a line, a header or the reading order.
_UNSAFE_CHARS_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPACES_RE = re.compile(r"\s+")
# Terms quoted in the engine's reasons ('R2', "50,000", “डीपसीक”) are what it matched.
_QUOTED_RE = re.compile(r"'([^']{2,60})'|\"([^\"]{2,60})\"|“([^”]{2,60})”|‘([^’]{2,60})’")

_STATUS_COLOURS: Mapping[ClaimStatus, str] = {
    ClaimStatus.CORROBORATED: "#1b7a3a",
    ClaimStatus.CONTRADICTED: "#b3261e",
    ClaimStatus.DISPUTED: "#a15c00",
    ClaimStatus.UNVERIFIED: "#5f6368",
}
_STANCE_COLOURS: Mapping[Stance, str] = {
    Stance.CORROBORATES: "#1b7a3a",
    Stance.CONTRADICTS: "#b3261e",
    Stance.DISCUSSES: "#9aa0a6",
}
_STANCE_LABELS: Mapping[Stance, str] = {
    Stance.CORROBORATES: "corroborating",
    Stance.CONTRADICTS: "contradicting",
    Stance.DISCUSSES: "discussing",
}
_TALLY_ORDER = (Stance.CORROBORATES, Stance.CONTRADICTS, Stance.DISCUSSES)
_OLD_NEWS_COLOUR = "#6d4c41"


# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class StatusChange:
    """A claim whose status differs from the one recorded with the previous digest."""

    claim: Claim
    old: ClaimStatus
    new: ClaimStatus
    #: Why the claim has its new status (the status roll-up's explanation).
    why: str


@dataclass(frozen=True)
class ClaimSection:
    """One tracked claim: its standing and what the window added."""

    summary: ClaimSummary
    #: New corroborating/contradicting evidence, one item per syndication cluster:
    #: fresh news before old news, contradicting first, then by score.
    decisive: tuple[Evidence, ...]
    #: New stories that only discuss the claim, one per cluster, newest first.
    discussing: tuple[Evidence, ...]
    #: The claim's status in the previous digest; None when this is its first digest
    #: (the first digest of all, or a claim added since).
    previous: ClaimStatus | None = None

    @property
    def claim(self) -> Claim:
        """The claim this section is about."""
        return self.summary.claim

    @property
    def first(self) -> bool:
        """This is the claim's first digest: its status is news, not a change."""
        return self.previous is None

    @property
    def changed(self) -> bool:
        """Its status differs from the previous digest's."""
        return self.previous is not None and self.previous is not self.summary.status

    @property
    def quiet(self) -> bool:
        """Nothing to tell: no new story and no status change."""
        return not (self.decisive or self.discussing or self.changed)

    @property
    def delta(self) -> str:
        """What the window added, per stance: '+2 contradicting, +1 discussing'."""
        counts = {stance: 0 for stance in _TALLY_ORDER}
        for item in (*self.decisive, *self.discussing):
            counts[item.stance] += 1
        return ", ".join(f"+{n} {_STANCE_LABELS[s]}" for s, n in counts.items() if n)

    @property
    def change_note(self) -> str:
        """The summary table's last column: 'was unverified; +2 contradicting'."""
        parts = []
        if self.first:
            parts.append("first digest")
        elif self.changed and self.previous is not None:
            parts.append(f"was {self.previous.value}")
        if self.delta:
            parts.append(self.delta)
        return "; ".join(parts) or "nothing new"


@dataclass(frozen=True)
class FailingFeed:
    """A feed that has failed for longer than `FEED_FAILING_AFTER`."""

    name: str
    url: str
    failing_since: datetime
    last_error: str | None


@dataclass(frozen=True)
class Digest:
    """Everything one digest email says, ready to render."""

    day: date
    window_start: datetime
    window_end: datetime
    #: IANA name of the zone dates are shown in (the digest's configured zone).
    timezone: str
    subject_prefix: str
    changes: tuple[StatusChange, ...]
    sections: tuple[ClaimSection, ...]
    failing_feeds: tuple[FailingFeed, ...]
    #: Day of the previous digest that was sent, if any.
    previous_day: date | None = None

    @property
    def new_evidence(self) -> int:
        """New decisive pieces of evidence (independent sources) across all claims."""
        return sum(len(s.decisive) for s in self.sections)

    @property
    def new_discussing(self) -> int:
        """New stories (independent sources) that only discuss a claim."""
        return sum(len(s.discussing) for s in self.sections)

    @property
    def is_empty(self) -> bool:
        """Nothing to tell: no status change, no new story, no failing feed."""
        return not (self.changes or self.new_evidence or self.new_discussing or self.failing_feeds)

    def is_old_news(self, item: Evidence) -> bool:
        """Published more than `OLD_NEWS_AFTER` before the window: logged now, not news now."""
        return item.published is not None and item.published < self.window_start - OLD_NEWS_AFTER

    @property
    def headline(self) -> str:
        """The day's headline numbers, e.g. 'r2-timeline contradicted; 3 new pieces of evidence'."""
        parts: list[str] = []
        shown = self.changes[:3]
        if shown:
            text = ", ".join(f"{c.claim.id} {c.new.value}" for c in shown)
            if len(self.changes) > len(shown):
                text += f" (+{len(self.changes) - len(shown)} more)"
            parts.append(text)
        n = self.new_evidence
        if n == 0:
            parts.append("no new evidence")
        else:
            parts.append(f"{n} new {'piece' if n == 1 else 'pieces'} of evidence")
        if self.failing_feeds:
            f = len(self.failing_feeds)
            parts.append(f"{f} {'feed' if f == 1 else 'feeds'} failing")
        return "; ".join(parts)

    @property
    def subject(self) -> str:
        """One-line subject: prefix, date and headline; safe to put in a header."""
        prefix = safe_header_text(self.subject_prefix) or "Claim Tracker"
        return safe_header_text(f"{prefix}, {format_day(self.day)}: {self.headline}")


def build_digest(
    *,
    day: date,
    window_start: datetime,
    window_end: datetime,
    summaries: Sequence[ClaimSummary],
    evidence: Iterable[Evidence],
    feeds: Iterable[FeedState],
    previous_statuses: Mapping[str, ClaimStatus] | None,
    now: datetime,
    timezone: str = "UTC",
    subject_prefix: str = "Claim Tracker",
    previous_day: date | None = None,
) -> Digest:
    """Decide what a digest says.

    `evidence` is what was logged in the window (any claim, any stance);
    rejected verdicts and evidence for untracked claims are dropped, and
    copies of one syndicated story count once (the best-scored copy is shown
    with the cluster's copy count). `previous_statuses` are the statuses
    recorded with the previous digest that was sent (None for the first
    digest): a claim is listed as changed when its status differs; a claim
    missing from them (the first digest, or a claim added since) is in its
    first digest, which reports its status without calling it a change.
    `now` decides which feeds have been failing for more than a day.
    """
    ZoneInfo(timezone)  # fail early on a bad zone name, not halfway through rendering
    previous = previous_statuses or {}
    old_before = window_start - OLD_NEWS_AFTER
    by_claim: dict[str, dict[int, Evidence]] = {}
    for item in evidence:
        if item.rejected:
            continue
        clusters = by_claim.setdefault(item.claim_id, {})
        key = item.cluster_id
        # Distinct clusters with different stances must not overwrite each other.
        current = clusters.get(key)
        if current is None or _better(item, current):
            clusters[key] = item

    sections: list[ClaimSection] = []
    changes: list[StatusChange] = []
    for summary in summaries:
        items = list(by_claim.get(summary.claim.id, {}).values())
        decisive = sorted(
            (e for e in items if e.stance.decisive),
            key=lambda e: (
                e.published is not None and e.published < old_before,
                e.stance is not Stance.CONTRADICTS,
                -e.score,
                _ts(e.published),
            ),
        )
        discussing = sorted(
            (e for e in items if not e.stance.decisive),
            key=lambda e: (-_ts(e.published), e.story_title),
        )
        old = previous.get(summary.claim.id)
        sections.append(ClaimSection(summary, tuple(decisive), tuple(discussing), old))
        if old is not None and old is not summary.status:
            changes.append(StatusChange(summary.claim, old, summary.status, summary.explanation))

    failing = [
        FailingFeed(
            name=_clean(f.name or "") or _outlet_from_url(f.url),
            url=f.url,
            failing_since=f.failing_since,
            last_error=f.last_error,
        )
        for f in feeds
        if f.failing_since is not None and now - f.failing_since > FEED_FAILING_AFTER
    ]
    failing.sort(key=lambda f: (f.failing_since, f.url))

    return Digest(
        day=day,
        window_start=window_start,
        window_end=window_end,
        timezone=timezone,
        subject_prefix=subject_prefix,
        changes=tuple(changes),
        sections=tuple(sections),
        failing_feeds=tuple(failing),
        previous_day=previous_day,
    )


def _better(a: Evidence, b: Evidence) -> bool:
    """Which copy of one cluster represents it: decisive over discussing, then score."""
    return (a.stance.decisive, a.score, a.copies, -a.verdict_id) > (
        b.stance.decisive,
        b.score,
        b.copies,
        -b.verdict_id,
    )


def _ts(value: datetime | None) -> float:
    return value.timestamp() if value is not None else 0.0


def _weight(value: float) -> str:
    """A summed weight for reading, never rounded up across a bar: 0.48 -> '0.48', 2.0 -> '2'."""
    floored = math.floor(value * 100 + 1e-9) / 100
    return f"{floored:.2f}".rstrip("0").rstrip(".")


def standing(summary: ClaimSummary) -> str | None:
    """Why a claim has its status, in the weights the rule uses, so the badge never seems to
    contradict the bar: 'unverified: 0.4 against, 0.5 needed'. None without decisive sources
    (an empty or discussion-only bar says the same as the badge)."""
    counts = summary.counts
    if not (counts.get(Stance.CORROBORATES, 0) or counts.get(Stance.CONTRADICTS, 0)):
        return None
    status = summary.status.value
    s, o = summary.support, summary.opposition
    need = _weight(MIN_WEIGHT)
    ratio = f"{OUTWEIGH:g} to 1"
    if summary.status is ClaimStatus.UNVERIFIED:
        sides = [f"{_weight(w)} {name}" for w, name in ((s, "for"), (o, "against")) if w > 0]
        return f"{status}: {', '.join(sides) or 'no weight'}; {need} needed on one side"
    if summary.status is ClaimStatus.DISPUTED:
        return f"{status}: {_weight(s)} for, {_weight(o)} against; neither side outweighs {ratio}"
    side, other = (s, o) if summary.status is ClaimStatus.CORROBORATED else (o, s)
    side_name, other_name = (
        ("for", "against") if summary.status is ClaimStatus.CORROBORATED else ("against", "for")
    )
    if other <= 0:
        return f"{status}: {_weight(side)} {side_name}, nothing {other_name}"
    if other < MIN_WEIGHT:
        return (
            f"{status}: {_weight(side)} {side_name}; {_weight(other)} {other_name} "
            f"is under the {need} that counts"
        )
    return f"{status}: {_weight(side)} {side_name} outweighs {_weight(other)} {other_name} {ratio}"


# --------------------------------------------------------------------------- limits


@dataclass(frozen=True)
class Limits:
    """How much of each claim's news a rendering shows (the rest is counted)."""

    decisive: int = MAX_DECISIVE_PER_CLAIM
    discussing: int = MAX_DISCUSSING_HEADLINES
    #: The engine's reasons under each item.
    reasons: bool = True
    #: A section per claim with news; without, only the summary table.
    sections: bool = True


#: From an ordinary day to the busiest: the first whose HTML fits `HTML_BUDGET` is used.
LEVELS = (
    Limits(),
    Limits(decisive=5, discussing=3),
    Limits(decisive=3, discussing=0, reasons=False),
    Limits(decisive=1, discussing=0, reasons=False),
    Limits(decisive=0, discussing=0, reasons=False),
    Limits(decisive=0, discussing=0, reasons=False, sections=False),
)


def fit_limits(digest: Digest, budget: int = HTML_BUDGET) -> Limits:
    """The most generous `LEVELS` entry whose HTML is at most `budget` bytes (UTF-8).

    The text part is rendered with the same limits, so both parts say the same.
    """
    for limits in LEVELS:
        if len(render_html(digest, limits=limits).encode("utf-8")) <= budget:
            return limits
    return LEVELS[-1]


# --------------------------------------------------------------------------- helpers


def format_day(day: date) -> str:
    """'16 Aug 2025', whatever the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _format_time(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{format_day(local.date())} {local:%H:%M}"


def _clean(text: str) -> str:
    """One line of untrusted text: no control or bidi-override characters, spaces folded."""
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE_CHARS_RE.sub(" ", text)
    return _SPACES_RE.sub(" ", text).strip()


def safe_header_text(text: str) -> str:
    """Text fit for a header value: one line, no CR/LF or other control characters."""
    return _clean(text)


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (no `javascript:`, `data:` ...).

    Whitespace and control characters are removed first, as browsers do, so
    ``java\\tscript:`` is caught too.
    """
    if not url:
        return None
    cleaned = re.sub(r"[\x00-\x20\x7f-\x9f]", "", url)
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return cleaned


def _outlet_from_url(url: str) -> str:
    try:
        host = urlsplit(url).hostname or url
    except ValueError:
        host = url
    host = host.removeprefix("www.")
    return _clean(host)


def _outlet(item: Evidence) -> str:
    return _clean(item.feed_name or "") or _outlet_from_url(item.feed_url)


def emphasis_terms(claim: Claim, reasons: Iterable[str] = ()) -> tuple[str, ...]:
    """Words to emphasise in an evidence sentence.

    The claim's entity spellings and keywords, and any term the engine quoted in
    its reasons. Longest first, so 'DeepSeek R2' wins over 'DeepSeek'.
    """
    terms: set[str] = set()
    for group in claim.entities:
        terms.update(t for t in group if t.strip())
    terms.update(k for k in claim.keywords if k.strip())
    for reason in reasons:
        for match in _QUOTED_RE.finditer(reason):
            term = next(g for g in match.groups() if g)
            if term.strip():
                terms.add(term.strip())
    return tuple(sorted(terms, key=lambda t: (-len(t), t)))


def _is_word_char(ch: str) -> bool:
    # Letters, digits and the combining vowel signs of Indic scripts are all "inside a word".
    return ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc")


def highlight_spans(sentence: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of `terms` in `sentence`, case-insensitive.

    A term must start at a word boundary. Short terms (under 4 characters, like
    'R2' or 'AI') must also end at one; longer ones may carry a suffix, so
    'Nvidia' marks "Nvidia's" and 'डीपसीक' marks 'डीपसीकने' (Marathi attaches
    case endings to the name).
    """
    folded = sentence.casefold()
    # casefold can change lengths (ß -> ss); fall back to lower() to keep offsets aligned.
    if len(folded) != len(sentence):
        folded = sentence.lower()
        if len(folded) != len(sentence):
            return []
    taken = [False] * len(sentence)
    spans: list[tuple[int, int]] = []
    for term in sorted({t for t in terms if t}, key=lambda t: (-len(t), t)):
        needle = term.casefold()
        if len(needle) != len(term):
            needle = term.lower()
        start = 0
        while True:
            i = folded.find(needle, start)
            if i < 0:
                break
            j = i + len(needle)
            start = i + 1
            if i > 0 and _is_word_char(sentence[i - 1]) and _is_word_char(sentence[i]):
                continue
            if (
                len(needle) < 4
                and j < len(sentence)
                and _is_word_char(sentence[j])
                and _is_word_char(sentence[j - 1])
            ):
                continue
            if any(taken[i:j]):
                continue
            for k in range(i, j):
                taken[k] = True
            spans.append((i, j))
    spans.sort()
    return spans


def _split_emphasis(sentence: str, terms: Iterable[str]) -> list[tuple[str, bool]]:
    """The sentence as (text, emphasised) runs."""
    runs: list[tuple[str, bool]] = []
    pos = 0
    for i, j in highlight_spans(sentence, terms):
        if i > pos:
            runs.append((sentence[pos:i], False))
        runs.append((sentence[i:j], True))
        pos = j
    if pos < len(sentence):
        runs.append((sentence[pos:], False))
    return runs


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _window_line(digest: Digest, zone: ZoneInfo) -> str:
    start = _format_time(digest.window_start, zone)
    end = _format_time(digest.window_end, zone)
    abbrev = digest.window_end.astimezone(zone).tzname() or digest.timezone
    return f"Evidence logged {start} to {end} ({abbrev}, {digest.timezone})"


def _summary_line(digest: Digest) -> str:
    parts = [
        _plural(len(digest.changes), "status change", "status changes"),
        _plural(digest.new_evidence, "new piece of evidence", "new pieces of evidence"),
        _plural(
            digest.new_discussing, "new story discussing a claim", "new stories discussing claims"
        ),
    ]
    if digest.failing_feeds:
        parts.append(_plural(len(digest.failing_feeds), "failing feed", "failing feeds"))
    return ", ".join(parts) + "."


def _since_line(digest: Digest) -> str:
    if digest.previous_day is None:
        return "first digest: the last 24 hours"
    return f"since the digest of {format_day(digest.previous_day)}"


def _quiet_line(digest: Digest) -> str | None:
    quiet = [s for s in digest.sections if s.quiet]
    if not quiet:
        return None
    listed = ", ".join(f"{s.claim.id} ({s.summary.status.value})" for s in quiet)
    return f"Nothing new: {listed}."


def _counts(summary: ClaimSummary) -> list[tuple[Stance, int, int]]:
    return [
        (stance, summary.counts.get(stance, 0), summary.copies.get(stance, 0))
        for stance in _TALLY_ORDER
    ]


def _published(item: Evidence, zone: ZoneInfo) -> str:
    if item.published is None:
        return "date unknown"
    return format_day(item.published.astimezone(zone).date())


def _old_news_note(digest: Digest, item: Evidence) -> str | None:
    if not digest.is_old_news(item) or item.published is None:
        return None
    days = (digest.window_start - item.published).days
    return f"old news: published {days} days before this digest"


def _meta(digest: Digest, item: Evidence, zone: ZoneInfo) -> list[str]:
    """Outlet, date, copies and old-news note of one item, as separate phrases."""
    parts = [_outlet(item), _published(item, zone)]
    if item.copies > 1:
        parts.append(_plural(item.copies - 1, "syndicated copy", "syndicated copies"))
    old = _old_news_note(digest, item)
    if old:
        parts.append(old)
    return parts


def _review_note(item: Evidence) -> str | None:
    if item.review is None:
        return None
    if item.stance is not item.engine_stance:
        return f"relabelled by an analyst; the engine said {item.engine_stance.value}"
    return "confirmed by an analyst"


def _error_text(error: str | None, url: str = "") -> str:
    text = _clean(error or "") or "no error recorded"
    # The URL is shown beside the error: do not say it twice.
    if url and text.startswith(f"{url}: "):
        text = text[len(url) + 2 :]
    if len(text) > MAX_ERROR_CHARS:
        text = text[: MAX_ERROR_CHARS - 1] + "…"
    return text


def _duration(since: datetime, until: datetime) -> str:
    days = (until - since).days
    if days >= 1:
        return _plural(days, "day", "days")
    return _plural(int((until - since).total_seconds() // 3600), "hour", "hours")


def _more_evidence(claim: Claim, more: int, stance: str = "") -> str:
    option = f" --stance {stance}" if stance else ""
    return f"{more} more: tracker evidence --claim {claim.id}{option}"


# --------------------------------------------------------------------------- plain text


def _text_bar(summary: ClaimSummary, width: int = 24) -> str:
    counts = _counts(summary)
    total = sum(c for _, c, _ in counts)
    if total == 0:
        return "[" + " " * width + "]"
    marks = {Stance.CORROBORATES: "+", Stance.CONTRADICTS: "x", Stance.DISCUSSES: "."}
    cells = _shares([c for _, c, _ in counts], width)
    return "[" + "".join(marks[s] * n for (s, _, _), n in zip(counts, cells, strict=True)) + "]"


def _shares(counts: Sequence[int], total_width: int) -> list[int]:
    """Split `total_width` in proportion to `counts` (largest remainder; nonzero stays >= 1)."""
    total = sum(counts)
    if total == 0:
        return [0 for _ in counts]
    raw = [c * total_width / total for c in counts]
    widths = [max(1, int(r)) if c else 0 for r, c in zip(raw, counts, strict=True)]
    while sum(widths) > total_width:
        k = max(range(len(widths)), key=lambda i: widths[i])
        widths[k] -= 1
    order = sorted(range(len(counts)), key=lambda i: -(raw[i] - int(raw[i])))
    i = 0
    while sum(widths) < total_width:
        k = order[i % len(order)]
        if counts[k]:
            widths[k] += 1
        i += 1
    return widths


def render_text(digest: Digest, *, limits: Limits | None = None) -> str:
    """The plain-text part: the same content as the HTML, readable in any client.

    `limits` default to what `fit_limits` chooses for the HTML part.
    """
    limits = limits or fit_limits(digest)
    zone = ZoneInfo(digest.timezone)
    out: list[str] = []
    title = f"{_clean(digest.subject_prefix) or 'Claim Tracker'} digest, {format_day(digest.day)}"
    out += [title, "=" * len(title), _window_line(digest, zone), _summary_line(digest), ""]

    out += [f"SUMMARY ({_since_line(digest)})", ""]
    news = [s for s in digest.sections if not s.quiet]
    id_width = max((len(s.claim.id) for s in news), default=0)
    for s in news:
        status = s.summary.status.value.upper()
        out.append(f"  {status:<12}  {s.claim.id:<{id_width}}  {s.change_note}")
    quiet = _quiet_line(digest)
    if quiet:
        out.append(f"  {quiet}")
    out.append("")

    if news and limits.sections:
        out += ["CLAIMS WITH NEWS", ""]
        for section in news:
            out += _text_section(digest, section, zone, limits)
    elif news:
        out += [
            "Too much news for one email: each claim's evidence is in "
            "`tracker evidence --claim ID`.",
            "",
        ]

    out += ["FEED HEALTH", ""]
    if not digest.failing_feeds:
        out.append("No feed has been failing for more than a day.")
    for feed in digest.failing_feeds:
        since = _format_time(feed.failing_since, zone)
        out.append(f"* {feed.name} <{_clean(feed.url)}>")
        failing_for = _duration(feed.failing_since, digest.window_end)
        out.append(f"  failing since {since} ({failing_for})")
        out.append(f"  last error: {_error_text(feed.last_error, feed.url)}")
    out += ["", "-- ", "Claim Tracker. Run `tracker evidence --claim ID` for all evidence."]
    return "\n".join(out) + "\n"


def _text_section(
    digest: Digest, section: ClaimSection, zone: ZoneInfo, limits: Limits
) -> list[str]:
    summary = section.summary
    claim = section.claim
    heading = f"[{claim.id}] {summary.status.value.upper()}"
    if section.changed and section.previous is not None:
        heading += f", was {section.previous.value}"
    out = [heading, _clean(claim.text)]
    tally = ", ".join(
        f"{n} {_STANCE_LABELS[s]}" + (f" ({c} stories)" if c > n else "")
        for s, n, c in _counts(summary)
    )
    out.append(f"Sources {_text_bar(summary)} {tally}")
    why = standing(summary)
    if why:
        out.append(f"Standing: {why}")
    if not section.decisive:
        out.append("No new decisive evidence.")
    else:
        out.append(f"New evidence ({len(section.decisive)}):")
    terms_cache: dict[tuple[str, ...], tuple[str, ...]] = {}
    for item in section.decisive[: limits.decisive]:
        terms = terms_cache.setdefault(item.reasons, emphasis_terms(claim, item.reasons))
        sentence = "".join(
            f"*{text}*" if strong else text
            for text, strong in _split_emphasis(_clean(item.evidence), terms)
        )
        old = " (OLD NEWS)" if digest.is_old_news(item) else ""
        out.append(f"  - {item.stance.value.upper()}{old}: {_clean(item.story_title)}")
        out.append(f"    {', '.join(_meta(digest, item, zone))}")
        url = safe_url(item.story_url)
        if url:
            out.append(f"    {url}")
        out.append(f'    "{sentence}"')
        if limits.reasons:
            for reason in item.reasons:
                out.append(f"    . {_clean(reason)}")
        note = _review_note(item)
        if note:
            out.append(f"    ({note})")
    if len(section.decisive) > limits.decisive:
        more = len(section.decisive) - limits.decisive
        out.append(f"  ... {_more_evidence(claim, more)}")
    if section.discussing:
        out.append(
            _plural(len(section.discussing), "new story only discusses", "new stories only discuss")
            + " it"
            + (":" if limits.discussing else ".")
        )
        for item in section.discussing[: limits.discussing]:
            old = ", old news" if digest.is_old_news(item) else ""
            out.append(
                f"  - {_clean(item.story_title)} ({_outlet(item)}, {_published(item, zone)}{old})"
            )
        if len(section.discussing) > limits.discussing:
            more = len(section.discussing) - limits.discussing
            out.append(f"  ... {_more_evidence(claim, more, 'discusses')}")
    out.append("")
    return out


# --------------------------------------------------------------------------- HTML

_HEADLINE_STYLE = "color:#1a0dab;text-decoration:underline;font-weight:bold"
_FONT = (
    "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,'Noto Sans',"
    "'Noto Sans Devanagari','Nirmala UI',Mangal,sans-serif"
)
_MONO = "font-family:Consolas,Menlo,monospace"


def _e(text: str) -> str:
    """Escape untrusted text for HTML content or a quoted attribute."""
    return escape(_clean(text), quote=True)


def _link(text: str, url: str | None, style: str) -> str:
    href = safe_url(url)
    if href is None:
        return f'<span style="{style}">{_e(text)}</span>'
    return f'<a href="{escape(href, quote=True)}" style="{style}">{_e(text)}</a>'


def _badge(label: str, colour: str) -> str:
    return (
        f'<span style="display:inline-block;padding:1px 6px;border-radius:3px;'
        f"background:{colour};color:#ffffff;font-size:11px;font-weight:bold;"
        f'letter-spacing:0.5px;text-transform:uppercase">{escape(label)}</span>'
    )


def _legend_colour(stance: Stance, count: int) -> str:
    if count == 0 or stance is Stance.DISCUSSES:
        return "#5f6368"
    return _STANCE_COLOURS[stance]


def _html_bar(summary: ClaimSummary) -> str:
    """A stacked bar of independent sources per stance: table cells, no images.

    Table cells with `bgcolor` render in Outlook's Word engine and with images
    blocked; the numbers are also written out beside the bar, and the weights the
    status was decided on under it.
    """
    counts = _counts(summary)
    widths = _shares([n for _, n, _ in counts], 100)
    cells = "".join(
        f'<td width="{w}%" bgcolor="{_STANCE_COLOURS[s]}" '
        f'style="width:{w}%;background:{_STANCE_COLOURS[s]};height:10px;'
        f'font-size:1px;line-height:1px">&nbsp;</td>'
        for (s, _, _), w in zip(counts, widths, strict=True)
        if w
    )
    if not cells:
        cells = (
            '<td width="100%" bgcolor="#e8eaed" style="width:100%;background:#e8eaed;'
            'height:10px;font-size:1px;line-height:1px">&nbsp;</td>'
        )
    bar = (
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        f'style="border-collapse:collapse;margin:6px 0 4px 0"><tr>{cells}</tr></table>'
    )
    legend = " &middot; ".join(
        f'<span style="color:{_legend_colour(s, n)}">'
        f"<b>{n}</b> {_STANCE_LABELS[s]}</span>"
        + (f' <span style="color:#80868b">({c} stories)</span>' if c > n else "")
        for s, n, c in counts
    )
    why = standing(summary)
    why_html = (
        f'<div style="font-size:12px;color:#5f6368;margin-top:2px">{escape(why)}</div>'
        if why
        else ""
    )
    return f'{bar}<div style="font-size:12px;color:#3c4043">{legend}</div>{why_html}'


def _html_sentence(item: Evidence, claim: Claim) -> str:
    terms = emphasis_terms(claim, item.reasons)
    # The sentence is cleaned once as a whole; its runs keep their spaces.
    return "".join(
        f'<strong style="background:#fff3c4;font-weight:bold">{escape(text)}</strong>'
        if strong
        else escape(text)
        for text, strong in _split_emphasis(_clean(item.evidence), terms)
    )


def _html_evidence(
    digest: Digest, item: Evidence, claim: Claim, zone: ZoneInfo, limits: Limits
) -> str:
    colour = _STANCE_COLOURS[item.stance]
    reasons = (
        "".join(f'<li style="margin:0 0 2px 0">{_e(r)}</li>' for r in item.reasons)
        if limits.reasons
        else ""
    )
    note = _review_note(item)
    note_html = (
        f'<div style="font-size:12px;color:#5f6368;font-style:italic">{escape(note)}</div>'
        if note
        else ""
    )
    old = " " + _badge("old news", _OLD_NEWS_COLOUR) if digest.is_old_news(item) else ""
    meta = " &middot; ".join(_e(part) for part in _meta(digest, item, zone))
    return (
        f'<tr><td style="padding:10px 0 10px 10px;border-left:4px solid {colour}">'
        f"{_badge(item.stance.value, colour)}{old}"
        f'<div style="margin:4px 0 2px 0;font-size:15px;line-height:1.35">'
        f"{_link(item.story_title, item.story_url, _HEADLINE_STYLE)}"
        "</div>"
        f'<div style="font-size:12px;color:#5f6368">{meta}</div>'
        f'<blockquote style="margin:6px 0;padding:4px 8px;background:#f8f9fa;'
        f'border-radius:3px;font-size:14px;line-height:1.5;color:#202124">'
        f"{_html_sentence(item, claim)}</blockquote>"
        + (
            f'<ul style="margin:4px 0 0 0;padding:0 0 0 18px;font-size:12px;color:#3c4043">'
            f"{reasons}</ul>"
            if reasons
            else ""
        )
        + note_html
        + "</td></tr>"
        '<tr><td style="height:6px;font-size:1px;line-height:1px">&nbsp;</td></tr>'
    )


def _html_more(claim: Claim, more: int, stance: str = "") -> str:
    text = _more_evidence(claim, more, stance)
    count, _, command = text.partition(": ")
    return (
        f'<div style="font-size:12px;color:#5f6368;margin:2px 0">and {escape(count)}: '
        f"<code>{_e(command)}</code></div>"
    )


def _html_section(digest: Digest, section: ClaimSection, zone: ZoneInfo, limits: Limits) -> str:
    summary = section.summary
    claim = section.claim
    was = (
        f' <span style="font-size:12px;color:#5f6368">was {escape(section.previous.value)}</span>'
        if section.changed and section.previous is not None
        else ""
    )
    parts = [
        '<tr><td style="padding:14px 16px;border-top:1px solid #e0e0e0">',
        f'<div style="font-size:12px;color:#5f6368;{_MONO}">{_e(claim.id)}</div>',
        f'<div style="margin:2px 0 6px 0">'
        f"{_badge(summary.status.value, _STATUS_COLOURS[summary.status])}{was}</div>",
        f'<div style="font-size:15px;line-height:1.4;color:#202124">{_e(claim.text)}</div>',
        _html_bar(summary),
    ]
    if section.decisive:
        items = "".join(
            _html_evidence(digest, e, claim, zone, limits)
            for e in section.decisive[: limits.decisive]
        )
        parts.append(
            f'<div style="margin:12px 0 4px 0;font-size:13px;font-weight:bold;color:#202124">'
            f"New evidence ({len(section.decisive)})</div>"
        )
        if items:
            parts.append(
                '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
                f'border="0">{items}</table>'
            )
        if len(section.decisive) > limits.decisive:
            parts.append(_html_more(claim, len(section.decisive) - limits.decisive))
    else:
        parts.append(
            '<div style="margin:8px 0 0 0;font-size:13px;color:#5f6368">'
            "No new decisive evidence.</div>"
        )
    if section.discussing:
        heads = "".join(
            f'<li style="margin:0 0 2px 0">'
            f"{_link(e.story_title, e.story_url, 'color:#3c4043;text-decoration:underline')}"
            f' <span style="color:#80868b">({_e(_outlet(e))}, {escape(_published(e, zone))}'
            f"{', old news' if digest.is_old_news(e) else ''})</span></li>"
            for e in section.discussing[: limits.discussing]
        )
        label = _plural(
            len(section.discussing), "new story only discusses", "new stories only discuss"
        )
        parts.append(
            f'<div style="margin:10px 0 0 0;font-size:12px;color:#5f6368">{label} it'
            f"{':' if heads else '.'}</div>"
        )
        if heads:
            parts.append(
                f'<ul style="margin:2px 0 0 0;padding:0 0 0 18px;font-size:12px;color:#5f6368">'
                f"{heads}</ul>"
            )
        if len(section.discussing) > limits.discussing:
            more = len(section.discussing) - limits.discussing
            parts.append(_html_more(claim, more, "discusses"))
    parts.append("</td></tr>")
    return "".join(parts)


def _html_summary(digest: Digest) -> str:
    """The table an analyst reads first: each claim with news, its status and what changed."""
    rows = "".join(
        '<tr><td style="padding:4px 10px 4px 0;vertical-align:top;white-space:nowrap">'
        f"{_badge(s.summary.status.value, _STATUS_COLOURS[s.summary.status])}</td>"
        f'<td style="padding:3px 0;vertical-align:top">'
        f'<div style="font-size:13px;color:#202124;{_MONO}">{_e(s.claim.id)}</div>'
        f'<div style="font-size:13px;color:#3c4043">{escape(s.change_note)}</div></td></tr>'
        for s in digest.sections
        if not s.quiet
    )
    table = (
        f'<table role="presentation" cellpadding="0" cellspacing="0" border="0">{rows}</table>'
        if rows
        else ""
    )
    quiet = _quiet_line(digest)
    quiet_html = (
        f'<div style="font-size:13px;color:#5f6368;margin-top:6px">{_e(quiet)}</div>'
        if quiet
        else ""
    )
    return f'<tr><td style="padding:4px 16px 12px 16px">{table}{quiet_html}</td></tr>'


def _html_feeds(digest: Digest, zone: ZoneInfo) -> str:
    if not digest.failing_feeds:
        return (
            '<tr><td style="padding:4px 16px 14px 16px;font-size:14px;color:#5f6368">'
            "No feed has been failing for more than a day.</td></tr>"
        )
    rows = []
    for feed in digest.failing_feeds:
        rows.append(
            '<tr><td style="padding:6px 16px 10px 16px;font-size:13px;color:#202124">'
            f"<b>{_e(feed.name)}</b>"
            f'<div style="font-size:12px;color:#5f6368;word-break:break-all">{_e(feed.url)}</div>'
            f'<div style="font-size:12px;color:#3c4043">failing since '
            f"{escape(_format_time(feed.failing_since, zone))} "
            f"({escape(_duration(feed.failing_since, digest.window_end))})</div>"
            f'<div style="font-size:11px;color:#b3261e;{_MONO};'
            f'word-break:break-all">{_e(_error_text(feed.last_error, feed.url))}</div></td></tr>'
        )
    return "".join(rows)


def _html_heading(text: str) -> str:
    return (
        '<tr><td style="padding:16px 16px 6px 16px;font-size:12px;font-weight:bold;'
        f'letter-spacing:1px;text-transform:uppercase;color:#5f6368">{text}</td></tr>'
    )


def render_html(digest: Digest, *, limits: Limits | None = None) -> str:
    """The HTML part: one self-contained document with inline CSS, no external resources.

    Table layout at most 640px wide for Outlook's Word renderer; it shrinks to
    a phone's width. Every string from a feed is escaped; links are http(s) only.
    `limits` default to the most generous that keep it within `HTML_BUDGET`.
    """
    if limits is None:
        limits = fit_limits(digest)
    zone = ZoneInfo(digest.timezone)
    prefix = _e(digest.subject_prefix) or "Claim Tracker"
    news = [s for s in digest.sections if not s.quiet]
    if news and limits.sections:
        sections = _html_heading("Claims with news") + "".join(
            _html_section(digest, s, zone, limits) for s in news
        )
    elif news:
        sections = (
            '<tr><td style="padding:4px 16px 12px 16px;font-size:14px;color:#3c4043">'
            "Too much news for one email: each claim's evidence is in "
            "<code>tracker evidence --claim ID</code>.</td></tr>"
        )
    else:
        sections = ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light">'
        f"<title>{_e(digest.subject)}</title></head>\n"
        f'<body style="margin:0;padding:0;background:#f1f3f4;font-family:{_FONT};color:#202124">\n'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        'bgcolor="#f1f3f4" style="background:#f1f3f4">'
        '<tr><td align="center" style="padding:12px 6px">\n'
        # Outlook's Word engine ignores max-width: give it a fixed 640px column.
        '<!--[if mso]><table role="presentation" width="640" align="center" cellpadding="0" '
        'cellspacing="0" border="0"><tr><td><![endif]-->\n'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        'bgcolor="#ffffff" style="max-width:640px;background:#ffffff;border-radius:6px;'
        f'border-collapse:separate;font-family:{_FONT}">\n'
        '<tr><td style="padding:16px 16px 10px 16px;border-bottom:3px solid #1a73e8">'
        f'<div style="font-size:20px;font-weight:bold;color:#202124">{prefix} digest</div>'
        f'<div style="font-size:14px;color:#3c4043;margin-top:2px">'
        f"{escape(format_day(digest.day))}</div>"
        f'<div style="font-size:12px;color:#5f6368;margin-top:6px">'
        f"{_e(_window_line(digest, zone))}</div>"
        f'<div style="font-size:14px;color:#202124;margin-top:6px;font-weight:bold">'
        f"{escape(_summary_line(digest))}</div></td></tr>\n"
        + _html_heading(f"Summary, {escape(_since_line(digest))}")
        + _html_summary(digest)
        + "\n"
        + sections
        + "\n"
        + _html_heading("Feed health")
        + _html_feeds(digest, zone)
        + "\n"
        '<tr><td style="padding:12px 16px;border-top:1px solid #e0e0e0;'
        'font-size:11px;color:#80868b">'
        "Sent by Claim Tracker. Run <code>tracker evidence --claim ID</code> for all evidence."
        "</td></tr>\n"
        "</table>\n<!--[if mso]></td></tr></table><![endif]-->\n"
        "</td></tr></table>\n</body></html>\n"
    )
