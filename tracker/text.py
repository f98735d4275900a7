"""Text normalisation: Unicode, HTML to plain text, and cleaning for storage.

Pure functions, no I/O. The engine's tokenisation and number reading build on these.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

# Content of these elements is never text a reader sees.
_SKIP_ELEMENTS = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg"})
# Elements that end a line of text (so sentences do not run together).
_BLOCK_ELEMENTS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3",
        "h4", "h5", "h6", "blockquote", "pre", "section", "article", "header", "footer",
        "figure", "figcaption", "hr", "dd", "dt",
    }
)  # fmt: skip

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_ELEMENTS:
            self._skip_depth += 1
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_ELEMENTS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def clean_text(text: str) -> str:
    """Drop what storage and readers cannot take: NUL and control bytes, lone surrogates.

    Also applies NFC normalisation so that visually equal strings compare equal.
    """
    text = _SURROGATE_RE.sub("", text)
    text = _CONTROL_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


def normalize_space(text: str) -> str:
    """Fold runs of spaces, keep single line breaks, trim."""
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    joined = "\n".join(lines)
    return _BLANK_LINES_RE.sub("\n", joined).strip()


def html_to_text(markup: str) -> str:
    """Turn an HTML fragment (a feed summary) into plain text.

    Script, style and similar content is dropped, block elements become line
    breaks, entities are decoded. Plain text passes through unchanged apart
    from whitespace folding.
    """
    markup = clean_text(markup)
    if "<" not in markup and "&" not in markup:
        return normalize_space(markup)
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return normalize_space(clean_text("".join(parser.parts)))
