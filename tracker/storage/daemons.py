"""Daemons: heartbeats (which extend the leases of a running cycle and forget the dead),
the start-up lock, and who holds which feed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from ..types import DaemonInfo
from .db import StoreBase
from .models import DaemonRow, FeedRow
from .sql import advisory_lock


class DaemonStore(StoreBase):
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
        with advisory_lock(self.engine, self.describe()):
            yield

    def remove_daemon(self, daemon_id: str) -> None:
        with self.session() as s:
            s.execute(delete(DaemonRow).where(DaemonRow.id == daemon_id))
            s.execute(
                update(FeedRow)
                .where(FeedRow.lease_owner == daemon_id)
                .values(lease_owner=None, lease_expires=None)
            )

    def get_daemons(self) -> list[DaemonInfo]:
        """The daemons heartbeating, oldest first, each with the feed URLs it holds."""
        with self.session() as s:
            daemons = list(s.scalars(select(DaemonRow).order_by(DaemonRow.started_at)))
            held: dict[str, list[str]] = defaultdict(list)
            for owner, url in s.execute(
                select(FeedRow.lease_owner, FeedRow.url).where(FeedRow.lease_owner.is_not(None))
            ):
                held[owner or ""].append(url)
            return [
                DaemonInfo(d.id, d.host, d.pid, d.started_at, d.heartbeat_at, tuple(held[d.id]))
                for d in daemons
            ]
