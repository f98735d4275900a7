"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org) read into feedparser's shape.

feedparser 6 does not read JSON Feed; reader and Miniflux do, and sites such as
micro.blog publish only that. `read_json_feed` returns the same
`{"version", "bozo", "feed", "entries"}` mapping that tracker.feeds.feedxml and
feedparser give, with the keys tracker.feeds.parse reads (titles, HTML and text
content, summary, link, id, dates, languages), so a JSON Feed item becomes a
`Story` through the same code as an RSS item: the same field caps, HTML to
text, http(s)-only links and entry keys.

Differences between the versions that matter here: 1.1 adds `language` (feed
and item) and `authors`; 1.0's `author` is ignored either way (we store no
authors). An item's `id` may be a number in the wild; the spec says to read it
as a string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from tracker.errors import ParseError

__all__ = ["JSON_FEED_VERSIONS", "looks_like_json", "read_json_feed"]

#: The version URLs this reader accepts (the trailing slash is tolerated).
JSON_FEED_VERSIONS = {
    "https://jsonfeed.org/version/1": "json1",
    "https://jsonfeed.org/version/1.1": "json11",
}

try:  # feedparser's own date reader: the same dates as the RSS and Atom paths
    from feedparser.datetimes import _parse_date
except ImportError:  # pragma: no cover - feedparser is a dependency
    _parse_date = None

_BOMS = (b"\xef\xbb\xbf",)
_JSON_TYPES = re.compile(r"^\s*application/(?:feed\+)?json\b", re.IGNORECASE)


def looks_like_json(body: bytes, content_type: str | None = None) -> bool:
    """True when the body is JSON rather than XML: it opens with `{` or `[`, or is served as
    JSON and does not open with `<`."""
    head = body[:64]
    for bom in _BOMS:
        head = head.removeprefix(bom)
    if head.lstrip()[:1] in (b"{", b"["):
        return True
    if head.lstrip()[:1] == b"<":
        return False
    return bool(content_type and _JSON_TYPES.match(content_type))


def read_json_feed(body: bytes, feed_url: str) -> dict[str, Any]:
    """The feedparser-shaped result for a JSON Feed body, or ParseError saying what is wrong.

    Errors are written for a person: "not valid JSON at line 3, column 5
    (expecting ',' delimiter)", "JSON, but not a JSON Feed (no "version" ...)".
    """
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"{feed_url}: not a feed: JSON that is not UTF-8 (byte {exc.start + 1})"
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = exc.msg[:1].lower() + exc.msg[1:]
        raise ParseError(
            f"{feed_url}: not a feed: not valid JSON at line {exc.lineno}, "
            f"column {exc.colno} ({reason})"
        ) from None
    except RecursionError:
        raise ParseError(f"{feed_url}: not a feed: JSON nested too deeply") from None
    if not isinstance(document, dict):
        raise ParseError(f"{feed_url}: not a feed: JSON, but not an object (a JSON Feed is one)")
    version = document.get("version")
    known = JSON_FEED_VERSIONS.get(version.rstrip("/")) if isinstance(version, str) else None
    if known is None:
        got = f"{version!r}"[:80] if version is not None else "none"
        raise ParseError(
            f'{feed_url}: not a feed: JSON, but not a JSON Feed (its "version" is {got}; '
            "expected https://jsonfeed.org/version/1 or /1.1)"
        )
    items = document.get("items")
    if items is None:
        items = []
    if not isinstance(items, list):
        raise ParseError(f'{feed_url}: JSON Feed whose "items" is not a list')
    feed: dict[str, Any] = {}
    title = _string(document.get("title"))
    if title:
        feed["title"] = title
        feed["title_detail"] = {"type": "text/plain"}
    language = _string(document.get("language"))
    if language:
        feed["language"] = language
    entries = [_entry(item) for item in items if isinstance(item, Mapping)]
    skipped = len(items) - len(entries)
    problem = None
    if skipped:
        problem = f"{skipped} of {len(items)} items are not objects and were skipped"
    return {
        "version": known,
        "bozo": bool(problem),
        "bozo_exception": problem,
        "feed": feed,
        "entries": entries,
    }


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _entry(item: Mapping[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    raw_id = item.get("id")
    if isinstance(raw_id, str):
        entry["id"] = raw_id
    elif isinstance(raw_id, int | float) and not isinstance(raw_id, bool):
        entry["id"] = str(raw_id)
    title = _string(item.get("title"))
    if title:
        entry["title"] = title
        # JSON Feed titles are plain text; an RSS reader would show "&amp;" as is.
        entry["title_detail"] = {"type": "text/plain"}
    contents = []
    html = _string(item.get("content_html"))
    if html:
        contents.append({"value": html, "type": "text/html"})
    plain = _string(item.get("content_text"))
    if plain:
        contents.append({"value": plain, "type": "text/plain"})
    if contents:
        entry["content"] = contents
    summary = _string(item.get("summary"))
    if summary:
        entry["summary"] = summary
        entry["summary_detail"] = {"type": "text/plain"}
    link = _string(item.get("url")) or _string(item.get("external_url"))
    if link:
        entry["link"] = link
    for key, parsed_key in (("date_published", "published_parsed"),
                            ("date_modified", "updated_parsed")):  # fmt: skip
        stamp = _string(item.get(key))
        if stamp and _parse_date is not None:
            parsed = _parse_date(stamp)
            if parsed:
                entry[parsed_key] = parsed
    language = _string(item.get("language"))
    if language:
        entry["language"] = language
    return entry
