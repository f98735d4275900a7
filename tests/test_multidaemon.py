"""Several daemons on one PostgreSQL database, as users run them on several hosts.

Three `tracker run` processes share 200 feeds served by a local HTTP server that
timestamps every request. The test checks that leases give each feed to one
daemon at a time, that nothing is stored twice, that the daemons survive their
database connections being killed, that a daemon killed with SIGKILL has its
feeds taken over once its leases expire, and that the day's digest is sent by
exactly one of them. Needs TRACKER_TEST_DATABASE_URL (skipped otherwise).
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from feedserver import FeedServer, RecordedRequest, Response
from helpers import ITALY, Item, rss, write_config
from smtpserver import SmtpServer
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from tracker.storage import Storage, open_storage
from tracker.storage.models import FeedRow
from tracker.types import FeedConfig

TRACKER = [sys.executable, "-m", "tracker"]
FEEDS = 200
SLOW = 10  # feeds answering slowly, so a daemon is caught holding leases when killed
INTERVAL = 5
LEASE = 5
SLOW_SECONDS = 2.5


class TimedFeeds:
    """Routes on a FeedServer that record when each feed was requested (monotonic)."""

    def __init__(self, server: FeedServer) -> None:
        self.server = server
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.paths = [f"/feed/{n}.xml" for n in range(FEEDS)]
        self.slow_paths = self.paths[:SLOW]
        for n, path in enumerate(self.paths):
            body = rss(
                [Item(f"local-{n}", f"Town council {n} meets", f"Agenda item {n}: roads."), ITALY]
            )
            server.add(path, self._route(path, body, slow=n < SLOW))

    def _route(
        self, path: str, body: bytes, *, slow: bool
    ) -> Callable[[RecordedRequest], Response]:
        def handle(request: RecordedRequest) -> Response:
            with self.lock:
                self.times[path].append(time.monotonic())
            if slow:
                time.sleep(SLOW_SECONDS)
            return Response(body, headers={"Content-Type": "application/rss+xml"})

        return handle

    def snapshot(self) -> dict[str, list[float]]:
        with self.lock:
            return {p: list(t) for p, t in self.times.items()}

    def total(self) -> int:
        with self.lock:
            return sum(len(t) for t in self.times.values())


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for: {what}")


NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def lease_expiries(store: Storage) -> dict[str, datetime | None]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(FeedRow.url, FeedRow.lease_expires).order_by(FeedRow.id))
        return {url: exp for url, exp in rows}


def test_heartbeat_extends_only_the_leases_of_a_running_cycle(storage: Storage) -> None:
    for n in range(3):
        storage.add_feed(FeedConfig(url=f"https://f{n}.example/rss"), now=NOW)
    held = storage.lease_due_feeds("a", NOW, lease_seconds=5, limit=2)
    assert len(held) == 2
    later = NOW + timedelta(seconds=4)
    storage.heartbeat("a", host="h", pid=1, now=later, lease_seconds=5)
    expiries = lease_expiries(storage)
    assert (
        sorted(e for e in expiries.values() if e is not None) == [later + timedelta(seconds=5)] * 2
    )
    # Unexpired thanks to the heartbeat: another daemon gets only the free feed.
    other = storage.lease_due_feeds("b", NOW + timedelta(seconds=6), lease_seconds=5)
    assert [f.url for f in other] == ["https://f2.example/rss"]
    # Once the leases lapse (no more heartbeats), they are taken over.
    taken = storage.lease_due_feeds("b", later + timedelta(seconds=6), lease_seconds=5)
    assert {f.url for f in taken} == {f.url for f in held} | {"https://f2.example/rss"}


def test_heartbeat_forgets_silent_daemons(storage: Storage) -> None:
    storage.add_feed(FeedConfig(url="https://f.example/rss"), now=NOW)
    storage.heartbeat("dead", host="h1", pid=1, now=NOW)
    assert len(storage.lease_due_feeds("dead", NOW, lease_seconds=5)) == 1
    storage.heartbeat("alive", host="h2", pid=2, now=NOW + timedelta(seconds=5), forget_after=10)
    assert [d.id for d in storage.get_daemons()] == ["dead", "alive"]
    storage.heartbeat("alive", host="h2", pid=2, now=NOW + timedelta(seconds=11), forget_after=10)
    [daemon] = storage.get_daemons()
    assert daemon.id == "alive" and daemon.feeds == ()
    assert lease_expiries(storage) == {"https://f.example/rss": None}


def test_startup_lock_lets_one_daemon_at_a_time_sync(pg_url: str) -> None:
    a, b = open_storage(pg_url), open_storage(pg_url)
    order: list[str] = []
    try:
        with a.startup_lock():
            thread = threading.Thread(target=lambda: _locked(b, order))
            thread.start()
            time.sleep(0.5)
            order.append("a done")
        thread.join(timeout=10)
        assert order == ["a done", "b in"]
    finally:
        a.close()
        b.close()


def _locked(store: Storage, order: list[str]) -> None:
    with store.startup_lock():
        order.append("b in")


def test_one_of_several_daemons_claims_the_days_digest(pg_url: str) -> None:
    stores = [open_storage(pg_url) for _ in range(4)]
    stores[0].upgrade()
    day = NOW.date()
    barrier = threading.Barrier(len(stores))
    claimed: list[str] = []

    def claim(n: int) -> None:
        barrier.wait()
        record = stores[n].claim_digest(
            day, NOW - timedelta(days=1), NOW, ["a@example.org"], owner=f"d{n}", now=NOW
        )
        if record is not None:
            claimed.append(f"d{n}")

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(len(stores))]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert len(claimed) == 1, claimed
        assert len(stores[0].list_digests()) == 1
    finally:
        for store in stores:
            store.close()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as s:
        yield s


def test_three_daemons_share_feeds_survive_failures_and_send_one_digest(
    pg_url: str, server: FeedServer, smtp: SmtpServer, tmp_path: Path
) -> None:
    feeds = TimedFeeds(server)
    # The daemons' connections carry an application_name, so the test can kill exactly them.
    app = f"tracker-mt-{uuid.uuid4().hex[:8]}"
    daemon_url = make_url(pg_url).update_query_dict({"application_name": app})
    digest_at = datetime.now(UTC) - timedelta(minutes=1)
    config = write_config(
        tmp_path / "config.yaml",
        daemon_url.render_as_string(hide_password=False),
        [],
        extra={
            "feeds": [
                {"url": server.url(p), "name": f"Feed {n}", "interval": INTERVAL}
                for n, p in enumerate(feeds.paths)
            ],
            "polling": {
                "concurrency": 8,
                "per_host": 8,
                "timeout": {"connect": 2, "read": 5, "total": 10},
                "workers": 0,  # three daemons on two cores: one process each
            },
            "daemon": {"tick": 1, "heartbeat": 1, "lease": LEASE, "pool_size": 3},
            # The lexical path: what this test counts (every copy's verdicts the same)
            # must not depend on which daemon embedded which copy when (tests/test_backlog.py
            # tests the embedding job).
            "engine": {"embeddings": False},
            # A time just passed: each daemon catches it up at start, all three at once.
            "digest": {
                "to": ["analyst@example.org"],
                "time": f"{digest_at:%H:%M}",
                "timezone": "UTC",
                "send_when_empty": True,
                "smtp": {"host": smtp.host, "port": smtp.port, "timeout": 5},
            },
        },
    )
    subprocess.run([*TRACKER, "--config", str(config), "init"], check=True, capture_output=True)
    logs = [tmp_path / f"daemon{i}.log" for i in range(3)]
    procs = [
        subprocess.Popen(
            [*TRACKER, "--config", str(config), "run"],
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        for log in logs
    ]
    store = open_storage(pg_url)  # the test's own connections: no application_name
    admin = create_engine(pg_url)
    started = time.monotonic()
    try:
        # --- all three running, every feed polled, the digest sent once --------------
        wait_for(lambda: len(store.get_daemons()) == 3, 30, "three daemons heartbeating")
        wait_for(lambda: all(feeds.times.get(p) for p in feeds.paths), 30, "every feed polled")
        wait_for(lambda: len(smtp.messages) >= 1, 30, "the digest sent")

        status = subprocess.run(
            [*TRACKER, "--config", str(config), "status"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COLUMNS": "300"},
        )
        assert status.returncode == 0, status.stderr
        assert "Daemons (3)" in status.stdout
        for proc in procs:
            assert str(proc.pid) in status.stdout
        held_by = {d.pid: d.feeds for d in store.get_daemons()}
        assert set(held_by) == {p.pid for p in procs}

        time.sleep(2 * INTERVAL)  # a calm phase: three daemons racing for the same feeds
        calm_end = time.monotonic()

        # --- every database connection of the daemons killed (a server restart) -------
        before = feeds.total()
        killed = []
        for _ in range(5):  # several rounds, to catch connections mid-transaction too
            with admin.connect() as conn:
                killed += conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND application_name = :app "
                        "AND pid <> pg_backend_pid()"
                    ),
                    {"app": app},
                ).all()
            time.sleep(0.4)
        assert killed, "no daemon connection found to terminate"
        wait_for(
            lambda: feeds.total() >= before + FEEDS,
            4 * INTERVAL,
            "polling to go on after the connections were killed",
        )
        assert all(p.poll() is None for p in procs), "a daemon died with its connection"
        wait_for(lambda: len(store.get_daemons()) == 3, 10, "heartbeats after reconnecting")

        # --- one daemon killed with SIGKILL while it holds leases ---------------------
        slow_urls = [server.url(p) for p in feeds.slow_paths]
        victim_id = None
        kill_at = 0.0
        held: list[str] = []
        deadline = time.monotonic() + 30
        while not held and time.monotonic() < deadline:
            with admin.connect() as conn:
                owner = conn.execute(
                    text(
                        "SELECT lease_owner FROM feeds WHERE url = ANY(:urls) "
                        "AND lease_owner IS NOT NULL LIMIT 1"
                    ),
                    {"urls": slow_urls},
                ).scalar()
                if owner is None:
                    time.sleep(0.05)
                    continue
                pid = conn.execute(
                    text("SELECT pid FROM daemons WHERE id = :id"), {"id": owner}
                ).scalar()
            victim = next(p for p in procs if p.pid == pid)
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=10)
            kill_at = time.monotonic()
            victim_id = owner
            with admin.connect() as conn:
                held = list(
                    conn.execute(
                        text("SELECT url FROM feeds WHERE lease_owner = :id"), {"id": owner}
                    ).scalars()
                )
            assert held, "the killed daemon held no lease at its death"
        assert victim_id is not None and held, "never caught a daemon holding a lease"
        last_by_victim = {u: feeds.snapshot()[u.removeprefix(server.base_url)][-1] for u in held}

        def taken_over() -> bool:
            times = feeds.snapshot()
            return all(times[u.removeprefix(server.base_url)][-1] > kill_at for u in held)

        wait_for(taken_over, 4 * LEASE, "the killed daemon's feeds polled by the others")
        for url in held:
            later = [t for t in feeds.snapshot()[url.removeprefix(server.base_url)] if t > kill_at]
            # Not before the lease (extended by heartbeats until the kill) expired.
            assert later[0] - last_by_victim[url] >= LEASE - 1.5, url
        wait_for(lambda: len(store.get_daemons()) == 2, 30, "the dead daemon dropped from status")
        survivors = [p for p in procs if p.poll() is None]
        assert len(survivors) == 2
        for proc in survivors:
            proc.send_signal(signal.SIGTERM)
        for proc in survivors:
            assert proc.wait(timeout=60) == 0
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
    elapsed = time.monotonic() - started
    output = "\n".join(log.read_text(encoding="utf-8") for log in logs)

    # --- each feed fetched once per interval, not once per daemon -------------------------
    times = feeds.snapshot()
    for path in feeds.paths:
        calm = [t for t in times[path] if t < calm_end]
        gaps = [b - a for a, b in itertools.pairwise(calm)]
        assert all(g >= INTERVAL - 0.5 for g in gaps), (path, gaps)
        budget = elapsed / INTERVAL + 3  # +retries after the killed connections and daemon
        assert len(times[path]) <= budget, (path, len(times[path]), budget)

    # --- nothing stored twice ------------------------------------------------------------
    with admin.connect() as conn:
        stories = conn.execute(text("SELECT count(*) FROM stories")).scalar()
        dup_stories = conn.execute(
            text("SELECT count(*) FROM (SELECT feed_id, entry_key FROM stories "
                 "GROUP BY feed_id, entry_key HAVING count(*) > 1) d")
        ).scalar()  # fmt: skip
        verdicts = conn.execute(text("SELECT count(*) FROM verdicts")).scalar()
        pairs = conn.execute(
            text("SELECT count(*) FROM (SELECT DISTINCT story_id, claim_id FROM verdicts) d")
        ).scalar()
    assert stories == 2 * FEEDS and dup_stories == 0
    assert verdicts == pairs and verdicts is not None and verdicts >= FEEDS
    per_feed = {tuple(sorted(s.verdicts.items())) for s in store.get_stories() if s.verdicts}
    assert len(per_feed) == 1, "every copy of the same story got the same verdicts, once"
    assert "IntegrityError" not in output and "unexpected error" not in output, output[-3000:]

    # --- exactly one digest ----------------------------------------------------------------
    assert len(smtp.messages) == 1
    digests = store.list_digests()
    assert len(digests) == 1 and digests[0].state.value == "sent"
    store.close()
    admin.dispose()
