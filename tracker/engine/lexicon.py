"""Stance cue lexicons: the packaged `tracker/data/lexicon_{en,hi,mr}.yaml` merged with
the config's `lexicons`, and the lookup of their cues in a sentence's stemmed words.

Pure: no I/O besides reading the packaged files once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar, cast

import yaml

from tracker.engine.linear import DataFileError, read_data_file
from tracker.engine.text import fold, stem, tokenize

__all__ = ["CATEGORIES", "Cue", "Lexicon", "load_lexicon", "parse_lexicon_file", "yaml_mapping"]

#: The cue categories a lexicon file and the config's `lexicons` may name.
CATEGORIES = (
    "refute",
    "negation",
    "hedge",
    "plan",
    "attribution",
    "report",
    "delay",
    "cancel",
    "confirm",
    "estimate",
    "source",
    "debunk",
    "fault",
    "cause",
    "request",
    "charge",
    "continue",
    "cease",
)
#: How many (category, words) lookups a lexicon remembers before it forgets them all.
_MEMO_SIZE = 50_000
#: How many reads of a text (`Lexicon.remembered`) a lexicon keeps before it forgets them.
_READS_SIZE = 4_096
_T = TypeVar("_T")
_UNREAD = object()


@dataclass(frozen=True)
class Cue:
    """One cue phrase as written, and its words as the rules read them."""

    text: str
    #: Stemmed words; a word ending in "*" matches by prefix.
    words: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """Cue phrases per category, all languages merged (scripts do not collide)."""

    cues: Mapping[str, tuple[Cue, ...]]
    #: Per category: cues by their first word, and the cues whose first word is a prefix.
    _by_first: Mapping[str, Mapping[str, tuple[Cue, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    #: Memo of `find` per (category, words): the same sentence is read for many claims.
    _memo: dict[tuple[str, tuple[str, ...]], list[tuple[Cue, int, int]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    #: Memo of what a text reads as under this lexicon, whatever the claim
    #: (`remembered`): a story is judged against every claim it may bear on.
    _reads: dict[Hashable, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, cues: Mapping[str, tuple[Cue, ...]]) -> Lexicon:
        """A lexicon with its lookup tables."""
        tables: dict[str, dict[str, tuple[Cue, ...]]] = {}
        for category, entries in cues.items():
            table: dict[str, list[Cue]] = {}
            for cue in entries:
                first = cue.words[0]
                # Prefix cues are filed under "*" and their first letter.
                slot = f"*{first[0]}" if first.endswith("*") else first
                table.setdefault(slot, []).append(cue)
            tables[category] = {k: tuple(v) for k, v in table.items()}
        return cls(cues, tables)

    def find(self, category: str, words: Sequence[str]) -> list[tuple[Cue, int, int]]:
        """Occurrences of the category's cues in stemmed words: (cue, start, end) token spans."""
        memo_key = (category, tuple(words))
        found = self._memo.get(memo_key)
        if found is None:
            found = self._find(category, memo_key[1])
            if len(self._memo) > _MEMO_SIZE:
                self._memo.clear()
            self._memo[memo_key] = found
        return found

    def remembered(self, key: Hashable, read: Callable[[], _T]) -> _T:
        """`read()`, computed once per `key` while remembered: for what depends on a
        text and this lexicon alone (the key names both the reading and the text)."""
        found = self._reads.get(key, _UNREAD)
        if found is not _UNREAD:
            return cast(_T, found)
        value = read()
        if len(self._reads) >= _READS_SIZE:
            self._reads.clear()
        self._reads[key] = value
        return value

    def _find(self, category: str, words: tuple[str, ...]) -> list[tuple[Cue, int, int]]:
        table = self._by_first.get(category, {})
        found = []
        for start, word in enumerate(words):
            candidates = (*table.get(word, ()), *table.get(f"*{word[:1]}", ()))
            for cue in candidates:
                end = start + len(cue.words)
                if end <= len(words) and all(
                    _cue_word_matches(c, w)
                    for c, w in zip(cue.words, words[start:end], strict=True)
                ):
                    found.append((cue, start, end))
        return found


def _cue_word_matches(cue_word: str, word: str) -> bool:
    if cue_word.endswith("*"):
        return word.startswith(cue_word[:-1])
    return cue_word == word


def _cue(text: str) -> Cue:
    words = [fold(w) for w in tokenize(text)]
    if text.rstrip().endswith("*") and words:
        words[-1] += "*"
        return Cue(text.rstrip("* "), tuple(words))
    return Cue(text, tuple(stem(w) if not w.endswith("*") else w for w in words))


@functools.cache
def _packaged(lang: str) -> Mapping[str, tuple[str, ...]]:
    filename = f"lexicon_{lang}.yaml"
    return parse_lexicon_file(read_data_file(filename), f"tracker/data/{filename}")


def parse_lexicon_file(raw: str, source: str) -> Mapping[str, tuple[str, ...]]:
    """A lexicon file's `{category: [cue, ...]}`; DataFileError naming `source` when malformed."""
    data = yaml_mapping(raw or "{}", source, "categories to lists of cue words")
    out: dict[str, tuple[str, ...]] = {}
    for category, values in data.items():
        if category not in CATEGORIES:
            known = ", ".join(CATEGORIES)
            raise DataFileError(f"{source}: unknown category {category!r} (known: {known})")
        if values is not None and not isinstance(values, list):
            raise DataFileError(f"{source}: {category!r} must be a list of cue words")
        out[str(category)] = tuple(str(v) for v in values or ())
    return out


def yaml_mapping(raw: str, source: str, what: str) -> dict[object, object]:
    """A data file's YAML mapping; DataFileError naming `source` when it is not one."""
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{source} is not valid YAML: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DataFileError(f"{source} must map {what}")
    return data


def load_lexicon(extra: Mapping[str, Mapping[str, Sequence[str]]] | None = None) -> Lexicon:
    """The packaged en/hi/mr lexicons merged with the config's `{lang: {category: [words]}}`."""
    merged: dict[str, list[str]] = {category: [] for category in CATEGORIES}
    sources: list[Mapping[str, Sequence[str]]] = [_packaged(lang) for lang in ("en", "hi", "mr")]
    sources += list((extra or {}).values())
    for source in sources:
        for category, words in source.items():
            merged.setdefault(category, []).extend(words)
    # Calling an event off is a delay too (every delay rule reads it); `cancel` says which.
    merged["delay"].extend(merged["cancel"])
    # Asking for something hedges it; `request` also says a figure asked for is no rival.
    merged["hedge"].extend(merged["request"])
    return Lexicon.build(
        {
            category: tuple({cue.words: cue for cue in map(_cue, words) if cue.words}.values())
            for category, words in merged.items()
        }
    )
