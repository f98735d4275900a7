"""The schema: which revision a database is at, upgrading it (Alembic migrations shipped
in tracker.migrations, db/migrations in the source tree), refusing the wrong one."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text as sql_text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import SchemaOutOfDateError, StorageError
from .db import StoreBase


def _migrations_dir() -> str:
    # Mapped from db/migrations at install time (see pyproject), so found by name.
    migrations = importlib.import_module("tracker.migrations")
    return str(Path(str(migrations.__file__)).parent)


def alembic_config(connection: Any) -> AlembicConfig:
    """Alembic's configuration for the shipped migrations, run on `connection`."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", _migrations_dir())
    cfg.attributes["connection"] = connection
    return cfg


class SchemaStore(StoreBase):
    def schema_revisions(self) -> tuple[str | None, str]:
        """(the database's revision, the code's head revision)."""
        head = ScriptDirectory.from_config(alembic_config(None)).get_current_head()
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
                command.upgrade(alembic_config(conn), "head")
        except OperationalError as exc:
            raise StorageError(f"cannot upgrade {self.describe()}: {exc.orig}") from exc
        return before, head

    def _refuse_newer(self, current: str | None) -> None:
        script = ScriptDirectory.from_config(alembic_config(None))
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

    def ping(self) -> None:
        """Ask the database to answer (`SELECT 1`); StorageError when it does not
        (whatever the driver's reason: a health check has only the one answer)."""
        try:
            with self.session() as s:
                s.execute(sql_text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise StorageError(f"database {self.describe()}: {exc}") from exc
