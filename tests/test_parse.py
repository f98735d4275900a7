"""tracker.feeds.parse: feeds written by strangers -> Story, safely and with stable keys."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tracker.errors import ParseError
from tracker.feeds.parse import (
    canonical_url,
    entry_key,
    neutralize_entities,
    normalize_language,
    parse_feed,
)
from tracker.types import ParsedFeed

FEEDS = Path(__file__).parent / "data" / "feeds"


def rss(items: str, *, channel: str = "", encoding: str = "utf-8") -> bytes:
    doc = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
        f"<title>T</title>{channel}{items}</channel></rss>"
    )
    return doc.encode(encoding)


def item(title: str = "A title", *, guid: str | None = None, link: str | None = None,
         description: str = "Some text") -> str:  # fmt: skip
    parts = [f"<title>{escape(title)}</title>", f"<description>{escape(description)}</description>"]
    if guid is not None:
        parts.append(f"<guid>{escape(guid)}</guid>")
    if link is not None:
        parts.append(f"<link>{escape(link)}</link>")
    return "<item>" + "".join(parts) + "</item>"


def parse_file(name: str, feed_url: str = "https://feeds.example/feed") -> ParsedFeed:
    return parse_feed((FEEDS / name).read_bytes(), feed_url=feed_url)


# --- the sample feeds ---------------------------------------------------------------------


def test_rss2_feed() -> None:
    feed = parse_file("rss2.xml")
    assert feed.title == "Riverside Gazette"
    assert feed.ttl == 45 * 60
    assert feed.problem is None
    first, second, third = feed.stories
    assert first.entry_key == "gazette-2025-0107-footbridge"
    assert first.title == "Council approves new footbridge over the river"
    # content:encoded beats the description; script content never becomes text
    assert "1.2 million pounds" in first.text and "Work starts in spring." in first.text
    assert "trackReader" not in first.text and "<" not in first.text
    assert first.published == datetime(2025, 1, 7, 10, 0, tzinfo=UTC)
    assert first.lang == "en"
    assert first.link is not None and first.link.startswith("https://gazette.example.org/news/")
    # no guid: the canonical link, without utm_* and fragment
    assert second.entry_key == "https://gazette.example.org/news/library-hours?id=42"
    # neither guid nor link: a content hash
    assert third.entry_key.startswith("sha256:") and third.link is None
    assert third.published is None
    assert all(s.feed_url == "https://feeds.example/feed" for s in feed.stories)


def test_atom_feed() -> None:
    feed = parse_file("atom.xml", feed_url="https://harbour.example.net/atom.xml")
    assert feed.title == "Harbour Notes"
    ferry, tug = feed.stories
    assert ferry.title == "Ferry timetable changes next week"  # type="html" title
    assert ferry.text == "The morning ferry will leave at 07:15 instead of 07:00."  # no <style>
    assert ferry.entry_key == "tag:harbour.example.net,2025:ferry-timetable"
    assert ferry.published == datetime(2025, 1, 8, 9, 0, tzinfo=UTC)  # from <updated>, in UTC
    assert ferry.lang == "en"
    assert tug.lang == "fr"  # the entry's xml:lang beats the feed's
    assert tug.published == datetime(2025, 1, 7, 9, 0, tzinfo=UTC)  # <published> beats <updated>
    assert tug.link == "https://harbour.example.net/2025/01/tug"  # relative, resolved


def test_marathi_feed() -> None:
    feed = parse_file("marathi.xml")
    assert feed.title == "नदीकाठ वार्ता"
    library, market = feed.stories
    assert library.title == "गावात नवीन वाचनालय सुरू"
    assert library.text == (
        "ग्रामपंचायतीने सोमवारी नवीन वाचनालय सुरू केले. वाचनालयात सुमारे २,५०० पुस्तके आहेत."
    )
    assert library.lang == "mr" and market.lang == "mr"
    assert library.published == datetime(2025, 1, 8, 0, 30, tzinfo=UTC)
    assert market.entry_key == "https://nadikath.example.in/batmya/bazar"


def test_hindi_feed() -> None:
    (story,) = parse_file("hindi.xml").stories
    assert story.lang == "hi"
    assert story.title == "पहाड़ी सड़क की मरम्मत का काम पूरा"
    assert "१२ किलोमीटर" in story.text


def test_entry_keys_are_stable_across_parses() -> None:
    for name in ("rss2.xml", "atom.xml", "marathi.xml", "hindi.xml"):
        first = [s.entry_key for s in parse_file(name).stories]
        second = [s.entry_key for s in parse_file(name).stories]
        assert first == second
        assert len(set(first)) == len(first)


# --- encodings ----------------------------------------------------------------------------


def test_invalid_utf8_still_yields_stories() -> None:
    body = rss(item("Caf\u00e9 opens", guid="g1")).replace("é".encode(), b"\xff\xfe\xe9")
    feed = parse_feed(body, feed_url="https://f.example/rss")
    (story,) = feed.stories
    assert story.entry_key == "g1"
    assert story.title.startswith("Caf") and story.title.endswith("opens")


def test_charset_from_response_headers() -> None:
    doc = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Caf\u00e9 cr\u00e8me</title><guid>1</guid></item></channel></rss>"
    )
    body = doc.encode("iso-8859-1")
    headers = {"Content-Type": "application/rss+xml; charset=iso-8859-1"}
    feed = parse_feed(body, feed_url="https://f.example/rss", headers=headers)
    assert feed.stories[0].title == "Café crème"


def test_nul_bytes_and_control_characters_are_stripped() -> None:
    body = rss(item("Nul\x00 title", guid="n1", description="te\x00xt\x07 here"))
    (story,) = parse_feed(body, feed_url="https://f.example/rss").stories
    assert story.title == "Nul title"
    assert story.text == "text here"


# --- not feeds ----------------------------------------------------------------------------


def test_html_page_is_not_a_feed() -> None:
    page = b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>"
    with pytest.raises(ParseError) as info:
        parse_feed(page, feed_url="https://site.example/")
    assert str(info.value) == (
        "https://site.example/: not a feed: the server returned an HTML page"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n<item><title>A</tit>',
         "not a feed: not well-formed XML at line 3, column 17 (a closing tag does not match "
         "the open element); no entry has a title, text or link"),
        (b"hello, world", 'not a feed: the response is neither XML nor JSON (it begins "hello, world")'),
        (b'<?xml version="1.0"?>\n<feed><x>', "not a feed: not well-formed XML at line 2, column 10 "
         "(the document ends too early)"),
        (b'<?xml version="1.0"?>\n<doc/>', "not a feed: no RSS, Atom, RDF or JSON Feed document"),
        (b'<?xml version="1.0"?>\n\x01<rss/>',
         "not a feed: not well-formed XML at line 2, column 1 (an invalid character or token)"),
    ],
)  # fmt: skip
def test_not_a_feed_says_what_is_wrong_in_words(body: bytes, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_feed(body, feed_url="https://f.example/rss")
    assert str(info.value).startswith("https://f.example/rss: " + message)
    assert "SAXParseException" not in str(info.value) and "<unknown>" not in str(info.value)


def test_recovered_feed_names_line_and_column_of_the_fault() -> None:
    body = rss(item("One", guid="1") + "<item><title>A &amp B</title><guid>2</guid></item>")
    feed = parse_feed(body, feed_url="https://f.example/rss")
    at = body.index(b"&amp B") + len(b"&amp")  # where the missing ";" should be
    line = body[:at].count(b"\n") + 1
    column = at - (body.rfind(b"\n", 0, at) + 1) + 1
    assert feed.problem == (
        f"not well-formed XML at line {line}, column {column} (an invalid character or token)"
    )


@pytest.mark.parametrize("body", [b"", b"  \n\t "])
def test_empty_body_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(ParseError, match=r"^https://f\.example/rss: not a feed: .* empty body$"):
        parse_feed(body, feed_url="https://f.example/rss")


@pytest.mark.timeout(10)
def test_body_dev_zero_is_not_opened() -> None:
    started = time.monotonic()
    with pytest.raises(ParseError, match="not a feed"):
        parse_feed(b"/dev/zero", feed_url="https://f.example/rss")
    assert time.monotonic() - started < 2


def test_body_that_names_a_feed_file_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(rss(item(guid="x")))
    # Were the body treated as a path, this would parse as a one-item feed.
    with pytest.raises(ParseError):
        parse_feed(str(path).encode(), feed_url="https://f.example/rss")


def test_valid_feed_without_entries_is_empty_not_an_error() -> None:
    feed = parse_feed(rss(""), feed_url="https://f.example/rss")
    assert feed.stories == () and feed.title == "T" and feed.problem is None


def test_broken_feed_keeps_recovered_entries_and_names_the_problem() -> None:
    body = rss(item("One", guid="1") + item("Two", guid="2")).replace(b"</channel></rss>", b"")
    feed = parse_feed(body, feed_url="https://f.example/rss")
    assert [s.entry_key for s in feed.stories] == ["1", "2"]
    assert feed.problem is not None and len(feed.problem) <= 300


# --- hostile content ----------------------------------------------------------------------


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>Laughs &lol9;</title><guid>lol</guid><description>&lol9;&lol9;</description></item>
</channel></rss>"""


@pytest.mark.timeout(20)
def test_entity_expansion_is_not_performed() -> None:
    feed = parse_feed(BILLION_LAUGHS, feed_url="https://f.example/rss")
    (story,) = feed.stories
    assert story.entry_key == "lol"
    assert story.title.startswith("Laughs")
    assert len(story.title) + len(story.text) + len(feed.title or "") < 1000


@pytest.mark.timeout(20)
@pytest.mark.parametrize("uses", [80, 1_000])  # under and over expat's amplification limit
def test_repeated_entity_is_not_expanded(uses: int) -> None:
    # feedparser keeps "safe" entity declarations (no & in the value, one per line)
    # and its lenient parser expands them itself: here 100 KB would become 50 MB.
    body = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
        f'<!ENTITY big "{"x" * 50_000}">\n]>\n'
        '<rss version="2.0"><channel><title>t</title><item><guid>1</guid>'
        f"<description>{'&big;' * uses}</description></item></channel></rss>"
    ).encode()
    (story,) = parse_feed(body, feed_url="https://f.example/rss").stories
    assert "x" * 1000 not in story.text


def test_neutralize_entities_keeps_plain_doctype_and_handles_utf16() -> None:
    plain = b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//x//y" "z.dtd"><rss/>'
    assert neutralize_entities(plain) == plain
    subset = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE rss [<!ENTITY a "b">]><rss/>'
    out = neutralize_entities(subset.encode("utf-16"))
    decoded = out.decode("utf-16")
    assert "ENTITY" not in decoded and "<!DOCTYPE rss>" in decoded and decoded.endswith("<rss/>")


def test_entity_declarations_cannot_be_reassembled() -> None:
    assert b"<!ENTITY" not in neutralize_entities(b"<!EN<!ENTITY a 'b'>TITY c 'd'>")
    # unclosed declarations in bulk stay fast (linear)
    started = time.monotonic()
    neutralize_entities(b"<!ENTITY " * 200_000)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "data:text/html,hi",
        "file:///etc/passwd",
        # No host: a mangled link (found by test_mangled_sample_feeds) points nowhere.
        "http:://gazette.example.org/news/footbridge",
    ],
)
def test_non_http_links_are_dropped(link: str) -> None:
    (story,) = parse_feed(rss(item(guid="j", link=link)), feed_url="https://f.example/").stories
    assert story.link is None


def test_script_in_summary_is_not_text() -> None:
    summary = "<p>Visible</p><script>document.write('hidden')</script><style>p{}</style>"
    (story,) = parse_feed(rss(item(guid="s", description=summary)), feed_url="https://f/").stories
    assert story.text == "Visible"


HOSTILE = (
    '<p onclick="steal()">Visible <b onmouseover="steal()">part</b></p>'
    '<img src="x" onerror="alert(1)"/><a href="javascript:alert(2)">link text</a>'
    "<script>alert(3)</script><style>body{background:url(javascript:alert(4))}</style>"
    '<iframe src="javascript:alert(5)">frame</iframe><svg><script>alert(6)</script></svg>'
    "<noscript>fallback</noscript><!-- <script>alert(7)</script> --><object>obj</object>"
    '<p style="x:expression(alert(8))">End</p><script>unclosed alert(9)'
)


def test_hostile_html_leaves_only_visible_text() -> None:
    """The sanitiser is off (sanitize_html=False): our HTML-to-text alone must keep
    scripts, styles, event handlers and javascript: links out of stored text."""
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
        f'<entry><id>h</id><title type="html">{escape("<b onclick=x()>Bold</b> <script>alert(0)</script>title")}</title>'
        f'<content type="html">{escape(HOSTILE)}</content></entry></feed>'
    ).encode()
    for body in (rss(item(guid="h", description=HOSTILE)), atom):
        (story,) = parse_feed(body, feed_url="https://f.example/").stories
        for field in (story.title, story.text):
            lowered = field.lower()
            for bad in (
                "<",
                ">",
                "alert",
                "javascript",
                "onclick",
                "onerror",
                "steal",
                "expression",
            ):
                assert bad not in lowered, (bad, field)
        assert story.text.split("\n") == ["Visible part", "link text", "End"]
    assert story.title == "Bold title"


def test_fields_are_capped() -> None:
    long_text = "word " * 100_000
    body = rss(
        item("T" * 5000, guid="c", description=long_text, link="https://x.example/" + "a" * 5000)
    )
    (story,) = parse_feed(body, feed_url="https://f/", max_field_chars=1000).stories
    assert len(story.title) == 1000
    assert len(story.text) <= 1000
    assert story.link is None  # a cut URL would point elsewhere: dropped


def test_duplicate_guids_keep_first() -> None:
    body = rss(item("First", guid="same") + item("Second", guid="same"))
    (story,) = parse_feed(body, feed_url="https://f/").stories
    assert story.title == "First"


def test_tracking_params_do_not_change_link_keys() -> None:
    a = rss(item(link="https://news.example/story?id=7&utm_source=rss&fbclid=abc#top"))
    b = rss(item(link="https://NEWS.example:443/story?utm_medium=x&id=7&gclid=1"))
    key_a = parse_feed(a, feed_url="https://f/").stories[0].entry_key
    key_b = parse_feed(b, feed_url="https://f/").stories[0].entry_key
    assert key_a == key_b == "https://news.example/story?id=7"


@pytest.mark.parametrize(
    ("value", "minutes"), [("60", 3600), (" 15 ", 900), ("0", None), ("-5", None), ("soon", None)]
)
def test_ttl(value: str, minutes: int | None) -> None:
    feed = parse_feed(rss(item(guid="t"), channel=f"<ttl>{value}</ttl>"), feed_url="https://f/")
    assert feed.ttl == minutes


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en-US", "en"), ("mr_IN", "mr"), ("Marathi", "mr"), ("hin", "hi"), ("HI", "hi"),
     ("x-klingon", None), ("", None), (None, None), ("english", "en")],
)  # fmt: skip
def test_normalize_language(value: str | None, expected: str | None) -> None:
    assert normalize_language(value) == expected


# --- canonical_url ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.COM:443/Path?b=2&a=1#frag", "https://example.com/Path?a=1&b=2"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x?utm_source=a&UTM_Medium=b", "http://example.com:8080/x"),
        ("https://e.com/p?ref=home&mc_cid=1&mc_eid=2", "https://e.com/p?ref=home"),
        ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
        ("  https://e.com/a  ", "https://e.com/a"),
    ],
)
def test_canonical_url_examples(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


_word = st.text(alphabet="abcXYZ019-_.~%é", min_size=1, max_size=8)
_param_name = st.one_of(
    _word, _word.map(lambda w: "utm_" + w), st.sampled_from(["fbclid", "gclid", "UTM_x"])
)
urls = st.builds(
    lambda scheme, host, port, path, params, fragment: (
        f"{scheme}://{host}{port}/{'/'.join(path)}"
        + ("?" + "&".join(f"{k}={v}" for k, v in params) if params else "")
        + (f"#{fragment}" if fragment is not None else "")
    ),
    st.sampled_from(["http", "https", "HTTP", "hTTps"]),
    st.from_regex(r"[A-Za-z0-9]{1,10}(\.[A-Za-z0-9]{1,10}){0,2}", fullmatch=True),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.lists(_word, max_size=3),
    st.lists(st.tuples(_param_name, _word), max_size=5),
    st.one_of(st.none(), _word),
)


@given(st.one_of(urls, st.text(max_size=60)))
@example("0 #")  # found by hypothesis: dropping the fragment left a trailing space
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@given(urls)
def test_canonical_url_drops_tracking_and_fragment(url: str) -> None:
    result = canonical_url(url)
    assert "#" not in result
    names = [k.lower() for k, _ in parse_qsl(urlsplit(result).query, keep_blank_values=True)]
    assert not any(n.startswith("utm_") or n in ("fbclid", "gclid") for n in names)


@given(urls, st.sampled_from(["utm_source", "utm_campaign", "fbclid"]), _word)
def test_tracking_params_never_change_the_canonical_url(url: str, name: str, value: str) -> None:
    base, _, fragment = url.partition("#")
    joiner = "&" if "?" in base else "?"
    assert canonical_url(f"{base}{joiner}{name}={value}#{fragment}") == canonical_url(url)


# --- entry identity -----------------------------------------------------------------------

_xml_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip())


@given(guid=_xml_text, link=st.one_of(st.none(), urls), title=st.text(), other=st.text(),
       text=st.text())  # fmt: skip
def test_guid_key_ignores_title(
    guid: str, link: str | None, title: str, other: str, text: str
) -> None:
    assert entry_key(guid, link, title, text) == entry_key(guid, link, other, text)


@given(title=st.text(), text=st.text())
def test_content_hash_key_is_deterministic(title: str, text: str) -> None:
    assert entry_key(None, None, title, text) == entry_key(None, None, title, text)
    assert entry_key(None, None, title, text).startswith("sha256:")


@settings(max_examples=40, deadline=None)
@given(guid=_xml_text, title=_xml_text, other=_xml_text, link=st.one_of(st.none(), urls))
def test_parsed_entry_keeps_its_key(guid: str, title: str, other: str, link: str | None) -> None:
    first = parse_feed(rss(item(title, guid=guid, link=link)), feed_url="https://f/").stories
    again = parse_feed(rss(item(title, guid=guid, link=link)), feed_url="https://f/").stories
    retitled = parse_feed(rss(item(other, guid=guid, link=link)), feed_url="https://f/").stories
    assert first[0].entry_key == again[0].entry_key == retitled[0].entry_key


@settings(max_examples=40, deadline=None)
@given(title=_xml_text, link=urls)
def test_link_key_survives_retitling_and_tracking(title: str, link: str) -> None:
    base, _, _ = link.partition("#")
    tracked = base + ("&" if "?" in base else "?") + "utm_source=feed"
    a = parse_feed(rss(item(title, link=link)), feed_url="https://f/").stories[0]
    b = parse_feed(rss(item("other " + title, link=tracked)), feed_url="https://f/").stories[0]
    assert a.entry_key == b.entry_key == canonical_url(link)


def test_language_from_response_header_when_feed_has_none() -> None:
    body = rss(item(guid="l"))
    feed = parse_feed(body, feed_url="https://f/", headers={"Content-Language": "hi-IN"})
    assert feed.stories[0].lang == "hi"
    assert parse_feed(body, feed_url="https://f/").stories[0].lang is None


# --- fuzzing: any bytes give a ParsedFeed or a ParseError, never anything else -------------


def _check_any_outcome(body: bytes) -> None:
    try:
        feed = parse_feed(body, feed_url="https://f/", max_field_chars=2000)
    except ParseError as exc:
        assert str(exc).startswith("https://f/: ")
        return
    for story in feed.stories:
        assert story.entry_key
        assert len(story.title) <= 2000 and len(story.text) <= 2000
        assert "\x00" not in story.title + story.text
        assert story.link is None or story.link.startswith(("http://", "https://"))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes(body: bytes) -> None:
    _check_any_outcome(body)


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(["rss2.xml", "atom.xml", "marathi.xml", "hindi.xml"]),
    cuts=st.lists(st.tuples(st.integers(0, 4000), st.binary(max_size=8)), max_size=6),
)
def test_mangled_sample_feeds(name: str, cuts: list[tuple[int, bytes]]) -> None:
    body = bytearray((FEEDS / name).read_bytes())
    for at, junk in cuts:
        position = at % (len(body) + 1)
        body[position : position + len(junk)] = junk
    _check_any_outcome(bytes(body))
