"""The stream profile of the running tracker: built from the stored stories, recorded,
built again when the stream has grown, and what `tracker status` says of it.

The engine measures every claim against the stream (tracker.engine.stream): what
the tracked feeds' stories share counts for nothing. In the running tracker that
profile is built from the PROFILE_STORIES most recent stored stories (with their
stored vectors of the tracker's encoder, where they have them), at start and by
`tracker rescore`, and again when the stream has grown materially
(`basis.rebuild_reason`). Each profile built is recorded (`ProfileRecord`), and
every verdict names the one it was computed against (`Verdict.basis`), so a
verdict can be traced to the stories its profile was built from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .basis import PROFILE_STORIES, VerdictFreshness, classify_bases, rebuild_reason
from .engine.stream import StreamProfile, build_profile, stream_samples
from .storage import Storage
from .types import ProfileRecord

__all__ = [
    "Stream",
    "StreamStatus",
    "build_stream",
    "stale_stream",
    "stream_label",
    "stream_status",
]


@dataclass(frozen=True)
class Stream:
    """The profile in use and its record."""

    profile: StreamProfile
    record: ProfileRecord


def stream_label(profile: StreamProfile) -> str:
    """How verdicts computed against `profile` name it (`Verdict.basis`, after the path):
    the engine's words (`relevance.build_proposition`), held equal by a test."""
    return profile.label if profile.stories else "no stream yet"


def build_stream(
    storage: Storage,
    encoder: str | None,
    now: datetime,
    reason: str,
    *,
    limit: int = PROFILE_STORIES,
) -> Stream:
    """The profile of the `limit` most recent stored stories, with their stored vectors
    of `encoder` (None: the lexical path), recorded unless the latest record is of the
    very same stories and digest (a restart changes nothing)."""
    rows = storage.recent_stories_with_vectors(limit, encoder)
    stories = [story for _, story, _ in rows]
    vectors = [v for _, _, v in rows]
    profile = build_profile(stream_samples(stories, vectors), encoder)
    newest = rows[-1][0] if rows else 0
    embedded = sum(1 for v in vectors if v is not None)
    latest = storage.latest_profile()
    if latest is not None and (
        latest.digest,
        latest.stories,
        latest.newest_story_id,
        latest.vectors,
        latest.encoder,
    ) == (profile.digest, len(rows), newest, embedded, encoder):
        return Stream(profile, latest)
    record = storage.record_profile(
        stories=len(rows),
        newest_story_id=newest,
        vectors=embedded,
        encoder=encoder,
        digest=profile.digest,
        label=stream_label(profile),
        reason=reason,
        now=now,
    )
    return Stream(profile, record)


def stale_stream(
    storage: Storage, stream: Stream, encoder: str | None, now: datetime
) -> str | None:
    """Why the profile in use should be built again now, or None."""
    growth = storage.stream_growth(stream.record, encoder)
    return rebuild_reason(stream.record, growth, encoder, now)


@dataclass(frozen=True)
class StreamStatus:
    """What `tracker status` says of the stream profile and the verdicts' bases."""

    #: The profile new verdicts are computed against (None: none built yet).
    profile: ProfileRecord | None
    verdicts: VerdictFreshness
    #: Stories without vectors of the profile's encoder (0 on the lexical path).
    awaiting_vectors: int = 0
    #: Stories whose embedding failed (`tracker embed --retry-failed` tries them again).
    failed_vectors: int = 0


def stream_status(storage: Storage) -> StreamStatus:
    """The stream facts of `tracker status`, from what is stored (the encoder is the one
    the latest profile was built with: the running daemon's)."""
    profile = storage.latest_profile()
    verdicts = classify_bases(storage.count_verdicts_by_basis(), profile)
    encoder = profile.encoder if profile is not None else None
    if encoder is None:
        return StreamStatus(profile, verdicts)
    return StreamStatus(
        profile,
        verdicts,
        awaiting_vectors=storage.count_awaiting_vectors(encoder),
        failed_vectors=storage.count_failed_vectors(encoder),
    )
