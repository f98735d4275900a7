"""A trilingual news glossary: a claim's key term found in a story in another language.

An analyst types "Maharashtra's drought list left out 40 talukas"; a Marathi story
says "दुष्काळी यादीतून ४० तालुके वगळले". Names meet across scripts by their sound
(`tracker.engine.keys`), but "drought" and "दुष्काळ" share no sound. The glossary
gives each English news word its Hindi and Marathi equivalents as Indian outlets
write them, and back: a claim term carries the match keys of its equivalents, so
the story's word is found as the term itself is (coverage, the stance step's "does
this sentence state the claim"). The story side is unchanged.

The entries live in `tracker/data/glossary_*.yaml`, one file a domain, one entry a
concept: ``- {en: [drought, droughts], hi: [सूखा, सूखे], mr: [दुष्काळ, दुष्काळी]}``.
Every word is one word as it appears before a case ending (the matcher strips
endings such as -चा, -ने, -मध्ये and then compares exactly, so an oblique stem is
listed beside the direct form: पाऊस, पावसा). Written by hand from general news
usage, not from any evaluation set. The config's `glossary` adds entries of the same
form for a user's own subject (`with_entries`: a new `Glossary`, which the matcher
passes down to where a claim's keys and marks are computed; the shipped one is the
default). Pure: the files are read once.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources

import yaml

from tracker.engine.linear import DataFileError
from tracker.engine.text import all_stopwords, devanagari_stems, fold, is_devanagari, stem

__all__ = [
    "Glossary",
    "GlossaryEntry",
    "glossary",
    "parse_glossary",
    "read_entry",
    "with_entries",
]

LANGUAGES = ("en", "hi", "mr")
#: How many words' stance marks one glossary remembers (`Glossary.marks_memo`).
_MARKS_MEMO_SIZE = 1 << 12


def _own_key(word: str) -> str:
    """The match key a story's word of this spelling gives (`keys.word_keys`' ``w:``)."""
    return f"w:{word}" if is_devanagari(word) else f"w:{stem(word)}"


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept: its words in each language, folded (a language may have none)."""

    en: tuple[str, ...] = ()
    hi: tuple[str, ...] = ()
    mr: tuple[str, ...] = ()

    def languages(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(language, words) for each language with words."""
        for lang in LANGUAGES:
            words: tuple[str, ...] = getattr(self, lang)
            if words:
                yield lang, words


@dataclass(frozen=True)
class Glossary:
    #: A word's own match key -> the match keys of every word it is equivalent to.
    equivalents: Mapping[str, frozenset[str]]
    #: A word's own match key -> those words as written (folded), for the stance rules,
    #: which compare words their own way (`proposition.marks_of_words`).
    words: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    #: The stance marks of a folded claim word with its equivalents', as
    #: `proposition.marks_of_words` computes them from this glossary (remembered per
    #: glossary: another glossary gives other marks). Emptied when it holds
    #: `_MARKS_MEMO_SIZE`.
    marks_memo: dict[str, frozenset[str]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )

    def remember_marks(self, word: str, marks: frozenset[str]) -> None:
        """Keep a word's marks in `marks_memo` (bounded)."""
        if len(self.marks_memo) >= _MARKS_MEMO_SIZE:
            self.marks_memo.clear()
        self.marks_memo[word] = marks

    def words_for(self, word: str) -> frozenset[str]:
        """A folded claim word's equivalents in the other languages, as written."""
        return _lookup(self.words, word)

    def keys_for(self, word: str) -> frozenset[str]:
        """The match keys of a folded claim word's equivalents (empty: not in it)."""
        return _lookup(self.equivalents, word)


def _lookup(table: Mapping[str, frozenset[str]], word: str) -> frozenset[str]:
    """What `table` holds for a folded word: under its own key, or for a Devanagari word
    under any of its stems (दुष्काळाचा is found as दुष्काळ)."""
    if not is_devanagari(word):
        return table.get(_own_key(word), frozenset())
    found: set[str] = set()
    for variant in devanagari_stems(word):
        found |= table.get(f"w:{variant}", frozenset())
    return frozenset(found)


def read_entry(entry: object) -> GlossaryEntry:
    """One entry as written, ``{en: [...], hi: [...], mr: [...]}``, its words folded;
    ValueError saying what is wrong with it (the caller names the file and entry)."""
    if not isinstance(entry, dict) or not entry or set(entry) - set(LANGUAGES):
        raise ValueError("an entry maps en, hi and mr to lists of words")
    parsed: dict[str, tuple[str, ...]] = {}
    for lang, words in entry.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ValueError(f"{lang} must be a list of words")
        folded = tuple(fold(w.strip()) for w in words if w.strip())
        for word in folded:
            if " " in word:
                raise ValueError(f"{word!r} is not one word")
            if is_devanagari(word) != (lang != "en"):
                script = "Latin" if lang == "en" else "Devanagari"
                raise ValueError(f"{word!r} under {lang} is not in {script}")
        if folded:
            parsed[lang] = folded
    if len(parsed) < 2:
        raise ValueError("needs words in at least two languages")
    return GlossaryEntry(**parsed)


def parse_glossary(raw: str, source: str) -> list[GlossaryEntry]:
    """The entries of one glossary file; DataFileError naming the file and the entry."""
    try:
        # libyaml's loader where PyYAML has it: the shipped files load in a tenth of the time.
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    except yaml.YAMLError as exc:
        raise DataFileError(f"{source} is not valid YAML: {exc}") from None
    if not isinstance(data, list):
        raise DataFileError(f"{source} must be a list of entries like {{en: [...], hi: [...]}}")
    entries = []
    for number, entry in enumerate(data, start=1):
        try:
            entries.append(read_entry(entry))
        except ValueError as exc:
            raise DataFileError(f"{source}, entry {number}: {exc}") from None
    return entries


def build_glossary(entries: Iterable[GlossaryEntry]) -> Glossary:
    """Each word's key mapped to the keys of all words sharing an entry with it (a word
    in several entries gets all of theirs). A stopword of any of the languages is left
    out: "may" the month is the modal too, and a function word would be found in
    nearly every sentence of a story."""
    stop = all_stopwords()
    equivalents: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    for entry in entries:
        kept = {
            word: _own_key(word)
            for _, lang_words in entry.languages()
            for word in lang_words
            if word not in stop and _own_key(word).removeprefix("w:") not in stop
        }
        keys = set(kept.values())
        for key in keys:
            equivalents.setdefault(key, set()).update(keys - {key})
            words.setdefault(key, set()).update(w for w, k in kept.items() if k != key)
    return Glossary(
        {key: frozenset(value) for key, value in equivalents.items()},
        {key: frozenset(value) for key, value in words.items()},
    )


@functools.cache
def _shipped_entries() -> tuple[GlossaryEntry, ...]:
    """The entries of every `tracker/data/glossary_*.yaml`, file by file."""
    folder = resources.files("tracker.data")
    entries: list[GlossaryEntry] = []
    names = sorted(
        item.name
        for item in folder.iterdir()
        if item.name.startswith("glossary_") and item.name.endswith(".yaml")
    )
    for name in names:
        source = f"tracker/data/{name}"
        try:
            raw = folder.joinpath(name).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(f"{source} cannot be read: {exc}") from None
        entries += parse_glossary(raw, source)
    return tuple(entries)


@functools.cache
def glossary() -> Glossary:
    """The shipped glossary (every `tracker/data/glossary_*.yaml`)."""
    return build_glossary(_shipped_entries())


def with_entries(extra: Iterable[GlossaryEntry]) -> Glossary:
    """The shipped glossary with `extra` entries (the config's `glossary`) added: a word
    in both gets the equivalents of each. No entries: the shipped glossary itself."""
    extra = tuple(extra)
    return _merged(extra) if extra else glossary()


@functools.lru_cache(maxsize=8)
def _merged(extra: tuple[GlossaryEntry, ...]) -> Glossary:
    # One Glossary per set of entries: the matchers a process builds from one config
    # (a new stream profile, the semantic path) share it and its marks.
    return build_glossary((*_shipped_entries(), *extra))
