"""A fast path for plain RSS 2.0, RSS 1.0 and Atom 1.0: the C XML parser, feedparser's result.

`fast_parse` reads a well-formed RSS 2.0, RSS 1.0 (RDF) or Atom 1.0 body with
the standard library's C parser (expat through `xml.etree.ElementTree`) and
returns what `feedparser.parse(..., sanitize_html=False,
resolve_relative_uris=False)` would return *for the fields tracker.feeds.parse reads*
(feed title, language and ttl; entry title, summary, content, link, id, dates
and languages), in the same shape (`{"version", "bozo", "feed", "entries"}`),
so the rest of the parse is one code path. It is about six times cheaper than
feedparser, which spends most of its time in Python callbacks per element and
character run.

It returns None – parse with feedparser – for anything it does not know to
read exactly as feedparser does: a body feedparser would flag (encoding
trouble), a DOCTYPE or entity declaration, XML that is not well-formed, another
root or version (RSS 0.9x, RSS 0.90 RDF, Atom 0.3), an element or namespace
outside the short list below, a field given twice, markup inside a text
field, Atom xhtml or base64 content, and any exception. The feedparser
behaviours it reproduces (whitespace stripping, URI joins against xml:base,
the guid as link, the content copied to the summary, HTML-looking RSS titles,
windows-1252 and doubly-encoded UTF-8 repairs, date parsing) are reproduced
with feedparser's own helpers, and tests/test_feedxml.py compares both paths
on every feed we have.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from contextlib import suppress
from functools import partial
from typing import Any
from xml.etree.ElementTree import Element, XMLPullParser

try:  # feedparser's own helpers, so the fast path reads exactly as it does
    from feedparser.datetimes import _parse_date
    from feedparser.encodings import convert_to_utf8
    from feedparser.html import _cp1252
    from feedparser.mixin import _FeedParserMixin
    from feedparser.urls import _urljoin, make_safe_absolute_uri

    _looks_like_html: Callable[[str], bool] | None = _FeedParserMixin.looks_like_html
except (ImportError, AttributeError):  # another feedparser: always take its own path
    _looks_like_html = None

#: False when the installed feedparser lacks a helper the fast path reuses.
AVAILABLE = _looks_like_html is not None

_XML_NS = "http://www.w3.org/XML/1998/namespace"
_XML_BASE = f"{{{_XML_NS}}}base"
_XML_LANG = f"{{{_XML_NS}}}lang"
_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDF = _RDF_NS.lower()
_RDF_ABOUT = f"{{{_RDF_NS}}}about"
_RSS1 = "http://purl.org/rss/1.0/"
_ATOM = "http://www.w3.org/2005/atom"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
_MEDIA = "http://search.yahoo.com/mrss/"
# Namespaces feedparser knows nothing of for the fields we read: any leaf element is inert.
_INERT_NAMESPACES = frozenset(
    {
        "http://wellformedweb.org/commentapi/",
        "http://purl.org/rss/1.0/modules/slash/",
        "http://purl.org/rss/1.0/modules/syndication/",
    }
)
# feedparser's track_namespace: (prefixed?, lower-case URI) -> version, first one wins.
_NAMESPACE_VERSIONS = {
    (False, "http://my.netscape.com/rdf/simple/0.9/"): "rss090",
    (False, "http://purl.org/rss/1.0/"): "rss10",
    (True, "http://purl.org/rss/1.0/"): "rss10",
    (False, "http://www.w3.org/2005/atom"): "atom10",
    (True, "http://www.w3.org/2005/atom"): "atom10",
}
_DECLARATIONS = re.compile(rb"<!(?:doctype|entity)", re.IGNORECASE)
_LINK_ENTITY = re.compile("&([A-Za-z0-9_]+);")
_RELATIVE = frozenset({"link", "id"})
_HTML_TYPES = frozenset({"application/xhtml+xml", "text/html"})

# RSS 2.0 leaves (no child elements) that only feed keys tracker.feeds.parse never reads.
_RSS_INERT = frozenset(
    {
        "category", "author", "comments", "enclosure", "generator", "copyright",
        "managingeditor", "webmaster", "docs", "cloud", "rating", "lastbuilddate",
        "pubdate", "link", "description", "source",
    }
)  # fmt: skip
_RSS_CHANNEL_INERT = _RSS_INERT - {"comments", "enclosure", "source"}
_DC_CHANNEL_INERT = frozenset({"creator", "subject", "date", "publisher", "rights"})
_RSS_IMAGE_CHILDREN = frozenset({"url", "title", "link", "width", "height", "description"})
_ATOM_INERT = frozenset({"category", "generator", "icon", "logo", "rights", "subtitle"})
_PERSON_CHILDREN = frozenset({"name", "email", "uri"})


class _Unsupported(Exception):
    """This body is for feedparser."""


def fast_parse(body: bytes, headers: Mapping[str, str]) -> dict[str, Any] | None:
    """feedparser's result for a plain RSS 2.0 / 1.0 / Atom 1.0 body, or None (use feedparser).

    `headers` are the lower-cased response headers given to feedparser
    (content-type, content-language).
    """
    if not AVAILABLE:
        return None
    try:
        return _Reader(headers).read(body)
    except Exception:  # _Unsupported, ParseError from expat, anything unforeseen
        return None


def _split(tag: str) -> tuple[str, str]:
    if tag[0] == "{":
        ns, _, local = tag[1:].partition("}")
        return ns.lower(), local.lower()
    return "", tag.lower()


class _Reader:
    """Walks the element tree in document order, keeping feedparser's xml:base and
    xml:lang state (which it restores from its stacks as it does)."""

    def __init__(self, headers: Mapping[str, str]) -> None:
        self.headers = dict(headers)
        self.base = ""
        self.lang: str | None = self.headers.get("content-language")
        self.basestack: list[str] = []
        self.langstack: list[str | None] = []
        self.version = ""  # feedparser's: it decides whether plain text is checked for HTML
        self.atom = False  # the root is Atom 1.0
        self.core = ""  # the namespace of RSS elements: none in RSS 2.0, RSS 1.0's in RDF
        self.feed: dict[str, Any] = {}
        self.entries: list[dict[str, Any]] = []
        if self.lang:
            self.feed["language"] = self.lang.replace("_", "-")

    # --- the document ---------------------------------------------------------------------

    def read(self, body: bytes) -> dict[str, Any]:
        result: dict[str, Any] = {"bozo": False, "headers": self.headers}
        data = convert_to_utf8(self.headers, body, result)
        if result.get("bozo") or not result.get("encoding"):
            raise _Unsupported("encoding")
        if _DECLARATIONS.search(data):
            raise _Unsupported("DOCTYPE or ENTITY")
        parser: XMLPullParser[Element] = XMLPullParser(events=("start-ns", "start"))
        parser.feed(data)
        parser.close()
        root: Element | None = None
        events: Any = parser.read_events()  # (event, element or (prefix, uri))
        for event, value in events:
            if event == "start":
                root = value  # complete: the whole body has been fed
                break
            # feedparser takes its version from the root's first namespace of a format.
            prefix, uri = value
            if not self.version:
                self.version = _NAMESPACE_VERSIONS.get((bool(prefix), uri.lower()), "")
        if root is None:
            raise _Unsupported("no root")
        ns, local = _split(root.tag)
        if ns == "" and local == "rss":
            version = root.get("version", "")
            if not version.startswith("2.") or len(root.attrib) != 1:
                raise _Unsupported("RSS version or attributes")
            # feedparser's <rss> replaces a version from the Atom namespace (atom:link),
            # not one from RSS 1.0's: that one would change how text is read.
            if self.version not in ("", "atom10"):
                raise _Unsupported("RSS 2.0 declaring the RSS 1.0 namespace")
            self.version = "rss20"
            self._within(root, self._rss)
        elif ns == _RDF and local == "rdf":
            if self.version != "rss10":
                raise _Unsupported("RDF without the RSS 1.0 namespace first")
            self.core = _RSS1
            self._within(root, self._rdf)
        elif ns == _ATOM and local == "feed":
            if self.version != "atom10":
                raise _Unsupported("Atom declaring another format's namespace first")
            self.atom = True
            self._within(root, self._atom_feed)
        else:
            raise _Unsupported("root")
        return {"bozo": False, "version": self.version, "feed": self.feed, "entries": self.entries}

    def _within(self, elem: Element, body: Callable[[Element], None]) -> None:
        """feedparser's unknown_starttag / unknown_endtag bookkeeping around `body`."""
        attrs = elem.attrib
        for key in attrs:
            if key[0] != "{" and key.lower() in ("base", "lang"):
                raise _Unsupported("a base or lang attribute outside the xml namespace")
        given = attrs.get(_XML_BASE) if attrs else None
        if given or self.base:  # feedparser joins '' to '' for every element: ''
            given = given or self.base
            if self.base:
                self.base = make_safe_absolute_uri(self.base, given) or self.base
            else:
                self.base = _urljoin(self.base, given)
        lang = attrs.get(_XML_LANG) if attrs else None
        if lang == "":
            lang = None
        elif lang is None:
            lang = self.lang
        if lang and not self.langstack and not self.core:  # <rss> or <feed>, not <rdf:RDF>
            self.feed["language"] = lang.replace("_", "-")
        self.lang = lang
        self.basestack.append(self.base)
        self.langstack.append(lang)
        body(elem)
        self.basestack.pop()
        if self.basestack and self.basestack[-1]:
            self.base = self.basestack[-1]
        self.langstack.pop()
        if self.langstack:
            self.lang = self.langstack[-1]

    # --- values -----------------------------------------------------------------------------

    def _text(self, elem: Element, element: str, *, guidislink: bool = True) -> str:
        """feedparser's pop(): the stripped text, URIs joined, encoding repairs."""
        if len(elem):
            raise _Unsupported("markup inside a text field")
        output = (elem.text or "").strip()
        if element in _RELATIVE and output and (element != "id" or guidislink):
            output = _urljoin(self.base or "", output)
        return output

    @staticmethod
    def _repair(output: str) -> str:
        if not output.isascii():
            with suppress(UnicodeEncodeError, UnicodeDecodeError):
                output = output.encode("iso-8859-1").decode("utf-8")
            output = output.translate(_cp1252)
        return output

    def _content(self, elem: Element, default_type: str) -> tuple[str, dict[str, Any]]:
        """A text construct (title, summary, content): value and its detail."""
        if self.lang:
            self.lang = self.lang.replace("_", "-")
        kind = _content_type(elem.get("type", default_type))
        if self.atom:
            if kind not in ("text/plain", "text/html") or "src" in elem.attrib:
                raise _Unsupported("Atom content type")
            if len(elem.attrib) > (1 if "type" in elem.attrib else 0) + _xml_attrs(elem):
                raise _Unsupported("attributes on a text construct")
        elif elem.attrib and set(elem.attrib) - {f"{{{_XML_NS}}}lang", f"{{{_XML_NS}}}base"}:
            raise _Unsupported("attributes on an RSS text field")
        output = self._text(elem, "content")
        if not self.version.startswith("atom") and kind == "text/plain":
            assert _looks_like_html is not None
            if _looks_like_html(output):
                kind = "text/html"
        return self._repair(output), {"type": kind, "language": self.lang}

    @staticmethod
    def _once(context: dict[str, Any], key: str) -> None:
        if key in context:
            raise _Unsupported(f"{key} given twice")

    # --- RSS 2.0 ----------------------------------------------------------------------------

    def _rss(self, root: Element) -> None:
        if len(root) != 1 or _split(root[0].tag) != ("", "channel"):
            raise _Unsupported("rss must hold one channel")
        self._within(root[0], self._channel)

    def _channel(self, channel: Element) -> None:
        _only_xml_attributes(channel, self.core and _RDF_ABOUT)
        core = self.core
        for child in channel:
            ns, local = _split(child.tag)
            if ns == core and local == "item" and not core:
                self._within(child, self._item)
            elif ns == core and local == "title":
                self._within(child, self._feed_title)
            elif (ns == core and local in ("language", "ttl")) or (
                ns == _DC and local == "language"
            ):
                self._within(child, partial(self._feed_leaf, key=local))
            elif ns == core and local == "image":
                self._within(child, self._image)
            elif ns == core and local == "textinput":
                self._within(child, self._textinput)
            elif ns == core and local == "items" and core:
                self._within(child, self._rdf_items)
            elif (
                (ns == core and local in _RSS_CHANNEL_INERT)
                or (ns == _DC and local in _DC_CHANNEL_INERT)
                or _inert(ns, local)
            ):
                self._within(child, _leaf)
            else:
                raise _Unsupported(f"channel element {ns} {local}")

    def _feed_title(self, elem: Element) -> None:
        self._once(self.feed, "title")
        value, detail = self._content(elem, "text/plain")
        self.feed["title"] = value
        self.feed["title_detail"] = detail

    def _feed_leaf(self, elem: Element, key: str) -> None:
        # (the language may be there already, from xml:lang or Content-Language)
        self._once(self.feed, key + "_element")
        self.feed[key + "_element"] = True
        if elem.attrib:
            raise _Unsupported("attributes")
        self.feed[key] = self._repair(self._text(elem, key))

    def _image(self, image: Element) -> None:
        for child in image:
            ns, local = _split(child.tag)
            if ns != self.core or local not in _RSS_IMAGE_CHILDREN or child.attrib:
                raise _Unsupported("image element")
            self._within(child, _leaf)

    # --- RSS 1.0 (RDF): the channel, then its items, image and text input beside it ------

    def _rdf(self, root: Element) -> None:
        _only_xml_attributes(root)
        for child in root:
            ns, local = _split(child.tag)
            if ns != _RSS1:
                raise _Unsupported(f"RDF element {ns} {local}")
            if local == "channel":
                self._within(child, self._channel)
            elif local == "item":
                self._within(child, self._item)
            elif local == "image":
                self._within(child, self._image)
            elif local == "textinput":
                self._within(child, self._textinput)
            else:
                raise _Unsupported(f"RDF element {local}")

    def _rdf_items(self, items: Element) -> None:
        """<items><rdf:Seq><rdf:li rdf:resource="..."/>...: the order of the items."""
        for seq in items:
            if seq.tag != f"{{{_RDF_NS}}}Seq" or seq.attrib:
                raise _Unsupported("items element")
            self._within(seq, self._rdf_seq)

    def _rdf_seq(self, seq: Element) -> None:
        for li in seq:
            if li.tag != f"{{{_RDF_NS}}}li":
                raise _Unsupported("Seq element")
            self._within(li, _leaf)

    def _textinput(self, textinput: Element) -> None:
        for child in textinput:
            ns, local = _split(child.tag)
            if ns != self.core or local not in ("title", "description", "name", "link"):
                raise _Unsupported("textinput element")
            if child.attrib:
                raise _Unsupported("textinput attributes")
            self._within(child, _leaf)

    def _item(self, item: Element) -> None:
        _only_xml_attributes(item, self.core and _RDF_ABOUT)
        entry: dict[str, Any] = {}
        self.entries.append(entry)
        about = item.get(_RDF_ABOUT)
        if about:  # feedparser: an RDF item's id, as given
            entry["id"] = about
        has_content = False
        for child in item:
            ns, local = _split(child.tag)
            if ns == self.core:
                if local == "title":
                    self._within(child, lambda e: self._entry_content(entry, e, "title"))
                elif local == "description":
                    # feedparser: a description after a summary (and no content) is content.
                    if "summary" in entry and not has_content:
                        raise _Unsupported("description after a summary")
                    self._within(child, lambda e: self._entry_content(entry, e, "summary"))
                elif local == "link":
                    self._within(child, lambda e: self._rss_link(entry, e))
                elif local == "guid":
                    self._within(child, lambda e: self._guid(entry, e))
                elif local == "pubdate":
                    self._within(child, lambda e: self._date(entry, e, "published"))
                elif local in _RSS_INERT:
                    self._within(child, _leaf)
                else:
                    raise _Unsupported(f"item element {local}")
            elif ns == _CONTENT and local == "encoded":
                has_content = True
                self._within(child, lambda e: self._entry_body(entry, e, "text/html"))
            elif ns == _DC and local in ("creator", "subject"):
                self._within(child, _leaf)
            elif ns == _DC and local == "date":
                self._within(child, lambda e: self._date(entry, e, "updated"))
            elif (ns == _MEDIA and local in ("content", "thumbnail")) or ns in _INERT_NAMESPACES:
                # (an atom:link here could be the entry's link: not inert)
                self._within(child, _leaf)
            else:
                raise _Unsupported(f"item element {ns} {local}")

    def _entry_content(self, entry: dict[str, Any], elem: Element, key: str) -> None:
        self._once(entry, key + "_detail")
        value, detail = self._content(elem, "text/html" if key == "summary" else "text/plain")
        entry[key] = value
        entry[key + "_detail"] = detail

    def _entry_body(self, entry: dict[str, Any], elem: Element, default_type: str) -> None:
        if "content" in entry:
            raise _Unsupported("second content")
        value, detail = self._content(elem, default_type)
        entry["content"] = [{**detail, "value": value}]
        # feedparser copies text and HTML content to a missing summary (no detail).
        entry.setdefault("summary", value)

    def _rss_link(self, entry: dict[str, Any], elem: Element) -> None:
        # A link element replaces a permalink guid's link (feedparser stores it last).
        self._once(entry, "link_element")
        entry["link_element"] = True
        if elem.attrib:
            raise _Unsupported("link attributes")
        output = self._repair(self._text(elem, "link"))
        output = _LINK_ENTITY.sub(r"&\g<1>", output.replace("&amp;", "&"))
        entry["link"] = output

    def _guid(self, entry: dict[str, Any], elem: Element) -> None:
        self._once(entry, "id")
        if set(elem.attrib) - {"isPermaLink"}:
            raise _Unsupported("guid attributes")
        guidislink = elem.get("isPermaLink", "true") == "true"
        value = self._repair(self._text(elem, "id", guidislink=guidislink))
        entry["id"] = value
        if guidislink:
            entry.setdefault("link", value)

    def _date(self, entry: dict[str, Any], elem: Element, key: str) -> None:
        self._once(entry, key)
        if elem.attrib:
            raise _Unsupported("date attributes")
        value = self._repair(self._text(elem, key))
        entry[key] = value
        entry[key + "_parsed"] = _parse_date(value)

    # --- Atom 1.0 ---------------------------------------------------------------------------

    def _atom_feed(self, root: Element) -> None:
        _only_xml_attributes(root)
        for child in root:
            ns, local = _split(child.tag)
            if ns != _ATOM:
                raise _Unsupported(f"feed element {ns} {local}")
            if local == "entry":
                self._within(child, self._entry)
            elif local == "title":
                self._within(child, self._feed_title)
            elif local in ("author", "contributor"):
                self._within(child, self._person)
            elif local in _ATOM_INERT or local in ("id", "updated", "link"):
                self._within(child, _leaf)
            else:
                raise _Unsupported(f"feed element {local}")

    def _person(self, person: Element) -> None:
        for child in person:
            ns, local = _split(child.tag)
            if ns != _ATOM or local not in _PERSON_CHILDREN:
                raise _Unsupported("person element")
            self._within(child, _leaf)

    def _entry(self, elem: Element) -> None:
        _only_xml_attributes(elem)  # feedparser reads rdf:about, href and lastmod on entries
        entry: dict[str, Any] = {}
        self.entries.append(entry)
        for child in elem:
            ns, local = _split(child.tag)
            if ns != _ATOM:
                raise _Unsupported(f"entry element {ns} {local}")
            if local == "title":
                self._within(child, lambda e: self._entry_content(entry, e, "title"))
            elif local == "summary":
                self._within(child, lambda e: self._atom_summary(entry, e))
            elif local == "content":
                self._within(child, lambda e: self._entry_body(entry, e, "text/plain"))
            elif local == "link":
                self._within(child, lambda e: self._atom_link(entry, e))
            elif local == "id":
                self._within(child, lambda e: self._guid(entry, e))
            elif local in ("updated", "published"):
                self._within(child, partial(self._date, entry, key=local))
            elif local in ("author", "contributor"):
                self._within(child, self._person)
            elif local in ("category", "rights"):
                self._within(child, _leaf)
            else:
                raise _Unsupported(f"entry element {local}")

    def _atom_summary(self, entry: dict[str, Any], elem: Element) -> None:
        self._once(entry, "summary_detail")
        value, detail = self._content(elem, "text/plain")
        entry["summary"] = value
        entry["summary_detail"] = detail

    def _atom_link(self, entry: dict[str, Any], elem: Element) -> None:
        attrs = {k.lower(): v for k, v in elem.attrib.items() if k[0] != "{"}
        href = attrs.get("url", attrs.get("uri", attrs.get("href")))
        if not href:
            raise _Unsupported("link without href")
        rel = attrs.get("rel", "alternate").lower()
        kind = attrs.get("type", "application/atom+xml" if rel == "self" else "text/html")
        if rel == "alternate" and _content_type(kind.lower()) in _HTML_TYPES:
            entry["link"] = _urljoin(self.base or "", href)


def _inert(ns: str, local: str) -> bool:
    """Channel-level atom:link (the feed's own address) and unknown-to-feedparser namespaces."""
    return (ns == _ATOM and local == "link") or ns in _INERT_NAMESPACES


def _leaf(elem: Element) -> None:
    """An element whose value feedparser keeps under keys tracker.feeds.parse does not read."""
    if len(elem):
        raise _Unsupported("child elements in a leaf")


def _only_xml_attributes(elem: Element, allowed: str = "") -> None:
    """Only xml:lang / xml:base (and `allowed`): feedparser reads some others."""
    if len(elem.attrib) > _xml_attrs(elem) + (1 if allowed and allowed in elem.attrib else 0):
        raise _Unsupported("attributes")


def _xml_attrs(elem: Element) -> int:
    return sum(1 for key in elem.attrib if key.startswith(f"{{{_XML_NS}}}"))


def _content_type(value: str) -> str:
    value = value.lower()
    if value in ("text", "plain"):
        return "text/plain"
    if value == "html":
        return "text/html"
    if value == "xhtml":
        return "application/xhtml+xml"
    return value
