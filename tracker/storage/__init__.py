"""Storage: the only code that talks to the database. It returns our types, never rows.

SQLite (WAL mode) is the embedded default; PostgreSQL works with the same
schema. The schema is created and upgraded only by the Alembic migrations
shipped in tracker.migrations (db/migrations in the source tree).
"""

from __future__ import annotations

import heapq
import importlib
import json
import os
import socket
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, cast

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Connection,
    Engine,
    Table,
    bindparam,
    case,
    create_engine,
    delete,
    event,
    func,
    insert,
    null,
    or_,
    select,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..engine import syndication
from ..errors import SchemaOutOfDateError, StorageError
from ..types import (
    Claim,
    ClaimStatus,
    ClaimSummary,
    DigestRecord,
    DigestState,
    Evidence,
    FeedConfig,
    FeedState,
    Review,
    ReviewDecision,
    Stance,
    Story,
    Verdict,
)
from .models import (
    ClaimRow,
    DaemonRow,
    DigestRow,
    FeedRow,
    ReviewRow,
    StoryRevisionRow,
    StoryRow,
    VerdictRow,
)

__all__ = ["FeedPollUpdate", "PollCounts", "Storage", "StoredStory", "open_storage"]


@dataclass(frozen=True)
class StoredStory:
    """A story as stored, with its id and syndication cluster."""

    id: int
    feed_url: str
    story: Story
    cluster_id: int
    first_seen: datetime
    verdicts: Mapping[Stance, int] = field(default_factory=dict)


@dataclass(frozen=True)
class StoryWithVerdicts:
    """A new or changed story and the engine's verdicts on it, to store together."""

    story: Story
    verdicts: Sequence[Verdict]
    #: Claim hashes the verdicts were computed against ({claim_id: definition_hash}).
    claim_hashes: Mapping[str, str]
    #: The story normalised for syndication (`syndication.prepare`), when the caller
    #: has it (the polling workers prepare it); otherwise storage prepares it.
    report: syndication.Report | None = None


@dataclass(frozen=True)
class FeedPollUpdate:
    """Everything one successful poll of a feed writes, in one transaction."""

    feed_id: int
    polled_at: datetime
    next_poll: datetime
    stories: Sequence[StoryWithVerdicts] = ()
    etag: str | None = None
    last_modified: str | None = None
    min_interval: int | None = None
    problem: str | None = None
    #: Permanent redirect target seen on this poll (None: none seen).
    redirect_target: str | None = None
    #: Polls in a row that must show the same permanent redirect before the URL changes.
    redirect_confirmations: int = 3
    #: The daemon that leased the feed for this poll: its lease is released, unless
    #: another daemon has taken the feed over since. None: leases are not touched.
    lease_owner: str | None = None


@dataclass(frozen=True)
class PollCounts:
    new: int
    updated: int
    verdicts: int
    moved_to: str | None = None


def _now() -> datetime:
    return datetime.now(UTC)


def _migrations_dir() -> str:
    # Mapped from db/migrations at install time (see pyproject), so found by name.
    migrations = importlib.import_module("tracker.migrations")
    return str(Path(str(migrations.__file__)).parent)


def _alembic_config(connection: Any) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", _migrations_dir())
    cfg.attributes["connection"] = connection
    return cfg


def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def open_storage(url: str, *, pool_size: int = 5) -> Storage:
    """Open the database at `url` (SQLAlchemy URL). The SQLite file's folder is created."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StorageError(f"invalid database URL {url!r}: {exc}") from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            try:
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"cannot create the folder of {database}: {exc}") from None
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
    else:
        kwargs["pool_size"] = pool_size
        kwargs["max_overflow"] = pool_size
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except Exception as exc:  # missing driver, bad options
        raise StorageError(f"cannot open database {parsed.render_as_string()}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return Storage(engine)


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _claim_definition(claim: Claim) -> str:
    data = asdict(claim)
    if claim.window is not None:
        data["window"] = {"by": claim.window.by.isoformat()}
    return _dump(data)


def _claim_from_definition(definition: str) -> Claim:
    from ..types import Quantity, Window

    data = json.loads(definition)
    quantity = Quantity(**data["quantity"]) if data.get("quantity") else None
    window = Window(by=date.fromisoformat(data["window"]["by"])) if data.get("window") else None
    return Claim(
        id=data["id"],
        text=data["text"],
        entities=tuple(tuple(g) for g in data.get("entities", ())),
        keywords=tuple(data.get("keywords", ())),
        quantity=quantity,
        attributed_to=tuple(data.get("attributed_to", ())),
        window=window,
    )


#: The analyst's review of a verdict (reviews are keyed by story and claim, so they
#: survive rescoring): the join condition of every query that reads verdicts with it.
_REVIEW_OF_VERDICT = (ReviewRow.story_id == VerdictRow.story_id) & (
    ReviewRow.claim_id == VerdictRow.claim_id
)


def _new_verdict(
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
    )


class Storage:
    """All reads and writes. Methods take and return tracker.types values."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        #: Normalised stored stories recently compared for syndication, by id (the
        #: oldest copies of a common report are compared again and again).
        self._reports = _ReportCache()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def describe(self) -> str:
        """The database for messages: a SQLite file's absolute path, else the URL without
        its password."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database:
            return str(Path(url.database).expanduser().absolute())
        return url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction; driver errors a user can fix become StorageError."""
        try:
            with self._sessions.begin() as session:
                yield session
        except OperationalError as exc:
            raise StorageError(f"database {self.describe()}: {exc.orig}") from exc

    # --- schema -----------------------------------------------------------------------------

    def schema_revisions(self) -> tuple[str | None, str]:
        """(the database's revision, the code's head revision)."""
        head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
        try:
            with self.engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
        except OperationalError as exc:
            raise StorageError(f"cannot connect to {self.describe()}: {exc.orig}") from exc
        return current, head or ""

    def upgrade(self) -> tuple[str | None, str]:
        """Upgrade the schema to the newest revision (idempotent). Returns (before, after)."""
        before, head = self.schema_revisions()
        self._refuse_newer(before)
        try:
            with self.engine.begin() as conn:
                command.upgrade(_alembic_config(conn), "head")
        except OperationalError as exc:
            raise StorageError(f"cannot upgrade {self.describe()}: {exc.orig}") from exc
        return before, head

    def _refuse_newer(self, current: str | None) -> None:
        script = ScriptDirectory.from_config(_alembic_config(None))
        known = {rev.revision for rev in script.walk_revisions()}
        if current is not None and current not in known:
            raise SchemaOutOfDateError(
                f"database {self.describe()} has schema revision {current}, newer than this "
                "version of Claim Tracker knows",
                hint="upgrade Claim Tracker, or point it at another database",
            )

    def check_schema(self) -> None:
        """Refuse to run on a database whose schema is not the code's."""
        current, head = self.schema_revisions()
        self._refuse_newer(current)
        if current != head:
            raise SchemaOutOfDateError(
                f"database {self.describe()} is at schema revision {current or 'none'}, "
                f"this version needs {head}",
                hint="run `tracker init` to create or upgrade it",
            )

    # --- claims -----------------------------------------------------------------------------

    def sync_claims(self, claims: Sequence[Claim], now: datetime | None = None) -> list[str]:
        """Store the configured claims. Returns ids whose definition is new or changed.

        Claims no longer configured are kept (with their evidence) but marked inactive.
        """
        now = now or _now()
        changed: list[str] = []
        with self.session() as s:
            rows = {r.id: r for r in s.scalars(select(ClaimRow))}
            for claim in claims:
                row = rows.pop(claim.id, None)
                if row is None:
                    s.add(
                        ClaimRow(
                            id=claim.id,
                            text=claim.text,
                            definition=_claim_definition(claim),
                            definition_hash=claim.definition_hash,
                            active=True,
                            updated_at=now,
                        )
                    )
                    changed.append(claim.id)
                elif row.definition_hash != claim.definition_hash or not row.active:
                    if row.definition_hash != claim.definition_hash:
                        changed.append(claim.id)
                    row.text = claim.text
                    row.definition = _claim_definition(claim)
                    row.definition_hash = claim.definition_hash
                    row.active = True
                    row.updated_at = now
            for row in rows.values():
                if row.active:
                    row.active = False
                    row.updated_at = now
        return changed

    def get_stored_claims(self, *, active_only: bool = True) -> list[Claim]:
        with self.session() as s:
            q = select(ClaimRow).order_by(ClaimRow.id)
            if active_only:
                q = q.where(ClaimRow.active.is_(True))
            return [_claim_from_definition(r.definition) for r in s.scalars(q)]

    def stale_claims(self, claims: Sequence[Claim]) -> list[str]:
        """Claims with verdicts computed against another definition (to rescore)."""
        hashes = {c.id: c.definition_hash for c in claims}
        with self.session() as s:
            rows = s.execute(select(VerdictRow.claim_id, VerdictRow.claim_hash).distinct())
            return sorted({cid for cid, h in rows if cid in hashes and hashes[cid] != h})

    # --- feeds ------------------------------------------------------------------------------

    def sync_feeds(self, feeds: Sequence[FeedConfig], now: datetime | None = None) -> None:
        """Make the config's feeds the stored ones of source "config".

        Feeds added with `tracker feeds add` or imported from OPML are not touched;
        config feeds that left the config are deactivated (their stories stay).
        """
        now = now or _now()
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
                    row.tags = _dump(list(feed.tags))
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
        now = now or _now()
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
                    row.tags = _dump(list(feed.tags))
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

    def get_feeds(self, *, active_only: bool = True) -> list[FeedState]:
        with self.session() as s:
            q = select(FeedRow).order_by(FeedRow.id)
            if active_only:
                q = q.where(FeedRow.active.is_(True))
            return [_feed_state(r) for r in s.scalars(q)]

    def get_feed(self, url: str) -> FeedState | None:
        with self.session() as s:
            row = s.scalar(select(FeedRow).where(FeedRow.url == url))
            return _feed_state(row) if row else None

    def get_due_feeds(self, now: datetime, *, limit: int | None = None) -> list[FeedState]:
        """Active feeds whose next poll time has come (never-polled feeds first)."""
        with self.session() as s:
            q = (
                select(FeedRow)
                .where(FeedRow.active.is_(True))
                .where(or_(FeedRow.next_poll.is_(None), FeedRow.next_poll <= now))
                .order_by(FeedRow.next_poll.is_not(None), FeedRow.next_poll, FeedRow.id)
            )
            if limit is not None:
                q = q.limit(limit)
            return [_feed_state(r) for r in s.scalars(q)]

    def lease_due_feeds(
        self, owner: str, now: datetime, *, lease_seconds: int, limit: int = 100
    ) -> list[FeedState]:
        """Claim due feeds for this daemon so no other daemon polls them at the same time.

        PostgreSQL: `SELECT ... FOR UPDATE SKIP LOCKED`. SQLite: one writer at a time
        already, and a second daemon on one SQLite file is refused at start.
        """
        expires = now + timedelta(seconds=lease_seconds)
        with self.session() as s:
            q = (
                select(FeedRow)
                .where(FeedRow.active.is_(True))
                .where(or_(FeedRow.next_poll.is_(None), FeedRow.next_poll <= now))
                .where(
                    or_(
                        FeedRow.lease_owner.is_(None),
                        FeedRow.lease_owner == owner,
                        FeedRow.lease_expires < now,
                    )
                )
                .order_by(FeedRow.next_poll.is_not(None), FeedRow.next_poll, FeedRow.id)
                .limit(limit)
            )
            if self.dialect == "postgresql":
                q = q.with_for_update(skip_locked=True)
            rows = list(s.scalars(q))
            for row in rows:
                row.lease_owner = owner
                row.lease_expires = expires
            return [_feed_state(r) for r in rows]

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
            values.update(_lease_release(lease_owner))
        with self.session() as s:
            s.execute(update(FeedRow).where(FeedRow.id == feed_id).values(**values))

    def get_known_hashes(self, feed_id: int, entry_keys: Iterable[str]) -> dict[str, str]:
        """{entry_key: content_hash} of this feed's stored stories among `entry_keys`."""
        keys = list(entry_keys)
        out: dict[str, str] = {}
        if not keys:  # a 304: no transaction at all
            return out
        with self.session() as s:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                q = select(StoryRow.entry_key, StoryRow.content_hash).where(
                    StoryRow.feed_id == feed_id, StoryRow.entry_key.in_(chunk)
                )
                out.update({k: h for k, h in s.execute(q)})
        return out

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
            stored = self._stored_entries(
                s, [(u.feed_id, i.story.entry_key) for u in updates for i in u.stories]
            )
            fresh: list[_NewStory] = []
            seen: set[tuple[int, str]] = set()

            def insert_fresh() -> None:
                for at, written in self._insert_stories(s, fresh):
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
                    row = s.get_one(StoryRow, story_id)
                    self._update_story(s, row, item, u.polled_at)
                    updated[at] += 1
                    n_verdicts[at] += self._rewrite_verdicts(
                        s, [(row.id, item.verdicts)], item.claim_hashes, u.polled_at
                    )
                for item in u.stories:
                    key = (u.feed_id, item.story.entry_key)
                    if key not in stored and key not in seen:  # a key given twice: once
                        seen.add(key)
                        fresh.append(_NewStory(at, u.feed_id, u.polled_at, item))
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
                for name, value in _success_values(u, redirect_reset=False).items():
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
                values.update(_lease_release(bindparam("b_owner")))
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
        target = u.redirect_target
        if target is None or target == feed.url:
            feed.redirect_target = None
            feed.redirect_count = 0
            return None
        if feed.redirect_target == target:
            feed.redirect_count += 1
        else:
            feed.redirect_target = target
            feed.redirect_count = 1
        if feed.redirect_count < u.redirect_confirmations:
            return None
        if s.scalar(select(FeedRow.id).where(FeedRow.url == target)) is not None:
            return None  # the new URL is already a feed of its own
        feed.url = target
        feed.redirect_target = None
        feed.redirect_count = 0
        return target

    def _stored_entries(
        self, s: Session, entries: Sequence[tuple[int, str]]
    ) -> dict[tuple[int, str], tuple[int, str]]:
        """{(feed id, entry key): (story id, content hash)} of the stored ones among
        `entries`: one statement of constant text per 1,000 entries."""
        pairs = list(dict.fromkeys(entries))
        found: dict[tuple[int, str], tuple[int, str]] = {}
        for start in range(0, len(pairs), 1000):
            chunk = pairs[start : start + 1000]
            if self.dialect == "sqlite":
                params: dict[str, Any] = {"e": json.dumps(chunk)}
            else:
                params = {"f": [f for f, _ in chunk], "k": [k for _, k in chunk]}
            for story_id, feed_id, key, content_hash in s.execute(
                _STORED_ENTRIES_SQL[self.dialect], params
            ):
                found[(feed_id, key)] = (story_id, content_hash)
        return found

    def _update_story(
        self, s: Session, row: StoryRow, item: StoryWithVerdicts, now: datetime
    ) -> None:
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
        for name, value in _key_columns(_report(item)).items():
            setattr(row, name, value)
        row.revision += 1
        row.updated_at = now

    def _insert_stories(self, s: Session, items: Sequence[_NewStory]) -> list[tuple[int, int]]:
        """Insert new stories (of one poll or several) and their verdicts in bulk; returns
        (the story's `_NewStory.poll`, verdicts written) per story.

        Each new story joins the cluster of the first earlier copy of the same report
        among (at most 20, oldest first) stored stories sharing its title or text key,
        then the new stories before it; otherwise it starts its own cluster. The
        candidates of all of them are read in one query.
        """
        if not items:
            return []
        reports = [_report(i.item) for i in items]
        candidates = _Candidates(
            self._cluster_candidates(
                s, {r.head for r in reports if r.head}, {r.text_key for r in reports if r.text_key}
            )
        )
        self._normalise_candidates(s, candidates, reports)
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
        if self.dialect == "postgresql":
            # Ids drawn first, so that each story is inserted with its cluster: setting
            # it afterwards would write every new row twice (a new row version, and an
            # entry in each of its indexes).
            ids = sorted(s.scalars(_NEXT_STORY_IDS, {"n": len(items)}))
            clusters = candidates.assign(ids, reports, hashes)
            for row, story_id, cluster in zip(values, ids, clusters, strict=True):
                row.update(id=story_id, cluster_id=cluster)
            _insert_many(conn, _STORIES, values)
        else:
            returned = _insert_many(conn, _STORIES, values, ("id", "feed_id", "entry_key"))
            inserted = {(f, k): i for i, f, k in returned}
            ids = [inserted[(i.feed_id, i.item.story.entry_key)] for i in items]
            clusters = candidates.assign(ids, reports, hashes)
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
            _new_verdict(story_id, v, _dump(list(v.reasons)), i.item.claim_hashes, i.polled_at)
            for story_id, i in zip(ids, items, strict=True)
            for v in i.item.verdicts
        ]
        if verdicts:
            _insert_many(conn, _VERDICTS, verdicts)
        return [(i.poll, len(i.item.verdicts)) for i in items]

    def _cluster_candidates(
        self, s: Session, title_keys: set[str], text_keys: set[str]
    ) -> list[_Candidate]:
        """Stored stories sharing a title key or a text key with a new one: for each key
        its 20 oldest, which contain every new story's 20 oldest candidates. One query
        (a UNION: each story once)."""
        titles, texts = sorted(title_keys), sorted(text_keys)
        if self.dialect == "sqlite":
            params: dict[str, Any] = {
                "tk": json.dumps([[syndication.key_hash(k), k] for k in titles]),
                "xk": json.dumps([[syndication.key_hash(k), k] for k in texts]),
            }
        else:
            params = {
                "th": [syndication.key_hash(k) for k in titles],
                "tk": titles,
                "xh": [syndication.key_hash(k) for k in texts],
                "xk": texts,
            }
        return [_Candidate(*row) for row in s.execute(_CANDIDATES_SQL[self.dialect], params)]

    def _normalise_candidates(
        self, s: Session, candidates: _Candidates, reports: Sequence[syndication.Report]
    ) -> None:
        """Give `candidates` the normalised form of every stored candidate a new story
        (with `reports`) may be compared with: from the cache, or read and prepared (one
        query for the texts of those not cached)."""
        needed = {c.id: c for r in reports for c in candidates.sharing(*r.keys)}
        missing: list[_Candidate] = []
        for c in needed.values():
            report = self._reports.get(c.id, c.content_hash)
            if report is None:
                missing.append(c)
            else:
                candidates.reports[c.id] = report
        for start in range(0, len(missing), 500):
            chunk = {c.id: c for c in missing[start : start + 500]}
            q = select(StoryRow.id, StoryRow.title, StoryRow.text).where(StoryRow.id.in_(chunk))
            for story_id, title, text in s.execute(q):
                report = syndication.prepare(title, text)
                self._reports.put(story_id, chunk[story_id].content_hash, report)
                candidates.reports[story_id] = report

    # --- rescoring --------------------------------------------------------------------------

    def count_stories(self) -> int:
        with self.session() as s:
            return int(s.scalar(select(func.count(StoryRow.id))) or 0)

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

    def store_rescored(
        self,
        results: Sequence[tuple[int, Sequence[Verdict]]],
        claim_hashes: Mapping[str, str],
        now: datetime | None = None,
    ) -> int:
        """Replace the verdicts of stories for the rescored claims, one transaction per
        batch (`_rewrite_verdicts`)."""
        with self.session() as s:
            return self._rewrite_verdicts(s, results, claim_hashes, now or _now())

    def _rewrite_verdicts(
        self,
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
                reasons = _dump(list(v.reasons))
                old = existing.pop((story_id, v.claim_id), None)
                if old is None:
                    inserts.append(_new_verdict(story_id, v, reasons, claim_hashes, now))
                    continue
                row_id, _, _, stance, evidence, old_reasons, score, version, claim_hash = old
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
                        )
                    )
                elif (score, version, claim_hash) != (
                    v.score,
                    v.engine_version,
                    claim_hash_now,
                ):
                    touched.append(
                        dict(
                            id=row_id,
                            score=v.score,
                            engine_version=v.engine_version,
                            claim_hash=claim_hash_now,
                        )
                    )
        stale = [old[0] for old in existing.values()]
        for start in range(0, len(stale), 500):
            s.execute(delete(VerdictRow).where(VerdictRow.id.in_(stale[start : start + 500])))
        for rows in (changed, touched):
            if rows:
                s.execute(update(VerdictRow), rows)
        if inserts:
            _insert_many(s.connection(), _VERDICTS, inserts)
        return len(inserts) + len(changed)

    # --- reading evidence -------------------------------------------------------------------

    def get_evidence(
        self,
        *,
        claim_id: str | None = None,
        stance: Stance | None = None,
        logged_since: datetime | None = None,
        logged_until: datetime | None = None,
        verdict_ids: Sequence[int] | None = None,
        unreviewed_only: bool = False,
        limit: int | None = None,
    ) -> list[Evidence]:
        """Stored verdicts with their stories, newest first (`stance`: the stance that counts)."""
        with self.session() as s:
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
                )
                .join(StoryRow, StoryRow.id == VerdictRow.story_id)
                .join(FeedRow, FeedRow.id == StoryRow.feed_id)
                .outerjoin(ReviewRow, _REVIEW_OF_VERDICT)
                .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
                .order_by(VerdictRow.logged_at.desc(), VerdictRow.id.desc())
            )
            if claim_id is not None:
                q = q.where(VerdictRow.claim_id == claim_id)
            if logged_since is not None:
                q = q.where(VerdictRow.logged_at > logged_since)
            if logged_until is not None:
                q = q.where(VerdictRow.logged_at <= logged_until)
            if verdict_ids is not None:
                q = q.where(VerdictRow.id.in_(list(verdict_ids)))
            if unreviewed_only:
                q = q.where(ReviewRow.id.is_(None))
            rows = [tuple(row) for row in s.execute(q)]
            copies = self._cluster_sizes(s, {row[12] for row in rows if row[12]})
            out = [_evidence(row, copies) for row in rows]
        if stance is not None:
            out = [e for e in out if e.stance is stance]
        return out[:limit] if limit is not None else out

    def _cluster_sizes(self, s: Session, cluster_ids: set[int]) -> dict[int, int]:
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

    def get_claim_summaries(self, claims: Sequence[Claim]) -> list[ClaimSummary]:
        """Each claim with its status and counts, by the rule in tracker.engine.status.

        The rule's inputs are counted in SQL, not read verdict by verdict: per
        claim, stance that counts and syndication cluster, the strongest weight
        and the number of stories (rejected verdicts left out), so the cost
        grows with the number of sources, not with stored text.
        """
        from ..engine.status import summarise_sources

        relabelled = (
            (ReviewRow.decision == ReviewDecision.RELABELLED.value)
            & ReviewRow.stance.is_not(None)
            & (ReviewRow.stance != "")
        )
        sources = (
            select(
                VerdictRow.claim_id.label("claim_id"),
                case((relabelled, ReviewRow.stance), else_=VerdictRow.stance).label("stance"),
                # `cluster_id or id`, as Evidence.cluster_id.
                case(
                    (StoryRow.cluster_id.is_(None) | (StoryRow.cluster_id == 0), StoryRow.id),
                    else_=StoryRow.cluster_id,
                ).label("cluster"),
                # An analyst's confirmation or relabelling weighs 1.0 (status._weight).
                case(
                    (ReviewRow.id.is_not(None), 1.0),
                    (VerdictRow.score > 1.0, 1.0),
                    (VerdictRow.score < 0.0, 0.0),
                    else_=VerdictRow.score,
                ).label("weight"),
            )
            .join(StoryRow, StoryRow.id == VerdictRow.story_id)
            .outerjoin(ReviewRow, _REVIEW_OF_VERDICT)
            .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
            .where(ReviewRow.id.is_(None) | (ReviewRow.decision != ReviewDecision.REJECTED.value))
            .subquery()
        )
        q = select(
            sources.c.claim_id, sources.c.stance, func.max(sources.c.weight), func.count()
        ).group_by(sources.c.claim_id, sources.c.stance, sources.c.cluster)
        weights: dict[str, dict[Stance, list[float]]] = defaultdict(lambda: defaultdict(list))
        copies: dict[str, dict[Stance, int]] = defaultdict(lambda: defaultdict(int))
        stances = {stance.value: stance for stance in Stance}
        with self.session() as s:
            # A row per source: Core rows, no ORM result processing.
            rows = s.connection().execute(q).all()
        for claim_id, value, weight, stories in rows:
            stance = stances[value]
            weights[claim_id][stance].append(float(weight))
            copies[claim_id][stance] += stories
        return [summarise_sources(c, weights.get(c.id, {}), copies.get(c.id, {})) for c in claims]

    def get_stories(
        self,
        *,
        feed_url: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[StoredStory]:
        """Stored stories, newest first, with their verdict counts per stance."""
        with self.session() as s:
            q = (
                select(StoryRow, FeedRow.url)
                .join(FeedRow, FeedRow.id == StoryRow.feed_id)
                .order_by(StoryRow.first_seen.desc(), StoryRow.id.desc())
            )
            if feed_url is not None:
                q = q.where(FeedRow.url == feed_url)
            if since is not None:
                q = q.where(
                    or_(
                        StoryRow.published >= since,
                        StoryRow.published.is_(None) & (StoryRow.first_seen >= since),
                    )
                )
            if limit is not None:
                q = q.limit(limit)
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

    def get_story_revisions(self, story_id: int) -> list[tuple[int, str, str, datetime]]:
        """Earlier versions of a story: (revision, title, text, replaced_at)."""
        with self.session() as s:
            q = (
                select(StoryRevisionRow)
                .where(StoryRevisionRow.story_id == story_id)
                .order_by(StoryRevisionRow.revision)
            )
            return [(r.revision, r.title, r.text, r.replaced_at) for r in s.scalars(q)]

    # --- analyst review ---------------------------------------------------------------------

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
        now = now or _now()
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

    # --- digests ----------------------------------------------------------------------------

    def last_sent_digest(self) -> DigestRecord | None:
        with self.session() as s:
            row = s.scalar(
                select(DigestRow)
                .where(DigestRow.state == DigestState.SENT.value)
                .order_by(DigestRow.window_end.desc())
                .limit(1)
            )
            return _digest(row) if row else None

    def get_digest(self, day: date) -> DigestRecord | None:
        with self.session() as s:
            row = s.scalar(select(DigestRow).where(DigestRow.day == day))
            return _digest(row) if row else None

    def list_digests(self, limit: int = 30) -> list[DigestRecord]:
        with self.session() as s:
            q = select(DigestRow).order_by(DigestRow.day.desc()).limit(limit)
            return [_digest(r) for r in s.scalars(q)]

    def claim_digest(
        self,
        day: date,
        window_start: datetime,
        window_end: datetime,
        recipients: Sequence[str],
        *,
        force: bool = False,
        owner: str | None = None,
        hold_seconds: int = 600,
        now: datetime | None = None,
    ) -> DigestRecord | None:
        """Take the day's digest for sending, or None when it must not be sent.

        None when the day was already sent (unless `force`), or when another
        daemon is sending it right now. The unique day makes two daemons agree.
        """
        now = now or _now()
        owner = owner or f"{socket.gethostname()}:{os.getpid()}"
        until = now + timedelta(seconds=hold_seconds)
        for _ in range(2):
            try:
                with self.session() as s:
                    q = select(DigestRow).where(DigestRow.day == day)
                    if self.dialect == "postgresql":
                        q = q.with_for_update()
                    row = s.scalar(q)
                    if row is None:
                        row = DigestRow(
                            day=day,
                            window_start=window_start,
                            window_end=window_end,
                            recipients=_dump(list(recipients)),
                            state=DigestState.PENDING.value,
                            attempts=0,
                            claim_statuses="{}",
                            owner=owner,
                            owner_expires=until,
                            created_at=now,
                        )
                        s.add(row)
                        s.flush()
                        return _digest(row)
                    if row.state == DigestState.SENT.value and not force:
                        return None
                    held = row.owner not in (None, owner) and (
                        row.owner_expires is not None and row.owner_expires > now
                    )
                    if held:
                        return None
                    if row.state == DigestState.SENT.value:
                        row.window_start, row.window_end = window_start, window_end
                    elif row.window_end < window_end:
                        row.window_end = window_end  # a retry covers what came since
                    row.recipients = _dump(list(recipients))
                    if row.state != DigestState.SENT.value:
                        # A forced resend keeps "sent": the day was delivered once already.
                        row.state = DigestState.PENDING.value
                    row.owner, row.owner_expires = owner, until
                    return _digest(row)
            except IntegrityError:
                continue  # another daemon inserted the day first: read its row
        return None

    def mark_digest_sent(
        self,
        digest_id: int,
        *,
        message_id: str,
        sent_at: datetime,
        claim_statuses: Mapping[str, ClaimStatus],
    ) -> None:
        with self.session() as s:
            row = s.get(DigestRow, digest_id)
            if row is None:
                raise StorageError(f"no digest with id {digest_id}")
            row.state = DigestState.SENT.value
            row.message_id = message_id
            row.sent_at = sent_at
            row.attempts += 1
            row.last_error = None
            row.next_attempt = None
            row.owner = row.owner_expires = None
            row.claim_statuses = _dump({k: v.value for k, v in claim_statuses.items()})

    def mark_digest_failed(
        self, digest_id: int, *, error: str, next_attempt: datetime | None
    ) -> None:
        with self.session() as s:
            row = s.get(DigestRow, digest_id)
            if row is None:
                raise StorageError(f"no digest with id {digest_id}")
            row.state = DigestState.FAILED.value
            row.attempts += 1
            row.last_error = error[:2000]
            row.next_attempt = next_attempt
            row.owner = row.owner_expires = None

    # --- daemons ----------------------------------------------------------------------------

    def heartbeat(
        self,
        daemon_id: str,
        *,
        host: str,
        pid: int,
        now: datetime,
        lease_seconds: int | None = None,
        forget_after: int | None = None,
    ) -> None:
        """Record that a daemon is alive.

        With `lease_seconds`, the leases it holds are extended to `now + lease_seconds`,
        so a poll cycle that outlasts one lease keeps its feeds. With `forget_after`,
        daemons silent that long are removed, and their (long expired) leases cleared,
        so `tracker status` lists the living.
        """
        with self.session() as s:
            row = s.get(DaemonRow, daemon_id)
            if row is None:
                s.add(DaemonRow(id=daemon_id, host=host, pid=pid, started_at=now, heartbeat_at=now))
            else:
                row.heartbeat_at = now
            if lease_seconds is not None:
                s.execute(
                    update(FeedRow)
                    .where(FeedRow.lease_owner == daemon_id)
                    .values(lease_expires=now + timedelta(seconds=lease_seconds))
                )
            if forget_after is not None:
                cutoff = now - timedelta(seconds=forget_after)
                dead = list(
                    s.scalars(
                        select(DaemonRow.id).where(
                            DaemonRow.heartbeat_at < cutoff, DaemonRow.id != daemon_id
                        )
                    )
                )
                if dead:
                    s.execute(
                        update(FeedRow)
                        .where(FeedRow.lease_owner.in_(dead), FeedRow.lease_expires < now)
                        .values(lease_owner=None, lease_expires=None)
                    )
                    s.execute(delete(DaemonRow).where(DaemonRow.id.in_(dead)))

    @contextmanager
    def startup_lock(self) -> Iterator[None]:
        """Serialise daemons' start-up writes (claims, feeds, rescoring) on PostgreSQL.

        Daemons started together would otherwise insert the same new claim or feed
        and one would fail on the unique key. A session-level advisory lock, held on
        its own connection. SQLite needs none: one daemon per file.
        """
        if self.dialect != "postgresql":
            yield
            return
        key = 0x7472_6163_6B65_72  # "tracker"
        try:
            conn = self.engine.connect()
            conn.execute(sql_text("SELECT pg_advisory_lock(:k)"), {"k": key})
            conn.commit()
        except OperationalError as exc:
            raise StorageError(f"database {self.describe()}: {exc.orig}") from exc
        try:
            yield
        finally:
            try:
                conn.execute(sql_text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
            except SQLAlchemyError:
                conn.invalidate()  # closing the session releases the lock anyway
            finally:
                conn.close()

    def remove_daemon(self, daemon_id: str) -> None:
        with self.session() as s:
            s.execute(delete(DaemonRow).where(DaemonRow.id == daemon_id))
            s.execute(
                update(FeedRow)
                .where(FeedRow.lease_owner == daemon_id)
                .values(lease_owner=None, lease_expires=None)
            )

    def get_daemons(self) -> list[tuple[str, str, int, datetime, datetime, list[str]]]:
        """(id, host, pid, started, last heartbeat, feed URLs it holds) per daemon."""
        with self.session() as s:
            daemons = list(s.scalars(select(DaemonRow).order_by(DaemonRow.started_at)))
            held: dict[str, list[str]] = defaultdict(list)
            for owner, url in s.execute(
                select(FeedRow.lease_owner, FeedRow.url).where(FeedRow.lease_owner.is_not(None))
            ):
                held[owner or ""].append(url)
            return [
                (d.id, d.host, d.pid, d.started_at, d.heartbeat_at, held[d.id]) for d in daemons
            ]


# --- poll writes ------------------------------------------------------------------------------

#: Stored stories compared with a new one for syndication, oldest first.
_CLUSTER_CANDIDATES = 20


_STORIES = cast(Table, StoryRow.__table__)
_VERDICTS = cast(Table, VerdictRow.__table__)


def _insert_many(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    returning: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """INSERT rows (all with the same keys) in bulk; the `returning` columns of each row,
    in no promised order (on SQLite an ordered RETURNING would be a statement a row).

    On PostgreSQL, psycopg's executemany (one prepared statement, pipelined) instead of
    SQLAlchemy's INSERT of many VALUES, whose thousands of parameters the server parses
    for every batch (bench: ~28 against ~65 us a story, commit included). Values go
    through the columns' own SQLAlchemy bind processors; errors are SQLAlchemy's.
    """
    if not rows:
        return []
    if conn.dialect.name != "postgresql":
        stmt = insert(table)
        if returning:
            result = conn.execute(stmt.returning(*(table.c[c] for c in returning)), list(rows))
            return [tuple(r) for r in result]
        conn.execute(stmt, list(rows))
        return []
    columns = list(rows[0])
    convert = [table.c[c].type.bind_processor(conn.dialect) for c in columns]
    params = [
        [f(row[c]) if f is not None else row[c] for c, f in zip(columns, convert, strict=True)]
        for row in rows
    ]
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)})"
        f" VALUES ({', '.join(['%s'] * len(columns))})"
    )
    if returning:
        sql += f" RETURNING {', '.join(returning)}"
    out: list[tuple[Any, ...]] = []
    driver = conn.connection.driver_connection  # psycopg's connection, in this transaction
    assert driver is not None
    cursor = driver.cursor()
    try:
        cursor.executemany(sql, params, returning=bool(returning))
        while returning:
            out.extend(tuple(r) for r in cursor.fetchall())
            if not cursor.nextset():
                break
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, params, exc, conn.dialect.loaded_dbapi.Error) from exc
    finally:
        cursor.close()
    return out


# Ids for :n new stories, in order (PostgreSQL: drawn from the id column's sequence).
_NEXT_STORY_IDS = sql_text(
    "SELECT nextval(pg_get_serial_sequence('stories', 'id')) FROM generate_series(1, :n)"
)

# The stored stories among (feed id, entry key) pairs, through the unique index.
_STORED_ENTRIES_SQL = {
    "postgresql": sql_text(
        "SELECT s.id, s.feed_id, s.entry_key, s.content_hash"
        " FROM unnest(CAST(:f AS integer[]), CAST(:k AS text[])) AS e(feed_id, entry_key)"
        " JOIN stories s ON s.feed_id = e.feed_id AND s.entry_key = e.entry_key"
    ),
    "sqlite": sql_text(
        "SELECT s.id, s.feed_id, s.entry_key, s.content_hash FROM json_each(:e) e"
        " JOIN stories s ON s.feed_id = json_extract(e.value, '$[0]')"
        " AND s.entry_key = json_extract(e.value, '$[1]')"
    ),
}

# Stored (clustered) stories among the _CLUSTER_CANDIDATES oldest sharing a title key
# (hash :th, key :tk) or a text key (:xh, :xk): an index lookup per key (by its hash,
# then the key itself is compared), never every copy of a common key.
_CANDIDATE_COLUMNS = "s.id, s.cluster_id, s.title_key, s.text_key, s.content_hash"


def _oldest_sharing(kind: str, key_hash: str, key: str) -> str:
    """Ids of the _CLUSTER_CANDIDATES oldest clustered stories whose `kind` ("title" or
    "text") key is `key`, found through its hash."""
    return (
        f"SELECT id FROM stories WHERE {kind}_hash = {key_hash} AND {kind}_key = {key}"
        f" AND cluster_id IS NOT NULL ORDER BY id LIMIT {_CLUSTER_CANDIDATES}"
    )


_JSON_HASH, _JSON_KEY = "json_extract(k.value, '$[0]')", "json_extract(k.value, '$[1]')"
_CANDIDATES_SQL = {
    "postgresql": sql_text(
        f"SELECT {_CANDIDATE_COLUMNS} FROM stories s WHERE s.id IN ("
        "SELECT c.id FROM unnest(CAST(:th AS bigint[]), CAST(:tk AS text[])) AS k(h, key)"
        f" CROSS JOIN LATERAL ({_oldest_sharing('title', 'k.h', 'k.key')}) c"
        " UNION "
        "SELECT c.id FROM unnest(CAST(:xh AS bigint[]), CAST(:xk AS text[])) AS k(h, key)"
        f" CROSS JOIN LATERAL ({_oldest_sharing('text', 'k.h', 'k.key')}) c)"
    ),
    "sqlite": sql_text(
        f"SELECT {_CANDIDATE_COLUMNS} FROM stories s, json_each(:tk) k"
        f" WHERE s.id IN ({_oldest_sharing('title', _JSON_HASH, _JSON_KEY)})"
        " UNION "
        f"SELECT {_CANDIDATE_COLUMNS} FROM stories s, json_each(:xk) k"
        f" WHERE s.id IN ({_oldest_sharing('text', _JSON_HASH, _JSON_KEY)})"
    ),
}


class _Candidate(NamedTuple):
    """A story a new one may be a copy of (stored, or new earlier in the same batch)."""

    id: int
    cluster_id: int
    title_key: str
    text_key: str
    content_hash: str


def _report(item: StoryWithVerdicts) -> syndication.Report:
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


class _NewStory(NamedTuple):
    """A story to insert: which of the polls being stored it came from, and its feed."""

    poll: int  # its poll's position among those stored together
    feed_id: int
    polled_at: datetime
    item: StoryWithVerdicts


class _Candidates:
    """The stories a new one may be a copy of, by key, oldest first: stored ones (the
    20 oldest per key, from `_cluster_candidates`), then the new ones inserted before it;
    and their normalised forms (`reports`, by id) for `first_copy`.
    """

    def __init__(self, stored: Iterable[_Candidate]) -> None:
        self._by_title: dict[str, list[_Candidate]] = defaultdict(list)
        self._by_text: dict[str, list[_Candidate]] = defaultdict(list)
        self.reports: dict[int, syndication.Report] = {}
        for c in sorted(stored, key=lambda c: c.id):
            self.add(c)

    def add(self, c: _Candidate, report: syndication.Report | None = None) -> None:
        """A story stored after every candidate so far (a higher id)."""
        if c.title_key:
            self._by_title[c.title_key].append(c)
        if c.text_key:
            self._by_text[c.text_key].append(c)
        if report is not None:
            self.reports[c.id] = report

    def sharing(self, title_key: str, text_key: str) -> list[_Candidate]:
        """The 20 oldest candidates sharing either key."""
        titles = self._by_title.get(title_key, []) if title_key else []
        texts = self._by_text.get(text_key, []) if text_key else []
        if not texts:
            return titles[:_CLUSTER_CANDIDATES]
        if not titles:
            return texts[:_CLUSTER_CANDIDATES]
        both = {c.id: c for c in heapq.merge(titles, texts, key=lambda c: c.id)}
        return list(both.values())[:_CLUSTER_CANDIDATES]

    def assign(
        self, ids: Sequence[int], reports: Sequence[syndication.Report], hashes: Sequence[str]
    ) -> list[int]:
        """The clusters of new stories (ids, reports and content hashes, in id order):
        each joins its first copy's cluster or starts its own (its id), then becomes a
        candidate for the stories after it."""
        clusters: list[int] = []
        for story_id, report, content_hash in zip(ids, reports, hashes, strict=True):
            cluster = self.first_copy(report) if report.head or report.text_key else None
            if cluster is None:
                cluster = story_id
            self.add(_Candidate(story_id, cluster, *report.keys, content_hash), report)
            clusters.append(cluster)
        return clusters

    def first_copy(self, report: syndication.Report) -> int | None:
        """The cluster of the first candidate that is the same report, or None."""
        for c in self.sharing(*report.keys):
            if syndication.same_prepared(report, self.reports[c.id]):
                return int(c.cluster_id)
        return None


class _ReportCache:
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


def _lease_release(owner: Any) -> dict[str, Any]:
    """SET values clearing a lease only while `owner` holds it (another daemon's stays)."""
    held = FeedRow.lease_owner == owner
    return {
        "lease_owner": case((held, null()), else_=FeedRow.lease_owner),
        "lease_expires": case((held, null()), else_=FeedRow.lease_expires),
    }


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


def _success_values(u: FeedPollUpdate, *, redirect_reset: bool) -> dict[str, Any]:
    values = _state_values(u)
    if redirect_reset:
        values.update(redirect_target=None, redirect_count=0)
    if u.etag is not None or u.last_modified is not None:
        values.update(etag=u.etag, last_modified=u.last_modified)
    if u.lease_owner is not None:
        values.update(_lease_release(u.lease_owner))
    return values


# --- row -> type ------------------------------------------------------------------------------


def _new_feed_row(feed: FeedConfig, source: str, now: datetime) -> FeedRow:
    return FeedRow(
        url=feed.url,
        name=feed.name,
        interval=feed.interval,
        tags=_dump(list(feed.tags)),
        source=source,
        active=True,
        error_count=0,
        redirect_count=0,
        created_at=now,
    )


def _feed_state(row: FeedRow) -> FeedState:
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
    )


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


def _evidence(row: tuple[Any, ...], copies: Mapping[int, int]) -> Evidence:
    """An Evidence from one row of `Storage.get_evidence`'s column query."""
    (verdict_id, claim_id, verdict_stance, score, evidence, reasons, engine_version, logged_at,
     story_id, title, link, published, cluster_id, feed_url, feed_name,
     review_id, decision, review_stance, note, reviewed_at) = row  # fmt: skip
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
    )


def _digest(row: DigestRow) -> DigestRecord:
    return DigestRecord(
        id=row.id,
        day=row.day,
        window_start=row.window_start,
        window_end=row.window_end,
        recipients=tuple(json.loads(row.recipients or "[]")),
        state=DigestState(row.state),
        attempts=row.attempts or 0,
        message_id=row.message_id,
        last_error=row.last_error,
        sent_at=row.sent_at,
        next_attempt=row.next_attempt,
        held_until=row.owner_expires,
        claim_statuses={
            k: ClaimStatus(v) for k, v in json.loads(row.claim_statuses or "{}").items()
        },
    )


# Re-exported for callers that catch driver errors around storage use.
DatabaseError = SQLAlchemyError
