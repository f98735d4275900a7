"""The composition root: `open_tracker(config)` builds the parts a command or the daemon
works with (storage, and on first use the poller with its HTTP client and matcher),
owns them and closes them. The clock is chosen here and passed down.

    with open_tracker(config) as tracker:
        tracker.sync()                  # claims (rescoring the changed) and feeds
        tracker.poller.run_cycle()
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from types import TracebackType

from .clock import Clock, system_clock
from .config import Config, sqlite_path
from .errors import NoDatabaseError
from .pipeline import Poller, rescore_changed_claims
from .storage import Storage, open_storage

log = logging.getLogger(__name__)


@dataclass
class Tracker:
    """The application's parts for one command or one daemon; closed together."""

    config: Config
    storage: Storage
    clock: Clock = system_clock
    _poller: Poller | None = field(default=None, repr=False)

    @property
    def poller(self) -> Poller:
        """The poll cycle's parts (HTTP client, matcher, worker processes), built on
        first use: most commands never poll, and building the matcher costs."""
        if self._poller is None:
            self._poller = Poller.create(self.config, self.storage, clock=self.clock)
        return self._poller

    def sync(self) -> list[str]:
        """Make the stored claims and feeds the configured ones, rescoring stored stories
        for the claims whose definition changed (their ids are returned). Serialised
        between daemons starting together on PostgreSQL."""
        with self.storage.startup_lock():
            now = self.clock()
            changed = rescore_changed_claims(self.storage, self.config, now)
            self.storage.sync_feeds(self.config.feeds, now)
        return changed

    def close(self) -> None:
        try:
            if self._poller is not None:
                self._poller.close()
                self._poller = None
        finally:
            self.storage.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def require_database(config: Config) -> None:
    """Refuse to go on without the configured SQLite file instead of creating an empty one."""
    path = sqlite_path(config.database_url)
    if path is not None and not path.exists():
        again = f" --config {config.path}" if config.path else ""
        raise NoDatabaseError(
            f"no database at {path}", hint=f"run `tracker{again} init` to create it"
        )


def open_tracker(
    config: Config, *, check_schema: bool = True, clock: Clock = system_clock
) -> Tracker:
    """Open the configured database (refusing a schema that is not the code's, unless
    `check_schema` is False, as for `tracker init`) and wrap it in a `Tracker`.

    Only `tracker init` (check_schema False) may create a database: otherwise a missing
    SQLite file is NoDatabaseError, not a new empty database beside the wrong folder."""
    if check_schema:
        require_database(config)
    storage = open_storage(config.database_url, pool_size=config.daemon.pool_size)
    try:
        if check_schema:
            storage.check_schema()
    except BaseException:
        storage.close()
        raise
    return Tracker(config, storage, clock)
