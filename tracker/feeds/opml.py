"""OPML 2.0, the feed readers' exchange format: read feeds from it, write feeds to it.

Nested outlines become tags (the names of the folders a feed sits in).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime

from tracker.config import parse_http_url
from tracker.errors import InputError
from tracker.types import FeedConfig


def read_opml(data: bytes, *, source: str) -> list[FeedConfig]:
    """Feeds from an OPML document. Outlines without an http(s) xmlUrl are folders."""
    if b"<!ENTITY" in data:
        raise InputError(f"{source}: entity declarations are not accepted in OPML")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{source}: not valid OPML: {exc}") from None
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise InputError(f"{source}: not an OPML document (no <opml><body>)")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()

    def walk(node: ET.Element, tags: tuple[str, ...]) -> None:
        for outline in node.findall("outline"):
            url = outline.get("xmlUrl")
            title = outline.get("title") or outline.get("text")
            if url:
                try:
                    url = parse_http_url(url)
                except ValueError as exc:
                    raise InputError(f"{source}: outline {title or url!r}: {exc}") from None
                if url not in seen:
                    seen.add(url)
                    feeds.append(FeedConfig(url=url, name=title, tags=tags))
            walk(outline, (*tags, title) if not url and title else tags)

    walk(body, ())
    return feeds


def write_opml(feeds: Sequence[FeedConfig], *, title: str = "Claim Tracker feeds") -> str:
    """An OPML 2.0 document; a feed's first tag becomes its folder."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.tags:
            tag = feed.tags[0]
            if tag not in folders:
                folders[tag] = ET.SubElement(body, "outline", text=tag, title=tag)
            parent = folders[tag]
        name = feed.name or feed.url
        ET.SubElement(parent, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
