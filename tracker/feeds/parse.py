"""Feed bytes -> Story: feedparser, made safe for bodies written by strangers.

Plain RSS 2.0, RSS 1.0 and Atom 1.0 bodies are read by tracker.feeds.feedxml (the C XML parser,
giving what feedparser gives, about five times cheaper); JSON Feed 1.0 and 1.1 by
tracker.feeds.jsonfeed (into the same shape); anything else goes to feedparser
itself. What is wrong with a body is said in words ("not a feed: the server
returned an HTML page", "not well-formed XML at line 2, column 7 (mismatched
tag)"), never the parser's internals. feedparser is always given a file object (a body that looks
like a path would otherwise be opened as a local file), DTD entity declarations
are removed before either sees the body (feedparser's lenient parser expands them
itself), HTML is turned into text by tracker.engine.text, and every stored field is
capped in length.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from xml.parsers import expat
from xml.sax import SAXParseException

import feedparser

from tracker.engine.text import clean_text, html_to_text, normalize_space
from tracker.errors import ParseError
from tracker.feeds.feedxml import fast_parse
from tracker.feeds.jsonfeed import looks_like_json, read_json_feed
from tracker.types import ParsedFeed, Story

# Query parameters that only track where a click came from; never part of identity.
_TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga"}
)
_TRACKING_PREFIXES = ("utm_",)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# An entry key longer than this is replaced by its hash (database index limits).
_MAX_KEY_CHARS = 1000
# Raw HTML is cut at this multiple of the field cap before conversion, to bound the work.
_RAW_FACTOR = 4
# Response headers feedparser uses (charset, language); others (Content-Encoding!) not.
_PASSED_HEADERS = ("content-type", "content-language")

#: Set (to anything) in the environment, every feed is parsed by feedparser: the fast
#: path of tracker.feeds.feedxml is off (for comparing the two; the output is the same).
FEEDPARSER_ONLY = "TRACKER_FEEDPARSER_ONLY"

# <!ENTITY ...> anywhere, bounded so a body full of unclosed declarations stays linear.
_ENTITY_DECL = re.compile(rb"<!ENTITY[^>]{0,65536}>?", re.IGNORECASE)
_DOCTYPE_START = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_SUBSET_END = re.compile(rb"\]\s*>")
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")

_LANGUAGE_NAMES = {
    "english": "en",
    "hindi": "hi",
    "marathi": "mr",
    "bengali": "bn",
    "gujarati": "gu",
    "punjabi": "pa",
    "tamil": "ta",
    "telugu": "te",
    "kannada": "kn",
    "malayalam": "ml",
    "urdu": "ur",
    "odia": "or",
    "nepali": "ne",
    "french": "fr",
    "german": "de",
    "spanish": "es",
}
_ISO639_2 = {
    "eng": "en",
    "hin": "hi",
    "mar": "mr",
    "ben": "bn",
    "guj": "gu",
    "pan": "pa",
    "tam": "ta",
    "tel": "te",
    "kan": "kn",
    "mal": "ml",
    "urd": "ur",
    "ori": "or",
    "nep": "ne",
    "fra": "fr",
    "fre": "fr",
    "deu": "de",
    "ger": "de",
    "spa": "es",
}


def canonical_url(url: str) -> str:
    """A URL's identity: lower-case scheme and host, no default port, no fragment,
    no tracking parameters (utm_*, fbclid, gclid, mc_cid, mc_eid, ...), the other
    query parameters sorted; the path is kept as is. Idempotent.

    A string that does not parse as a URL is returned stripped.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host
    if parts.username is not None or parts.password is not None:
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{host}"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query.sort()
    path = parts.path
    if not path and netloc and scheme in _DEFAULT_PORTS:
        path = "/"
    # Removing the fragment can expose trailing whitespace ("x #" -> "x "): strip again.
    return urlunsplit((scheme, netloc, path, urlencode(query), "")).strip()


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def normalize_language(value: str | None) -> str | None:
    """'en-US', 'mr_IN', 'Marathi', 'hin' -> 'en', 'mr', 'mr', 'hi'; None when unknown."""
    if not value:
        return None
    value = value.strip().lower()
    if value in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[value]
    primary = re.split(r"[-_\s,;]", value, maxsplit=1)[0]
    if len(primary) == 2 and primary.isascii() and primary.isalpha():
        return primary
    if len(primary) == 3 and primary in _ISO639_2:
        return _ISO639_2[primary]
    return None


def neutralize_entities(body: bytes) -> bytes:
    """Remove DTD internal subsets and <!ENTITY> declarations (billion laughs and kin).

    References to the removed entities stay unexpanded (`&lol9;`), which costs a
    feed nothing real: feeds do not depend on DTD-defined entities.
    """
    codec, bom = _wide_encoding(body)
    if codec is not None:
        text = body[len(bom) :].decode(codec, errors="replace")
        utf8 = _neutralize_ascii_compatible(text.encode("utf-8"))
        return bom + utf8.decode("utf-8").encode(codec)
    return _neutralize_ascii_compatible(body)


def _skip_bom(body: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe"):
        if body.startswith(bom):
            return body[len(bom) :]
    return body


def _wide_encoding(body: bytes) -> tuple[str | None, bytes]:
    # The markup patterns are ASCII; UTF-16/32 bodies are transcoded to match them.
    for bom, codec in (
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe", "utf-16-le"),
    ):
        if body.startswith(bom):
            return codec, bom
    if body.startswith(b"\x00<\x00"):
        return "utf-16-be", b""
    if body.startswith(b"<\x00") and body[3:4] == b"\x00":
        return "utf-16-le", b""
    return None, b""


def _neutralize_ascii_compatible(body: bytes) -> bytes:
    body = _ENTITY_DECL.sub(b" ", body)
    # Internal subsets can only be in the prolog, before the first element.
    first = _FIRST_ELEMENT.search(body)
    end = first.start() if first else len(body)
    head, rest = body[:end], body[end:]
    out = bytearray()
    copied = search = 0
    while (match := _DOCTYPE_START.search(head, search)) is not None:
        search = match.end()
        close = head.find(b">", search)
        bracket = head.find(b"[", search)
        if bracket == -1 or (close != -1 and close < bracket):
            continue  # no internal subset: keep the DOCTYPE as is
        subset_end = _SUBSET_END.search(head, bracket)
        out += head[copied:bracket].rstrip() + b">"
        copied = search = subset_end.end() if subset_end else len(head)
    out += head[copied:]
    return bytes(out) + rest


def parse_feed(
    body: bytes,
    *,
    feed_url: str,
    headers: Mapping[str, str] | None = None,
    max_field_chars: int = 100_000,
) -> ParsedFeed:
    """Parse a feed body into stories, or raise ParseError naming `feed_url`.

    `headers` are the response headers (their charset decides the encoding when
    the document does not). A feed feedparser had to repair still yields its
    entries, with the repair described in ParsedFeed.problem; a body with no feed
    in it (an HTML page, an empty body) is a ParseError.
    """
    if not body.strip():
        raise ParseError(f"{feed_url}: not a feed: the server returned an empty body")
    passed = {k.lower(): v for k, v in (headers or {}).items() if k.lower() in _PASSED_HEADERS}
    parsed: Any
    if looks_like_json(body, passed.get("content-type")):
        # JSON Feed 1.0 / 1.1 (feedparser 6 does not read it): the same shape, the same path.
        body_in = body
        parsed = read_json_feed(body, feed_url)
    else:
        body_in = neutralize_entities(body)
        # Plain RSS 2.0 / 1.0 / Atom 1.0 through the C parser; anything else (None): feedparser.
        parsed = None if os.environ.get(FEEDPARSER_ONLY) else fast_parse(body_in, passed)
        if parsed is None:
            parsed = _feedparser(body_in, passed, feed_url)
    feed = parsed.get("feed", {})
    entries = parsed.get("entries", [])
    problem = _problem(parsed, body_in)
    if not entries and (not parsed.get("version") or parsed.get("bozo")):
        raise ParseError(f"{feed_url}: not a feed: {_what_it_is(body, problem)}")
    feed_lang = normalize_language(feed.get("language")) or normalize_language(
        passed.get("content-language")
    )
    stories: list[Story] = []
    seen: set[str] = set()
    for entry in entries:
        story = _story(entry, feed_url, feed_lang, max_field_chars)
        # Storage keys stories by (feed, entry_key): the first of duplicates wins.
        if story is not None and story.entry_key not in seen:
            seen.add(story.entry_key)
            stories.append(story)
    if entries and not stories:
        broken = f"{problem}; " if problem else ""
        raise ParseError(f"{feed_url}: not a feed: {broken}no entry has a title, text or link")
    title = _text(feed.get("title", ""), feed.get("title_detail"), max_field_chars)
    return ParsedFeed(
        title=title or None,
        stories=tuple(stories),
        ttl=_ttl(feed.get("ttl")),
        problem=problem,
    )


def _feedparser(body: bytes, passed: dict[str, str], feed_url: str) -> Any:
    try:
        # A file object, never bytes or str: feedparser opens strings that look like paths.
        return feedparser.parse(
            io.BytesIO(body),
            response_headers=passed,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:
        # feedparser's own bugs, reached by a stranger's bytes, are this feed's problem:
        # report it on the feed rather than stop the poll.
        raise ParseError(
            f"{feed_url}: feed could not be parsed ({type(exc).__name__}: {exc})"
        ) from exc


def _problem(parsed: Any, body: bytes) -> str | None:
    """What is wrong with a feed that was read anyway, in words (not the parser's internals)."""
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if exc is None:
        return "the feed is not well-formed"
    if isinstance(exc, str):
        return exc[:300]
    if isinstance(exc, SAXParseException):
        # feedparser's positions count a line it added itself; ask expat about the body as sent.
        return xml_error(body) or "not well-formed XML"
    message = clean_text(str(exc)).strip() or "the feed is not well-formed"
    return message[:300]


def xml_error(body: bytes) -> str | None:
    """Where and why `body` is not well-formed XML ("not well-formed XML at line 2,
    column 7 (mismatched tag)"), or None when expat reads it.

    Give it a body whose entity declarations were removed (`neutralize_entities`).
    """
    parser = expat.ParserCreate()
    try:
        parser.Parse(body, True)
    except expat.ExpatError as exc:
        reason = _EXPAT_REASONS.get(exc.code, expat.errors.messages.get(exc.code, "error"))
        return f"not well-formed XML at line {exc.lineno}, column {exc.offset + 1} ({reason})"
    except (ValueError, LookupError):  # an encoding expat does not know
        return None
    return None


# expat's terse messages, said the way a person fixing the feed would say them.
_EXPAT_REASONS = {
    expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]: "an invalid character or token",
    expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH]: (
        "a closing tag does not match the open element"
    ),
    expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]: "the document ends too early",
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]: "the document ends inside a tag",
    expat.errors.codes[expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]: (
        "text after the end of the document"
    ),
    expat.errors.codes[expat.errors.XML_ERROR_UNDEFINED_ENTITY]: (
        "an undefined entity; XML knows only &amp; &lt; &gt; &quot; &apos;"
    ),
    expat.errors.codes[expat.errors.XML_ERROR_SYNTAX]: "a syntax error",
    expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR]: "a character cut short",
    expat.errors.codes[expat.errors.XML_ERROR_BAD_CHAR_REF]: "a reference to no character",
    expat.errors.codes[expat.errors.XML_ERROR_DUPLICATE_ATTRIBUTE]: "an attribute given twice",
    expat.errors.codes[expat.errors.XML_ERROR_UNBOUND_PREFIX]: "an undeclared namespace prefix",
    expat.errors.codes[expat.errors.XML_ERROR_MISPLACED_XML_PI]: (
        "an XML declaration that is not at the very start"
    ),
}


def _what_it_is(body: bytes, problem: str | None) -> str:
    head = body[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return "the server returned an HTML page"
    start = _skip_bom(head).lstrip()
    if start[:1] not in (b"<", b"{", b"["):
        excerpt = normalize_space(clean_text(start[:60].decode("utf-8", "replace")))[:40]
        begins = f' (it begins "{excerpt}")' if excerpt else ""
        return f"the response is neither XML nor JSON{begins}"
    if problem:
        return problem
    return "no RSS, Atom, RDF or JSON Feed document in the response"


def _story(entry: Any, feed_url: str, feed_lang: str | None, max_chars: int) -> Story | None:
    title = _text(entry.get("title", ""), entry.get("title_detail"), max_chars)
    text = _entry_text(entry, max_chars)
    link = _link(entry.get("link"), feed_url, max_chars)
    if not (title or text or link):
        return None
    return Story(
        feed_url=feed_url,
        entry_key=entry_key(entry.get("id"), link, title, text),
        title=title,
        text=text,
        link=link,
        published=_published(entry),
        lang=_entry_lang(entry) or feed_lang,
    )


def entry_key(guid: str | None, link: str | None, title: str, text: str) -> str:
    """The key identifying an entry across polls: its guid/id as given, else its
    canonical link, else a hash of title and text. Very long keys are hashed.

    A guid is opaque (a fragment may be all that tells two guids apart), so only
    links are canonicalised.
    """
    key = clean_text(guid or "").strip()
    if not key and link:
        key = canonical_url(link)
    if not key:
        digest = hashlib.sha256(f"{title}\x1f{text}".encode("utf-8", "surrogatepass"))
        return "sha256:" + digest.hexdigest()
    if len(key) > _MAX_KEY_CHARS:
        return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return key


def _text(value: Any, detail: Any, max_chars: int) -> str:
    if not isinstance(value, str) or not value:
        return ""
    value = value[: max_chars * _RAW_FACTOR]
    kind = (detail or {}).get("type", "") if isinstance(detail, Mapping) else ""
    text = html_to_text(value) if "html" in kind else normalize_space(clean_text(value))
    return text[:max_chars]


def _entry_text(entry: Any, max_chars: int) -> str:
    # Full content beats the summary; among contents, HTML beats plain text.
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    contents.sort(key=lambda c: "html" not in c.get("type", ""))
    for content in contents:
        text = _text(content.get("value"), content, max_chars)
        if text:
            return text
    return _text(entry.get("summary", ""), entry.get("summary_detail"), max_chars)


def _link(value: Any, feed_url: str, max_chars: int) -> str | None:
    if not isinstance(value, str):
        return None
    value = clean_text(value).strip()
    if not value or len(value) > max_chars:
        return None  # a truncated URL points somewhere else
    try:
        absolute = urljoin(feed_url, value)
        parts = urlsplit(absolute)
    except ValueError:
        return None
    # feedparser passes javascript:, data: and file: links through; a mangled one with
    # no host ("http:://example.org/a") points nowhere.
    return absolute if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _published(entry: Any) -> datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed
        # (with a DeprecationWarning); we ask for each key ourselves.
        value = dict.get(entry, name) if isinstance(entry, dict) else entry.get(name)
        if value:
            try:
                # feedparser's struct_time is UTC.
                return datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, OSError, TypeError):
                continue
    return None


def _entry_lang(entry: Any) -> str | None:
    for name in ("language", "title_detail", "summary_detail"):
        value = entry.get(name)
        if isinstance(value, Mapping):
            value = value.get("language")
        lang = normalize_language(value) if isinstance(value, str) else None
        if lang:
            return lang
    for content in entry.get("content") or []:
        lang = normalize_language(content.get("language"))
        if lang:
            return lang
    return None


def _ttl(value: Any) -> int | None:
    try:
        minutes = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    if minutes <= 0:
        return None
    return min(minutes, 60 * 24 * 365) * 60
