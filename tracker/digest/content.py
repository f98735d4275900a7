"""The daily digest: what it says (`build_digest`) and how it reads (`render_text`, `render_html`).

Pure: no I/O, no clock. Everything the digest needs (summaries, evidence of
the window, feed states, the statuses of the previous digest) is passed in,
and the result is a frozen `Digest` that both renderers read. The message
itself is assembled in `tracker.digest.mail`; choosing the window and sending happen
in `tracker.digest.delivery`.

Every string that came from a feed (titles, sentences, outlet names, URLs,
error messages) is untrusted: the HTML renderer escapes all of it, links only
``http(s)`` URLs, and the subject is built from configuration and counts only,
folded to one line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from tracker.types import Claim, ClaimStatus, ClaimSummary, Evidence, FeedState, Stance

__all__ = [
    "MAX_DECISIVE_PER_CLAIM",
    "MAX_DISCUSSING_HEADLINES",
    "ClaimSection",
    "Digest",
    "FailingFeed",
    "StatusChange",
    "build_digest",
    "emphasis_terms",
    "format_day",
    "highlight_spans",
    "render_html",
    "render_text",
    "safe_header_text",
    "safe_url",
]

#: Decisive items shown per claim; the rest are counted ("and 3 more").
MAX_DECISIVE_PER_CLAIM = 10
#: Headlines listed under "only discussed by"; the rest are counted.
MAX_DISCUSSING_HEADLINES = 8
#: A feed appears under "Feed health" once it has failed for this long.
FEED_FAILING_AFTER = timedelta(days=1)
#: Feed error messages are cut to this many characters.
MAX_ERROR_CHARS = 300

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


# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class StatusChange:
    """A claim whose status differs from the one recorded with the previous digest."""

    claim: Claim
    #: None when the claim was not tracked (or no digest was sent) before.
    old: ClaimStatus | None
    new: ClaimStatus
    #: Why the claim has its new status (the status roll-up's explanation).
    why: str


@dataclass(frozen=True)
class ClaimSection:
    """One tracked claim: its standing and what the window added."""

    summary: ClaimSummary
    #: New corroborating/contradicting evidence, one item per syndication cluster,
    #: contradicting first, then by score.
    decisive: tuple[Evidence, ...]
    #: New stories that only discuss the claim, one per cluster, newest first.
    discussing: tuple[Evidence, ...]

    @property
    def claim(self) -> Claim:
        """The claim this section is about."""
        return self.summary.claim


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
    digest): a claim is listed as changed when its status differs, or when it
    is new and no longer unverified. `now` decides which feeds have been
    failing for more than a day.
    """
    ZoneInfo(timezone)  # fail early on a bad zone name, not halfway through rendering
    previous = previous_statuses or {}
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
            key=lambda e: (e.stance is not Stance.CONTRADICTS, -e.score, _ts(e.published)),
        )
        discussing = sorted(
            (e for e in items if not e.stance.decisive),
            key=lambda e: (-_ts(e.published), e.story_title),
        )
        sections.append(ClaimSection(summary, tuple(decisive), tuple(discussing)))
        old = previous.get(summary.claim.id)
        if old != summary.status and not (old is None and summary.status is ClaimStatus.UNVERIFIED):
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
        return "in the last 24 hours (first digest)"
    return f"since the digest of {format_day(digest.previous_day)}"


def _counts(summary: ClaimSummary) -> list[tuple[Stance, int, int]]:
    return [
        (stance, summary.counts.get(stance, 0), summary.copies.get(stance, 0))
        for stance in _TALLY_ORDER
    ]


def _published(item: Evidence, zone: ZoneInfo) -> str:
    if item.published is None:
        return "date unknown"
    return format_day(item.published.astimezone(zone).date())


def _copies_note(item: Evidence) -> str:
    if item.copies <= 1:
        return "no syndicated copies"
    return _plural(item.copies - 1, "syndicated copy", "syndicated copies")


def _review_note(item: Evidence) -> str | None:
    if item.review is None:
        return None
    if item.stance is not item.engine_stance:
        return f"relabelled by an analyst; the engine said {item.engine_stance.value}"
    return "confirmed by an analyst"


def _error_text(error: str | None) -> str:
    text = _clean(error or "") or "no error recorded"
    if len(text) > MAX_ERROR_CHARS:
        text = text[: MAX_ERROR_CHARS - 1] + "…"
    return text


def _duration(since: datetime, until: datetime) -> str:
    days = (until - since).days
    if days >= 1:
        return _plural(days, "day", "days")
    return _plural(int((until - since).total_seconds() // 3600), "hour", "hours")


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


def render_text(digest: Digest) -> str:
    """The plain-text part: the same content as the HTML, readable in any client."""
    zone = ZoneInfo(digest.timezone)
    out: list[str] = []
    title = f"{_clean(digest.subject_prefix) or 'Claim Tracker'} digest, {format_day(digest.day)}"
    out += [title, "=" * len(title), _window_line(digest, zone), _summary_line(digest), ""]

    out += [f"STATUS CHANGES ({_since_line(digest)})", ""]
    if not digest.changes:
        out += ["No claim changed status.", ""]
    for change in digest.changes:
        old = change.old.value if change.old else "new claim"
        out.append(f"* {change.claim.id}: {old} -> {change.new.value}")
        out.append(f"  {_clean(change.claim.text)}")
        if change.why:
            out.append(f"  Why: {_clean(change.why)}")
        out.append("")

    out += ["CLAIMS", ""]
    for section in digest.sections:
        out += _text_section(section, zone)

    out += ["FEED HEALTH", ""]
    if not digest.failing_feeds:
        out.append("No feed has been failing for more than a day.")
    for feed in digest.failing_feeds:
        since = _format_time(feed.failing_since, zone)
        out.append(f"* {feed.name} <{_clean(feed.url)}>")
        failing_for = _duration(feed.failing_since, digest.window_end)
        out.append(f"  failing since {since} ({failing_for})")
        out.append(f"  last error: {_error_text(feed.last_error)}")
    out += ["", "-- ", "Claim Tracker. Run `tracker evidence --claim ID` for all evidence."]
    return "\n".join(out) + "\n"


def _text_section(section: ClaimSection, zone: ZoneInfo) -> list[str]:
    summary = section.summary
    claim = section.claim
    out = [f"[{claim.id}] {summary.status.value.upper()}", _clean(claim.text)]
    tally = ", ".join(
        f"{n} {_STANCE_LABELS[s]}" + (f" ({c} stories)" if c > n else "")
        for s, n, c in _counts(summary)
    )
    out.append(f"Sources {_text_bar(summary)} {tally}")
    if not section.decisive:
        out.append("No new decisive evidence.")
    else:
        out.append(f"New evidence ({len(section.decisive)}):")
    terms_cache: dict[tuple[str, ...], tuple[str, ...]] = {}
    for item in section.decisive[:MAX_DECISIVE_PER_CLAIM]:
        terms = terms_cache.setdefault(item.reasons, emphasis_terms(claim, item.reasons))
        sentence = "".join(
            f"*{text}*" if strong else text
            for text, strong in _split_emphasis(_clean(item.evidence), terms)
        )
        out.append(f"  - {item.stance.value.upper()}: {_clean(item.story_title)}")
        out.append(f"    {_outlet(item)}, {_published(item, zone)}, {_copies_note(item)}")
        url = safe_url(item.story_url)
        if url:
            out.append(f"    {url}")
        out.append(f'    "{sentence}"')
        for reason in item.reasons:
            out.append(f"    . {_clean(reason)}")
        note = _review_note(item)
        if note:
            out.append(f"    ({note})")
    if len(section.decisive) > MAX_DECISIVE_PER_CLAIM:
        more = len(section.decisive) - MAX_DECISIVE_PER_CLAIM
        out.append(f"  ... and {more} more (tracker evidence --claim {claim.id})")
    if section.discussing:
        out.append(
            _plural(len(section.discussing), "new story only discusses", "new stories only discuss")
            + " it:"
        )
        for item in section.discussing[:MAX_DISCUSSING_HEADLINES]:
            out.append(f"  - {_clean(item.story_title)} ({_outlet(item)})")
        if len(section.discussing) > MAX_DISCUSSING_HEADLINES:
            out.append(f"  ... and {len(section.discussing) - MAX_DISCUSSING_HEADLINES} more")
    out.append("")
    return out


# --------------------------------------------------------------------------- HTML

_HEADLINE_STYLE = "color:#1a0dab;text-decoration:underline;font-weight:bold"
_FONT = (
    "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,'Noto Sans',"
    "'Noto Sans Devanagari','Nirmala UI',Mangal,sans-serif"
)


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
    blocked; the numbers are also written out beside the bar.
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
    return f'{bar}<div style="font-size:12px;color:#3c4043">{legend}</div>'


def _html_sentence(item: Evidence, claim: Claim) -> str:
    terms = emphasis_terms(claim, item.reasons)
    # The sentence is cleaned once as a whole; its runs keep their spaces.
    return "".join(
        f'<strong style="background:#fff3c4;font-weight:bold">{escape(text)}</strong>'
        if strong
        else escape(text)
        for text, strong in _split_emphasis(_clean(item.evidence), terms)
    )


def _html_evidence(item: Evidence, claim: Claim, zone: ZoneInfo) -> str:
    colour = _STANCE_COLOURS[item.stance]
    reasons = "".join(f'<li style="margin:0 0 2px 0">{_e(r)}</li>' for r in item.reasons)
    note = _review_note(item)
    note_html = (
        f'<div style="font-size:12px;color:#5f6368;font-style:italic">{escape(note)}</div>'
        if note
        else ""
    )
    return (
        f'<tr><td style="padding:10px 0 10px 10px;border-left:4px solid {colour}">'
        f"{_badge(item.stance.value, colour)}"
        f'<div style="margin:4px 0 2px 0;font-size:15px;line-height:1.35">'
        f"{_link(item.story_title, item.story_url, _HEADLINE_STYLE)}"
        "</div>"
        f'<div style="font-size:12px;color:#5f6368">{_e(_outlet(item))} &middot; '
        f"{escape(_published(item, zone))} &middot; {escape(_copies_note(item))}</div>"
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


def _html_section(section: ClaimSection, zone: ZoneInfo) -> str:
    summary = section.summary
    claim = section.claim
    parts = [
        '<tr><td style="padding:14px 16px;border-top:1px solid #e0e0e0">',
        f'<div style="font-size:12px;color:#5f6368;font-family:Consolas,Menlo,monospace">'
        f"{_e(claim.id)}</div>",
        f'<div style="margin:2px 0 6px 0">'
        f"{_badge(summary.status.value, _STATUS_COLOURS[summary.status])}</div>",
        f'<div style="font-size:15px;line-height:1.4;color:#202124">{_e(claim.text)}</div>',
        _html_bar(summary),
    ]
    if section.decisive:
        items = "".join(
            _html_evidence(e, claim, zone) for e in section.decisive[:MAX_DECISIVE_PER_CLAIM]
        )
        parts.append(
            f'<div style="margin:12px 0 4px 0;font-size:13px;font-weight:bold;color:#202124">'
            f"New evidence ({len(section.decisive)})</div>"
            '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">'
            f"{items}</table>"
        )
        if len(section.decisive) > MAX_DECISIVE_PER_CLAIM:
            more = len(section.decisive) - MAX_DECISIVE_PER_CLAIM
            parts.append(
                f'<div style="font-size:12px;color:#5f6368">and {more} more: '
                f"<code>tracker evidence --claim {_e(claim.id)}</code></div>"
            )
    else:
        parts.append(
            '<div style="margin:8px 0 0 0;font-size:13px;color:#5f6368">'
            "No new decisive evidence.</div>"
        )
    if section.discussing:
        heads = "".join(
            f'<li style="margin:0 0 2px 0">'
            f"{_link(e.story_title, e.story_url, 'color:#3c4043;text-decoration:underline')}"
            f' <span style="color:#80868b">({_e(_outlet(e))})</span></li>'
            for e in section.discussing[:MAX_DISCUSSING_HEADLINES]
        )
        if len(section.discussing) > MAX_DISCUSSING_HEADLINES:
            more = len(section.discussing) - MAX_DISCUSSING_HEADLINES
            heads += f'<li style="margin:0;list-style:none">and {more} more</li>'
        label = _plural(
            len(section.discussing), "new story only discusses", "new stories only discuss"
        )
        parts.append(
            f'<div style="margin:10px 0 0 0;font-size:12px;color:#5f6368">{label} it:</div>'
            f'<ul style="margin:2px 0 0 0;padding:0 0 0 18px;font-size:12px;color:#5f6368">'
            f"{heads}</ul>"
        )
    parts.append("</td></tr>")
    return "".join(parts)


def _html_changes(digest: Digest) -> str:
    if not digest.changes:
        return (
            '<tr><td style="padding:4px 16px 12px 16px;font-size:14px;color:#5f6368">'
            "No claim changed status.</td></tr>"
        )
    rows = []
    for change in digest.changes:
        old = (
            _badge(change.old.value, _STATUS_COLOURS[change.old])
            if change.old
            else _badge("new claim", "#80868b")
        )
        new = _badge(change.new.value, _STATUS_COLOURS[change.new])
        why = (
            f'<div style="font-size:13px;color:#3c4043;margin-top:4px">'
            f"<b>Why:</b> {_e(change.why)}</div>"
            if change.why
            else ""
        )
        rows.append(
            '<tr><td style="padding:6px 16px 10px 16px">'
            f'<div style="font-size:13px;font-family:Consolas,Menlo,monospace;color:#202124">'
            f"{_e(change.claim.id)}</div>"
            f'<div style="margin:3px 0">{old} <span style="color:#5f6368">&rarr;</span> {new}</div>'
            f'<div style="font-size:14px;line-height:1.4;color:#202124">'
            f"{_e(change.claim.text)}</div>"
            f"{why}</td></tr>"
        )
    return "".join(rows)


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
            f'<div style="font-size:11px;color:#b3261e;font-family:Consolas,Menlo,monospace;'
            f'word-break:break-all">{_e(_error_text(feed.last_error))}</div></td></tr>'
        )
    return "".join(rows)


def _html_heading(text: str) -> str:
    return (
        '<tr><td style="padding:16px 16px 6px 16px;font-size:12px;font-weight:bold;'
        f'letter-spacing:1px;text-transform:uppercase;color:#5f6368">{text}</td></tr>'
    )


def render_html(digest: Digest) -> str:
    """The HTML part: one self-contained document with inline CSS, no external resources.

    Table layout at most 640px wide for Outlook's Word renderer; it shrinks to
    a phone's width. Every string from a feed is escaped; links are http(s) only.
    """
    zone = ZoneInfo(digest.timezone)
    prefix = _e(digest.subject_prefix) or "Claim Tracker"
    sections = "".join(_html_section(s, zone) for s in digest.sections)
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
        + _html_heading(f"Status changes {escape(_since_line(digest))}")
        + _html_changes(digest)
        + "\n"
        + _html_heading("Claims")
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
