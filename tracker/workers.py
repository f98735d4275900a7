"""The computing half of polling and rescoring: parse a fetched body and match its
stories, or match stored stories again. Pure computation on what it is handed:
never a database, never the network.

It runs in the polling process, or (with `polling.workers`, or a large rescore) in
worker processes (`WorkerPool`), with the same functions. Results and errors come
back as values (`Prepared`, a `TrackerError`, `Unexpected`), not raised, so that
they cross the process boundary intact and are handled in one place.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from .engine import syndication
from .engine.matcher import Matcher
from .errors import TrackerError
from .feeds.parse import parse_feed
from .types import Claim, FetchResult, Story, StoryWithVerdicts, Verdict

log = logging.getLogger(__name__)

_T = TypeVar("_T")

#: The lexicons as the configuration holds them ({category: {lang: [cues]}}).
Lexicons = Mapping[str, Mapping[str, Sequence[str]]]


def changed_stories(stories: Iterable[Story], known: Mapping[str, str]) -> list[Story]:
    """Stories that are new, or whose text changed, given {entry_key: content_hash} known.

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


@dataclass(frozen=True)
class Prepared:
    """What parsing and matching make of one fetched body."""

    #: The stories to store (all but those `known` says are stored unchanged), with
    #: their verdicts and syndication reports.
    items: tuple[StoryWithVerdicts, ...]
    #: {entry_key: content_hash} of every entry of the body: what is known of the feed
    #: once this poll is stored.
    entries: Mapping[str, str]
    problem: str | None = None
    ttl: int | None = None


@dataclass(frozen=True)
class Unexpected:
    """A bug met while preparing one feed: reported on that feed, the cycle goes on."""

    message: str


Outcome = Prepared | TrackerError | Unexpected


@dataclass(frozen=True)
class Engine:
    """What the computing half needs, built once per process: the claims' matcher and
    hashes, and the field cap of parsing."""

    matcher: Matcher
    claim_hashes: Mapping[str, str]
    max_field_chars: int

    @classmethod
    def build(
        cls, claims: Sequence[Claim], lexicons: Lexicons | None, max_field_chars: int = 0
    ) -> Engine:
        return cls(
            Matcher(claims, lexicons=lexicons),
            {c.id: c.definition_hash for c in claims},
            max_field_chars,
        )

    def prepare(
        self, feed_url: str, fetched: FetchResult, now: datetime, known: Mapping[str, str]
    ) -> Outcome:
        """Parse a fetched body; match the stories `known` ({entry_key: content_hash}
        stored) does not hold unchanged. Never raises."""
        try:
            parsed = parse_feed(
                fetched.body,
                feed_url=feed_url,
                headers=fetched.headers,
                max_field_chars=self.max_field_chars,
            )
            items = tuple(
                StoryWithVerdicts(
                    story=s,
                    verdicts=self.matcher.match(s, now=now),
                    claim_hashes=self.claim_hashes,
                    report=syndication.prepare(s.title, s.text),
                )
                for s in changed_stories(parsed.stories, known)
            )
            entries: dict[str, str] = {}
            for s in parsed.stories:
                entries.setdefault(s.entry_key, s.content_hash)
            return Prepared(items, entries, parsed.problem, parsed.ttl)
        except TrackerError as exc:
            return exc
        except Exception as exc:  # a bug on one feed must not stop the daemon
            log.exception("unexpected error on feed %s", feed_url)
            return Unexpected(f"{type(exc).__name__}: {exc}")

    def rescore(
        self, batch: Sequence[tuple[int, Story]], now: datetime
    ) -> list[tuple[int, list[Verdict]]]:
        """The verdicts of stored stories (id, story) against the claims."""
        return [(story_id, self.matcher.match(story, now=now)) for story_id, story in batch]


# --- worker processes ------------------------------------------------------------------------

#: This process's engine, when it is a worker: built once by `_start` (the pool's
#: initializer), as a spawned process has nothing else to keep it in.
_engine: Engine | None = None


def _start(claims: Sequence[Claim], lexicons: Lexicons | None, max_field_chars: int) -> None:
    global _engine
    _engine = Engine.build(claims, lexicons, max_field_chars)


def _ready() -> bool:
    return _engine is not None


def _prepare(
    feed_url: str, fetched: FetchResult, now: datetime, known: Mapping[str, str]
) -> Outcome:
    assert _engine is not None, "worker not started"
    return _engine.prepare(feed_url, fetched, now, known)


def _rescore(batch: Sequence[tuple[int, Story]], now: datetime) -> list[tuple[int, list[Verdict]]]:
    assert _engine is not None, "worker not started"
    return _engine.rescore(batch, now)


class WorkerPool:
    """`size` worker processes, each with its own `Engine`; owned by whoever made it
    (a `Poller`, one rescore) and closed by it.

    "spawn", not fork: the polling process has threads (fetching, the scheduler).
    """

    def __init__(
        self,
        size: int,
        claims: Sequence[Claim],
        lexicons: Lexicons | None,
        max_field_chars: int = 0,
    ) -> None:
        self.size = size
        self._pool = ProcessPoolExecutor(
            max_workers=size,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(tuple(claims), dict(lexicons or {}), max_field_chars),
        )

    def start(self) -> None:
        """Start every worker now (otherwise the first task starts them)."""
        wait([self._pool.submit(_ready) for _ in range(self.size)])

    def prepare(
        self, feed_url: str, fetched: FetchResult, now: datetime, known: Mapping[str, str]
    ) -> Future[Outcome]:
        return self._pool.submit(_prepare, feed_url, fetched, now, known)

    def rescore(
        self, batch: Sequence[tuple[int, Story]], now: datetime
    ) -> Future[list[tuple[int, list[Verdict]]]]:
        return self._pool.submit(_rescore, batch, now)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
