"""Every piece of SQL that differs between SQLite and PostgreSQL, in one place.

The domain modules write portable SQLAlchemy queries; where the two dialects need
different text (array parameters against JSON, row locks, advisory locks, psycopg's
pipelined executemany), they call the functions here, which take the dialect.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    Integer,
    Select,
    Table,
    and_,
    func,
    insert,
    select,
)
from sqlalchemy import cast as cast_
from sqlalchemy import text as sql_text
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..engine import syndication
from ..errors import StorageError
from .models import StoryRow, StoryVectorRow, VerdictRow

CANDIDATES_PER_KEY = syndication.CANDIDATES_PER_KEY

STORIES = cast(Table, StoryRow.__table__)
VERDICTS = cast(Table, VerdictRow.__table__)

_Q = TypeVar("_Q", bound=Select[Any])


def utc_day(dialect: str, column: Any) -> Any:
    """A UTC timestamp column's day, as text YYYY-MM-DD (grouping by day in SQL).

    SQLite stores the UTC time as text ('2025-02-04 10:00:00.000000'); PostgreSQL
    a timestamptz, whose date depends on the session's zone unless it is named.
    """
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD")
    return func.substr(column, 1, 10)


def floor_int(dialect: str, value: Any) -> Any:
    """A non-negative float expression rounded down to an integer, exactly (up to 2**63).

    SQLite's CAST truncates (the floor of a value >= 0); PostgreSQL's rounds to
    the nearest, and its floor() is not in every SQLite build.
    """
    if dialect == "postgresql":
        return cast_(func.floor(value), BigInteger)
    return cast_(value, Integer)


def write_lock(session: Session, dialect: str) -> None:
    """On SQLite, take the database's write lock now, at the start of `session`'s
    transaction, so that what it reads next is read under it (the driver begins a
    transaction only at the first write: reads before it see no lock, and another
    process may write between them and this transaction's writes). An UPDATE that
    matches no row takes the lock and writes nothing. PostgreSQL: nothing (lock rows
    with `for_update`)."""
    if dialect == "sqlite":
        session.execute(sql_text("UPDATE stories SET id = id WHERE id = -1"))


def valid_vectors(encoder: str | None) -> Any:
    """The join condition of a story's usable vectors of `encoder` (none: never): of its
    current text, embedded (not a failure, not a claim)."""
    return and_(
        StoryVectorRow.story_id == StoryRow.id,
        StoryVectorRow.encoder == (encoder or ""),
        StoryVectorRow.content_hash == StoryRow.content_hash,
        StoryVectorRow.vectors.is_not(None),
    )


def _locked(
    session: Session, dialect: str, story_ids: Iterable[int], *columns: Any
) -> Iterator[Any]:
    """`columns` of these stories' rows, locked (PostgreSQL) in id order, 500 at a time."""
    ids = sorted(set(story_ids))
    for start in range(0, len(ids), 500):
        q: Any = (
            select(*columns).where(StoryRow.id.in_(ids[start : start + 500])).order_by(StoryRow.id)
        )
        yield from session.execute(for_update(dialect, q))


def lock_stories(session: Session, dialect: str, story_ids: Iterable[int]) -> dict[int, str]:
    """Lock these stories' rows (PostgreSQL; SQLite has one writer at a time) in id
    order, 500 at a time, and return their content hashes (a story deleted meanwhile
    is missing). Every transaction that rewrites several stories' verdicts takes
    their locks this way, in one order: in two orders, two of them could each hold
    a story the other waits for (a deadlock, which PostgreSQL ends by aborting one).
    """
    return dict(_locked(session, dialect, story_ids, StoryRow.id, StoryRow.content_hash))


def lock_story_rows(
    session: Session, dialect: str, story_ids: Iterable[int]
) -> dict[int, StoryRow]:
    """`lock_stories`, reading the rows themselves (for a transaction that changes them):
    {id: row} (a story deleted meanwhile is missing)."""
    return {row.id: row for (row,) in _locked(session, dialect, story_ids, StoryRow)}


def for_update(dialect: str, query: _Q, *, skip_locked: bool = False, of: Any = None) -> _Q:
    """`query` taking row locks on PostgreSQL (SQLite has one writer at a time anyway);
    `of`: only the rows of that table (a query joining others)."""
    if dialect == "postgresql":
        return query.with_for_update(skip_locked=skip_locked, of=of)
    return query


def insert_many(
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


# --- new stories ---------------------------------------------------------------------------

# Ids for :n new stories, in order (PostgreSQL: drawn from the id column's sequence).
_NEXT_STORY_IDS = sql_text(
    "SELECT nextval(pg_get_serial_sequence('stories', 'id')) FROM generate_series(1, :n)"
)


def next_story_ids(s: Session, n: int) -> list[int]:
    """PostgreSQL only: `n` story ids drawn from the sequence, ascending."""
    return sorted(s.scalars(_NEXT_STORY_IDS, {"n": n}))


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


def stored_entries(
    s: Session, dialect: str, entries: Sequence[tuple[int, str]]
) -> dict[tuple[int, str], tuple[int, str]]:
    """{(feed id, entry key): (story id, content hash)} of the stored ones among
    `entries`: one statement of constant text per 1,000 entries."""
    pairs = list(dict.fromkeys(entries))
    found: dict[tuple[int, str], tuple[int, str]] = {}
    for start in range(0, len(pairs), 1000):
        chunk = pairs[start : start + 1000]
        if dialect == "sqlite":
            params: dict[str, Any] = {"e": json.dumps(chunk)}
        else:
            params = {"f": [f for f, _ in chunk], "k": [k for _, k in chunk]}
        for story_id, feed_id, key, content_hash in s.execute(_STORED_ENTRIES_SQL[dialect], params):
            found[(feed_id, key)] = (story_id, content_hash)
    return found


# Stored (clustered) stories among the CANDIDATES_PER_KEY oldest sharing a title key
# (hash :th, key :tk) or a text key (:xh, :xk): an index lookup per key (by its hash,
# then the key itself is compared), never every copy of a common key.
_CANDIDATE_COLUMNS = "s.id, s.cluster_id, s.title_key, s.text_key, s.content_hash"


def _oldest_sharing(kind: str, key_hash: str, key: str) -> str:
    """Ids of the CANDIDATES_PER_KEY oldest clustered stories whose `kind` ("title" or
    "text") key is `key`, found through its hash."""
    return (
        f"SELECT id FROM stories WHERE {kind}_hash = {key_hash} AND {kind}_key = {key}"
        f" AND cluster_id IS NOT NULL ORDER BY id LIMIT {CANDIDATES_PER_KEY}"
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


def cluster_candidates(
    s: Session, dialect: str, title_keys: set[str], text_keys: set[str]
) -> list[tuple[int, int, str, str, str]]:
    """Stored stories sharing a title key or a text key with a new one, as (id, cluster
    id, title key, text key, content hash): for each key its CANDIDATES_PER_KEY oldest,
    which contain every new story's oldest candidates. One query (a UNION: each story
    once)."""
    titles, texts = sorted(title_keys), sorted(text_keys)
    if dialect == "sqlite":
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
    return [tuple(row) for row in s.execute(_CANDIDATES_SQL[dialect], params)]


# --- daemons -------------------------------------------------------------------------------

_ADVISORY_KEY = 0x7472_6163_6B65_72  # "tracker"


@contextmanager
def advisory_lock(engine: Engine, describe: str) -> Iterator[None]:
    """Hold PostgreSQL's session-level advisory lock of the tracker, on a connection
    of its own; on SQLite (one daemon per file) nothing."""
    if engine.dialect.name != "postgresql":
        yield
        return
    try:
        conn = engine.connect()
        conn.execute(sql_text("SELECT pg_advisory_lock(:k)"), {"k": _ADVISORY_KEY})
        conn.commit()
    except OperationalError as exc:
        raise StorageError(f"database {describe}: {exc.orig}") from exc
    try:
        yield
    finally:
        try:
            conn.execute(sql_text("SELECT pg_advisory_unlock(:k)"), {"k": _ADVISORY_KEY})
            conn.commit()
        except SQLAlchemyError:
            conn.invalidate()  # closing the session releases the lock anyway
        finally:
            conn.close()
