"""Syndication: copies of one wire report count as one source.

Pure helpers. Storage looks up stored stories sharing either key of a new story
and confirms a candidate with `same_report`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from tracker.engine.text import fold, tokenize

__all__ = ["Report", "key_hash", "prepare", "same_report", "syndication_keys"]

#: Characters of body text that make the text key.
TEXT_KEY_CHARS = 300
#: The title key's length at most (the normalised title is cut there).
TITLE_KEY_CHARS = 300
#: Shorter normalised texts are not distinctive enough to key on.
MIN_TEXT_KEY_CHARS = 80
MIN_TITLE_WORDS = 4
TITLE_SIMILARITY = 90.0
TEXT_SIMILARITY = 85.0
_COMPARE_CHARS = 1000
# " - Reuters", " | Mint", " — The Hindu": an outlet name after a separator.
_OUTLET_SUFFIX_RE = re.compile(r"\s+[-|–—:]\s+([^-|–—:]{1,40})$")
_OUTLET_MAX_WORDS = 4


def _strip_outlet(title: str) -> str:
    """Drop a trailing outlet name (" - Reuters", " | Mint"); repeated suffixes too."""
    for _ in range(2):
        match = _OUTLET_SUFFIX_RE.search(title)
        if match is None or len(match.group(1).split()) > _OUTLET_MAX_WORDS:
            break
        if len(tokenize(title[: match.start()])) < MIN_TITLE_WORDS:
            break
        title = title[: match.start()]
    return title


def _normalise(text: str) -> str:
    """Folded words joined by single spaces: case, punctuation and spacing do not count."""
    if text.isascii():  # folding ASCII is lower-casing: fold the text at once
        return " ".join(tokenize(text.lower()))
    return " ".join(fold(word) for word in tokenize(text))


def _title_key(title: str) -> str:
    words = _normalise(_strip_outlet(title))
    # At most TITLE_KEY_CHARS: the key column holds 300 (PostgreSQL refused longer ones).
    return words[:TITLE_KEY_CHARS] if len(words.split()) >= MIN_TITLE_WORDS else ""


def _text_key(text: str) -> str:
    words = _normalise(text[: TEXT_KEY_CHARS * 2])[:TEXT_KEY_CHARS]
    return words if len(words) >= MIN_TEXT_KEY_CHARS else ""


def syndication_keys(title: str, text: str) -> tuple[str, str]:
    """(title key, text key) of a story, each "" when too short to be distinctive.

    The title key is the title without an outlet suffix, case-folded, without
    punctuation, spaces folded. The text key is the same normalisation of the
    first ~300 characters of the text.
    """
    return _title_key(title), _text_key(text)


def key_hash(key: str) -> int | None:
    """A key as a signed 64-bit integer (BLAKE2b), what the database indexes instead of
    the key itself (an integer index costs a fraction of a 300-character one); None
    for "" (no key)."""
    if not key:
        return None
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(frozen=True)
class Report:
    """A story normalised once: its keys, and what `same_prepared` compares."""

    head: str  # title key: outlet suffix removed, normalised ("" when too short)
    body: str  # the text's first 1,000 normalised characters
    text_key: str  # as `syndication_keys` gives it

    @property
    def keys(self) -> tuple[str, str]:
        """(title key, text key): what `syndication_keys` returns for the same story."""
        return self.head, self.text_key


def prepare(title: str, text: str) -> Report:
    """Normalise a story once (its keys too); compare prepared stories with `same_prepared`.

    Pure and picklable: the polling worker processes prepare stories, so the process
    that stores them does not.
    """
    return Report(
        head=_title_key(title), body=_normalise(text)[:_COMPARE_CHARS], text_key=_text_key(text)
    )


def same_prepared(a: Report, b: Report) -> bool:
    """`same_report` on stories already normalised by `prepare`."""
    if a.body and a.body == b.body and len(a.body) >= MIN_TEXT_KEY_CHARS:
        return True
    if not a.head or not b.head:
        return False
    if not a.body and not b.body:
        return a.head == b.head and len(a.head.split()) >= 6
    if not a.body or not b.body:
        return False
    # score_cutoff: rapidfuzz stops as soon as the score cannot reach it (0 is returned).
    return (
        fuzz.ratio(a.head, b.head, score_cutoff=TITLE_SIMILARITY) >= TITLE_SIMILARITY
        and fuzz.ratio(a.body, b.body, score_cutoff=TEXT_SIMILARITY) >= TEXT_SIMILARITY
    )


def same_report(title_a: str, text_a: str, title_b: str, text_b: str) -> bool:
    """Are two stories copies of one report?

    Yes when their texts are identical after normalisation (and long enough to
    be distinctive), or when both titles (outlet suffix removed) and texts are
    near-identical (rapidfuzz ratio >= 90 for titles, >= 85 for the texts'
    first 1,000 characters). Stories without text are the same report only when
    their titles are identical and long.
    """
    return same_prepared(prepare(title_a, text_a), prepare(title_b, text_b))
