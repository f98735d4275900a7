"""The Alembic migrations: what they build is what the models describe, and upgrades
keep what is stored usable (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from tracker.engine.syndication import key_hash, syndication_keys
from tracker.storage import open_storage
from tracker.storage.models import Base
from tracker.types import FeedConfig, FeedPollUpdate, Story, StoryWithVerdicts

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
TITLE = "DeepSeek rushes to launch new AI model as competition heats up"
TEXT = (
    "DeepSeek is speeding up the launch of the successor to its R1 model, three people "
    "familiar with the company said. The firm had planned an early May release."
)


def test_the_migrations_build_what_the_models_describe(db_url: str) -> None:
    store = open_storage(db_url)
    try:
        store.upgrade()
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        store.close()


def test_upgrade_hashes_the_syndication_keys_of_stored_stories(db_url: str) -> None:
    from tracker.storage.schema import alembic_config as _alembic_config

    store = open_storage(db_url)
    try:
        with store.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0001")
        title_key, text_key = syndication_keys(TITLE, TEXT)
        store.sync_feeds([FeedConfig(url="https://a.example/rss")], NOW)  # feeds: unchanged
        with store.engine.begin() as conn:
            conn.execute(
                text("INSERT INTO stories (id, feed_id, entry_key, title, text, content_hash,"
                     " title_key, text_key, cluster_id, first_seen, updated_at, revision)"
                     " SELECT 7, id, 'old', :title, :body, 'h', :tk, :xk, 7, :now, :now, 1"
                     " FROM feeds"), {"title": TITLE, "body": TEXT, "tk": title_key,
                                      "xk": text_key, "now": NOW})  # fmt: skip
        before, head = store.upgrade()
        assert (before, head) == ("0001", store.schema_revisions()[1])
        with store.engine.connect() as conn:
            hashes = conn.execute(text("SELECT title_hash, text_hash FROM stories")).one()
        assert tuple(hashes) == (key_hash(title_key), key_hash(text_key))
        assert None not in hashes
        # A copy polled after the upgrade finds the story stored before it.
        store.sync_feeds([FeedConfig(url=u) for u in ("https://a.example/rss",
                                                      "https://b.example/rss")], NOW)  # fmt: skip
        feed = store.get_feed("https://b.example/rss")
        assert feed is not None
        copy = Story(feed_url=feed.url, entry_key="copy", title=TITLE + " - Wire", text=TEXT)
        store.record_poll(FeedPollUpdate(feed_id=feed.id, polled_at=NOW,
                                         next_poll=NOW + timedelta(hours=1),
                                         stories=[StoryWithVerdicts(copy, [], {})]))  # fmt: skip
        clusters = {s.story.entry_key: s.cluster_id for s in store.get_stories()}
        assert clusters == {"old": 7, "copy": 7}
    finally:
        store.close()


def test_upgrade_to_0004_keeps_verdicts_and_adds_vectors_and_profiles(db_url: str) -> None:
    """A database of the previous revision: its verdicts get an empty basis (computed
    before bases were recorded: `tracker status` counts them as against an older
    profile), and its stories await vectors and can be embedded after the upgrade."""
    from tracker.engine.vectors import HashEncoder, embed_stories
    from tracker.profiles import stream_status
    from tracker.storage.schema import alembic_config as _alembic_config
    from tracker.types import Claim, EmbeddedStory

    store = open_storage(db_url)
    try:
        with store.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0003")
        store.sync_feeds([FeedConfig(url="https://a.example/rss")], NOW)
        store.sync_claims([Claim(id="c1", text="DeepSeek launches R2 early")], NOW)
        title_key, text_key = syndication_keys(TITLE, TEXT)
        with store.engine.begin() as conn:
            conn.execute(
                text("INSERT INTO stories (id, feed_id, entry_key, title, text, content_hash,"
                     " title_key, text_key, title_hash, text_hash, cluster_id, first_seen,"
                     " updated_at, revision)"
                     " SELECT 7, id, 'old', :title, :body, :hash, :tk, :xk, :th, :xh, 7, :now,"
                     " :now, 1 FROM feeds"),
                {"title": TITLE, "body": TEXT, "tk": title_key, "xk": text_key,
                 "th": key_hash(title_key), "xh": key_hash(text_key), "now": NOW,
                 "hash": Story(feed_url="", entry_key="", title=TITLE, text=TEXT).content_hash},
            )  # fmt: skip
            conn.execute(
                text("INSERT INTO verdicts (story_id, claim_id, stance, score, evidence, reasons,"
                     " engine_version, claim_hash, logged_at)"
                     " VALUES (7, 'c1', 'discusses', 0.4, 'e', '[]', '2.0', 'h', :now)"),
                {"now": NOW},
            )  # fmt: skip
        before, head = store.upgrade()
        assert (before, head) == ("0003", "0004")
        [verdict] = store.get_evidence()
        assert verdict.basis == "" and verdict.engine_version == "2.0"
        status = stream_status(store)
        assert status.profile is None and status.verdicts.older_profile == 1
        encoder = HashEncoder()
        [(story_id, story)] = store.stories_awaiting_vectors(encoder.name, 10)
        [vectors] = embed_stories(encoder, [(story.title, story.text)])
        counts = store.store_embedded(
            [EmbeddedStory(story_id, story.content_hash, encoder.name, vectors.to_bytes())]
        )
        assert counts.embedded == 1 and store.count_awaiting_vectors(encoder.name) == 0
        assert set(store.get_story_vectors([7], encoder.name)) == {7}
    finally:
        store.close()
