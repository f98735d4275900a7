"""Claim statuses counted in SQL equal the rule applied verdict by verdict (tracker.engine.status).

`Storage.get_claim_summaries` counts per claim and stance that counts (sources,
stories, weights summed exactly) and `status.summarise_totals` decides from those;
`summarise_claim` over `get_evidence()` is the reference.
Both run on SQLite and, when configured, PostgreSQL, over stored data with
syndicated copies, analysts' confirmations, rejections and relabellings, and
verdicts replaced by rescoring.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from helpers import wipe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.engine.status import summarise_claim
from tracker.storage import Storage
from tracker.types import (
    Claim,
    ClaimStatus,
    ClaimSummary,
    FeedConfig,
    FeedPollUpdate,
    ReviewDecision,
    Stance,
    Story,
    StoryWithVerdicts,
    Verdict,
)

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
CLAIMS = [
    Claim(id="chips-50k", text="DeepSeek holds about 50,000 Nvidia chips."),
    Claim(id="r2-timeline", text="DeepSeek will release R2 in early May."),
    Claim(id="selloff", text="DeepSeek triggered a trillion-dollar sell-off."),
    Claim(id="quiet", text="A claim nobody writes about."),
]
HASHES = {c.id: c.definition_hash for c in CLAIMS}
FEEDS = [f"https://news{i}.example.org/feed.xml" for i in range(3)]
WIRES = [
    ("DeepSeek chips questioned", "DeepSeek is said to hold fifty thousand Nvidia processors, "
     "according to an executive who gave no evidence for the figure."),
    ("R2 launch brought forward", "DeepSeek is rushing out its R2 model, people familiar with "
     "the plans said on Tuesday, weeks ahead of the date it had set."),
]  # fmt: skip


def _reference(storage: Storage) -> list[ClaimSummary]:
    evidence = storage.get_evidence()
    return [summarise_claim(c, [e for e in evidence if e.claim_id == c.id]) for c in CLAIMS]


def _verdict(rng: random.Random, claim: Claim) -> Verdict:
    return Verdict(
        claim_id=claim.id,
        stance=rng.choice(list(Stance)),
        # Now and then outside [0, 1]: the rule clamps the weight.
        score=rng.choice([round(rng.random(), 3), 0.1, 0.25, 0.5, 1.0, 1.2, -0.1]),
        evidence=f"sentence {rng.randint(1, 5)}",
        reasons=("test",),
        engine_version="test",
    )


def _fill(storage: Storage, rng: random.Random) -> None:
    """Stories in three feeds, a third of them copies of two wire reports, with verdicts."""
    storage.sync_claims(CLAIMS, NOW)
    storage.sync_feeds([FeedConfig(url=u, name=f"Feed {i}") for i, u in enumerate(FEEDS)], NOW)
    feeds = {f.url: f.id for f in storage.get_feeds()}
    for n in range(45):
        url = FEEDS[n % 3]
        if n % 3 == 0:
            title, text = WIRES[n % 2]
        else:
            title, text = f"Report {n} on DeepSeek", f"An own report number {n}, written apart."
        story = Story(feed_url=url, entry_key=f"e{n}", title=title, text=text,
                      link=f"https://example.org/{n}", published=NOW - timedelta(hours=n),
                      lang="en")  # fmt: skip
        claims = rng.sample(CLAIMS[:3], rng.randint(0, 3))
        at = NOW - timedelta(minutes=n)
        storage.record_poll(
            FeedPollUpdate(
                feed_id=feeds[url],
                polled_at=at,
                next_poll=at + timedelta(minutes=15),
                stories=[StoryWithVerdicts(story, [_verdict(rng, c) for c in claims], HASHES)],
            )
        )


def _review(storage: Storage, rng: random.Random) -> None:
    for e in storage.get_evidence():
        roll = rng.random()
        if roll < 0.15:
            storage.set_review(e.verdict_id, ReviewDecision.CONFIRMED, now=NOW)
        elif roll < 0.3:
            storage.set_review(e.verdict_id, ReviewDecision.REJECTED, now=NOW)
        elif roll < 0.45:
            stance = rng.choice(list(Stance))
            storage.set_review(e.verdict_id, ReviewDecision.RELABELLED, stance=stance, now=NOW)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sql_summaries_equal_the_rule_over_every_verdict(storage: Storage, seed: int) -> None:
    rng = random.Random(seed)
    _fill(storage, rng)
    stories = storage.get_stories()
    assert len({s.cluster_id for s in stories}) < len(stories)  # some copies share a cluster
    assert storage.get_claim_summaries(CLAIMS) == _reference(storage)

    _review(storage, rng)
    assert storage.get_claim_summaries(CLAIMS) == _reference(storage)

    # Rescoring replaces verdicts (some change stance, some go, some are new);
    # reviews, keyed by story and claim, survive.
    results = [
        (story_id, [_verdict(rng, c) for c in rng.sample(CLAIMS[:3], rng.randint(0, 3))])
        for batch in storage.iter_story_batches(10)
        for story_id, _ in batch
    ]
    storage.store_rescored(results, HASHES, NOW + timedelta(hours=1))
    summaries = storage.get_claim_summaries(CLAIMS)
    assert summaries == _reference(storage)
    assert summaries[3].status is ClaimStatus.UNVERIFIED
    assert summaries[3].explanation == "unverified: no evidence yet"


def test_one_cluster_counts_once_with_its_strongest_copy(storage: Storage) -> None:
    storage.sync_claims(CLAIMS, NOW)
    storage.sync_feeds([FeedConfig(url=u) for u in FEEDS], NOW)
    feeds = {f.url: f.id for f in storage.get_feeds()}
    title, text = WIRES[0]
    for i, (url, score) in enumerate(zip(FEEDS, [0.3, 0.9, 0.2], strict=True)):
        story = Story(feed_url=url, entry_key="wire", title=title, text=text,
                      published=NOW, lang="en")  # fmt: skip
        v = Verdict(claim_id="chips-50k", stance=Stance.CORROBORATES, score=score,
                    evidence="e", reasons=(), engine_version="test")  # fmt: skip
        storage.record_poll(
            FeedPollUpdate(feed_id=feeds[url], polled_at=NOW + timedelta(seconds=i),
                           next_poll=NOW, stories=[StoryWithVerdicts(story, [v], HASHES)])
        )  # fmt: skip
    [summary] = storage.get_claim_summaries(CLAIMS[:1])
    assert summary.counts[Stance.CORROBORATES] == 1 and summary.copies[Stance.CORROBORATES] == 3
    assert summary.status is ClaimStatus.CORROBORATED  # the 0.9 copy: weight >= 0.5
    assert summary.explanation == (
        "corroborated: 1 independent source corroborating, 3 stories (weight 0.9 for, 0.0 against)"
    )
    # Rejecting the strongest copy leaves the cluster with its next strongest (0.3).
    strongest = max(storage.get_evidence(), key=lambda e: e.score)
    storage.set_review(strongest.verdict_id, ReviewDecision.REJECTED, now=NOW)
    [summary] = storage.get_claim_summaries(CLAIMS[:1])
    assert summary.status is ClaimStatus.UNVERIFIED and summary.copies[Stance.CORROBORATES] == 2
    assert [summary] == _reference(storage)[:1]


# Per story: its feed, whether it is a copy of a wire report (which), and per claim
# a verdict (stance, score) and the analyst's decision on it.
_SCORES = st.sampled_from([0.0, 0.1, 0.25, 0.4999, 0.5, 0.75, 1.0, 1.2, -0.1])
_DECISIONS = st.sampled_from([None, None, "confirmed", "rejected", *list(Stance)])
_VERDICTS = st.dictionaries(
    st.sampled_from([c.id for c in CLAIMS[:3]]),
    st.tuples(st.sampled_from(list(Stance)), _SCORES, _DECISIONS),
    max_size=3,
)
_STORIES = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from([None, 0, 1]), _VERDICTS), max_size=15
)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(stories=_STORIES)
def test_property_sql_summaries_equal_the_rule(
    storage: Storage,
    stories: list[tuple[int, int | None, dict[str, tuple]]],  # type: ignore[type-arg]
) -> None:
    wipe(storage)
    _store(storage, stories, removed=set())
    assert storage.get_claim_summaries(CLAIMS) == _reference(storage)


def _reference_without_removed(storage: Storage) -> list[ClaimSummary]:
    evidence = storage.get_evidence(include_removed=False)
    return [summarise_claim(c, [e for e in evidence if e.claim_id == c.id]) for c in CLAIMS]


def _store(
    storage: Storage,
    stories: list[tuple[int, int | None, dict[str, tuple[Stance, float, object]]]],
    removed: set[int],
) -> None:
    """Stories polled into three feeds (copies of a wire report share a cluster), their
    verdicts, the analysts' decisions on them, then the `removed` feeds taken out of
    the config (their stories stay stored, and no longer count)."""
    storage.sync_claims(CLAIMS, NOW)
    storage.sync_feeds([FeedConfig(url=u) for u in FEEDS], NOW)
    feeds = {f.url: f.id for f in storage.get_feeds()}
    decisions: dict[tuple[str, str], object] = {}
    for n, (feed, wire, verdicts) in enumerate(stories):
        title, text = WIRES[wire] if wire is not None else (f"Own report {n}", f"Text {n}.")
        story = Story(feed_url=FEEDS[feed], entry_key=f"e{n}", title=title, text=text,
                      published=NOW, lang="en")  # fmt: skip
        items = [
            Verdict(
                claim_id=cid,
                stance=stance,
                score=score,
                evidence="e",
                reasons=(),
                engine_version="test",
            )
            for cid, (stance, score, _) in sorted(verdicts.items())
        ]
        decisions.update({(f"e{n}", cid): d for cid, (_, _, d) in verdicts.items()})
        at = NOW + timedelta(seconds=n)
        storage.record_poll(FeedPollUpdate(feed_id=feeds[FEEDS[feed]], polled_at=at,
                                           next_poll=at, stories=[StoryWithVerdicts(story, items, HASHES)]))  # fmt: skip
    keys = {s.id: s.story.entry_key for s in storage.get_stories()}
    for e in storage.get_evidence():
        decision = decisions[(keys[e.story_id], e.claim_id)]
        if isinstance(decision, Stance):
            storage.set_review(e.verdict_id, ReviewDecision.RELABELLED, stance=decision, now=NOW)
        elif decision is not None:
            storage.set_review(e.verdict_id, ReviewDecision(decision), now=NOW)
    storage.sync_feeds([FeedConfig(url=u) for i, u in enumerate(FEEDS) if i not in removed], NOW)


def _assert_same(got: list[ClaimSummary], expected: list[ClaimSummary]) -> None:
    for g, e in zip(got, expected, strict=True):
        assert (g.claim, g.status, g.counts, g.copies) == (e.claim, e.status, e.counts, e.copies)
        assert g.support == pytest.approx(e.support, rel=1e-12, abs=1e-300)
        assert g.opposition == pytest.approx(e.opposition, rel=1e-12, abs=1e-300)
    # Stronger than the tolerance: storage sums the weights exactly, as math.fsum does,
    # so the sums, and the explanation that rounds them, are the same floats.
    assert got == expected


# Any score, not only the engine's (rounded to 0.001): outside [0, 1], round binary
# fractions, sums that land on the thresholds, and tiny ones whose bits go below
# 2**-80 (summed source by source).
_ANY_SCORES = st.one_of(
    st.floats(min_value=-0.5, max_value=1.5, allow_nan=False),
    st.sampled_from([0.0, 0.1, 0.2, 0.25, 1 / 3, 0.5, 0.7, 1.0, 1e-30, 5e-324, 2.0**-80]),
)
_ANY_VERDICTS = st.dictionaries(
    st.sampled_from([c.id for c in CLAIMS[:3]]),
    st.tuples(st.sampled_from(list(Stance)), _ANY_SCORES, _DECISIONS),
    max_size=3,
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    stories=st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from([None, 0, 1]), _ANY_VERDICTS), max_size=20
    ),
    removed=st.sets(st.integers(0, 2), max_size=1),
)
def test_property_sql_totals_equal_the_rule_for_any_scores(
    storage: Storage,
    stories: list[tuple[int, int | None, dict[str, tuple[Stance, float, object]]]],
    removed: set[int],
) -> None:
    """`get_claim_summaries` (per claim and stance in SQL) against `summarise_claim` over
    every verdict, with any scores, reviews, syndicated copies and a removed feed."""
    wipe(storage)
    _store(storage, stories, removed)
    _assert_same(storage.get_claim_summaries(CLAIMS), _reference_without_removed(storage))


def test_weights_below_2_to_the_minus_80_are_summed_source_by_source(storage: Storage) -> None:
    """A weight SQL cannot carry exactly in 2**-80ths (here 1e-30) sends its claim and
    stance to the per-source sum; the sums stay those of math.fsum."""
    c, x = Stance.CORROBORATES, Stance.CONTRADICTS
    stories = [
        (0, None, {"chips-50k": (c, 0.1, None), "r2-timeline": (c, 0.25, None)}),
        (1, None, {"chips-50k": (c, 1e-30, None), "r2-timeline": (x, 0.1, None)}),
        (2, None, {"chips-50k": (c, 0.2, None), "r2-timeline": (x, 0.2, None)}),
        (0, 0, {"chips-50k": (x, 0.3, None)}),
        (1, 0, {"chips-50k": (x, 0.6, "confirmed")}),
    ]  # fmt: skip
    _store(storage, stories, set())
    summaries = storage.get_claim_summaries(CLAIMS)
    _assert_same(summaries, _reference_without_removed(storage))
    assert summaries[0].support == math.fsum([0.1, 1e-30, 0.2])
    assert summaries[0].counts[x] == 1 and summaries[0].copies[x] == 2
    assert summaries[0].opposition == 1.0  # the wire report's copies: one source, confirmed


def test_the_evidence_version_changes_with_any_stance_or_review_decision(
    storage: Storage,
) -> None:
    """The dashboard recomputes the statuses only when `evidence_version` changes. A
    verdict's stance rewritten with the same score by a daemon whose clock is behind
    (its logged_at is not the latest), or a review changed within the same instant,
    changes what the statuses count: the version must change too."""
    _fill(storage, random.Random(7))
    e = storage.get_evidence()[0]
    before = storage.evidence_version()
    stance = next(s for s in Stance if s is not e.stance)
    moved = Verdict(
        claim_id=e.claim_id, stance=stance, score=e.score, evidence=e.evidence,
        reasons=("test",), engine_version="test",
    )  # fmt: skip
    others = [
        Verdict(
            claim_id=o.claim_id,
            stance=o.stance,
            score=o.score,
            evidence=o.evidence,
            reasons=tuple(o.reasons),
            engine_version=o.engine_version,
        )
        for o in storage.get_evidence()
        if o.story_id == e.story_id and o.claim_id != e.claim_id
    ]
    storage.store_rescored([(e.story_id, [moved, *others])], HASHES, NOW - timedelta(days=1))
    assert storage.get_evidence(verdict_ids=[e.verdict_id])[0].stance is stance
    after = storage.evidence_version()
    assert after != before
    storage.set_review(e.verdict_id, ReviewDecision.CONFIRMED, now=NOW)
    confirmed = storage.evidence_version()
    storage.set_review(e.verdict_id, ReviewDecision.REJECTED, now=NOW)
    assert storage.evidence_version() != confirmed
