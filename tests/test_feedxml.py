"""tracker.feeds.feedxml: the fast path reads feeds exactly as the feedparser path, or steps aside.

Every feed here is parsed twice by `parse_feed`, once with the fast path and
once with TRACKER_FEEDPARSER_ONLY set, and the two results must be equal
(stories, keys, dates, languages, title, ttl, problem, or the same error).
Each feed also says whether the fast path is expected to read it, so a
fallback trigger that stopped falling back (or a feed that silently stopped
taking the fast path) fails here.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.engine.text import _TextExtractor, clean_text, html_to_text, normalize_space
from tracker.errors import ParseError
from tracker.feeds.feedxml import AVAILABLE, fast_parse
from tracker.feeds.parse import FEEDPARSER_ONLY, neutralize_entities, parse_feed
from tracker.types import ParsedFeed

ROOT = Path(__file__).resolve().parent.parent
FEED_URL = "https://feeds.example.org/news/feed.xml"
RSS_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}


def _bench_feed_xml() -> object:
    spec = importlib.util.spec_from_file_location("bench_common", ROOT / "bench" / "_common.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.feed_xml


def _parse(body: bytes, headers: dict[str, str] | None, url: str) -> ParsedFeed | str:
    try:
        return parse_feed(body, feed_url=url, headers=headers)
    except ParseError as exc:
        return f"ParseError: {exc}"


def both_paths(
    body: bytes, headers: dict[str, str] | None = None, url: str = FEED_URL
) -> tuple[ParsedFeed | str, ParsedFeed | str, bool]:
    """(feedparser path, default path, did the fast path read it)."""
    assert FEEDPARSER_ONLY not in os.environ
    os.environ[FEEDPARSER_ONLY] = "1"
    try:
        slow = _parse(body, headers, url)
    finally:
        del os.environ[FEEDPARSER_ONLY]
    fast = _parse(body, headers, url)
    passed = {k.lower(): v for k, v in (headers or {}).items()}
    used = fast_parse(neutralize_entities(body), passed) is not None
    return slow, fast, used


def assert_same(body: bytes, headers: dict[str, str] | None = None, *, fast: bool | None) -> None:
    slow, default, used = both_paths(body, headers)
    assert default == slow
    if fast is not None:
        assert used is fast, "fast path used" if used else "fell back to feedparser"


def test_fast_path_available_with_the_pinned_feedparser() -> None:
    # If this fails after a feedparser upgrade, every feed silently takes the slow path.
    assert AVAILABLE


# --- every feed we have ---------------------------------------------------------------------


def _files() -> Iterator[Path]:
    yield from sorted((ROOT / "tests" / "data" / "feeds").glob("*.xml"))
    yield from sorted((ROOT / "examples" / "feeds").glob("*.xml"))


@pytest.mark.parametrize("path", list(_files()), ids=lambda p: p.name)
def test_sample_feeds_same_on_both_paths(path: Path) -> None:
    assert_same(path.read_bytes(), fast=True)


def test_benchmark_feeds_same_on_both_paths() -> None:
    feed_xml = _bench_feed_xml()
    for i in range(40):  # every language and shape the generator makes
        body = feed_xml(i, 20)  # type: ignore[operator]
        slow, default, used = both_paths(body, RSS_TYPE)
        assert used
        assert isinstance(default, ParsedFeed) and len(default.stories) == 20
        assert default == slow


# --- tricky feeds the fast path reads -------------------------------------------------------


def rss(items: str, channel: str = "<title>T</title>", ns: str = "", decl: str = "utf-8") -> bytes:
    head = f'<?xml version="1.0" encoding="{decl}"?>\n' if decl else ""
    return (
        f'{head}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"{ns}><channel>{channel}{items}'
        "</channel></rss>"
    ).encode(decl or "utf-8")


def atom(entries: str, attrs: str = "", head: str = "<title>A</title>") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{attrs}>{head}{entries}</feed>'
    ).encode()


FAST_RSS = {
    "cdata and entities": rss(
        "<item><title>Rupee &#x20B9; &amp; caf&#233; &lt;b&gt;</title>"
        "<description><![CDATA[<p>Tom &amp; Jerry&nbsp;say <b>hi</b></p><br/>next]]>"
        "</description><link>https://a.example/x?a=1&amp;b=2</link>"
        "<guid isPermaLink='false'>k1</guid></item>"
    ),
    "title that looks like html": rss(
        "<item><title>A &lt;b&gt;bold&lt;/b&gt; move &amp;amp; more</title><guid>k</guid></item>"
    ),
    "title with a stray tag": rss(
        "<item><title>x &lt; y &lt;/unknown&gt;</title><link>https://a.example/1</link></item>"
    ),
    "hindi and marathi": rss(
        "<item><title>डीपसीक के पास 50,000 चिप्स</title><description>&lt;p&gt;मुंबई में"
        " बारिश।&lt;/p&gt;</description><guid isPermaLink='false'>h1</guid></item>"
        "<item><title>दीपसीककडे ५०,००० चिप्स</title><description>पुण्यात पाऊस.</description>"
        "<guid isPermaLink='false'>m1</guid></item>",
        channel="<title>बातम्या</title><language>mr</language><ttl>30</ttl>",
    ),
    "permalink guid and no link": rss(
        "<item><title>One</title><guid>https://a.example/one</guid></item>"
        "<item><title>Two</title><guid isPermaLink='true'>/relative/two</guid></item>"
        "<item><title>Three</title><link>https://a.example/3</link>"
        "<guid>https://a.example/guid3</guid></item>"
        "<item><title>Four</title><guid>https://a.example/guid4</guid>"
        "<link>https://a.example/4</link></item>"
    ),
    "missing ids links and dates": rss(
        "<item><title>Only a title</title></item><item><description>Only text</description>"
        "</item><item><link>https://a.example/only-link</link></item>"
        "<item><title> </title><description> </description></item>"
    ),
    "relative and unsafe links": rss(
        "<item><title>a</title><link>/2025/a</link></item>"
        "<item><title>b</title><link>javascript:alert(1)</link></item>"
        "<item><title>c</title><link>  https://a.example/c#frag  </link></item>"
    ),
    "dates in several formats": rss(
        "<item><title>a</title><pubDate>Tue, 07 Jan 2025 10:00:00 +0530</pubDate></item>"
        "<item><title>b</title><pubDate>Tue, 07 Jan 2025 10:00:00 EST</pubDate></item>"
        "<item><title>c</title><pubDate>7 Jan 2025 10:00 GMT</pubDate></item>"
        "<item><title>d</title><pubDate>2025-01-07T10:00:00+05:30</pubDate></item>"
        "<item><title>e</title><dc:date>2025-01-07T10:00:00.250-03:30</dc:date></item>"
        "<item><title>f</title><pubDate>not a date</pubDate></item>"
        "<item><title>g</title><pubDate>Wed, 31 Dec 1969 23:59:59 +0000</pubDate>"
        "<dc:date>2025-01-07</dc:date></item>"
        "<item><title>h</title><pubDate></pubDate></item>"
    ),
    "content before and instead of description": rss(
        "<item><title>a</title><content:encoded>&lt;p&gt;Full&lt;/p&gt;</content:encoded>"
        "<description>Short</description></item>"
        "<item><title>b</title><content:encoded><![CDATA[<p>Only content</p>]]>"
        "</content:encoded></item>"
        "<item><title>c</title><content:encoded><![CDATA[<img src='x.jpg'/>]]>"
        "</content:encoded></item>"
        "<item><title>d</title><description>Short</description><content:encoded>"
        "<![CDATA[<script>x()</script><p>Long</p>]]></content:encoded></item>"
    ),
    "repairs: windows-1252 controls and double utf-8": rss(
        "<item><title>&#147;Quoted&#148; &#150; dash</title><description>CafÃ© Ã  "
        "la carte</description><guid isPermaLink='false'>r1</guid></item>"
    ),
    "xml:base and xml:lang on items": rss(
        '<item xml:base="https://base.example/dir/" xml:lang="hi"><title>a</title>'
        "<link>page</link><guid>g1</guid></item>"
        "<item><title>b</title><link>page2</link></item>"
        '<item xml:lang=""><title>c</title><link>https://a.example/c</link></item>'
    ),
    "wordpress namespaces and channel extras": rss(
        "<item><title>a</title><link>https://a.example/a</link><dc:creator>Ed</dc:creator>"
        "<category domain='x'>News</category><comments>https://a.example/a#c</comments>"
        "<wfw:commentRss>https://a.example/a/feed</wfw:commentRss><slash:comments>3"
        "</slash:comments><enclosure url='https://a.example/a.mp3' length='1' type='audio/mpeg'/>"
        "<source url='https://src.example/'>Source</source><author>a@b.example (A)</author>"
        "</item>",
        channel=(
            "<title>WP &amp; co</title><atom:link href='https://a.example/feed' rel='self'"
            " type='application/rss+xml'/><link>https://a.example/</link><description>d"
            "</description><lastBuildDate>Tue, 07 Jan 2025 10:00:00 +0000</lastBuildDate>"
            "<sy:updatePeriod>hourly</sy:updatePeriod><generator>WP</generator>"
            "<image><url>https://a.example/i.png</url><title>Logo title</title>"
            "<link>https://a.example/</link></image><textInput><title>Search</title>"
            "<description>d</description><name>q</name><link>https://a.example/s</link>"
            "</textInput><language>en-US</language>"
        ),
        ns=(
            ' xmlns:atom="http://www.w3.org/2005/Atom" xmlns:wfw="http://wellformedweb.org/'
            'CommentAPI/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"'
            ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"'
        ),
    ),
    # The Atom namespace gives the feed version "atom10" until <rss> makes it "rss20":
    # HTML in a title is still guessed.
    "atom namespace on an rss root": rss(
        "<item><title>A &lt;b&gt;bold&lt;/b&gt; &amp;amp; title</title><guid>k</guid></item>",
        ns=' xmlns:atom="http://www.w3.org/2005/Atom"',
    ),
    "no xml declaration": rss("<item><title>a</title></item>", decl=""),
    "windows-1252 declared": rss(
        "<item><title>Caf\u00e9 \u201cquoted\u201d \u20ac5</title></item>",
        channel="<title>Caf\u00e9</title>",
        decl="windows-1252",
    ),
    "iso-8859-1 declared": rss(
        "<item><title>Caf\u00e9 na\u00efve</title></item>", decl="iso-8859-1"
    ),
}

RDF_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    '22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/'
    '1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
)
FAST_RSS["rss 1.0 (rdf)"] = (
    RDF_HEAD + ' xml:lang="fr"><channel rdf:about="https://r.example/"><title>RDF &amp; co'
    "</title><link>https://r.example/</link><description>d</description><dc:language>mr"
    "</dc:language><dc:date>2025-01-07T10:00:00Z</dc:date><image rdf:resource="
    '"https://r.example/i.png"/><items><rdf:Seq><rdf:li rdf:resource="https://r.example/1"/>'
    '<rdf:li rdf:resource="https://r.example/2"/></rdf:Seq></items><textinput rdf:resource='
    '"https://r.example/s"/></channel><image rdf:about="https://r.example/i.png"><title>Logo'
    "</title><url>https://r.example/i.png</url><link>https://r.example/</link></image>"
    '<item rdf:about="https://r.example/1"><title>One &lt;b&gt;x&lt;/b&gt;</title><link>'
    "/one</link><description>&lt;p&gt;Text&lt;/p&gt;</description><dc:date>2025-01-07T"
    "10:00:00+05:30</dc:date><dc:creator>A</dc:creator><dc:subject>s</dc:subject></item>"
    '<item rdf:about="https://r.example/2" xml:lang="hi"><title>दो</title><content:encoded>'
    "<![CDATA[<p>पूरा</p>]]></content:encoded></item><item><title>no about</title></item>"
    '<textinput rdf:about="https://r.example/s"><title>Search</title><description>s'
    "</description><name>q</name><link>https://r.example/s</link></textinput></rdf:RDF>"
).encode()

FAST_ATOM = {
    "xml:base on feed and entry": atom(
        '<entry xml:base="/posts/"><title>a</title><id>tag:x,2025:a</id>'
        '<link href="one"/><updated>2025-01-07T10:00:00Z</updated></entry>'
        '<entry><title>b</title><id>tag:x,2025:b</id><link rel="alternate" href="two"/>'
        "<published>2025-01-07T10:00:00+05:30</published></entry>",
        attrs=' xml:base="https://base.example/blog/"',
    ),
    "links: alternate, self, enclosure, other types": atom(
        '<entry><title>a</title><link rel="self" href="https://a.example/self"/>'
        '<link rel="enclosure" href="https://a.example/a.mp3"/><link rel="alternate"'
        ' type="application/pdf" href="https://a.example/a.pdf"/><link href="https://a.example/a"'
        ' type="text/html"/><link rel="alternate" href="https://a.example/a2"/>'
        "<id>urn:uuid:1</id></entry>"
        "<entry><title>b</title><id>https://a.example/id-as-link</id></entry>"
        '<entry><title>c</title><link rel="ALTERNATE" type="TEXT/HTML" href="https://a.example/c"/>'
        "<id>tag:x,2025:c</id></entry>"
    ),
    "text constructs": atom(
        '<entry><title type="html">Ferry &lt;em&gt;changes&lt;/em&gt; &amp;amp; more</title>'
        '<summary type="text">A &lt;b&gt; not bold</summary><content type="html">'
        "&lt;p&gt;Body&lt;/p&gt;&lt;style&gt;p{}&lt;/style&gt;</content><id>tag:x,2025:1</id>"
        "</entry>"
        '<entry><title>Plain &lt;b&gt;x&lt;/b&gt;</title><content type="text">  Text  body '
        "</content><summary>S</summary><id>tag:x,2025:2</id></entry>"
        "<entry><title>only content</title><content type='html'>&lt;p&gt;C&lt;/p&gt;</content>"
        "</entry>"
    ),
    "languages and people": atom(
        '<entry xml:lang="mr"><title>मराठी</title><author><name>A</name><email>a@x.example'
        "</email><uri>https://x.example/</uri></author><id>tag:x,1</id>"
        "<updated>2025-01-07T09:00:00.123Z</updated><category term='x'/></entry>"
        "<entry><title>en</title><id>tag:x,2</id><updated>2025-01-07T09:00:00-03:30</updated>"
        "<published>2025-01-06T09:00:00+14:00</published></entry>",
        attrs=' xml:lang="en-GB"',
        head="<title type='text'>Feed</title><subtitle>s</subtitle><id>tag:x,f</id>"
        "<updated>2025-01-07T09:00:00Z</updated><author><name>F</name></author>",
    ),
}


@pytest.mark.parametrize("name", list(FAST_RSS) + list(FAST_ATOM))
def test_tricky_feeds_same_on_both_paths(name: str) -> None:
    body = FAST_RSS.get(name) or FAST_ATOM[name]
    assert_same(body, fast=True)


@pytest.mark.parametrize(
    ("headers", "fast"),
    [
        # Headers without a Content-Type: feedparser notes a NonXMLContentType problem.
        ({"Content-Language": "hi-IN"}, False),
        ({"Content-Type": "application/rss+xml; charset=utf-8", "Content-Language": "mr_IN"}, True),
        ({"Content-Type": "application/atom+xml", "Content-Language": "en"}, True),
    ],
)
def test_http_headers_same_on_both_paths(headers: dict[str, str], fast: bool) -> None:
    assert_same(FAST_RSS["hindi and marathi"], headers, fast=fast)
    assert_same(FAST_ATOM["languages and people"], headers, fast=fast)


def test_charset_headers_same_on_both_paths() -> None:
    # A charset header that contradicts the document is feedparser's to report.
    latin = rss("<item><title>Caf\u00e9</title></item>", decl="iso-8859-1")
    assert_same(latin, {"Content-Type": "application/rss+xml; charset=utf-8"}, fast=None)
    assert_same(latin, {"Content-Type": "text/xml"}, fast=None)
    assert_same(latin, {"Content-Type": "text/html; charset=iso-8859-1"}, fast=None)
    utf16 = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>T'
    utf16 += "</title><item><title>सोळा</title></item></channel></rss>"
    assert_same(utf16.encode("utf-16"), fast=None)


# --- what the fast path leaves to feedparser ------------------------------------------------

FALLBACK = {
    "not well-formed": rss("<item><title>open <b>tag</title></item>"),
    "undefined named entity": rss("<item><title>a&nbsp;b</title></item>"),
    "doctype": (
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="2.0"><channel>'
        b"<title>T</title><item><title>a</title></item></channel></rss>"
    ),
    "entity declarations": (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<rss version="2.0"><channel><title>T</title><item><title>x &b;</title></item>'
        b"</channel></rss>"
    ),
    "rss 0.91": rss("<item><title>a</title></item>").replace(b'"2.0"', b'"0.91"'),
    "rss 0.90 (netscape rdf)": (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>T</title></channel>'
        b"<item><title>a</title><link>https://a.example/1</link></item></rdf:RDF>"
    ),
    "rdf item with an unknown element": (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://a.example/"><title>T'
        b'</title></channel><item rdf:about="https://a.example/1"><title>a</title>'
        b"<foo>x</foo></item></rdf:RDF>"
    ),
    "atom xhtml content": atom(
        '<entry><title>a</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        "<p>Hello <b>world</b></p></div></content><id>tag:x,1</id></entry>"
    ),
    "atom 0.3": (
        b'<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>A'
        b"</title><entry><title>a</title><id>tag:x,1</id></entry></feed>"
    ),
    "unknown namespace in an item": rss(
        "<item><title>a</title><itunes:summary>s</itunes:summary></item>",
        ns=' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
    ),
    "rss 1.0 namespace on an rss 2.0 root": rss(
        "<item><title>a</title></item>", ns=' xmlns:r="http://purl.org/rss/1.0/"'
    ),
    "a field given twice": rss("<item><title>a</title><title>b</title></item>"),
    "markup inside a text field": rss(
        "<item><title>a <b xmlns='http://www.w3.org/1999/xhtml'>b</b></title></item>"
    ),
    "rdf:about on an atom entry": atom(
        '<entry xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="https://a.'
        'example/about"><title>a</title></entry>'
    ),
    "atom:link in an item": rss(
        "<item><title>a</title><atom:link rel='alternate' href='https://a.example/x'/></item>",
        ns=' xmlns:atom="http://www.w3.org/2005/Atom"',
    ),
    "an html page": b"<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>",
    "a json body": b'{"items": []}',
}


@pytest.mark.parametrize("name", list(FALLBACK))
def test_unusual_feeds_fall_back_to_feedparser(name: str) -> None:
    assert_same(FALLBACK[name], fast=False)


def test_malformed_feed_still_yields_its_entries_with_the_repair_noted() -> None:
    body = rss(
        "<item><title>Broken &amp; kept</title><link>https://a.example/1</link></item>"
        "<item><title>Second <b>unclosed</title></item>"
    )
    assert fast_parse(body, {}) is None
    feed = parse_feed(body, feed_url=FEED_URL)
    assert [s.title for s in feed.stories][:1] == ["Broken & kept"]
    assert feed.problem is not None


def test_entity_expansion_is_never_done_by_the_fast_path() -> None:
    laughs = (
        b'<!DOCTYPE r [<!ENTITY a "'
        + b"x" * 100
        + b'">'
        + b"".join(b'<!ENTITY a%d "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' % i for i in range(9))
    )
    body = laughs + b']><rss version="2.0"><channel><title>&a8;</title></channel></rss>'
    assert fast_parse(body, {}) is None
    with pytest.raises(ParseError, match="line 1, column 48 \\(an undefined entity"):
        parse_feed(body, feed_url=FEED_URL)  # no entries; the references stay unexpanded


# --- the HTML-to-text shortcut ---------------------------------------------------------------


def _html_parser_text(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(clean_text(markup))
    parser.close()
    return normalize_space(clean_text("".join(parser.parts)))


@pytest.mark.parametrize(
    "markup",
    [
        '<div class="story"><img src="https://i.example/1.jpg" alt="" width=640 height="360"/>'
        "<p>One &amp; two.</p><p>Three&nbsp;four &#8377;5</p><p><a href='x?a=1&amp;b=2'>More</a>"
        "</p></div>",
        "<P>Upper</P><BR><br/><br />line<hr>after",
        "a < b and c > d",
        "<p>x</p><!-- comment --><p>y</p>",
        "<p>x<script>if (a < b) {}</script>y</p><style>p{}</style>z",
        "<title>t</title><textarea><p>raw</p></textarea>",
        "<p data-x='a>b'>gt in attribute</p>",
        "<p class=a/b>unquoted slash</p><a href=x/>empty?</a>",
        "</p attr='x'>end tag with attributes",
        "<p\n   class='multi line'\n>tag over lines</p>",
        "<foo-bar>custom</foo-bar><x:y>ns</x:y>",
        "&lt;p&gt; escaped &amp;amp; &unknown; &#0; &#x110000; tail &",
        "<![CDATA[x]]><?php echo 1 ?><!doctype html>text",
        "<li>one<li>two</ul><td>cell</td><h3>head</h3>",
        "<p>caf\u00e9 \u0915\u093e\u0930 \u200b zero width</p>",
        "<p unclosed",
        "<p>a</p\n>",
    ],
)
def test_html_shortcut_gives_html_parsers_text(markup: str) -> None:
    assert html_to_text(markup) == _html_parser_text(markup)


# --- any text in the usual places ------------------------------------------------------------

_TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=40
) | st.sampled_from(
    ["<p>a &amp; b</p>", "&lt;b&gt;x&lt;/b&gt;", "Ã©", "\x93q\x94", " /rel ", "https://x/?a=1&b=2"]
)


@settings(max_examples=150, deadline=None)
@given(title=_TEXT, text=_TEXT, link=_TEXT, guid=_TEXT, date=_TEXT, cdata=st.booleans())
def test_any_text_same_on_both_paths(
    title: str, text: str, link: str, guid: str, date: str, cdata: bool
) -> None:
    body = text.replace("]]>", "") if cdata else escape(text)
    description = f"<![CDATA[{body}]]>" if cdata else body
    item = (
        f"<item><title>{escape(title)}</title><description>{description}</description>"
        f"<link>{escape(link)}</link><guid>{escape(guid)}</guid>"
        f"<pubDate>{escape(date)}</pubDate></item>"
    )
    entry = (
        f"<entry><title type='html'>{escape(title)}</title><summary>{escape(text)}</summary>"
        f"<link href='{escape(link, {chr(39): '&apos;'})}'/><id>{escape(guid)}</id>"
        f"<updated>{escape(date)}</updated></entry>"
    )
    assert_same(rss(item), RSS_TYPE, fast=None)
    assert_same(atom(entry), {"Content-Type": "application/atom+xml"}, fast=None)


# --- any order and repetition of the elements the fast path reads ---------------------------

_ITEM_PARTS = [
    "<title>Title &lt;b&gt;x&lt;/b&gt;</title>",
    "<title>Second title</title>",
    "<link>https://a.example/l?a=1&amp;b=2</link>",
    "<link>/relative</link>",
    "<description>&lt;p&gt;Desc&lt;/p&gt;</description>",
    "<description>Plain desc</description>",
    "<guid>https://a.example/permalink</guid>",
    "<guid isPermaLink='false'>opaque-1</guid>",
    "<pubDate>Tue, 07 Jan 2025 10:00:00 +0530</pubDate>",
    "<dc:date>2025-01-06T10:00:00Z</dc:date>",
    "<content:encoded><![CDATA[<p>Full</p>]]></content:encoded>",
    "<content:encoded><![CDATA[<img src='x'/>]]></content:encoded>",
    "<category>c</category>",
    "<author>a@b.example (A)</author>",
    "<dc:creator>Ed</dc:creator>",
    "<comments>/c</comments>",
    "<enclosure url='https://a.example/a.mp3' type='audio/mpeg'/>",
    "<source url='https://s.example/'>S</source>",
    "<media:content url='https://a.example/m.jpg'/>",
]
_CHANNEL_PARTS = [
    "<title>Feed</title>",
    "<title>Feed again</title>",
    "<language>hi</language>",
    "<dc:language>mr</dc:language>",
    "<ttl>30</ttl>",
    "<image><url>https://a.example/i.png</url><title>Logo</title></image>",
    "<link>https://a.example/</link>",
    "<description>d</description>",
    "<lastBuildDate>Tue, 07 Jan 2025 10:00:00 +0000</lastBuildDate>",
    "<atom:link href='https://a.example/feed' rel='self'/>",
]


@settings(max_examples=200, deadline=None)
@given(
    channel=st.lists(st.sampled_from(_CHANNEL_PARTS), max_size=5),
    items=st.lists(st.lists(st.sampled_from(_ITEM_PARTS), max_size=7), min_size=1, max_size=3),
    tail=st.lists(st.sampled_from(_CHANNEL_PARTS), max_size=2),
)
def test_any_order_of_elements_same_on_both_paths(
    channel: list[str], items: list[list[str]], tail: list[str]
) -> None:
    body = "".join(channel) + "".join(f"<item>{''.join(i)}</item>" for i in items)
    ns = ' xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"'
    assert_same(rss(body + "".join(tail), channel="", ns=ns), RSS_TYPE, fast=None)


_ENTRY_PARTS = [
    "<title>T</title>",
    "<title type='html'>T &lt;em&gt;x&lt;/em&gt;</title>",
    "<id>tag:x,2025:1</id>",
    "<id>https://a.example/id</id>",
    "<link href='/alt'/>",
    "<link rel='alternate' type='text/html' href='https://a.example/alt2'/>",
    "<link rel='self' href='https://a.example/self'/>",
    "<link rel='alternate' type='application/pdf' href='https://a.example/a.pdf'/>",
    "<updated>2025-01-07T10:00:00Z</updated>",
    "<published>2025-01-06T10:00:00+05:30</published>",
    "<summary>Plain &lt;b&gt;summary&lt;/b&gt;</summary>",
    "<summary type='html'>&lt;p&gt;HTML summary&lt;/p&gt;</summary>",
    "<content type='html'>&lt;p&gt;Content&lt;/p&gt;</content>",
    "<content>Text content</content>",
    "<author><name>A</name></author>",
    "<category term='c'/>",
]


@settings(max_examples=200, deadline=None)
@given(
    entries=st.lists(
        st.tuples(
            st.sampled_from(["", ' xml:lang="hi"', ' xml:base="https://b.example/d/"']),
            st.lists(st.sampled_from(_ENTRY_PARTS), max_size=7),
        ),
        min_size=1,
        max_size=3,
    ),
    base=st.sampled_from(["", ' xml:base="https://base.example/blog/"', ' xml:lang="mr"']),
)
def test_any_order_of_atom_elements_same_on_both_paths(
    entries: list[tuple[str, list[str]]], base: str
) -> None:
    body = "".join(f"<entry{attrs}>{''.join(parts)}</entry>" for attrs, parts in entries)
    assert_same(atom(body, attrs=base), {"Content-Type": "application/atom+xml"}, fast=None)
