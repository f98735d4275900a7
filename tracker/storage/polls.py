"""A poll as stored: a successful poll's new and changed stories, their verdicts and
the feed's state, for several feeds in one transaction; and a permanent redirect
followed once confirmed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import StorageError
from ..feeds.redirects import RedirectState, track_redirect
from ..types import FeedPollUpdate, PollCounts, StoryWithVerdicts
from .feeds import lease_release
from .models import FeedRow
from .sql import lock_story_rows, stored_entries
from .stories import NewStory, StoryStore, insert_stories, update_story
from .verdicts import rewrite_verdicts


def _state_values(u: FeedPollUpdate) -> dict[str, Any]:
    """A successful poll's feed state (without validators, redirect and lease)."""
    return {
        "last_polled": u.polled_at,
        "last_success": u.polled_at,
        "next_poll": u.next_poll,
        "error_count": 0,
        "last_error": None,
        "failing_since": None,
        "problem": u.problem,
        "min_interval": u.min_interval,
    }


def _success_values(u: FeedPollUpdate) -> dict[str, Any]:
    """A successful poll's feed state with its validators and lease (the redirect state
    is `_track_redirect`'s)."""
    values = _state_values(u)
    if u.etag is not None or u.last_modified is not None:
        values.update(etag=u.etag, last_modified=u.last_modified)
    if u.lease_owner is not None:
        values.update(lease_release(u.lease_owner))
    return values


class PollStore(StoryStore):
    def record_poll(self, update_: FeedPollUpdate) -> PollCounts:
        """Store a successful poll: new and changed stories, their verdicts, the feed's state.

        One transaction, so a crash leaves either all of it or none of it; writes
        are idempotent (unique keys), so a repeated poll duplicates nothing. If
        another daemon stored the same entries at the same moment (a stalled
        daemon whose lease was taken over), the unique keys refuse the second
        write; the transaction is then run once more and finds their rows.
        """
        return self.record_polls([update_])[0]

    def record_polls(self, updates: Sequence[FeedPollUpdate]) -> list[PollCounts]:
        """Store several feeds' successful polls in one transaction, as `record_poll`
        stores one (and with the same result as storing them one after another, in
        order): one statement of each kind for all of them. Counts in `updates` order.

        A crash loses all of them or none; a poll not stored is polled again, as the
        feeds' validators and next-poll times are in the same transaction.
        """
        if not updates:
            return []
        feeds = [u.feed_id for u in updates]
        if len(set(feeds)) < len(feeds):
            raise ValueError("record_polls takes one poll per feed (store a feed's polls in turn)")
        try:
            return self._record_polls(updates)
        except IntegrityError:
            return self._record_polls(updates)

    def _record_polls(self, updates: Sequence[FeedPollUpdate]) -> list[PollCounts]:
        n = len(updates)
        new, updated, n_verdicts = [0] * n, [0] * n, [0] * n
        moved_to: list[str | None] = [None] * n
        with self.session() as s:
            # One query for the stored entries among every polled one, not one per story.
            stored = stored_entries(
                s,
                self.dialect,
                [(u.feed_id, i.story.entry_key) for u in updates for i in u.stories],
            )
            # The stories it changes locked and read first, in id order (`lock_stories`),
            # not feed by feed: a rescore or an embedding run locking them in that order
            # while this one held a later one would be a deadlock.
            rows = lock_story_rows(
                s,
                self.dialect,
                (
                    found[0]
                    for u in updates
                    for i in u.stories
                    if (found := stored.get((u.feed_id, i.story.entry_key))) is not None
                    and found[1] != i.story.content_hash
                ),
            )
            fresh: list[NewStory] = []
            seen: set[tuple[int, str]] = set()

            def insert_fresh() -> None:
                for at, written in insert_stories(s, self.dialect, self._reports, fresh):
                    new[at] += 1
                    n_verdicts[at] += written
                fresh.clear()

            for at, u in enumerate(updates):
                changed: list[tuple[int, StoryWithVerdicts]] = []
                for item in u.stories:
                    found = stored.get((u.feed_id, item.story.entry_key))
                    if found is not None and found[1] != item.story.content_hash:
                        changed.append((found[0], item))
                if changed:
                    # As one poll after another: the polls before this one insert their
                    # new stories before its changes are written (copies compare with
                    # the text stored at the time).
                    insert_fresh()
                for story_id, item in changed:
                    row = rows.get(story_id)
                    if row is None:  # deleted meanwhile, with its feed (which fails below)
                        continue
                    update_story(s, row, item, u.polled_at)
                    updated[at] += 1
                    n_verdicts[at] += rewrite_verdicts(
                        s, [(row.id, item.verdicts)], item.claim_hashes, u.polled_at
                    )
                for item in u.stories:
                    key = (u.feed_id, item.story.entry_key)
                    if key not in stored and key not in seen:  # a key given twice: once
                        seen.add(key)
                        fresh.append(NewStory(at, u.feed_id, u.polled_at, item))
            insert_fresh()
            # The feeds' state last: one executemany UPDATE (the ORM row only to follow a
            # redirect).
            self._write_states(s, [u for u in updates if u.redirect_target is None])
            for at, u in enumerate(updates):
                if u.redirect_target is None:
                    continue
                feed = s.get(FeedRow, u.feed_id)
                if feed is None:
                    raise StorageError(f"feed id {u.feed_id} is not stored")
                for name, value in _success_values(u).items():
                    setattr(feed, name, value)
                moved_to[at] = self._track_redirect(s, feed, u)
        return [PollCounts(*c) for c in zip(new, updated, n_verdicts, moved_to, strict=True)]

    def _write_states(self, s: Session, updates: Sequence[FeedPollUpdate]) -> None:
        """Each feed's state after a successful poll without a redirect: one executemany
        UPDATE per kind of poll (with or without validators, leased or not)."""
        if not updates:
            return
        groups: dict[tuple[bool, bool], list[dict[str, Any]]] = defaultdict(list)
        for u in updates:
            row = {f"b_{k}": v for k, v in _state_values(u).items()}
            row.update(b_id=u.feed_id, b_owner=u.lease_owner, b_etag=u.etag,
                       b_last_modified=u.last_modified)  # fmt: skip
            validators = u.etag is not None or u.last_modified is not None
            groups[(validators, u.lease_owner is not None)].append(row)
        conn = s.connection()
        uncertain = False
        for (validators, owned), rows in groups.items():
            values: dict[str, Any] = {k: bindparam(f"b_{k}") for k in _state_values(updates[0])}
            values.update(redirect_target=None, redirect_count=0)
            if validators:
                values.update(etag=bindparam("b_etag"), last_modified=bindparam("b_last_modified"))
            if owned:
                values.update(lease_release(bindparam("b_owner")))
            stmt = update(FeedRow).where(FeedRow.id == bindparam("b_id")).values(**values)
            done = conn.execute(stmt, rows)
            if len(rows) == 1 or conn.dialect.supports_sane_multi_rowcount:
                uncertain = uncertain or done.rowcount < len(rows)
            else:  # the driver does not count each statement of a batch: ask
                uncertain = True
        if uncertain:
            ids = sorted({u.feed_id for u in updates})
            stored = set(s.scalars(select(FeedRow.id).where(FeedRow.id.in_(ids))))
            missing = [str(i) for i in ids if i not in stored]
            if len(missing) == 1:
                raise StorageError(f"feed id {missing[0]} is not stored")
            if missing:
                raise StorageError(f"feed ids {', '.join(missing)} are not stored")

    def _track_redirect(self, s: Session, feed: FeedRow, u: FeedPollUpdate) -> str | None:
        """Follow a confirmed permanent redirect (`redirects.track_redirect`) unless the
        new URL is already a feed of its own. Returns the URL moved to, or None."""
        state, move_to = track_redirect(
            feed.url,
            RedirectState(feed.redirect_target, feed.redirect_count),
            u.redirect_target,
            u.redirect_confirmations,
        )
        feed.redirect_target, feed.redirect_count = state.target, state.count
        if move_to is None:
            return None
        if s.scalar(select(FeedRow.id).where(FeedRow.url == move_to)) is not None:
            return None  # the new URL is already a feed of its own
        feed.url = move_to
        feed.redirect_target = None
        feed.redirect_count = 0
        return move_to
