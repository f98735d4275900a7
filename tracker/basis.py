"""What verdicts are computed against, as rules: when the running tracker builds its
stream profile again, and which stored verdicts were computed against an older
profile or on the lexical path while an encoder runs (`tracker status`).

A verdict's basis (`Verdict.basis`, written by the engine) reads
"semantic (ENCODER); stream a1b2c3d4 (2,000 stories)" or "lexical; stream ..."
("no stream yet" before the stream has stories); the profile it names is recorded
(`ProfileRecord`, `tracker.storage.vectors`).

Pure: no I/O, no clock (times are passed in).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from .types import ProfileRecord, StreamGrowth

__all__ = [
    "PROFILE_AGE",
    "PROFILE_GROWTH",
    "PROFILE_STORIES",
    "VerdictFreshness",
    "classify_bases",
    "current_path",
    "measures",
    "profile_digest",
    "rebuild_reason",
    "unmeasured_verdicts",
]

#: A profile is measured from this many of the most recent stored stories.
PROFILE_STORIES = 2000
#: It is built again when the stream has grown by this share of the stories it was
#: measured from (new stories stored, or its stories embedded since)...
PROFILE_GROWTH = 0.10
#: ... or, when anything moved at all, once it is this old.
PROFILE_AGE = timedelta(days=1)


def _material(change: int, base: int) -> bool:
    """Is `change` at least PROFILE_GROWTH of `base` (any change, for a small base)?"""
    return change >= max(1, math.ceil(PROFILE_GROWTH * base))


def rebuild_reason(
    profile: ProfileRecord, growth: StreamGrowth, encoder: str | None, now: datetime
) -> str | None:
    """Why the profile in use should be built again, or None while it still stands.

    `growth`: what moved since it was built (`Storage.stream_growth`); `encoder`: the
    encoder the tracker runs now (None: the lexical path).
    """
    if encoder != profile.encoder:
        return f"the encoder changed to {encoder or 'none (lexical path)'}"
    if _material(growth.new_stories, profile.stories):
        return f"{growth.new_stories:,} stories stored since it was built"
    embedded = growth.vectors - profile.vectors
    if encoder is not None and _material(embedded, profile.stories):
        return f"{embedded:,} more of its stories embedded"
    if now - profile.built_at >= PROFILE_AGE and (growth.new_stories or embedded):
        return "a day old"
    return None


@dataclass(frozen=True)
class VerdictFreshness:
    """Stored verdicts by what they were computed against, next to the current profile."""

    #: Against the current profile, on the path the tracker runs.
    current: int = 0
    #: Against an older profile (or another encoder, or before bases were recorded):
    #: `tracker rescore` brings them up to date.
    older_profile: int = 0
    #: On the lexical path while the tracker runs an encoder: their stories await
    #: vectors (the daemon's embedding job, `tracker embed` or `tracker rescore`).
    lexical: int = 0

    @property
    def stale(self) -> int:
        """Verdicts not computed as the tracker would compute them now."""
        return self.older_profile + self.lexical


def current_path(profile: ProfileRecord) -> str:
    """The path new verdicts take with this profile's encoder, as a basis names it."""
    return "lexical" if profile.encoder is None else f"semantic ({profile.encoder})"


def classify_bases(counts: Mapping[str, int], current: ProfileRecord | None) -> VerdictFreshness:
    """Sort verdict counts by basis (`Storage.count_verdicts_by_basis`) against the
    current profile (None: none recorded yet, so every verdict is from before)."""
    fresh = older = lexical = 0
    for basis, n in counts.items():
        path, _, stream = basis.partition("; ")
        if current is None:
            older += n
        elif current.encoder is not None and path == "lexical":
            lexical += n
        elif path == current_path(current) and stream == current.label:
            fresh += n
        else:
            older += n
    return VerdictFreshness(current=fresh, older_profile=older, lexical=lexical)


def profile_digest(label: str) -> str | None:
    """The digest prefix a basis's stream part names ("stream a1b2c3d4 (70 stories)" ->
    "a1b2c3d4"); None for "no stream yet" or a label of another shape."""
    words = label.split()
    if len(words) >= 2 and words[0] == "stream":
        return words[1]
    return None


def measures(profile: ProfileRecord, *, semantic: bool) -> bool:
    """Can `profile` measure the stream on the path the tracker runs (`semantic`: with an
    encoder): it has stories and, on the semantic path, their vectors (how close a
    claim's stories usually are is measured on them; without, the semantic path is
    uncalibrated)?"""
    return profile.stories > 0 and (not semantic or profile.vectors > 0)


def unmeasured_verdicts(
    counts: Mapping[str, int],
    profile_of: Callable[[str], ProfileRecord | None],
    *,
    semantic: bool,
) -> int:
    """How many verdicts (`Storage.count_verdicts_by_basis`) on the path the tracker runs
    (`semantic`: with an encoder) were computed against a profile that could not
    measure the stream on it (`measures`): "no stream yet", or a recorded profile
    (`profile_of(digest)`, None when no record names it) that does not measure.
    Left after a profile that measures it was built, they show a rescore against it
    that did not finish."""
    total = 0
    for basis, n in counts.items():
        path, _, stream = basis.partition("; ")
        if not (path.startswith("semantic") if semantic else path == "lexical"):
            continue
        digest = profile_digest(stream)
        profile = profile_of(digest) if digest is not None else None
        if digest is None or (profile is not None and not measures(profile, semantic=semantic)):
            total += n
    return total
