"""Relevance: is this story about this claim, and which of its sentences say so.

A `Matcher` is built once from the tracked claims. For each claim it precomputes
entity groups (hinted, or derived from the claim sentence), weighted key terms
and an inverted index from match keys to claims, so a story is only scored
against the claims it shares a key with.

Match keys make spellings meet across scripts (see `tracker.text`):
  * ``w:`` the folded, lightly stemmed word ("chips" -> ``w:chip``), also for
    adjacent words joined ("Deep Seek" -> ``w:deepseek``) and for spelled model
    codes ("आर 1" -> ``w:r1``);
  * ``p:`` the consonant skeleton of a Devanagari word's romanisation
    ("दीपसीकने" -> ``p:dpsk``), which a Latin claim term also carries;
  * ``q:`` the same skeleton for Latin story words, which Devanagari claim
    terms carry, so a Marathi claim finds an English story.

Pure: no I/O. `match` returns one `Verdict` per related claim.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz

from tracker import stance as stance_mod
from tracker.text import (
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
ENGINE_VERSION = "1.0"

#: A claim is related when this share of its weighted key terms is in the story.
RELATED_COVERAGE = 0.5
#: Skeletons this long may differ by one edit (अलेक्झांडर / Alexandr).
_FUZZY_MIN_LENGTH = 5
_FUZZY_CUTOFF = 80.0
_CODE_RE = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9]{2,8}$")
_MAX_SENTENCES = 400


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
        return tuple(keys)
    keys = {f"w:{stem(word)}"}
    skeleton = _skeleton(word)
    if skeleton and not word.isdigit():
        keys.add(f"q:{skeleton}")
    return tuple(keys)


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
    joined = first + second
    skeleton = _skeleton(joined)
    keys = [f"w:{stem(joined)}"]
    if skeleton:
        keys.append(f"q:{skeleton}")
    return tuple(keys)


def sentence_keys(words: Sequence[str]) -> dict[str, str]:
    """Every match key of a sentence's folded words, mapped to the words that gave it."""
    keys: dict[str, str] = {}
    for index, word in enumerate(words):
        for key in word_keys(word):
            keys.setdefault(key, word)
        if index + 1 < len(words):
            for key in _pair_keys(word, words[index + 1]):
                keys.setdefault(key, f"{word} {words[index + 1]}")
    return keys


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


@dataclass(frozen=True)
class _Term:
    word: str
    keys: frozenset[str]


@dataclass(frozen=True)
class _ClaimModel:
    claim: Claim
    groups: tuple[_EntityGroup, ...]
    terms: tuple[_Term, ...]
    weights: tuple[float, ...]
    profile: stance_mod.ClaimProfile
    #: The claim's own sources (attributed_to), as one group each.
    sources: tuple[_EntityGroup, ...] = ()


_NAME_PARTICLES = frozenset({"of", "de", "la", "van", "von", "al", "bin", "the", "&"})


def derive_entities(text: str) -> list[str]:
    """Names in a plain claim sentence: runs of capitalised words, acronyms and model codes.

    The sentence's first word counts only when it is not a common word.
    When most words are capitalised (a headline in Title Case) capitals say
    nothing, so only acronyms and model codes are returned.
    """
    words = tokenize(text)
    stop = all_stopwords()
    content = [
        w
        for w in words
        if fold(w) not in stop and w.isalpha() and not (len(w) >= 2 and w.isupper())
    ]
    capitalised = [w for w in content if w[:1].isupper()]
    title_case = len(content) >= 3 and len(capitalised) >= 0.75 * len(content)
    names: list[str] = []
    run: list[str] = []
    for index, word in enumerate(words):
        folded = fold(word)
        is_code = bool(_CODE_RE.match(folded)) and not folded.isdigit()
        is_acronym = len(word) >= 2 and word.isupper() and word.isalpha()
        is_name = word[:1].isupper() and word.isalpha() and not title_case
        if index == 0 and is_name and not is_acronym and folded in stop:
            is_name = False
        if is_code:
            names.extend(_close_run(run))
            names.append(word)
            run = []
            continue
        if is_acronym or is_name:
            run.append(word)
            continue
        if run and folded in _NAME_PARTICLES and not title_case:
            run.append(word)
            continue
        names.extend(_close_run(run))
        run = []
    names.extend(_close_run(run))
    return list(dict.fromkeys(names))


def _close_run(run: list[str]) -> list[str]:
    """A run of name words becomes one name (trailing particles dropped)."""
    while run and fold(run[-1]) in _NAME_PARTICLES:
        run = run[:-1]
    return [" ".join(run)] if run else []


def _hinted_groups(claim: Claim) -> list[_EntityGroup]:
    groups = []
    for names in claim.entities:
        keys = frozenset().union(*(_name_keys(name) for name in names)) if names else frozenset()
        if keys:
            groups.append(_EntityGroup(names[0], keys, _fuzzy_skeletons(names), required=True))
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


def _derived_groups(claim: Claim) -> list[_EntityGroup]:
    """Groups from the plain sentence: the first name is the main subject and required."""
    groups = []
    for position, name in enumerate(derive_entities(claim.text)):
        group = _name_group(name, required=position == 0)
        if group is not None:
            groups.append(group)
    return groups


def _claim_terms(claim: Claim) -> list[_Term]:
    stop = all_stopwords()
    seen: dict[str, _Term] = {}
    for word in [*tokenize(claim.text), *(w for k in claim.keywords for w in tokenize(k))]:
        folded = fold(word)
        if folded in stop or folded.isdigit() or len(folded) < 2:
            continue
        term = _Term(folded, _claim_term_keys(folded))
        seen.setdefault(stem(folded), term)
    return list(seen.values())


# --- stories -----------------------------------------------------------------


@dataclass(frozen=True)
class _StoryModel:
    sentences: tuple[str, ...]
    #: Keys of each sentence, mapped to the words that gave them.
    sentence_keys: tuple[dict[str, str], ...]
    keys: dict[str, str]
    has_devanagari: bool


def _story_model(story: Story) -> _StoryModel:
    sentences = split_sentences(story.title) if story.title.strip() else []
    sentences += split_sentences(story.text)
    sentences = sentences[:_MAX_SENTENCES]
    per_sentence = tuple(sentence_keys([fold(w) for w in tokenize(s)]) for s in sentences)
    merged: dict[str, str] = {}
    for keys in per_sentence:
        for key, surface in keys.items():
            merged.setdefault(key, surface)
    return _StoryModel(
        tuple(sentences),
        per_sentence,
        merged,
        is_devanagari(story.title) or is_devanagari(story.text),
    )


# --- relevance -----------------------------------------------------------------


@dataclass(frozen=True)
class Relevance:
    """Why a story is related to a claim: what matched, how much, and the best sentences."""

    coverage: float
    #: (entity label, the words of the story that matched it).
    entities: tuple[tuple[str, str], ...]
    matched_terms: tuple[str, ...]
    #: Story sentences, best first (at most three).
    sentences: tuple[str, ...]
    #: Coverage of each of `sentences`.
    sentence_coverages: tuple[float, ...]
    #: The claim's own source (attributed_to) as written in the story, if named.
    source_named: str | None = None

    @property
    def sentence_coverage(self) -> float:
        """Coverage of the best sentence alone."""
        return self.sentence_coverages[0] if self.sentence_coverages else 0.0


def _find_group(group: _EntityGroup, keys: Mapping[str, str], fuzzy_ok: bool) -> str | None:
    """The story words that mention the group, or None."""
    for key in group.keys:
        surface = keys.get(key)
        if surface is not None:
            return surface
    if fuzzy_ok and group.fuzzy:
        for key, surface in keys.items():
            if key.startswith("p:") and len(key) - 2 >= _FUZZY_MIN_LENGTH:
                for skeleton in group.fuzzy:
                    if fuzz.ratio(skeleton, key[2:], score_cutoff=_FUZZY_CUTOFF):
                        return surface
    return None


def _coverage(model: _ClaimModel, keys: Mapping[str, str]) -> tuple[float, list[str]]:
    matched: list[str] = []
    got = 0.0
    for term, weight in zip(model.terms, model.weights, strict=True):
        if any(key in keys for key in term.keys):
            matched.append(term.word)
            got += weight
    total = sum(model.weights)
    return (got / total if total else 0.0), matched


def _relevance(model: _ClaimModel, story: _StoryModel) -> Relevance | None:
    entities: list[tuple[str, str]] = []
    for group in model.groups:
        surface = _find_group(group, story.keys, story.has_devanagari)
        if surface is None:
            if group.required:
                return None
            continue
        entities.append((group.label, surface))
    coverage, matched = _coverage(model, story.keys)
    if model.claim.entities:
        # Naming one entity is necessary, not enough: something of what the claim
        # says about it must be there too. Two named groups (DeepSeek + R2) are
        # specific enough on their own, which lets a Marathi story meet an
        # English claim whose other words it cannot share.
        entity_keys = frozenset().union(*(g.keys for g in model.groups))
        if len(entities) < 2 and not any(
            term.keys.isdisjoint(entity_keys) and not term.keys.isdisjoint(story.keys)
            for term in model.terms
        ):
            return None
    elif coverage < RELATED_COVERAGE:
        return None
    ranked = sorted(
        range(len(story.sentences)),
        key=lambda i: (-_sentence_score(model, story.sentence_keys[i]), i),
    )
    best = ranked[:3]
    source_named = None
    for group in model.sources:
        source_named = source_named or _find_group(group, story.keys, story.has_devanagari)
    return Relevance(
        coverage=coverage,
        entities=tuple(entities),
        matched_terms=tuple(matched),
        sentences=tuple(story.sentences[i] for i in best),
        sentence_coverages=tuple(_coverage(model, story.sentence_keys[i])[0] for i in best),
        source_named=source_named,
    )


def _sentence_score(model: _ClaimModel, keys: Mapping[str, str]) -> float:
    coverage = _coverage(model, keys)[0]
    groups = sum(1 for g in model.groups if any(k in keys for k in g.keys))
    return coverage + 0.5 * groups / max(1, len(model.groups))


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
        models = [self._claim_model(claim) for claim in claims]
        document_frequency: dict[str, int] = defaultdict(int)
        for model in models:
            for term in model.terms:
                document_frequency[term.word] += 1
        total = len(models)
        self._models = [
            _ClaimModel(
                m.claim,
                m.groups,
                m.terms,
                tuple(math.log(1 + (total + 1) / document_frequency[t.word]) for t in m.terms),
                m.profile,
                m.sources,
            )
            for m in models
        ]
        self._index: dict[str, list[int]] = defaultdict(list)
        for position, model in enumerate(self._models):
            keys: set[str] = set()
            for term in model.terms:
                keys |= term.keys
            for group in model.groups:
                keys |= group.keys
            for key in keys:
                self._index[key].append(position)

    def _claim_model(self, claim: Claim) -> _ClaimModel:
        groups = _hinted_groups(claim) if claim.entities else _derived_groups(claim)
        terms = _claim_terms(claim)
        profile = stance_mod.profile_claim(claim, self._lexicon)
        sources = tuple(
            group
            for group in (_name_group(name, required=False) for name in claim.attributed_to)
            if group is not None
        )
        return _ClaimModel(
            claim, tuple(groups), tuple(terms), (1.0,) * len(terms), profile, sources
        )

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The claims this matcher scores against, in the order given."""
        return tuple(model.claim for model in self._models)

    def candidates(self, story: Story) -> list[Claim]:
        """Claims sharing at least one key with the story (before any scoring)."""
        model = _story_model(story)
        return [self._models[i].claim for i in self._candidate_positions(model)]

    def _candidate_positions(self, story: _StoryModel) -> list[int]:
        positions: set[int] = set()
        for key in story.keys:
            hits = self._index.get(key)
            if hits:
                positions.update(hits)
        return sorted(positions)

    def relevance(self, claim_position: int, story: Story) -> Relevance | None:
        """Relevance of one story to the claim at `claim_position` (None when unrelated)."""
        return _relevance(self._models[claim_position], _story_model(story))

    def match(self, story: Story, now: datetime | None = None) -> list[Verdict]:
        """One verdict per claim the story is related to, in claim order."""
        model = _story_model(story)
        verdicts = []
        for position in self._candidate_positions(model):
            claim_model = self._models[position]
            related = _relevance(claim_model, model)
            if related is None:
                continue
            verdicts.append(self._verdict(claim_model, related, story, now))
        return verdicts

    def _verdict(
        self, model: _ClaimModel, related: Relevance, story: Story, now: datetime | None
    ) -> Verdict:
        judged = stance_mod.judge(
            model.profile,
            related.sentences,
            published=story.published,
            now=now,
            lexicon=self._lexicon,
            source_named=related.source_named,
            coverages=related.sentence_coverages,
        )
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
        reasons.append(
            f"{len(related.matched_terms)} of {len(model.terms)} key terms found"
            f" ({related.coverage:.0%})"
        )
        reasons += judged.reasons
        return Verdict(
            claim_id=model.claim.id,
            stance=judged.stance,
            score=round(relevance_score * judged.confidence, 3),
            evidence=judged.evidence,
            reasons=tuple(reasons),
            engine_version=ENGINE_VERSION,
        )
