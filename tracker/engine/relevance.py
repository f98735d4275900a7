"""Relevance: does this story speak to this claim's proposition, and which sentences say so.

A claim is measured against the stream it is tracked in (tracker.engine.stream):
its `Proposition` weighs each of its key terms by how rare it is in the
background table *and* in the stream, so the subject every story names counts
for nothing and what distinguishes the claim (its predicate, object, figures,
source) counts for all. With vectors (tracker.engine.vectors), the claim and the
story are also compared as meanings, with the stream's mean taken out and the
similarity calibrated against the claim's usual similarity to stories of the
same language: paraphrases and Hindi or Marathi stories meet an English claim.

The decision is a small logistic model over readable features (`FEATURES`),
one for the semantic path (with vectors) and one for the lexical path (without),
shipped in `tracker/data/relevance_model.json` and trained by
`bench/train_engine.py` on single-topic streams. The reasons name, in words, the
features that weighed most and what the proposition was measured against.

Pure: no I/O. `relevance_of` returns a `Relevance` or None (unrelated); the
`Relevance` is the one object the stance step reads.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from tracker.engine.claims import ClaimModel, EntityGroup, Term
from tracker.engine.denial import denies
from tracker.engine.figures import figure_stance, states_quantity
from tracker.engine.keys import FOCUS_WORDS, FUZZY_MIN_LENGTH, StoryModel
from tracker.engine.linear import LinearModel, load_models
from tracker.engine.proposition import counts_a_thing, marks_of_words
from tracker.engine.stream import StreamProfile
from tracker.engine.vectors import StoryVectors, Vector
from tracker.types import Stance

__all__ = [
    "FEATURES",
    "PATHS",
    "Proposition",
    "Relevance",
    "build_proposition",
    "feature_in_words",
    "relevance_of",
    "share_of_bar",
]

#: The features each path's model weighs (docs/verdicts.md says each in words).
FEATURES: Mapping[str, tuple[str, ...]] = {
    "semantic": (
        "proposition",
        "best_sentence",
        "names",
        "figure",
        "subject_unnamed",
        "hinted_proposition",
        "spread",
        "focus",
        "denial",
        "similarity",
        "sentence_similarity",
        "closeness",
    ),
    "lexical": (
        "proposition",
        "best_sentence",
        "names",
        "figure",
        "subject_unnamed",
        "hinted_proposition",
        "spread",
        "focus",
        "denial",
    ),
}
PATHS = tuple(FEATURES)
#: A name in at least this share of the stream's stories is the stream's subject: a
#: story needn't name it to be about it, and naming it says nothing.
SUBJECT_SHARE = 0.5
#: A term this rare in the stream (stream rarity in [0, 1]) is part of what the claim
#: says beyond its subject: refuting and confirming cues must govern one of these.
DISTINCTIVE_RARITY = 0.35
#: Claims whose similarity to a story is this many spreads above their usual are
#: scored even when they share no key with it (a paraphrase, another script).
SEMANTIC_CANDIDATE_Z = 1.0
FUZZY_CUTOFF = 80.0
#: Added to the title's rank among the evidence sentences: a headline carries the story's stance.
TITLE_BONUS = 0.15
#: A hinted entity group this rare in the stream (stream rarity, 1: in no story) makes a
#: story naming every group of the claim related (`_names_the_hinted_entities`).
RARE_ENTITY = 0.5
#: How many of the stream's stories closest to a claim are added to its vector (`_expanded`).
EXPANSION_STORIES = 3
#: How many sentences the stance step reads, best first.
EVIDENCE_SENTENCES = 3
LISTED_FEATURES = 4


@dataclass(frozen=True)
class Proposition:
    """A claim as it stands out of its stream: what it says beyond the stream's subject."""

    model: ClaimModel
    #: Per key term: background rarity x stream rarity.
    weights: tuple[float, ...]
    #: Per key term: rarity in the stream, in [0, 1] (0: in every story).
    rarity: tuple[float, ...]
    #: Indices of the entity groups that are the stream's subject.
    subject_groups: frozenset[int]
    #: Per entity group: its stream rarity (the subject's is near 0).
    group_rarity: tuple[float, ...]
    #: The claim's vector with the stream's mean taken out, or None (lexical path).
    vector: Vector | None
    #: Per language group: the (mean, spread) of the claim's similarity to stories.
    calibration: Mapping[str, tuple[float, float]]
    #: What the proposition was measured against, as verdicts record it.
    stream: str
    #: The stream's mean story vector, taken out of story vectors before comparing.
    mean: Vector | None = None

    def centred(self, rows: Vector) -> Vector:
        """Story vectors with the stream's mean taken out, normalised."""
        if self.mean is None:
            return rows
        centred = np.asarray(rows, dtype=np.float32) - self.mean
        norms = np.linalg.norm(centred, axis=-1, keepdims=True)
        out: Vector = (centred / np.maximum(norms, 1e-12)).astype(np.float32)
        return out

    @functools.cached_property
    def naming(self) -> tuple[bool, ...]:
        """Per term: is it one of the hinted entities' names? An analyst who lists a
        claim's `entities` says what it is about; its other words say what it says."""
        if not self.model.claim.entities:
            return tuple(False for _ in self.model.terms)
        names = frozenset().union(*(group.keys for group in self.model.groups))
        return tuple(not term.keys.isdisjoint(names) for term in self.model.terms)

    @functools.cached_property
    def names_beyond_subject(self) -> bool:
        """Does the claim require an entity group other than the stream's subject?"""
        return any(
            group.required and number not in self.subject_groups
            for number, group in enumerate(self.model.groups)
        )

    @functools.cached_property
    def distinctive(self) -> tuple[str, ...]:
        """The claim's terms that are more than its subject and names, as written."""
        return tuple(
            term.word
            for term, rarity, naming in zip(self.model.terms, self.rarity, self.naming, strict=True)
            if rarity >= DISTINCTIVE_RARITY and not naming
        )

    @functools.cached_property
    def saying_weight(self) -> float:
        """Weight of what the claim sentence says beyond its hinted names (see `naming`)."""
        terms = self.model.terms

        def counted(i: int) -> bool:
            return terms[i].from_text and not self.naming[i]

        total = sum(w for i, w in enumerate(self.weights) if counted(i)) - self._listed(counted)
        return total or self.total_weight

    def _listed(self, counted: Callable[[int], bool]) -> float:
        """What a list of parallel names adds beyond one member (of the terms `counted`):
        a list weighs as one slot, which a story saying the claim of one member fills."""
        extra = 0.0
        for members in self.model.alternatives:
            sums = [sum(self.weights[i] for i in member if counted(i)) for member in members]
            extra += sum(sums) - max(sums)
        return extra

    @functools.cached_property
    def distinctive_marks(self) -> frozenset[str]:
        """Stance marks of the distinctive terms: what a cue must govern to be about the claim."""
        return marks_of_words(self.distinctive, self.model.glossary)

    @functools.cached_property
    def subject_words(self) -> tuple[str, ...]:
        """Entity names that are the stream's subject (for reasons)."""
        return tuple(self.model.groups[i].label for i in sorted(self.subject_groups))

    @functools.cached_property
    def total_weight(self) -> float:
        """Sum of the weights of the terms the claim sentence writes (keywords add to a
        match but are alternatives, not all expected); at least a small positive number."""
        terms = self.model.terms
        total = sum(w for term, w in zip(terms, self.weights, strict=True) if term.from_text)
        total -= self._listed(lambda i: terms[i].from_text)
        return total or sum(self.weights) or 1e-9


def _rarity(df: float, stories: float) -> float:
    """How rare a document frequency is in a stream of `stories`, in [0, 1]."""
    return max(0.0, math.log((stories + 1) / (df + 1)) / math.log(stories + 1))


def build_proposition(
    model: ClaimModel, profile: StreamProfile, *, vector: Vector | None = None
) -> Proposition:
    """The claim measured against the stream `profile` (and nothing else: not the other
    claims loaded). `vector`: the claim's query vector (semantic path).

    Before the stream has stories every term keeps its background weight and no
    name is the stream's subject.
    """
    stories = profile.stories

    def rarity_of(keys: frozenset[str]) -> float:
        if stories <= 0:
            return 1.0
        return _rarity(max((profile.key_df(key) for key in keys), default=0), stories)

    rarity = tuple(rarity_of(term.keys) for term in model.terms)
    weights = _one_slot_a_list(
        model, tuple(w * r for w, r in zip(model.weights, rarity, strict=True))
    )
    group_rarity = tuple(rarity_of(group.keys) for group in model.groups)
    subject = frozenset(
        i
        for i, group in enumerate(model.groups)
        if stories > 0
        and max((profile.key_df(k) for k in group.keys), default=0) >= SUBJECT_SHARE * stories
    )
    centred = None
    calibration: Mapping[str, tuple[float, float]] = {}
    if vector is not None:
        centred = profile.centred(vector[None, :])[0]
        calibration = profile.calibration(centred)
        centred = _expanded(centred, profile, calibration)
        calibration = profile.calibration(centred)
    return Proposition(
        model,
        weights,
        rarity,
        subject,
        group_rarity,
        centred,
        calibration,
        profile.label if stories else "no stream yet",
        profile.mean if vector is not None else None,
    )


def _one_slot_a_list(model: ClaimModel, weights: tuple[float, ...]) -> tuple[float, ...]:
    """Each member of a list of parallel names weighs as much as its heaviest member, so
    that "South Korea" fills the slot of "from South Korea to Italy" as "Italy" does
    (`Proposition.total_weight` counts the slot once)."""
    if not model.alternatives:
        return weights
    out = list(weights)
    for i in model.list_categories:
        out[i] = 0.0  # "Governments" from South Korea to Italy: South Korea is one
    for members in model.alternatives:
        sums = [sum(weights[i] for i in member) for member in members]
        top = max(sums)
        for member, total in zip(members, sums, strict=True):
            for i in member:
                out[i] = weights[i] * top / total if total > 0 else weights[i]
    return tuple(out)


def _expanded(
    claim: Vector, profile: StreamProfile, calibration: Mapping[str, tuple[float, float]]
) -> Vector:
    """The claim's vector moved towards its EXPANSION_STORIES closest stories of the stream.

    The stories most like the claim are about it; what they share (the way the
    stream words the claim's proposition, in every language) is added to the claim,
    so that a story saying it otherwise - negated, in Hindi - is found too
    (pseudo-relevance feedback; measured in docs/benchmarks.md).
    """
    scored: list[tuple[float, Vector]] = []
    for group, rows in profile.samples.items():
        if not len(rows):
            continue
        mean, spread = calibration.get(group, (0.0, 1.0))
        levels = (rows @ claim - mean) / spread
        for index in np.argsort(-levels)[:EXPANSION_STORIES]:
            scored.append((float(levels[index]), rows[index]))
    if len(scored) < EXPANSION_STORIES:
        return claim
    scored.sort(key=lambda item: -item[0])
    closest = np.vstack([row for _, row in scored[:EXPANSION_STORIES]]).mean(axis=0)
    moved = claim + closest
    out: Vector = (moved / max(float(np.linalg.norm(moved)), 1e-12)).astype(np.float32)
    return out


@dataclass(frozen=True)
class Relevance:
    """Why a story is related to a claim: what matched, how much, and the evidence sentences.

    The one object the stance step reads (`tracker.engine.stance.judge`).
    """

    #: Stream-weighted share of the claim's key terms found in the story, in [0, 1].
    coverage: float
    #: (entity label, the words of the story that matched it).
    entities: tuple[tuple[str, str], ...]
    matched_terms: tuple[str, ...]
    #: Story sentences, best first (at most EVIDENCE_SENTENCES).
    sentences: tuple[str, ...]
    #: Stream-weighted share of the claim's key terms in each of `sentences`.
    sentence_coverages: tuple[float, ...]
    #: The claim's own source (attributed_to) as written in the story, if named.
    source_named: str | None = None
    #: How many sentences the story has (title included).
    story_sentences: int = 1
    #: Whether each of `sentences` names the claim's subject (a name the stream's
    #: stories all share counts as named), so that a figure in it is about the claim.
    names_subject: tuple[bool, ...] = ()
    #: The claim has a required entity group other than the stream's subject.
    names_beyond_subject: bool = True
    #: The relevance model's probability, and the features it weighed.
    probability: float = 0.0
    features: Mapping[str, float] = dataclasses.field(default_factory=dict)
    #: "semantic" (with vectors) or "lexical".
    path: str = "lexical"
    #: Per evidence sentence: its similarity to the claim in spreads from the claim's
    #: usual similarity to stories of the stream (semantic path; empty on the lexical).
    sentence_levels: tuple[float, ...] = ()
    #: What the claim says beyond its subject: the marks a stance cue must govern.
    distinctive_marks: frozenset[str] = frozenset()
    #: What the proposition was measured against ("stream a1b2c3d4 (70 stories)").
    stream: str = ""
    #: The story's sentences in order, title first (read by the article stance model).
    all_sentences: tuple[str, ...] = ()
    #: Whether the pair passes the relevance bar (`match` reports it); a measure taken
    #: with the gate off (`Matcher.judge`) may not.
    passes: bool = True

    @property
    def sentence_coverage(self) -> float:
        """Coverage of the best sentence alone."""
        return self.sentence_coverages[0] if self.sentence_coverages else 0.0

    @property
    def sentence_level(self) -> float | None:
        """The best sentence's similarity level, when vectors were compared."""
        return self.sentence_levels[0] if self.sentence_levels else None


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


def groups_found(
    prop: Proposition, story: StoryModel
) -> tuple[list[tuple[str, str]], list[int], EntityGroup | None]:
    """Matched (label, surface) pairs, the indices of the groups found, and a strict
    required group that is missing (the stream's subject is never missing: a story in
    a stream about DeepSeek needn't say "DeepSeek")."""
    entities: list[tuple[str, str]] = []
    found: list[int] = []
    missing: EntityGroup | None = None
    for index, group in enumerate(prop.model.groups):
        surface = find_group(group, story)
        if surface is None:
            if group.required and group.strict and index not in prop.subject_groups:
                missing = missing or group
            continue
        entities.append((group.label, surface))
        found.append(index)
    return entities, found, missing


def names_subject(prop: Proposition, story: StoryModel, index: int, previous: bool = True) -> bool:
    """Does sentence `index` (or the one before it) name the claim's required groups?

    The stream's subject counts as named everywhere. The sentence before counts
    too: "DeepSeek ... . It has 10,000 chips." (unless `previous` is False).
    """
    for number, group in enumerate(prop.model.groups):
        if not group.required or number in prop.subject_groups:
            continue
        places = story.places(group.keys)
        if index not in places and not (previous and index - 1 in places):
            return False
    return True


def _figure(prop: Proposition, story: StoryModel) -> bool:
    """A sentence about the claim's subject states a figure of the claim's kind or its year."""
    profile = prop.model.profile
    if profile.quantity is None and not profile.years:
        return False
    return any(
        states_quantity(profile, story.sentences[index])
        and names_subject(prop, story, index, previous=False)
        for index in story.with_digits
    )


@dataclass(frozen=True)
class _Measure:
    features: dict[str, float]
    entities: list[tuple[str, str]]
    matched: list[str]
    #: Per sentence index: stream-weighted coverage.
    per_sentence: dict[int, float]
    #: Per sentence index: the same without the hinted entities' names (what the
    #: sentence says of the claim, for the stance step).
    saying: dict[int, float]
    #: Per embedded sentence: centred similarity to the claim.
    similarities: tuple[float, ...]
    missing: EntityGroup | None


def _measure(
    prop: Proposition, story: StoryModel, vectors: StoryVectors | None, group: str
) -> _Measure:
    """Every feature of the pair, and what the reasons and the evidence need."""
    model = prop.model
    total = prop.total_weight
    got = 0.0
    per_sentence: dict[int, float] = {}
    matched: list[str] = []
    saying: dict[int, float] = {}
    for term, weight, naming in zip(model.terms, prop.weights, prop.naming, strict=True):
        hits = term_hits(term, story)
        if not hits:
            continue
        matched.append(term.word)
        got += weight
        for index in {i for key in hits for i in story.where[key]}:
            per_sentence[index] = per_sentence.get(index, 0.0) + weight / total
            if not naming:
                saying[index] = saying.get(index, 0.0) + weight / prop.saying_weight
    entities, found, missing = groups_found(prop, story)
    named = sum(prop.group_rarity[i] for i in found)
    possible = sum(prop.group_rarity) or 1.0
    features = {
        "proposition": min(1.0, got / total),
        "best_sentence": min(1.0, max(per_sentence.values(), default=0.0)),
        "names": named / possible if model.groups else 0.0,
        "figure": 1.0 if _figure(prop, story) else 0.0,
        "subject_unnamed": 1.0 if missing is not None else 0.0,
    }
    # An analyst's hints (names and keywords in every script) make coverage a stronger
    # sign than the plain sentence's words do: weighed apart.
    hinted = bool(model.claim.entities or model.claim.keywords)
    features["hinted_proposition"] = features["proposition"] if hinted else 0.0
    # A long article that mentions the claim in one of forty sentences is not about it.
    features["spread"] = len(saying) / max(1, len(story.sentences))
    features["focus"] = _focus(prop, story)
    # A denial in the headline: a story contradicting a claim says it otherwise, so
    # its words and meaning sit further from the claim's than a confirmation's do.
    features["denial"] = 1.0 if story.sentences and denies(story.sentences[0]) else 0.0
    similarities: tuple[float, ...] = ()
    if vectors is not None and prop.vector is not None:
        mean, spread = prop.calibration.get(group, (0.0, 1.0))
        whole = float(prop.centred(vectors.whole[None, :])[0] @ prop.vector)
        features["similarity"] = (whole - mean) / spread
        # The similarity itself, not against the claim's usual: a claim no story of the
        # stream is about still has its closest stories, which are not about it.
        features["closeness"] = whole
        if len(vectors.sentences):
            sims = prop.centred(vectors.sentences) @ prop.vector
            similarities = tuple(float(s) for s in sims)
            features["sentence_similarity"] = (max(similarities) - mean) / spread
        else:
            features["sentence_similarity"] = features["similarity"]
    return _Measure(features, entities, matched, per_sentence, saying, similarities, missing)


def _names_the_hinted_entities(prop: Proposition, measure: _Measure) -> bool:
    """An analyst's `entities` hint names what the claim is about: a story naming every
    group, one of them rare in the stream (RARE_ENTITY), is about the claim, whatever
    the model says ("DeepSeek readies R2" for a claim on R2; in a stream where R2 is in
    most stories, naming it is not enough)."""
    groups = prop.model.groups
    if not prop.model.claim.entities or len(groups) < 2:
        return False
    if len(measure.entities) < len(groups):
        return False
    return any(rarity >= RARE_ENTITY for rarity in prop.group_rarity[1:])


def _counts_the_hinted_quantity(prop: Proposition, story: StoryModel) -> bool:
    """A figure is about the claim when a sentence names the claim's first entity group and
    states the claim's own figure ("Liang was born in 1985" for "... born in 1985"), or,
    for a `quantity` hint with a unit of a thing, any figure in that unit ("DeepSeek holds
    10,000 GPUs" for a claim of 50,000 chips; not any sum of rupees for a claim of a
    cost), or, for a death toll, a count of the dead ("50 killed" for "killed nearly
    300")."""
    model = prop.model
    profile = model.profile
    if profile.quantity is None or not model.groups:
        return False
    named = story.places(model.groups[0].keys)
    hinted_unit = counts_a_thing(profile)
    for index in story.with_digits:
        if index not in named:
            continue
        found = figure_stance(profile, story.sentences[index])
        if found is Stance.CORROBORATES:
            return True
        if found is not None and (hinted_unit or profile.counts_deaths):
            return True
    return False


def decision_model(path: str) -> LinearModel:
    """The shipped relevance model of a path ("semantic" or "lexical")."""
    return load_models("relevance_model", PATHS)[path]


def share_of_bar(related: Relevance) -> float:
    """The pair's relevance probability as a share of its path's bar (1 and over: the
    model relates it)."""
    return related.probability / decision_model(related.path).threshold


def relevance_of(
    prop: Proposition,
    story: StoryModel,
    *,
    vectors: StoryVectors | None = None,
    group: str = "en",
    gate: bool = True,
) -> Relevance | None:
    """How the story relates to the claim; None when it is unrelated (unless `gate` is off).

    `vectors`: the story's vectors (semantic path, when the claim has a vector of the
    same encoder); `group`: the story's language group (tracker.engine.stream).
    """
    semantic = vectors is not None and prop.vector is not None
    measure = _measure(prop, story, vectors if semantic else None, group)
    path = "semantic" if semantic else "lexical"
    if gate and measure.missing is not None:
        return None
    decider = decision_model(path)
    probability = decider.probability(measure.features)
    # An analyst's names make a story related whatever the model says; so does, on the
    # lexical path (words only), a figure of the claim's. The semantic model weighs a
    # figure with the story's meaning: overriding it there related more unrelated
    # stories than related ones (docs/benchmarks.md, engine 3.10).
    named = _names_the_hinted_entities(prop, measure) or (
        path == "lexical" and _counts_the_hinted_quantity(prop, story)
    )
    if named:
        probability = max(probability, decider.threshold)
    passes = measure.missing is None and probability >= decider.threshold
    if gate and not passes:
        return None
    scores: dict[int, float] = {}
    for index in range(len(story.sentences)):
        score = measure.per_sentence.get(index, 0.0)
        if index < len(measure.similarities):
            score += max(0.0, measure.similarities[index])
        if (
            index in story.with_digits
            and states_quantity(prop.model.profile, story.sentences[index])
            and names_subject(prop, story, index)
        ):
            score += 0.5
        if index == 0 and story.sentences and not story.headline_only:
            # The title speaks for the story: it comes first among sentences as close.
            score += TITLE_BONUS
        if score > 0 or index == 0:
            scores[index] = score
    ranked = sorted(scores, key=lambda i: (-scores[i], i))[:EVIDENCE_SENTENCES]
    if story.sentences and not story.headline_only and 0 not in ranked:
        ranked.append(0)  # the headline is always read (the stance step reads it first)
    source_named = None
    for source in prop.model.sources:
        source_named = source_named or find_group(source, story)
    return Relevance(
        coverage=measure.features["proposition"],
        entities=tuple(measure.entities),
        matched_terms=tuple(measure.matched),
        sentences=tuple(story.sentences[i] for i in ranked),
        sentence_coverages=tuple(min(1.0, measure.saying.get(i, 0.0)) for i in ranked),
        source_named=source_named,
        story_sentences=len(story.sentences),
        names_subject=tuple(names_subject(prop, story, i) for i in ranked),
        names_beyond_subject=prop.names_beyond_subject,
        probability=probability,
        features=measure.features,
        path=path,
        sentence_levels=_levels(prop, measure, ranked, group),
        distinctive_marks=prop.distinctive_marks,
        stream=prop.stream,
        all_sentences=story.sentences,
        passes=passes,
    )


def _focus(prop: Proposition, story: StoryModel) -> float:
    """Share of the story's most frequent content words that are the claim's terms (out of
    ten even for a short story): an article mentioning the claim in passing has its most
    frequent words elsewhere."""
    if not story.focus:
        return 0.0
    vocabulary = prop.model.vocabulary
    hits = sum(1 for word, prefix in story.focus if word in vocabulary or prefix in vocabulary)
    return hits / max(len(story.focus), FOCUS_WORDS)


def _levels(
    prop: Proposition, measure: _Measure, ranked: Sequence[int], group: str
) -> tuple[float, ...]:
    """The ranked sentences' similarity levels (spreads from the claim's usual); () if none."""
    if not measure.similarities:
        return ()
    mean, spread = prop.calibration.get(group, (0.0, 1.0))
    return tuple(
        (measure.similarities[i] - mean) / spread if i < len(measure.similarities) else 0.0
        for i in ranked
    )


#: Each relevance feature in words, given its value (docs/verdicts.md lists them).
_FEATURE_WORDS: Mapping[str, Callable[[float], str]] = {
    "proposition": lambda v: f"the story holds {v:.0%} of what the claim says beyond its subject",
    "best_sentence": lambda v: f"its best sentence holds {v:.0%} of it",
    "names": lambda v: f"{v:.0%} of the claim's entities found (weighted by rarity in the stream)",
    "figure": lambda v: "a sentence about the subject states a number or year of the claim's kind",
    "subject_unnamed": lambda v: "the claim's subject is not named",
    "hinted_proposition": lambda v: f"the story holds {v:.0%} of the hinted claim's terms",
    "similarity": lambda v: f"the story is {v:+.1f} spreads closer to the claim than usual",
    "sentence_similarity": lambda v: f"its closest sentence is {v:+.1f} spreads closer",
    "spread": lambda v: f"{v:.0%} of the story's sentences hold what the claim says",
    "denial": lambda v: "the headline denies or negates something",
    "focus": lambda v: f"{v:.0%} of the story's most frequent words are the claim's",
    "closeness": lambda v: f"cosine {v:+.2f} between claim and story, the stream's mean taken out",
}


def feature_in_words(name: str, value: float) -> str:
    """A relevance feature as an analyst reads it ("the story holds 52% of ...")."""
    words = _FEATURE_WORDS.get(name)
    return words(value) if words else f"{name.replace('_', ' ')} {value:.2f}"


def relevance_reason(related: Relevance) -> str:
    """The relevance model's decision in words: its probability and the features that weighed most.

    "relevance 0.83 (semantic model, bar 0.40; stream a1b2c3d4 (70 stories)); weighed
    most: similarity +2.1 spreads from the claim's usual (+3.20), ..."
    """
    model = decision_model(related.path)
    parts = [
        f"{feature_in_words(name, related.features.get(name, 0.0))} ({part:+.2f})"
        for name, part in model.contributions(related.features)[:LISTED_FEATURES]
    ]
    head = (
        f"relevance {related.probability:.2f} ({related.path} model, bar {model.threshold:.2f};"
        f" {related.stream})"
    )
    return head + ("; weighed most: " + ", ".join(parts) if parts else "")
