"""One poll cycle: due feeds -> fetch -> parse -> match -> store. It decides nothing itself.

The decisions (which feeds are due, when next, which entries are new, what the
engine says) are pure functions in tracker.scheduling, tracker.matching and
here (`changed_stories`). Fetching runs in a thread pool; parsing, matching and
storing happen one feed at a time in the calling thread, one transaction per feed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import random
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property

from .config import Config
from .errors import FetchError, ParseError, StorageError, TrackerError
from .fetch import Fetcher, FetchLimits, FetchRequest, default_user_agent, fetch_many
from .matching import Matcher
from .parse import parse_feed
from .scheduling import backoff_seconds, next_poll_after_success
from .storage import FeedPollUpdate, Storage, StoryWithVerdicts
from .types import Claim, FeedState, FetchResult, PollResult, Story, Verdict

log = logging.getLogger(__name__)


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


@dataclass
class Poller:
    """Everything a poll cycle needs, built once per process (claims index, HTTP client)."""

    config: Config
    storage: Storage
    fetcher: Fetcher
    matcher: Matcher
    claims: Sequence[Claim]
    rng: random.Random

    @classmethod
    def create(cls, config: Config, storage: Storage, fetcher: Fetcher | None = None) -> Poller:
        return cls(
            config=config,
            storage=storage,
            fetcher=fetcher or make_fetcher(config),
            matcher=Matcher(config.claims, lexicons=config.lexicons),
            claims=config.claims,
            rng=random.Random(),
        )

    def close(self) -> None:
        self.fetcher.close()

    @cached_property
    def claim_hashes(self) -> dict[str, str]:
        """{claim id: definition hash}, computed once (hashing a claim is not free)."""
        return {c.id: c.definition_hash for c in self.claims}

    def run_cycle(
        self,
        now: datetime | None = None,
        *,
        all_feeds: bool = False,
        feeds: Sequence[FeedState] | None = None,
        stop: threading.Event | None = None,
        on_result: Callable[[PollResult], None] | None = None,
    ) -> list[PollResult]:
        """Poll the due feeds (or all, or the given ones) once. One result per feed.

        A failing feed is recorded against that feed and the cycle goes on. When
        `stop` is set, the feed being stored is finished and the rest are left due.
        """
        now = now or datetime.now(UTC)
        if feeds is None:
            feeds = self.storage.get_feeds() if all_feeds else self.storage.get_due_feeds(now)
        by_url = {f.url: f for f in feeds}
        results: list[PollResult] = []
        requests = [FetchRequest(f.url, f.etag, f.last_modified) for f in feeds]
        p = self.config.polling
        for request, outcome in fetch_many(
            self.fetcher,
            requests,
            max_workers=p.concurrency,
            per_host=p.per_host,
            min_host_delay=p.host_delay,
        ):
            if stop is not None and stop.is_set():
                break
            result = self.handle(by_url[request.url], outcome, datetime.now(UTC))
            results.append(result)
            if on_result is not None:
                on_result(result)
        return results

    def handle(
        self, feed: FeedState, outcome: FetchResult | BaseException, now: datetime
    ) -> PollResult:
        """Parse, match and store one fetched feed; record any failure against it."""
        try:
            if isinstance(outcome, BaseException):
                raise outcome
            return self._store(feed, outcome, now)
        except (FetchError, ParseError) as exc:
            return self._fail(feed, exc, now)
        except StorageError:
            raise
        except TrackerError as exc:
            return self._fail(feed, exc, now)
        except Exception as exc:  # a bug on one feed must not stop the daemon
            log.exception("unexpected error on feed %s", feed.url)
            return self._fail(feed, exc, now)

    def _interval(self, feed: FeedState) -> int:
        return self.config.feed_interval(feed.interval)

    def _store(self, feed: FeedState, fetched: FetchResult, now: datetime) -> PollResult:
        p = self.config.polling
        min_interval = fetched.max_age
        if fetched.not_modified:
            parsed_stories: Sequence[Story] = ()
            problem = None
        else:
            parsed = parse_feed(
                fetched.body,
                feed_url=feed.url,
                headers=fetched.headers,
                max_field_chars=p.max_field_chars,
            )
            parsed_stories = parsed.stories
            problem = parsed.problem
            if parsed.ttl is not None:
                min_interval = max(min_interval or 0, parsed.ttl)
        known = self.storage.get_known_hashes(feed.id, [s.entry_key for s in parsed_stories])
        todo = changed_stories(parsed_stories, known)
        hashes = self.claim_hashes
        items = [
            StoryWithVerdicts(story=s, verdicts=self.matcher.match(s, now=now), claim_hashes=hashes)
            for s in todo
        ]
        next_poll = next_poll_after_success(
            now, self._interval(feed), min_interval, p.max_server_interval
        )
        counts = self.storage.record_poll(
            FeedPollUpdate(
                feed_id=feed.id,
                polled_at=now,
                next_poll=next_poll,
                stories=items,
                etag=fetched.etag if not fetched.not_modified else feed.etag,
                last_modified=(
                    fetched.last_modified if not fetched.not_modified else feed.last_modified
                ),
                min_interval=min_interval,
                problem=problem,
                redirect_target=fetched.permanent_redirect,
                redirect_confirmations=p.redirect_confirmations,
            )
        )
        if counts.moved_to:
            log.warning("feed %s moved permanently to %s: URL updated", feed.url, counts.moved_to)
        if problem:
            log.info("feed %s: recovered from a malformed feed: %s", feed.url, problem)
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

    def _fail(self, feed: FeedState, exc: BaseException, now: datetime) -> PollResult:
        message = exc.message if isinstance(exc, TrackerError) else f"{type(exc).__name__}: {exc}"
        retry_after = exc.retry_after if isinstance(exc, FetchError) else None
        delay = backoff_seconds(
            feed.error_count + 1,
            self._interval(feed),
            self.config.polling.max_backoff,
            retry_after=retry_after,
            rng=self.rng,
        )
        next_poll = now + timedelta(seconds=delay)
        self.storage.record_poll_failure(feed.id, polled_at=now, error=message, next_poll=next_poll)
        log.warning("feed %s failed: %s (next try %s)", feed.url, message, next_poll.isoformat())
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
    batch in id order: the verdicts are the same as in one process, and
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
            results = []
            for story_id, story in batch:
                results.append((story_id, matcher.match(story, now=now)))
                if on_story is not None:
                    on_story()
            written += storage.store_rescored(results, hashes, now)
            done += len(batch)
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
