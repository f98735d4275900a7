"""Opening the database and what every domain of storage shares: the engine, one
transaction (`StoreBase.session`), JSON columns, the clock's default.

The domain modules (claims, feeds, polls, stories, verdicts, digests, daemons) each
add their methods to `Storage` as a mixin of `StoreBase`; dialect-specific SQL is in
`tracker.storage.sql`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import StorageError


def now_utc() -> datetime:
    """The default `now` of methods that take one (callers in the pipeline pass theirs)."""
    return datetime.now(UTC)


def dump(value: object) -> str:
    """A JSON column's text: sorted keys, so equal values store equal text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_database_engine(url: str, *, pool_size: int = 5) -> Engine:
    """The SQLAlchemy engine for `url`; the SQLite file's folder is created."""
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
                folder = Path(database).expanduser().parent
                raise StorageError(
                    f"cannot create {folder}, the folder of the database {database}: "
                    f"{(exc.strerror or str(exc)).lower()}",
                    hint="choose another path for `database` in the config, or create the folder",
                ) from None
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
    return engine


class StoreBase:
    """The engine and one transaction at a time; the domain mixins build on it.

    `engine` is public for tests and benchmarks that read the database directly;
    the application asks for what it needs instead (`describe`, `sqlite_path`).
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
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

    def sqlite_path(self) -> Path | None:
        """The SQLite database file, or None (PostgreSQL, or SQLite in memory)."""
        database = self.engine.url.database
        if self.dialect != "sqlite" or not database or database == ":memory:":
            return None
        return Path(database).expanduser()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction; driver errors a user can fix become StorageError."""
        try:
            with self._sessions.begin() as session:
                yield session
        except OperationalError as exc:
            raise StorageError(f"database {self.describe()}: {exc.orig}") from exc
