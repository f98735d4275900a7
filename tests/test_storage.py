"""Storage on a real database: SQLite always, PostgreSQL when TRACKER_TEST_DATABASE_URL is set."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from tracker.errors import SchemaOutOfDateError, StorageError
from tracker.storage import Storage, open_storage
from tracker.types import (
    Claim,
    ClaimStatus,
    DigestState,
    FeedConfig,
    FeedPollUpdate,
    ReviewDecision,
    Stance,
    Story,
    StoryWithVerdicts,
    Verdict,
)

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
CLAIM = Claim(id="chips-50k", text="DeepSeek holds about 50,000 Nvidia chips.")
OTHER = Claim(id="r2-timeline", text="DeepSeek will release R2 in early May.")
FEED = "https://news.example.org/feed.xml"
WIRE_TEXT = (
    "DeepSeek is said to hold roughly fifty thousand advanced Nvidia processors, "
    "according to an executive who gave no evidence for the figure."
)


def story(
    key: str, title: str = "DeepSeek chips questioned", text: str = WIRE_TEXT, feed: str = FEED
) -> Story:
    return Story(feed_url=feed, entry_key=key, title=title, text=text, link=f"https://news.example.org/{key}",
                 published=NOW - timedelta(hours=1), lang="en")  # fmt: skip


def verdict(
    stance: Stance = Stance.DISCUSSES, claim: Claim = CLAIM, evidence: str = "ev"
) -> Verdict:
    return Verdict(claim_id=claim.id, stance=stance, score=0.8, evidence=evidence,
                   reasons=("entity DeepSeek matched",), engine_version="test")  # fmt: skip


def feed_id(storage: Storage, url: str = FEED) -> int:
    state = storage.get_feed(url)
    assert state is not None
    return state.id


def poll(storage: Storage, items: list[tuple[Story, list[Verdict]]], *, url: str = FEED,
         at: datetime = NOW, **extra: object) -> object:  # fmt: skip
    hashes = {c.id: c.definition_hash for c in (CLAIM, OTHER)}
    return storage.record_poll(
        FeedPollUpdate(
            feed_id=feed_id(storage, url),
            polled_at=at,
            next_poll=at + timedelta(minutes=15),
            stories=[StoryWithVerdicts(s, v, hashes) for s, v in items],
            **extra,  # type: ignore[arg-type]
        )
    )


@pytest.fixture
def ready(storage: Storage) -> Storage:
    storage.sync_claims([CLAIM, OTHER], NOW)
    storage.sync_feeds([FeedConfig(url=FEED, name="News")], NOW)
    return storage


def test_upgrade_is_idempotent_and_schema_checked(db_url: str) -> None:
    store = open_storage(db_url)
    try:
        with pytest.raises(SchemaOutOfDateError) as info:
            store.check_schema()
        assert info.value.hint is not None and "tracker init" in info.value.hint
        before, head = store.upgrade()
        assert before is None and head
        assert store.upgrade() == (head, head)
        store.check_schema()
    finally:
        store.close()


def test_database_newer_than_code_is_refused(storage: Storage) -> None:
    with storage.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaOutOfDateError, match="newer than this version"):
        storage.check_schema()
    with pytest.raises(SchemaOutOfDateError):
        storage.upgrade()


def test_sqlite_file_folder_is_created_and_wal_is_on(tmp_path: object) -> None:
    store = open_storage(f"sqlite:///{tmp_path}/nested/dir/t.sqlite")
    try:
        store.upgrade()
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    finally:
        store.close()


def test_sync_claims_reports_new_and_changed(storage: Storage) -> None:
    assert sorted(storage.sync_claims([CLAIM, OTHER], NOW)) == ["chips-50k", "r2-timeline"]
    assert storage.sync_claims([CLAIM, OTHER], NOW) == []
    changed = Claim(id=CLAIM.id, text=CLAIM.text, keywords=("GPUs",))
    assert storage.sync_claims([changed, OTHER], NOW) == ["chips-50k"]
    storage.sync_claims([OTHER], NOW)
    with storage.engine.connect() as conn:  # claims no longer configured are kept, inactive
        rows = conn.execute(text("SELECT id, active, definition FROM claims ORDER BY id"))
        stored = {cid: (bool(active), json.loads(d)) for cid, active, d in rows}
    assert {cid: active for cid, (active, _) in stored.items()} == {
        "chips-50k": False,
        "r2-timeline": True,
    }
    assert stored["chips-50k"][1]["keywords"] == ["GPUs"]


def test_config_feeds_and_cli_feeds_are_kept_apart(storage: Storage) -> None:
    storage.sync_feeds([FeedConfig(url=FEED), FeedConfig(url="https://b.example/rss")], NOW)
    assert storage.add_feed(FeedConfig(url="https://cli.example/rss"), source="cli", now=NOW)
    assert not storage.add_feed(FeedConfig(url="https://cli.example/rss"), now=NOW)
    storage.sync_feeds([FeedConfig(url=FEED, name="Renamed")], NOW)
    feeds = {f.url: f for f in storage.get_feeds()}
    assert set(feeds) == {FEED, "https://cli.example/rss"}
    assert feeds[FEED].name == "Renamed" and feeds["https://cli.example/rss"].source == "cli"
    assert storage.remove_feed("https://cli.example/rss")
    assert not storage.remove_feed("https://cli.example/rss")


def test_polling_twice_duplicates_nothing(ready: Storage) -> None:
    items = [
        (story("a"), [verdict()]),
        (story("b", title="Other", text="Unrelated words here."), []),
    ]
    first = poll(ready, items)
    second = poll(ready, items)
    assert (first.new, first.verdicts) == (2, 1)  # type: ignore[attr-defined]
    assert (second.new, second.updated, second.verdicts) == (0, 0, 0)  # type: ignore[attr-defined]
    assert len(ready.get_stories()) == 2
    assert len(ready.get_evidence()) == 1


def test_changed_entry_is_updated_rematched_and_old_text_kept(ready: Storage) -> None:
    poll(ready, [(story("a"), [verdict(Stance.DISCUSSES)])])
    edited = story("a", title="DeepSeek chip figure denied")
    counts = poll(ready, [(edited, [verdict(Stance.CONTRADICTS, evidence="denied")])])
    assert (counts.new, counts.updated) == (0, 1)  # type: ignore[attr-defined]
    [stored] = ready.get_stories()
    assert stored.story.title == "DeepSeek chip figure denied"
    [revision] = ready.get_story_revisions(stored.id)
    assert (revision.revision, revision.title) == (1, "DeepSeek chips questioned")
    [e] = ready.get_evidence()
    assert e.stance is Stance.CONTRADICTS and e.evidence == "denied"


def test_a_poll_reads_the_stories_it_changes_once_as_it_locks_them(ready: Storage) -> None:
    """The changed stories are read with their row locks (one statement per 500), not
    locked and then read again one by one."""
    from sqlalchemy import event

    keys = ["a", "b", "c"]
    poll(ready, [(story(k, text=f"{WIRE_TEXT} {k}"), [verdict()]) for k in keys])
    reads: list[str] = []

    def by_id(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.startswith("SELECT") and "FROM stories \nWHERE stories.id" in statement:
            reads.append(statement)

    event.listen(ready.engine, "before_cursor_execute", by_id)
    try:
        edited = [(story(k, title="DeepSeek chip figure denied"), [verdict()]) for k in keys]
        counts = poll(ready, edited)
    finally:
        event.remove(ready.engine, "before_cursor_execute", by_id)
    assert counts.updated == 3  # type: ignore[attr-defined]
    assert len(reads) == 1, reads
    assert ("FOR UPDATE" in reads[0]) == (ready.dialect == "postgresql")
    assert {s.story.title for s in ready.get_stories()} == {"DeepSeek chip figure denied"}
    assert all(len(ready.get_story_revisions(s.id)) == 1 for s in ready.get_stories())


def test_syndicated_copies_share_a_cluster(ready: Storage) -> None:
    other_feed = "https://mirror.example.com/rss"
    ready.sync_feeds([FeedConfig(url=FEED), FeedConfig(url=other_feed)], NOW)
    poll(ready, [(story("a"), [verdict()])])
    poll(
        ready,
        [(story("x", title="DeepSeek chips questioned - Mirror", feed=other_feed), [verdict()])],
        url=other_feed,
    )
    poll(
        ready,
        [
            (
                story(
                    "c",
                    title="A different report",
                    text="Completely different text about a new model launch, written separately.",
                ),
                [],
            )
        ],
    )
    stories = {s.story.entry_key: s for s in ready.get_stories()}
    assert stories["a"].cluster_id == stories["x"].cluster_id
    assert stories["c"].cluster_id != stories["a"].cluster_id
    evidence = ready.get_evidence()
    assert {e.copies for e in evidence} == {2}


def test_failure_then_success_resets_feed_state(ready: Storage) -> None:
    fid = feed_id(ready)
    ready.record_poll_failure(
        fid, polled_at=NOW, error="HTTP 500", next_poll=NOW + timedelta(minutes=30)
    )
    ready.record_poll_failure(
        fid,
        polled_at=NOW + timedelta(hours=1),
        error="HTTP 502",
        next_poll=NOW + timedelta(hours=2),
    )
    state = ready.get_feed(FEED)
    assert state is not None
    assert (state.error_count, state.last_error, state.failing_since) == (2, "HTTP 502", NOW)
    assert ready.get_due_feeds(NOW + timedelta(minutes=90)) == []
    assert [f.url for f in ready.get_due_feeds(NOW + timedelta(hours=3))] == [FEED]
    poll(ready, [], at=NOW + timedelta(hours=3), etag='"v1"')
    state = ready.get_feed(FEED)
    assert state is not None
    assert (state.error_count, state.last_error, state.failing_since, state.etag) == (
        0,
        None,
        None,
        '"v1"',
    )


def test_permanent_redirect_updates_url_after_confirmations(ready: Storage) -> None:
    target = "https://news.example.org/new-feed.xml"
    for n in range(2):
        counts = poll(
            ready,
            [],
            at=NOW + timedelta(minutes=n),
            redirect_target=target,
            redirect_confirmations=3,
        )
        assert counts.moved_to is None  # type: ignore[attr-defined]
    counts = poll(
        ready, [], at=NOW + timedelta(minutes=5), redirect_target=target, redirect_confirmations=3
    )
    assert counts.moved_to == target  # type: ignore[attr-defined]
    assert [f.url for f in ready.get_feeds()] == [target]


def test_review_counts_and_survives_rescoring(ready: Storage) -> None:
    poll(ready, [(story("a"), [verdict(Stance.CORROBORATES)])])
    [e] = ready.get_evidence()
    reviewed = ready.set_review(
        e.verdict_id,
        ReviewDecision.RELABELLED,
        stance=Stance.CONTRADICTS,
        note="figure wrong",
        now=NOW,
    )
    assert reviewed.stance is Stance.CONTRADICTS and reviewed.engine_stance is Stance.CORROBORATES
    assert ready.get_evidence(unreviewed_only=True) == []
    [(sid, _)] = next(ready.iter_story_batches())
    ready.store_rescored(
        [(sid, [verdict(Stance.DISCUSSES, evidence="new")])], {CLAIM.id: "h2"}, NOW
    )
    [after] = ready.get_evidence()
    assert after.engine_stance is Stance.DISCUSSES and after.stance is Stance.CONTRADICTS
    assert after.review is not None and after.review.note == "figure wrong"
    with pytest.raises(StorageError, match="needs the new stance"):
        ready.set_review(e.verdict_id, ReviewDecision.RELABELLED)
    with pytest.raises(StorageError, match="no verdict"):
        ready.set_review(99999, ReviewDecision.CONFIRMED)


def test_rescore_removes_verdicts_no_longer_related(ready: Storage) -> None:
    poll(ready, [(story("a"), [verdict(), verdict(claim=OTHER)])])
    changed = Claim(id=CLAIM.id, text=CLAIM.text, keywords=("GPUs",))
    assert ready.stale_claims([changed, OTHER]) == ["chips-50k"]
    [(sid, _)] = next(ready.iter_story_batches())
    ready.store_rescored([(sid, [])], {CLAIM.id: changed.definition_hash}, NOW)
    assert [e.claim_id for e in ready.get_evidence()] == ["r2-timeline"]
    assert ready.stale_claims([changed, OTHER]) == []


def test_evidence_filters(ready: Storage) -> None:
    poll(
        ready,
        [(story("a"), [verdict(Stance.CORROBORATES), verdict(Stance.DISCUSSES, claim=OTHER)])],
    )
    assert [e.claim_id for e in ready.get_evidence(stance=Stance.CORROBORATES)] == ["chips-50k"]
    assert [e.claim_id for e in ready.get_evidence(claim_id="r2-timeline")] == ["r2-timeline"]
    assert ready.get_evidence(logged_since=NOW) == []
    assert len(ready.get_evidence(logged_since=NOW - timedelta(seconds=1))) == 2


def test_digest_is_claimed_once_per_day(ready: Storage) -> None:
    day = date(2025, 3, 2)
    start, end = NOW - timedelta(days=1), NOW
    first = ready.claim_digest(day, start, end, ["a@example.org"], owner="d1", now=NOW)
    assert first is not None and first.state is DigestState.PENDING
    assert ready.claim_digest(day, start, end, ["a@example.org"], owner="d2", now=NOW) is None, (
        "held by d1"
    )
    ready.mark_digest_failed(
        first.id, error="421 try later", next_attempt=NOW + timedelta(minutes=5)
    )
    retry = ready.claim_digest(
        day, start, end + timedelta(hours=1), ["a@example.org"], owner="d2", now=NOW
    )
    assert (
        retry is not None and retry.window_end == end + timedelta(hours=1) and retry.attempts == 1
    )
    ready.mark_digest_sent(
        retry.id,
        message_id="<m@x>",
        sent_at=NOW,
        claim_statuses={"chips-50k": ClaimStatus.DISPUTED},
    )
    assert ready.claim_digest(day, start, end, ["a@example.org"], owner="d3", now=NOW) is None
    forced = ready.claim_digest(day, start, end, ["a@example.org"], owner="d3", now=NOW, force=True)
    assert forced is not None
    last = ready.last_sent_digest()
    assert last is not None and last.claim_statuses == {"chips-50k": ClaimStatus.DISPUTED}
    assert [d.day for d in ready.list_digests()] == [day]


def test_leases_give_each_feed_to_one_daemon(ready: Storage) -> None:
    for n in range(6):
        ready.add_feed(FeedConfig(url=f"https://f{n}.example/rss"), now=NOW)
    a = ready.lease_due_feeds("daemon-a", NOW, lease_seconds=60, limit=4)
    b = ready.lease_due_feeds("daemon-b", NOW, lease_seconds=60, limit=10)
    assert len(a) == 4 and len(b) == 3
    assert not {f.url for f in a} & {f.url for f in b}
    later = ready.lease_due_feeds(
        "daemon-b", NOW + timedelta(seconds=61), lease_seconds=60, limit=10
    )
    assert {f.url for f in a} <= {f.url for f in later}, "expired leases are taken over"
    ready.heartbeat("daemon-b", host="h", pid=1, now=NOW)
    [daemon] = ready.get_daemons()
    assert daemon.id == "daemon-b" and len(daemon.feeds) == 7
    ready.remove_daemon("daemon-b")
    assert ready.get_daemons() == []


def test_concurrent_store_of_the_same_entries_is_retried_not_failed(
    ready: Storage, db_url: str
) -> None:
    """A stalled daemon storing a feed another daemon just stored finds their rows."""
    if ready.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time: the race needs PostgreSQL")
    from sqlalchemy import event

    other = open_storage(db_url)
    fired: list[bool] = []

    def store_first(conn: object, cursor: object, statement: str, *args: object) -> None:
        # After our read of the stored rows and before our insert (while the syndication
        # candidates are read), the other daemon commits the same entries.
        if statement.startswith("SELECT s.id, s.cluster_id") and not fired:
            fired.append(True)
            poll(other, [(story("a"), [verdict()])])

    event.listen(ready.engine, "before_cursor_execute", store_first)
    try:
        counts = poll(ready, [(story("a"), [verdict()])])
    finally:
        event.remove(ready.engine, "before_cursor_execute", store_first)
        other.close()
    assert fired
    assert counts.new == 0  # type: ignore[attr-defined]
    assert len(ready.get_stories()) == 1 and len(ready.get_evidence()) == 1


def test_copies_within_one_poll_and_across_polls_share_a_cluster(ready: Storage) -> None:
    mirror = "https://mirror.example.com/rss"
    ready.sync_feeds([FeedConfig(url=FEED), FeedConfig(url=mirror)], NOW)
    lookalike = "DeepSeek chips questioned again, this time by analysts who doubt the story."
    counts = poll(
        ready,
        [
            (story("a"), [verdict()]),
            # Same title key, different report: not a copy.
            (story("b", text=lookalike * 2), []),
            (story("a-copy", title="DeepSeek chips questioned | Wire"), [verdict()]),
        ],
    )
    assert counts.new == 3  # type: ignore[attr-defined]
    poll(ready, [(story("m", title="DeepSeek Chips Questioned", feed=mirror), [])], url=mirror)
    clusters = {s.story.entry_key: (s.id, s.cluster_id) for s in ready.get_stories()}
    a_id, a_cluster = clusters["a"]
    assert a_cluster == a_id, "the first report starts its own cluster"
    assert clusters["b"] == (clusters["b"][0], clusters["b"][0])
    assert clusters["a-copy"][1] == a_id and clusters["m"][1] == a_id


def test_a_poll_releases_only_its_own_lease(ready: Storage) -> None:
    """A daemon whose lease was taken over meanwhile leaves the new holder's lease alone."""
    urls = [f"https://f{n}.example/rss" for n in range(4)]
    for url in urls:
        ready.add_feed(FeedConfig(url=url), now=NOW)
    ids = [feed_id(ready, u) for u in urls]
    ready.lease_due_feeds("daemon-a", NOW, lease_seconds=60, limit=10)
    # The leases lapse; daemon-b takes over feeds 0, 2 and 3 while daemon-a still polls.
    later = NOW + timedelta(seconds=61)
    taken = ready.lease_due_feeds("daemon-b", later, lease_seconds=60, limit=10)
    assert len(taken) == 5  # FEED too
    with ready.engine.begin() as conn:  # feed 1 is back with daemon-a
        conn.execute(text("UPDATE feeds SET lease_owner = 'daemon-a' WHERE id = :i"), {"i": ids[1]})

    def owners() -> list[str | None]:
        with ready.engine.connect() as conn:
            rows: dict[int, str | None] = dict(
                conn.execute(text("SELECT id, lease_owner FROM feeds")).all()
            )
        return [rows[i] for i in ids]

    poll(ready, [(story("s"), [])], url=urls[0], lease_owner="daemon-a")
    poll(ready, [(story("t"), [])], url=urls[1], lease_owner="daemon-a")
    assert owners() == ["daemon-b", None, "daemon-b", "daemon-b"]
    ready.record_poll_failure(
        ids[2], polled_at=later, error="HTTP 500", next_poll=later, lease_owner="daemon-a"
    )
    quiet = [
        FeedPollUpdate(feed_id=i, polled_at=later, next_poll=later, lease_owner=owner)
        for i, owner in ((ids[3], "daemon-a"), (ids[1], "daemon-a"))
    ]
    ready.record_polls(quiet)
    assert owners() == ["daemon-b", None, "daemon-b", "daemon-b"]
    # The holder's own polls release its leases; a poll without an owner touches none.
    poll(ready, [], url=urls[0], lease_owner="daemon-b")
    ready.record_poll_failure(
        ids[2], polled_at=later, error="HTTP 500", next_poll=later, lease_owner="daemon-b"
    )
    ready.record_poll_failure(ids[3], polled_at=later, error="HTTP 500", next_poll=later)
    assert owners() == [None, None, None, "daemon-b"]
    state = ready.get_feed(urls[2])
    assert state is not None and state.error_count == 2 and state.failing_since == later
    ready.record_polls(
        [FeedPollUpdate(feed_id=ids[3], polled_at=later, next_poll=later, lease_owner="daemon-b")]
    )
    assert owners() == [None, None, None, None]


def test_quiet_polls_of_several_feeds_are_stored_together(ready: Storage) -> None:
    urls = [f"https://q{n}.example/rss" for n in range(3)]
    for url in urls:
        ready.add_feed(FeedConfig(url=url), now=NOW)
    ids = [feed_id(ready, u) for u in urls]
    ready.record_poll_failure(ids[0], polled_at=NOW, error="HTTP 500", next_poll=NOW)
    ready.record_polls(
        [
            FeedPollUpdate(feed_id=ids[0], polled_at=NOW, next_poll=NOW + timedelta(hours=1),
                           etag='"e0"', problem="repaired"),
            FeedPollUpdate(feed_id=ids[1], polled_at=NOW, next_poll=NOW + timedelta(hours=2),
                           min_interval=600),
            FeedPollUpdate(feed_id=ids[2], polled_at=NOW, next_poll=NOW + timedelta(hours=3),
                           last_modified="Sat, 01 Mar 2025 07:00:00 GMT"),
        ]
    )  # fmt: skip
    states = [ready.get_feed(u) for u in urls]
    assert [
        (s.error_count, s.last_error, s.failing_since, s.last_success) for s in states if s
    ] == [(0, None, None, NOW)] * 3
    assert [(s.next_poll, s.etag, s.last_modified, s.problem, s.min_interval)
            for s in states if s] == [
        (NOW + timedelta(hours=1), '"e0"', None, "repaired", None),
        (NOW + timedelta(hours=2), None, None, None, 600),
        (NOW + timedelta(hours=3), None, "Sat, 01 Mar 2025 07:00:00 GMT", None, None),
    ]  # fmt: skip
    with pytest.raises(StorageError, match="not stored"):
        ready.record_polls([FeedPollUpdate(feed_id=9999, polled_at=NOW, next_poll=NOW)])


def _update(storage: Storage, url: str, items: list[tuple[Story, list[Verdict]]],
            **extra: object) -> FeedPollUpdate:  # fmt: skip
    hashes = {c.id: c.definition_hash for c in (CLAIM, OTHER)}
    return FeedPollUpdate(feed_id=feed_id(storage, url), polled_at=NOW,
                          next_poll=NOW + timedelta(minutes=15),
                          stories=[StoryWithVerdicts(s, v, hashes) for s, v in items],
                          **extra)  # type: ignore[arg-type]  # fmt: skip


@contextmanager
def _fresh(db_url: str, feeds: list[str]) -> Iterator[Storage]:
    """A store with the two claims and `feeds`, emptied again after (tests that store
    the same polls twice, one by one and in a batch, each from empty tables)."""
    store = open_storage(db_url)
    store.upgrade()
    try:
        store.sync_claims([CLAIM, OTHER], NOW)
        store.sync_feeds([FeedConfig(url=u) for u in feeds], NOW)
        yield store
    finally:
        with store.engine.begin() as conn:
            for table in ("verdicts", "story_revisions", "stories", "feeds", "claims"):
                conn.execute(text(f"DELETE FROM {table}"))
        store.close()


def _stored(storage: Storage) -> list[tuple[str, str, bool, int]]:
    """(feed, entry, first of its cluster?, verdicts) of every stored story, in id order."""
    return [(s.feed_url, s.story.entry_key, s.cluster_id == s.id, sum(s.verdicts.values()))
            for s in sorted(storage.get_stories(), key=lambda s: s.id)]  # fmt: skip


def test_polls_stored_together_give_what_polls_stored_one_by_one_give(db_url: str) -> None:
    mirror, quiet = "https://mirror.example.com/rss", "https://quiet.example.com/rss"
    other = "Completely different text about a new model launch, written separately."

    def batch(storage: Storage) -> list[FeedPollUpdate]:
        return [
            _update(storage, FEED, [(story("a"), [verdict()]),
                                    (story("c", title="A different report", text=other), [])]),
            # A copy in another feed of the same batch joins the first feed's cluster.
            _update(storage, mirror, [(story("x", title="DeepSeek chips questioned - Mirror",
                                             feed=mirror), [verdict(), verdict(claim=OTHER)])],
                    etag='"m1"'),
            _update(storage, quiet, [], etag='"q1"'),
        ]  # fmt: skip

    results = []
    for batched in (False, True):
        with _fresh(db_url, [FEED, mirror, quiet]) as store:
            updates = batch(store)
            if batched:
                counts = store.record_polls(updates)
                again = store.record_polls(updates)  # idempotent, as one by one
            else:
                counts = [store.record_poll(u) for u in updates]
                again = [store.record_poll(u) for u in updates]
            states = [store.get_feed(u) for u in (mirror, quiet)]
            results.append((
                [(c.new, c.updated, c.verdicts) for c in counts],
                [(c.new, c.updated, c.verdicts) for c in again],
                _stored(store),
                [(s.etag, s.last_success) for s in states if s],
            ))  # fmt: skip
    one_by_one, together = results
    assert together == one_by_one
    assert together[0] == [(2, 0, 1), (1, 0, 2), (0, 0, 0)]
    assert [(e, first) for _, e, first, _ in together[2]] == [("a", True), ("c", True),
                                                             ("x", False)]  # fmt: skip
    assert together[3] == [('"m1"', NOW), ('"q1"', NOW)]


def test_a_batch_naming_feeds_not_stored_names_them_and_stores_nothing(ready: Storage) -> None:
    good = _update(ready, FEED, [(story("a"), [verdict()])])
    gone = [FeedPollUpdate(feed_id=n, polled_at=NOW, next_poll=NOW) for n in (9998, 9999)]
    with pytest.raises(StorageError, match="feed ids 9998, 9999 are not stored"):
        ready.record_polls([good, *gone])
    assert ready.get_stories() == [], "one transaction: the good poll is not half-stored"
    with pytest.raises(StorageError, match="feed id 9999 is not stored"):
        ready.record_polls([good, gone[1]])


def test_a_batch_writes_a_polls_changes_after_the_new_stories_of_the_polls_before(
    db_url: str,
) -> None:
    # Stored S is one report; poll 0 brings N, another report; poll 1 edits S into N's
    # report. One poll after another, N was compared with S's old text: not a copy.
    mirror = "https://mirror.example.com/rss"
    other_title = "Nvidia shares fall after a report on export rules for chips"
    other_text = ("Shares of Nvidia fell on Tuesday after a report said new export rules "
                  "would cover more of its chips sold abroad.")  # fmt: skip
    clusters = []
    for batched in (False, True):
        with _fresh(db_url, [FEED, mirror]) as store:
            store.record_poll(_update(store, mirror, [(story("s", feed=mirror), [])]))
            polls = [
                _update(store, FEED, [(story("n", title=other_title, text=other_text), [])]),
                _update(store, mirror, [(story("s", title=other_title, text=other_text,
                                               feed=mirror), [])]),
            ]  # fmt: skip
            counts = store.record_polls(polls) if batched else [store.record_poll(p) for p in polls]
            assert [(c.new, c.updated) for c in counts] == [(1, 0), (0, 1)]
            clusters.append({s.story.entry_key: s.cluster_id == s.id for s in store.get_stories()})
    assert clusters[1] == clusters[0] == {"s": True, "n": True}


def test_a_batch_takes_one_poll_per_feed(ready: Storage) -> None:
    polls = [_update(ready, FEED, [(story("a"), [])]), _update(ready, FEED, [(story("b"), [])])]
    with pytest.raises(ValueError, match="one poll per feed"):
        ready.record_polls(polls)
    assert ready.get_stories() == []


def test_a_very_long_title_is_stored_with_a_key_the_column_holds(ready: Storage) -> None:
    # PostgreSQL refuses a title key over 300 characters; the key is cut there.
    title = " ".join(f"word{n}" for n in range(120))
    counts = poll(ready, [(story("long", title=title), [])])
    assert counts.new == 1  # type: ignore[attr-defined]
    [stored] = ready.get_stories()
    assert stored.story.title == title
