"""Match keys: how a word of a story or a claim is looked up, in any script.

Keys make spellings meet across scripts (see `tracker.engine.text`):
  * ``w:`` the folded, lightly stemmed word ("chips" -> ``w:chip``), also for
    adjacent words joined ("Deep Seek" -> ``w:deepseek``) and for spelled model
    codes ("आर 1" -> ``w:r1``);
  * ``r:`` a run of three to MAX_NAME_WORDS Latin words joined, the last one without a
    plural ending ("Air India Express" -> ``r:airindiaexpress``, "Konkan Coast
    Airways" -> ``r:konkancoastairway``), as an analyst's name of that many words is;
  * ``p:`` the consonant skeleton of a Devanagari word's romanisation
    ("दीपसीकने" -> ``p:dpsk``), which a Latin claim term also carries;
  * ``q:`` the same skeleton for Latin story words, which Devanagari claim
    terms carry, so a Marathi claim finds an English story;
  * ``x:`` the first six letters of a long Latin word ("Nicaraguan" meets
    "Nicaragua" at half weight).

A `StoryModel` is a story read as keys: its sentences, the keys of each, and its
focus words; `KeyFilter` keeps only the keys a matcher's claims can read. Pure.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from tracker.engine.glossary import Glossary
from tracker.engine.glossary import glossary as _shipped_glossary
from tracker.engine.text import (
    all_stopwords,
    consonant_skeleton,
    devanagari_stems,
    fold,
    is_devanagari,
    nfkc,
    phonetic_key,
    spelled_letters,
    split_sentences,
    stem,
    token_spans,
    tokenize,
    vowel_classed_key,
)
from tracker.types import Story

PREFIX_LENGTH = 6
#: Skeletons this long may differ by one edit (अलेक्झांडर / Alexandr).
FUZZY_MIN_LENGTH = 5
CODE_RE = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9]{2,16}$")
DIGIT_RE = re.compile(r"\d")
MAX_SENTENCES = 400
#: How many of the story's most frequent content words make its focus.
FOCUS_WORDS = 10
#: The most words of a name a story is read for as one key (`run_keys`): the longest
#: names analysts give ("Air India Express Employees Union", "Directorate General of
#: Civil Aviation").
MAX_NAME_WORDS = 8


@functools.lru_cache(maxsize=1 << 16)
def word_skeleton(word: str) -> str | None:
    """Consonant skeleton of a word, or its full phonetic key when the skeleton is too short."""
    key = phonetic_key(word)
    skeleton = consonant_skeleton(key)
    if len(skeleton) >= 3:
        return skeleton
    if len(key) >= 3 and any(ch.isdigit() for ch in key):
        return key
    return None


@functools.lru_cache(maxsize=1 << 16)
def short_name_key(word: str) -> str | None:
    """The whole key of a word of two consonants, vowels kept by class ("Gill" and "गिल"
    give "gil", "Modi" and "मोदी" "modi", "Pune" and "पुणे" "pone"), or None.

    A skeleton of two consonants would meet too many words, so such names had no
    cross-script key at all; their full key, vowels kept, is precise enough for a
    name. It is a key of names only (`name_keys`, a claim's capitalised words) and of
    every story word; a full key always holds a vowel ("a") and so never equals a
    skeleton, which shares its ``p:``/``q:`` space.
    """
    key = phonetic_key(word)
    if len(consonant_skeleton(key)) == 2 and len(key) >= 3 and not key.isdigit():
        # Vowels kept by class, not merged into "a": पानी (water) is not Pune, मीडिया
        # (media) not Modi, गोल not Gill.
        return vowel_classed_key(word)
    return None


@functools.lru_cache(maxsize=1 << 17)
def word_keys(word: str) -> tuple[str, ...]:
    """Match keys of one folded word as it appears in a story."""
    if is_devanagari(word):
        keys = {f"w:{variant}" for variant in devanagari_stems(word)}
        short = word not in all_stopwords()  # "में" is no "Men"
        for variant in devanagari_stems(word):
            skeleton = word_skeleton(variant) or (short_name_key(variant) if short else None)
            if skeleton:
                keys.add(f"p:{skeleton}")
        letters = spelled_letters(word)
        if letters is not None and len(letters) >= 2:
            keys.add(f"w:{letters}")
            skeleton = word_skeleton(letters)
            if skeleton:
                keys.add(f"p:{skeleton}")
        return tuple(sorted(keys))
    keys = {f"w:{stem(word)}"}
    skeleton = word_skeleton(word) or (
        short_name_key(word) if word not in all_stopwords() else None
    )
    if skeleton and not word.isdigit():
        keys.add(f"q:{skeleton}")
    prefix = prefix_key(word)
    if prefix:
        keys.add(prefix)
    return tuple(sorted(keys))


def prefix_key(word: str) -> str:
    """A key on the first letters of a long Latin word: "Nicaraguan" meets "Nicaragua"."""
    if len(word) >= PREFIX_LENGTH and word.isascii() and word.isalpha():
        return f"x:{word[:PREFIX_LENGTH]}"
    return ""


@functools.lru_cache(maxsize=1 << 17)
def pair_keys(first: str, second: str) -> tuple[str, ...]:
    """Keys of two adjacent folded words read as one ("deep seek", "आर 1")."""
    if second.isdigit() and is_devanagari(first):
        letters = spelled_letters(first)
        if letters is not None and len(letters) <= 2:
            return (f"w:{letters}{second}",)
        return (f"w:{first}{second}",)  # "वेगा ५" (a product name and its number)
    if second.isdigit() or first.isdigit():
        if first.isascii() and first.isalpha() and len(first) <= 12:
            return (f"w:{first}{second}",)  # "R 1", "A 100", "Vega 5"
        if second.isdigit() and first[:2].isalpha() and first.isascii() and first[-1:].isdigit():
            # A decimal after two letters and a digit, "PM2.5" (tokens "pm2", "5"): the
            # name's key, as `name_keys` joins its words (not "F1 6 times": no "F-16").
            return (f"w:{first}{second}",)
        return ()
    if is_devanagari(first) != is_devanagari(second):
        return ()
    if is_devanagari(first):
        skeleton = word_skeleton(first + second)
        return (f"p:{skeleton}",) if skeleton else ()
    # Latin pairs only need the joined spelling ("Deep Seek" is "DeepSeek").
    return (f"w:{stem(first + second)}",)


def run_body(words: Sequence[str]) -> str:
    """A run of words as one key body: joined, the last word without a plural or
    possessive ending only ("Airways" -> "airway"; "expressed" stays, so "Air India
    expressed regret" names no Air India Express)."""
    return "".join(words[:-1]) + _without_plural(words[-1])


def _without_plural(word: str) -> str:
    """A folded word without a plural ending ("airways" -> "airway", "companies" ->
    "company"; "express", "status" and "analysis" stay)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def run_keys(
    words: Sequence[str], start: int, may_go_on: Callable[[str], bool] | None = None
) -> list[tuple[str, int]]:
    """Keys of the runs of three to MAX_NAME_WORDS Latin words beginning at `start`,
    each with the index of its last word (`run_body`), as `name_keys` keys a name of
    that many words: "Air India Express" in a story meets the analyst's "Air India
    Express" (two words are `pair_keys`' job).

    `may_go_on(joined)`: False when no wanted key begins with the words joined so far
    (`KeyFilter.runs`): the walk stops there.
    """
    joined = words[start]
    if is_devanagari(joined):
        return []
    out = []
    for end in range(start + 1, min(len(words), start + MAX_NAME_WORDS)):
        if may_go_on is not None and not may_go_on(joined):
            break
        word = words[end]
        if is_devanagari(word):
            break
        if end - start >= 2:
            out.append((f"r:{joined}{_without_plural(word)}", end))
        joined += word
    return out


#: What stops a run of words: a name does not go on across these ("Air India, Express
#: carriers").
_RUN_BREAK_RE = re.compile(r"[,;:()\[\]{}\"“”|/!?—–]")


class _RunLimits:
    """Where runs of words may go in one sentence (`story_model`): not across punctuation
    ("Air India, Express carriers"), and never from a word right after a capitalised
    word that is no stopword ("State Bank of India" holds no "Bank of India", "Navi
    Mumbai International Airport" no "Mumbai International Airport"). Worked out on the
    first run found: most sentences have none."""

    def __init__(
        self,
        sentence: str,
        tokens: Sequence[str],
        runs: Callable[[Sequence[str], int], list[tuple[str, int]]],
    ) -> None:
        self._sentence = sentence
        self._tokens = tokens
        self._runs = runs
        self._stops: list[int] | None = None

    def __call__(self, words: Sequence[str], start: int) -> list[tuple[str, int]]:
        # The runs first: with a key filter most words begin none, and the limits (a
        # second pass over the sentence) are never worked out.
        found = self._runs(words, start)
        if not found:
            return []
        stop = (self._stops if self._stops is not None else self._limits())[start]
        return [(key, end) for key, end in found if end <= stop]

    def _limits(self) -> list[int]:
        """For each word, the last word a run beginning there may reach (itself: none)."""
        tokens = self._tokens
        text = self._sentence if self._sentence.isascii() else nfkc(self._sentence)
        spans = token_spans(text)
        if len(spans) != len(tokens):  # (never seen: tokenize reads the same text)
            spans = []
        stops = list(range(len(tokens)))
        for index in range(len(spans) - 2, -1, -1):
            gap = text[spans[index][2] : spans[index + 1][1]]
            if not _RUN_BREAK_RE.search(gap) or (
                gap == "," and tokens[index].isdigit() and tokens[index + 1].isdigit()
            ):  # ("₹2,000 notes": a figure's commas go on)
                stops[index] = stops[index + 1]
        joined = [stop > index for index, stop in enumerate(stops)]
        for index in range(1, len(tokens)):
            previous = tokens[index - 1]
            if (
                joined[index - 1]
                and previous[:1].isupper()
                and fold(previous) not in all_stopwords()
            ):
                stops[index] = index
        self._stops = stops
        return stops


def _no_runs(words: Sequence[str], start: int) -> list[tuple[str, int]]:
    """No run keys (a stream's profile: `story_model`'s `runs`)."""
    return []


#: What the story model needs of one token as written: (folded word, its `word_keys`,
#: its focus pair (word key, prefix key) or None for a short word or a stopword, and
#: whether a word pair it begins may have keys: see `KeyFilter.token`).
TokenInfo = tuple[str, tuple[str, ...], tuple[str, str] | None, bool]


def sentence_keys(
    infos: Sequence[TokenInfo],
    pair_keys: Callable[[str, str], tuple[str, ...]] = pair_keys,
    runs: Callable[[Sequence[str], int], list[tuple[str, int]]] = run_keys,
) -> dict[str, str]:
    """Every match key of a sentence's words (given as `TokenInfo`), mapped to the words
    that gave it: each word's keys, each pair's (from `pair_keys`) and each longer run's
    (from `runs`, `run_keys` by default)."""
    keys: dict[str, str] = {}
    last = len(infos) - 1
    words: list[str] | None = None
    for index, (word, word_keys_, _, pairs) in enumerate(infos):
        for key in word_keys_:
            if key not in keys:
                keys[key] = word
        if pairs and index < last:
            following = infos[index + 1][0]
            for key in pair_keys(word, following):
                if key not in keys:
                    keys[key] = f"{word} {following}"
            if index < last - 1:
                words = words or [info[0] for info in infos]
                for key, end in runs(words, index):
                    if key not in keys:
                        keys[key] = " ".join(words[index : end + 1])
    return keys


def token_info(token: str) -> TokenInfo:
    """What the story model needs of a token (`KeyFilter.token` caches it per matcher)."""
    word = fold(token)
    focus = None
    if len(word) >= 4 and word not in all_stopwords():
        focus = (f"w:{stem(word)}", prefix_key(word))
    return word, word_keys(word), focus, True


def claim_term_keys(
    word: str, translated: bool = True, glossary: Glossary | None = None, name: bool = False
) -> frozenset[str]:
    """Keys under which a claim's key term is found in a story, in any script and (when
    `translated`), for a word of the glossary, in its other languages' words
    (`tracker.engine.glossary`; `glossary`: the one to read, by default the shipped one).
    A `name` of two consonants is also found by its whole phonetic key (`short_name_key`)."""
    skeleton = word_skeleton(word) or (short_name_key(word) if name else None)
    if is_devanagari(word):
        keys = {f"w:{variant}" for variant in devanagari_stems(word)}
        if skeleton:
            keys |= {f"p:{skeleton}", f"q:{skeleton}"}
    else:
        keys = {f"w:{stem(word)}"}
        if skeleton and not CODE_RE.match(word):
            keys.add(f"p:{skeleton}")
    if translated:
        keys |= (_shipped_glossary() if glossary is None else glossary).keys_for(word)
    return frozenset(keys)


def name_keys(name: str, glossary: Glossary | None = None) -> frozenset[str]:
    """Keys of an entity name: every spelling of it that counts as a mention (a one-word
    name with its equivalents in `glossary`, by default the shipped one)."""
    words = [fold(word) for word in tokenize(name)]
    if not words:
        return frozenset()
    if len(words) == 1:
        return claim_term_keys(words[0], glossary=glossary, name=True)
    if len(words) == 2 and words[1].isdigit():
        return frozenset({f"w:{words[0]}{words[1]}"})
    joined = "".join(words)
    keys = {f"w:{stem(joined)}"}
    if len(words) >= 3 and not any(is_devanagari(word) for word in words):
        # The words in a row in a story (`run_keys`). A story is read for runs only
        # from a word that may begin a wanted pair (`KeyFilter._may_begin_pair`): the
        # ``w:`` key of the words joined, beside it, makes the first word one.
        keys.add(f"r:{run_body(words)}")
    if all(is_devanagari(word) for word in words):
        keys |= {f"w:{word}" for word in words}
    skeleton = word_skeleton(joined)
    if skeleton:
        keys |= {f"p:{skeleton}", f"q:{skeleton}"}
    return frozenset(keys)


#: How many leading sentences (title included) make the story's lead.
LEAD_SENTENCES = 3


@dataclass(frozen=True)
class StoryModel:
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
    #: What `places` and `find_group` found, per key set: the claims of one matcher
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


class BoundedMemo(dict[_K, _V]):
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


class KeyFilter:
    """The story keys a matcher's claims can read; a story model need not hold the others.

    Those are the claims' term, prefix and entity-group keys (the index), their
    sources' keys, their word-pair keys (`ClaimModel.bigrams`), and every
    phonetic key long enough for `find_group` to compare fuzzily. A story model
    holding only these gives every claim the same relevance as the full model:
    the keys kept keep their order, sentences and first surfaces.
    """

    #: Cached tokens, and word pairs, before each cache is emptied (a daemon sees new
    #: words forever).
    _MAX_TOKENS = 1 << 16
    _MAX_PAIRS = 1 << 15

    def __init__(self, wanted: Iterable[str]) -> None:
        self._wanted = frozenset(wanted)
        self._tokens = BoundedMemo(self._token_info, self._MAX_TOKENS)
        self._pairs = BoundedMemo(self._pair_info, self._MAX_PAIRS)
        #: `token_info` with only the wanted keys, in their order, cached per token: a
        #: plain dict lookup for a token seen before (`map` it over a sentence's tokens).
        self.token: Callable[[str], TokenInfo] = self._tokens.__getitem__
        # What `_may_begin_pair` compares a word with: the wanted word keys' beginnings,
        # and the keys themselves, also without a last "y" or "e".
        bodies = {key[2:] for key in self._wanted if key.startswith("w:")}
        self._pair_starts = frozenset(b[:i] for b in bodies for i in range(len(b) + 1))
        self._pair_cores = frozenset(bodies | {b[:-1] for b in bodies if b.endswith(("y", "e"))})
        # What `runs` compares the words joined so far with: the run keys' beginnings.
        runs = {key[2:] for key in self._wanted if key.startswith("r:")}
        self._run_starts = frozenset(b[:i] for b in runs for i in range(1, len(b) + 1))

    def wants(self, key: str) -> bool:
        """Can a claim read this key?"""
        return key in self._wanted or (key.startswith("p:") and len(key) - 2 >= FUZZY_MIN_LENGTH)

    def _token_info(self, token: str) -> TokenInfo:
        """`token_info` with only the wanted keys (what `token` caches).

        Its last item says whether a pair beginning with the word can have a wanted
        key, so that most word pairs are never looked up (`_may_begin_pair`).
        """
        word, keys, focus, _ = token_info(token)
        kept = tuple(key for key in keys if self.wants(key))
        return word, kept, focus, self._may_begin_pair(word)

    def _may_begin_pair(self, first: str) -> bool:
        """False only when no word after `first` makes a pair with a wanted key.

        A Devanagari pair may have a long phonetic key, always wanted. Any other
        pair's key (`pair_keys`) is the `stem` of the joined words: a beginning of
        them, maybe given a "y" or "e" ("companies" -> "company"). For it to be a
        wanted key, `first` must begin that key, or begin with it (the key without
        the "y" or "e") when the stem cut into `first`.
        """
        if is_devanagari(first):
            return True
        if first in self._pair_starts:
            return True
        return any(first[:i] in self._pair_cores for i in range(1, len(first)))

    def runs(self, words: Sequence[str], start: int) -> list[tuple[str, int]]:
        """The wanted keys among `run_keys(words, start)`, walking only as far as the
        words joined begin a wanted key."""
        if words[start] not in self._run_starts:
            return []
        found = run_keys(words, start, self._run_starts.__contains__)
        return [(key, end) for key, end in found if key in self._wanted]

    def pair(self, first: str, second: str) -> tuple[str, ...]:
        """The wanted keys among `pair_keys(first, second)` (cached per pair, bounded alike)."""
        return self._pairs[first, second]

    def _pair_info(self, pair: tuple[str, str]) -> tuple[str, ...]:
        """What `pair` caches."""
        return tuple(key for key in pair_keys(*pair) if self.wants(key))


def story_model(story: Story, keep: KeyFilter | None = None, *, runs: bool = True) -> StoryModel:
    """The story as relevance reads it; with `keep`, holding only the keys it wants.

    Runs of three words or more are read as `_RunLimits` allows, and not at all
    without `runs`: a stream's profile counts words and pairs only
    (`tracker.engine.stream.stream_samples`), so a long name is never the stream's
    subject (every run of a long article cost the lexical path a third of its speed and
    half again its memory; counting the capitalised ones moved one tuning verdict).
    """
    # A title is one unit: "Priest met God? It's fake" says its stance in its second half.
    title = " ".join(story.title.split())
    sentences = [title] if title else []
    sentences += split_sentences(story.text)
    sentences = sentences[:MAX_SENTENCES]
    merged: dict[str, str] = {}
    where: dict[str, list[int]] = {}
    lead: set[str] = set()
    focus_words: list[tuple[str, str]] = []
    lookup = token_info if keep is None else keep.token
    pairs_of = pair_keys if keep is None else keep.pair
    runs_of = run_keys if keep is None else keep.runs
    for index, sentence in enumerate(sentences):
        tokens = tokenize(sentence)
        infos = list(map(lookup, tokens))
        focus_words += [info[2] for info in infos if info[2] is not None]
        limits = _RunLimits(sentence, tokens, runs_of) if runs else _no_runs
        keys = sentence_keys(infos, pairs_of, limits)
        for key, surface in keys.items():
            places = where.get(key)
            if places is None:
                merged[key] = surface
                where[key] = [index]
            else:
                places.append(index)
        if index < LEAD_SENTENCES:
            lead.update(keys)
    frequency = Counter(focus_words)
    return StoryModel(
        tuple(sentences),
        merged,
        where,
        frozenset(lead),
        is_devanagari(story.title) or is_devanagari(story.text),
        not story.text.strip(),
        # (All sorted, then cut: the same order as most_common(FOCUS_WORDS), whose heap
        # is slower for the few dozen words of a story.)
        tuple(pair for pair, _ in frequency.most_common()[:FOCUS_WORDS]),
        tuple(i for i, sentence in enumerate(sentences) if DIGIT_RE.search(sentence)),
    )
