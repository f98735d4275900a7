"""Storage: the only code that talks to the database. It returns our types, never rows.

SQLite (WAL mode) is the embedded default; PostgreSQL works with the same schema.
The schema is created and upgraded only by the Alembic migrations shipped in
tracker.migrations (db/migrations in the source tree).

`Storage` is one object to the rest of the application, made of a part per domain,
each a module of its own:

- `db`: opening the database, one transaction (`session`), what the parts share;
- `schema`: revisions and upgrades;
- `claims`: the configured claims and their definition hashes;
- `feeds`: feeds, which are due, leases, a failed poll;
- `polls`: a successful poll's writes, several feeds per transaction;
- `stories`: inserting stories into syndication clusters, reading them;
- `vectors`: each story's sentence-encoder vectors, the stories awaiting them, and
  the stream profiles verdicts were computed against;
- `verdicts`: verdicts (with what each was computed against), evidence, reviews,
  claim summaries;
- `digests`: the day's digest, taken and recorded once;
- `daemons`: heartbeats, the start-up lock, who holds which feed;
- `sql`: every statement whose text differs between SQLite and PostgreSQL;
- `probe`: looking at a database without changing it (`tracker config check`);
- `models`: the tables, for queries (only this package imports it).

The parts are mixins of `db.StoreBase` rather than repositories the facade
delegates to: the method names callers use stay where they were
(`storage.record_polls(...)`), no forwarding layer repeats 50 signatures, and a
method's home is found by its domain. What two domains share inside one
transaction (a poll's new stories and their verdicts) is a module function taking
the session, not a method of another part.

Decisions are not made here: storage applies the pure rules it imports
(`engine.syndication.assign_clusters`, `engine.status.summarise_totals`,
`feeds.redirects.track_redirect`, `digest.rules.take_digest`; "is due" is
`feeds.scheduling.is_due` written in SQL, and a source's weight
`engine.status.verdict_weight`, each held equal to the rule by a property test).

May import `tracker.types`, `tracker.errors` and those pure modules; nothing above
(pipeline, daemon, CLI, digest delivery).
"""

from __future__ import annotations

from .claims import ClaimStore
from .daemons import DaemonStore
from .db import create_database_engine
from .digests import DigestStore
from .feeds import FeedStore
from .polls import PollStore
from .schema import SchemaStore
from .vectors import VectorStore
from .verdicts import VerdictStore

__all__ = ["Storage", "open_storage"]


class Storage(
    SchemaStore,
    ClaimStore,
    FeedStore,
    PollStore,
    VectorStore,
    VerdictStore,
    DigestStore,
    DaemonStore,
):
    """All reads and writes. Methods take and return tracker.types values."""


def open_storage(url: str, *, pool_size: int = 5) -> Storage:
    """Open the database at `url` (SQLAlchemy URL). The SQLite file's folder is created."""
    return Storage(create_database_engine(url, pool_size=pool_size))
