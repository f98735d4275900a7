"""The embedding job and the stream profile in the running tracker: polls store stories
awaiting vectors, the job embeds each story once and rewrites its verdicts on the
semantic path, a rescore never embeds, a profile built again is recorded and named by
new verdicts, and one story's failure stays that story's (SQLite and PostgreSQL, a real
feed server, the deterministic stand-in encoder)."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from feedserver import FeedServer
from helpers import ALLEGATION, DENIAL, ITALY, WEATHER, Item, RecordingEncoder, rss, write_config

from tracker.app import Tracker, open_tracker
from tracker.cli import main
from tracker.config import load_config
from tracker.daemon import Daemon
from tracker.embedding import EncoderChoice
from tracker.engine.vectors import story_passages
from tracker.errors import StorageError
from tracker.profiles import stream_status
from tracker.storage import Storage, open_storage
from tracker.types import Evidence, ReviewDecision, Verdict

NOW = datetime(2025, 2, 5, 9, 0, tzinfo=UTC)
FEED = "/feed.xml"

EXTRA = [
    Item(
        f"extra-{i}",
        f"DeepSeek update {i}: Nvidia chips and app stores",
        f"Report {i} says DeepSeek faces questions over Nvidia chips; regulators in Italy "
        f"looked at the app store listing. Analysts counted {i + 3} new data centres.",
    )
    for i in range(14)
]
#: 18 stories: more than one embedding batch (16).
ITEMS = [DENIAL, ALLEGATION, ITALY, WEATHER, *EXTRA]
#: Stories polled later, each about one claim's proposition.
LATE = [
    Item(
        "late-1",
        "South Korea pulls DeepSeek from app stores over privacy",
        "South Korea's privacy watchdog had DeepSeek removed from national app stores, "
        "following Italy.",
    ),
    Item(
        "late-2",
        "DeepSeek says it does not hold 50,000 Nvidia chips",
        "DeepSeek denied a claim by Scale AI's Alexandr Wang that it holds 50,000 banned "
        "Nvidia chips.",
    ),
]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


@contextmanager
def tracker_for(
    tmp_path: Path,
    db_url: str,
    server: FeedServer,
    encoder: RecordingEncoder | None,
    *,
    workers: int = 0,
    items: Sequence[Item] = ITEMS,
    clock: object = None,
) -> Iterator[Tracker]:
    server.add(FEED, rss(items))
    path = write_config(
        tmp_path / "config.yaml", db_url, [server.url(FEED)],
        extra={"polling": {"timeout": {"connect": 2, "read": 2, "total": 5}, "workers": workers}},
    )  # fmt: skip
    store = open_storage(db_url)
    store.upgrade()
    store.close()
    choice = EncoderChoice(encoder, "semantic path with a test encoder")
    with open_tracker(
        load_config(path),
        encoder=choice,
        clock=clock or (lambda: NOW),  # type: ignore[arg-type]
    ) as tracker:
        tracker.sync()
        yield tracker


def verdicts(evidence: Sequence[Evidence]) -> set[tuple[object, ...]]:
    return {(e.story_id, e.claim_id, e.stance, e.evidence, e.score, e.basis) for e in evidence}


def test_a_poll_stores_stories_awaiting_vectors_and_the_job_embeds_each_once(
    tmp_path: Path, db_url: str, server: FeedServer
) -> None:
    encoder = RecordingEncoder(tmp_path / "embedded.jsonl")
    with tracker_for(tmp_path, db_url, server, encoder) as tracker:
        store = tracker.storage
        tracker.poller.run_cycle(all_feeds=True)
        stories = store.get_stories()
        assert len(stories) == len(ITEMS)
        # Polling matched on the lexical path and embedded nothing.
        assert encoder.embedded() == []
        assert store.count_awaiting_vectors(encoder.name) == len(ITEMS)
        polled = store.get_evidence()
        assert polled and all(e.basis == "lexical; no stream yet" for e in polled)
        # An analyst's reviews, before the verdicts are rewritten.
        for e in polled:
            store.set_review(e.verdict_id, ReviewDecision.CONFIRMED, note="checked", now=NOW)

        report = tracker.embed()
        assert report is not None
        assert (report.embedded, report.failed, report.remaining) == (len(ITEMS), 0, 0)
        wholes = Counter(encoder.embedded())
        for s in stories:
            assert wholes[story_passages(s.story.title, s.story.text)[0]] == 1, s.story.title
        # The first stories embedded calibrate the semantic path: the profile is built
        # again from their vectors and every verdict is computed against it.
        calibrated = store.latest_profile()
        assert calibrated is not None and calibrated.reason == "its first stories embedded"
        assert (calibrated.vectors, calibrated.encoder) == (len(ITEMS), encoder.name)
        embedded = store.get_evidence()
        assert embedded and all(
            e.basis == f"semantic ({encoder.name}); {calibrated.label}" for e in embedded
        )
        reviewed_before = {(e.story_id, e.claim_id) for e in polled}
        kept = [e for e in embedded if (e.story_id, e.claim_id) in reviewed_before]
        assert kept and all(e.review is not None and e.review.note == "checked" for e in kept)
        assert report.verdicts > 0

        # Embedded once: neither the job again nor a rescore embeds a story again.
        seen = len(encoder.embedded())
        again = tracker.embed()
        assert again is not None and again.done == 0
        done, _ = tracker.rescore(tracker.config.claims)
        assert done == len(ITEMS)
        assert len(encoder.embedded()) == seen
        # The rescore read the stored vectors: semantic path, against the profile it built.
        label = tracker.stream.record.label
        assert label.startswith("stream ") and f"({len(ITEMS)} stories)" in label
        assert all(e.basis == f"semantic ({encoder.name}); {label}" for e in store.get_evidence())


def test_the_job_in_worker_processes_embeds_once_and_writes_what_one_process_writes(
    tmp_path: Path, server: FeedServer
) -> None:
    results = []
    for workers in (0, 2):
        folder = tmp_path / f"w{workers}"
        folder.mkdir()
        encoder = RecordingEncoder(folder / "embedded.jsonl")
        db_url = f"sqlite:///{folder}/t.sqlite"
        with tracker_for(folder, db_url, server, encoder, workers=workers) as tracker:
            tracker.poller.run_cycle(all_feeds=True)
            report = tracker.embed()
            assert report is not None and report.embedded == len(ITEMS)
            stories = tracker.storage.get_stories()
            wholes = Counter(encoder.embedded())
            assert all(wholes[story_passages(s.story.title, s.story.text)[0]] == 1 for s in stories)
            by_key = {s.id: s.story.entry_key for s in stories}
            results.append(
                {
                    (by_key[e.story_id], e.claim_id, e.stance, e.evidence, e.score, e.basis)
                    for e in tracker.storage.get_evidence()
                }
            )
    assert results[0] == results[1]


def test_one_story_the_encoder_refuses_does_not_stop_the_job(
    tmp_path: Path, db_url: str, server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    bad = Item("bad-1", "DeepSeek BOOM chips story", "DeepSeek denied holding 50,000 Nvidia chips.")
    encoder = RecordingEncoder(tmp_path / "embedded.jsonl", fail_on="BOOM")
    with tracker_for(tmp_path, db_url, server, encoder, items=[*ITEMS, bad]) as tracker:
        store = tracker.storage
        tracker.poller.run_cycle(all_feeds=True)
        with caplog.at_level(logging.WARNING, logger="tracker.backlog"):
            report = tracker.embed()
        assert report is not None
        assert (report.embedded, report.failed, report.remaining) == (len(ITEMS), 1, 0)
        [failed_id] = [s.id for s in store.get_stories() if s.story.entry_key == "bad-1"]
        assert f"story {failed_id} could not be embedded" in caplog.text
        assert "the encoder refuses BOOM" in caplog.text
        assert store.count_failed_vectors(encoder.name) == 1
        # Its verdicts stay on the lexical path; the others moved to the semantic one.
        for e in store.get_evidence():
            assert e.basis.startswith("lexical; " if e.story_id == failed_id else "semantic (")
        # Not tried again on its own; tried again when asked (and fails again).
        again = tracker.embed()
        assert again is not None and again.done == 0
        retried = tracker.embed(retry_failed=True)
        assert retried is not None and (retried.embedded, retried.failed) == (0, 1)
        assert stream_status(store).failed_vectors == 1


def test_the_daemon_survives_an_encoder_that_raises(
    tmp_path: Path, db_url: str, server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    encoder = RecordingEncoder(tmp_path / "embedded.jsonl", fail_all=True)
    with tracker_for(tmp_path, db_url, server, encoder, items=ITEMS[:4]) as tracker:
        daemon = Daemon(tracker)
        with caplog.at_level(logging.INFO):
            daemon.poll_job()
            daemon.stream_job()  # every story fails to embed: recorded, logged, no raise
        store = tracker.storage
        assert len(store.get_stories()) == 4
        assert store.count_failed_vectors(encoder.name) == 4
        assert "embedded 0 stories (0 verdicts rewritten on the semantic path), 4 failed" in (
            caplog.text
        )
        # The next cycle runs as before: a new story is stored and matched.
        server.add(FEED, rss(ITEMS[:5]))
        for feed in store.get_feeds():
            store.record_poll_failure(
                feed.id, polled_at=NOW, error="test: due again", next_poll=NOW
            )
        daemon.poll_job()
        daemon.stream_job()
        assert len(store.get_stories()) == 5
        assert store.count_failed_vectors(encoder.name) == 5


def test_a_rebuilt_profile_is_recorded_and_named_by_new_verdicts_and_status_counts_the_rest(
    tmp_path: Path, db_url: str, server: FeedServer
) -> None:
    encoder = RecordingEncoder(tmp_path / "embedded.jsonl")
    now = [NOW]
    with tracker_for(
        tmp_path, db_url, server, encoder, items=ITEMS[:6], clock=lambda: now[0]
    ) as tracker:
        store = tracker.storage
        start = tracker.stream.record
        assert (start.stories, start.label, start.reason) == (0, "no stream yet", "start")
        tracker.poller.run_cycle(all_feeds=True)
        assert store.latest_profile() == start  # polling builds no profile
        tracker.embed()
        # The first stories embedded: built again from their vectors (the empty profile
        # cannot calibrate the semantic path), recorded, in use, named by every verdict.
        calibrated = store.latest_profile()
        assert calibrated is not None and calibrated.id != start.id
        assert calibrated == tracker.stream.record
        assert (calibrated.stories, calibrated.vectors, calibrated.encoder) == (
            6, 6, encoder.name
        )  # fmt: skip
        assert calibrated.reason == "its first stories embedded"
        assert calibrated.newest_story_id == max(s.id for s in store.get_stories())
        assert store.get_profiles(digest=calibrated.digest[:8]) == [calibrated]
        first = {e.verdict_id: e.basis for e in store.get_evidence()}
        assert first and set(first.values()) == {f"semantic ({encoder.name}); {calibrated.label}"}
        assert stream_status(store).verdicts.current == len(first)
        assert tracker.refresh_stream() is None  # nothing moved since

        # New stories: lexical against the profile in use, then semantic against it; the
        # second embedding run rescores nothing else.
        now[0] = NOW + timedelta(minutes=20)
        server.add(FEED, rss([*ITEMS[:6], *LATE]))
        tracker.poller.run_cycle(all_feeds=True)
        new = [e for e in store.get_evidence() if e.verdict_id not in first]
        assert new and all(e.basis == f"lexical; {calibrated.label}" for e in new)
        assert stream_status(store).verdicts.lexical == len(new)
        tracker.embed()
        evidence = {e.verdict_id: e.basis for e in store.get_evidence()}
        assert set(evidence.values()) == {f"semantic ({encoder.name}); {calibrated.label}"}
        assert store.latest_profile() == calibrated

        # Two stories stored since it was built: built again, recorded, in use; the
        # verdicts computed against the older one are counted as such.
        rebuilt = tracker.refresh_stream()
        assert rebuilt is not None and tracker.refresh_stream() is None
        record = store.latest_profile()
        assert record == rebuilt.record and record.id != calibrated.id
        assert (record.stories, record.vectors, record.encoder) == (8, 8, encoder.name)
        assert record.reason == "2 stories stored since it was built"
        first = evidence
        status = stream_status(store)
        assert (status.verdicts.current, status.verdicts.older_profile) == (0, len(first))

        # What `tracker status` says, in words and in JSON.
        cli = CliRunner()
        config = str(tmp_path / "config.yaml")
        text = cli.invoke(main, ["--config", config, "status"]).output
        assert f"stream profile: {record.label}, 8 with vectors" in text
        assert f"verdicts not up to date: {len(first)} verdicts computed against an older" in text
        assert "`tracker rescore` brings them up to date" in text
        data = json.loads(
            cli.invoke(main, ["--config", config, "status", "--format", "json"]).output
        )
        assert data["stream"]["profile"]["digest"] == record.digest
        assert data["stream"]["verdicts_older_profile"] == len(first)
        assert data["stream"]["stories_awaiting_vectors"] == 0

        # A rescore brings every verdict up to date.
        tracker.rescore(tracker.config.claims)
        status = stream_status(store)
        assert status.verdicts.stale == 0 and status.verdicts.current > 0
        # Against the profile in use: the same stories, so no new record.
        assert store.latest_profile() == record


def test_without_an_encoder_everything_runs_on_the_lexical_path(
    tmp_path: Path, db_url: str, server: FeedServer
) -> None:
    with tracker_for(tmp_path, db_url, server, None, items=ITEMS[:4]) as tracker:
        store = tracker.storage
        tracker.poller.run_cycle(all_feeds=True)
        assert tracker.embed() is None
        assert all(e.basis == "lexical; no stream yet" for e in store.get_evidence())
        # The first profile with stories: the stored stories are rescored against it
        # (against the empty one, the subject every story names still counted).
        assert tracker.refresh_stream() is not None
        record = store.latest_profile()
        assert record is not None and record.encoder is None and record.vectors == 0
        assert record.stories > 0
        assert {e.basis for e in store.get_evidence()} == {f"lexical; {record.label}"}
        status = stream_status(store)
        assert status.verdicts.stale == 0 and status.awaiting_vectors == 0
        # Once: a later build rescores nothing (its verdicts keep their profile).
        server.add(FEED, rss([*ITEMS[:4], *LATE]))
        tracker.poller.run_cycle(all_feeds=True)
        assert tracker.refresh_stream() is not None
        assert {e.basis for e in store.get_evidence()} == {f"lexical; {record.label}"}
        assert stream_status(store).verdicts.older_profile == len(store.get_evidence())
        tracker.rescore(tracker.config.claims)
        assert stream_status(store).verdicts.stale == 0


def test_the_commands_say_what_awaits_vectors_and_embed_it(
    tmp_path: Path, server: FeedServer
) -> None:
    server.add(FEED, rss(ITEMS[:4]))
    db = f"sqlite:///{tmp_path}/t.sqlite"
    config = str(write_config(tmp_path / "config.yaml", db, [server.url(FEED)]))
    cli = CliRunner()

    def tracker(*args: str) -> Result:
        return cli.invoke(main, ["--config", config, *args])

    assert tracker("init").exit_code == 0
    polled = tracker("poll", "--once")
    assert polled.exit_code == 0, polled.output
    assert "4 stories awaiting vectors" in polled.output
    assert "run `tracker embed`" in polled.output
    status = tracker("status").output
    assert "4 stories awaiting vectors" in status and "on the lexical path awaiting" in status
    embedded = tracker("embed", "--limit", "3")
    assert embedded.exit_code == 0, embedded.output
    assert "embedded 3 stories: " in embedded.output
    assert "1 story still awaiting vectors" in embedded.output
    rest = tracker("embed").output
    assert "embedded 1 story: " in rest and "0 stories still awaiting vectors" in rest
    assert "no stories awaiting vectors" in tracker("embed").output
    off = write_config(
        tmp_path / "off.yaml", db, [server.url(FEED)], extra={"engine": {"embeddings": False}}
    )
    nothing = cli.invoke(main, ["--config", str(off), "embed"])
    assert nothing.exit_code == 0
    assert "nothing to embed: semantic path off by configuration" in nothing.output


def test_each_worker_process_runs_its_share_of_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """The encoder's compute threads: the pool is the parallelism (two workers on two
    cores would otherwise run four threads between them)."""
    import os

    from tracker.workers import WorkerPool, cores

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    with WorkerPool(2, [], None) as pool:
        pool.start()
        got = pool._pool.submit(os.getenv, "OMP_NUM_THREADS").result()
    assert got == str(max(1, cores() // 2))


def test_the_daemon_comes_back_at_once_while_stories_await_vectors(
    tmp_path: Path, db_url: str, server: FeedServer
) -> None:
    encoder = RecordingEncoder(tmp_path / "embedded.jsonl")
    with tracker_for(tmp_path, db_url, server, encoder, items=ITEMS[:5]) as tracker:
        daemon = Daemon(tracker)
        daemon.embed_limit = 2  # a run bounded to two stories, as the minute bounds it
        daemon.poll_job()
        assert daemon.stream_job() is True, "3 stories still await vectors: no tick's wait"
        assert tracker.storage.count_awaiting_vectors(encoder.name) == 3
        assert daemon.stream_job() is True
        assert daemon.stream_job() is False, "the last one embedded: wait for the tick"
        assert tracker.storage.count_awaiting_vectors(encoder.name) == 0


def test_two_trackers_on_one_database_embed_each_story_once(
    tmp_path: Path, db_url: str, server: FeedServer
) -> None:
    """Two daemons' embedding jobs at once (threads here): each story embedded by one."""
    import threading

    log = tmp_path / "embedded.jsonl"
    with tracker_for(tmp_path, db_url, server, RecordingEncoder(log)) as first:
        first.poller.run_cycle(all_feeds=True)
        choice = EncoderChoice(RecordingEncoder(log), "semantic path with a test encoder")
        with open_tracker(first.config, encoder=choice, clock=lambda: NOW) as second:
            reports: list[object] = []
            errors: list[BaseException] = []

            def run(tracker: Tracker) -> None:
                try:
                    reports.append(tracker.embed())
                except BaseException as exc:  # the assertion below shows it
                    errors.append(exc)

            threads = [threading.Thread(target=run, args=(t,)) for t in (first, second)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        assert not errors, errors
        embedded = sum(r.embedded for r in reports)  # type: ignore[attr-defined]
        assert embedded == len(ITEMS)
        wholes = Counter(RecordingEncoder(log).embedded())
        for s in first.storage.get_stories():
            assert wholes[story_passages(s.story.title, s.story.text)[0]] == 1, s.story.title
        assert first.storage.count_awaiting_vectors(first.encoder_name or "") == 0


def test_a_rescore_keeps_the_semantic_verdicts_another_daemon_wrote_meanwhile(
    tmp_path: Path, db_url: str, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rescore (the calibrating run of one daemon) reads a batch without vectors and
    matches it on the lexical path; meanwhile another daemon's embedding job stores
    those stories' vectors and semantic verdicts. The rescore's write must not put
    lexical verdicts back on stories that now have vectors: they are never embedded
    again, so nothing would bring them back to the semantic path."""
    from tracker.pipeline import rescore_stories

    encoder = RecordingEncoder(tmp_path / "embedded.jsonl")
    with tracker_for(tmp_path, db_url, server, encoder, items=ITEMS[:6]) as tracker:
        store = tracker.storage
        tracker.poller.run_cycle(all_feeds=True)
        choice = EncoderChoice(
            RecordingEncoder(tmp_path / "other.jsonl"), "semantic path with a test encoder"
        )
        with open_tracker(tracker.config, encoder=choice, clock=lambda: NOW) as other:
            store_rescored = store.store_rescored
            offered: list[Verdict] = []

            def embed_meanwhile(*args: object, **kwargs: object) -> int:
                other._embed_run(None, None, None, False, None)  # another daemon's job
                results = args[0]
                offered.extend(v for _, verdicts in results for v in verdicts)  # type: ignore[attr-defined]
                return store_rescored(*args, **kwargs)  # type: ignore[arg-type]

            monkeypatch.setattr(store, "store_rescored", embed_meanwhile)
            rescore_stories(
                store, tracker.config.claims, now=NOW,
                stream=tracker.stream.profile, encoder=tracker.encoder, workers=0,
            )  # fmt: skip
        assert store.count_awaiting_vectors(encoder.name) == 0
        # The rescore offered lexical verdicts to write (the stand-in encoder's semantic
        # path, with no stream yet, may relate none of these stories) ...
        assert offered and all(v.basis.startswith("lexical") for v in offered)
        # ... and none of them was written over the stories that now have vectors.
        evidence = store.get_evidence()
        lexical = [
            (e.story_id, e.claim_id, e.basis) for e in evidence if e.basis.startswith("lexical")
        ]
        assert not lexical, lexical


@pytest.mark.parametrize(
    ("args", "claims", "passes"),
    [
        ((), 2, [4]),
        # One claim (named twice: once): the other's verdicts need the calibration too,
        # so this first rescore on vectors widens to every claim, still in one pass.
        (("--claim", "chips-50k", "--claim", "chips-50k"), 2, [4]),
    ],
)
def test_tracker_rescore_on_a_database_without_vectors_rescores_each_story_once(
    tmp_path: Path,
    server: FeedServer,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    claims: int,
    passes: list[int],
) -> None:
    """`tracker rescore` embeds first, builds the profile again and rescores every
    story once: the embedding run leaves its calibration (a rescore of every story, of
    every claim) to it, and a rescore of some claims widens to every claim when the
    calibration is due; every verdict ends up against the profile built from the
    vectors."""
    import tracker.app

    server.add(FEED, rss(ITEMS[:4]))
    db = f"sqlite:///{tmp_path}/t.sqlite"
    config = str(write_config(tmp_path / "config.yaml", db, [server.url(FEED)]))
    cli = CliRunner()
    assert cli.invoke(main, ["--config", config, "init"]).exit_code == 0
    assert cli.invoke(main, ["--config", config, "poll", "--once"]).exit_code == 0
    rescored: list[int] = []
    original = tracker.app.rescore_stories

    def counting(*args: object, **kwargs: object) -> tuple[int, int]:
        done, written = original(*args, **kwargs)  # type: ignore[arg-type]
        rescored.append(done)
        return done, written

    monkeypatch.setattr(tracker.app, "rescore_stories", counting)
    result = cli.invoke(main, ["--config", config, "rescore", *args])
    assert result.exit_code == 0, result.output
    assert f"rescored 4 stories against {claims} claims" in result.output
    assert rescored == passes
    store = open_storage(db)
    try:
        profile = store.latest_profile()
        assert profile is not None and profile.vectors == 4
        bases = {e.basis for e in store.get_evidence()}
        assert bases == {f"semantic ({profile.encoder}); {profile.label}"}
    finally:
        store.close()


def _database_went_away(*args: object, **kwargs: object) -> int:
    """A storage write standing in for one the database refused (the daemon logs it)."""
    raise StorageError("database went away")


@contextmanager
def rescores_failing(storage: Storage) -> Iterator[None]:
    """Inside, every rescore's write fails as one the database refused."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(storage, "store_rescored", _database_went_away)
        yield


def test_a_calibration_that_failed_is_made_by_the_next_embedding_run(
    tmp_path: Path, db_url: str, server: FeedServer
) -> None:
    """The calibrating rescore fails (the database went away a moment; the daemon logs
    it and goes on): the profile was already built again from the vectors, so the next
    run, which embeds nothing, must still rescore the stories, or their verdicts stay
    against the vector-less profile until someone runs `tracker rescore`."""
    encoder = RecordingEncoder(tmp_path / "embedded.jsonl")
    with tracker_for(tmp_path, db_url, server, encoder, items=ITEMS[:6]) as tracker:
        store = tracker.storage
        tracker.poller.run_cycle(all_feeds=True)
        with rescores_failing(store), pytest.raises(StorageError):
            tracker.embed()
        assert store.count_awaiting_vectors(encoder.name) == 0
        report = tracker.embed()
        assert report is not None and report.embedded == 0
        label = tracker.stream.record.label
        assert tracker.stream.record.vectors == 6
        bases = {e.basis for e in store.get_evidence()}
        assert bases == {f"semantic ({encoder.name}); {label}"}
        # Made once: the run after rescores nothing.
        with rescores_failing(store):
            tracker.embed()


def test_a_calibration_left_half_way_is_made_against_the_profile_in_use(
    tmp_path: Path, db_url: str, server: FeedServer
) -> None:
    """The profile in use already measures the stream (it was built from the vectors
    before the calibrating rescore failed): the next run rescores against it and builds
    no other. A story stored since is fewer than a tenth of the stream: no new profile
    is due for it either."""
    encoder = RecordingEncoder(tmp_path / "embedded.jsonl")
    with tracker_for(tmp_path, db_url, server, encoder) as tracker:
        store = tracker.storage
        tracker.poller.run_cycle(all_feeds=True)
        with rescores_failing(store), pytest.raises(StorageError):
            tracker.embed()
        calibrated = tracker.stream.record
        assert calibrated.vectors == len(ITEMS) and tracker.rescore_due
        server.add(FEED, rss([*ITEMS, LATE[0]]))
        for feed in store.get_feeds():
            store.record_poll_failure(feed.id, polled_at=NOW, error="due", next_poll=NOW)
        tracker.poller.run_cycle(all_feeds=True)
        report = tracker.embed()
        assert report is not None and report.embedded == 1 and not tracker.rescore_due
        assert store.latest_profile() == calibrated == tracker.stream.record
        bases = {e.basis for e in store.get_evidence()}
        assert bases == {f"semantic ({encoder.name}); {calibrated.label}"}


def test_the_first_profile_with_stories_rescores_them_even_after_a_failure(
    tmp_path: Path, db_url: str, server: FeedServer
) -> None:
    """Lexical path: the rescore that follows the first profile with stories fails (the
    daemon logs it and goes on); the profile is already the new one, so the next
    `refresh_stream`, which builds nothing, must still rescore the stories."""
    with tracker_for(tmp_path, db_url, server, None, items=ITEMS[:4]) as tracker:
        store = tracker.storage
        tracker.poller.run_cycle(all_feeds=True)
        with rescores_failing(store), pytest.raises(StorageError):
            tracker.refresh_stream()
        assert all(e.basis == "lexical; no stream yet" for e in store.get_evidence())
        assert tracker.refresh_stream() is None  # nothing to build: the stream stands
        label = tracker.stream.record.label
        assert {e.basis for e in store.get_evidence()} == {f"lexical; {label}"}
        # Made once: the call after rescores nothing.
        with rescores_failing(store):
            assert tracker.refresh_stream() is None


def test_a_calibration_a_stopped_daemon_left_half_way_is_made_at_the_next_start(
    tmp_path: Path, db_url: str, server: FeedServer
) -> None:
    """The daemon stops in its calibrating rescore: the profile recorded last already has
    vectors, so the next start would not know; the stored verdicts say it (semantic,
    against a profile without vectors), and its first embedding run calibrates."""
    encoder = RecordingEncoder(tmp_path / "embedded.jsonl")
    with tracker_for(tmp_path, db_url, server, encoder, items=ITEMS[:6]) as first:
        first.poller.run_cycle(all_feeds=True)
        with rescores_failing(first.storage), pytest.raises(StorageError):
            first.embed()
        config = first.config
    choice = EncoderChoice(encoder, "semantic path with a test encoder")
    with open_tracker(config, encoder=choice, clock=lambda: NOW) as second:
        store = second.storage
        assert second.stream.record.vectors == 6
        assert {e.basis for e in store.get_evidence()} == {
            f"semantic ({encoder.name}); no stream yet"
        }
        report = second.embed()
        assert report is not None and report.embedded == 0 and report.verdicts > 0
        label = second.stream.record.label
        assert {e.basis for e in store.get_evidence()} == {f"semantic ({encoder.name}); {label}"}
        # Looked for once per process, and found nothing left the next time.
        with rescores_failing(store):
            assert second.embed() is not None
    with (
        open_tracker(config, encoder=choice, clock=lambda: NOW) as third,
        rescores_failing(third.storage),
    ):
        assert third.embed() is not None


def test_the_daemon_says_a_failed_calibration_is_not_a_failed_embedding(
    tmp_path: Path,
    db_url: str,
    server: FeedServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    encoder = RecordingEncoder(tmp_path / "embedded.jsonl")
    with tracker_for(tmp_path, db_url, server, encoder, items=ITEMS[:4]) as tracker:
        daemon = Daemon(tracker)
        daemon.poll_job()
        with caplog.at_level(logging.INFO), rescores_failing(tracker.storage):
            daemon.stream_job()  # logged, no raise
        assert tracker.storage.count_awaiting_vectors(encoder.name) == 0
        assert (
            "rescoring the stored stories against the new stream profile failed: "
            "database went away" in caplog.text
        )
        assert "embedding job failed" not in caplog.text
        caplog.clear()
        with caplog.at_level(logging.INFO):
            daemon.stream_job()  # the next run calibrates
        assert "measures the stream now" in caplog.text and not tracker.rescore_due


def test_a_daemon_told_to_stop_leaves_the_calibration_to_its_next_start(
    tmp_path: Path, db_url: str, server: FeedServer
) -> None:
    """SIGTERM while the first stories are embedded: the calibrating rescore reads no
    further batch, and the next start finds what it left in the stored verdicts."""
    import threading

    encoder = RecordingEncoder(tmp_path / "embedded.jsonl")
    with tracker_for(tmp_path, db_url, server, encoder, items=ITEMS[:6]) as first:
        first.poller.run_cycle(all_feeds=True)
        stop = threading.Event()
        report = first.embed(stop=stop, on_stories=lambda n: stop.set())
        assert report is not None and report.embedded == 6 and first.rescore_due
        assert {e.basis for e in first.storage.get_evidence()} == {
            f"semantic ({encoder.name}); no stream yet"
        }
        config = first.config
    choice = EncoderChoice(encoder, "semantic path with a test encoder")
    with open_tracker(config, encoder=choice, clock=lambda: NOW) as second:
        second.embed()
        label = second.stream.record.label
        assert {e.basis for e in second.storage.get_evidence()} == {
            f"semantic ({encoder.name}); {label}"
        }
        assert not second.rescore_due


def test_a_rescore_keeps_the_verdicts_a_poll_wrote_for_a_story_changed_meanwhile(
    tmp_path: Path, db_url: str, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rescore reads a story, and before it writes, a poll finds the story's text
    changed (the denial rewritten into a weather item) and writes the verdicts of the
    new text: the rescore's verdicts of the old text must not come back over them."""
    from tracker.pipeline import rescore_stories

    with tracker_for(tmp_path, db_url, server, None, items=ITEMS[:4]) as tracker:
        store = tracker.storage
        tracker.poller.run_cycle(all_feeds=True)
        (denial,) = [s for s in store.get_stories() if s.story.entry_key == DENIAL.guid]
        assert any(e.story_id == denial.id for e in store.get_evidence())
        store_rescored = store.store_rescored

        def poll_meanwhile(*args: object, **kwargs: object) -> int:
            rewritten = Item(DENIAL.guid, WEATHER.title, WEATHER.description)
            server.add(FEED, rss([rewritten, *ITEMS[1:4]]))
            for feed in store.get_feeds():
                store.record_poll_failure(feed.id, polled_at=NOW, error="due", next_poll=NOW)
            tracker.poller.run_cycle(all_feeds=True)
            assert not any(e.story_id == denial.id for e in store.get_evidence())
            return store_rescored(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(store, "store_rescored", poll_meanwhile)
        rescore_stories(
            store, tracker.config.claims, now=NOW, stream=tracker.stream.profile, workers=0
        )
        (story,) = [s for s in store.get_stories() if s.id == denial.id]
        assert story.story.title == WEATHER.title
        assert not any(e.story_id == denial.id for e in store.get_evidence())
