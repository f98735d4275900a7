"""One poll cycle: due feeds -> fetch -> parse -> match -> store. It decides nothing itself.

The decisions (which feeds are due, when next, which entries are new, what the
engine says) are pure functions in tracker.feeds.scheduling, tracker.engine.matcher and
here (`changed_stories`). Fetching runs in a thread pool; parsing and matching
happen in the calling thread, or with `polling.workers` in worker processes;
storing happens in the calling thread, several feeds' polls per transaction
(`_Batch`).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property

from .config import Config
from .engine import syndication
from .engine.matcher import Matcher
from .errors import FetchError, ParseError, StorageError, TrackerError
from .feeds.fetch import Fetcher, FetchLimits, FetchRequest, default_user_agent, fetch_many
from .feeds.parse import parse_feed
from .feeds.scheduling import backoff_seconds, next_poll_after_success
from .storage import Storage
from .types import (
    Claim,
    FeedPollUpdate,
    FeedState,
    FetchResult,
    PollCounts,
    PollResult,
    Story,
    StoryWithVerdicts,
    Verdict,
)
from .words import moment, without_url

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


def changed_stories(stories: Iterable[Story], known: Mapping[str, str]) -> list[Story]:
    """Stories that are new, or whose text changed, given {entry_key: content_hash} stored.

    A feed listing one entry twice keeps the first (feeds put the newest first).
    """
    seen: set[str] = set()
    out: list[Story] = []
    for story in stories:
        if story.entry_key in seen:
            continue
        seen.add(story.entry_key)
        if known.get(story.entry_key) != story.content_hash:
            out.append(story)
    return out


def make_fetcher(config: Config) -> Fetcher:
    """One HTTP client per process, with the configured limits and User-Agent."""
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
    )


@dataclass(frozen=True)
class _Prepared:
    """What parsing and matching make of one fetched body: the stories to store."""

    items: tuple[StoryWithVerdicts, ...]
    problem: str | None
    ttl: int | None


def _prepare(
    storage: Storage,
    matcher: Matcher,
    claim_hashes: Mapping[str, str],
    max_field_chars: int,
    feed: FeedState,
    fetched: FetchResult,
    now: datetime,
) -> _Prepared:
    """Parse a fetched body, keep the new and changed stories, match them (no writes)."""
    if fetched.not_modified:
        return _Prepared((), None, None)
    parsed = parse_feed(
        fetched.body, feed_url=feed.url, headers=fetched.headers, max_field_chars=max_field_chars
    )
    known = storage.get_known_hashes(feed.id, [s.entry_key for s in parsed.stories])
    items = tuple(
        StoryWithVerdicts(
            story=s,
            verdicts=matcher.match(s, now=now),
            claim_hashes=claim_hashes,
            report=syndication.prepare(s.title, s.text),
        )
        for s in changed_stories(parsed.stories, known)
    )
    return _Prepared(items, parsed.problem, parsed.ttl)


# --- worker processes (polling.workers > 0) ---------------------------------------------------

_worker: tuple[Storage, Matcher, dict[str, str], int] | None = None


def _init_worker(
    database_url: str,
    claims: Sequence[Claim],
    lexicons: Mapping[str, Mapping[str, Sequence[str]]],
    max_field_chars: int,
) -> None:
    """A worker's storage (reads only) and claim index, built once per process."""
    global _worker
    from .storage import open_storage

    storage = open_storage(database_url, pool_size=1)
    matcher = Matcher(claims, lexicons=lexicons)
    _worker = (storage, matcher, {c.id: c.definition_hash for c in claims}, max_field_chars)


def _prepare_in_worker(
    feed: FeedState, fetched: FetchResult, now: datetime
) -> tuple[str, _Prepared | str]:
    """`_prepare` in a worker. Errors come back as ("parse" | "storage" | "tracker" |
    "bug", message): exceptions do not all survive pickling."""
    assert _worker is not None, "worker not initialised"
    storage, matcher, hashes, max_chars = _worker
    try:
        return "ok", _prepare(storage, matcher, hashes, max_chars, feed, fetched, now)
    except ParseError as exc:
        return "parse", exc.message
    except StorageError as exc:
        return "storage", exc.message
    except TrackerError as exc:
        return "tracker", exc.message
    except Exception as exc:  # reported on the feed by the polling process, as in-process
        log.exception("unexpected error on feed %s", feed.url)
        return "bug", f"{type(exc).__name__}: {exc}"


def _worker_ready() -> bool:
    return _worker is not None


def _worker_outcome(future: Future[tuple[str, _Prepared | str]]) -> _Prepared | BaseException:
    try:
        kind, value = future.result()
    except BrokenProcessPool as exc:
        return TrackerError(f"the parsing process died ({exc})")
    if isinstance(value, _Prepared):
        return value
    if kind == "parse":
        return ParseError(value)
    if kind == "storage":
        return StorageError(value)
    if kind == "tracker":
        return TrackerError(value)
    return RuntimeError(value)


@dataclass(frozen=True)
class _Polled:
    """A successful poll, parsed and matched, waiting to be written."""

    feed: FeedState
    fetched: FetchResult
    update: FeedPollUpdate

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


@dataclass
class Poller:
    """Everything a poll cycle needs, built once per process (claims index, HTTP client,
    and with `polling.workers` the worker processes)."""

    config: Config
    storage: Storage
    fetcher: Fetcher
    matcher: Matcher
    claims: Sequence[Claim]
    rng: random.Random
    workers: int = 0
    _pool: ProcessPoolExecutor | None = field(default=None, repr=False)

    @classmethod
    def create(
        cls,
        config: Config,
        storage: Storage,
        fetcher: Fetcher | None = None,
        *,
        workers: int | None = None,
    ) -> Poller:
        """`workers` overrides `polling.workers` (processes that parse and match)."""
        return cls(
            config=config,
            storage=storage,
            fetcher=fetcher or make_fetcher(config),
            matcher=Matcher(config.claims, lexicons=config.lexicons),
            claims=config.claims,
            rng=random.Random(),
            workers=config.polling.workers if workers is None else workers,
        )

    def close(self) -> None:
        self.fetcher.close()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    @cached_property
    def claim_hashes(self) -> dict[str, str]:
        """{claim id: definition hash}, computed once (hashing a claim is not free)."""
        return {c.id: c.definition_hash for c in self.claims}

    def start(self) -> None:
        """Start the worker processes now (otherwise the first cycle starts them)."""
        pool = self._worker_pool()
        if pool is not None:
            wait([pool.submit(_worker_ready) for _ in range(self.workers)])

    def _worker_pool(self) -> ProcessPoolExecutor | None:
        if self.workers <= 0:
            return None
        if self._pool is None:
            # spawn, not fork: the polling process has threads (fetching, scheduler).
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(
                    self.storage.worker_url(),
                    tuple(self.claims),
                    dict(self.config.lexicons),
                    self.config.polling.max_field_chars,
                ),
            )
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
        """Poll the due feeds (or all, or the given ones) once. One result per feed.

        A failing feed is recorded against that feed and the cycle goes on. When
        `stop` is set, the polls already fetched are stored and the rest are left due.
        `lease_owner` is the daemon that leased `feeds`: each poll releases its lease.
        Successful polls are written several feeds per transaction (`_Batch`), all
        before this returns; a feed's result is reported once it is written. With
        worker processes, bodies are parsed and matched there while this thread
        fetches and stores.
        """
        now = now or datetime.now(UTC)
        if feeds is None:
            feeds = self.storage.get_feeds() if all_feeds else self.storage.get_due_feeds(now)
        by_url = {f.url: f for f in feeds}
        results: list[PollResult] = []
        requests = [FetchRequest(f.url, f.etag, f.last_modified) for f in feeds]
        p = self.config.polling
        batch = _Batch()
        pool = self._worker_pool()
        pending: dict[Future[tuple[str, _Prepared | str]], tuple[FeedState, FetchResult, datetime]]
        pending = {}

        def done(result: PollResult) -> None:
            results.append(result)
            if on_result is not None:
                on_result(result)

        def flush() -> None:
            polls = batch.take()
            if polls:
                for result in self._write(polls):
                    done(result)

        def take(polled: _Polled | PollResult) -> None:
            if isinstance(polled, PollResult):
                done(polled)
            elif batch.add(polled):
                flush()

        def store_prepared(block: bool) -> None:
            if not pending:
                return
            ready, _ = wait(
                list(pending), timeout=None if block else 0, return_when=FIRST_COMPLETED
            )
            for future in ready:
                feed, fetched, at = pending.pop(future)
                take(self._polled(feed, fetched, at, lease_owner, _worker_outcome(future)))

        try:
            for request, outcome in fetch_many(
                self.fetcher,
                requests,
                max_workers=p.concurrency,
                per_host=p.per_host,
                min_host_delay=p.host_delay,
            ):
                if stop is not None and stop.is_set():
                    break
                feed, at = by_url[request.url], datetime.now(UTC)
                if pool is not None and isinstance(outcome, FetchResult) and outcome.body:
                    future = pool.submit(_prepare_in_worker, feed, outcome, at)
                    pending[future] = (feed, outcome, at)
                    # Keep each worker busy while a batch is being written (and no
                    # more bodies than that in memory: ~8 x 26 KB a worker here).
                    while len(pending) > IN_FLIGHT_PER_WORKER * self.workers:
                        store_prepared(block=True)
                    store_prepared(block=False)
                    continue
                take(self._polled(feed, outcome, at, lease_owner))
            while pending and not (stop is not None and stop.is_set()):
                store_prepared(block=True)
        except BaseException:
            with contextlib.suppress(Exception):  # the original error is the one to report
                flush()
            raise
        finally:
            for future in pending:  # stopping: those feeds are left due
                future.cancel()
        flush()
        return results

    def _polled(
        self,
        feed: FeedState,
        outcome: FetchResult | BaseException,
        now: datetime,
        lease_owner: str | None = None,
        prepared: _Prepared | BaseException | None = None,
    ) -> _Polled | PollResult:
        """A fetched feed parsed and matched (here, or `prepared` by a worker process),
        ready to write; or the failure, recorded against the feed."""
        try:
            if isinstance(outcome, BaseException):
                raise outcome
            if isinstance(prepared, BaseException):
                raise prepared
            if prepared is None:
                prepared = _prepare(
                    self.storage,
                    self.matcher,
                    self.claim_hashes,
                    self.config.polling.max_field_chars,
                    feed,
                    outcome,
                    now,
                )
            return _Polled(feed, outcome, self._update(feed, outcome, prepared, now, lease_owner))
        except (FetchError, ParseError) as exc:
            return self._fail(feed, exc, now, lease_owner)
        except StorageError:
            raise
        except TrackerError as exc:
            return self._fail(feed, exc, now, lease_owner)
        except Exception as exc:  # a bug on one feed must not stop the daemon
            log.exception("unexpected error on feed %s", feed.url)
            return self._fail(feed, exc, now, lease_owner)

    def _write(self, polls: Sequence[_Polled]) -> list[PollResult]:
        """Store successful polls in one transaction. If that fails, each is stored on
        its own, so that only the feed at fault fails (or the storage error is raised)."""
        if len(polls) > 1:
            try:
                counts = self.storage.record_polls([p.update for p in polls])
            except Exception as exc:
                log.info("storing %d polls together failed (%s); storing them one by one",
                         len(polls), exc)  # fmt: skip
                return [r for p in polls for r in self._write([p])]
            return [p.stored(c) for p, c in zip(polls, counts, strict=True)]
        (poll,) = polls
        try:
            return [poll.stored(self.storage.record_poll(poll.update))]
        except StorageError:
            raise
        except Exception as exc:  # a bug on one feed must not stop the daemon
            log.exception("unexpected error on feed %s", poll.feed.url)
            u = poll.update
            return [self._fail(poll.feed, exc, u.polled_at, u.lease_owner)]

    def _interval(self, feed: FeedState) -> int:
        return self.config.feed_interval(feed.interval)

    def _update(
        self,
        feed: FeedState,
        fetched: FetchResult,
        prepared: _Prepared,
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
        self, feed: FeedState, exc: BaseException, now: datetime, lease_owner: str | None = None
    ) -> PollResult:
        message = exc.message if isinstance(exc, TrackerError) else f"{type(exc).__name__}: {exc}"
        # Stored and shown beside the feed's URL: say the URL once.
        message = without_url(message, feed.url)
        retry_after = exc.retry_after if isinstance(exc, FetchError) else None
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

_worker_matcher: Matcher | None = None


def _start_worker(
    claims: Sequence[Claim], lexicons: Mapping[str, Mapping[str, Sequence[str]]] | None
) -> None:
    """In a rescoring worker process: build the claims' index once."""
    global _worker_matcher
    _worker_matcher = Matcher(claims, lexicons=lexicons)


def _match_batch(batch: list[tuple[int, Story]], now: datetime) -> list[tuple[int, list[Verdict]]]:
    """In a rescoring worker process: the verdicts of one batch of stories."""
    assert _worker_matcher is not None, "worker not started"
    return [(story_id, _worker_matcher.match(story, now=now)) for story_id, story in batch]


def rescore_workers(stories: int, claims: int) -> int:
    """How many worker processes rescore `stories` stored stories against `claims` claims.

    0 means this process does it all. Two workers when there are two or more
    cores and enough work to pay for starting them (bench/rescore.py: with 50
    claims x 100,000 stories two workers were faster, with one claim slower);
    this process meanwhile reads and stores the batches.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if (cores or 1) < 2 or stories < PARALLEL_RESCORE_MIN or claims < PARALLEL_RESCORE_MIN_CLAIMS:
        return 0
    return 2


def rescore_stories(
    storage: Storage,
    claims: Sequence[Claim],
    *,
    lexicons: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    on_story: Callable[[], None] | None = None,
    batch_size: int = 1000,
    now: datetime | None = None,
    workers: int | None = None,
) -> tuple[int, int]:
    """Match every stored story again against `claims`; one transaction per batch.

    Analysts' reviews are keyed by story and claim, so they survive. Returns
    (stories rescored, verdicts written or changed). With `workers` (default:
    `rescore_workers` for the stored stories and claims) the matching runs in
    that many worker processes while this one reads and stores, batch by
    batch in id order: the verdicts are the same as in one process. Either way
    `on_story` is called once per story as each batch is stored.
    """
    if not claims:
        return 0, 0
    hashes = {c.id: c.definition_hash for c in claims}
    now = now or datetime.now(UTC)
    if workers is None:
        workers = rescore_workers(storage.count_stories(), len(claims))
    done = written = 0

    def store(results: list[tuple[int, list[Verdict]]]) -> None:
        nonlocal done, written
        written += storage.store_rescored(results, hashes, now)
        done += len(results)
        if on_story is not None:
            for _ in results:
                on_story()

    if workers <= 0:
        matcher = Matcher(claims, lexicons=lexicons)
        for batch in storage.iter_story_batches(batch_size):
            store([(story_id, matcher.match(story, now=now)) for story_id, story in batch])
        return done, written

    # "spawn": a fresh interpreter, safe in a daemon that already runs threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(list(claims), lexicons)
    ) as pool:
        pending: deque[Future[list[tuple[int, list[Verdict]]]]] = deque()
        for batch in storage.iter_story_batches(batch_size):
            pending.append(pool.submit(_match_batch, batch, now))
            # Keep every worker busy, and store finished batches in order meanwhile.
            while len(pending) > 2 * workers:
                store(pending.popleft().result())
        while pending:
            store(pending.popleft().result())
    return done, written


def rescore_changed_claims(storage: Storage, config: Config) -> list[str]:
    """Store the configured claims; rescore stored stories for those whose definition changed."""
    changed = set(storage.sync_claims(config.claims))
    changed.update(storage.stale_claims(config.claims))
    claims = [c for c in config.claims if c.id in changed]
    if claims and storage.count_stories():
        log.info("claims changed: %s; rescoring stored stories", ", ".join(c.id for c in claims))
        rescore_stories(storage, claims, lexicons=config.lexicons)
    return [c.id for c in claims]
