"""Prometheus metrics of a running daemon (`tracker run --metrics-port N`).

One registry per daemon, served in the Prometheus text format by prometheus_client's
own HTTP server on a thread. Every `tracker_*` series carries a `daemon` label with
the daemon's id (as `tracker status` lists it), so the series of several daemons
scraped into one Prometheus stay apart; `tracker_daemon_info` maps the id to host,
pid and version. The process collector adds the daemon's own `process_*` metrics
(CPU, memory, open files), the platform and GC collectors Python's.

The daemon records what happens (`poll_done`, `cycle_done`, ...); nothing here
decides anything or touches storage.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime
from wsgiref.simple_server import WSGIServer

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    start_http_server,
)

from . import __version__
from .errors import TrackerError
from .types import FeedState, PollResult, Stance

#: Seconds: fetching a feed (a few ms on a LAN to the 60 s whole-request deadline).
FETCH_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
#: Seconds: one poll job, every due feed (a quiet tick to a cold start of many feeds).
CYCLE_BUCKETS = (0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)

POLL_OUTCOMES = ("ok", "not_modified", "error")
DIGEST_OUTCOMES = ("sent", "failed")


def poll_outcome(result: PollResult) -> str:
    """The `outcome` label of one feed's poll."""
    if not result.ok:
        return "error"
    return "not_modified" if result.not_modified else "ok"


class DaemonMetrics:
    """The metrics of one daemon, in a registry of their own."""

    def __init__(self, daemon_id: str, *, host: str = "", pid: int = 0) -> None:
        self.daemon_id = daemon_id
        self.registry = CollectorRegistry(auto_describe=True)
        r, d = self.registry, ["daemon"]
        self.info = Gauge(
            "tracker_daemon_info",
            "The daemon's id, host, pid and version (always 1).",
            ["daemon", "host", "pid", "version"],
            registry=r,
        )
        self.polls = Counter(
            "tracker_polls", "Feed polls, by outcome.", [*d, "outcome"], registry=r
        )
        self.fetch_seconds = Histogram(
            "tracker_fetch_duration_seconds",
            "Time to fetch one feed (the HTTP request and body).",
            d,
            buckets=FETCH_BUCKETS,
            registry=r,
        )
        self.cycle_seconds = Histogram(
            "tracker_cycle_duration_seconds",
            "Time of one poll job over every due feed (fetch, parse, match, store).",
            d,
            buckets=CYCLE_BUCKETS,
            registry=r,
        )
        self.stories = Counter(
            "tracker_stories_stored", "Stories stored, new or updated.", [*d, "kind"], registry=r
        )
        self.verdicts = Counter(
            "tracker_verdicts", "Verdicts of stored stories, by stance.", [*d, "stance"], registry=r
        )
        self.feeds_active = Gauge("tracker_feeds", "Active feeds.", d, registry=r)
        self.feeds_failing = Gauge(
            "tracker_feeds_failing", "Active feeds whose last poll failed.", d, registry=r
        )
        self.last_success = Gauge(
            "tracker_last_successful_poll_timestamp_seconds",
            "Unix time of the latest successful poll of any feed (0: none yet).",
            d,
            registry=r,
        )
        self.digests = Counter(
            "tracker_digests", "Digest emails sent and failed sends.", [*d, "outcome"], registry=r
        )
        self.lease_takeovers = Counter(
            "tracker_lease_takeovers",
            "Feeds leased after another daemon's lease on them expired.",
            d,
            registry=r,
        )
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        GCCollector(registry=r)
        self.info.labels(daemon_id, host, str(pid), __version__).set(1)
        # Every series exists from the start (at 0): a rate over a counter that
        # appears only at its first event misses that event.
        for outcome in POLL_OUTCOMES:
            self.polls.labels(daemon_id, outcome)
        for kind in ("new", "updated"):
            self.stories.labels(daemon_id, kind)
        for stance in Stance:
            self.verdicts.labels(daemon_id, stance.value)
        for outcome in DIGEST_OUTCOMES:
            self.digests.labels(daemon_id, outcome)
        for metric in (
            self.fetch_seconds,
            self.cycle_seconds,
            self.feeds_active,
            self.feeds_failing,
            self.last_success,
            self.lease_takeovers,
        ):
            metric.labels(daemon_id)
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None

    # --- what the daemon records ---------------------------------------------------------

    def fetched(self, seconds: float) -> None:
        self.fetch_seconds.labels(self.daemon_id).observe(seconds)

    def poll_done(self, result: PollResult) -> None:
        d = self.daemon_id
        self.polls.labels(d, poll_outcome(result)).inc()
        if result.new_stories:
            self.stories.labels(d, "new").inc(result.new_stories)
        if result.updated_stories:
            self.stories.labels(d, "updated").inc(result.updated_stories)
        for stance, n in result.stances.items():
            self.verdicts.labels(d, stance.value).inc(n)

    def cycle_done(self, seconds: float) -> None:
        self.cycle_seconds.labels(self.daemon_id).observe(seconds)

    def feeds_seen(self, feeds: Iterable[FeedState]) -> None:
        """The feeds' state after a cycle: how many are active, failing, last success."""
        d = self.daemon_id
        active = failing = 0
        latest: datetime | None = None
        for f in feeds:
            active += 1
            failing += f.error_count > 0
            if f.last_success is not None and (latest is None or f.last_success > latest):
                latest = f.last_success
        self.feeds_active.labels(d).set(active)
        self.feeds_failing.labels(d).set(failing)
        self.last_success.labels(d).set(latest.timestamp() if latest else 0)

    def leased(self, feeds: Iterable[FeedState]) -> None:
        """Feeds just leased, as they were before: another daemon's lease means a takeover."""
        taken = sum(1 for f in feeds if f.lease_owner not in (None, self.daemon_id))
        if taken:
            self.lease_takeovers.labels(self.daemon_id).inc(taken)

    def digest_done(self, sent: bool) -> None:
        self.digests.labels(self.daemon_id, "sent" if sent else "failed").inc()

    # --- serving ---------------------------------------------------------------------------

    def serve(self, port: int, host: str = "127.0.0.1") -> int:
        """Serve /metrics on `host:port` on a thread (port 0: any free one); the port."""
        try:
            self._server, self._thread = start_http_server(port, addr=host, registry=self.registry)
        except OSError as exc:
            raise TrackerError(
                f"cannot serve metrics on {host}:{port}: {exc.strerror or exc}",
                hint="choose another port with --metrics-port or metrics.port",
            ) from None
        return int(self._server.server_port)

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
