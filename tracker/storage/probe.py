"""Looking at a database without changing it: for `tracker config check`.

`probe_database` connects with a time limit, reads the schema revision and
writes nothing: a SQLite file that does not exist is reported, not created,
and one that does is opened read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from ..errors import StorageError

__all__ = ["DatabaseProbe", "describe_url", "probe_database"]


def describe_url(url: str) -> str:
    """A database for messages: a SQLite file's path, else the URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return str(Path(parsed.database).expanduser())
    return parsed.render_as_string(hide_password=True)


@dataclass(frozen=True)
class DatabaseProbe:
    """What `probe_database` found."""

    #: The URL without its password.
    description: str
    #: False: a SQLite file not created yet (`tracker init` creates it).
    exists: bool
    #: The database's schema revision (None: empty) and the code's.
    revision: str | None = None
    head: str = ""

    @property
    def up_to_date(self) -> bool:
        """The schema is the one this code needs."""
        return self.exists and self.revision == self.head


def probe_database(url: str, *, timeout: float = 5.0) -> DatabaseProbe:
    """Connect to `url` within `timeout` seconds and read its schema revision.

    Raises StorageError naming the database and the reason when it cannot be
    reached (refused, timed out, not a database file, a folder that cannot be
    written).
    """
    from . import Storage

    parsed = make_url(url)
    description = describe_url(url)
    kwargs: dict[str, Any] = {"poolclass": NullPool}
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "").expanduser()
        if not path.exists():
            _check_creatable(path)
            return DatabaseProbe(description, exists=False, head=_head())
        if path.is_dir():
            raise StorageError(f"database {path} is a folder, not a SQLite file")
        # Read-only: a check must not create a WAL file or change anything.
        parsed = make_url(f"sqlite:///file:{path}?mode=ro&uri=true")
        kwargs["connect_args"] = {"timeout": timeout}
    else:
        kwargs["connect_args"] = {"connect_timeout": max(1, round(timeout))}
    try:
        engine = create_engine(parsed, **kwargs)
    except Exception as exc:  # a driver that is not installed
        raise StorageError(f"cannot open database {description}: {exc}") from None
    try:
        store = Storage(engine)
        with engine.connect():
            pass
        revision, head = store.schema_revisions()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if "timeout" in reason.lower() or "timed out" in reason.lower():
            reason = f"no answer within {timeout:g} s"
        raise StorageError(
            f"cannot connect to {description}: {reason}",
            hint="check the host, port, user and that the server is running",
        ) from None
    finally:
        engine.dispose()
    return DatabaseProbe(description, exists=True, revision=revision, head=head)


def _head() -> str:
    from alembic.script import ScriptDirectory

    from .schema import alembic_config

    return ScriptDirectory.from_config(alembic_config(None)).get_current_head() or ""


def _check_creatable(path: Path) -> None:
    """`tracker init` creates the file and its folders: can it, here?"""
    import os

    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise StorageError(f"cannot create {path}: {folder} is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageError(
            f"cannot create {path}: {folder} is not writable by this user",
            hint="choose another database path, or make the folder writable",
        )
