"""Relevance: is this story about this claim, and which of its sentences say so.

Pure: no I/O. `relevance_of` measures a story against one claim model and
returns a `Relevance` (or None when unrelated).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from tracker.engine import stance as stance_mod
from tracker.engine.claims import ClaimModel, EntityGroup, Term
from tracker.engine.keys import FOCUS_WORDS, FUZZY_MIN_LENGTH, StoryModel
from tracker.engine.linear import LinearModel, load_models

#: A plain claim is scored by the relevance model only when the upper bound of
#: coverage + FOCUS_WEIGHT x focus + PHRASE_WEIGHT x phrases reaches this (see
#: `candidate_score`): a cheap filter before the model.
CANDIDATE_SCORE = 0.3
#: Weight of focus: the share of the story's most frequent words that are claim terms.
FOCUS_WEIGHT = 1.5
#: Weight of phrases: the share of the claim's adjacent word pairs found adjacent.
PHRASE_WEIGHT = 0.5
#: A hinted claim with only one of its entity groups named (DeepSeek, the subject of
#: most stories in a DeepSeek feed) needs this share of its key terms: one or two
#: shared words ("companies", "banned") do not make a chip denial evidence about
#: app stores.
HINTED_COVERAGE = 0.2
#: A plain claim needs this many of its key terms in a related headline (`shares_enough`).
MIN_SHARED_TERMS = 2
LISTED_FEATURES = 4
PREFIX_VALUE = 0.5
_FREQUENCY_WEIGHT = 0.7
# BM25-style saturation (k1) and length normalisation (b) over sentence counts.
_SATURATION = 2.0
_LENGTH_NORM = 0.75
_AVERAGE_SENTENCES = 15
_LEAD_BONUS = 0.4
FUZZY_CUTOFF = 80.0
#: The relevance models `tracker/data/relevance_model.json` must hold.
_RELEVANCE_KINDS = ("article", "headline")


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


def find_group(group: EntityGroup, story: StoryModel) -> str | None:
    """The story words that mention the group (its earliest mention), or None.

    Computed once per story for each set of names (`StoryModel._mentions`).
    """
    names = (group.keys, group.fuzzy)
    if names in story._mentions:
        return story._mentions[names]
    surface = story._mentions[names] = _first_mention(group, story)
    return surface


def _first_mention(group: EntityGroup, story: StoryModel) -> str | None:
    """What `find_group` returns, computed."""
    found = [(story.where[key][0], story.keys[key]) for key in group.keys if key in story.keys]
    if found:
        return min(found)[1]
    if story.has_devanagari and group.fuzzy:
        for key, surface in story.keys.items():
            if key.startswith("p:") and len(key) - 2 >= FUZZY_MIN_LENGTH:
                for skeleton in group.fuzzy:
                    if fuzz.ratio(skeleton, key[2:], score_cutoff=FUZZY_CUTOFF):
                        return surface
    return None


def term_hits(term: Term, story: StoryModel) -> list[str]:
    """The story keys under which a claim term is found (full keys first, then the prefix)."""
    hits = [key for key in term.keys if key in story.where]
    if not hits and term.prefix and term.prefix in story.where:
        hits = [term.prefix]
    return hits


def _term_value(term: Term, hits: list[str], story: StoryModel) -> float:
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
        value = PREFIX_VALUE
    else:
        count = max(len(story.where[key]) for key in hits)
        length = 1 - _LENGTH_NORM + _LENGTH_NORM * len(story.sentences) / _AVERAGE_SENTENCES
        saturation = count / (count + _SATURATION * length)  # in (0, 1)
        value = 1.0 - _FREQUENCY_WEIGHT + _FREQUENCY_WEIGHT * min(1.0, 1.5 * saturation)
    if any(key in story.lead for key in hits):
        value += _LEAD_BONUS
    return min(1.0, value)


def candidate_score(model: ClaimModel, story: StoryModel, coverage: float, focus: float) -> float:
    """A plain claim's relevance: coverage + focus + phrases of the claim said as phrases."""
    phrases = 0.0
    if model.bigrams:
        phrases = sum(1 for key in model.bigrams if key in story.keys) / len(model.bigrams)
    return coverage + FOCUS_WEIGHT * focus + PHRASE_WEIGHT * phrases


def focus_of(model: ClaimModel, story: StoryModel) -> float:
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


def groups_found(
    model: ClaimModel, story: StoryModel
) -> tuple[list[tuple[str, str]], list[EntityGroup], EntityGroup | None]:
    """Matched (label, surface) pairs and groups, and a required group that is missing."""
    entities: list[tuple[str, str]] = []
    found: list[EntityGroup] = []
    missing: EntityGroup | None = None
    for group in model.groups:
        surface = find_group(group, story)
        if surface is None:
            if group.required and (missing is None or group.strict):
                missing = group
            continue
        entities.append((group.label, surface))
        found.append(group)
    return entities, found, missing


def _says_more_than_names(
    model: ClaimModel, story: StoryModel, found: int, scored: Sequence[Scored]
) -> bool:
    """A hinted claim needs words beyond its entity names, unless two groups are named.

    Naming DeepSeek alone is not enough for a claim about its chips (unless a
    sentence counts chips, see `counts_the_claimed_unit`); naming
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
    return counts_the_claimed_unit(model, story)


def may_say_more_than_names(model: ClaimModel, present: Collection[int]) -> bool:
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


def counts_the_claimed_unit(model: ClaimModel, story: StoryModel) -> bool:
    """A sentence naming the claim's subject gives a figure in the claim's unit.

    "DeepSeek holds 50,000 chips" (or 10,000) is about the chips claim even when
    it shares no other word with its long sentence. The same sentence must name
    the subject: relatedness is decided on firmer ground than the stance rules'
    "DeepSeek ... . It has 10,000 chips".
    """
    if not model.profile.unit_keys:
        return False  # `states_counted_figure` needs a unit
    # The sentences naming every required group (`names_subject` without `previous`).
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
Scored = tuple[int, Term, float, list[str], float]


def _scored_terms(
    model: ClaimModel, story: StoryModel, present: Collection[int] | None = None
) -> list[Scored]:
    """The claim's terms the story holds, in term order, with their values.

    `present`, when given, holds the numbers of every term sharing a key with the
    story (from the matcher's index, `Matcher._candidate_hits`); the others are
    not looked up: they cannot have hits.
    """
    terms, weights = model.terms, model.weights
    numbers: Iterable[int] = (
        range(len(terms)) if present is None else sorted(n for n in present if n >= 0)
    )
    out: list[Scored] = []
    for number in numbers:
        term = terms[number]
        hits = term_hits(term, story)
        if hits:
            out.append((number, term, weights[number], hits, _term_value(term, hits, story)))
    return out


def relevance_of(
    model: ClaimModel,
    story: StoryModel,
    gate: bool = True,
    present: Collection[int] | None = None,
) -> Relevance | None:
    """How the story relates to the claim; None when it is unrelated (unless `gate` is off).

    The gate: every hinted entity group and a name-like main subject must be
    named; a hinted claim needs a word beyond its names (or two named groups);
    a plain claim needs the relevance model (`plain_features`, trained by
    bench/train_engine.py) to say yes.
    """
    entities, found, missing = groups_found(model, story)
    if gate and missing is not None and missing.strict:
        return None
    hinted = bool(model.claim.entities)
    # What `_says_more_than_names` would say, decided without the term values when it can.
    if (
        gate
        and hinted
        and present is not None
        and len(found) < 2
        and not may_say_more_than_names(model, present)
        and not counts_the_claimed_unit(model, story)
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
    focus = focus_of(model, story)
    features: dict[str, float] = {}
    probability = None
    if not hinted:
        features = plain_features(model, story, matched, (coverage, focus), found, missing)
        decider = relevance_model(story)
        probability = decider.probability(features)
        if gate and probability < decider.threshold:
            return None
    if gate and not model.claim.entities and not shares_enough(model, story, len(matched)):
        return None
    best, coverages = _best_sentences(matched, found, total, story, model)
    source_named = None
    for source in model.sources:
        source_named = source_named or find_group(source, story)
    return Relevance(
        coverage=coverage,
        focus=focus,
        entities=tuple(entities),
        matched_terms=tuple(term.word for term, _, _ in matched),
        sentences=tuple(story.sentences[i] for i in best),
        sentence_coverages=coverages,
        source_named=source_named,
        story_sentences=len(story.sentences),
        names_subject=tuple(names_subject(model, story, i) for i in best),
        probability=probability,
        features=features,
    )


def relevance_model(story: StoryModel) -> LinearModel:
    """The packaged relevance model for plain claims that fits the story.

    A headline alone says little and paraphrases; an article (any story with
    text) repeats its subject: two models (tracker/data/relevance_model.json).
    """
    return load_models("relevance_model", _RELEVANCE_KINDS)[story.kind]


def plain_features(
    model: ClaimModel,
    story: StoryModel,
    matched: list[tuple[Term, float, list[str]]],
    scores: tuple[float, float],
    found: list[EntityGroup],
    missing: EntityGroup | None,
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


def names_subject(model: ClaimModel, story: StoryModel, index: int, previous: bool = True) -> bool:
    """Does sentence `index` (or the one before it) name the claim's subject groups?

    The sentence before counts too: "DeepSeek ... . It has 10,000 chips." (unless
    `previous` is False).
    """
    for group in model.required_groups:
        places = story.places(group.keys)
        if index not in places and not (previous and index - 1 in places):
            return False
    return True


def _rarest_missing(model: ClaimModel, matched: list[tuple[Term, float, list[str]]]) -> float:
    """Weight of the rarest claim term the story lacks, against the rarest term's."""
    have = {id(term) for term, _, _ in matched}
    missing = [
        w for term, w in zip(model.terms, model.weights, strict=True) if id(term) not in have
    ]
    return max(missing, default=0.0) / (max(model.weights, default=0.0) or 1.0)


def shares_enough(model: ClaimModel, story: StoryModel, matched: int) -> bool:
    """A headline shares more than one word with a plain claim it relates to.

    "DeepSeek hires researchers" shares only the name with a claim about app
    stores: one shared word, however rare, is a topic, not evidence. (An
    article's model weighs focus and spread, which one word does not give.)
    """
    return story.kind == "article" or matched >= min(MIN_SHARED_TERMS, len(model.terms))


def _best_sentences(
    matched: list[tuple[Term, float, list[str]]],
    groups: list[EntityGroup],
    total: float,
    story: StoryModel,
    model: ClaimModel,
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
        if stance_mod.states_quantity(model.profile, sentence) and names_subject(
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


def relevance_reason(related: Relevance, kind: str) -> str:
    """The relevance model's decision in words: its probability and the features that weighed most.

    "relevance 0.83 (article model, bar 0.44); weighed most: the story holds 52% of
    the claim's key terms (by weight) (+4.02), ..." -- a signed weight for or against.
    """
    model = load_models("relevance_model", _RELEVANCE_KINDS)[kind]
    probability = related.probability or 0.0
    parts = [
        f"{feature_in_words(name, related.features.get(name, 0.0))} ({part:+.2f})"
        for name, part in model.contributions(related.features)[:LISTED_FEATURES]
    ]
    head = f"relevance {probability:.2f} ({kind} model, bar {model.threshold:.2f})"
    return head + ("; weighed most: " + ", ".join(parts) if parts else "")
