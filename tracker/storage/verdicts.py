"""Verdicts and what is read from them: rewriting a story's verdicts (rescoring, a
changed story), evidence with the analysts' reviews, syndication copies, and each
claim's status counted per source."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    case,
    cast,
    delete,
    func,
    literal_column,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..engine.status import summarise_totals
from ..errors import StorageError
from ..types import (
    Claim,
    ClaimSummary,
    Evidence,
    EvidenceTally,
    Review,
    ReviewDecision,
    Stance,
    Verdict,
)
from .db import StoreBase, dump, now_utc
from .models import ClaimRow, FeedRow, ReviewRow, StoryRow, StoryVectorRow, VerdictRow
from .sql import (
    VERDICTS,
    floor_int,
    insert_many,
    lock_stories,
    utc_day,
    valid_vectors,
    write_lock,
)

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


def _weight_pieces(dialect: str, weight: Any) -> tuple[Any, Any, Any, Any]:
    """A weight in [0, 1] as integers, in SQL, so that storage sums weights exactly, as
    `math.fsum` does (a status must not depend on the order they were added in):
    (hi, mid, lo, remainder) with weight * 2**80 = hi * 2**54 + mid * 2**27 + lo +
    remainder; pieces of 26 and 27 bits, whose sums over millions of sources fit
    SQLite's 64-bit integers.

    Each step is exact in binary floating point (scaling by a power of two, taking
    the integer part away from a value that holds it). The remainder is 0 unless the
    weight has bits below 2**-80 (a score under 2**-27 that is not a round binary
    fraction; the engine rounds scores to 0.001): such a claim's weights are then
    summed source by source.
    """
    hi = floor_int(dialect, weight * 2**26)
    whole = floor_int(dialect, weight * 2**53)  # up to 2**53: exact as a float too
    fraction = (weight * 2**53 - whole) * 2**27
    lo = floor_int(dialect, fraction)
    return hi, whole - hi * 2**27, lo, fraction - lo


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
        *,
        encoder: str | None = None,
        without_vectors: Collection[int] = (),
        read_hashes: Mapping[int, str] | None = None,
    ) -> int:
        """Replace the verdicts of stories for the rescored claims, one transaction per
        batch (`rewrite_verdicts`).

        `read_hashes`: the content hash of each story's text as the rescore matched it;
        a story whose text a poll changed meanwhile (or that was deleted) is left as it
        is: the poll wrote the verdicts of its new text.

        The stories' rows are locked first (on SQLite, the database's write lock), so
        the embedding job of another daemon rewriting one of them waits (or is waited
        for). `without_vectors`: the stories that were matched on the lexical path
        because they had no vectors of `encoder` when the rescore read them; one that
        has them now was embedded meanwhile, and the embedding job wrote its verdicts
        on the semantic path: it keeps them (the story is never embedded again, so a
        lexical verdict written over them would stay). A verdict written between the
        read and the write is no error: the transaction runs once more."""
        now = now or now_utc()
        lexical = set(without_vectors) if encoder else set()
        read = read_hashes or {}
        try:
            return self._store_rescored(results, claim_hashes, now, encoder, lexical, read)
        except IntegrityError:
            return self._store_rescored(results, claim_hashes, now, encoder, lexical, read)

    def _store_rescored(
        self,
        results: Sequence[tuple[int, Sequence[Verdict]]],
        claim_hashes: Mapping[str, str],
        now: datetime,
        encoder: str | None,
        lexical: set[int],
        read: Mapping[int, str],
    ) -> int:
        with self.session() as s:
            write_lock(s, self.dialect)
            ids = sorted({story_id for story_id, _ in results})
            current = lock_stories(s, self.dialect, ids)
            if read:
                results = [
                    r for r in results if r[0] not in read or current.get(r[0]) == read[r[0]]
                ]
            embedded: set[int] = set()
            check = sorted(lexical.intersection(ids))
            for start in range(0, len(check), 500):
                embedded.update(
                    s.scalars(
                        select(StoryRow.id)
                        .join(StoryVectorRow, valid_vectors(encoder))
                        .where(StoryRow.id.in_(check[start : start + 500]))
                    )
                )
            if embedded:
                results = [r for r in results if r[0] not in embedded]
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
        """How many stored verdicts of the configured claims were computed against each
        basis (`Verdict.basis`; "" for those stored before bases were recorded): a
        handful of rows, one per stream profile and path. A claim removed from the
        config keeps its verdicts, which no rescore rewrites: they are not counted (else
        they would call for a rescore at every start)."""
        q = (
            select(VerdictRow.basis, func.count(VerdictRow.id))
            .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
            .where(ClaimRow.active.is_(True))
            .group_by(VerdictRow.basis)
        )
        with self.session() as s:
            return {basis or "": int(n) for basis, n in s.execute(q)}

    def evidence_version(self) -> tuple[object, ...]:
        """A value that changes whenever what `get_claim_summaries` and `evidence_tallies`
        read changes: verdicts stored, rewritten, rescored or deleted, reviews recorded,
        feeds removed or restored. Aggregates over small columns (a few ms at 50,000
        verdicts): a cache key for the dashboard, which would otherwise count every
        verdict again on every page."""
        # A verdict's stance, a review's decision and stance, weighed by the row's id:
        # a change of one of them changes the sum, whatever the clock of the process that
        # made it said (logged_at and reviewed_at need not grow: another host's clock).
        stance = case(
            (VerdictRow.stance == Stance.CORROBORATES.value, 1),
            (VerdictRow.stance == Stance.CONTRADICTS.value, 2),
            else_=3,
        )
        decision = case(
            (ReviewRow.decision == ReviewDecision.CONFIRMED.value, 4),
            (ReviewRow.decision == ReviewDecision.REJECTED.value, 8),
            else_=12,
        ) + case(
            (ReviewRow.stance == Stance.CORROBORATES.value, 1),
            (ReviewRow.stance == Stance.CONTRADICTS.value, 2),
            (ReviewRow.stance == Stance.DISCUSSES.value, 3),
            else_=0,
        )
        with self.session() as s:
            verdicts = s.execute(
                select(
                    func.count(VerdictRow.id),
                    func.max(VerdictRow.id),
                    func.max(VerdictRow.logged_at),
                    func.sum(VerdictRow.score),
                    func.sum(cast(VerdictRow.id, BigInteger) * stance),
                )
            ).one()
            reviews = s.execute(
                select(
                    func.count(ReviewRow.id),
                    func.max(ReviewRow.reviewed_at),
                    func.sum(cast(ReviewRow.id, BigInteger) * decision),
                )
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
        """Each claim with its status and counts (`status.summarise_totals`).

        Counted in SQL per claim and stance over `_sources` (removed feeds' stories
        left out): a few dozen rows whatever the number of verdicts, the weights
        summed exactly (`_weight_pieces`), so the summaries are those of
        `status.summarise_claim` over every verdict (tests/test_summaries.py).
        """
        sources = self._sources()
        pieces = _weight_pieces(self.dialect, sources.c.weight)
        q = select(
            sources.c.claim_id,
            sources.c.stance,
            func.count(),
            func.sum(sources.c.stories),
            *(func.sum(p) for p in pieces[:3]),
            func.sum(case((pieces[3] != 0, 1), else_=0)),
        ).group_by(sources.c.claim_id, sources.c.stance)
        counts: dict[str, dict[Stance, int]] = defaultdict(dict)
        copies: dict[str, dict[Stance, int]] = defaultdict(dict)
        sums: dict[str, dict[Stance, float]] = defaultdict(dict)
        with self.session() as s:
            conn = s.connection()
            rows = conn.execute(q).all()
            inexact: dict[tuple[str, str], list[float]] = {
                (claim_id, stance): [] for claim_id, stance, *_, n in rows if n
            }
            if inexact:
                rest = self._sources(sorted({claim_id for claim_id, _ in inexact}))
                for claim_id, stance, weight in conn.execute(
                    select(rest.c.claim_id, rest.c.stance, rest.c.weight)
                ):
                    inexact.get((claim_id, stance), []).append(float(weight))
        for claim_id, stance, n, stories, hi, mid, lo, _ in rows:
            key = Stance(stance)
            counts[claim_id][key] = int(n)
            copies[claim_id][key] = int(stories)
            if (claim_id, stance) in inexact:
                sums[claim_id][key] = math.fsum(inexact[(claim_id, stance)])
            else:
                # Python's int / int is correctly rounded: the exact sum, rounded once.
                sums[claim_id][key] = ((int(hi) << 54) + (int(mid) << 27) + int(lo)) / 2**80
        return [
            summarise_totals(
                c,
                counts[c.id],
                copies[c.id],
                support=sums[c.id].get(Stance.CORROBORATES, 0.0),
                opposition=sums[c.id].get(Stance.CONTRADICTS, 0.0),
            )
            for c in claims
        ]

    @staticmethod
    def _sources(claim_ids: Sequence[str] | None = None) -> Any:
        """The independent sources of every claim's evidence (or of `claim_ids`'), a row
        each: claim_id, the stance that counts, the weight of its strongest verdict
        (`status.verdict_weight` in SQL: an analyst-reviewed verdict weighs 1.0, else
        its score within [0, 1]) and how many stories it is. Rejected verdicts and
        removed feeds' stories are left out.

        A source is a syndication cluster (`cluster_id or id`, as
        `Evidence.cluster_id`). Most are one story, so only the verdicts on stories
        of clusters with copies (found through the cluster index) are grouped by
        cluster; the others are read in the table's order, a row per verdict
        (grouping them all by cluster, or reading them by claim, costs twice the
        query on SQLite).
        """
        cluster = case(
            (StoryRow.cluster_id.is_(None) | (StoryRow.cluster_id == 0), StoryRow.id),
            else_=StoryRow.cluster_id,
        )
        # Every cluster of two stories or more is among these: of two stories
        # sharing a cluster, one at least names a cluster other than itself.
        with_copies = select(StoryRow.cluster_id).where(
            StoryRow.cluster_id.is_not(None), StoryRow.cluster_id != StoryRow.id
        )
        weight = case(
            (ReviewRow.id.is_not(None), 1.0),
            (VerdictRow.score >= 1.0, 1.0),
            (VerdictRow.score <= 0.0, 0.0),
            else_=VerdictRow.score,
        )

        def counted(*where: Any) -> Any:
            q = (
                select(
                    VerdictRow.claim_id.label("claim_id"),
                    COUNTED_STANCE.label("stance"),
                    cluster.label("cluster"),
                    weight.label("weight"),
                )
                .join(StoryRow, StoryRow.id == VerdictRow.story_id)
                # A removed feed's stories no longer count (purging them deletes them).
                .join(FeedRow, (FeedRow.id == StoryRow.feed_id) & FeedRow.active.is_(True))
                .outerjoin(ReviewRow, REVIEW_OF_VERDICT)
                .where(NOT_REJECTED, *where)
            )
            if claim_ids is not None:
                q = q.where(VerdictRow.claim_id.in_(list(claim_ids)))
            return q.subquery()

        single = counted(cluster.not_in(with_copies))
        # The first condition finds the stories by index; the second is the one meant.
        copied = counted(
            StoryRow.cluster_id.in_(with_copies) | StoryRow.id.in_(with_copies),
            cluster.in_(with_copies),
        )
        alone = select(
            single.c.claim_id,
            single.c.stance,
            single.c.weight,
            literal_column("1").label("stories"),
        )
        grouped = select(
            copied.c.claim_id,
            copied.c.stance,
            func.max(copied.c.weight),
            func.count(),
        ).group_by(copied.c.claim_id, copied.c.stance, copied.c.cluster)
        return union_all(alone, grouped).subquery("sources")

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
