"""Alembic environment: run migrations on the connection tracker.storage hands us.

Each migration runs in its own transaction (forward-only; no downgrades are shipped).
"""

from __future__ import annotations

from alembic import context

from tracker.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through tracker.storage
    raise RuntimeError("run migrations with `tracker init`, not the alembic command")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    transaction_per_migration=True,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
