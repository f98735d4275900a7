"""The computing half of polling, rescoring and embedding: parse a fetched body and
match its stories, match stored stories again, or embed stored stories and match them
on the semantic path. Pure computation on what it is handed: never a database, never
the network.

It runs in the polling process, or (with `polling.workers`, or a large rescore) in
worker processes (`WorkerPool`), with the same functions. Results and errors come
back as values (`Prepared`, a `TrackerError`, `Unexpected`), not raised, so that
they cross the process boundary intact and are handled in one place.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, TypeVar

from .engine import syndication
from .engine.glossary import GlossaryEntry
from .engine.matcher import Matcher
from .engine.stream import StreamProfile
from .engine.vectors import Encoder, StoryVectors, embed_stories
from .errors import TrackerError
from .feeds.parse import parse_feed
from .types import Claim, EmbeddedStory, FetchResult, Story, StoryWithVerdicts, Verdict

log = logging.getLogger(__name__)

_T = TypeVar("_T")

#: The lexicons as the configuration holds them ({category: {lang: [cues]}}).
Lexicons = Mapping[str, Mapping[str, Sequence[str]]]
#: A stored story to match again: its id, the story, its stored vectors (or None).
StoredForMatching = tuple[int, Story, StoryVectors | None]
#: A stored story's id and its verdicts.
Rescored = tuple[int, list[Verdict]]


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
    """What the computing half needs, built once per process: the claims' matchers
    (measured against the stream profile), their hashes, and the field cap of parsing.

    Polling matches on the lexical path (`matcher`): embedding a story costs 50-160 ms,
    too much for a poll; the embedding job embeds stories afterwards (`embed`) and
    matches them on the semantic path (`semantic`, with the encoder). A rescore reads
    stored vectors where a story has them and never embeds.
    """

    matcher: Matcher
    claim_hashes: Mapping[str, str]
    max_field_chars: int
    stream: StreamProfile | None = None
    encoder: Encoder | None = None
    lexicons: Lexicons | None = None
    claims: tuple[Claim, ...] = ()
    #: The config's glossary entries (added to the shipped glossary).
    glossary: tuple[GlossaryEntry, ...] = ()

    @classmethod
    def build(
        cls,
        claims: Sequence[Claim],
        lexicons: Lexicons | None,
        max_field_chars: int = 0,
        *,
        glossary: Sequence[GlossaryEntry] = (),
        stream: StreamProfile | None = None,
        encoder: Encoder | None = None,
    ) -> Engine:
        return cls(
            Matcher(claims, lexicons=lexicons, glossary=glossary, stream=stream),
            {c.id: c.definition_hash for c in claims},
            max_field_chars,
            stream,
            encoder,
            lexicons,
            tuple(claims),
            tuple(glossary),
        )

    @cached_property
    def semantic(self) -> Matcher | None:
        """The matcher of the semantic path (built on first use: it embeds the claims)."""
        if self.encoder is None:
            return None
        return Matcher(
            self.claims,
            lexicons=self.lexicons,
            glossary=self.glossary,
            stream=self.stream,
            encoder=self.encoder,
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

    def match_stored(
        self, story: Story, now: datetime, vectors: StoryVectors | None
    ) -> list[Verdict]:
        """A stored story's verdicts: on the semantic path when it has vectors of this
        engine's encoder (never embedding it), else on the lexical path."""
        semantic = self.semantic
        if semantic is not None and vectors is not None and vectors.model == semantic.vector_model:
            return semantic.match(story, now=now, vectors=vectors)
        return self.matcher.match(story, now=now)

    def rescore(self, batch: Sequence[StoredForMatching], now: datetime) -> list[Rescored]:
        """The verdicts of stored stories (id, story, stored vectors or None)."""
        return [(story_id, self.match_stored(story, now, v)) for story_id, story, v in batch]

    def embed(self, batch: Sequence[tuple[int, Story]], now: datetime) -> list[EmbeddedStory]:
        """Embed stored stories (id, story) and match them on the semantic path with the
        vectors as storage will hold them. One encoder call for the batch; when it
        fails, each story is embedded alone, so one story's failure is that story's
        (`EmbeddedStory.error`). Never raises."""
        encoder = self.encoder
        if encoder is None:
            raise ValueError("this engine has no encoder")
        try:
            embedded: list[StoryVectors | BaseException] = list(
                embed_stories(encoder, [(s.title, s.text) for _, s in batch])
            )
        except Exception:
            embedded = []
            for _, story in batch:
                try:
                    embedded.append(embed_stories(encoder, [(story.title, story.text)])[0])
                except Exception as exc:
                    embedded.append(exc)
        out = []
        for (story_id, story), vectors in zip(batch, embedded, strict=True):
            out.append(self._embedded(story_id, story, vectors, now))
        return out

    def _embedded(
        self, story_id: int, story: Story, vectors: StoryVectors | BaseException, now: datetime
    ) -> EmbeddedStory:
        assert self.encoder is not None
        name, content_hash = self.encoder.name, story.content_hash
        if isinstance(vectors, BaseException):
            error = f"embedding failed: {type(vectors).__name__}: {vectors}"
            return EmbeddedStory(story_id, content_hash, name, None, error=error[:1000])
        try:
            blob = vectors.to_bytes()
            # Matched with the vectors as stored (int8), as a rescore will read them:
            # the verdicts do not move when it does.
            verdicts = self.match_stored(story, now, StoryVectors.from_bytes(blob))
        except Exception as exc:  # a bug on one story must not stop the job
            log.exception("unexpected error matching story %s", story_id)
            error = f"matching failed: {type(exc).__name__}: {exc}"
            return EmbeddedStory(story_id, content_hash, name, None, error=error[:1000])
        return EmbeddedStory(story_id, content_hash, name, blob, tuple(verdicts))


# --- worker processes ------------------------------------------------------------------------

#: This process's engine, when it is a worker: built once by `_start` (the pool's
#: initializer), as a spawned process has nothing else to keep it in.
_engine: Engine | None = None


def _start(
    claims: Sequence[Claim],
    lexicons: Lexicons | None,
    max_field_chars: int,
    stream: StreamProfile | None = None,
    encoder: Encoder | None = None,
    threads: int = 1,
    glossary: Sequence[GlossaryEntry] = (),
) -> None:
    global _engine
    # The encoder's compute threads (OpenMP, read when its library loads: the encoder
    # was unpickled unloaded): the pool is the parallelism, a worker gets its share of
    # the cores. Set by hand, OMP_NUM_THREADS wins.
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    _engine = Engine.build(
        claims, lexicons, max_field_chars, glossary=glossary, stream=stream, encoder=encoder
    )


def _ready() -> bool:
    return _engine is not None


def _prepare(
    feed_url: str, fetched: FetchResult, now: datetime, known: Mapping[str, str]
) -> Outcome:
    assert _engine is not None, "worker not started"
    return _engine.prepare(feed_url, fetched, now, known)


def _rescore(batch: Sequence[StoredForMatching], now: datetime) -> list[Rescored]:
    assert _engine is not None, "worker not started"
    return _engine.rescore(batch, now)


def _embed(batch: Sequence[tuple[int, Story]], now: datetime) -> list[EmbeddedStory]:
    assert _engine is not None, "worker not started"
    return _engine.embed(batch, now)


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


class WorkerPool:
    """`size` worker processes, each with its own `Engine`; owned by whoever made it
    (a `Poller`, one rescore) and closed by it.

    "spawn", not fork: the polling process has threads (fetching, the scheduler).
    The claims, the config's lexicons and glossary entries, the stream profile and the
    encoder are handed over pickled (the encoder of
    `tracker.embedding` pickles as "load the model again": each worker loads its own);
    a new profile means a new pool (`Poller.use_stream`).
    """

    def __init__(
        self,
        size: int,
        claims: Sequence[Claim],
        lexicons: Lexicons | None,
        max_field_chars: int = 0,
        *,
        glossary: Sequence[GlossaryEntry] = (),
        stream: StreamProfile | None = None,
        encoder: Encoder | None = None,
    ) -> None:
        self.size = size
        threads = max(1, cores() // size)
        self._pool = ProcessPoolExecutor(
            max_workers=size,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(
                tuple(claims),
                dict(lexicons or {}),
                max_field_chars,
                stream,
                encoder,
                threads,
                tuple(glossary),
            ),
        )

    @classmethod
    def like(cls, size: int, engine: Engine) -> WorkerPool:
        """`size` worker processes, each building an engine like `engine` (its claims,
        lexicons, glossary, field cap, stream profile and encoder)."""
        return cls(
            size,
            engine.claims,
            engine.lexicons,
            engine.max_field_chars,
            glossary=engine.glossary,
            stream=engine.stream,
            encoder=engine.encoder,
        )

    def start(self) -> None:
        """Start every worker now (otherwise the first task starts them)."""
        wait([self._pool.submit(_ready) for _ in range(self.size)])

    def prepare(
        self, feed_url: str, fetched: FetchResult, now: datetime, known: Mapping[str, str]
    ) -> Future[Outcome]:
        return self._pool.submit(_prepare, feed_url, fetched, now, known)

    def rescore(self, batch: Sequence[StoredForMatching], now: datetime) -> Future[list[Rescored]]:
        return self._pool.submit(_rescore, batch, now)

    def embed(
        self, batch: Sequence[tuple[int, Story]], now: datetime
    ) -> Future[list[EmbeddedStory]]:
        return self._pool.submit(_embed, batch, now)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
