"""A claim's status, rolled up from its evidence.

The rule (also in docs/verdicts.md):

Evidence rejected by an analyst is dropped; an analyst's relabelling replaces the
engine's stance. Copies of one wire report (one syndication cluster) count as one
independent source; a cluster counts once for each stance it carries, with the
weight of its strongest verdict (an analyst-confirmed or relabelled verdict
weighs 1.0). Support is the summed weight of corroborating sources, opposition
that of contradicting sources; discussion never decides. A claim with neither
support nor opposition of at least 0.5 is **unverified**. With support and no
opposition (or support at least twice the opposition) it is **corroborated**;
with opposition and no support (or opposition at least twice the support) it is
**contradicted**; when both sides are present and neither outweighs the other
two to one it is **disputed**.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from tracker.types import Claim, ClaimStatus, ClaimSummary, Evidence, Stance

__all__ = [
    "MIN_WEIGHT",
    "OUTWEIGH",
    "source_weights",
    "summarise_claim",
    "summarise_sources",
    "summarise_totals",
    "verdict_weight",
]

#: Below this summed weight a side is not taken into account.
MIN_WEIGHT = 0.5
#: One side decides a claim when it outweighs the other this many times.
OUTWEIGH = 2.0


def verdict_weight(score: float, reviewed: bool) -> float:
    """A verdict's weight: its score within [0, 1]; an analyst's confirmation or
    relabelling makes it certain (1.0)."""
    return 1.0 if reviewed else max(0.0, min(1.0, score))


def _weight(item: Evidence) -> float:
    return verdict_weight(item.score, item.review is not None)


def source_weights(evidence: Sequence[Evidence]) -> dict[Stance, dict[int, float]]:
    """Per stance, each independent source (cluster id) with the weight of its strongest verdict.

    Rejected verdicts are left out.
    """
    weights: dict[Stance, dict[int, float]] = {stance: {} for stance in Stance}
    for item in evidence:
        if item.rejected:
            continue
        clusters = weights[item.stance]
        clusters[item.cluster_id] = max(clusters.get(item.cluster_id, 0.0), _weight(item))
    return weights


def _status(support: float, opposition: float) -> ClaimStatus:
    if support < MIN_WEIGHT and opposition < MIN_WEIGHT:
        return ClaimStatus.UNVERIFIED
    if opposition < MIN_WEIGHT or support >= OUTWEIGH * opposition:
        return ClaimStatus.CORROBORATED
    if support < MIN_WEIGHT or opposition >= OUTWEIGH * support:
        return ClaimStatus.CONTRADICTED
    return ClaimStatus.DISPUTED


_VERBS = {
    Stance.CORROBORATES: "corroborating",
    Stance.CONTRADICTS: "contradicting",
    Stance.DISCUSSES: "discussing",
}


def _sources(count: int) -> str:
    return f"{count} independent source{'s' if count != 1 else ''}"


def _explain(
    status: ClaimStatus,
    counts: dict[Stance, int],
    copies: dict[Stance, int],
    weights: tuple[float, float],
) -> str:
    parts = []
    for stance in Stance:
        if counts[stance]:
            extra = f", {copies[stance]} stories" if copies[stance] != counts[stance] else ""
            parts.append(f"{_sources(counts[stance])} {_VERBS[stance]}{extra}")
    if not parts:
        return f"{status.value}: no evidence yet"
    support, opposition = weights
    return (
        f"{status.value}: {'; '.join(parts)} (weight {support:.1f} for, {opposition:.1f} against)"
    )


def summarise_claim(claim: Claim, evidence: Sequence[Evidence]) -> ClaimSummary:
    """A claim's status, per-stance counts of independent sources and a one-line explanation.

    The rule read verdict by verdict: the reference that storage's totals, counted
    in SQL (`summarise_totals`), are tested against.
    """
    weights = source_weights(evidence)
    copies = {stance: 0 for stance in Stance}
    for item in evidence:
        if not item.rejected:
            copies[item.stance] += 1
    return summarise_sources(
        claim, {stance: list(weights[stance].values()) for stance in Stance}, copies
    )


def summarise_sources(
    claim: Claim, weights: Mapping[Stance, Sequence[float]], copies: Mapping[Stance, int]
) -> ClaimSummary:
    """The same summary from its inputs alone.

    `weights`: per stance, one weight per independent source (the strongest of its
    cluster's verdicts, rejected ones left out); `copies`: per stance, the
    stories that are not rejected. Sums are exact (`math.fsum`), so the status
    does not depend on the order the sources come in.
    """
    return summarise_totals(
        claim,
        {stance: len(weights.get(stance, ())) for stance in Stance},
        copies,
        support=math.fsum(weights.get(Stance.CORROBORATES, ())),
        opposition=math.fsum(weights.get(Stance.CONTRADICTS, ())),
    )


def summarise_totals(
    claim: Claim,
    counts: Mapping[Stance, int],
    copies: Mapping[Stance, int],
    *,
    support: float,
    opposition: float,
) -> ClaimSummary:
    """The same summary from per-stance totals, as storage counts them in SQL.

    `counts`: per stance, the independent sources; `copies`: the stories that
    are not rejected; `support` and `opposition`: the summed weights of the
    corroborating and of the contradicting sources, summed exactly (the exact
    sum rounded once, as `math.fsum` gives it), or the status could depend on
    the order the sources were added in.
    """
    all_counts = {stance: counts.get(stance, 0) for stance in Stance}
    all_copies = {stance: copies.get(stance, 0) for stance in Stance}
    status = _status(support, opposition)
    return ClaimSummary(
        claim=claim,
        status=status,
        counts=all_counts,
        copies=all_copies,
        explanation=_explain(status, all_counts, all_copies, (support, opposition)),
        support=support,
        opposition=opposition,
    )
