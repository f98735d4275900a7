"""A claim's status from its evidence: independent sources, reviews, weights."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.engine.status import summarise_claim
from tracker.types import Claim, ClaimStatus, Evidence, Review, ReviewDecision, Stance

CLAIM = Claim(id="c", text="DeepSeek has about 50,000 Nvidia chips")
WHEN = datetime(2025, 3, 1, tzinfo=UTC)


def item(
    stance: Stance, cluster: int, score: float = 0.8, review: Review | None = None
) -> Evidence:
    counted = review.stance if review is not None and review.stance is not None else stance
    return Evidence(
        verdict_id=cluster * 100 + int(score * 10),
        claim_id="c",
        stance=counted,
        engine_stance=stance,
        score=score,
        evidence="sentence",
        reasons=(),
        engine_version="1.0",
        story_id=cluster,
        story_title="title",
        story_url=None,
        feed_url="https://example.org/feed",
        feed_name=None,
        published=WHEN,
        logged_at=WHEN,
        cluster_id=cluster,
        review=review,
    )


def review(decision: ReviewDecision, stance: Stance | None = None) -> Review:
    return Review(decision=decision, stance=stance, note="", reviewed_at=WHEN)


C, X, D = Stance.CORROBORATES, Stance.CONTRADICTS, Stance.DISCUSSES


@pytest.mark.parametrize(
    ("evidence", "status"),
    [
        ([], ClaimStatus.UNVERIFIED),
        ([item(D, 1), item(D, 2)], ClaimStatus.UNVERIFIED),
        ([item(C, 1, score=0.3)], ClaimStatus.UNVERIFIED),
        ([item(C, 1)], ClaimStatus.CORROBORATED),
        ([item(X, 1)], ClaimStatus.CONTRADICTED),
        ([item(C, 1), item(X, 2)], ClaimStatus.DISPUTED),
        ([item(C, 1), item(C, 2), item(X, 3)], ClaimStatus.CORROBORATED),
        ([item(X, 1), item(X, 2), item(C, 3)], ClaimStatus.CONTRADICTED),
    ],
)
def test_status_table(evidence: list[Evidence], status: ClaimStatus) -> None:
    assert summarise_claim(CLAIM, evidence).status is status


def test_copies_of_one_report_count_once() -> None:
    evidence = [item(C, 1), item(C, 1, 0.7), item(C, 1, 0.6), item(X, 2), item(X, 3)]
    summary = summarise_claim(CLAIM, evidence)
    assert summary.counts[C] == 1 and summary.copies[C] == 3
    assert summary.counts[X] == 2
    assert summary.status is ClaimStatus.CONTRADICTED


def test_rejected_evidence_is_dropped() -> None:
    evidence = [item(C, 1), item(X, 2, review=review(ReviewDecision.REJECTED))]
    summary = summarise_claim(CLAIM, evidence)
    assert summary.status is ClaimStatus.CORROBORATED
    assert summary.counts[X] == 0 and summary.copies[X] == 0


def test_analyst_relabelling_is_used_and_weighs_fully() -> None:
    relabelled = review(ReviewDecision.RELABELLED, X)
    evidence = [item(C, 1, score=0.3, review=relabelled)]
    summary = summarise_claim(CLAIM, evidence)
    assert summary.status is ClaimStatus.CONTRADICTED


def test_explanation_says_why() -> None:
    evidence = [item(C, 1), item(C, 1, 0.7), item(D, 2)]
    explanation = summarise_claim(CLAIM, evidence).explanation
    assert explanation.startswith("corroborated:")
    assert "1 independent source corroborating, 2 stories" in explanation
    assert "discussing" in explanation
    assert summarise_claim(CLAIM, []).explanation == "unverified: no evidence yet"
