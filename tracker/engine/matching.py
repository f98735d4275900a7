"""Relevance: is this story about this claim, and which of its sentences say so.

A `Matcher` is built once from the tracked claims. For each claim it precomputes
entity groups (hinted, or derived from the claim sentence), weighted key terms
and an inverted index from match keys to claims, so a story is only scored
against the claims it shares a key with.

Match keys make spellings meet across scripts (see `tracker.engine.text`):
  * ``w:`` the folded, lightly stemmed word ("chips" -> ``w:chip``), also for
    adjacent words joined ("Deep Seek" -> ``w:deepseek``) and for spelled model
    codes ("आर 1" -> ``w:r1``);
  * ``p:`` the consonant skeleton of a Devanagari word's romanisation
    ("दीपसीकने" -> ``p:dpsk``), which a Latin claim term also carries;
  * ``q:`` the same skeleton for Latin story words, which Devanagari claim
    terms carry, so a Marathi claim finds an English story;
  * ``x:`` the first six letters of a long Latin word ("Nicaraguan" meets
    "Nicaragua" at half weight).

Pure: no I/O. `match` returns one `Verdict` per related claim.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from rapidfuzz import fuzz

from tracker.engine import stance as stance_mod
from tracker.engine.linear import DataFileError, LinearModel, load_models, read_data_file
from tracker.engine.text import (
    all_stopwords,
    consonant_skeleton,
    devanagari_stems,
    fold,
    is_devanagari,
    phonetic_key,
    spelled_letters,
    split_sentences,
    stem,
    tokenize,
)
from tracker.types import Claim, Story, Verdict

__all__ = ["ENGINE_VERSION", "Matcher", "Relevance", "derive_entities", "word_keys"]

#: Bumped whenever a change to matching or stance can change a verdict.
ENGINE_VERSION = "2.3"

#: A plain claim is scored by the relevance model only when the upper bound of
#: coverage + FOCUS_WEIGHT x focus + PHRASE_WEIGHT x phrases reaches this (see
#: `_score`): a cheap filter before the model.
CANDIDATE_SCORE = 0.3
#: Weight of focus: the share of the story's most frequent words that are claim terms.
FOCUS_WEIGHT = 1.5
#: Weight of phrases: the share of the claim's adjacent word pairs found adjacent.
PHRASE_WEIGHT = 0.5
#: How many of the story's most frequent content words make its focus.
FOCUS_WORDS = 10
#: A hinted claim with only one of its entity groups named (DeepSeek, the subject of
#: most stories in a DeepSeek feed) needs this share of its key terms: one or two
#: shared words ("companies", "banned") do not make a chip denial evidence about
#: app stores.
HINTED_COVERAGE = 0.2
#: A plain claim needs this many of its key terms in a related headline (`_shares_enough`).
MIN_SHARED_TERMS = 2
#: How many matched terms and model features a verdict's reasons name.
_LISTED_TERMS = 8
_LISTED_FEATURES = 4
_PREFIX_LENGTH = 6
_PREFIX_VALUE = 0.5
_FREQUENCY_WEIGHT = 0.7
# BM25-style saturation (k1) and length normalisation (b) over sentence counts.
_SATURATION = 2.0
_LENGTH_NORM = 0.75
_AVERAGE_SENTENCES = 15
_LEAD_BONUS = 0.4
#: Skeletons this long may differ by one edit (अलेक्झांडर / Alexandr).
_FUZZY_MIN_LENGTH = 5
_FUZZY_CUTOFF = 80.0
_CODE_RE = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9]{2,16}$")
#: The test `stance.states_counted_figure` starts with: a sentence without a digit states none.
_DIGIT_RE = re.compile(r"\d")
_MAX_SENTENCES = 400
#: The relevance models `tracker/data/relevance_model.json` must hold.
_RELEVANCE_KINDS = ("article", "headline")


# --- keys --------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def _skeleton(word: str) -> str | None:
    """Consonant skeleton of a word, or its full phonetic key when the skeleton is too short."""
    key = phonetic_key(word)
    skeleton = consonant_skeleton(key)
    if len(skeleton) >= 3:
        return skeleton
    if len(key) >= 3 and any(ch.isdigit() for ch in key):
        return key
    return None


@functools.lru_cache(maxsize=1 << 17)
def word_keys(word: str) -> tuple[str, ...]:
    """Match keys of one folded word as it appears in a story."""
    if is_devanagari(word):
        keys = {f"w:{variant}" for variant in devanagari_stems(word)}
        for variant in devanagari_stems(word):
            skeleton = _skeleton(variant)
            if skeleton:
                keys.add(f"p:{skeleton}")
        letters = spelled_letters(word)
        if letters is not None and len(letters) >= 2:
            keys.add(f"w:{letters}")
            skeleton = _skeleton(letters)
            if skeleton:
                keys.add(f"p:{skeleton}")
        return tuple(sorted(keys))
    keys = {f"w:{stem(word)}"}
    skeleton = _skeleton(word)
    if skeleton and not word.isdigit():
        keys.add(f"q:{skeleton}")
    prefix = _prefix_key(word)
    if prefix:
        keys.add(prefix)
    return tuple(sorted(keys))


def _prefix_key(word: str) -> str:
    """A key on the first letters of a long Latin word: "Nicaraguan" meets "Nicaragua"."""
    if len(word) >= _PREFIX_LENGTH and word.isascii() and word.isalpha():
        return f"x:{word[:_PREFIX_LENGTH]}"
    return ""


@functools.lru_cache(maxsize=1 << 17)
def _pair_keys(first: str, second: str) -> tuple[str, ...]:
    """Keys of two adjacent folded words read as one ("deep seek", "आर 1")."""
    if second.isdigit() and is_devanagari(first):
        letters = spelled_letters(first)
        if letters is not None and len(letters) <= 2:
            return (f"w:{letters}{second}",)
        return ()
    if second.isdigit() or first.isdigit():
        if first.isascii() and len(first) <= 2 and first.isalpha():
            return (f"w:{first}{second}",)  # "R 1", "A 100"
        return ()
    if is_devanagari(first) != is_devanagari(second):
        return ()
    if is_devanagari(first):
        skeleton = _skeleton(first + second)
        return (f"p:{skeleton}",) if skeleton else ()
    # Latin pairs only need the joined spelling ("Deep Seek" is "DeepSeek").
    return (f"w:{stem(first + second)}",)


#: What the story model needs of one token as written: (folded word, its `word_keys`,
#: its focus pair (word key, prefix key) or None for a short word or a stopword, and
#: whether a word pair it begins may have keys: see `_KeyFilter.token`).
_TokenInfo = tuple[str, tuple[str, ...], tuple[str, str] | None, bool]


def _sentence_keys(
    infos: Sequence[_TokenInfo],
    pair_keys: Callable[[str, str], tuple[str, ...]] = _pair_keys,
) -> dict[str, str]:
    """Every match key of a sentence's words (given as `_TokenInfo`), mapped to the words
    that gave it: each word's keys, and each pair's (from `pair_keys`)."""
    keys: dict[str, str] = {}
    last = len(infos) - 1
    for index, (word, word_keys_, _, pairs) in enumerate(infos):
        for key in word_keys_:
            if key not in keys:
                keys[key] = word
        if pairs and index < last:
            following = infos[index + 1][0]
            for key in pair_keys(word, following):
                if key not in keys:
                    keys[key] = f"{word} {following}"
    return keys


def _token_info(token: str) -> _TokenInfo:
    """What the story model needs of a token (`_KeyFilter.token` caches it per matcher)."""
    word = fold(token)
    focus = None
    if len(word) >= 4 and word not in all_stopwords():
        focus = (f"w:{stem(word)}", _prefix_key(word))
    return word, word_keys(word), focus, True


def _claim_term_keys(word: str) -> frozenset[str]:
    """Keys under which a claim's key term is found in a story, in any script."""
    if is_devanagari(word):
        keys = {f"w:{variant}" for variant in devanagari_stems(word)}
        skeleton = _skeleton(word)
        if skeleton:
            keys |= {f"p:{skeleton}", f"q:{skeleton}"}
        return frozenset(keys)
    keys = {f"w:{stem(word)}"}
    skeleton = _skeleton(word)
    if skeleton and not _CODE_RE.match(word):
        keys.add(f"p:{skeleton}")
    return frozenset(keys)


def _name_keys(name: str) -> frozenset[str]:
    """Keys of an entity name: every spelling of it that counts as a mention."""
    words = [fold(word) for word in tokenize(name)]
    if not words:
        return frozenset()
    if len(words) == 1:
        return _claim_term_keys(words[0])
    if len(words) == 2 and words[1].isdigit():
        return frozenset({f"w:{words[0]}{words[1]}"})
    joined = "".join(words)
    keys = {f"w:{stem(joined)}"}
    if all(is_devanagari(word) for word in words):
        keys |= {f"w:{word}" for word in words}
    skeleton = _skeleton(joined)
    if skeleton:
        keys |= {f"p:{skeleton}", f"q:{skeleton}"}
    return frozenset(keys)


# --- claims ------------------------------------------------------------------


@dataclass(frozen=True)
class _EntityGroup:
    """Synonymous names; a story must mention one of them when the group is required."""

    label: str
    keys: frozenset[str]
    #: Skeletons long enough for a one-edit fuzzy match in Devanagari text.
    fuzzy: tuple[str, ...]
    required: bool
    #: A required group the story must name, whatever else it shares with the claim.
    strict: bool = True


@dataclass(frozen=True)
class _Term:
    word: str
    keys: frozenset[str]
    #: A prefix key ("x:nicara") found for inflected and derived forms, or "".
    prefix: str = ""


@dataclass(frozen=True)
class _ClaimModel:
    claim: Claim
    groups: tuple[_EntityGroup, ...]
    terms: tuple[_Term, ...]
    weights: tuple[float, ...]
    profile: stance_mod.ClaimProfile
    #: The claim's own sources (attributed_to), as one group each.
    sources: tuple[_EntityGroup, ...] = ()
    #: Keys of adjacent content-word pairs ("jihadi john" -> w:jihadijohn).
    bigrams: tuple[str, ...] = ()

    @functools.cached_property
    def outside_names(self) -> tuple[tuple[bool, ...], float]:
        """Per term, whether it shares no key with the entity groups; and those terms' weight.

        What `_says_more_than_names` weighs, computed once per claim (the sum in term order).
        """
        entity_keys = frozenset().union(*(g.keys for g in self.groups))
        outside = tuple(term.keys.isdisjoint(entity_keys) for term in self.terms)
        total = 0.0
        for weight, out in zip(self.weights, outside, strict=True):
            if out:
                total += weight
        return outside, total

    @functools.cached_property
    def required_groups(self) -> tuple[_EntityGroup, ...]:
        """The entity groups a sentence must name to be about the claim's subject."""
        return tuple(g for g in self.groups if g.required)

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        """Word and prefix keys of the claim's terms: what a story's focus words are checked in."""
        keys = {key for term in self.terms for key in term.keys if key.startswith("w:")}
        return frozenset(keys | {term.prefix for term in self.terms if term.prefix})


_NAME_PARTICLES = frozenset({"of", "de", "la", "van", "von", "al", "bin", "the", "&"})


def _is_title_case(words: Sequence[str]) -> bool:
    """Nearly every content word capitalised: a Title Case headline, where capitals say nothing."""
    stop = all_stopwords()
    content = [
        w
        for w in words
        if fold(w) not in stop and w.isalpha() and not (len(w) >= 2 and w.isupper())
    ]
    lowercase = [w for w in content if not w[:1].isupper()]
    return len(content) >= 4 and len(lowercase) <= 0.15 * len(content)


_DEMONYM_RE = re.compile(r"(?:ian|ean|ican|ese|ish)$")
# Words that open headlines capitalised without being names.
_HEADLINE_WORDS = frozenset(
    {
        "watch", "breaking", "new", "exclusive", "video", "photos", "photo", "report",
        "update", "former", "missing", "fears", "outrage", "revealed", "confirmed", "shock",
        "live", "listen", "look", "see", "read", "opinion", "analysis", "here", "why", "how",
    }
)  # fmt: skip


def _main_subject(
    text: str, names: Sequence[str], common: Collection[str] = frozenset()
) -> str | None:
    """The name a plain claim is about: the first name that is not an adjective of origin.

    "Italian fishermen caught ..." is about fishermen, not Italy; a lone
    capitalised first word may only be capitalised because it starts the
    sentence ("Video shows ..."), unless it is written like a name (DeepSeek).
    """
    words = tokenize(_KICKER_RE.sub("", text, count=1))
    if _is_title_case(words):
        return None
    for name in names:
        parts = name.split()
        single = len(parts) == 1
        demonym = single and bool(_DEMONYM_RE.search(name)) and name[1:].islower()
        if demonym:
            continue
        if single and words and name == words[0] and _common(name, common):
            continue
        if single and name.isupper() and len(name) <= 3:
            continue  # US, UK, IS: too short and too often spelled otherwise
        return name
    return None


_KICKER_RE = re.compile(r"^\s*[^:\s]+(?:\s+[^:\s]+)?:\s+")


def _shouting(words: Sequence[str], index: int) -> bool:
    """An upper-case word next to another long upper-case word is emphasis ("SEX TAPE")."""
    for other in (index - 1, index + 1):
        if 0 <= other < len(words):
            neighbour = words[other]
            if neighbour.isupper() and neighbour.isalpha() and len(neighbour) >= 3:
                return True
    return False


def _common(word: str, common: Collection[str]) -> bool:
    """A word known as an ordinary word: a stopword, a headline word, or seen in lower case."""
    folded = fold(word)
    return folded in common or folded in _HEADLINE_WORDS or folded in all_stopwords()


def derive_entities(text: str, common: Collection[str] = frozenset()) -> list[str]:
    """Names in a plain claim sentence: runs of capitalised words, acronyms and model codes.

    A headline kicker ("Watch:", "BREAKING:") is skipped. An upper-case word is
    an acronym when it is short and not part of a shouted phrase. A run of
    capitalised words that opens the sentence loses its first word, which is
    capitalised only because it comes first ("Fears Islamic State ...") when it
    is an ordinary word (`common`: words the claim writes in lower case). When
    most words are capitalised (Title Case) capitals say nothing, so only
    acronyms and model codes are returned.
    """
    words = tokenize(_KICKER_RE.sub("", text, count=1))
    title_case = _is_title_case(words)
    names: list[str] = []
    run: list[str] = []
    run_start = 0
    for index, word in enumerate(words):
        folded = fold(word)
        is_code = bool(_CODE_RE.match(folded)) and not folded.isdigit()
        is_acronym = (
            2 <= len(word) <= 5
            and word.isupper()
            and word.isalpha()
            and not _shouting(words, index)
        )
        is_name = word[:1].isupper() and word.isalpha() and not title_case and not word.isupper()
        if is_code:
            names.extend(_close_run(run, run_start, common))
            names.append(word)
            run = []
        elif is_acronym or is_name or (run and folded in _NAME_PARTICLES and not title_case):
            if not run:
                run_start = index
            run.append(word)
        else:
            names.extend(_close_run(run, run_start, common))
            run = []
    names.extend(_close_run(run, run_start, common))
    return list(dict.fromkeys(names))


def _close_run(run: list[str], start: int, common: Collection[str]) -> list[str]:
    """A run of name words becomes one name (trailing particles dropped).

    At the start of the sentence an ordinary first word is dropped from the
    run: it is capitalised because it comes first ("Fears Islamic State").
    """
    while run and fold(run[-1]) in _NAME_PARTICLES:
        run = run[:-1]
    opener = run[0] if run else ""
    # "New York" keeps its "New"; "Fears Islamic State" loses its "Fears".
    if start == 0 and opener[1:].islower() and _common(opener, common) and opener != "New":
        run = run[1:]
    return [" ".join(run)] if run else []


def _hinted_groups(claim: Claim) -> list[_EntityGroup]:
    """The `entities` hint's groups: the first must be named, the others add to the match.

    A story about DeepSeek's A100 export ban that never says "Nvidia" is still
    about the chips claim [[DeepSeek], [Nvidia]]; one naming only the first group
    must say more than names (see `_says_more_than_names`).
    """
    groups: list[_EntityGroup] = []
    for names in claim.entities:
        keys = frozenset().union(*(_name_keys(name) for name in names)) if names else frozenset()
        if keys:
            groups.append(
                _EntityGroup(names[0], keys, _fuzzy_skeletons(names), required=not groups)
            )
    return groups


def _fuzzy_skeletons(names: Iterable[str]) -> tuple[str, ...]:
    out = []
    for name in names:
        skeleton = _skeleton("".join(fold(w) for w in tokenize(name)))
        if skeleton and len(skeleton) >= _FUZZY_MIN_LENGTH:
            out.append(skeleton)
    return tuple(out)


def _name_group(name: str, required: bool) -> _EntityGroup | None:
    """A group for one multi-word name: "Alexandr Wang" is also mentioned as "Wang"."""
    words = tokenize(name)
    alternatives = [name]
    if len(words) > 1:
        alternatives += [w for w in words if len(w) >= 4 and fold(w) not in all_stopwords()]
    keys = frozenset().union(*(_name_keys(alt) for alt in alternatives))
    if not keys:
        return None
    return _EntityGroup(name, keys, _fuzzy_skeletons(alternatives), required=required)


def _derived_groups(claim: Claim, common: Collection[str]) -> list[_EntityGroup]:
    """Groups from the plain sentence: only the main subject is required."""
    names = derive_entities(claim.text, common)
    subject = _main_subject(claim.text, names, common)
    groups: list[_EntityGroup] = []
    for name in names:
        group = _name_group(name, required=name == subject)
        if group is not None:
            strict = group.required and _name_like(name)
            groups.append(dataclasses.replace(group, strict=strict))
    return groups


def _name_like(name: str) -> bool:
    """Written as only a name is written: inner capitals or digits (DeepSeek, iPhone, R2).

    Such a subject is never paraphrased away; a plain capitalised name (Tesla,
    Alaska Airlines) often is ("the carmaker", "an Oregon flight").
    """
    words = name.split()
    inner = any(w[1:] != w[1:].lower() and not w.isupper() for w in words)
    return inner or any(ch.isdigit() for ch in name)


def _claim_terms(claim: Claim) -> list[_Term]:
    stop = all_stopwords()
    seen: dict[str, _Term] = {}
    for word in [*tokenize(claim.text), *(w for k in claim.keywords for w in tokenize(k))]:
        folded = fold(word)
        if folded in stop or folded.isdigit() or len(folded) < 2:
            continue
        term = _Term(folded, _claim_term_keys(folded), _prefix_key(folded))
        seen.setdefault(stem(folded), term)
    return list(seen.values())


# --- stories -----------------------------------------------------------------

#: How many leading sentences (title included) make the story's lead.
_LEAD_SENTENCES = 3


@dataclass(frozen=True)
class _StoryModel:
    sentences: tuple[str, ...]
    #: Every key of the story, mapped to the words that first gave it.
    keys: dict[str, str]
    #: Indices of the sentences holding each key.
    where: dict[str, list[int]]
    #: Keys found in the lead (title and first sentences).
    lead: frozenset[str]
    has_devanagari: bool
    #: Only a title, no text: judged by the headline relevance model.
    headline_only: bool = False
    #: The story's most frequent content words, as (word key, prefix key) pairs.
    focus: tuple[tuple[str, str], ...] = ()
    #: Indices of the sentences holding a digit (the only ones that can state a figure).
    with_digits: tuple[int, ...] = ()
    #: What `places` and `_find_group` found, per key set: the claims of one matcher
    #: share entity groups (DeepSeek names most of them), so each is looked up once.
    _places: dict[frozenset[str], frozenset[int]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )
    _mentions: dict[tuple[frozenset[str], tuple[str, ...]], str | None] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def kind(self) -> str:
        """The relevance model that reads this story: "headline" or "article"."""
        return "headline" if self.headline_only else "article"

    def places(self, keys: frozenset[str]) -> frozenset[int]:
        """Indices of the sentences holding any of `keys` (computed once per key set)."""
        found = self._places.get(keys)
        if found is None:
            found = frozenset(i for key in keys for i in self.where.get(key, ()))
            self._places[keys] = found
        return found


_K = TypeVar("_K")
_V = TypeVar("_V")


class _BoundedMemo(dict[_K, _V]):
    """Values computed on their first lookup, all dropped when `bound` of them are held."""

    def __init__(self, compute: Callable[[_K], _V], bound: int) -> None:
        super().__init__()
        self.compute = compute
        self.bound = bound

    def __missing__(self, key: _K) -> _V:
        if len(self) >= self.bound:
            self.clear()
        value = self[key] = self.compute(key)
        return value


class _KeyFilter:
    """The story keys a matcher's claims can read; a story model need not hold the others.

    Those are the claims' term, prefix and entity-group keys (the index), their
    sources' keys, their word-pair keys (`_ClaimModel.bigrams`), and every
    phonetic key long enough for `_find_group` to compare fuzzily. A story model
    holding only these gives every claim the same relevance as the full model:
    the keys kept keep their order, sentences and first surfaces.
    """

    #: Cached tokens, and word pairs, before each cache is emptied (a daemon sees new
    #: words forever).
    _MAX_TOKENS = 1 << 16
    _MAX_PAIRS = 1 << 15

    def __init__(self, wanted: Iterable[str]) -> None:
        self._wanted = frozenset(wanted)
        self._tokens = _BoundedMemo(self._token_info, self._MAX_TOKENS)
        self._pairs = _BoundedMemo(self._pair_info, self._MAX_PAIRS)
        #: `_token_info` with only the wanted keys, in their order, cached per token: a
        #: plain dict lookup for a token seen before (`map` it over a sentence's tokens).
        self.token: Callable[[str], _TokenInfo] = self._tokens.__getitem__
        # What `_may_begin_pair` compares a word with: the wanted word keys' beginnings,
        # and the keys themselves, also without a last "y" or "e".
        bodies = {key[2:] for key in self._wanted if key.startswith("w:")}
        self._pair_starts = frozenset(b[:i] for b in bodies for i in range(len(b) + 1))
        self._pair_cores = frozenset(bodies | {b[:-1] for b in bodies if b.endswith(("y", "e"))})

    def wants(self, key: str) -> bool:
        """Can a claim read this key?"""
        return key in self._wanted or (key.startswith("p:") and len(key) - 2 >= _FUZZY_MIN_LENGTH)

    def _token_info(self, token: str) -> _TokenInfo:
        """`_token_info` with only the wanted keys (what `token` caches).

        Its last item says whether a pair beginning with the word can have a wanted
        key, so that most word pairs are never looked up (`_may_begin_pair`).
        """
        word, keys, focus, _ = _token_info(token)
        kept = tuple(key for key in keys if self.wants(key))
        return word, kept, focus, self._may_begin_pair(word)

    def _may_begin_pair(self, first: str) -> bool:
        """False only when no word after `first` makes a pair with a wanted key.

        A Devanagari pair may have a long phonetic key, always wanted. Any other
        pair's key (`_pair_keys`) is the `stem` of the joined words: a beginning of
        them, maybe given a "y" or "e" ("companies" -> "company"). For it to be a
        wanted key, `first` must begin that key, or begin with it (the key without
        the "y" or "e") when the stem cut into `first`.
        """
        if is_devanagari(first):
            return True
        if first in self._pair_starts:
            return True
        return any(first[:i] in self._pair_cores for i in range(1, len(first)))

    def pair(self, first: str, second: str) -> tuple[str, ...]:
        """The wanted keys among `_pair_keys(first, second)` (cached per pair, bounded alike)."""
        return self._pairs[first, second]

    def _pair_info(self, pair: tuple[str, str]) -> tuple[str, ...]:
        """What `pair` caches."""
        return tuple(key for key in _pair_keys(*pair) if self.wants(key))


def _story_model(story: Story, keep: _KeyFilter | None = None) -> _StoryModel:
    """The story as relevance reads it; with `keep`, holding only the keys it wants."""
    # A title is one unit: "Priest met God? It's fake" says its stance in its second half.
    title = " ".join(story.title.split())
    sentences = [title] if title else []
    sentences += split_sentences(story.text)
    sentences = sentences[:_MAX_SENTENCES]
    merged: dict[str, str] = {}
    where: dict[str, list[int]] = {}
    lead: set[str] = set()
    focus_words: list[tuple[str, str]] = []
    lookup = _token_info if keep is None else keep.token
    pair_keys = _pair_keys if keep is None else keep.pair
    for index, sentence in enumerate(sentences):
        infos = list(map(lookup, tokenize(sentence)))
        focus_words += [info[2] for info in infos if info[2] is not None]
        keys = _sentence_keys(infos, pair_keys)
        for key, surface in keys.items():
            places = where.get(key)
            if places is None:
                merged[key] = surface
                where[key] = [index]
            else:
                places.append(index)
        if index < _LEAD_SENTENCES:
            lead.update(keys)
    frequency = Counter(focus_words)
    return _StoryModel(
        tuple(sentences),
        merged,
        where,
        frozenset(lead),
        is_devanagari(story.title) or is_devanagari(story.text),
        not story.text.strip(),
        # (All sorted, then cut: the same order as most_common(FOCUS_WORDS), whose heap
        # is slower for the few dozen words of a story.)
        tuple(pair for pair, _ in frequency.most_common()[:FOCUS_WORDS]),
        tuple(i for i, sentence in enumerate(sentences) if _DIGIT_RE.search(sentence)),
    )


# --- relevance -----------------------------------------------------------------


@dataclass(frozen=True)
class Relevance:
    """Why a story is related to a claim: what matched, how much, and the best sentences."""

    #: Weighted share of the claim's key terms found in the story, in [0, 1].
    coverage: float
    #: Share of the story's most frequent content words that are claim terms, in [0, 1].
    focus: float
    #: (entity label, the words of the story that matched it).
    entities: tuple[tuple[str, str], ...]
    matched_terms: tuple[str, ...]
    #: Story sentences, best first (at most three).
    sentences: tuple[str, ...]
    #: Share of the claim's key terms in each of `sentences`.
    sentence_coverages: tuple[float, ...]
    #: The claim's own source (attributed_to) as written in the story, if named.
    source_named: str | None = None
    #: How many sentences the story has (title included).
    story_sentences: int = 1
    #: Whether each of `sentences` names the claim's entity groups (hinted: all of
    #: them; plain: the main subject), so that a figure in it is about the claim.
    names_subject: tuple[bool, ...] = ()
    #: For a plain claim: the relevance model's probability and the features it weighed.
    probability: float | None = None
    features: Mapping[str, float] = dataclasses.field(default_factory=dict)

    @property
    def sentence_coverage(self) -> float:
        """Coverage of the best sentence alone."""
        return self.sentence_coverages[0] if self.sentence_coverages else 0.0


def _find_group(group: _EntityGroup, story: _StoryModel) -> str | None:
    """The story words that mention the group (its earliest mention), or None.

    Computed once per story for each set of names (`_StoryModel._mentions`).
    """
    names = (group.keys, group.fuzzy)
    if names in story._mentions:
        return story._mentions[names]
    surface = story._mentions[names] = _first_mention(group, story)
    return surface


def _first_mention(group: _EntityGroup, story: _StoryModel) -> str | None:
    """What `_find_group` returns, computed."""
    found = [(story.where[key][0], story.keys[key]) for key in group.keys if key in story.keys]
    if found:
        return min(found)[1]
    if story.has_devanagari and group.fuzzy:
        for key, surface in story.keys.items():
            if key.startswith("p:") and len(key) - 2 >= _FUZZY_MIN_LENGTH:
                for skeleton in group.fuzzy:
                    if fuzz.ratio(skeleton, key[2:], score_cutoff=_FUZZY_CUTOFF):
                        return surface
    return None


def _term_hits(term: _Term, story: _StoryModel) -> list[str]:
    """The story keys under which a claim term is found (full keys first, then the prefix)."""
    hits = [key for key in term.keys if key in story.where]
    if not hits and term.prefix and term.prefix in story.where:
        hits = [term.prefix]
    return hits


def _term_value(term: _Term, hits: list[str], story: _StoryModel) -> float:
    """How strongly the story carries a term, in [0, 1].

    The count of sentences holding the term saturates as in BM25 and is read
    against the story's length: once in a headline counts nearly fully, once
    in a long article about a third, several times in it fully. A prefix-only
    match ("Nicaraguan" for "Nicaragua") counts half; a term in the lead gets a
    bonus: central terms recur and come early.
    """
    if not hits:
        return 0.0
    if hits == [term.prefix]:
        value = _PREFIX_VALUE
    else:
        count = max(len(story.where[key]) for key in hits)
        length = 1 - _LENGTH_NORM + _LENGTH_NORM * len(story.sentences) / _AVERAGE_SENTENCES
        saturation = count / (count + _SATURATION * length)  # in (0, 1)
        value = 1.0 - _FREQUENCY_WEIGHT + _FREQUENCY_WEIGHT * min(1.0, 1.5 * saturation)
    if any(key in story.lead for key in hits):
        value += _LEAD_BONUS
    return min(1.0, value)


def _score(model: _ClaimModel, story: _StoryModel, coverage: float, focus: float) -> float:
    """A plain claim's relevance: coverage + focus + phrases of the claim said as phrases."""
    phrases = 0.0
    if model.bigrams:
        phrases = sum(1 for key in model.bigrams if key in story.keys) / len(model.bigrams)
    return coverage + FOCUS_WEIGHT * focus + PHRASE_WEIGHT * phrases


def _claim_bigrams(text: str) -> tuple[str, ...]:
    """Keys of the claim's adjacent content-word pairs, as a story's word pairs give them."""
    stop = all_stopwords()
    words = [fold(w) for w in tokenize(text)]
    pairs = {
        f"w:{stem(a + b)}"
        for a, b in itertools.pairwise(words)
        if a not in stop and b not in stop and a.isalpha() and b.isalpha() and a.isascii()
    }
    return tuple(sorted(pairs))


def _focus(model: _ClaimModel, story: _StoryModel) -> float:
    """Share of the story's most frequent content words that are among the claim's terms.

    Coverage asks how much of the claim the story holds; focus asks how much of
    the story is about the claim: a long article that mentions the claim's
    words in passing has its most frequent words elsewhere.
    """
    if not story.focus:
        return 0.0
    hits = sum(
        1 for word, prefix in story.focus if word in model.vocabulary or prefix in model.vocabulary
    )
    # Out of ten even for a headline: a few shared words in a short text is not focus.
    return hits / max(len(story.focus), FOCUS_WORDS)


def _groups_found(
    model: _ClaimModel, story: _StoryModel
) -> tuple[list[tuple[str, str]], list[_EntityGroup], _EntityGroup | None]:
    """Matched (label, surface) pairs and groups, and a required group that is missing."""
    entities: list[tuple[str, str]] = []
    found: list[_EntityGroup] = []
    missing: _EntityGroup | None = None
    for group in model.groups:
        surface = _find_group(group, story)
        if surface is None:
            if group.required and (missing is None or group.strict):
                missing = group
            continue
        entities.append((group.label, surface))
        found.append(group)
    return entities, found, missing


def _says_more_than_names(
    model: _ClaimModel, story: _StoryModel, found: int, scored: Sequence[_Scored]
) -> bool:
    """A hinted claim needs words beyond its entity names, unless two groups are named.

    Naming DeepSeek alone is not enough for a claim about its chips (unless a
    sentence counts chips, see `_counts_the_claimed_unit`); naming
    DeepSeek and R2 is specific enough, which lets a Marathi story meet an
    English claim whose other words it cannot share. With one group named, the
    story must also cover HINTED_COVERAGE of the claim's key terms beyond the
    names (weighted): the name itself, rare as it is, says nothing about which
    of the company's claims a story is about.
    """
    if found >= 2:
        return True
    outside, total = model.outside_names
    got = 0.0
    for number, _, weight, _, value in scored:
        if outside[number]:
            got += weight * value
    if total > 0 and got / total >= HINTED_COVERAGE:
        return True
    return _counts_the_claimed_unit(model, story)


def _may_say_more_than_names(model: _ClaimModel, present: Collection[int]) -> bool:
    """An upper bound of `_says_more_than_names`'s coverage test: every term present counted fully.

    Each term's value is at most 1, so the weighted sum of the values of the terms
    found (in term order, as there) is at most this sum of their weights: when
    this stays under HINTED_COVERAGE, so does the real share.
    """
    outside, total = model.outside_names
    weights = model.weights
    bound = 0.0
    for number in sorted(present):
        if number >= 0 and outside[number]:
            bound += weights[number]
    return total > 0 and bound / total >= HINTED_COVERAGE


def _counts_the_claimed_unit(model: _ClaimModel, story: _StoryModel) -> bool:
    """A sentence naming the claim's subject gives a figure in the claim's unit.

    "DeepSeek holds 50,000 chips" (or 10,000) is about the chips claim even when
    it shares no other word with its long sentence. The same sentence must name
    the subject: relatedness is decided on firmer ground than the stance rules'
    "DeepSeek ... . It has 10,000 chips".
    """
    if not model.profile.unit_keys:
        return False  # `states_counted_figure` needs a unit
    # The sentences naming every required group (`_names_subject` without `previous`).
    named: frozenset[int] | None = None
    for group in model.required_groups:
        places = story.places(group.keys)
        named = places if named is None else named & places
    return any(
        stance_mod.states_counted_figure(model.profile, story.sentences[index])
        for index in story.with_digits
        if named is None or index in named
    )


#: A claim term found in a story: (term number, term, weight, story keys, `_term_value`).
_Scored = tuple[int, _Term, float, list[str], float]


def _scored_terms(
    model: _ClaimModel, story: _StoryModel, present: Collection[int] | None = None
) -> list[_Scored]:
    """The claim's terms the story holds, in term order, with their values.

    `present`, when given, holds the numbers of every term sharing a key with the
    story (from the matcher's index, `Matcher._candidate_hits`); the others are
    not looked up: they cannot have hits.
    """
    terms, weights = model.terms, model.weights
    numbers: Iterable[int] = (
        range(len(terms)) if present is None else sorted(n for n in present if n >= 0)
    )
    out: list[_Scored] = []
    for number in numbers:
        term = terms[number]
        hits = _term_hits(term, story)
        if hits:
            out.append((number, term, weights[number], hits, _term_value(term, hits, story)))
    return out


def _relevance(
    model: _ClaimModel,
    story: _StoryModel,
    gate: bool = True,
    present: Collection[int] | None = None,
) -> Relevance | None:
    """How the story relates to the claim; None when it is unrelated (unless `gate` is off).

    The gate: every hinted entity group and a name-like main subject must be
    named; a hinted claim needs a word beyond its names (or two named groups);
    a plain claim needs the relevance model (`_plain_features`, trained by
    bench/train_engine.py) to say yes.
    """
    entities, found, missing = _groups_found(model, story)
    if gate and missing is not None and missing.strict:
        return None
    hinted = bool(model.claim.entities)
    # What `_says_more_than_names` would say, decided without the term values when it can.
    if (
        gate
        and hinted
        and present is not None
        and len(found) < 2
        and not _may_say_more_than_names(model, present)
        and not _counts_the_claimed_unit(model, story)
    ):
        return None
    scored = _scored_terms(model, story, present)
    # A hinted claim's bar needs no coverage, focus or features: decided first.
    if gate and hinted and not _says_more_than_names(model, story, len(found), scored):
        return None
    total = sum(model.weights) or 1.0
    got = 0.0
    for _, _, weight, _, value in scored:
        got += weight * value
    matched = [(term, weight, hits) for _, term, weight, hits, _ in scored]
    coverage = got / total
    focus = _focus(model, story)
    features: dict[str, float] = {}
    probability = None
    if not hinted:
        features = _plain_features(model, story, matched, (coverage, focus), found, missing)
        decider = relevance_model(story)
        probability = decider.probability(features)
        if gate and probability < decider.threshold:
            return None
    if gate and not model.claim.entities and not _shares_enough(model, story, len(matched)):
        return None
    best, coverages = _best_sentences(matched, found, total, story, model)
    source_named = None
    for source in model.sources:
        source_named = source_named or _find_group(source, story)
    return Relevance(
        coverage=coverage,
        focus=focus,
        entities=tuple(entities),
        matched_terms=tuple(term.word for term, _, _ in matched),
        sentences=tuple(story.sentences[i] for i in best),
        sentence_coverages=coverages,
        source_named=source_named,
        story_sentences=len(story.sentences),
        names_subject=tuple(_names_subject(model, story, i) for i in best),
        probability=probability,
        features=features,
    )


def relevance_model(story: _StoryModel) -> LinearModel:
    """The packaged relevance model for plain claims that fits the story.

    A headline alone says little and paraphrases; an article (any story with
    text) repeats its subject: two models (tracker/data/relevance_model.json).
    """
    return load_models("relevance_model", _RELEVANCE_KINDS)[story.kind]


def _plain_features(
    model: _ClaimModel,
    story: _StoryModel,
    matched: list[tuple[_Term, float, list[str]]],
    scores: tuple[float, float],
    found: list[_EntityGroup],
    missing: _EntityGroup | None,
) -> dict[str, float]:
    """The readable features the relevance model weighs for a plain claim (docs/verdicts.md)."""
    coverage, focus = scores
    total = sum(model.weights) or 1.0
    per_sentence: dict[int, float] = defaultdict(float)
    lead = 0.0
    for _, weight, hits in matched:
        for index in {i for key in hits for i in story.where[key]}:
            per_sentence[index] += weight / total
        if any(key in story.lead for key in hits):
            lead += weight / total
    phrases = 0.0
    if model.bigrams:
        phrases = sum(1 for key in model.bigrams if key in story.keys) / len(model.bigrams)
    terms = len(model.terms) or 1
    return {
        "coverage": coverage,
        "focus": focus,
        "phrases": phrases,
        "best_sentence": min(1.0, max(per_sentence.values(), default=0.0)),
        "lead": min(1.0, lead),
        "terms_found": len(matched) / terms,
        "terms_count": min(1.0, len(matched) / 8),
        "rarest_term": max((w for _, w, _ in matched), default=0.0)
        / (max(model.weights, default=0.0) or 1.0),
        "rarest_missing": _rarest_missing(model, matched),
        "names_missing": float(len(model.groups) - len(found)) / 3,
        "subject_unnamed": 1.0 if missing is not None else 0.0,
        "spread": min(1.0, len(per_sentence) / max(1, len(story.sentences))),
        "long_story": min(1.0, len(story.sentences) / 40),
    }


def _names_subject(
    model: _ClaimModel, story: _StoryModel, index: int, previous: bool = True
) -> bool:
    """Does sentence `index` (or the one before it) name the claim's subject groups?

    The sentence before counts too: "DeepSeek ... . It has 10,000 chips." (unless
    `previous` is False).
    """
    for group in model.required_groups:
        places = story.places(group.keys)
        if index not in places and not (previous and index - 1 in places):
            return False
    return True


def _rarest_missing(model: _ClaimModel, matched: list[tuple[_Term, float, list[str]]]) -> float:
    """Weight of the rarest claim term the story lacks, against the rarest term's."""
    have = {id(term) for term, _, _ in matched}
    missing = [
        w for term, w in zip(model.terms, model.weights, strict=True) if id(term) not in have
    ]
    return max(missing, default=0.0) / (max(model.weights, default=0.0) or 1.0)


def _shares_enough(model: _ClaimModel, story: _StoryModel, matched: int) -> bool:
    """A headline shares more than one word with a plain claim it relates to.

    "DeepSeek hires researchers" shares only the name with a claim about app
    stores: one shared word, however rare, is a topic, not evidence. (An
    article's model weighs focus and spread, which one word does not give.)
    """
    return story.kind == "article" or matched >= min(MIN_SHARED_TERMS, len(model.terms))


def _best_sentences(
    matched: list[tuple[_Term, float, list[str]]],
    groups: list[_EntityGroup],
    total: float,
    story: _StoryModel,
    model: _ClaimModel,
) -> tuple[list[int], tuple[float, ...]]:
    """The three sentences carrying most of the claim's terms and entities, with coverages."""
    coverage: dict[int, float] = defaultdict(float)
    for _, weight, hits in matched:
        for index in {i for key in hits for i in story.where[key]}:
            coverage[index] += weight / total
    bonus: dict[int, float] = defaultdict(float)
    for group in groups:
        for index in story.places(group.keys):
            bonus[index] += 0.5 / len(groups)
    # A sentence stating the claim's quantity (or a rival figure) about the claim's
    # subject is evidence; a figure about something else is not.
    for index in list(coverage.keys() | bonus.keys()):
        sentence = story.sentences[index]
        if stance_mod.states_quantity(model.profile, sentence) and _names_subject(
            model, story, index
        ):
            bonus[index] += 0.5
    ranked = sorted(coverage.keys() | bonus.keys(), key=lambda i: (-coverage[i] - bonus[i], i))
    best = ranked[:3] or ([0] if story.sentences else [])
    return best, tuple(min(1.0, coverage[i]) for i in best)


#: Each relevance feature in words, given its value (docs/verdicts.md lists them).
_FEATURE_WORDS: Mapping[str, Callable[[float], str]] = {
    "coverage": lambda v: f"the story holds {v:.0%} of the claim's key terms (by weight)",
    "focus": lambda v: f"{v:.0%} of the story's most frequent words are claim terms",
    "phrases": lambda v: f"{v:.0%} of the claim's word pairs appear as pairs",
    "best_sentence": lambda v: f"its best sentence holds {v:.0%} of the key terms",
    "lead": lambda v: f"the title and first sentences hold {v:.0%} of the key terms",
    "terms_found": lambda v: f"{v:.0%} of the key terms found, each counted alike",
    "terms_count": lambda v: f"{round(v * 8)}{'+' if v >= 1 else ''} key terms found",
    "rarest_term": lambda v: f"the rarest term found weighs {v:.0%} of the claim's rarest",
    "rarest_missing": lambda v: f"the rarest term missing weighs {v:.0%} of the claim's rarest",
    "names_missing": lambda v: f"{round(v * 3)} of the claim's names not found",
    "subject_unnamed": lambda v: "the claim's main subject is not named",
    "spread": lambda v: f"{v:.0%} of the story's sentences hold key terms",
    "long_story": lambda v: f"the story is {round(v * 40)}{'+' if v >= 1 else ''} sentences long",
}


def feature_in_words(name: str, value: float) -> str:
    """A relevance feature as an analyst reads it ("the story holds 52% of ...")."""
    words = _FEATURE_WORDS.get(name)
    return words(value) if words else f"{name.replace('_', ' ')} {value:.2f}"


def _relevance_reason(related: Relevance, kind: str) -> str:
    """The relevance model's decision in words: its probability and the features that weighed most.

    "relevance 0.83 (article model, bar 0.44); weighed most: the story holds 52% of
    the claim's key terms (by weight) (+4.02), ..." -- a signed weight for or against.
    """
    model = load_models("relevance_model", _RELEVANCE_KINDS)[kind]
    probability = related.probability or 0.0
    parts = [
        f"{feature_in_words(name, related.features.get(name, 0.0))} ({part:+.2f})"
        for name, part in model.contributions(related.features)[:_LISTED_FEATURES]
    ]
    head = f"relevance {probability:.2f} ({kind} model, bar {model.threshold:.2f})"
    return head + ("; weighed most: " + ", ".join(parts) if parts else "")


@functools.cache
def _rarity() -> tuple[int, Mapping[str, int]]:
    """The shipped background table: (documents, stem -> documents holding it)."""
    source = "tracker/data/term_rarity.json"
    try:
        data = json.loads(read_data_file("term_rarity.json"))
        documents, table = data["documents"], data["df"]
        frequency = {str(k): int(v) for k, v in table.items()}
        return int(documents), frequency
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{source} is not valid JSON: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError):
        raise DataFileError(
            f'{source} must hold "documents" (a count) and "df" (word -> count)'
        ) from None


@functools.lru_cache(maxsize=1 << 14)
def term_weight(word: str) -> float:
    """A key term's weight: how rare it is in a fixed background of news articles.

    The table ships with the package (tracker/data/term_rarity.json, built by
    bench/train_engine.py), so a claim's verdicts do not depend on which other
    claims are loaded. A word the table does not hold (rarer, or Devanagari)
    gets the highest weight.
    """
    documents, frequency = _rarity()
    return math.log(1 + (documents + 1) / (frequency.get(stem(word), 0) + 1))


def _hinted_weights(terms: Sequence[_Term], groups: Sequence[_EntityGroup]) -> tuple[float, ...]:
    """Term weights of a hinted claim: its names weigh as much as its median other term.

    A name is rare in the background (DeepSeek, R2) but common in the stories a
    hinted claim is tracked in: every story in a DeepSeek feed names DeepSeek, so
    naming it says little about which of its claims a sentence supports.
    """
    names = frozenset().union(*(g.keys for g in groups))
    weights = [term_weight(term.word) for term in terms]
    others = sorted(w for t, w in zip(terms, weights, strict=True) if t.keys.isdisjoint(names))
    if not others:
        return tuple(weights)
    median = others[len(others) // 2]
    return tuple(
        w if t.keys.isdisjoint(names) else min(w, median)
        for t, w in zip(terms, weights, strict=True)
    )


# --- pre-filter ------------------------------------------------------------------


class _PreFilter:
    """Can a story match any claim at all? Answered from its words, before the story model.

    Conservative by construction: `match` scores only claims sharing a key with
    the story (`Matcher._candidate_positions`), and `_relevance` rejects a claim
    when a strict required entity group is not found. This checks exactly those
    two necessary conditions on the same keys the story model would have
    (`word_keys` of every folded word, `_pair_keys` of adjacent words), read from
    the story model's own per-token cache (`_KeyFilter`, whose keys include every
    key of the index), so a story that passes pays for its words once. It may let through a
    story the model then rejects (pairs across sentence boundaries, text past
    _MAX_SENTENCES, any Devanagari story for a group with fuzzy spellings); it never
    drops one the model would have matched.
    """

    def __init__(
        self,
        index: Mapping[str, list[tuple[int, int]]],
        models: Sequence[_ClaimModel],
        keep: _KeyFilter,
    ):
        self._keys = frozenset(index)
        self._keep = keep
        self._positions = {
            key: frozenset(p for p, _ in postings) for key, postings in index.items()
        }
        # Per claim: the key sets of its strict required groups, and whether each
        # may also be found by a fuzzy spelling in Devanagari text (`_find_group`).
        self._strict = [
            tuple((g.keys, bool(g.fuzzy)) for g in model.groups if g.required and g.strict)
            for model in models
        ]

    def _text_keys(self, text: str, found: set[str]) -> None:
        """Add to `found` the wanted keys of `text`'s words and word pairs (`_KeyFilter`)."""
        keep = self._keep
        infos = list(map(keep.token, tokenize(text)))
        found.update(*[kept for _, kept, _, _ in infos])
        for (word, _, _, begins), (following, _, _, _) in itertools.pairwise(infos):
            if begins:
                found.update(keep.pair(word, following))

    def story_keys(self, story: Story) -> set[str]:
        """The claims' keys among the keys the story model would have (a superset of them)."""
        found: set[str] = set()
        self._text_keys(story.title, found)
        self._text_keys(story.text, found)
        return found & self._keys

    def may_match(self, story: Story) -> bool:
        """False only when no claim can be related to the story (see the class docstring).

        The title alone often settles it; the text is read only when it does not.
        """
        found: set[str] = set()
        self._text_keys(story.title, found)
        indexed = found & self._keys
        if indexed and self._possible(indexed, story):
            return True
        self._text_keys(story.text, found)
        indexed = found & self._keys
        return bool(indexed) and self._possible(indexed, story)

    def _possible(self, found: set[str], story: Story) -> bool:
        """Some claim sharing a key in `found` has every strict required group in it."""
        positions = set().union(*(self._positions[key] for key in found))
        devanagari: bool | None = None
        for position in positions:
            possible = True
            for group_keys, fuzzy in self._strict[position]:
                if not group_keys.isdisjoint(found):
                    continue
                if fuzzy and devanagari is None:
                    devanagari = is_devanagari(story.title) or is_devanagari(story.text)
                if not (fuzzy and devanagari):
                    possible = False
                    break
            if possible:
                return True
        return False


# --- matcher -------------------------------------------------------------------


class Matcher:
    """Scores stories against a fixed set of claims. Build once, call `match` per story."""

    def __init__(
        self,
        claims: Sequence[Claim],
        lexicons: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    ) -> None:
        """Precompute every claim's entity groups, key terms and weights, and the key index."""
        self._lexicon = stance_mod.load_lexicon(lexicons)
        self._models = [self._claim_model(claim) for claim in claims]
        # Postings: key -> (claim position, term number); -1 stands for an entity group.
        self._index: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for position, model in enumerate(self._models):
            postings: set[tuple[str, int]] = set()
            for number, term in enumerate(model.terms):
                postings.update((key, number) for key in term.keys)
                if term.prefix:
                    postings.add((term.prefix, number))
            for group in model.groups:
                postings.update((key, -1) for key in group.keys)
            for key, number in postings:
                self._index[key].append((position, number))
        self._positions = {model.claim.id: i for i, model in enumerate(self._models)}
        self._vocabulary_index: dict[str, list[int]] = defaultdict(list)
        for position, model in enumerate(self._models):
            for key in model.vocabulary:
                self._vocabulary_index[key].append(position)
        self._shares = [tuple(w / (sum(m.weights) or 1.0) for w in m.weights) for m in self._models]
        wanted = set(self._index)
        for model in self._models:
            wanted.update(model.bigrams)
            for source in model.sources:
                wanted.update(source.keys)
        self._keep = _KeyFilter(wanted)
        self._prefilter = _PreFilter(self._index, self._models, self._keep)

    def _story(self, story: Story) -> _StoryModel:
        """The story model with only the keys these claims read (see `_KeyFilter`)."""
        return _story_model(story, self._keep)

    def _claim_model(self, claim: Claim) -> _ClaimModel:
        # Words the claim itself writes in lower case are ordinary words, not names,
        # when it opens with them. (Only this claim's words: a claim's model must not
        # depend on which other claims are loaded.)
        common = frozenset(fold(word) for word in tokenize(claim.text)[1:] if word[:1].islower())
        groups = _hinted_groups(claim) if claim.entities else _derived_groups(claim, common)
        terms = _claim_terms(claim)
        profile = stance_mod.profile_claim(claim, self._lexicon)
        sources = tuple(
            group
            for group in (_name_group(name, required=False) for name in claim.attributed_to)
            if group is not None
        )
        return _ClaimModel(
            claim,
            tuple(groups),
            tuple(terms),
            _hinted_weights(terms, groups)
            if claim.entities
            else tuple(term_weight(term.word) for term in terms),
            profile,
            sources,
            _claim_bigrams(claim.text),
        )

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The claims this matcher scores against, in the order given."""
        return tuple(model.claim for model in self._models)

    def candidates(self, story: Story) -> list[Claim]:
        """Claims sharing at least one key with the story (before any scoring)."""
        model = self._story(story)
        return [self._models[i].claim for i in self._candidate_positions(model)]

    def _candidate_positions(self, story: _StoryModel, floor: float = CANDIDATE_SCORE) -> list[int]:
        """Claims that could reach the relevance bar (see `_candidate_hits`), in claim order."""
        return [position for position, _ in self._candidate_hits(story, floor)]

    def _candidate_hits(
        self, story: _StoryModel, floor: float = CANDIDATE_SCORE
    ) -> list[tuple[int, set[int]]]:
        """Claims that could reach the relevance bar: a cheap upper bound before scoring.

        Each with the numbers of its terms sharing a key with the story (-1 for an
        entity group): the only terms `_relevance` needs to look up.

        A plain claim whose matched terms, each counted fully, with its focus
        and phrases stay under `floor` is skipped (the relevance model says no
        to all of them on the training data); a hinted claim is scored as soon
        as it shares a key (its entity groups decide).
        """
        hits: dict[int, set[int]] = defaultdict(set)
        for key in story.keys:
            for position, number in self._index.get(key, ()):
                hits[position].add(number)
        focus: Counter[int] | None = None  # counted for the first plain claim hit
        scale = max(len(story.focus), FOCUS_WORDS)
        positions = []
        for position, numbers in hits.items():
            model = self._models[position]
            if not model.claim.entities:
                if focus is None:
                    focus = self._focus_counts(story)
                shares = self._shares[position]
                bound = sum(shares[n] for n in numbers if n >= 0)
                if _score(model, story, bound, focus[position] / scale) < floor:
                    continue
            positions.append((position, numbers))
        return sorted(positions, key=lambda pair: pair[0])

    def _focus_counts(self, story: _StoryModel) -> Counter[int]:
        """Per claim, how many of the story's focus words are its terms (see `_focus`)."""
        counts: Counter[int] = Counter()
        for word, prefix in story.focus:
            counts.update(
                set(self._vocabulary_index.get(word, ())).union(
                    self._vocabulary_index.get(prefix, ())
                )
            )
        return counts

    def features(
        self, story: Story, floor: float = CANDIDATE_SCORE
    ) -> list[tuple[str, dict[str, float]]]:
        """(claim id, relevance features) of every plain candidate claim, for training the model.

        Claims whose name-like subject the story does not name, or that share
        only one word with it, are left out: those rules decide before the model.
        """
        model = self._story(story)
        out = []
        for position in self._candidate_positions(model, floor):
            claim_model = self._models[position]
            if claim_model.claim.entities:
                continue
            related = _relevance(claim_model, model, gate=False)
            _, _, missing = _groups_found(claim_model, model)
            if related is None or (missing is not None and missing.strict):
                continue
            if _shares_enough(claim_model, model, len(related.matched_terms)):
                out.append((claim_model.claim.id, dict(related.features)))
        return out

    @staticmethod
    def kind(story: Story) -> str:
        """Which relevance model reads the story: "headline" (a title alone) or "article"."""
        return _story_model(story).kind

    def relevance(self, claim_id: str, story: Story) -> Relevance | None:
        """How one story relates to one claim: what matched and the best sentences.

        None when the story is unrelated to the claim; KeyError for an unknown id.
        """
        position = self._positions.get(claim_id)
        if position is None:
            raise KeyError(f"no claim with id {claim_id!r}")
        return _relevance(self._models[position], self._story(story))

    def judge(self, claim_id: str, story: Story, now: datetime | None = None) -> Verdict:
        """The verdict on one claim for a story, even when the story would not match it.

        For explaining a decision and for measuring the stance step alone; the
        reasons say when the story falls short of the relevance bar.
        """
        position = self._positions.get(claim_id)
        if position is None:
            raise KeyError(f"no claim with id {claim_id!r}")
        model = self._story(story)
        claim_model = self._models[position]
        related = _relevance(claim_model, model, gate=False)
        assert related is not None  # without the gate there is always a measure
        verdict = self._verdict(claim_model, related, story, now)
        if _relevance(claim_model, model) is None:
            note = "below the relevance bar: `match` would not report this story"
            return dataclasses.replace(verdict, reasons=(note, *verdict.reasons))
        return verdict

    def match(self, story: Story, now: datetime | None = None) -> list[Verdict]:
        """One verdict per claim the story is related to, in claim order."""
        if not self._prefilter.may_match(story):
            return []  # no claim can be related: skip the story model
        model = self._story(story)
        verdicts = []
        for position, present in self._candidate_hits(model):
            claim_model = self._models[position]
            related = _relevance(claim_model, model, present=present)
            if related is None:
                continue
            verdicts.append(self._verdict(claim_model, related, story, now))
        return verdicts

    def stance_cues(self, claim_id: str, story: Story) -> dict[str, float] | None:
        """The stance model's features for a headline-only story, for training the model.

        None when a hard rule decides the pair (a figure, a deadline, the claim's own
        source, ...) or the model does not read it (see `tracker.engine.stance`).
        """
        model = self._models[self._positions[claim_id]]
        related = _relevance(model, self._story(story), gate=False)
        assert related is not None
        judged = self._judge(model, related, story, None, use_model=False)
        reads = stance_mod.model_reads(model.profile, related.story_sentences, story.published)
        if judged.rule in stance_mod.HARD_RULES or not reads or not related.sentences:
            return None
        cues = stance_mod.stance_cues(
            model.profile, related.sentences[0], related.sentence_coverage, self._lexicon
        )
        return {name: value for name, (value, _) in cues.items()}

    @staticmethod
    def _kind_of(story: Story) -> str:
        return "headline" if not story.text.strip() else "article"

    def _judge(
        self,
        model: _ClaimModel,
        related: Relevance,
        story: Story,
        now: datetime | None,
        use_model: bool = True,
    ) -> stance_mod.Judgement:
        """The stance step for a related pair, from its best sentences."""
        return stance_mod.judge(
            model.profile,
            related.sentences,
            published=story.published,
            now=now,
            lexicon=self._lexicon,
            source_named=related.source_named,
            coverages=related.sentence_coverages,
            headline=story.title,
            story_sentences=related.story_sentences,
            names_subject=related.names_subject,
            model=use_model,
        )

    def _verdict(
        self, model: _ClaimModel, related: Relevance, story: Story, now: datetime | None
    ) -> Verdict:
        judged = self._judge(model, related, story, now)
        relevance_score = min(1.0, 0.5 + 0.5 * max(related.coverage, related.sentence_coverage))
        reasons = [
            f'entity "{label}" matched as "{surface}"'
            for label, surface in related.entities
            if fold(label) != surface
        ]
        reasons += [
            f'entity "{label}" named'
            for label, surface in related.entities
            if fold(label) == surface
        ]
        found = ", ".join(related.matched_terms[:_LISTED_TERMS])
        more = ", ..." if len(related.matched_terms) > _LISTED_TERMS else ""
        reasons.append(
            f"{len(related.matched_terms)} of {len(model.terms)} key terms found"
            f" ({related.coverage:.0%})" + (f": {found}{more}" if found else "")
        )
        if related.probability is not None:
            reasons.append(_relevance_reason(related, self._kind_of(story)))
        reasons += judged.reasons
        return Verdict(
            claim_id=model.claim.id,
            stance=judged.stance,
            score=round(relevance_score * judged.confidence, 3),
            evidence=judged.evidence,
            reasons=tuple(reasons),
            engine_version=ENGINE_VERSION,
        )
