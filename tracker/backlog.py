"""The embedding job: stories stored by polls await their vectors; this embeds them
(newest first), stores the vectors once, and rewrites their verdicts on the semantic
path.

Polling never waits for the sentence encoder (50-160 ms of CPU a story: a cold
burst of thousands of stories would stall the poll cycle): a poll matches new
stories on the lexical path against the stream profile and stores them awaiting
vectors. The daemon runs this job after each poll cycle, for at most EMBED_SECONDS
(the next poll waits for it); `tracker embed` and `tracker rescore` run it to the
end. The computing happens where polling's does: in the worker processes when
there are any (each loaded the encoder once), else in this process. A story's
failure is that story's: recorded (not tried again unless asked), the job goes on.
Reviews survive: verdicts are rewritten as a rescore rewrites them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime, timedelta

from .errors import TrackerError
from .storage import Storage
from .types import EmbedCounts, EmbeddedStory, Story
from .workers import Engine, WorkerPool

log = logging.getLogger(__name__)

#: Stories per task (one call of the encoder): small, so that stopping waits for
#: little (16 stories take 1-3 s of CPU).
EMBED_BATCH = 16
#: How long one run of the daemon's job may take at most: the next poll waits for it.
EMBED_SECONDS = 60.0
#: Failures logged one by one in a run; the rest are counted.
_LOGGED_FAILURES = 5


@dataclass(frozen=True)
class EmbedReport:
    """What one run of the embedding job did."""

    embedded: int = 0
    failed: int = 0
    #: Stories whose text changed while they were embedded (they await vectors again).
    changed: int = 0
    #: Verdicts written or changed on the semantic path.
    verdicts: int = 0
    #: Stories still awaiting vectors after the run.
    remaining: int = 0
    #: The stored stories must be rescored against every claim (the profile's first
    #: measure), and the run left it to the rescore that follows (`Tracker.embed`).
    calibration_left: bool = False

    @property
    def done(self) -> int:
        return self.embedded + self.failed + self.changed


def embed_backlog(
    storage: Storage,
    engine: Engine,
    pool: WorkerPool | None = None,
    *,
    now: datetime,
    limit: int | None = None,
    seconds: float | None = None,
    stop: threading.Event | None = None,
    retry_failed: bool = False,
    on_stories: Callable[[int], None] | None = None,
    batch_size: int = EMBED_BATCH,
    clock: Callable[[], datetime] | None = None,
) -> EmbedReport:
    """Embed up to `limit` stories awaiting vectors of `engine`'s encoder, newest first,
    for at most `seconds` (None: no bound) or until `stop` is set; store each batch's
    vectors and semantic verdicts (judged as of `now`) as it comes back.

    With `pool`, batches are embedded in its worker processes (two per worker queued),
    else here. `retry_failed` tries again the stories whose embedding failed before.
    `on_stories` is told how many stories each stored batch held. Each batch is
    claimed before it is embedded (`Storage.claim_for_embedding`, stamped by `clock`,
    by default `now` moved on by the time passed), so that daemons sharing the
    database embed a story once; what a stopped run claimed and did not store is
    given back.
    """
    if clock is None:
        started = time.monotonic()

        def clock() -> datetime:
            return now + timedelta(seconds=time.monotonic() - started)

    encoder = engine.encoder
    if encoder is None:
        raise ValueError("embedding needs an engine with an encoder")
    deadline = time.monotonic() + seconds if seconds is not None else None
    totals = EmbedCounts()
    failures = 0
    taken = 0
    below: int | None = None  # one pass, newest first: later stories wait for the next run
    pending: deque[Future[list[EmbeddedStory]] | list[EmbeddedStory]] = deque()
    #: Stories claimed and not stored yet, with the text hash claimed (given back if the
    #: run stops or fails).
    claimed: dict[int, str] = {}

    def more() -> bool:
        return (
            not (stop is not None and stop.is_set())
            and (limit is None or taken < limit)
            and (deadline is None or time.monotonic() < deadline)
        )

    def next_batch() -> list[tuple[int, Story]]:
        nonlocal taken, below
        want = batch_size if limit is None else min(batch_size, limit - taken)
        batch = storage.claim_for_embedding(
            encoder.name, want, now=clock(), below_id=below, retry_failed=retry_failed
        )
        if batch:
            taken += len(batch)
            below = batch[-1][0]
            claimed.update((story_id, story.content_hash) for story_id, story in batch)
        return batch

    def store(results: Sequence[EmbeddedStory]) -> None:
        nonlocal totals, failures
        for r in results:
            if r.error is not None:
                failures += 1
                if failures <= _LOGGED_FAILURES:
                    log.warning("story %d could not be embedded: %s", r.story_id, r.error)
        counts = storage.store_embedded(results, engine.claim_hashes, now)
        for r in results:
            claimed.pop(r.story_id, None)
        totals = EmbedCounts(
            embedded=totals.embedded + counts.embedded,
            failed=totals.failed + counts.failed,
            changed=totals.changed + counts.changed,
            verdicts=totals.verdicts + counts.verdicts,
        )
        if on_stories is not None:
            on_stories(len(results))

    queued = max(1, 2 * pool.size) if pool is not None else 1
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < queued and more():
                batch = next_batch()
                if not batch:
                    exhausted = True
                elif pool is not None:
                    pending.append(pool.embed(batch, now))
                else:
                    pending.append(engine.embed(batch, now))
            if stop is not None and stop.is_set():
                # Stopping: what a worker has not started is dropped (it stays awaiting).
                pending = deque(f for f in pending if not (isinstance(f, Future) and f.cancel()))
            if not pending:
                break
            head = pending.popleft()
            store(head.result() if isinstance(head, Future) else head)
    except BrokenProcessPool as exc:
        raise TrackerError(f"an embedding worker process died ({exc})") from exc
    finally:
        for future in pending:
            if isinstance(future, Future):
                future.cancel()
        if claimed:
            storage.release_claims(claimed)
    if failures > _LOGGED_FAILURES:
        log.warning("%d more stories could not be embedded", failures - _LOGGED_FAILURES)
    return EmbedReport(
        embedded=totals.embedded,
        failed=totals.failed,
        changed=totals.changed,
        verdicts=totals.verdicts,
        remaining=storage.count_awaiting_vectors(encoder.name),
    )
