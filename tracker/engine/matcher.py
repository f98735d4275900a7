"""The matcher: every story against every tracked claim, one `Verdict` per related claim.

A `Matcher` is built once from the tracked claims. For each claim it precomputes
a `ClaimModel` (tracker.engine.claims) and an inverted index from match keys
(tracker.engine.keys) to claims, so a story is only scored against the claims it
shares a key with; relevance (tracker.engine.relevance) then stance
(tracker.engine.stance) decide. Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime

from tracker.engine import stance as stance_mod
from tracker.engine.claims import ClaimModel, build_claim_model
from tracker.engine.keys import FOCUS_WORDS, KeyFilter, StoryModel, story_model
from tracker.engine.relevance import (
    CANDIDATE_SCORE,
    Relevance,
    candidate_score,
    groups_found,
    relevance_of,
    relevance_reason,
    shares_enough,
)
from tracker.engine.text import fold, is_devanagari, tokenize
from tracker.types import Claim, Story, Verdict

__all__ = ["ENGINE_VERSION", "Matcher"]

#: Bumped whenever a change to matching or stance can change a verdict.
ENGINE_VERSION = "2.3"
#: How many matched terms a verdict's reasons name.
_LISTED_TERMS = 8


class _PreFilter:
    """Can a story match any claim at all? Answered from its words, before the story model.

    Conservative by construction: `match` scores only claims sharing a key with
    the story (`Matcher._candidate_positions`), and `relevance_of` rejects a claim
    when a strict required entity group is not found. This checks exactly those
    two necessary conditions on the same keys the story model would have
    (`word_keys` of every folded word, `pair_keys` of adjacent words), read from
    the story model's own per-token cache (`KeyFilter`, whose keys include every
    key of the index), so a story that passes pays for its words once. It may let through a
    story the model then rejects (pairs across sentence boundaries, text past
    MAX_SENTENCES, any Devanagari story for a group with fuzzy spellings); it never
    drops one the model would have matched.
    """

    def __init__(
        self,
        index: Mapping[str, list[tuple[int, int]]],
        models: Sequence[ClaimModel],
        keep: KeyFilter,
    ):
        self._keys = frozenset(index)
        self._keep = keep
        self._positions = {
            key: frozenset(p for p, _ in postings) for key, postings in index.items()
        }
        # Per claim: the key sets of its strict required groups, and whether each
        # may also be found by a fuzzy spelling in Devanagari text (`find_group`).
        self._strict = [
            tuple((g.keys, bool(g.fuzzy)) for g in model.groups if g.required and g.strict)
            for model in models
        ]

    def _text_keys(self, text: str, found: set[str]) -> None:
        """Add to `found` the wanted keys of `text`'s words and word pairs (`KeyFilter`)."""
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
        self._models = [build_claim_model(claim, self._lexicon) for claim in claims]
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
        self._keep = KeyFilter(wanted)
        self._prefilter = _PreFilter(self._index, self._models, self._keep)

    def _story(self, story: Story) -> StoryModel:
        """The story model with only the keys these claims read (see `KeyFilter`)."""
        return story_model(story, self._keep)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The claims this matcher scores against, in the order given."""
        return tuple(model.claim for model in self._models)

    def candidates(self, story: Story) -> list[Claim]:
        """Claims sharing at least one key with the story (before any scoring)."""
        model = self._story(story)
        return [self._models[i].claim for i in self._candidate_positions(model)]

    def _candidate_positions(self, story: StoryModel, floor: float = CANDIDATE_SCORE) -> list[int]:
        """Claims that could reach the relevance bar (see `_candidate_hits`), in claim order."""
        return [position for position, _ in self._candidate_hits(story, floor)]

    def _candidate_hits(
        self, story: StoryModel, floor: float = CANDIDATE_SCORE
    ) -> list[tuple[int, set[int]]]:
        """Claims that could reach the relevance bar: a cheap upper bound before scoring.

        Each with the numbers of its terms sharing a key with the story (-1 for an
        entity group): the only terms `relevance_of` needs to look up.

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
                if candidate_score(model, story, bound, focus[position] / scale) < floor:
                    continue
            positions.append((position, numbers))
        return sorted(positions, key=lambda pair: pair[0])

    def _focus_counts(self, story: StoryModel) -> Counter[int]:
        """Per claim, how many of the story's focus words are its terms (see `focus_of`)."""
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
            related = relevance_of(claim_model, model, gate=False)
            _, _, missing = groups_found(claim_model, model)
            if related is None or (missing is not None and missing.strict):
                continue
            if shares_enough(claim_model, model, len(related.matched_terms)):
                out.append((claim_model.claim.id, dict(related.features)))
        return out

    @staticmethod
    def kind(story: Story) -> str:
        """Which relevance model reads the story: "headline" (a title alone) or "article"."""
        return story_model(story).kind

    def relevance(self, claim_id: str, story: Story) -> Relevance | None:
        """How one story relates to one claim: what matched and the best sentences.

        None when the story is unrelated to the claim; KeyError for an unknown id.
        """
        position = self._positions.get(claim_id)
        if position is None:
            raise KeyError(f"no claim with id {claim_id!r}")
        return relevance_of(self._models[position], self._story(story))

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
        related = relevance_of(claim_model, model, gate=False)
        assert related is not None  # without the gate there is always a measure
        verdict = self._verdict(claim_model, related, story, now)
        if relevance_of(claim_model, model) is None:
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
            related = relevance_of(claim_model, model, present=present)
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
        related = relevance_of(model, self._story(story), gate=False)
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
        model: ClaimModel,
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
        self, model: ClaimModel, related: Relevance, story: Story, now: datetime | None
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
            reasons.append(relevance_reason(related, self._kind_of(story)))
        reasons += judged.reasons
        return Verdict(
            claim_id=model.claim.id,
            stance=judged.stance,
            score=round(relevance_score * judged.confidence, 3),
            evidence=judged.evidence,
            reasons=tuple(reasons),
            engine_version=ENGINE_VERSION,
        )
