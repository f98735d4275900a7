"""Syndication: copies of one wire report count as one source.

Pure. A story is normalised once (`prepare`); two prepared stories are copies of
one report when `same_prepared` says so. New stories are put into clusters by
`assign_clusters`: storage reads the stored stories sharing a key with a new one
(the oldest `CANDIDATES_PER_KEY` per key), asks `compared_candidates` which of them
will be compared, prepares those, and stores the clusters it is given.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from tracker.engine.text import fold, tokenize

__all__ = [
    "CANDIDATES_PER_KEY",
    "Candidate",
    "Report",
    "assign_clusters",
    "compared_candidates",
    "key_hash",
    "prepare",
    "same_prepared",
    "same_report",
    "syndication_keys",
]

#: A new story is compared with at most this many earlier stories sharing either of
#: its keys, the oldest first (the first copy of a report is the one that counts).
CANDIDATES_PER_KEY = 20
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


@dataclass(frozen=True)
class Candidate:
    """A stored story a new one may be a copy of: its id, cluster and keys."""

    id: int
    cluster_id: int
    title_key: str
    text_key: str


class _ByKey:
    """Stories by key, oldest (lowest id) first."""

    def __init__(self, stories: Iterable[Candidate]) -> None:
        self._by_title: dict[str, list[Candidate]] = defaultdict(list)
        self._by_text: dict[str, list[Candidate]] = defaultdict(list)
        for c in sorted(stories, key=lambda c: c.id):
            self.add(c)

    def add(self, c: Candidate) -> None:
        """A story with a higher id than every one so far."""
        if c.title_key:
            self._by_title[c.title_key].append(c)
        if c.text_key:
            self._by_text[c.text_key].append(c)

    def sharing(self, title_key: str, text_key: str) -> list[Candidate]:
        """The CANDIDATES_PER_KEY oldest stories sharing either key."""
        titles = self._by_title.get(title_key, []) if title_key else []
        texts = self._by_text.get(text_key, []) if text_key else []
        if not texts:
            return titles[:CANDIDATES_PER_KEY]
        if not titles:
            return texts[:CANDIDATES_PER_KEY]
        both = {c.id: c for c in heapq.merge(titles, texts, key=lambda c: c.id)}
        return list(both.values())[:CANDIDATES_PER_KEY]


def compared_candidates(new: Sequence[Report], stored: Iterable[Candidate]) -> list[Candidate]:
    """The stored stories that `assign_clusters` may compare one of `new` with: those
    whose prepared reports it needs. Each once, oldest first.

    `stored` must hold, for each key of a new story, at least its CANDIDATES_PER_KEY
    oldest stored stories (more do no harm).
    """
    index = _ByKey(stored)
    needed = {c.id: c for r in new for c in index.sharing(*r.keys)}
    return sorted(needed.values(), key=lambda c: c.id)


def assign_clusters(
    new: Sequence[tuple[int, Report]],
    candidates: Iterable[Candidate],
    reports: Mapping[int, Report],
) -> list[int]:
    """The cluster of each new story (id, prepared report; in id order, every id higher
    than a candidate's).

    A new story joins the cluster of the first copy of the same report
    (`same_prepared`) among the CANDIDATES_PER_KEY oldest earlier stories sharing its
    title key or its text key: the stored `candidates`, then the new stories before
    it. Otherwise (or without keys) it starts its own cluster, its id. `reports`
    gives the prepared report of every candidate `compared_candidates` names.
    """
    index = _ByKey(candidates)
    known = dict(reports)
    clusters: list[int] = []
    for story_id, report in new:
        cluster = story_id
        if report.head or report.text_key:
            for c in index.sharing(*report.keys):
                if same_prepared(report, known[c.id]):
                    cluster = c.cluster_id
                    break
        index.add(Candidate(story_id, cluster, *report.keys))
        known[story_id] = report
        clusters.append(cluster)
    return clusters
