"""Verdicts and what is read from them: rewriting a story's verdicts (rescoring, a
changed story), evidence with the analysts' reviews, syndication copies, and each
claim's status counted per source."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..engine.status import summarise_clusters
from ..errors import StorageError
from ..types import (
    Claim,
    ClaimSummary,
    ClusterVerdicts,
    Evidence,
    EvidenceTally,
    Review,
    ReviewDecision,
    Stance,
    Verdict,
)
from .db import StoreBase, dump, now_utc
from .models import ClaimRow, FeedRow, ReviewRow, StoryRow, VerdictRow
from .sql import VERDICTS, for_update, insert_many, utc_day

#: The analyst's review of a verdict (reviews are keyed by story and claim, so they
#: survive rescoring): the join condition of every query that reads verdicts with it.
REVIEW_OF_VERDICT = (ReviewRow.story_id == VerdictRow.story_id) & (
    ReviewRow.claim_id == VerdictRow.claim_id
)
#: The analyst relabelled the verdict: their stance counts instead of the engine's.
RELABELLED = (
    (ReviewRow.decision == ReviewDecision.RELABELLED.value)
    & ReviewRow.stance.is_not(None)
    & (ReviewRow.stance != "")
)
#: The stance that counts, in SQL (as `Evidence.stance`).
COUNTED_STANCE = case((RELABELLED, ReviewRow.stance), else_=VerdictRow.stance)
#: Verdicts an analyst rejected no longer count.
NOT_REJECTED = ReviewRow.id.is_(None) | (ReviewRow.decision != ReviewDecision.REJECTED.value)


def new_verdict(
    story_id: int, v: Verdict, reasons: str, claim_hashes: Mapping[str, str], now: datetime
) -> dict[str, Any]:
    """The column values of a verdict row stored for the first time (polls and rescoring)."""
    return dict(
        story_id=story_id,
        claim_id=v.claim_id,
        stance=v.stance.value,
        score=v.score,
        evidence=v.evidence,
        reasons=reasons,
        engine_version=v.engine_version,
        claim_hash=claim_hashes.get(v.claim_id, ""),
        logged_at=now,
        basis=v.basis,
    )


def rewrite_verdicts(
    s: Session,
    results: Sequence[tuple[int, Sequence[Verdict]]],
    claim_hashes: Mapping[str, str],
    now: datetime,
) -> int:
    """Make stored stories' verdicts for the matched claims exactly the given ones;
    returns the verdicts written or changed (rescoring, and a poll's changed stories).

    A verdict whose stance, evidence and reasons did not change keeps its id and
    time; claims matched but no longer related lose their verdict. In bulk: one
    query per 500 stories for the stored verdicts, then one DELETE, one executemany
    UPDATE per kind of change and one executemany INSERT.
    """
    claim_ids = list(claim_hashes)
    existing: dict[tuple[int, str], tuple[Any, ...]] = {}
    ids = [story_id for story_id, _ in results]
    for start in range(0, len(ids), 500):
        q = select(
            VerdictRow.id,
            VerdictRow.story_id,
            VerdictRow.claim_id,
            VerdictRow.stance,
            VerdictRow.evidence,
            VerdictRow.reasons,
            VerdictRow.score,
            VerdictRow.engine_version,
            VerdictRow.claim_hash,
            VerdictRow.basis,
        ).where(
            VerdictRow.story_id.in_(ids[start : start + 500]),
            VerdictRow.claim_id.in_(claim_ids),
        )
        for row in s.execute(q):
            existing[(row.story_id, row.claim_id)] = tuple(row)
    inserts: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    touched: list[dict[str, Any]] = []
    for story_id, verdicts in results:
        for v in verdicts:
            reasons = dump(list(v.reasons))
            old = existing.pop((story_id, v.claim_id), None)
            if old is None:
                inserts.append(new_verdict(story_id, v, reasons, claim_hashes, now))
                continue
            row_id, _, _, stance, evidence, old_reasons, score, version, claim_hash, basis = old
            claim_hash_now = claim_hashes.get(v.claim_id, claim_hash)
            if (stance, evidence, old_reasons) != (v.stance.value, v.evidence, reasons):
                changed.append(
                    dict(
                        id=row_id,
                        stance=v.stance.value,
                        evidence=v.evidence,
                        reasons=reasons,
                        score=v.score,
                        logged_at=now,
                        engine_version=v.engine_version,
                        claim_hash=claim_hash_now,
                        basis=v.basis,
                    )
                )
            elif (score, version, claim_hash, basis) != (
                v.score,
                v.engine_version,
                claim_hash_now,
                v.basis,
            ):
                # What it was computed against moved, not what it says: it keeps its
                # time (`logged_at` is when a verdict last said something new).
                touched.append(
                    dict(
                        id=row_id,
                        score=v.score,
                        engine_version=v.engine_version,
                        claim_hash=claim_hash_now,
                        basis=v.basis,
                    )
                )
    stale = [old[0] for old in existing.values()]
    for start in range(0, len(stale), 500):
        s.execute(delete(VerdictRow).where(VerdictRow.id.in_(stale[start : start + 500])))
    for rows in (changed, touched):
        if rows:
            s.execute(update(VerdictRow), rows)
    if inserts:
        insert_many(s.connection(), VERDICTS, inserts)
    return len(inserts) + len(changed)


def _cluster_sizes(s: Session, cluster_ids: set[int]) -> dict[int, int]:
    sizes: dict[int, int] = {}
    ids = list(cluster_ids)
    for start in range(0, len(ids), 500):
        q = (
            select(StoryRow.cluster_id, func.count(StoryRow.id))
            .where(StoryRow.cluster_id.in_(ids[start : start + 500]))
            .group_by(StoryRow.cluster_id)
        )
        sizes.update({int(c): int(n) for c, n in s.execute(q) if c is not None})
    return sizes


def _evidence(row: tuple[Any, ...], copies: Mapping[int, int]) -> Evidence:
    """An Evidence from one row of `Storage.get_evidence`'s column query."""
    (verdict_id, claim_id, verdict_stance, score, evidence, reasons, engine_version, logged_at,
     story_id, title, link, published, cluster_id, feed_url, feed_name,
     review_id, decision, review_stance, note, reviewed_at, lang, basis) = row  # fmt: skip
    engine_stance = Stance(verdict_stance)
    review = None
    stance = engine_stance
    if review_id is not None:
        review = Review(
            decision=ReviewDecision(decision),
            stance=Stance(review_stance) if review_stance else None,
            note=note,
            reviewed_at=reviewed_at,
        )
        if review.decision is ReviewDecision.RELABELLED and review.stance is not None:
            stance = review.stance
    cluster = cluster_id or story_id
    return Evidence(
        verdict_id=verdict_id,
        claim_id=claim_id,
        stance=stance,
        engine_stance=engine_stance,
        score=score,
        evidence=evidence,
        reasons=tuple(json.loads(reasons or "[]")),
        engine_version=engine_version,
        story_id=story_id,
        story_title=title,
        story_url=link,
        feed_url=feed_url,
        feed_name=feed_name,
        published=published,
        logged_at=logged_at,
        cluster_id=cluster,
        copies=copies.get(cluster, 1),
        review=review,
        story_lang=lang,
        basis=basis or "",
    )


class VerdictStore(StoreBase):
    def store_rescored(
        self,
        results: Sequence[tuple[int, Sequence[Verdict]]],
        claim_hashes: Mapping[str, str],
        now: datetime | None = None,
    ) -> int:
        """Replace the verdicts of stories for the rescored claims, one transaction per
        batch (`rewrite_verdicts`).

        The stories' rows are locked first on PostgreSQL, so the embedding job of another
        daemon rewriting one of them waits (or is waited for); one that wrote a verdict
        between the read and the write (SQLite reads outside the write lock) is no
        error: the transaction runs once more and rewrites it."""
        now = now or now_utc()
        try:
            return self._store_rescored(results, claim_hashes, now)
        except IntegrityError:
            return self._store_rescored(results, claim_hashes, now)

    def _store_rescored(
        self,
        results: Sequence[tuple[int, Sequence[Verdict]]],
        claim_hashes: Mapping[str, str],
        now: datetime,
    ) -> int:
        with self.session() as s:
            ids = sorted({story_id for story_id, _ in results})
            for start in range(0, len(ids), 500):
                q = select(StoryRow.id).where(StoryRow.id.in_(ids[start : start + 500]))
                s.execute(for_update(self.dialect, q))
            return rewrite_verdicts(s, results, claim_hashes, now)

    def get_evidence(
        self,
        *,
        claim_id: str | None = None,
        stance: Stance | None = None,
        logged_since: datetime | None = None,
        logged_until: datetime | None = None,
        verdict_ids: Sequence[int] | None = None,
        story_ids: Sequence[int] | None = None,
        unreviewed_only: bool = False,
        feed_url: str | None = None,
        include_removed: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Evidence]:
        """Stored verdicts with their stories, newest first (`stance`: the stance that counts);
        `limit` and `offset` page through them (the web dashboard's pages).

        Without `include_removed`, verdicts on claims no longer configured and on
        stories of removed feeds are left out.
        """
        q = self._evidence_query(
            claim_id=claim_id, stance=stance, logged_since=logged_since,
            logged_until=logged_until, verdict_ids=verdict_ids,
            story_ids=story_ids, unreviewed_only=unreviewed_only, feed_url=feed_url,
            include_removed=include_removed,
        )  # fmt: skip
        if limit is not None:
            q = q.limit(limit)
        if offset:
            q = q.offset(offset)
        with self.session() as s:
            rows = [tuple(row) for row in s.execute(q)]
            copies = _cluster_sizes(s, {row[12] for row in rows if row[12]})
            return [_evidence(row, copies) for row in rows]

    def count_evidence(
        self,
        *,
        claim_id: str | None = None,
        stance: Stance | None = None,
        logged_since: datetime | None = None,
        unreviewed_only: bool = False,
        feed_url: str | None = None,
        include_removed: bool = True,
    ) -> int:
        """How many verdicts `get_evidence` would return with the same filters and no limit."""
        q = self._evidence_query(
            claim_id=claim_id, stance=stance, logged_since=logged_since,
            unreviewed_only=unreviewed_only, feed_url=feed_url,
            include_removed=include_removed,
        )  # fmt: skip
        with self.session() as s:
            return int(s.scalar(select(func.count()).select_from(q.order_by(None).subquery())) or 0)

    @staticmethod
    def _evidence_query(
        *,
        claim_id: str | None = None,
        stance: Stance | None = None,
        logged_since: datetime | None = None,
        logged_until: datetime | None = None,
        verdict_ids: Sequence[int] | None = None,
        story_ids: Sequence[int] | None = None,
        unreviewed_only: bool = False,
        feed_url: str | None = None,
        include_removed: bool = True,
    ) -> Any:
        # Plain columns, not ORM rows: an Evidence needs neither the story's text
        # nor the rows' identity, and a digest reads thousands of them.
        q = (
            select(
                VerdictRow.id,
                VerdictRow.claim_id,
                VerdictRow.stance,
                VerdictRow.score,
                VerdictRow.evidence,
                VerdictRow.reasons,
                VerdictRow.engine_version,
                VerdictRow.logged_at,
                StoryRow.id,
                StoryRow.title,
                StoryRow.link,
                StoryRow.published,
                StoryRow.cluster_id,
                FeedRow.url,
                FeedRow.name,
                ReviewRow.id,
                ReviewRow.decision,
                ReviewRow.stance,
                ReviewRow.note,
                ReviewRow.reviewed_at,
                StoryRow.lang,
                VerdictRow.basis,
            )
            .join(StoryRow, StoryRow.id == VerdictRow.story_id)
            .join(FeedRow, FeedRow.id == StoryRow.feed_id)
            .outerjoin(ReviewRow, REVIEW_OF_VERDICT)
            .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
            .order_by(VerdictRow.logged_at.desc(), VerdictRow.id.desc())
        )
        if claim_id is not None:
            q = q.where(VerdictRow.claim_id == claim_id)
        if stance is not None:
            # The stance that counts: an analyst's relabelling, else the engine's.
            q = q.where(COUNTED_STANCE == stance.value)  # noqa: SIM300 - a SQL column
        if logged_since is not None:
            q = q.where(VerdictRow.logged_at > logged_since)
        if logged_until is not None:
            q = q.where(VerdictRow.logged_at <= logged_until)
        if verdict_ids is not None:
            q = q.where(VerdictRow.id.in_(list(verdict_ids)))
        if story_ids is not None:
            q = q.where(VerdictRow.story_id.in_(list(story_ids)))
        if unreviewed_only:
            q = q.where(ReviewRow.id.is_(None))
        if feed_url is not None:
            q = q.where(FeedRow.url == feed_url)
        if not include_removed:
            q = q.where(ClaimRow.active.is_(True), FeedRow.active.is_(True))
        return q

    def count_verdicts_by_basis(self) -> dict[str, int]:
        """How many stored verdicts were computed against each basis (`Verdict.basis`;
        "" for those stored before bases were recorded): a handful of rows, one per
        stream profile and path."""
        q = select(VerdictRow.basis, func.count(VerdictRow.id)).group_by(VerdictRow.basis)
        with self.session() as s:
            return {basis or "": int(n) for basis, n in s.execute(q)}

    def evidence_version(self) -> tuple[object, ...]:
        """A value that changes whenever what `get_claim_summaries` and `evidence_tallies`
        read changes: verdicts stored, rewritten, rescored or deleted, reviews recorded,
        feeds removed or restored. Aggregates over small columns (a few ms at 50,000
        verdicts): a cache key for the dashboard, which would otherwise count every
        verdict again on every page."""
        with self.session() as s:
            verdicts = s.execute(
                select(
                    func.count(VerdictRow.id),
                    func.max(VerdictRow.id),
                    func.max(VerdictRow.logged_at),
                    func.sum(VerdictRow.score),
                )
            ).one()
            reviews = s.execute(
                select(func.count(ReviewRow.id), func.max(ReviewRow.reviewed_at))
            ).one()
            feeds = s.execute(
                select(func.count(FeedRow.id), func.sum(FeedRow.id)).where(FeedRow.active.is_(True))
            ).one()
        return (*verdicts, *reviews, *feeds)

    def evidence_tallies(self, since: datetime) -> list[EvidenceTally]:
        """Verdicts logged after `since`, counted per claim, UTC day and stance that counts
        (rejected ones left out): the dashboard's charts of evidence over time."""
        day = utc_day(self.dialect, VerdictRow.logged_at).label("day")
        stance = COUNTED_STANCE.label("stance")
        q = (
            select(VerdictRow.claim_id, day, stance, func.count())
            .join(StoryRow, StoryRow.id == VerdictRow.story_id)
            # As in the summaries: a removed feed's stories no longer count.
            .join(FeedRow, (FeedRow.id == StoryRow.feed_id) & FeedRow.active.is_(True))
            .outerjoin(ReviewRow, REVIEW_OF_VERDICT)
            .where(VerdictRow.logged_at > since, NOT_REJECTED)
            .group_by(VerdictRow.claim_id, day, stance)
        )
        with self.session() as s:
            rows = s.connection().execute(q).all()
        return [
            EvidenceTally(claim_id, date.fromisoformat(str(d)[:10]), Stance(st), int(n))
            for claim_id, d, st, n in rows
        ]

    def get_claim_summaries(self, claims: Sequence[Claim]) -> list[ClaimSummary]:
        """Each claim with its status and counts (`status.summarise_clusters` over
        `get_claim_clusters`)."""
        by_claim: dict[str, list[ClusterVerdicts]] = defaultdict(list)
        for c in self.get_claim_clusters():
            by_claim[c.claim_id].append(c)
        return [summarise_clusters(c, by_claim.get(c.id, ())) for c in claims]

    def get_claim_clusters(self) -> list[ClusterVerdicts]:
        """Per claim, stance that counts and syndication cluster: its verdicts' best
        score, whether an analyst confirmed or relabelled one, and how many there are
        (rejected verdicts left out).

        Counted in SQL, not read verdict by verdict, so the cost grows with the
        number of sources, not with stored text.
        """
        sources = (
            select(
                VerdictRow.claim_id.label("claim_id"),
                COUNTED_STANCE.label("stance"),
                # `cluster_id or id`, as Evidence.cluster_id.
                case(
                    (StoryRow.cluster_id.is_(None) | (StoryRow.cluster_id == 0), StoryRow.id),
                    else_=StoryRow.cluster_id,
                ).label("cluster"),
                VerdictRow.score.label("score"),
                case((ReviewRow.id.is_not(None), 1), else_=0).label("reviewed"),
            )
            .join(StoryRow, StoryRow.id == VerdictRow.story_id)
            # A removed feed's stories no longer count (purging them deletes them).
            .join(FeedRow, (FeedRow.id == StoryRow.feed_id) & FeedRow.active.is_(True))
            .outerjoin(ReviewRow, REVIEW_OF_VERDICT)
            .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
            .where(NOT_REJECTED)
            .subquery()
        )
        q = select(
            sources.c.claim_id,
            sources.c.stance,
            sources.c.cluster,
            func.max(sources.c.score),
            func.max(sources.c.reviewed),
            func.count(),
        ).group_by(sources.c.claim_id, sources.c.stance, sources.c.cluster)
        with self.session() as s:
            # A row per source: Core rows, no ORM result processing.
            rows = s.connection().execute(q).all()
        return [
            ClusterVerdicts(
                claim_id=claim_id,
                stance=Stance(stance),
                cluster_id=int(cluster),
                best_score=float(score),
                reviewed=bool(reviewed),
                stories=int(stories),
            )
            for claim_id, stance, cluster, score, reviewed, stories in rows
        ]

    def set_review(
        self,
        verdict_id: int,
        decision: ReviewDecision,
        *,
        stance: Stance | None = None,
        note: str = "",
        now: datetime | None = None,
    ) -> Evidence:
        """Record an analyst's decision on a verdict (replacing an earlier one)."""
        now = now or now_utc()
        if decision is ReviewDecision.RELABELLED and stance is None:
            raise StorageError("a relabelled verdict needs the new stance")
        with self.session() as s:
            verdict = s.get(VerdictRow, verdict_id)
            if verdict is None:
                raise StorageError(f"no verdict with id {verdict_id}")
            row = s.scalar(
                select(ReviewRow).where(
                    ReviewRow.story_id == verdict.story_id, ReviewRow.claim_id == verdict.claim_id
                )
            )
            if row is None:
                row = ReviewRow(story_id=verdict.story_id, claim_id=verdict.claim_id)
                s.add(row)
            row.decision = decision.value
            row.stance = stance.value if stance is not None else None
            row.note = note
            row.reviewed_at = now
        return self.get_evidence(verdict_ids=[verdict_id])[0]
