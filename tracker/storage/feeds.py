"""Feeds and their leases: which feeds there are (config, CLI, OPML), which are due,
which daemon polls which, and a failed poll. A successful poll is written with its
stories (`tracker.storage.polls`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, delete, func, null, or_, select, update

from ..types import FeedConfig, FeedContents, FeedState
from .db import StoreBase, dump, now_utc
from .models import FeedRow, ReviewRow, StoryRevisionRow, StoryRow, StoryVectorRow, VerdictRow
from .sql import for_update


def lease_release(owner: Any) -> dict[str, Any]:
    """SET values clearing a lease only while `owner` holds it (another daemon's stays)."""
    held = FeedRow.lease_owner == owner
    return {
        "lease_owner": case((held, null()), else_=FeedRow.lease_owner),
        "lease_expires": case((held, null()), else_=FeedRow.lease_expires),
    }


def _new_feed_row(feed: FeedConfig, source: str, now: datetime) -> FeedRow:
    return FeedRow(
        url=feed.url,
        name=feed.name,
        interval=feed.interval,
        tags=dump(list(feed.tags)),
        source=source,
        active=True,
        error_count=0,
        redirect_count=0,
        created_at=now,
    )


def feed_state(row: FeedRow) -> FeedState:
    return FeedState(
        id=row.id,
        url=row.url,
        name=row.name,
        interval=row.interval,
        tags=tuple(json.loads(row.tags or "[]")),
        source=row.source,
        last_polled=row.last_polled,
        last_success=row.last_success,
        next_poll=row.next_poll,
        error_count=row.error_count or 0,
        last_error=row.last_error,
        etag=row.etag,
        last_modified=row.last_modified,
        min_interval=row.min_interval,
        failing_since=row.failing_since,
        problem=row.problem,
        lease_owner=row.lease_owner,
        lease_expires=row.lease_expires,
    )


def _due(now: datetime) -> ColumnElement[bool]:
    """Active feeds that `scheduling.is_due` at `now`: the same rule in SQL, so that a
    daemon leases due feeds in one statement (tests/test_scheduling.py holds the two
    equal on both databases)."""
    return FeedRow.active.is_(True) & or_(FeedRow.next_poll.is_(None), FeedRow.next_poll <= now)


#: Due feeds are polled in this order: never polled first, then the longest due.
_DUE_ORDER = (FeedRow.next_poll.is_not(None), FeedRow.next_poll, FeedRow.id)


class FeedStore(StoreBase):
    def sync_feeds(self, feeds: Sequence[FeedConfig], now: datetime | None = None) -> None:
        """Make the config's feeds the stored ones of source "config".

        Feeds added with `tracker feeds add` or imported from OPML are not touched;
        config feeds that left the config are deactivated (their stories stay).
        """
        now = now or now_utc()
        with self.session() as s:
            rows = {r.url: r for r in s.scalars(select(FeedRow))}
            wanted = {f.url for f in feeds}
            for feed in feeds:
                row = rows.get(feed.url)
                if row is None:
                    s.add(_new_feed_row(feed, "config", now))
                else:
                    row.name = feed.name
                    row.interval = feed.interval
                    row.tags = dump(list(feed.tags))
                    if row.source == "config" or not row.active:
                        row.source = "config"
                        row.active = True
            for url, row in rows.items():
                if row.source == "config" and url not in wanted and row.active:
                    row.active = False

    def add_feed(
        self, feed: FeedConfig, *, source: str = "cli", now: datetime | None = None
    ) -> bool:
        """Add a feed (or re-activate it). Returns False if it was already active."""
        now = now or now_utc()
        with self.session() as s:
            row = s.scalar(select(FeedRow).where(FeedRow.url == feed.url))
            if row is not None:
                was_active = row.active
                row.active = True
                if feed.name:
                    row.name = feed.name
                if feed.interval:
                    row.interval = feed.interval
                if feed.tags:
                    row.tags = dump(list(feed.tags))
                if not was_active:
                    row.source = source
                return not was_active
            s.add(_new_feed_row(feed, source, now))
            return True

    def remove_feed(self, url: str) -> bool:
        """Stop polling a feed; its stories and verdicts are kept. False if unknown."""
        with self.session() as s:
            row = s.scalar(select(FeedRow).where(FeedRow.url == url, FeedRow.active.is_(True)))
            if row is None:
                return False
            row.active = False
            row.lease_owner = None
            return True

    def feed_contents(self, url: str) -> FeedContents | None:
        """The stories and verdicts stored for the feed at `url` (active or not); None if
        there is no such feed."""
        with self.session() as s:
            feed_id = s.scalar(select(FeedRow.id).where(FeedRow.url == url))
            if feed_id is None:
                return None
            stories = s.scalar(select(func.count()).where(StoryRow.feed_id == feed_id)) or 0
            verdicts = s.scalar(
                select(func.count())
                .select_from(VerdictRow)
                .join(StoryRow, StoryRow.id == VerdictRow.story_id)
                .where(StoryRow.feed_id == feed_id)
            )
            return FeedContents(int(stories), int(verdicts or 0))

    def purge_feed(self, url: str) -> bool:
        """Delete a feed (active or removed) with its stories, their revisions, verdicts,
        reviews and vectors, in one transaction. False if unknown."""
        with self.session() as s:
            feed_id = s.scalar(select(FeedRow.id).where(FeedRow.url == url))
            if feed_id is None:
                return False
            # Explicit, not left to ON DELETE CASCADE: SQLite only cascades with its
            # foreign_keys pragma on, and a purge must not depend on a connection setting.
            story_ids = select(StoryRow.id).where(StoryRow.feed_id == feed_id)
            for table in (ReviewRow, VerdictRow, StoryRevisionRow, StoryVectorRow):
                s.execute(delete(table).where(table.story_id.in_(story_ids)))
            s.execute(delete(StoryRow).where(StoryRow.feed_id == feed_id))
            s.execute(delete(FeedRow).where(FeedRow.id == feed_id))
            return True

    def get_feeds(self, *, active_only: bool = True) -> list[FeedState]:
        with self.session() as s:
            q = select(FeedRow).order_by(FeedRow.id)
            if active_only:
                q = q.where(FeedRow.active.is_(True))
            return [feed_state(r) for r in s.scalars(q)]

    def get_feed(self, url: str) -> FeedState | None:
        with self.session() as s:
            row = s.scalar(select(FeedRow).where(FeedRow.url == url))
            return feed_state(row) if row else None

    def get_due_feeds(self, now: datetime, *, limit: int | None = None) -> list[FeedState]:
        """Active feeds whose next poll time has come (never-polled feeds first)."""
        with self.session() as s:
            q = select(FeedRow).where(_due(now)).order_by(*_DUE_ORDER)
            if limit is not None:
                q = q.limit(limit)
            return [feed_state(r) for r in s.scalars(q)]

    def lease_due_feeds(
        self, owner: str, now: datetime, *, lease_seconds: int, limit: int = 100
    ) -> list[FeedState]:
        """Claim due feeds for this daemon so no other daemon polls them at the same time.

        The states are returned as they were before this lease: `lease_owner` names the
        daemon whose expired lease was taken over, if any (a metric counts takeovers).

        PostgreSQL: `SELECT ... FOR UPDATE SKIP LOCKED`. SQLite: one writer at a time
        already, and a second daemon on one SQLite file is refused at start.
        """
        expires = now + timedelta(seconds=lease_seconds)
        with self.session() as s:
            q = (
                select(FeedRow)
                .where(_due(now))
                .where(
                    or_(
                        FeedRow.lease_owner.is_(None),
                        FeedRow.lease_owner == owner,
                        FeedRow.lease_expires < now,
                    )
                )
                .order_by(*_DUE_ORDER)
                .limit(limit)
            )
            rows = list(s.scalars(for_update(self.dialect, q, skip_locked=True)))
            # The states as found, before this lease: a feed whose `lease_owner` is
            # another daemon was taken over from it (its lease had expired).
            found = [feed_state(r) for r in rows]
            for row in rows:
                row.lease_owner = owner
                row.lease_expires = expires
            return found

    def release_leases(self, owner: str) -> None:
        with self.session() as s:
            s.execute(
                update(FeedRow)
                .where(FeedRow.lease_owner == owner)
                .values(lease_owner=None, lease_expires=None)
            )

    def record_poll_failure(
        self,
        feed_id: int,
        *,
        polled_at: datetime,
        error: str,
        next_poll: datetime,
        lease_owner: str | None = None,
    ) -> None:
        """Record a failed poll: error count, message, when to retry. Stories are untouched.

        `lease_owner`'s lease on the feed is released (not another daemon's that took
        the feed over since); None leaves leases alone.
        """
        values: dict[str, Any] = {
            "last_polled": polled_at,
            "error_count": func.coalesce(FeedRow.error_count, 0) + 1,
            "last_error": error[:2000],
            "failing_since": func.coalesce(FeedRow.failing_since, polled_at),
            "next_poll": next_poll,
        }
        if lease_owner is not None:
            values.update(lease_release(lease_owner))
        with self.session() as s:
            s.execute(update(FeedRow).where(FeedRow.id == feed_id).values(**values))
