"""SQLAlchemy models. Only tracker.storage imports this module.

The schema is created and changed only by the Alembic migrations in db/migrations;
these classes describe it for queries.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to storage; pass aware UTC datetimes")
        from datetime import UTC

        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        from datetime import UTC

        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class FeedRow(Base):
    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    name: Mapped[str | None] = mapped_column(String(500))
    interval: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[str] = mapped_column(Text, default="[]")
    #: Where the feed came from: "config" (config.yaml owns it) or "cli"/"opml".
    source: Mapped[str] = mapped_column(String(20), default="config")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    etag: Mapped[str | None] = mapped_column(String(1000))
    last_modified: Mapped[str | None] = mapped_column(String(200))
    last_polled: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_poll: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    min_interval: Mapped[int | None] = mapped_column(Integer)
    problem: Mapped[str | None] = mapped_column(Text)
    redirect_target: Mapped[str | None] = mapped_column(String(2048))
    redirect_count: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    lease_expires: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StoryRow(Base):
    __tablename__ = "stories"
    __table_args__ = (
        UniqueConstraint("feed_id", "entry_key"),
        Index("ix_stories_title_hash_id", "title_hash", "id"),
        Index("ix_stories_text_hash_id", "text_hash", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Indexed by the unique (feed_id, entry_key), which leads with it.
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    entry_key: Mapped[str] = mapped_column(String(2048))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(2048))
    published: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    lang: Mapped[str | None] = mapped_column(String(20))
    content_hash: Mapped[str] = mapped_column(String(64))
    title_key: Mapped[str] = mapped_column(String(300))
    text_key: Mapped[str] = mapped_column(String(300))
    #: `syndication.key_hash` of each key (None: no key): indexed, with the id, to find
    #: the oldest stories sharing a key.
    title_hash: Mapped[int | None] = mapped_column(BigInteger)
    text_hash: Mapped[int | None] = mapped_column(BigInteger)
    #: Syndication cluster: the id of the first stored copy of the report.
    cluster_id: Mapped[int | None] = mapped_column(Integer, index=True)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revision: Mapped[int] = mapped_column(Integer, default=1)


class StoryRevisionRow(Base):
    """A story's earlier text, kept when the feed changes an entry."""

    __tablename__ = "story_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    definition: Mapped[str] = mapped_column(Text)
    definition_hash: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class VerdictRow(Base):
    __tablename__ = "verdicts"
    __table_args__ = (UniqueConstraint("story_id", "claim_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Indexed by the unique (story_id, claim_id) and by ix_verdicts_claim_logged, which
    #: lead with them.
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    stance: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    evidence: Mapped[str] = mapped_column(Text)
    reasons: Mapped[str] = mapped_column(Text)
    engine_version: Mapped[str] = mapped_column(String(50))
    claim_hash: Mapped[str] = mapped_column(String(64))
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    #: What the verdict was computed against (`Verdict.basis`): the engine's path and
    #: the stream profile; "" for verdicts stored before it was recorded.
    basis: Mapped[str] = mapped_column(Text, default="", server_default="")


class StoryVectorRow(Base):
    """A story's sentence-encoder vectors, stored once (`StoryVectors.to_bytes`).

    Valid while the story's content hash is `content_hash` and the tracker runs
    `encoder`; otherwise the story awaits vectors again. A failed embedding is a row
    without vectors and with the error, so the job does not try it again on its own.
    """

    __tablename__ = "story_vectors"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    encoder: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    vectors: Mapped[bytes | None] = mapped_column(LargeBinary)
    error: Mapped[str | None] = mapped_column(Text)
    embedded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StreamProfileRow(Base):
    """A stream profile the tracker built (`types.ProfileRecord`): verdicts name it."""

    __tablename__ = "stream_profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stories: Mapped[int] = mapped_column(Integer)
    #: Not a foreign key: the profile stays on record when its stories are purged.
    newest_story_id: Mapped[int] = mapped_column(Integer)
    vectors: Mapped[int] = mapped_column(Integer)
    encoder: Mapped[str | None] = mapped_column(String(200))
    digest: Mapped[str] = mapped_column(String(64), index=True)
    label: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")


class ReviewRow(Base):
    """An analyst's decision, keyed by story and claim so it survives rescoring."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("story_id", "claim_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    decision: Mapped[str] = mapped_column(String(20))
    stance: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DigestRow(Base):
    __tablename__ = "digests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    window_end: Mapped[datetime] = mapped_column(UTCDateTime)
    recipients: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    message_id: Mapped[str | None] = mapped_column(String(500))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_attempt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_statuses: Mapped[str] = mapped_column(Text, default="{}")
    #: The daemon sending it right now, and until when that claim holds.
    owner: Mapped[str | None] = mapped_column(String(200))
    owner_expires: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DaemonRow(Base):
    """A running daemon's heartbeat (several daemons may share one PostgreSQL)."""

    __tablename__ = "daemons"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime)


Index("ix_verdicts_claim_logged", VerdictRow.claim_id, VerdictRow.logged_at)
