"""Storage of what the semantic path and the stream profile need (tracker.storage.vectors),
and of each verdict's basis: SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from tracker.engine.vectors import HashEncoder, StoryVectors, embed_stories
from tracker.storage import Storage
from tracker.types import (
    EmbeddedStory,
    FeedConfig,
    FeedPollUpdate,
    ReviewDecision,
    Stance,
    Story,
    StoryWithVerdicts,
    Verdict,
)

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
FEED = "https://news.example.org/feed.xml"
ENCODER = HashEncoder()


def _story(key: str, title: str, text: str = "") -> Story:
    return Story(feed_url=FEED, entry_key=key, title=title, text=text or f"{title}. More text.")


def _verdict(claim_id: str, basis: str, stance: Stance = Stance.DISCUSSES) -> Verdict:
    return Verdict(claim_id, stance, 0.5, "evidence", ("why",), "3.0", basis=basis)


def _stored(storage: Storage, stories: list[Story], basis: str = "lexical; no stream yet") -> None:
    from tracker.types import Claim

    storage.sync_claims([Claim(id="c1", text="DeepSeek holds 50,000 Nvidia chips")], NOW)
    storage.sync_feeds([FeedConfig(url=FEED)], NOW)
    feed = storage.get_feed(FEED)
    assert feed is not None
    storage.record_poll(
        FeedPollUpdate(
            feed_id=feed.id,
            polled_at=NOW,
            next_poll=NOW + timedelta(hours=1),
            stories=[StoryWithVerdicts(s, [_verdict("c1", basis)], {"c1": "h"}) for s in stories],
        )
    )


def _embedded(storage: Storage, ids_stories: list[tuple[int, Story]]) -> list[EmbeddedStory]:
    vectors = embed_stories(ENCODER, [(s.title, s.text) for _, s in ids_stories])
    return [
        EmbeddedStory(i, s.content_hash, ENCODER.name, v.to_bytes(), ())
        for (i, s), v in zip(ids_stories, vectors, strict=True)
    ]


def test_vectors_round_trip_and_leave_the_backlog_newest_first(storage: Storage) -> None:
    stories = [_story(f"e{i}", f"DeepSeek story number {i}") for i in range(5)]
    _stored(storage, stories)
    awaiting = storage.stories_awaiting_vectors(ENCODER.name, 10)
    assert [s.entry_key for _, s in awaiting] == ["e4", "e3", "e2", "e1", "e0"]
    assert storage.count_awaiting_vectors(ENCODER.name) == 5
    # Pages of one run: below the last id taken.
    page = storage.stories_awaiting_vectors(ENCODER.name, 2, below_id=awaiting[1][0])
    assert [s.entry_key for _, s in page] == ["e2", "e1"]

    counts = storage.store_embedded(_embedded(storage, awaiting[:3]), {}, NOW)
    assert (counts.embedded, counts.failed, counts.changed) == (3, 0, 0)
    assert storage.count_awaiting_vectors(ENCODER.name) == 2
    assert [s.entry_key for _, s in storage.stories_awaiting_vectors(ENCODER.name, 10)] == [
        "e1",
        "e0",
    ]
    # Another encoder's vectors do not count.
    assert storage.count_awaiting_vectors("another-encoder") == 5

    ids = [i for i, _ in awaiting[:3]]
    read = storage.get_story_vectors(ids, ENCODER.name)
    assert set(read) == set(ids)
    for (story_id, _), made in zip(
        awaiting[:3], embed_stories(ENCODER, [(s.title, s.text) for _, s in awaiting[:3]]),
        strict=True,
    ):  # fmt: skip
        got = read[story_id]
        assert got.model == ENCODER.name and got.sentences.shape == made.sentences.shape
        # int8 storage: the same vectors to within a rounding step.
        assert float(np.dot(got.whole, made.whole)) > 0.999
        again = StoryVectors.from_bytes(made.to_bytes())
        assert np.array_equal(got.whole, again.whole)
        assert np.array_equal(got.sentences, again.sentences)
    assert storage.get_story_vectors(ids, "another-encoder") == {}

    # Rescoring reads every story with its vectors, where it has them.
    batches = list(storage.iter_stories_with_vectors(ENCODER.name, batch_size=2))
    assert [len(b) for b in batches] == [2, 2, 1]
    with_vectors = {i for b in batches for i, _, v in b if v is not None}
    assert with_vectors == set(ids)
    assert all(v is None for b in storage.iter_stories_with_vectors(None) for _, _, v in b)
    # The profile's sample: the most recent stories, oldest first.
    recent = storage.recent_stories_with_vectors(3, ENCODER.name)
    assert [s.entry_key for _, s, _ in recent] == ["e2", "e3", "e4"]
    assert all(v is not None for _, _, v in recent)
    older = storage.recent_stories_with_vectors(3, ENCODER.name, newest_id=awaiting[2][0])
    assert [s.entry_key for _, s, _ in older] == ["e0", "e1", "e2"]


def test_a_changed_story_awaits_vectors_of_its_new_text(storage: Storage) -> None:
    story = _story("e1", "DeepSeek denies chips report")
    _stored(storage, [story])
    [(story_id, _)] = storage.stories_awaiting_vectors(ENCODER.name, 10)
    results = _embedded(storage, [(story_id, story)])
    # The feed changes the story while it is being embedded: its vectors are not kept.
    changed = _story("e1", "DeepSeek denies chips report", "Updated: it holds 10,000 chips.")
    _stored(storage, [changed])
    counts = storage.store_embedded(results, {}, NOW)
    assert (counts.embedded, counts.changed) == (0, 1)
    assert storage.count_awaiting_vectors(ENCODER.name) == 1
    # Embedded with the new text, then changed again: it awaits vectors once more.
    storage.store_embedded(_embedded(storage, [(story_id, changed)]), {}, NOW)
    assert storage.count_awaiting_vectors(ENCODER.name) == 0
    _stored(storage, [_story("e1", "DeepSeek denies chips report", "Corrected text.")])
    assert storage.count_awaiting_vectors(ENCODER.name) == 1
    assert storage.get_story_vectors([story_id], ENCODER.name) == {}


def test_a_failed_embedding_is_recorded_and_only_retried_when_asked(storage: Storage) -> None:
    stories = [_story("e1", "DeepSeek one"), _story("e2", "DeepSeek two")]
    _stored(storage, stories)
    awaiting = storage.stories_awaiting_vectors(ENCODER.name, 10)
    (bad_id, bad), good = awaiting[0], awaiting[1:]
    failed = EmbeddedStory(bad_id, bad.content_hash, ENCODER.name, None, error="model broke")
    counts = storage.store_embedded([failed, *_embedded(storage, good)], {}, NOW)
    assert (counts.embedded, counts.failed) == (1, 1)
    assert storage.count_awaiting_vectors(ENCODER.name) == 0
    assert storage.count_failed_vectors(ENCODER.name) == 1
    retry = storage.stories_awaiting_vectors(ENCODER.name, 10, retry_failed=True)
    assert [i for i, _ in retry] == [bad_id]
    # Embedded at last: the failure is replaced.
    storage.store_embedded(_embedded(storage, [(bad_id, bad)]), {}, NOW)
    assert storage.count_failed_vectors(ENCODER.name) == 0
    assert set(storage.get_story_vectors([i for i, _ in awaiting], ENCODER.name)) == {
        i for i, _ in awaiting
    }


def test_vectors_go_with_their_story(storage: Storage) -> None:
    _stored(storage, [_story("e1", "DeepSeek one")])
    awaiting = storage.stories_awaiting_vectors(ENCODER.name, 10)
    storage.store_embedded(_embedded(storage, awaiting), {}, NOW)
    assert storage.purge_feed(FEED)
    from sqlalchemy import text

    with storage.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM story_vectors")).scalar() == 0


def test_embedded_verdicts_replace_the_lexical_ones_and_reviews_survive(storage: Storage) -> None:
    _stored(storage, [_story("e1", "DeepSeek holds 50,000 chips")])
    [before] = storage.get_evidence()
    assert before.basis == "lexical; no stream yet"
    storage.set_review(before.verdict_id, ReviewDecision.REJECTED, note="not about it", now=NOW)
    awaiting = storage.stories_awaiting_vectors(ENCODER.name, 10)
    [result] = _embedded(storage, awaiting)
    semantic = _verdict("c1", f"semantic ({ENCODER.name}); no stream yet", Stance.CORROBORATES)
    later = NOW + timedelta(hours=1)
    counts = storage.store_embedded(
        [EmbeddedStory(result.story_id, result.content_hash, result.encoder, result.vectors,
                       (semantic,))],
        {"c1": "h"},
        later,
    )  # fmt: skip
    assert counts.verdicts == 1
    [after] = storage.get_evidence()
    assert after.verdict_id == before.verdict_id and after.engine_stance is Stance.CORROBORATES
    assert after.basis == semantic.basis and after.logged_at == later
    assert after.review is not None and after.review.note == "not about it"
    assert storage.count_verdicts_by_basis() == {semantic.basis: 1}
    # What it was computed against moves, not what it says: it keeps its time.
    moved = Verdict(**{**semantic.__dict__, "basis": f"semantic ({ENCODER.name}); stream x"})
    storage.store_rescored([(after.story_id, [moved])], {"c1": "h"}, later + timedelta(hours=1))
    [again] = storage.get_evidence()
    assert again.basis == moved.basis and again.logged_at == later


def test_stream_profiles_are_recorded_and_found_by_digest(storage: Storage) -> None:
    assert storage.latest_profile() is None
    first = storage.record_profile(
        stories=0, newest_story_id=0, vectors=0, encoder=None, digest="0" * 16,
        label="no stream yet", reason="start", now=NOW,
    )  # fmt: skip
    second = storage.record_profile(
        stories=2000, newest_story_id=4321, vectors=1800, encoder=ENCODER.name,
        digest="a1b2c3d4e5f60718", label="stream a1b2c3d4 (2,000 stories)",
        reason="250 stories stored since it was built", now=NOW + timedelta(hours=2),
    )  # fmt: skip
    assert storage.latest_profile() == second
    assert second.built_at == NOW + timedelta(hours=2) and second.encoder == ENCODER.name
    assert storage.get_profiles() == [second, first]
    assert storage.get_profiles(digest="a1b2c3d4") == [second]
    assert storage.get_profiles(digest="ffff") == []


def test_stream_growth_counts_new_stories_and_newly_embedded_ones(storage: Storage) -> None:
    _stored(storage, [_story(f"e{i}", f"DeepSeek story {i}") for i in range(4)])
    stories = storage.recent_stories_with_vectors(10, ENCODER.name)
    newest = stories[-1][0]
    profile = storage.record_profile(
        stories=3, newest_story_id=newest, vectors=0, encoder=ENCODER.name,
        digest="d" * 16, label="stream dddddddd (3 stories)", now=NOW,
    )  # fmt: skip
    assert storage.stream_growth(profile, ENCODER.name).new_stories == 0
    _stored(storage, [_story("e9", "DeepSeek later story")])
    # The oldest story is not among the profile's three: its vectors do not count.
    storage.store_embedded(_embedded(storage, [(i, s) for i, s, _ in stories]), {}, NOW)
    growth = storage.stream_growth(profile, ENCODER.name)
    assert (growth.new_stories, growth.vectors) == (1, 3)
    assert storage.stream_growth(profile, None).vectors == 0


def test_a_syndicated_report_counts_once_in_the_stream(storage: Storage) -> None:
    wire = "DeepSeek app removed from app stores in Italy over privacy concerns"
    _stored(
        storage,
        [_story("a", wire, "Italy's regulator ordered the app removed."),
         _story("b", wire, "Italy's regulator ordered the app removed."),  # a copy
         _story("c", "Rain expected over Pune", "Light rain for two days.")],
    )  # fmt: skip
    stored = {s.story.entry_key: s for s in storage.get_stories()}
    assert stored["a"].cluster_id == stored["b"].cluster_id
    sample = storage.recent_stories_with_vectors(10, None)
    assert sorted(s.entry_key for _, s, _ in sample) == ["a", "c"]
    profile = storage.record_profile(
        stories=2, newest_story_id=max(i for i, _, _ in sample), vectors=0, encoder=None,
        digest="e" * 16, label="stream eeeeeeee (2 stories)", now=NOW,
    )  # fmt: skip
    _stored(storage, [_story("d", wire, "Italy's regulator ordered the app removed.")])
    assert storage.stream_growth(profile, None).new_stories == 0, "another copy is no news"


def test_a_story_being_embedded_is_claimed_once(storage: Storage) -> None:
    from tracker.storage.vectors import CLAIM_SECONDS

    _stored(storage, [_story(f"e{i}", f"DeepSeek story {i}") for i in range(5)])
    first = storage.claim_for_embedding(ENCODER.name, 2, now=NOW)
    assert [s.entry_key for _, s in first] == ["e4", "e3"]
    # Another run (another daemon) takes the next ones, not these.
    second = storage.claim_for_embedding(ENCODER.name, 2, now=NOW)
    assert [s.entry_key for _, s in second] == ["e2", "e1"]
    # Still awaiting vectors for status and the count; not failed.
    assert storage.count_awaiting_vectors(ENCODER.name) == 5
    assert storage.count_failed_vectors(ENCODER.name) == 0
    # Stored: no longer awaiting. Given back: claimable again.
    storage.store_embedded(_embedded(storage, first), {}, NOW)
    storage.release_claims({i: s.content_hash for i, s in second})
    again = storage.claim_for_embedding(ENCODER.name, 10, now=NOW)
    assert [s.entry_key for _, s in again] == ["e2", "e1", "e0"]
    # A claim whose run died is taken over once it is old.
    later = NOW + timedelta(seconds=CLAIM_SECONDS - 1)
    assert storage.claim_for_embedding(ENCODER.name, 10, now=later) == []
    stale = NOW + timedelta(seconds=CLAIM_SECONDS + 1)
    assert len(storage.claim_for_embedding(ENCODER.name, 10, now=stale)) == 3
    assert storage.count_awaiting_vectors(ENCODER.name) == 3


def test_a_poll_locks_the_stories_it_changes_in_the_order_a_rescore_does(pg_url: str) -> None:
    """PostgreSQL: a rescore's write and the embedding job's lock their stories in id
    order; a poll batch changing stories of several feeds locked them in feed order. A
    rescore holding a low id and waiting for a higher one the poll holds (while the
    poll waits for the low one) is a deadlock, and PostgreSQL aborts one of them."""
    import threading
    import time

    from sqlalchemy import select

    from tracker.storage import open_storage
    from tracker.storage.models import StoryRow

    other = "https://other.example.org/feed.xml"
    storage = open_storage(pg_url)
    storage.upgrade()
    try:
        storage.sync_feeds([FeedConfig(url=FEED), FeedConfig(url=other)], NOW)
        feeds = {f.url: f.id for f in storage.get_feeds()}

        def poll(url: str, text: str, at: datetime) -> FeedPollUpdate:
            story = Story(feed_url=url, entry_key="k", title=f"DeepSeek story of {url}", text=text)
            return FeedPollUpdate(
                feed_id=feeds[url], polled_at=at, next_poll=at + timedelta(hours=1),
                stories=[StoryWithVerdicts(story, [], {})],
            )  # fmt: skip

        storage.record_poll(poll(other, "First text.", NOW))  # the lower id
        storage.record_poll(poll(FEED, "First text.", NOW))  # the higher id
        ids = {s.feed_url: s.id for s in storage.get_stories()}
        low, high = ids[other], ids[FEED]
        assert low < high
        later = NOW + timedelta(hours=1)
        errors: list[BaseException] = []

        def polls() -> None:  # the higher id's feed first
            try:
                storage.record_polls([poll(FEED, "New text.", later), poll(other, "New.", later)])
            except BaseException as exc:  # the assertion below shows it
                errors.append(exc)

        lock = select(StoryRow.id).with_for_update()
        with storage.engine.connect() as conn:
            tx = conn.begin()
            conn.execute(lock.where(StoryRow.id == low))  # a rescore's first story
            thread = threading.Thread(target=polls)
            thread.start()
            time.sleep(1.5)  # the poll now waits for it
            try:
                conn.execute(lock.where(StoryRow.id == high))  # its next story
            except BaseException as exc:
                errors.append(exc)
            tx.commit()
            thread.join(timeout=30)
        assert not errors, errors
        assert {s.story.text for s in storage.get_stories()} == {"New text.", "New."}
    finally:
        storage.close()


def test_a_claim_left_on_a_story_whose_text_changed_does_not_stop_the_job(
    storage: Storage,
) -> None:
    """A story's text changes while a run embeds it: the run stores nothing for it
    (its vectors would go with another text) and its claim row, of the old text, stays
    until it is stale. The story awaits vectors of its new text: the next claim takes
    it (no run is embedding that text), instead of failing on the old row's key five
    times and stopping every embedding run for ten minutes."""
    _stored(storage, [_story(f"e{i}", f"DeepSeek story {i}") for i in range(3)])
    first = storage.claim_for_embedding(ENCODER.name, 1, now=NOW)
    assert [s.entry_key for _, s in first] == ["e2"]
    _stored(storage, [_story("e2", "DeepSeek story 2, updated")])
    counts = storage.store_embedded(_embedded(storage, first), {}, NOW)
    assert (counts.embedded, counts.changed) == (0, 1)
    again = storage.claim_for_embedding(ENCODER.name, 10, now=NOW + timedelta(minutes=1))
    assert [s.entry_key for _, s in again] == ["e2", "e1", "e0"]
    assert again[0][1].title == "DeepSeek story 2, updated"


def test_a_run_reading_before_another_stores_does_not_embed_its_stories_again(
    storage: Storage,
) -> None:
    """Two runs claim at once: the second reads the backlog, and before it writes its
    claim the first claims the same stories, embeds them and stores their vectors. The
    second must not take those stories (deleting the vectors just stored): each story
    is embedded by one run. The first run is a thread started between the second's
    read and its write (on SQLite, where the read is not under the write lock, it could
    get in there; on PostgreSQL the second's read locks the rows and the first skips
    them)."""
    import threading

    from sqlalchemy import event

    from tracker.storage import open_storage

    _stored(storage, [_story(f"e{i}", f"DeepSeek story {i}") for i in range(4)])
    engine = storage.engine
    other = open_storage(engine.url.render_as_string(hide_password=False))
    first: list[tuple[int, Story]] = []
    errors: list[BaseException] = []

    def first_run() -> None:
        try:
            first.extend(other.claim_for_embedding(ENCODER.name, 10, now=NOW))
            other.store_embedded(_embedded(other, first), {}, NOW)
        except BaseException as exc:  # the assertion below shows it
            errors.append(exc)

    started: list[threading.Thread] = []

    def after_read(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if started or not statement.lstrip().upper().startswith("SELECT"):
            return
        if "story_vectors" not in statement:
            return
        thread = threading.Thread(target=first_run)
        started.append(thread)
        thread.start()
        thread.join(timeout=3)  # done, or waiting for this run's lock

    event.listen(engine, "after_cursor_execute", after_read)
    try:
        second = storage.claim_for_embedding(ENCODER.name, 10, now=NOW)
    finally:
        event.remove(engine, "after_cursor_execute", after_read)
        for thread in started:
            thread.join(timeout=60)
        other.close()
    assert not errors, errors
    assert started, "the second run's read was not seen"
    taken = [s.entry_key for _, s in first] + [s.entry_key for _, s in second]
    assert sorted(taken) == ["e0", "e1", "e2", "e3"]  # each story by one run
    embedded = {i for i, _ in first}
    assert set(storage.get_story_vectors(sorted(embedded), ENCODER.name)) == embedded


def test_giving_back_a_claim_leaves_another_runs_claim_of_the_new_text(
    storage: Storage,
) -> None:
    """A run claims a story, the story's text changes, another run claims the new text;
    when the first run stops and gives back its claims, the second run's stays (else a
    third run would embed the story a second time)."""
    _stored(storage, [_story("e0", "DeepSeek story 0")])
    first = storage.claim_for_embedding(ENCODER.name, 10, now=NOW)
    _stored(storage, [_story("e0", "DeepSeek story 0, updated")])
    second = storage.claim_for_embedding(ENCODER.name, 10, now=NOW + timedelta(minutes=1))
    assert [s.title for _, s in second] == ["DeepSeek story 0, updated"]
    storage.release_claims({i: s.content_hash for i, s in first})
    later = NOW + timedelta(minutes=2)
    assert storage.claim_for_embedding(ENCODER.name, 10, now=later) == []
    storage.release_claims({i: s.content_hash for i, s in second})
    assert len(storage.claim_for_embedding(ENCODER.name, 10, now=later)) == 1


def test_verdicts_of_a_claim_removed_from_the_config_are_not_counted_by_basis(
    storage: Storage,
) -> None:
    """No rescore rewrites a removed claim's verdicts: counted, they would stay
    "against no stream" for good and call for a rescore at every start."""
    from tracker.types import Claim

    _stored(storage, [_story("e1", "DeepSeek holds 50,000 chips")])
    assert storage.count_verdicts_by_basis() == {"lexical; no stream yet": 1}
    storage.sync_claims([Claim(id="c2", text="DeepSeek cut its prices")], NOW)
    assert storage.count_verdicts_by_basis() == {}
    assert len(storage.get_evidence(include_removed=True)) == 1  # kept, not counted
