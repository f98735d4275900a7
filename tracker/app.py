"""The composition root: `open_tracker(config)` builds the parts a command or the daemon
works with (storage; on first use the sentence encoder, the stream profile, and the
poller with its HTTP client, matcher and worker processes), owns them and closes
them. The clock is chosen here and passed down.

    with open_tracker(config) as tracker:
        tracker.sync()                  # claims (rescoring the changed) and feeds
        tracker.poller.run_cycle()
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from types import TracebackType

from .backlog import EMBED_SECONDS, EmbedReport, embed_backlog
from .basis import measures, unmeasured_verdicts
from .clock import Clock, system_clock
from .config import Config, sqlite_path
from .embedding import EncoderChoice, load_encoder
from .engine.vectors import Encoder
from .errors import NoDatabaseError, TrackerError
from .pipeline import Poller, rescore_changed_claims, rescore_stories
from .profiles import Stream, build_stream, stale_stream
from .storage import Storage, open_storage
from .types import Claim, ProfileRecord

log = logging.getLogger(__name__)


@dataclass
class Tracker:
    """The application's parts for one command or one daemon; closed together."""

    config: Config
    storage: Storage
    clock: Clock = system_clock
    _poller: Poller | None = field(default=None, repr=False)
    #: The sentence encoder and why (loaded on first use; tests may hand one in).
    _encoder: EncoderChoice | None = field(default=None, repr=False)
    _stream: Stream | None = field(default=None, repr=False)
    #: A rescore of the stored stories against the profile in use is due (`rescore_due`;
    #: None: not looked for yet in the stored verdicts).
    _rescore_due: bool | None = field(default=None, repr=False)
    #: A rescore `_rescore_stored` began here raised (`rescore_begun`).
    _rescore_raised: bool = field(default=False, repr=False)

    @property
    def encoder_choice(self) -> EncoderChoice:
        """The sentence encoder of the semantic path, or None with the reason the lexical
        path runs (`engine.embeddings`, the machine, TRACKER_ENCODER)."""
        if self._encoder is None:
            self._encoder = load_encoder(enabled=self.config.engine.embeddings)
        return self._encoder

    @property
    def encoder(self) -> Encoder | None:
        return self.encoder_choice.encoder

    @property
    def encoder_name(self) -> str | None:
        encoder = self.encoder
        return encoder.name if encoder is not None else None

    @property
    def stream(self) -> Stream:
        """The stream profile new verdicts are computed against: built from the stored
        stories on first use (and recorded), then by `refresh_stream`."""
        if self._stream is None:
            self._stream = build_stream(self.storage, self.encoder_name, self.clock(), "start")
        return self._stream

    def refresh_stream(
        self, *, force: str | None = None, stop: threading.Event | None = None
    ) -> Stream | None:
        """Build the profile again when the stream has grown materially since it was
        built (`basis.rebuild_reason`), or always with `force` (the reason); the
        poller and its worker processes match against the new one from then on.
        Returns the new profile, or None when the old one stands.

        A profile that measures the stream (`_measures`) replacing one that did not (the
        daemon's first cycle stored its stories against an empty profile, where the
        subject every story names still counts) is followed by a rescore of the stored
        stories against it (`_rescore_stored`), until `stop` is set; one left half-way
        is made first. A forced build (`rescore`, `embed`) leaves that to its caller.
        """
        current = self.stream
        if force is None and self.rescore_due:
            self._rescore_stored(current, stop)
        reason = force or stale_stream(self.storage, current, self.encoder_name, self.clock())
        if reason is None:
            return None
        self._stream = build_stream(self.storage, self.encoder_name, self.clock(), reason)
        if self._stream.record.id != current.record.id:
            log.info(
                "stream profile built again (%s): new verdicts are computed against %s",
                reason, self._stream.record.label,
            )  # fmt: skip
        if self._poller is not None:
            self._poller.use_stream(self._stream.profile)
        if (
            force is None
            and not self._measures(current.record)
            and self._measures(self._stream.record)
        ):
            self._rescore_stored(self._stream, stop)
        return self._stream

    def _measures(self, record: ProfileRecord) -> bool:
        """Can a profile measure the stream on the path the tracker runs
        (`basis.measures`)?"""
        return measures(record, semantic=self.encoder is not None)

    @property
    def rescore_due(self) -> bool:
        """Must the stored stories be rescored against the profile in use: a rescore that
        follows a profile's first measure (`refresh_stream`, `embed`) was begun and did
        not finish, here or in a process that stopped in it (the stored verdicts show
        it: `basis.unmeasured_verdicts`, looked for once)?"""
        if self._rescore_due is None and self._measures(self.stream.record):
            storage = self.storage

            def profile_of(digest: str) -> ProfileRecord | None:
                records = storage.get_profiles(digest=digest, limit=1)
                return records[0] if records else None

            counts = storage.count_verdicts_by_basis()
            semantic = self.encoder is not None
            self._rescore_due = unmeasured_verdicts(counts, profile_of, semantic=semantic) > 0
        return bool(self._rescore_due)

    @property
    def rescore_begun(self) -> bool:
        """Did the last rescore that follows a profile's first measure, begun here, raise
        (no I/O: for naming what failed in an exception handler)?"""
        return self._rescore_raised

    @property
    def poller(self) -> Poller:
        """The poll cycle's parts (HTTP client, matcher, worker processes), built on
        first use: most commands never poll, and building the matcher costs."""
        if self._poller is None:
            self._poller = Poller.create(
                self.config,
                self.storage,
                clock=self.clock,
                stream=self.stream.profile,
                encoder=self.encoder,
            )
        return self._poller

    def sync(self) -> list[str]:
        """Make the stored claims and feeds the configured ones, rescoring stored stories
        for the claims whose definition changed (their ids are returned). Serialised
        between daemons starting together on PostgreSQL."""
        with self.storage.startup_lock():
            now = self.clock()
            changed = rescore_changed_claims(
                self.storage, self.config, now, stream=self.stream.profile, encoder=self.encoder
            )
            self.storage.sync_feeds(self.config.feeds, now)
        return changed

    def embed(
        self,
        *,
        limit: int | None = None,
        seconds: float | None = EMBED_SECONDS,
        stop: threading.Event | None = None,
        retry_failed: bool = False,
        on_stories: Callable[[int], None] | None = None,
        rescore_follows: bool = False,
    ) -> EmbedReport | None:
        """Run the embedding job (`backlog.embed_backlog`) in the poller's worker
        processes, or here without them. None when there is no encoder.

        A profile built before any story had vectors cannot calibrate the semantic path
        (`_measures`): the run that embeds the first stories builds the profile again
        from them and rescores the stored stories against it (until `stop` is set; the
        verdicts it rewrites are counted in the report), once in a database's life and
        after a change of encoder; a rescore left half-way (`rescore_due`) is made by the
        next run, against the profile in use (it measures the stream already).
        `rescore_follows`: a `rescore` comes right after this run (`tracker rescore`),
        which builds the profile again first: this run makes no calibration, and says in
        the report (`calibration_left`) that the rescore must match every claim."""
        if self.encoder is None:
            return None
        measured = self._measures(self.stream.record)
        report = self._embed_run(limit, seconds, stop, retry_failed, on_stories)
        due = bool(not measured and report.embedded) or self.rescore_due
        if rescore_follows:
            return replace(report, calibration_left=due)
        if not measured and report.embedded:
            stream = self.refresh_stream(force="its first stories embedded") or self.stream
        elif self.rescore_due:
            stream = self.stream
        else:
            return report
        return replace(report, verdicts=report.verdicts + self._rescore_stored(stream, stop))

    def _rescore_stored(self, stream: Stream, stop: threading.Event | None = None) -> int:
        """Every stored story matched against the configured claims and `stream` (its
        stored vectors where it has them), batch by batch until `stop` is set; due again
        (`rescore_due`) until it has finished. Returns the verdicts written or changed."""
        self._rescore_due = self._rescore_raised = True
        log.info(
            "the stream profile measures the stream now, %s: stored stories rescored against it",
            stream.record.label,
        )
        _, changed = self._rescore_against(stream, self.config.claims, stop=stop)
        self._rescore_due = stop is not None and stop.is_set()
        self._rescore_raised = False
        return changed

    def _embed_run(
        self,
        limit: int | None,
        seconds: float | None,
        stop: threading.Event | None,
        retry_failed: bool,
        on_stories: Callable[[int], None] | None,
    ) -> EmbedReport:
        poller = self.poller
        try:
            return embed_backlog(
                self.storage,
                poller.engine,
                poller.pool,
                now=self.clock(),
                limit=limit,
                seconds=seconds,
                stop=stop,
                retry_failed=retry_failed,
                on_stories=on_stories,
                clock=self.clock,
            )
        except TrackerError:
            poller.close_pool()  # a worker that died leaves the pool unusable: new ones
            raise

    def rescore(
        self,
        claims: Sequence[Claim],
        *,
        on_story: Callable[[], None] | None = None,
        workers: int | None = None,
    ) -> tuple[int, int]:
        """Build the stream profile again (recorded, reason "rescore") and match every
        stored story against `claims`: semantic where it has stored vectors, never
        embedding (`embed` first for that). Returns (stories, verdicts changed)."""
        stream = self.refresh_stream(force="rescore") or self.stream
        return self._rescore_against(stream, claims, on_story=on_story, workers=workers)

    def _rescore_against(
        self,
        stream: Stream,
        claims: Sequence[Claim],
        *,
        on_story: Callable[[], None] | None = None,
        workers: int | None = None,
        stop: threading.Event | None = None,
    ) -> tuple[int, int]:
        """Every stored story matched against `claims` and `stream`, with the config's
        lexicons and glossary and the tracker's encoder (`pipeline.rescore_stories`)."""
        return rescore_stories(
            self.storage,
            claims,
            lexicons=self.config.lexicons,
            glossary=self.config.glossary,
            on_story=on_story,
            now=self.clock(),
            workers=workers,
            stream=stream.profile,
            encoder=self.encoder,
            stop=stop,
        )

    def close(self) -> None:
        try:
            if self._poller is not None:
                self._poller.close()
                self._poller = None
        finally:
            self.storage.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def require_database(config: Config) -> None:
    """Refuse to go on without the configured SQLite file instead of creating an empty one."""
    path = sqlite_path(config.database_url)
    if path is not None and not path.exists():
        again = f" --config {config.path}" if config.path else ""
        raise NoDatabaseError(
            f"no database at {path}", hint=f"run `tracker{again} init` to create it"
        )


def open_tracker(
    config: Config,
    *,
    check_schema: bool = True,
    clock: Clock = system_clock,
    encoder: EncoderChoice | None = None,
) -> Tracker:
    """Open the configured database (refusing a schema that is not the code's, unless
    `check_schema` is False, as for `tracker init`) and wrap it in a `Tracker`.

    Only `tracker init` (check_schema False) may create a database: otherwise a missing
    SQLite file is NoDatabaseError, not a new empty database beside the wrong folder.
    `encoder`: the sentence encoder to use instead of `load_encoder`'s choice (tests)."""
    if check_schema:
        require_database(config)
    storage = open_storage(config.database_url, pool_size=config.daemon.pool_size)
    try:
        if check_schema:
            storage.check_schema()
    except BaseException:
        storage.close()
        raise
    return Tracker(config, storage, clock, _encoder=encoder)
