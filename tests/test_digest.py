"""The digest's content and rendering (tracker.digest.content): pure, pinned by golden files.

`sample_digest()` is realistic sample data (English and Marathi stories about
DeepSeek, written for these tests) shared with test_mail, test_delivery and the
screenshot in docs/. Set UPDATE_GOLDEN=1 to rewrite tests/data/digest/*.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tracker.digest.content import (
    Digest,
    build_digest,
    emphasis_terms,
    format_day,
    highlight_spans,
    render_html,
    render_text,
    safe_url,
)
from tracker.types import (
    Claim,
    ClaimStatus,
    ClaimSummary,
    Evidence,
    FeedState,
    Review,
    ReviewDecision,
    Stance,
)

GOLDEN = Path(__file__).parent / "data" / "digest"
NOW = datetime(2025, 8, 16, 1, 30, tzinfo=UTC)  # 07:00 in Asia/Kolkata
WINDOW_START = NOW - timedelta(days=1)

C, X, D = Stance.CORROBORATES, Stance.CONTRADICTS, Stance.DISCUSSES

R2 = Claim(
    id="r2-timeline",
    text=(
        "DeepSeek wants to bring out its R2 model sooner than the early-May date it first planned."
    ),
    entities=(("DeepSeek", "डीपसीक"), ("R2", "आर२", "आर-२")),
    keywords=("release", "launch", "प्रकाशन"),
)
CHIPS = Claim(
    id="chip-stockpile",
    text=(
        "Alexandr Wang says DeepSeek holds roughly 50,000 export-restricted high-end Nvidia chips."
    ),
    entities=(("DeepSeek", "डीपसीक"), ("Nvidia", "एनव्हिडिया")),
    keywords=("chips", "50,000", "चिप"),
)
APPS = Claim(
    id="app-store-removals",
    text="Privacy regulators in countries such as South Korea and Italy had DeepSeek pulled "
    "from app stores.",
    entities=(("DeepSeek", "डीपसीक"),),
    keywords=("app store", "privacy", "गोपनीयता"),
)
PRICES = Claim(
    id="price-gap",
    text=(
        "Bernstein reckons DeepSeek charges 20 to 40 times less than OpenAI for comparable models."
    ),
    entities=(("DeepSeek",), ("OpenAI",)),
    keywords=("Bernstein", "cheaper"),
)
COST = Claim(
    id="training-cost",
    text="DeepSeek says it trained its V3 model for under $6 million in compute.",
    entities=(("DeepSeek", "डीपसीक"), ("V3",)),
    keywords=("$6 million", "training cost"),
)
CLAIMS = (R2, CHIPS, APPS, PRICES, COST)


def summary(
    claim: Claim,
    status: ClaimStatus,
    counts: tuple[int, int, int],
    why: str,
    extra: int = 0,
    weights: tuple[float, float] = (0.0, 0.0),
) -> ClaimSummary:
    """A ClaimSummary with (corroborating, contradicting, discussing) source counts and
    (support, opposition) weights."""
    c, x, d = counts
    return ClaimSummary(
        claim=claim,
        status=status,
        counts={C: c, X: x, D: d},
        copies={C: c + extra, X: x, D: d},
        explanation=why,
        support=weights[0],
        opposition=weights[1],
    )


_ids = iter(range(1, 10_000))


def ev(
    claim: Claim,
    stance: Stance,
    title: str,
    sentence: str,
    *,
    outlet: str | None,
    feed_url: str,
    url: str | None,
    published: datetime | None,
    reasons: tuple[str, ...] = (),
    score: float = 0.8,
    copies: int = 1,
    cluster: int | None = None,
    review: Review | None = None,
    engine_stance: Stance | None = None,
) -> Evidence:
    """One piece of evidence logged inside the sample window."""
    n = next(_ids)
    return Evidence(
        verdict_id=n,
        claim_id=claim.id,
        stance=stance,
        engine_stance=engine_stance or stance,
        score=score,
        evidence=sentence,
        reasons=reasons,
        engine_version="test",
        story_id=n,
        story_title=title,
        story_url=url,
        feed_url=feed_url,
        feed_name=outlet,
        published=published,
        logged_at=WINDOW_START + timedelta(hours=n % 20 + 1),
        cluster_id=cluster if cluster is not None else 1000 + n,
        copies=copies,
        review=review,
    )


def t(day: int, hour: int = 9) -> datetime:
    return datetime(2025, 8, day, hour, tzinfo=UTC)


def sample_evidence() -> list[Evidence]:
    """Evidence logged in the window: English and Marathi, syndicated copies, discussion."""
    wire = "https://wire.example.com/feed.xml"
    return [
        ev(
            R2,
            X,
            "DeepSeek's next model slips to later in the year, people familiar say",
            "Two engineers said the R2 release has been pushed back past the summer because "
            "training runs keep failing on the new chips.",
            outlet="Example Wire",
            feed_url=wire,
            url="https://wire.example.com/2025/08/15/deepseek-r2-delay",
            published=t(15, 6),
            reasons=("mentions 'DeepSeek', 'R2'", "delay cue: 'pushed back'", "date after May"),
            score=0.91,
            copies=4,
            cluster=77,
        ),
        # A syndicated copy of the same wire story: counted once, the best copy is shown.
        ev(
            R2,
            X,
            "DeepSeek R2 delayed (wire copy)",
            "The R2 release has been pushed back past the summer.",
            outlet="Regional Daily",
            feed_url="https://regional.example.net/rss",
            url="https://regional.example.net/tech/deepseek-r2",
            published=t(15, 8),
            reasons=("mentions 'R2'",),
            score=0.7,
            copies=4,
            cluster=77,
        ),
        ev(
            R2,
            X,
            "डीपसीकचे आर२ मॉडेल लांबणीवर",
            "कंपनीतील सूत्रांच्या माहितीनुसार डीपसीकने आर२ चे प्रकाशन पुढील तिमाहीपर्यंत पुढे ढकलले आहे.",
            outlet="मुंबई टेक वार्ता",
            feed_url="https://marathi.example.in/feed",
            url="https://marathi.example.in/tantradnyan/deepseek-r2",
            published=t(15, 11),
            reasons=("mentions 'डीपसीक', 'आर२'", "delay cue: 'पुढे ढकलले'"),
            score=0.84,
        ),
        ev(
            R2,
            D,
            "What we know about DeepSeek so far",
            "DeepSeek has said little in public about R2.",
            outlet="Tech Explainers",
            feed_url="https://explainers.example.org/atom",
            url="https://explainers.example.org/deepseek-faq",
            published=t(15, 4),
        ),
        ev(
            R2,
            D,
            "Investors watch Hangzhou start-ups after the January shock",
            "Analysts mentioned DeepSeek and its upcoming R2 in passing.",
            outlet="Markets Daily",
            feed_url="https://markets.example.com/rss",
            url="https://markets.example.com/hangzhou",
            published=t(14, 22),
        ),
        ev(
            CHIPS,
            C,
            "US lawmakers cite chip estimate in letter on DeepSeek",
            "The letter repeats the estimate that DeepSeek runs on about 50,000 Nvidia "
            "Hopper-class chips that cannot legally be shipped to China.",
            outlet=None,  # outlet falls back to the feed's host
            feed_url="https://www.capitol.example.gov/news.rss",
            url="https://www.capitol.example.gov/news/letter-deepseek",
            published=t(15, 15),
            reasons=("mentions 'DeepSeek', 'Nvidia'", "number 50,000 matches 50,000 (±20%)"),
            score=0.62,
            review=Review(ReviewDecision.CONFIRMED, None, "checked", t(15, 20)),
        ),
        ev(
            APPS,
            C,
            "इटली आणि दक्षिण कोरियात डीपसीक ॲप स्टोअरमधून हटवले",
            "गोपनीयतेच्या चिंतेमुळे दक्षिण कोरियाच्या नियामकांनी डीपसीकचे ॲप डाउनलोडसाठी बंद केले.",
            outlet="पुणे डिजिटल",
            feed_url="https://pune.example.in/rss",
            url="https://pune.example.in/batmi/deepseek-app",
            published=t(15, 13),
            reasons=("mentions 'डीपसीक'", "keyword 'गोपनीयता'"),
            score=0.77,
        ),
        ev(
            APPS,
            X,
            "DeepSeek app back in South Korean stores",
            "The DeepSeek app is available for download again in South Korea after the "
            "company changed its privacy policy.",
            outlet="Seoul Tech Review",
            feed_url="https://seoul.example.kr/feed",
            url="https://seoul.example.kr/deepseek-returns",
            published=t(15, 1),
            reasons=("mentions 'DeepSeek'", "reversal cue: 'available again'"),
            score=0.58,
            engine_stance=C,
            review=Review(ReviewDecision.RELABELLED, X, "app was restored", t(15, 21)),
        ),
        # A verdict an analyst rejected: it must not appear.
        ev(
            PRICES,
            C,
            "Rejected: unrelated price story",
            "Prices of DeepSeek merchandise fell.",
            outlet="Noise",
            feed_url="https://noise.example.com/rss",
            url="https://noise.example.com/1",
            published=t(15),
            review=Review(ReviewDecision.REJECTED, None, "not about API prices", t(15, 22)),
        ),
        # Logged today, published in February: old news, and too weak to decide the claim.
        ev(
            COST,
            X,
            "Analysts doubt DeepSeek's $6 million training bill",
            "SemiAnalysis puts DeepSeek's hardware spending well above $500 million, far more "
            "than the $6 million quoted for the V3 training run.",
            outlet="Chip Letter",
            feed_url="https://chips.example.com/feed",
            url="https://chips.example.com/2025/02/deepseek-cost",
            published=datetime(2025, 2, 3, 12, tzinfo=UTC),
            reasons=("mentions 'DeepSeek', 'V3'", "number $500 million differs from $6 million"),
            score=0.42,
        ),
    ]


def sample_summaries() -> list[ClaimSummary]:
    """The claims' standing after the window."""
    return [
        summary(
            R2,
            ClaimStatus.CONTRADICTED,
            (1, 3, 6),
            "3 independent sources contradict it (latest 15 Aug), 1 corroborates",
            extra=2,
            weights=(0.81, 2.63),
        ),
        summary(
            CHIPS,
            ClaimStatus.CORROBORATED,
            (2, 0, 9),
            "2 independent sources repeat the figure; none dispute it",
            weights=(1.62, 0.0),
        ),
        summary(
            APPS,
            ClaimStatus.DISPUTED,
            (4, 2, 3),
            "4 sources corroborate and 2 contradict within 30 days",
            weights=(2.9, 1.58),
        ),
        summary(PRICES, ClaimStatus.UNVERIFIED, (0, 0, 0), "no decisive evidence yet"),
        # A weak contradicting source: the badge says unverified over a red bar, and why.
        summary(
            COST,
            ClaimStatus.UNVERIFIED,
            (0, 1, 0),
            "1 independent source contradicting (weight 0.0 for, 0.4 against)",
            weights=(0.0, 0.42),
        ),
    ]


def sample_feeds() -> list[FeedState]:
    """Feeds: one failing for two days (shown), one failing for an hour (not yet)."""
    return [
        FeedState(
            id=1,
            url="https://wire.example.com/feed.xml",
            name="Example Wire",
            interval=None,
            tags=(),
            source="config",
        ),
        FeedState(
            id=2,
            url="https://gone.example.com/rss",
            name="Gone Gazette",
            interval=None,
            tags=(),
            source="config",
            failing_since=NOW - timedelta(days=2, hours=3),
            last_error="HTTP 404 Not Found from https://gone.example.com/rss",
            error_count=40,
        ),
        FeedState(
            id=3,
            url="https://flaky.example.com/rss",
            name="Flaky Times",
            interval=None,
            tags=(),
            source="config",
            failing_since=NOW - timedelta(hours=1),
            last_error="timed out",
        ),
    ]


# training-cost was added to the config since the previous digest: this is its first.
PREVIOUS = {
    "r2-timeline": ClaimStatus.UNVERIFIED,
    "chip-stockpile": ClaimStatus.CORROBORATED,
    "app-store-removals": ClaimStatus.CORROBORATED,
    "price-gap": ClaimStatus.UNVERIFIED,
}


def sample_digest(**overrides: object) -> Digest:
    """The sample digest of 16 Aug 2025 (Asia/Kolkata), as the daemon would build it."""
    kwargs: dict[str, object] = {
        "day": date(2025, 8, 16),
        "window_start": WINDOW_START,
        "window_end": NOW,
        "summaries": sample_summaries(),
        "evidence": sample_evidence(),
        "feeds": sample_feeds(),
        "previous_statuses": PREVIOUS,
        "now": NOW,
        "timezone": "Asia/Kolkata",
        "previous_day": date(2025, 8, 15),
    }
    kwargs.update(overrides)
    return build_digest(**kwargs)  # type: ignore[arg-type]


def hostile_evidence() -> list[Evidence]:
    """Feed content that tries to script, restyle or inject headers."""
    return [
        ev(
            R2,
            X,
            "<script>alert('x')</script>R2 delayed\r\nBcc: victim@example.com",
            "<img src=x onerror=alert(1)> DeepSeek R2 is late "
            '<a href="javascript:alert(2)" style="position:fixed">click</a>',
            outlet='<style>body{display:none}</style>Evil "News"',
            feed_url="https://evil.example.com/rss",
            url="javascript:alert(document.cookie)",
            published=t(15),
            reasons=("<b onmouseover=alert(3)>mentions</b> 'R2'",),
        ),
        ev(
            R2,
            D,
            "Tab-split scheme\n<iframe src=//evil.example.com>",
            "DeepSeek R2.",
            outlet="Evil 2",
            feed_url="https://evil.example.com/rss2",
            url="java\tscript:alert(1)",
            published=None,
        ),
        ev(
            R2,
            C,
            "Quote breaker",
            "DeepSeek R2 ships soon.",
            outlet="Evil 3",
            feed_url="https://evil.example.com/rss3",
            url='https://evil.example.com/a" onclick="alert(1)',
            published=t(15),
        ),
    ]


def check_golden(name: str, actual: str | bytes) -> None:
    """Compare with tests/data/digest/<name>; UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"{path} missing: run with UPDATE_GOLDEN=1 once and review it"
    assert data == path.read_bytes(), f"{name} differs from its golden file"


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "body", "table", "tr", "td", "div", "span", "a",
    "strong", "b", "blockquote", "ul", "li", "code",
}  # fmt: skip
ALLOWED_ATTRS = {
    "lang", "charset", "name", "content", "style", "role", "width", "cellpadding",
    "cellspacing", "border", "bgcolor", "align", "href",
}  # fmt: skip


def assert_safe_html(markup: str) -> None:
    """Only the tags and attributes the renderer itself writes; http(s) links only."""
    parsed = parse_html(markup)
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, f"unexpected <{tag}>"
        for attr, value in attrs.items():
            assert attr in ALLOWED_ATTRS, f"unexpected attribute {attr} on <{tag}>"
            if attr == "href":
                assert value is not None and value.startswith(("https://", "http://"))
            if attr == "style":
                assert value is not None
                assert "position" not in value and "display:none" not in value
                assert "url(" not in value and "expression" not in value
            if attr in ("src", "background"):
                raise AssertionError("no external resources")


# --------------------------------------------------------------------------- content


def test_sample_digest_content() -> None:
    digest = sample_digest()
    assert [c.claim.id for c in digest.changes] == ["r2-timeline", "app-store-removals"]
    r2_change = digest.changes[0]
    assert (r2_change.old, r2_change.new) == (ClaimStatus.UNVERIFIED, ClaimStatus.CONTRADICTED)
    assert "contradict" in r2_change.why
    r2 = digest.sections[0]
    # Two copies of the wire story count once; the better-scored copy represents them.
    assert [e.feed_name for e in r2.decisive] == ["Example Wire", "मुंबई टेक वार्ता"]
    assert r2.decisive[0].copies == 4
    assert len(r2.discussing) == 2
    assert r2.change_note == "was unverified; +2 contradicting, +2 discussing"
    # The rejected verdict is gone; the unverified claim with nothing new is quiet.
    prices = digest.sections[3]
    assert prices.claim.id == "price-gap" and prices.decisive == () and prices.discussing == ()
    assert prices.quiet
    # A claim added to the config since the previous digest is in its first digest.
    cost = digest.sections[4]
    assert cost.first and not cost.changed and cost.change_note == "first digest; +1 contradicting"
    assert digest.new_evidence == 6
    assert [f.name for f in digest.failing_feeds] == ["Gone Gazette"]
    assert not digest.is_empty


def test_subject_has_date_and_headline_numbers() -> None:
    digest = sample_digest()
    assert digest.subject == (
        "Claim Tracker, 16 Aug 2025: r2-timeline contradicted, app-store-removals disputed; "
        "6 new pieces of evidence; 1 feed failing"
    )
    quiet = sample_digest(evidence=[], feeds=[], summaries=sample_summaries()[3:4])
    assert quiet.subject == "Claim Tracker, 16 Aug 2025: no new evidence"
    assert quiet.is_empty
    one = sample_digest(evidence=sample_evidence()[5:6], feeds=[], previous_statuses=None)
    assert one.subject.endswith(": 1 new piece of evidence")


def test_first_digest_reports_statuses_without_calling_them_changes() -> None:
    first = sample_digest(previous_statuses=None, previous_day=None)
    assert first.changes == ()
    assert all(s.first and not s.changed for s in first.sections)
    text = render_text(first)
    html = render_html(first)
    for part in (text, " ".join(parse_html(html).text)):
        assert "new claim" not in part and "->" not in part and "was unverified" not in part
    assert "SUMMARY (first digest: the last 24 hours)" in text
    assert "  CONTRADICTED  r2-timeline         first digest; +2 contradicting, +2 discussing" in (
        text
    )


def test_subject_prefix_cannot_inject_headers() -> None:
    digest = sample_digest(subject_prefix="Tracker\r\nBcc: spy@example.com")
    assert "\r" not in digest.subject and "\n" not in digest.subject
    assert digest.subject.startswith("Tracker Bcc: spy@example.com, 16 Aug 2025:")


def test_many_changes_are_summarised_in_subject() -> None:
    claims = [Claim(id=f"c{i}", text=f"claim {i}") for i in range(5)]
    summaries = [summary(c, ClaimStatus.CORROBORATED, (1, 0, 0), "x") for c in claims]
    previous = {c.id: ClaimStatus.UNVERIFIED for c in claims}
    digest = sample_digest(summaries=summaries, evidence=[], feeds=[], previous_statuses=previous)
    assert "c0 corroborated, c1 corroborated, c2 corroborated (+2 more)" in digest.subject


def test_unchanged_status_is_not_a_change() -> None:
    same = {s.claim.id: s.status for s in sample_summaries()}
    assert sample_digest(previous_statuses=same).changes == ()


def test_feed_failing_for_exactly_a_day_is_not_yet_listed() -> None:
    feed = replace(sample_feeds()[1], failing_since=NOW - timedelta(days=1))
    assert sample_digest(feeds=[feed]).failing_feeds == ()
    later = replace(feed, failing_since=NOW - timedelta(days=1, seconds=1))
    assert len(sample_digest(feeds=[later]).failing_feeds) == 1


def test_bad_timezone_fails_early() -> None:
    with pytest.raises(Exception, match="Mars"):
        sample_digest(timezone="Mars/Olympus")


def test_format_day_ignores_locale() -> None:
    assert format_day(date(2025, 8, 6)) == "6 Aug 2025"


# --------------------------------------------------------------------------- emphasis


def test_emphasis_terms_from_claim_and_reasons() -> None:
    terms = emphasis_terms(R2, ("delay cue: 'pushed back'", "quoted “आर-२”"))
    assert "pushed back" in terms and "DeepSeek" in terms and "आर२" in terms
    assert terms.index("pushed back") < terms.index("R2")  # longest first


@pytest.mark.parametrize(
    ("sentence", "terms", "marked"),
    [
        ("DeepSeek's R2 slips", ["DeepSeek", "R2"], ["DeepSeek", "R2"]),
        ("deepseek r2", ["DeepSeek", "R2"], ["deepseek", "r2"]),
        ("R25 and AR2 are other things", ["R2"], []),
        ("Nvidia's chips", ["Nvidia", "chip"], ["Nvidia", "chip"]),
        ("She said AI; paid", ["AI"], ["AI"]),
        ("डीपसीकने आर२ चे प्रकाशन", ["डीपसीक", "आर२", "प्रकाशन"], ["डीपसीक", "आर२", "प्रकाशन"]),
        ("DeepSeek R2 launch", ["DeepSeek R2", "DeepSeek", "R2"], ["DeepSeek R2"]),
    ],
)
def test_highlight_spans(sentence: str, terms: list[str], marked: list[str]) -> None:
    assert [sentence[i:j] for i, j in highlight_spans(sentence, terms)] == marked


def test_highlight_never_starts_inside_a_devanagari_word() -> None:
    # 'सीक' occurs inside 'डीपसीक' but must not be marked there.
    assert highlight_spans("डीपसीक", ["सीक"]) == []


# --------------------------------------------------------------------------- rendering


def test_text_rendering_golden() -> None:
    check_golden("sample.txt", render_text(sample_digest()))


def test_html_rendering_golden() -> None:
    check_golden("sample.html", render_html(sample_digest()))


def test_text_has_the_same_content_as_html() -> None:
    digest = sample_digest()
    text = render_text(digest)
    html = render_html(digest)
    visible = " ".join(parse_html(html).text)
    for needle in [
        "r2-timeline",
        "was unverified; +2 contradicting, +2 discussing",
        "first digest; +1 contradicting",
        "Nothing new: price-gap (unverified).",
        "contradicted: 2.63 against outweighs 0.81 for 2 to 1",
        "unverified: 0.42 against; 0.5 needed on one side",
        "old news: published 192 days before this digest",
        "DeepSeek's next model slips to later in the year",
        "Example Wire",
        "15 Aug 2025",
        "3 syndicated copies",
        "delay cue: 'pushed back'",
        "डीपसीकचे आर२ मॉडेल लांबणीवर",
        "2 new stories only discuss it",
        "What we know about DeepSeek so far",
        "Tech Explainers, 15 Aug 2025",
        "capitol.example.gov",
        "relabelled by an analyst; the engine said corroborates",
        "Gone Gazette",
        "HTTP 404 Not Found",
    ]:
        assert needle in text, needle
        assert needle in visible, needle
    assert "Rejected: unrelated price story" not in text + html
    assert "Flaky Times" not in text + html
    # Matched words are emphasised in both parts.
    assert "*डीपसीक*ने *आर२* चे *प्रकाशन*" in text
    assert "<strong" in html and ">50,000</strong>" in html
    assert "Evidence logged 15 Aug 2025 07:00 to 16 Aug 2025 07:00 (IST, Asia/Kolkata)" in text


def test_html_is_self_contained_and_tally_renders_without_images() -> None:
    html = render_html(sample_digest())
    assert_safe_html(html)
    assert "<img" not in html and "<link" not in html and "src=" not in html
    assert '<meta charset="utf-8">' in html
    # The tally is table cells with background colours, widths summing to 100%.
    section = html.split("Claims with news", 1)[1]
    r2_part = section.split("r2-timeline</div>", 1)[1].split("</table>", 1)[0]
    widths = [int(w) for w in __import__("re").findall(r'<td width="(\d+)%" bgcolor', r2_part)]
    assert widths == [10, 30, 60]


def test_hostile_feed_content_is_neutralised() -> None:
    digest = sample_digest(evidence=hostile_evidence(), feeds=[])
    html = render_html(digest)
    text = render_text(digest)
    assert_safe_html(html)
    assert "<script" not in html and "<iframe" not in html and "<style" not in html
    assert "javascript:" not in html.replace("javascript:alert(2)&quot;", "")
    assert 'href="javascript' not in html and "onclick=" not in html.replace("onclick=&quot;", "")
    # The text is still there, visibly escaped.
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;R2 delayed Bcc: victim@example.com"
        in (html)
    )
    # Titles are one line in the text part; unsafe links are dropped there too.
    assert "R2 delayed Bcc: victim@example.com" in text
    assert "\r" not in text
    assert "javascript:alert(document.cookie)" not in text
    assert "script:alert(1)" not in text.replace("java\tscript", "")


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.com/a?b=1", True),
        ("HTTP://EXAMPLE.COM", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example.com", False),
        ("https://", False),
        ("http://[::1", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def test_bidi_overrides_and_controls_are_dropped() -> None:
    evil = ev(
        R2,
        C,
        "moc.elgoog\u202e safe\x00 title\x1b[31m",
        "DeepSeek R2\u2028now.",
        outlet="x",
        feed_url="https://x.example.com",
        url=None,
        published=None,
    )
    text = render_text(sample_digest(evidence=[evil], feeds=[]))
    assert "\u202e" not in text and "\x00" not in text and "\x1b" not in text
    assert "\u2028" not in text


def test_long_lists_are_collapsed_with_a_count() -> None:
    many = [
        ev(
            R2,
            D,
            f"Story {i}",
            "DeepSeek R2.",
            outlet="o",
            feed_url="https://o.example.com",
            url=None,
            published=t(15, i % 24),
        )
        for i in range(12)
    ] + [
        ev(
            R2,
            C,
            f"Decisive {i}",
            "DeepSeek R2 ships.",
            outlet="o",
            feed_url="https://o.example.com",
            url=None,
            published=t(15),
        )
        for i in range(13)
    ]
    digest = sample_digest(evidence=many, feeds=[])
    text = render_text(digest)
    assert "12 new stories only discuss it:" in text
    assert "... 4 more: tracker evidence --claim r2-timeline --stance discusses" in text
    assert "... 3 more: tracker evidence --claim r2-timeline\n" in text
    html = render_html(digest)
    assert "and 4 more: <code>tracker evidence --claim r2-timeline --stance discusses</code>" in (
        html
    )


def test_old_news_is_marked_from_seven_days_before_the_window() -> None:
    edge = WINDOW_START - timedelta(days=7)

    def story(published: datetime) -> Evidence:
        return ev(R2, X, f"Published {published}", "DeepSeek R2 is late.", outlet="o",
                  feed_url="https://o.example.com", url=None, published=published)  # fmt: skip

    fresh, edge_item, old = (
        story(WINDOW_START - timedelta(days=2)),
        story(edge),
        story(edge - timedelta(seconds=1)),
    )
    digest = sample_digest(evidence=[old, fresh, edge_item], feeds=[])
    assert [digest.is_old_news(e) for e in (fresh, edge_item, old)] == [False, False, True]
    # Old news comes after the fresh news of the same claim, marked in both parts.
    assert digest.sections[0].decisive[-1] == old
    assert "  - CONTRADICTS (OLD NEWS): Published 2025-08-08 01:29:59+00:00" in render_text(digest)
    assert ">old news</span>" in render_html(digest)
    # A headline that only discusses the claim says so too.
    talk = ev(R2, D, "Old talk", "DeepSeek R2.", outlet="o", feed_url="https://o.example.com",
              url=None, published=edge - timedelta(days=30))  # fmt: skip
    quiet = sample_digest(evidence=[talk], feeds=[])
    assert "  - Old talk (o, 9 Jul 2025, old news)" in render_text(quiet)
    assert "9 Jul 2025, old news)</span>" in render_html(quiet)


def test_no_clutter_and_every_headline_dated() -> None:
    digest = sample_digest()
    text = render_text(digest)
    assert "no syndicated copies" not in text + render_html(digest)
    headline_lines = [
        line for line in text.splitlines() if line.startswith("  - ") and ":" in line[:20]
    ]
    for line in text.splitlines():
        if line.startswith("  - ") and "(" in line and not line.startswith("  - CO"):
            assert re.search(r", (\d{1,2} [A-Z][a-z]{2} \d{4}|date unknown)\)$", line), line
    meta_lines = [text.splitlines()[i + 1] for i, line in enumerate(text.splitlines())
                  if line in headline_lines]  # fmt: skip
    assert meta_lines and all(re.search(r"\d{4}|date unknown", m) for m in meta_lines)


def test_claims_with_nothing_new_have_no_section() -> None:
    text = render_text(sample_digest())
    assert "[price-gap]" not in text and "Nothing new: price-gap (unverified)." in text
    html = render_html(sample_digest())
    assert html.count("price-gap") == 1


@pytest.mark.parametrize(
    ("status", "counts", "weights", "expected"),
    [
        (ClaimStatus.UNVERIFIED, (0, 0, 3), (0, 0), None),
        (ClaimStatus.UNVERIFIED, (0, 1, 0), (0, 0.48), "unverified: 0.48 against; 0.5 needed on one side"),
        (ClaimStatus.UNVERIFIED, (1, 1, 0), (0.3, 0.4), "unverified: 0.3 for, 0.4 against; 0.5 needed on one side"),
        (ClaimStatus.CORROBORATED, (2, 0, 0), (1.6, 0), "corroborated: 1.6 for, nothing against"),
        (ClaimStatus.CORROBORATED, (2, 1, 0), (1.6, 0.3), "corroborated: 1.6 for; 0.3 against is under the 0.5 that counts"),
        (ClaimStatus.CONTRADICTED, (2, 3, 0), (0.6, 1.2), "contradicted: 1.2 against outweighs 0.6 for 2 to 1"),
        (ClaimStatus.DISPUTED, (2, 2, 0), (1.0, 0.9), "disputed: 1 for, 0.9 against; neither side outweighs 2 to 1"),
    ],
)  # fmt: skip
def test_standing_says_what_the_badge_was_decided_on(
    status: ClaimStatus,
    counts: tuple[int, int, int],
    weights: tuple[float, float],
    expected: str | None,
) -> None:
    from tracker.digest.content import standing

    assert standing(summary(R2, status, counts, "", weights=weights)) == expected


def test_standing_agrees_with_the_status_rule() -> None:
    """The badge's words come from the same weights as the rule, never rounded across it."""
    from tracker.digest.content import standing
    from tracker.engine.status import summarise_sources

    for opposition in (0.0, 0.49, 0.5, 0.99, 1.0, 2.0):
        for support in (0.0, 0.49, 0.5, 1.0, 2.0):
            weights = {
                C: [support] if support else [],
                X: [opposition] if opposition else [],
                D: [],
            }
            result = summarise_sources(R2, weights, {C: 1, X: 1, D: 0})
            said = standing(result)
            if support or opposition:
                assert said is not None and said.startswith(result.status.value + ":")
            if result.status is ClaimStatus.UNVERIFIED and said:
                assert "0.5 needed" in said and " 0.5 " not in said.split(";")[0]


def _busy_day(per_claim: int) -> Digest:
    evidence = [
        ev(claim, stance, f"{claim.id} story {i} " + "with a long headline " * 4,
           "DeepSeek " + "said something long about the claim in a long sentence " * 6,
           outlet=f"Outlet {i}", feed_url=f"https://o{i}.example.com/rss",
           url=f"https://o{i}.example.com/{claim.id}/{i}", published=t(15),
           reasons=("mentions 'DeepSeek'", "a reason " * 10, "another reason " * 10))
        for claim in CLAIMS
        for i in range(per_claim)
        for stance in (C, X, D)
    ]  # fmt: skip
    return sample_digest(evidence=evidence)


def test_busy_day_html_stays_under_the_budget_and_points_to_the_rest() -> None:
    from tracker.digest.content import HTML_BUDGET, LEVELS, fit_limits
    from tracker.digest.mail import build_message

    ordinary = sample_digest()
    assert fit_limits(ordinary) == LEVELS[0]
    for per_claim in (30, 300):
        digest = _busy_day(per_claim)
        html = render_html(digest)
        text = render_text(digest)
        assert len(html.encode()) <= HTML_BUDGET < 100 * 1024
        assert "tracker evidence --claim r2-timeline" in html
        assert "more: tracker evidence --claim r2-timeline" in text
        # Both parts show the same items.
        assert text.count("  - CORROBORATES: ") == html.count(">corroborates</span>")
        msg = build_message(digest, sender="t@example.org", recipients=["a@example.org"], now=NOW)
        html_part = msg.get_body(("html",))
        assert html_part is not None and len(html_part.get_content().encode()) <= HTML_BUDGET
    assert fit_limits(_busy_day(30)) != LEVELS[0]


def test_digest_module_is_pure() -> None:
    """tracker.digest.content imports no I/O library (DESIGN.md: pure core)."""
    code = (
        "import sys, tracker.digest.content; "
        "bad = [m for m in ('sqlalchemy', 'smtplib', 'socket', 'httpx', 'apscheduler') "
        "if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
