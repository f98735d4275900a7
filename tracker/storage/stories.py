"""Stories: inserting new ones into their syndication clusters, keeping the old text of
a changed one, and reading them (listing, revisions, rescoring batches).

A poll's stories are written by `tracker.storage.polls`, which calls `insert_stories`
and `update_story` here inside its transaction.

A story's sentence-encoder vectors and the stream profiles are `tracker.storage.vectors`'s.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Engine, func, or_, select, update
from sqlalchemy.orm import Session

from ..engine import syndication
from ..types import Stance, StoredStory, Story, StoryRevision, StoryWithVerdicts
from .db import StoreBase, dump
from .models import FeedRow, StoryRevisionRow, StoryRow, VerdictRow
from .sql import (
    STORIES,
    VERDICTS,
    cluster_candidates,
    insert_many,
    next_story_ids,
)
from .verdicts import new_verdict


class NewStory(NamedTuple):
    """A story to insert: which of the polls being stored it came from, and its feed."""

    poll: int  # its poll's position among those stored together
    feed_id: int
    polled_at: datetime
    item: StoryWithVerdicts


def report_of(item: StoryWithVerdicts) -> syndication.Report:
    """The story normalised for syndication: as the caller prepared it, or now."""
    return item.report or syndication.prepare(item.story.title, item.story.text)


def _key_columns(report: syndication.Report) -> dict[str, Any]:
    """A story's syndication key columns: the keys, and the hashes they are indexed by."""
    return {
        "title_key": report.head,
        "text_key": report.text_key,
        "title_hash": syndication.key_hash(report.head),
        "text_hash": syndication.key_hash(report.text_key),
    }


def update_story(s: Session, row: StoryRow, item: StoryWithVerdicts, now: datetime) -> None:
    """A stored story whose text changed: keep the old version as a revision."""
    story = item.story
    s.add(
        StoryRevisionRow(
            story_id=row.id,
            revision=row.revision,
            title=row.title,
            text=row.text,
            content_hash=row.content_hash,
            replaced_at=now,
        )
    )
    row.title, row.text, row.link = story.title, story.text, story.link
    row.published = story.published or row.published
    row.lang = story.lang or row.lang
    row.content_hash = story.content_hash
    for name, value in _key_columns(report_of(item)).items():
        setattr(row, name, value)
    row.revision += 1
    row.updated_at = now


def insert_stories(
    s: Session, dialect: str, cache: ReportCache, items: Sequence[NewStory]
) -> list[tuple[int, int]]:
    """Insert new stories (of one poll or several) and their verdicts in bulk; returns
    (the story's `NewStory.poll`, verdicts written) per story.

    Each story is inserted with the cluster `syndication.assign_clusters` gives it,
    from the stored stories sharing a key with one of them (read in one query) and
    the new stories before it.
    """
    if not items:
        return []
    reports = [report_of(i.item) for i in items]
    stored = cluster_candidates(
        s, dialect, {r.head for r in reports if r.head}, {r.text_key for r in reports if r.text_key}
    )
    candidates = [syndication.Candidate(*row[:4]) for row in stored]
    hashes_of = {row[0]: row[4] for row in stored}
    compared = syndication.compared_candidates(reports, candidates)
    known = _prepared_reports(s, cache, [(c.id, hashes_of[c.id]) for c in compared])
    hashes = [i.item.story.content_hash for i in items]
    values = [
        dict(
            feed_id=i.feed_id,
            entry_key=i.item.story.entry_key,
            title=i.item.story.title,
            text=i.item.story.text,
            link=i.item.story.link,
            published=i.item.story.published,
            lang=i.item.story.lang,
            content_hash=content_hash,
            **_key_columns(r),
            first_seen=i.polled_at,
            updated_at=i.polled_at,
            revision=1,
        )
        for i, r, content_hash in zip(items, reports, hashes, strict=True)
    ]
    # Core statements on the tables (not the ORM's bulk path), many rows a statement.
    conn = s.connection()
    if dialect == "postgresql":
        # Ids drawn first, so that each story is inserted with its cluster: setting
        # it afterwards would write every new row twice (a new row version, and an
        # entry in each of its indexes).
        ids = next_story_ids(s, len(items))
        clusters = syndication.assign_clusters(
            list(zip(ids, reports, strict=True)), compared, known
        )
        for row, story_id, cluster in zip(values, ids, clusters, strict=True):
            row.update(id=story_id, cluster_id=cluster)
        insert_many(conn, STORIES, values)
    else:
        returned = insert_many(conn, STORIES, values, ("id", "feed_id", "entry_key"))
        inserted = {(f, k): i for i, f, k in returned}
        ids = [inserted[(i.feed_id, i.item.story.entry_key)] for i in items]
        # SQLite gives ids in insertion order, so `ids` ascend as assign_clusters needs.
        clusters = syndication.assign_clusters(
            list(zip(ids, reports, strict=True)), compared, known
        )
        own = [story_id for story_id, c in zip(ids, clusters, strict=True) if c == story_id]
        joined = [
            {"id": story_id, "cluster_id": c}
            for story_id, c in zip(ids, clusters, strict=True)
            if c != story_id
        ]
        if own:
            s.execute(
                update(StoryRow).where(StoryRow.id.in_(own)).values(cluster_id=StoryRow.id),
                execution_options={"synchronize_session": False},
            )
        if joined:
            s.execute(update(StoryRow), joined)
    verdicts = [
        new_verdict(story_id, v, dump(list(v.reasons)), i.item.claim_hashes, i.polled_at)
        for story_id, i in zip(ids, items, strict=True)
        for v in i.item.verdicts
    ]
    if verdicts:
        insert_many(conn, VERDICTS, verdicts)
    return [(i.poll, len(i.item.verdicts)) for i in items]


def _prepared_reports(
    s: Session, cache: ReportCache, stories: Sequence[tuple[int, str]]
) -> dict[int, syndication.Report]:
    """The prepared reports of stored stories (id, content hash): from the cache, or
    read and prepared (one query per 500 of those not cached)."""
    known: dict[int, syndication.Report] = {}
    missing: dict[int, str] = {}
    for story_id, content_hash in stories:
        report = cache.get(story_id, content_hash)
        if report is None:
            missing[story_id] = content_hash
        else:
            known[story_id] = report
    ids = list(missing)
    for start in range(0, len(ids), 500):
        q = select(StoryRow.id, StoryRow.title, StoryRow.text).where(
            StoryRow.id.in_(ids[start : start + 500])
        )
        for story_id, title, text in s.execute(q):
            report = syndication.prepare(title, text)
            cache.put(story_id, missing[story_id], report)
            known[story_id] = report
    return known


class ReportCache:
    """Bounded cache of normalised stored stories (`syndication.prepare`) that were
    syndication candidates, by story id; an entry counts only while the story's content
    hash is the one it was made from. Only the report is kept (~1.5 KB), not the text."""

    def __init__(self, size: int = 8192) -> None:
        self.size = size
        self._items: OrderedDict[int, tuple[str, syndication.Report]] = OrderedDict()

    def get(self, story_id: int, content_hash: str) -> syndication.Report | None:
        hit = self._items.get(story_id)
        if hit is None or hit[0] != content_hash:
            return None
        self._items.move_to_end(story_id)
        return hit[1]

    def put(self, story_id: int, content_hash: str, report: syndication.Report) -> None:
        self._items[story_id] = (content_hash, report)
        self._items.move_to_end(story_id)
        if len(self._items) > self.size:
            self._items.popitem(last=False)


def _story_filters(
    feed_url: str | None,
    since: datetime | None,
    query: str | None = None,
    lang: str | None = None,
) -> list[Any]:
    """The WHERE terms of `get_stories` and `count_stories` (stories joined with feeds)."""
    terms: list[Any] = []
    if feed_url is not None:
        terms.append(FeedRow.url == feed_url)
    if since is not None:
        terms.append(
            or_(
                StoryRow.published >= since,
                StoryRow.published.is_(None) & (StoryRow.first_seen >= since),
            )
        )
    for word in (query or "").split():
        terms.append(
            StoryRow.title.icontains(word, autoescape=True)
            | StoryRow.text.icontains(word, autoescape=True)
        )
    if lang:
        terms.append(
            (func.lower(StoryRow.lang) == lang.lower())
            | func.lower(StoryRow.lang).startswith(lang.lower() + "-", autoescape=True)
        )
    return terms


def _story(row: StoryRow, feed_url: str) -> Story:
    return Story(
        feed_url=feed_url,
        entry_key=row.entry_key,
        title=row.title,
        text=row.text,
        link=row.link,
        published=row.published,
        lang=row.lang,
    )


class StoryStore(StoreBase):
    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        #: Normalised stored stories recently compared for syndication, by id (the
        #: oldest copies of a common report are compared again and again).
        self._reports = ReportCache()

    def count_stories(self, *, feed_url: str | None = None, since: datetime | None = None) -> int:
        """How many stories `get_stories` would return with the same filters and no limit."""
        q = select(func.count(StoryRow.id))
        if feed_url is not None or since is not None:
            q = q.join(FeedRow, FeedRow.id == StoryRow.feed_id).where(
                *_story_filters(feed_url, since)
            )
        with self.session() as s:
            return int(s.scalar(q) or 0)

    def iter_story_batches(self, batch_size: int = 1000) -> Iterator[list[tuple[int, Story]]]:
        """All stored stories in id order, in batches (for rescoring)."""
        last_id = 0
        while True:
            with self.session() as s:
                # Plain columns, not ORM objects: rescoring only reads them.
                q = (
                    select(
                        StoryRow.id,
                        StoryRow.entry_key,
                        StoryRow.title,
                        StoryRow.text,
                        StoryRow.link,
                        StoryRow.published,
                        StoryRow.lang,
                        FeedRow.url,
                    )
                    .join(FeedRow, FeedRow.id == StoryRow.feed_id)
                    .where(StoryRow.id > last_id)
                    .order_by(StoryRow.id)
                    .limit(batch_size)
                )
                batch = [
                    (
                        story_id,
                        Story(
                            feed_url=url,
                            entry_key=key,
                            title=title,
                            text=text,
                            link=link,
                            published=published,
                            lang=lang,
                        ),
                    )
                    for story_id, key, title, text, link, published, lang, url in s.execute(q)
                ]
            if not batch:
                return
            last_id = batch[-1][0]
            yield batch

    def get_stories(
        self,
        *,
        feed_url: str | None = None,
        since: datetime | None = None,
        query: str | None = None,
        lang: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StoredStory]:
        """Stored stories, newest first, with their verdict counts per stance.

        `query`: every word of it appears in the title or text (case-insensitive,
        as a substring: Devanagari words keep their attached endings); `lang`: the
        story's declared language is it or a variant of it ("en" finds "en-GB").
        """
        with self.session() as s:
            q = (
                select(StoryRow, FeedRow.url)
                .join(FeedRow, FeedRow.id == StoryRow.feed_id)
                .order_by(StoryRow.first_seen.desc(), StoryRow.id.desc())
            )
            q = q.where(*_story_filters(feed_url, since, query, lang))
            if limit is not None:
                q = q.limit(limit)
            if offset:
                q = q.offset(offset)
            rows = list(s.execute(q))
            counts: dict[int, dict[Stance, int]] = defaultdict(dict)
            ids = [r.id for r, _ in rows]
            for start in range(0, len(ids), 500):
                cq = (
                    select(VerdictRow.story_id, VerdictRow.stance, func.count(VerdictRow.id))
                    .where(VerdictRow.story_id.in_(ids[start : start + 500]))
                    .group_by(VerdictRow.story_id, VerdictRow.stance)
                )
                for sid, st, n in s.execute(cq):
                    counts[sid][Stance(st)] = int(n)
            return [
                StoredStory(
                    id=r.id,
                    feed_url=url,
                    story=_story(r, url),
                    cluster_id=r.cluster_id or r.id,
                    first_seen=r.first_seen,
                    verdicts=counts.get(r.id, {}),
                )
                for r, url in rows
            ]

    def get_story_revisions(self, story_id: int) -> list[StoryRevision]:
        """Earlier versions of a story, oldest first."""
        with self.session() as s:
            q = (
                select(StoryRevisionRow)
                .where(StoryRevisionRow.story_id == story_id)
                .order_by(StoryRevisionRow.revision)
            )
            return [StoryRevision(r.revision, r.title, r.text, r.replaced_at) for r in s.scalars(q)]
