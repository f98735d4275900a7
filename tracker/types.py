"""Typed data at the boundaries between steps: frozen dataclasses and enums.

Every step of the pipeline takes and returns these; storage returns these and
never ORM rows. Times are timezone-aware UTC datetimes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine imports this module: only the annotation refers to it
    from tracker.engine.syndication import Report


class Stance(StrEnum):
    """What a story says about a claim."""

    CORROBORATES = "corroborates"
    CONTRADICTS = "contradicts"
    DISCUSSES = "discusses"

    @property
    def decisive(self) -> bool:
        """Corroborating and contradicting evidence decide a claim; discussion does not."""
        return self is not Stance.DISCUSSES


class ClaimStatus(StrEnum):
    """A claim's standing, rolled up from its verdicts (see tracker.engine.status)."""

    UNVERIFIED = "unverified"
    CORROBORATED = "corroborated"
    CONTRADICTED = "contradicted"
    DISPUTED = "disputed"


class ReviewDecision(StrEnum):
    """An analyst's decision on a verdict."""

    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    RELABELLED = "relabelled"


@dataclass(frozen=True)
class Quantity:
    """A number the claim asserts, e.g. 50,000 chips within 20%."""

    value: float
    unit: str | None = None
    #: Relative tolerance: 0.2 accepts 40,000 to 60,000 for 50,000.
    tolerance: float = 0.2


@dataclass(frozen=True)
class Window:
    """A time-bound claim: the event is claimed to happen by `by`."""

    by: date


@dataclass(frozen=True)
class Claim:
    """A tracked claim. `text` alone is enough; the other fields are optional hints."""

    id: str
    text: str
    #: Groups of synonymous names; a story must mention each group (any spelling).
    entities: tuple[tuple[str, ...], ...] = ()
    #: Extra key terms that signal relevance (any language).
    keywords: tuple[str, ...] = ()
    quantity: Quantity | None = None
    #: Who made the claim; stories that only repeat the allegation discuss it.
    attributed_to: tuple[str, ...] = ()
    window: Window | None = None

    @property
    def definition_hash(self) -> str:
        """Stable hash of the definition: a change means stored stories are rescored."""
        data = asdict(self)
        if self.window is not None:
            data["window"] = {"by": self.window.by.isoformat()}
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Story:
    """One feed entry, as plain text. `entry_key` is stable across polls of one feed."""

    feed_url: str
    entry_key: str
    title: str
    text: str
    link: str | None = None
    published: datetime | None = None
    lang: str | None = None

    @cached_property
    def content_hash(self) -> str:
        """Hash of what the engine reads: a change means the story is re-matched.
        Computed once per story (polling asks for it at several steps)."""
        blob = f"{self.title}\x1f{self.text}"
        return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Verdict:
    """The engine's judgement of one story against one claim (related pairs only)."""

    claim_id: str
    stance: Stance
    #: Confidence in [0, 1]: how sure the engine is of relevance and stance together.
    score: float
    #: The sentence of the story that carries the stance.
    evidence: str
    #: Why, in words: each matched entity, cue, number or date the decision used.
    reasons: tuple[str, ...]
    engine_version: str
    #: What the verdict was computed against: the path ("semantic" with the encoder's
    #: name, or "lexical") and the stream profile ("stream a1b2c3d4 (70 stories)").
    basis: str = ""


@dataclass(frozen=True)
class Review:
    """An analyst's override of a verdict; survives rescoring."""

    decision: ReviewDecision
    stance: Stance | None
    note: str
    reviewed_at: datetime


@dataclass(frozen=True)
class Evidence:
    """A stored verdict joined with its story and feed: what the CLI, status and digest read."""

    verdict_id: int
    claim_id: str
    #: The stance that counts: the analyst's when reviewed, else the engine's.
    stance: Stance
    engine_stance: Stance
    score: float
    evidence: str
    reasons: tuple[str, ...]
    engine_version: str
    story_id: int
    story_title: str
    story_url: str | None
    feed_url: str
    feed_name: str | None
    published: datetime | None
    logged_at: datetime
    #: Syndication cluster: copies of one wire report share it.
    cluster_id: int
    #: How many stored stories share the cluster (1 when not syndicated).
    copies: int = 1
    review: Review | None = None
    #: The story's language as its feed declared it (e.g. "hi"), if it did.
    story_lang: str | None = None
    #: What the verdict was computed against (`Verdict.basis`); "" for verdicts stored
    #: before bases were recorded.
    basis: str = ""

    @property
    def rejected(self) -> bool:
        """An analyst rejected this verdict: it no longer counts."""
        return self.review is not None and self.review.decision is ReviewDecision.REJECTED


@dataclass(frozen=True)
class EvidenceTally:
    """How many verdicts on a claim were logged on one UTC day with one stance that
    counts (rejected ones left out): a point of the dashboard's evidence chart."""

    claim_id: str
    day: date
    stance: Stance
    count: int


@dataclass(frozen=True)
class ClaimSummary:
    """A claim with its status and counts of independent sources per stance."""

    claim: Claim
    status: ClaimStatus
    #: Independent sources (syndication clusters) per stance.
    counts: Mapping[Stance, int]
    #: All stories per stance, copies included.
    copies: Mapping[Stance, int]
    explanation: str
    #: Summed weight of the corroborating and of the contradicting sources: what the
    #: status was decided on (tracker.engine.status), so a reader can say what is missing.
    support: float = 0.0
    opposition: float = 0.0


@dataclass(frozen=True)
class FeedConfig:
    """A feed as configured (config.yaml or `tracker feeds add`)."""

    url: str
    name: str | None = None
    #: Seconds between polls; None means the global `polling.interval`.
    interval: int | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedState:
    """A feed as stored, with its polling state."""

    id: int
    url: str
    name: str | None
    interval: int | None
    tags: tuple[str, ...]
    source: str
    last_polled: datetime | None = None
    last_success: datetime | None = None
    next_poll: datetime | None = None
    error_count: int = 0
    last_error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    #: Seconds: a lower bound on the interval set by the server (max-age, <ttl>).
    min_interval: int | None = None
    failing_since: datetime | None = None
    #: A problem the last successful poll recovered from (a malformed feed).
    problem: str | None = None
    #: The daemon holding the feed's lease and until when (several daemons share feeds).
    lease_owner: str | None = None
    lease_expires: datetime | None = None


@dataclass(frozen=True)
class FetchResult:
    """What fetching a feed gave: a body, or 'not modified'."""

    url: str
    #: The URL that finally answered (after redirects).
    final_url: str
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    #: Target of a permanent (301/308) redirect seen on this fetch, if any.
    permanent_redirect: str | None = None
    #: Seconds the server says the response stays fresh (Cache-Control max-age).
    max_age: int | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its stories and what went wrong while parsing, if anything."""

    title: str | None
    stories: tuple[Story, ...]
    #: RSS <ttl>, in seconds.
    ttl: int | None = None
    #: A recovered problem (feedparser's bozo exception), recorded on the feed.
    problem: str | None = None


@dataclass(frozen=True)
class PollResult:
    """The outcome of polling one feed: counts, or the error that stopped it."""

    feed_url: str
    new_stories: int = 0
    updated_stories: int = 0
    verdicts: int = 0
    not_modified: bool = False
    error: str | None = None
    #: The engine's verdicts on the stored new and changed stories, per stance.
    stances: Mapping[Stance, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class StoryWithVerdicts:
    """A new or changed story and the engine's verdicts on it, to store together."""

    story: Story
    verdicts: Sequence[Verdict]
    #: Claim hashes the verdicts were computed against ({claim_id: definition_hash}).
    claim_hashes: Mapping[str, str]
    #: The story normalised for syndication (`syndication.prepare`), when the caller
    #: has it (the polling workers prepare it); otherwise storage prepares it.
    report: Report | None = None


@dataclass(frozen=True)
class FeedPollUpdate:
    """Everything one successful poll of a feed writes, in one transaction."""

    feed_id: int
    polled_at: datetime
    next_poll: datetime
    stories: Sequence[StoryWithVerdicts] = ()
    etag: str | None = None
    last_modified: str | None = None
    min_interval: int | None = None
    problem: str | None = None
    #: Permanent redirect target seen on this poll (None: none seen).
    redirect_target: str | None = None
    #: Polls in a row that must show the same permanent redirect before the URL changes.
    redirect_confirmations: int = 3
    #: The daemon that leased the feed for this poll: its lease is released, unless
    #: another daemon has taken the feed over since. None: leases are not touched.
    lease_owner: str | None = None


@dataclass(frozen=True)
class PollCounts:
    """What storing one poll wrote: stories new and updated, verdicts written, and the
    feed's new URL when a confirmed permanent redirect moved it."""

    new: int
    updated: int
    verdicts: int
    moved_to: str | None = None


@dataclass(frozen=True)
class StoredStory:
    """A story as stored, with its id and syndication cluster."""

    id: int
    feed_url: str
    story: Story
    cluster_id: int
    first_seen: datetime
    verdicts: Mapping[Stance, int] = field(default_factory=dict)


@dataclass(frozen=True)
class StoryRevision:
    """An earlier version of a stored story, kept when its text changed."""

    revision: int
    title: str
    text: str
    replaced_at: datetime


@dataclass(frozen=True)
class FeedContents:
    """What is stored of one feed (active or removed)."""

    stories: int = 0
    verdicts: int = 0


@dataclass(frozen=True)
class DaemonInfo:
    """A running daemon as its heartbeats record it, with the feeds it holds leases on."""

    id: str
    host: str
    pid: int
    started_at: datetime
    heartbeat_at: datetime
    feeds: tuple[str, ...] = ()


class DigestState(StrEnum):
    """Where a day's digest stands."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class DigestRecord:
    """A day's digest as recorded in the database: sent at most once per day."""

    id: int
    day: date
    window_start: datetime
    window_end: datetime
    recipients: tuple[str, ...]
    state: DigestState
    attempts: int = 0
    message_id: str | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    next_attempt: datetime | None = None
    #: While pending: until when the daemon sending it holds it. A pending digest whose
    #: hold expired was interrupted (a crash mid-send) and may be tried again.
    held_until: datetime | None = None
    #: While pending: the daemon sending it.
    held_by: str | None = None
    #: Each claim's status when the digest was sent: the next digest reports changes.
    claim_statuses: Mapping[str, ClaimStatus] = field(default_factory=dict)


# --- the stream profile and story vectors (tracker.storage.vectors) ----------------------


@dataclass(frozen=True)
class ProfileRecord:
    """A stream profile as recorded when the tracker built it: what it was built from,
    so that a verdict's basis ("stream a1b2c3d4 (2,000 stories)") can be traced to it
    and the profile built again from the same stored stories."""

    id: int
    built_at: datetime
    #: The stories it was measured from: the `stories` stored stories with the highest
    #: ids up to `newest_story_id` (0: none).
    stories: int
    newest_story_id: int
    #: How many of them had vectors of `encoder`.
    vectors: int
    #: The sentence encoder the tracker ran with (None: the lexical path only).
    encoder: str | None
    #: `StreamProfile.digest`; verdicts name its first 8 characters.
    digest: str
    #: How verdicts name the profile (`StreamProfile.label`, or "no stream yet").
    label: str
    #: Why it was built ("start", "the stream grew by 12%", "rescore", ...).
    reason: str = ""


@dataclass(frozen=True)
class StreamGrowth:
    """How the stream moved since a profile was built: stories stored after its newest
    one, and how many of its own stories have vectors of the current encoder now."""

    new_stories: int
    vectors: int


@dataclass(frozen=True)
class EmbeddedStory:
    """A story embedded by the embedding job, and its verdicts on the semantic path."""

    story_id: int
    #: The text the vectors are of (`Story.content_hash`): a story changed since is not
    #: written (it awaits vectors of its new text).
    content_hash: str
    encoder: str
    #: `StoryVectors.to_bytes()`, or None when embedding failed (`error` says why).
    vectors: bytes | None
    verdicts: Sequence[Verdict] = ()
    error: str | None = None


@dataclass(frozen=True)
class EmbedCounts:
    """What storing embedded stories wrote."""

    #: Stories whose vectors were stored (and their verdicts rewritten).
    embedded: int = 0
    #: Stories whose embedding failed (recorded: not tried again unless asked).
    failed: int = 0
    #: Stories whose text changed while they were embedded (left awaiting vectors).
    changed: int = 0
    #: Verdicts written or changed.
    verdicts: int = 0
