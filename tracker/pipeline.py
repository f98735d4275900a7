"""One poll cycle: due feeds -> fetch -> parse -> match -> store; and rescoring. It
decides nothing itself.

The decisions (which feeds are due, when next, which entries are new, what the
engine says) are pure functions in tracker.feeds.scheduling, tracker.engine and
tracker.workers (`changed_stories`). Fetching runs in a thread pool; parsing and
matching (`tracker.workers`, which never opens a database) happen in the calling
thread, or with `polling.workers` in worker processes; storing happens in the
calling thread, several feeds' polls per transaction (`_Batch`). A poll is stamped
with the time it was fetched on the cycle's clock (`_Cycle.time`).
"""

from __future__ import annotations

import contextlib
import logging
import random
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from .clock import Clock, system_clock
from .config import Config
from .engine.glossary import GlossaryEntry
from .engine.stream import StreamProfile
from .engine.vectors import Encoder
from .errors import FetchError, StorageError, TrackerError
from .feeds.fetch import Fetcher, FetchLimits, FetchRequest, default_user_agent, fetch_many
from .feeds.scheduling import backoff_seconds, next_poll_after_success
from .storage import Storage
from .types import (
    Claim,
    FeedPollUpdate,
    FeedState,
    FetchResult,
    PollCounts,
    PollResult,
)
from .words import moment, without_url
from .workers import (
    Engine,
    Lexicons,
    Outcome,
    Prepared,
    Rescored,
    StoredForMatching,
    Unexpected,
    WorkerPool,
    cores,
)

log = logging.getLogger(__name__)

#: Polls written together, in one transaction (`_Batch`): at most this many in all
#: (polls with nothing to store, such as 304s, are one UPDATE each)...
QUIET_BATCH = 64
#: ... at most this many with stories to store, and at most this many stories.
STORE_BATCH = 8
STORE_BATCH_STORIES = 1000
#: Fetched bodies queued for each worker process (`polling.workers`).
IN_FLIGHT_PER_WORKER = 8
#: A poll waits no longer than this (once another arrives) to be written.
STORE_BATCH_SECONDS = 1.0


#: `polling.workers: auto` starts at most this many worker processes.
MAX_AUTO_WORKERS = 4


def auto_workers(cores: int) -> int:
    """`polling.workers: auto`: one worker process per core (at most MAX_AUTO_WORKERS);
    on one core none, as a worker there only competes with the polling process."""
    return 0 if cores < 2 else min(cores, MAX_AUTO_WORKERS)


def polling_workers(config: Config) -> int:
    """How many worker processes parse and match for the poller (`polling.workers`)."""
    workers = config.polling.workers
    return auto_workers(cores()) if workers == "auto" else workers


def make_fetcher(config: Config, *, on_fetch: Callable[[float], None] | None = None) -> Fetcher:
    """One HTTP client per process, with the configured limits and User-Agent;
    `on_fetch` is told each fetch's duration in seconds (the daemon's metrics)."""
    p = config.polling
    limits = FetchLimits(
        connect_timeout=p.connect_timeout,
        read_timeout=p.read_timeout,
        total_timeout=p.total_timeout,
        max_body_bytes=p.max_body_bytes,
        max_decompressed_bytes=p.max_decompressed_bytes,
        max_redirects=p.max_redirects,
    )
    return Fetcher(
        limits=limits,
        user_agent=default_user_agent(p.contact_url),
        block_private_addresses=p.block_private_addresses,
        on_fetch=on_fetch,
    )


@dataclass(frozen=True)
class _Polled:
    """A successful poll, parsed and matched, waiting to be written."""

    feed: FeedState
    fetched: FetchResult
    update: FeedPollUpdate
    #: {entry_key: content_hash} of the feed's entries once this poll is stored (None:
    #: not known, as after a 304 whose earlier body this process did not see).
    entries: Mapping[str, str] | None

    def stored(self, counts: PollCounts) -> PollResult:
        """The poll's result, once written (and logged)."""
        feed, fetched = self.feed, self.fetched
        if counts.moved_to:
            log.warning("feed %s moved permanently to %s: URL updated", feed.url, counts.moved_to)
        if self.update.problem:
            log.info("feed %s: recovered from a malformed feed: %s", feed.url, self.update.problem)
        log.info(
            "feed %s: %d new, %d updated, %d verdicts%s",
            feed.url,
            counts.new,
            counts.updated,
            counts.verdicts,
            " (not modified)" if fetched.not_modified else "",
        )
        return PollResult(
            feed_url=feed.url,
            new_stories=counts.new,
            updated_stories=counts.updated,
            verdicts=counts.verdicts,
            not_modified=fetched.not_modified,
            stances=Counter(v.stance for item in self.update.stories for v in item.verdicts),
        )


@dataclass
class _Batch:
    """Successful polls written together, in one transaction: up to STORE_BATCH polls
    with stories to store (or STORE_BATCH_STORIES stories), up to QUIET_BATCH in all,
    and none waiting longer than STORE_BATCH_SECONDS once another poll arrives.

    A crash loses at most one batch: those feeds' validators and next-poll times are
    in it too, so they are polled again and nothing stored is lost.
    """

    polls: list[_Polled] = field(default_factory=list)
    stories: int = 0
    with_stories: int = 0
    started: float = 0.0

    def add(self, polled: _Polled) -> bool:
        """Add a poll; True when the batch is due to be written."""
        if not self.polls:
            self.started = time.monotonic()
        self.polls.append(polled)
        if polled.update.stories:
            self.with_stories += 1
            self.stories += len(polled.update.stories)
        return (
            len(self.polls) >= QUIET_BATCH
            or self.with_stories >= STORE_BATCH
            or self.stories >= STORE_BATCH_STORIES
            or time.monotonic() - self.started >= STORE_BATCH_SECONDS
        )

    def take(self) -> list[_Polled]:
        polls, self.polls = self.polls, []
        self.stories = self.with_stories = 0
        return polls


class _KnownEntries:
    """What this process stored of each feed at its last poll ({entry_key:
    content_hash}), handed to the computing half so it matches only new and changed
    entries. Valid only while the feed's last success is that poll: after another
    daemon's poll, or a failed write, nothing is known and every entry is matched
    (storing keeps only the new and changed ones either way, so this saves work and
    decides nothing)."""

    def __init__(self) -> None:
        self._by_feed: dict[int, tuple[datetime, Mapping[str, str]]] = {}

    def of(self, feed: FeedState) -> Mapping[str, str]:
        hit = self._by_feed.get(feed.id)
        if hit is None or hit[0] != feed.last_success:
            return {}
        return hit[1]

    def stored(self, polled: _Polled) -> None:
        """A poll was written: remember its entries (a 304's are those it confirmed)."""
        entries = polled.entries
        if entries is None:
            self._by_feed.pop(polled.feed.id, None)
        else:
            self._by_feed[polled.feed.id] = (polled.update.polled_at, entries)


class _Cycle:
    """One `run_cycle`: fetched bodies being prepared by the workers, successful polls
    waiting to be written (`_Batch`), and the results so far.

    Its time is the `now` it was given, moved on by what the poller's clock says has
    passed since the cycle began: a poll is stamped with when it was fetched (its
    next poll is an interval after that, however long the cycle), and a fixed clock
    stamps every poll with `now`.
    """

    def __init__(
        self,
        poller: Poller,
        now: datetime,
        lease_owner: str | None,
        on_result: Callable[[PollResult], None] | None,
    ) -> None:
        self.poller, self.now, self.started = poller, now, poller.clock()
        self.lease_owner, self.on_result = lease_owner, on_result
        self.results: list[PollResult] = []
        self.batch = _Batch()
        self.pending: dict[Future[Outcome], tuple[FeedState, FetchResult, datetime]] = {}

    def time(self) -> datetime:
        """The cycle's time now."""
        return self.now + (self.poller.clock() - self.started)

    def polled(self, feed: FeedState, fetched: FetchResult | FetchError) -> None:
        """A feed fetched (or its fetch failed): prepare it here or hand it to a worker."""
        poller, pool, at = self.poller, self.poller.pool, self.time()
        if isinstance(fetched, FetchError) or fetched.not_modified or pool is None:
            self._take(poller.outcome(feed, fetched, at, self.lease_owner))
            return
        future = pool.prepare(feed.url, fetched, at, poller.known.of(feed))
        self.pending[future] = (feed, fetched, at)
        # Keep each worker busy while a batch is being written (and no more bodies
        # than that in memory: ~8 x 26 KB a worker here).
        while len(self.pending) > IN_FLIGHT_PER_WORKER * pool.size:
            self.collect(block=True)
        self.collect(block=False)

    def collect(self, *, block: bool) -> None:
        """Take the bodies the workers have prepared (waiting for one if `block`)."""
        if not self.pending:
            return
        ready, _ = wait(
            list(self.pending), timeout=None if block else 0, return_when=FIRST_COMPLETED
        )
        for future in ready:
            feed, fetched, at = self.pending.pop(future)
            try:
                prepared: Outcome = future.result()
            except BrokenProcessPool as exc:
                prepared = TrackerError(f"the parsing process died ({exc})")
            self._take(self.poller.outcome(feed, fetched, at, self.lease_owner, prepared))

    def _take(self, polled: _Polled | PollResult) -> None:
        if isinstance(polled, PollResult):
            self._report(polled)
        elif self.batch.add(polled):
            self.flush()

    def flush(self) -> None:
        """Write the polls waiting in the batch."""
        polls = self.batch.take()
        if polls:
            for result in self.poller.write(polls):
                self._report(result)

    def cancel(self) -> None:
        """Stopping: the bodies still with the workers are left due."""
        for future in self.pending:
            future.cancel()

    def _report(self, result: PollResult) -> None:
        self.results.append(result)
        if self.on_result is not None:
            self.on_result(result)


def _config_engine(config: Config, stream: StreamProfile | None, encoder: Encoder | None) -> Engine:
    """The computing half of polling for `config` (its claims, lexicons, glossary and
    field cap), measured against `stream`, with `encoder` for the embedding job."""
    return Engine.build(
        config.claims,
        config.lexicons,
        config.polling.max_field_chars,
        glossary=config.glossary,
        stream=stream,
        encoder=encoder,
    )


@dataclass
class Poller:
    """Everything a poll cycle needs, built once per process: the storage, the HTTP
    client, the computing half (`workers.Engine`, or with `polling.workers` a pool of
    worker processes), the clock, and what this process stored of each feed."""

    config: Config
    storage: Storage
    fetcher: Fetcher
    engine: Engine
    rng: random.Random
    clock: Clock = field(default=system_clock)
    workers: int = 0
    known: _KnownEntries = field(default_factory=_KnownEntries, repr=False)
    _pool: WorkerPool | None = field(default=None, repr=False)

    @classmethod
    def create(
        cls,
        config: Config,
        storage: Storage,
        fetcher: Fetcher | None = None,
        *,
        workers: int | None = None,
        clock: Clock = system_clock,
        stream: StreamProfile | None = None,
        encoder: Encoder | None = None,
    ) -> Poller:
        """`workers` overrides `polling.workers` (processes that parse and match);
        `stream`: the profile claims are measured against; `encoder`: the sentence
        encoder of the embedding job (polls match on the lexical path either way)."""
        return cls(
            config=config,
            storage=storage,
            fetcher=fetcher or make_fetcher(config),
            engine=_config_engine(config, stream, encoder),
            rng=random.Random(),
            clock=clock,
            workers=polling_workers(config) if workers is None else workers,
        )

    def use_stream(self, stream: StreamProfile) -> None:
        """Match against a new stream profile from now on: a new engine here, and new
        worker processes (started on next use: theirs were built with the old one)."""
        self.engine = _config_engine(self.config, stream, self.engine.encoder)
        self.close_pool()

    def close_pool(self) -> None:
        """Stop the worker processes (the next use starts new ones)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def close(self) -> None:
        self.fetcher.close()
        self.close_pool()

    def start(self) -> None:
        """Start the worker processes now (otherwise the first cycle starts them)."""
        if self.pool is not None:
            self.pool.start()

    @property
    def pool(self) -> WorkerPool | None:
        """The worker processes (started on first use), or None: this process computes."""
        if self.workers <= 0:
            return None
        if self._pool is None:
            self._pool = WorkerPool.like(self.workers, self.engine)
        return self._pool

    def run_cycle(
        self,
        now: datetime | None = None,
        *,
        all_feeds: bool = False,
        feeds: Sequence[FeedState] | None = None,
        stop: threading.Event | None = None,
        on_result: Callable[[PollResult], None] | None = None,
        lease_owner: str | None = None,
    ) -> list[PollResult]:
        """Poll the due feeds (or all, or the given ones) once, as of `now` (default:
        the clock's time; each poll is stamped `now` plus the time passed since on the
        clock): one result per feed.

        A failing feed is recorded against that feed and the cycle goes on. When
        `stop` is set, the polls already fetched are stored and the rest are left due.
        `lease_owner` is the daemon that leased `feeds`: each poll releases its lease.
        Successful polls are written several feeds per transaction (`_Batch`), all
        before this returns; a feed's result is reported once it is written. With
        worker processes, bodies are parsed and matched there while this thread
        fetches and stores.
        """
        now = now or self.clock()
        if feeds is None:
            feeds = self.storage.get_feeds() if all_feeds else self.storage.get_due_feeds(now)
        by_url = {f.url: f for f in feeds}
        p = self.config.polling
        cycle = _Cycle(self, now, lease_owner, on_result)
        fetched = fetch_many(
            self.fetcher,
            [FetchRequest(f.url, f.etag, f.last_modified) for f in feeds],
            max_workers=p.concurrency,
            per_host=p.per_host,
            min_host_delay=p.host_delay,
        )
        try:
            for request, outcome in fetched:
                if stop is not None and stop.is_set():
                    break
                cycle.polled(by_url[request.url], outcome)
            while cycle.pending and not (stop is not None and stop.is_set()):
                cycle.collect(block=True)
        except BaseException:
            with contextlib.suppress(Exception):  # the original error is the one to report
                cycle.flush()
            raise
        finally:
            cycle.cancel()
        cycle.flush()
        return cycle.results

    def outcome(
        self,
        feed: FeedState,
        fetched: FetchResult | FetchError,
        now: datetime,
        lease_owner: str | None = None,
        prepared: Outcome | None = None,
    ) -> _Polled | PollResult:
        """A fetched feed parsed and matched (here, or `prepared` by a worker process),
        ready to write; or the failure, recorded against the feed."""
        if isinstance(fetched, FetchError):
            return self._fail(feed, fetched.message, now, lease_owner, fetched.retry_after)
        entries: Mapping[str, str] | None
        if fetched.not_modified:
            # Nothing to parse: what was known of the feed is still what it serves.
            prepared, entries = Prepared((), {}), self.known.of(feed) or None
        else:
            if prepared is None:
                prepared = self.engine.prepare(feed.url, fetched, now, self.known.of(feed))
            entries = prepared.entries if isinstance(prepared, Prepared) else None
        if isinstance(prepared, TrackerError | Unexpected):
            return self._fail(feed, prepared.message, now, lease_owner)
        try:
            update = self._update(feed, fetched, prepared, now, lease_owner)
        except Exception as exc:  # a bug on one feed must not stop the daemon
            log.exception("unexpected error on feed %s", feed.url)
            return self._fail(feed, f"{type(exc).__name__}: {exc}", now, lease_owner)
        return _Polled(feed, fetched, update, entries)

    def write(self, polls: Sequence[_Polled]) -> list[PollResult]:
        """Store successful polls in one transaction. If that fails, each is stored on
        its own, so that only the feed at fault fails (or the storage error is raised)."""
        if len(polls) > 1:
            try:
                counts = self.storage.record_polls([p.update for p in polls])
            except Exception as exc:
                log.info("storing %d polls together failed (%s); storing them one by one",
                         len(polls), exc)  # fmt: skip
                return [r for p in polls for r in self.write([p])]
            for poll in polls:
                self.known.stored(poll)
            return [p.stored(c) for p, c in zip(polls, counts, strict=True)]
        (poll,) = polls
        try:
            counts_one = self.storage.record_poll(poll.update)
        except StorageError:
            raise
        except Exception as exc:  # a bug on one feed must not stop the daemon
            log.exception("unexpected error on feed %s", poll.feed.url)
            u = poll.update
            return [self._fail(poll.feed, f"{type(exc).__name__}: {exc}", u.polled_at,
                               u.lease_owner)]  # fmt: skip
        self.known.stored(poll)
        return [poll.stored(counts_one)]

    def _interval(self, feed: FeedState) -> int:
        return self.config.feed_interval(feed.interval)

    def _update(
        self,
        feed: FeedState,
        fetched: FetchResult,
        prepared: Prepared,
        now: datetime,
        lease_owner: str | None = None,
    ) -> FeedPollUpdate:
        """What a successful poll writes."""
        p = self.config.polling
        min_interval = fetched.max_age
        if prepared.ttl is not None:
            min_interval = max(min_interval or 0, prepared.ttl)
        next_poll = next_poll_after_success(
            now, self._interval(feed), min_interval, p.max_server_interval
        )
        return FeedPollUpdate(
            feed_id=feed.id,
            polled_at=now,
            next_poll=next_poll,
            stories=prepared.items,
            etag=fetched.etag if not fetched.not_modified else feed.etag,
            last_modified=(
                fetched.last_modified if not fetched.not_modified else feed.last_modified
            ),
            min_interval=min_interval,
            problem=prepared.problem,
            redirect_target=fetched.permanent_redirect,
            redirect_confirmations=p.redirect_confirmations,
            lease_owner=lease_owner,
        )

    def _fail(
        self,
        feed: FeedState,
        message: str,
        now: datetime,
        lease_owner: str | None = None,
        retry_after: float | None = None,
    ) -> PollResult:
        # Stored and shown beside the feed's URL: say the URL once.
        message = without_url(message, feed.url)
        delay = backoff_seconds(
            feed.error_count + 1,
            self._interval(feed),
            self.config.polling.max_backoff,
            retry_after=retry_after,
            rng=self.rng,
        )
        next_poll = now + timedelta(seconds=delay)
        self.storage.record_poll_failure(
            feed.id, polled_at=now, error=message, next_poll=next_poll, lease_owner=lease_owner
        )
        log.warning(
            "feed %s failed: %s (next try %s)",
            feed.url, message, moment(next_poll, self.config.digest.timezone),
        )  # fmt: skip
        return PollResult(feed_url=feed.url, error=message)


#: Below this many stored stories a rescore runs in this process: starting workers
#: (a fresh interpreter each, ~0.5 s, cold caches) costs more than it saves.
PARALLEL_RESCORE_MIN = 20_000
#: Nor with fewer claims than this: a story that no claim can match costs ~40 us
#: (the matcher's pre-filter), less than sending it to a worker and back.
PARALLEL_RESCORE_MIN_CLAIMS = 10


def rescore_workers(stories: int, claims: int) -> int:
    """How many worker processes rescore `stories` stored stories against `claims` claims.

    0 means this process does it all. Two workers when there are two or more
    cores and enough work to pay for starting them (bench/rescore.py: with 50
    claims x 100,000 stories two workers were faster, with one claim slower);
    this process meanwhile reads and stores the batches.
    """
    if cores() < 2 or stories < PARALLEL_RESCORE_MIN or claims < PARALLEL_RESCORE_MIN_CLAIMS:
        return 0
    return 2


def rescore_stories(
    storage: Storage,
    claims: Sequence[Claim],
    *,
    lexicons: Lexicons | None = None,
    glossary: Sequence[GlossaryEntry] = (),
    on_story: Callable[[], None] | None = None,
    batch_size: int = 1000,
    now: datetime | None = None,
    workers: int | None = None,
    stream: StreamProfile | None = None,
    encoder: Encoder | None = None,
    stop: threading.Event | None = None,
) -> tuple[int, int]:
    """Match every stored story again against `claims` (measured against `stream`, with
    the config's `lexicons` and `glossary` entries); one transaction per batch. With
    `stop` set, no further batch is read (those being matched are stored) and the counts
    so far are returned.

    A story with stored vectors of `encoder` is matched on the semantic path with
    them; one without, on the lexical path: a rescore never embeds (the embedding
    job does, `tracker.backlog`). Analysts' reviews are keyed by story and claim,
    so they survive. Returns (stories rescored, verdicts written or changed). With
    `workers` (default: `rescore_workers` for the stored stories and claims) the
    matching runs in that many worker processes while this one reads and stores,
    batch by batch in id order: the verdicts are the same as in one process.
    Either way `on_story` is called once per story as each batch is stored.
    """
    if not claims:
        return 0, 0
    hashes = {c.id: c.definition_hash for c in claims}
    now = now or datetime.now(UTC)
    if workers is None:
        workers = rescore_workers(storage.count_stories(), len(claims))
    done = written = 0
    vectors_of = encoder.name if encoder is not None else None

    def store(batch: Sequence[StoredForMatching], results: list[Rescored]) -> None:
        nonlocal done, written
        # The stories matched without vectors: one embedded meanwhile keeps the verdicts
        # its embedding job wrote on the semantic path.
        lexical = [story_id for story_id, _, vectors in batch if vectors is None]
        # The text each story had when it was read: one a poll changed meanwhile keeps
        # the verdicts the poll wrote for its new text.
        read = {story_id: story.content_hash for story_id, story, _ in batch}
        written += storage.store_rescored(
            results, hashes, now, encoder=vectors_of, without_vectors=lexical, read_hashes=read
        )
        done += len(results)
        if on_story is not None:
            for _ in results:
                on_story()

    if workers <= 0:
        engine = Engine.build(claims, lexicons, glossary=glossary, stream=stream, encoder=encoder)
        for batch in storage.iter_stories_with_vectors(vectors_of, batch_size):
            if stop is not None and stop.is_set():
                break
            store(batch, engine.rescore(batch, now))
        return done, written

    with WorkerPool(
        workers, claims, lexicons, glossary=glossary, stream=stream, encoder=encoder
    ) as pool:
        pending: deque[tuple[Sequence[StoredForMatching], Future[list[Rescored]]]] = deque()
        for batch in storage.iter_stories_with_vectors(vectors_of, batch_size):
            if stop is not None and stop.is_set():
                break
            pending.append((batch, pool.rescore(batch, now)))
            # Keep every worker busy, and store finished batches in order meanwhile.
            while len(pending) > 2 * workers:
                read, future = pending.popleft()
                store(read, future.result())
        while pending:
            read, future = pending.popleft()
            store(read, future.result())
    return done, written


def rescore_changed_claims(
    storage: Storage,
    config: Config,
    now: datetime | None = None,
    *,
    stream: StreamProfile | None = None,
    encoder: Encoder | None = None,
) -> list[str]:
    """Store the configured claims; rescore stored stories for those whose definition
    changed (against `stream`, with stored vectors of `encoder`: nothing is embedded)."""
    changed = set(storage.sync_claims(config.claims, now))
    changed.update(storage.stale_claims(config.claims))
    claims = [c for c in config.claims if c.id in changed]
    if claims and storage.count_stories():
        log.info("claims changed: %s; rescoring stored stories", ", ".join(c.id for c in claims))
        rescore_stories(
            storage,
            claims,
            lexicons=config.lexicons,
            glossary=config.glossary,
            now=now,
            stream=stream,
            encoder=encoder,
        )
    return [c.id for c in claims]
