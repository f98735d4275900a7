"""What the engine's semantic path and stream profile need stored: each story's
sentence-encoder vectors (stored once, never recomputed by a rescore), the stories
still awaiting them, and the stream profiles the tracker built, which verdicts name
in their basis.

A story's vectors are valid while it keeps the text they were computed from (its
content hash) and the tracker runs the same encoder; a story whose text changed,
or a tracker with another encoder, finds it awaiting vectors again. A failed
embedding is recorded (a row without vectors, with the error) so the embedding
job does not stall on it; `retry_failed` asks for those again. A story being
embedded is claimed (a row with neither, `claim_for_embedding`), so that daemons
sharing a database do not embed it twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_, select, tuple_
from sqlalchemy.exc import IntegrityError

from ..engine.vectors import StoryVectors
from ..types import EmbedCounts, EmbeddedStory, ProfileRecord, Story, StreamGrowth
from .db import StoreBase, now_utc
from .models import FeedRow, StoryRow, StoryVectorRow, StreamProfileRow
from .sql import for_update, lock_stories, valid_vectors, write_lock
from .verdicts import rewrite_verdicts

#: A story claimed for embedding and not stored within this many seconds is taken
#: again by the next run (its daemon died, or was killed, mid-batch).
CLAIM_SECONDS = 600
#: A claim that lost a race with another run's is made again this many times at most.
_CLAIM_TRIES = 5

#: The columns a `Story` is read from (joined with its feed), then its vectors' bytes.
_STORY_COLUMNS = (
    StoryRow.id,
    StoryRow.entry_key,
    StoryRow.title,
    StoryRow.text,
    StoryRow.link,
    StoryRow.published,
    StoryRow.lang,
    FeedRow.url,
)


def _claimed_since(time: datetime) -> Any:
    """A row that is a claim (being embedded: no vectors, no error) made after `time`."""
    row = StoryVectorRow
    return row.vectors.is_(None) & row.error.is_(None) & (row.embedded_at > time)


def _done(encoder: str, text_hash: Any, retry_failed: bool, claimed_after: datetime | None) -> Any:
    """A row that takes its story out of `encoder`'s backlog while the story's text hash
    is `text_hash`: its vectors, a failure (unless `retry_failed`), or (with
    `claimed_after`) a claim made after that time: another run is embedding it."""
    row = StoryVectorRow
    done_when: list[ColumnElement[bool]] = [row.vectors.is_not(None)]
    if not retry_failed:
        done_when.append(row.error.is_not(None))
    if claimed_after is not None:
        done_when.append(_claimed_since(claimed_after))
    return (row.encoder == encoder) & (row.content_hash == text_hash) & or_(*done_when)


#: The stories a stream profile counts: the first stored copy of each report (a wire
#: report syndicated to thirty feeds is one story of the stream, not thirty, as in a
#: claim's counts), found by its own id being its cluster's.
_FIRST_COPY = (StoryRow.cluster_id == StoryRow.id) | StoryRow.cluster_id.is_(None)


def _story(row: Sequence[Any]) -> Story:
    _, key, title, text, link, published, lang, url = row[:8]
    return Story(
        feed_url=url,
        entry_key=key,
        title=title,
        text=text,
        link=link,
        published=published,
        lang=lang,
    )


def _vectors(blob: bytes | None) -> StoryVectors | None:
    """Stored bytes as vectors; a record that does not read counts as none (the story
    is then matched on the lexical path, and embedded again by the job)."""
    if blob is None:
        return None
    try:
        return StoryVectors.from_bytes(bytes(blob))
    except ValueError:
        return None


def _profile(row: StreamProfileRow) -> ProfileRecord:
    return ProfileRecord(
        id=row.id,
        built_at=row.built_at,
        stories=row.stories,
        newest_story_id=row.newest_story_id,
        vectors=row.vectors,
        encoder=row.encoder,
        digest=row.digest,
        label=row.label,
        reason=row.reason,
    )


class VectorStore(StoreBase):
    # --- the embedding backlog -------------------------------------------------------------

    def _awaiting(
        self, encoder: str, retry_failed: bool, claimed_after: datetime | None = None
    ) -> Any:
        """WHERE: the story has no vectors of `encoder` for its current text (nor a failed
        attempt at them, unless `retry_failed`; nor, with `claimed_after`, a claim on it
        made after that time: another run is embedding it)."""
        row = StoryVectorRow
        done = select(row.story_id).where(
            row.story_id == StoryRow.id,
            _done(encoder, StoryRow.content_hash, retry_failed, claimed_after),
        )
        return ~done.exists()

    def stories_awaiting_vectors(
        self,
        encoder: str,
        limit: int,
        *,
        below_id: int | None = None,
        retry_failed: bool = False,
    ) -> list[tuple[int, Story]]:
        """Up to `limit` stories without vectors of `encoder` for their current text
        (those being embedded included), newest first (the most recent news gains most
        from the semantic path); with `below_id`, only stories of lower ids."""
        q = (
            select(*_STORY_COLUMNS)
            .join(FeedRow, FeedRow.id == StoryRow.feed_id)
            .where(self._awaiting(encoder, retry_failed))
            .order_by(StoryRow.id.desc())
            .limit(limit)
        )
        if below_id is not None:
            q = q.where(StoryRow.id < below_id)
        with self.session() as s:
            return [(row[0], _story(row)) for row in s.execute(q)]

    def claim_for_embedding(
        self,
        encoder: str,
        limit: int,
        *,
        now: datetime,
        below_id: int | None = None,
        retry_failed: bool = False,
    ) -> list[tuple[int, Story]]:
        """Take up to `limit` stories awaiting vectors of `encoder`, newest first (below
        `below_id`), that no other run is embedding: each is marked as being embedded
        (a row without vectors or error, stamped `now`) until `store_embedded` stores
        it or `release_claims` gives it back. A claim older than CLAIM_SECONDS is
        taken over (a daemon that died mid-batch). Daemons sharing a database so
        embed each story once; on PostgreSQL, rows another daemon is claiming at the
        same moment are skipped (SKIP LOCKED)."""
        for _ in range(_CLAIM_TRIES - 1):
            try:
                return self._claim(encoder, limit, now, below_id, retry_failed)
            except IntegrityError:  # another run claimed one of them at the same moment
                continue
        return self._claim(encoder, limit, now, below_id, retry_failed)

    def _claim(
        self,
        encoder: str,
        limit: int,
        now: datetime,
        below_id: int | None,
        retry_failed: bool,
    ) -> list[tuple[int, Story]]:
        stale = now - timedelta(seconds=CLAIM_SECONDS)
        q: Any = (
            select(*_STORY_COLUMNS, StoryRow.content_hash)
            .join(FeedRow, FeedRow.id == StoryRow.feed_id)
            .where(self._awaiting(encoder, retry_failed, claimed_after=stale))
            .order_by(StoryRow.id.desc())
            .limit(limit)
        )
        if below_id is not None:
            q = q.where(StoryRow.id < below_id)
        q = for_update(self.dialect, q, skip_locked=True, of=StoryRow)
        with self.session() as s:
            # SQLite: the read below under the write lock, or another run could claim,
            # embed and store these stories between it and the writes.
            write_lock(s, self.dialect)
            rows = s.execute(q).all()
            ids = [row[0] for row in rows]
            if ids:
                # Whatever the story had that the read above counts as awaiting vectors
                # (vectors of another encoder or text, a failure being tried again, a
                # stale claim, a claim of the story's earlier text) makes way for the
                # claim. What takes it out of the backlog does not: on PostgreSQL
                # another run may have claimed or stored the story after this
                # statement's snapshot was taken; the insert below then fails on its
                # row and the claim is made again without that story.
                row = StoryVectorRow
                current = (
                    select(StoryRow.content_hash)
                    .where(StoryRow.id == row.story_id)
                    .scalar_subquery()
                )
                done = _done(encoder, current, retry_failed, stale)
                s.execute(delete(row).where(row.story_id.in_(ids), ~done))
                s.add_all(
                    StoryVectorRow(
                        story_id=row[0], encoder=encoder, content_hash=row[8],
                        vectors=None, error=None, embedded_at=now,
                    )
                    for row in rows
                )  # fmt: skip
            return [(row[0], _story(row)) for row in rows]

    def release_claims(self, claims: Mapping[int, str]) -> None:
        """Give back stories claimed for embedding and not stored (a run stopped): story
        id -> the text hash claimed. A claim another run has made since on the story's
        new text is not this run's, and stays."""
        pairs = sorted(claims.items())
        row = StoryVectorRow
        with self.session() as s:
            for start in range(0, len(pairs), 500):
                s.execute(
                    delete(row).where(
                        tuple_(row.story_id, row.content_hash).in_(pairs[start : start + 500]),
                        row.vectors.is_(None),
                        row.error.is_(None),
                    )
                )

    def count_awaiting_vectors(self, encoder: str) -> int:
        """How many stories `stories_awaiting_vectors` would give without a limit (those
        being embedded included)."""
        q = select(func.count(StoryRow.id)).where(self._awaiting(encoder, False))
        with self.session() as s:
            return int(s.scalar(q) or 0)

    def count_failed_vectors(self, encoder: str) -> int:
        """Stories whose embedding with `encoder` failed (for their current text)."""
        q = (
            select(func.count(StoryVectorRow.story_id))
            .join(StoryRow, StoryRow.id == StoryVectorRow.story_id)
            .where(
                StoryVectorRow.encoder == encoder,
                StoryVectorRow.content_hash == StoryRow.content_hash,
                StoryVectorRow.vectors.is_(None),
                StoryVectorRow.error.is_not(None),
            )
        )
        with self.session() as s:
            return int(s.scalar(q) or 0)

    def store_embedded(
        self,
        results: Sequence[EmbeddedStory],
        claim_hashes: Mapping[str, str] | None = None,
        now: datetime | None = None,
    ) -> EmbedCounts:
        """Store embedded stories' vectors (or their failure) and rewrite their verdicts
        for the claims of `claim_hashes` with the ones given (`rewrite_verdicts`: reviews
        are keyed by story and claim and survive), in one transaction.

        A story whose text changed since it was read is left as it is (it awaits
        vectors of its new text); a story deleted meanwhile is skipped. Another daemon
        storing the same story's vectors at the same moment is no error: the
        transaction runs once more and replaces them.
        """
        if not results:
            return EmbedCounts()
        now = now or now_utc()
        try:
            return self._store_embedded(results, claim_hashes or {}, now)
        except IntegrityError:
            return self._store_embedded(results, claim_hashes or {}, now)

    def _store_embedded(
        self, results: Sequence[EmbeddedStory], claim_hashes: Mapping[str, str], now: datetime
    ) -> EmbedCounts:
        embedded = failed = changed = 0
        with self.session() as s:
            # Row locks on PostgreSQL: a poll changing one of these stories waits (or is
            # waited for), so vectors never go with another text.
            current = lock_stories(s, self.dialect, (r.story_id for r in results))
            kept = []
            for r in results:
                if r.story_id not in current:
                    continue
                if current[r.story_id] != r.content_hash:
                    changed += 1
                    continue
                kept.append(r)
            kept_ids = [r.story_id for r in kept]
            for start in range(0, len(kept_ids), 500):
                s.execute(
                    delete(StoryVectorRow).where(
                        StoryVectorRow.story_id.in_(kept_ids[start : start + 500])
                    )
                )
            s.add_all(
                StoryVectorRow(
                    story_id=r.story_id,
                    encoder=r.encoder,
                    content_hash=r.content_hash,
                    vectors=r.vectors,
                    error=None if r.vectors is not None else (r.error or "failed"),
                    embedded_at=now,
                )
                for r in kept
            )
            s.flush()
            ok = [r for r in kept if r.vectors is not None]
            embedded, failed = len(ok), len(kept) - len(ok)
            verdicts = 0
            if claim_hashes and ok:
                verdicts = rewrite_verdicts(
                    s, [(r.story_id, r.verdicts) for r in ok], claim_hashes, now
                )
        return EmbedCounts(embedded=embedded, failed=failed, changed=changed, verdicts=verdicts)

    def get_story_vectors(self, story_ids: Sequence[int], encoder: str) -> dict[int, StoryVectors]:
        """The stored vectors of `encoder` of these stories (those that have them)."""
        out: dict[int, StoryVectors] = {}
        ids = list(story_ids)
        with self.session() as s:
            for start in range(0, len(ids), 500):
                q = (
                    select(StoryRow.id, StoryVectorRow.vectors)
                    .join(StoryVectorRow, valid_vectors(encoder))
                    .where(StoryRow.id.in_(ids[start : start + 500]))
                )
                for story_id, blob in s.execute(q):
                    vectors = _vectors(blob)
                    if vectors is not None:
                        out[story_id] = vectors
        return out

    # --- stories with their vectors: rescoring and the stream profile -------------------

    def _with_vectors(self, encoder: str | None) -> Any:
        return (
            select(*_STORY_COLUMNS, StoryVectorRow.vectors)
            .join(FeedRow, FeedRow.id == StoryRow.feed_id)
            .outerjoin(StoryVectorRow, valid_vectors(encoder))
        )

    def iter_stories_with_vectors(
        self, encoder: str | None, batch_size: int = 1000
    ) -> Iterator[list[tuple[int, Story, StoryVectors | None]]]:
        """All stored stories in id order, in batches, each with its stored vectors of
        `encoder` (None where it has none, or without an encoder): for rescoring."""
        last_id = 0
        while True:
            q = (
                self._with_vectors(encoder)
                .where(StoryRow.id > last_id)
                .order_by(StoryRow.id)
                .limit(batch_size)
            )
            with self.session() as s:
                batch = [(row[0], _story(row), _vectors(row[8])) for row in s.execute(q)]
            if not batch:
                return
            last_id = batch[-1][0]
            yield batch

    def recent_stories_with_vectors(
        self, limit: int, encoder: str | None, *, newest_id: int | None = None
    ) -> list[tuple[int, Story, StoryVectors | None]]:
        """The `limit` stories with the highest ids (up to `newest_id`), oldest first,
        with their stored vectors of `encoder`: what a stream profile is built from.
        A syndicated report counts once (its first stored copy)."""
        q = self._with_vectors(encoder).where(_FIRST_COPY)
        if newest_id is not None:
            q = q.where(StoryRow.id <= newest_id)
        q = q.order_by(StoryRow.id.desc()).limit(limit)
        with self.session() as s:
            rows = [(row[0], _story(row), _vectors(row[8])) for row in s.execute(q)]
        rows.reverse()
        return rows

    def stream_growth(self, profile: ProfileRecord, encoder: str | None) -> StreamGrowth:
        """Stories stored after the profile's newest one, and how many of the stories it
        was built from have vectors of `encoder` now (syndicated copies counted once, as
        `recent_stories_with_vectors` counts them)."""
        with self.session() as s:
            new = s.scalar(
                select(func.count(StoryRow.id)).where(
                    StoryRow.id > profile.newest_story_id, _FIRST_COPY
                )
            )
            vectors: int | None = 0
            if encoder is not None and profile.stories:
                window = (
                    select(StoryRow.id)
                    .where(StoryRow.id <= profile.newest_story_id, _FIRST_COPY)
                    .order_by(StoryRow.id.desc())
                    .limit(profile.stories)
                    .subquery()
                )
                vectors = s.scalar(
                    select(func.count())
                    .select_from(window)
                    .join(StoryRow, StoryRow.id == window.c.id)
                    .join(StoryVectorRow, valid_vectors(encoder))
                )
        return StreamGrowth(new_stories=int(new or 0), vectors=int(vectors or 0))

    # --- stream profiles -----------------------------------------------------------------

    def record_profile(
        self,
        *,
        stories: int,
        newest_story_id: int,
        vectors: int,
        encoder: str | None,
        digest: str,
        label: str,
        reason: str = "",
        now: datetime | None = None,
    ) -> ProfileRecord:
        """Record a profile the tracker built (the verdicts computed against it name it)."""
        with self.session() as s:
            row = StreamProfileRow(
                built_at=now or now_utc(),
                stories=stories,
                newest_story_id=newest_story_id,
                vectors=vectors,
                encoder=encoder,
                digest=digest,
                label=label,
                reason=reason,
            )
            s.add(row)
            s.flush()
            return _profile(row)

    def latest_profile(self) -> ProfileRecord | None:
        """The profile recorded last (what new verdicts are computed against)."""
        with self.session() as s:
            row = s.scalar(select(StreamProfileRow).order_by(StreamProfileRow.id.desc()).limit(1))
            return _profile(row) if row is not None else None

    def get_profiles(self, *, digest: str | None = None, limit: int = 20) -> list[ProfileRecord]:
        """Recorded profiles, newest first; `digest`: those whose digest starts with it
        (a verdict's basis names the first 8 characters)."""
        q = select(StreamProfileRow).order_by(StreamProfileRow.id.desc()).limit(limit)
        if digest:
            q = q.where(StreamProfileRow.digest.startswith(digest, autoescape=True))
        with self.session() as s:
            return [_profile(row) for row in s.scalars(q)]
