"""The poll cycle end to end: a real HTTP server on 127.0.0.1, real storage, the real CLI."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from feedserver import FeedServer, RecordedRequest, Response
from helpers import (
    ALLEGATION,
    CLAIMS,
    DENIAL,
    ITALY,
    WEATHER,
    ZORBING_CLAIM,
    ZORBING_GLOSSARY,
    ZORBING_STORY,
    Item,
    rss,
    write_config,
)
from sqlalchemy import event

from tracker.cli import main
from tracker.config import Config, load_config
from tracker.engine.matcher import Matcher
from tracker.pipeline import Poller, auto_workers
from tracker.storage import Storage, open_storage
from tracker.types import FeedPollUpdate, PollCounts, PollResult, Story, Verdict
from tracker.workers import changed_stories

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def run(config: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, ["--config", str(config), *args], catch_exceptions=False)
    return result


def jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def server() -> FeedServer:
    with FeedServer() as s:
        yield s  # type: ignore[misc]


@contextlib.contextmanager
def polling(config: Config, db: str, workers: int = 0) -> Iterator[tuple[Storage, Poller]]:
    """A storage at `db` holding the config's claims and feeds, and a poller on it
    (`workers` processes); both closed afterwards."""
    store = open_storage(db)
    store.upgrade()
    store.sync_claims(config.claims)
    store.sync_feeds(config.feeds)
    poller = Poller.create(config, store, workers=workers)
    try:
        yield store, poller
    finally:
        poller.close()
        store.close()


def test_changed_stories_keeps_new_and_edited_once() -> None:
    a = Story(feed_url="f", entry_key="a", title="A", text="x")
    b = Story(feed_url="f", entry_key="b", title="B", text="y")
    b_dup = Story(feed_url="f", entry_key="b", title="B again", text="z")
    assert changed_stories([a, b, b_dup], {"a": a.content_hash}) == [b]
    assert changed_stories([a], {"a": "old-hash"}) == [a]


def test_poll_logs_evidence_and_second_poll_duplicates_nothing(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    server.add("/en.xml", rss([DENIAL, ALLEGATION, ITALY, WEATHER]))
    config = write_config(tmp_path / "config.yaml", db_url, [server.url("/en.xml")])
    assert run(config, "init").exit_code == 0
    first = run(config, "poll", "--once")
    assert first.exit_code == 0, first.output
    assert "4 new stories" in first.output
    evidence = jsonl(run(config, "evidence", "--format", "jsonl").output)
    keys = {"claim_id", "stance", "score", "evidence", "story_title", "story_url", "feed_url",
            "published", "logged_at"}  # fmt: skip
    assert evidence and all(keys <= set(e) for e in evidence)
    by_story = {(e["story_title"], e["claim_id"]): e for e in evidence}
    assert (WEATHER.title, "chips-50k") not in by_story
    assert (
        by_story[(ITALY.title, "app-store-removals")]["story_url"]
        == "https://news.example.org/italy-1"
    )
    assert by_story[(DENIAL.title, "chips-50k")]["stance"] == "contradicts"
    assert by_story[(ALLEGATION.title, "chips-50k")]["stance"] == "discusses"

    again = run(config, "poll", "--once", "--all")
    assert again.exit_code == 0 and "0 new stories" in again.output
    assert jsonl(run(config, "evidence", "--format", "jsonl").output) == evidence
    stories = jsonl(run(config, "stories", "--format", "jsonl").output)
    assert len(stories) == 4


def test_marathi_feed_is_matched(server: FeedServer, tmp_path: Path, db_url: str) -> None:
    marathi = Item(
        "mr-1",
        "दीपसीककडे ५०,००० एनव्हीडिया चिप्स असल्याचा दावा फेटाळला",
        "दीपसीककडे ५०,००० एनव्हीडिया चिप्स असल्याचा दावा कंपनीने फेटाळला.",
    )
    server.add("/mr.xml", rss([marathi], lang="mr"))
    config = write_config(tmp_path / "config.yaml", db_url, [server.url("/mr.xml")])
    run(config, "init")
    assert run(config, "poll", "--once").exit_code == 0
    [e] = jsonl(run(config, "evidence", "--format", "jsonl", "--claim", "chips-50k").output)
    assert "दीपसीक" in str(e["evidence"])
    stories = jsonl(run(config, "stories", "--format", "jsonl").output)
    assert stories[0]["lang"] == "mr"


def test_one_failing_feed_does_not_stop_the_cycle(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    server.add("/good.xml", rss([ITALY]))
    server.add("/bad.xml", Response(b"oops", status=500))
    server.add("/html", Response(b"<html><body>Not a feed</body></html>",
                                 headers={"Content-Type": "text/html"}))  # fmt: skip
    urls = [server.url("/bad.xml"), server.url("/good.xml"), server.url("/html")]
    config = write_config(tmp_path / "config.yaml", db_url, urls)
    run(config, "init")
    result = run(config, "poll", "--once")
    assert result.exit_code == 0
    assert "1 new story," in result.output and "2 failed" in result.output
    # Each URL once: the error is said beside the URL, not after it again.
    assert result.output.count("/bad.xml") == 1
    feeds = {f["url"]: f for f in json.loads(run(config, "feeds", "--format", "json").output)}
    assert feeds[urls[0]]["error_count"] == 1 and "500" in str(feeds[urls[0]]["last_error"])
    assert feeds[urls[2]]["error_count"] == 1
    assert feeds[urls[1]]["error_count"] == 0 and feeds[urls[1]]["last_success"]
    # The failed feeds back off: an immediate second cycle polls nothing.
    assert "polled 0 feeds" in run(config, "poll", "--once").output


def test_all_feeds_failing_exits_1(server: FeedServer, tmp_path: Path, db_url: str) -> None:
    server.add("/bad.xml", Response(b"", status=503, headers={"Retry-After": "120"}))
    config = write_config(tmp_path / "config.yaml", db_url, [server.url("/bad.xml")])
    run(config, "init")
    before = datetime.now(UTC)
    assert run(config, "poll", "--once").exit_code == 1
    [feed] = json.loads(run(config, "feeds", "--format", "json").output)
    assert "503" in feed["last_error"]
    next_poll = datetime.fromisoformat(feed["next_poll"])
    assert next_poll >= before + timedelta(seconds=120), "Retry-After is obeyed"


def test_malformed_feed_still_yields_entries_and_the_problem_is_shown(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    broken = rss([ITALY]).replace(b"</channel></rss>", b"<item><title>Unclosed & bad</title>")
    server.add("/broken.xml", broken)
    config = write_config(tmp_path / "config.yaml", db_url, [server.url("/broken.xml")])
    run(config, "init")
    assert run(config, "poll", "--once").exit_code == 0
    [feed] = json.loads(run(config, "feeds", "--format", "json").output)
    assert feed["error_count"] == 0 and feed["problem"], feed
    titles = [s["title"] for s in jsonl(run(config, "stories", "--format", "jsonl").output)]
    assert ITALY.title in titles


def test_not_modified_costs_no_parsing_and_keeps_validators(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    body = rss([ITALY])

    def conditional(request: RecordedRequest) -> Response:
        if request.headers.get("if-none-match") == '"v1"':
            return Response(b"", status=304, headers={"ETag": '"v1"'})
        return Response(body, headers={"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    server.add("/feed.xml", conditional)
    config = write_config(tmp_path / "config.yaml", db_url, [server.url("/feed.xml")])
    run(config, "init")
    run(config, "poll", "--once")
    run(config, "poll", "--once", "--all")
    run(config, "poll", "--once", "--all")
    sent = [r.headers.get("if-none-match") for r in server.requests("/feed.xml")]
    assert sent == [None, '"v1"', '"v1"']
    assert len(jsonl(run(config, "stories", "--format", "jsonl").output)) == 1


def test_changed_entry_is_rematched(server: FeedServer, tmp_path: Path, db_url: str) -> None:
    neutral = Item(
        DENIAL.guid, "DeepSeek and Nvidia chips", "DeepSeek uses Nvidia chips, reports say."
    )
    server.add("/feed.xml", rss([neutral]))
    config = write_config(tmp_path / "config.yaml", db_url, [server.url("/feed.xml")])
    run(config, "init")
    run(config, "poll", "--once")
    server.add("/feed.xml", rss([DENIAL]))
    result = run(config, "poll", "--once", "--all")
    assert "0 new stories" in result.output
    [e] = jsonl(run(config, "evidence", "--format", "jsonl", "--claim", "chips-50k").output)
    assert e["story_title"] == DENIAL.title and e["stance"] == "contradicts"


def test_poller_outcome_per_feed(server: FeedServer, tmp_path: Path) -> None:
    server.add("/a.xml", rss([ITALY]))
    db = f"sqlite:///{tmp_path}/t.sqlite"
    config = load_config(
        write_config(tmp_path / "c.yaml", db, [server.url("/a.xml"), server.url("/missing")]),
        env={},
    )
    with polling(config, db) as (_, poller):
        results = {r.feed_url: r for r in poller.run_cycle(all_feeds=True)}
    assert results[server.url("/a.xml")].ok and results[server.url("/a.xml")].new_stories == 1
    assert not results[server.url("/missing")].ok and "404" in str(
        results[server.url("/missing")].error
    )


class _FailingStorage(Storage):
    """Real storage whose writes fail, as a bug would, for polls of one feed."""

    poisoned: int = -1

    def _record_polls(self, updates: Sequence[FeedPollUpdate]) -> list[PollCounts]:
        if any(u.feed_id == self.poisoned for u in updates):
            raise RuntimeError("storing this feed failed")
        return super()._record_polls(updates)


def test_polls_are_stored_together_and_one_failing_write_fails_only_its_feed(
    server: FeedServer, tmp_path: Path
) -> None:
    for n, item in enumerate((DENIAL, ALLEGATION, ITALY, WEATHER)):
        server.add(f"/{n}.xml", rss([item]))
    urls = [server.url(f"/{n}.xml") for n in range(4)]
    db = f"sqlite:///{tmp_path}/t.sqlite"
    config = load_config(write_config(tmp_path / "c.yaml", db, urls), env={})
    store = _FailingStorage(open_storage(db).engine)
    store.upgrade()
    store.sync_claims(config.claims)
    store.sync_feeds(config.feeds)
    feed = store.get_feed(urls[2])
    assert feed is not None
    store.poisoned = feed.id
    transactions = _WritingTransactions(store)
    poller = Poller.create(config, store)
    try:
        results = {r.feed_url: r for r in poller.run_cycle(all_feeds=True)}
    finally:
        poller.close()
    # One batch for the four polls; it failed, so each was stored on its own: the three
    # others are stored, the poisoned feed's failure is recorded against it.
    assert [results[u].new_stories for u in urls] == [1, 1, 0, 1]
    assert "storing this feed failed" in str(results[urls[2]].error)
    assert {s.feed_url for s in store.get_stories()} == {urls[0], urls[1], urls[3]}
    state = store.get_feed(urls[2])
    assert state is not None and state.error_count == 1
    assert transactions.count == 3 + 1  # the batch rolled back: 3 polls, 1 failure
    store.poisoned = -1
    transactions.count = 0
    again = poller_cycle(config, store)
    assert transactions.count == 1, "the polls of one cycle are written in one transaction"
    assert sum(r.new_stories for r in again) == 1
    store.close()


class _WritingTransactions:
    """Counts the committed transactions that wrote a feed's state."""

    def __init__(self, store: Storage) -> None:
        self.count = 0
        self._writing = False
        event.listen(store.engine, "before_cursor_execute", self._statement)
        event.listen(store.engine, "commit", self._commit)
        event.listen(store.engine, "rollback", self._rollback)

    def _statement(self, conn: object, cursor: object, statement: str, *_: object) -> None:
        self._writing = self._writing or statement.startswith("UPDATE feeds")

    def _commit(self, conn: object) -> None:
        self.count += self._writing
        self._writing = False

    def _rollback(self, conn: object) -> None:
        self._writing = False


def poller_cycle(config: Config, store: Storage) -> list[PollResult]:
    poller = Poller.create(config, store)
    try:
        return poller.run_cycle(all_feeds=True)
    finally:
        poller.close()


def test_worker_processes_store_what_one_process_stores(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    """polling.workers: parsing and matching in other processes changes nothing stored,
    and a feed that fails there is reported on that feed."""
    server.add("/a.xml", rss([DENIAL, ALLEGATION]))
    server.add("/b.xml", rss([ITALY, WEATHER]))
    server.add("/broken.xml", b"<html><body>not a feed</body></html>")
    urls = [server.url(p) for p in ("/a.xml", "/b.xml", "/broken.xml")]
    stored = []
    for workers in (0, 2):
        db = f"sqlite:///{tmp_path}/w{workers}.sqlite" if workers == 0 else db_url
        config = load_config(write_config(tmp_path / f"c{workers}.yaml", db, urls), env={})
        with polling(config, db, workers) as (store, poller):
            results = {r.feed_url: r for r in poller.run_cycle(all_feeds=True)}
            again = poller.run_cycle(all_feeds=True)  # unchanged: nothing new
            evidence = sorted(
                (e.story_title, e.claim_id, e.stance.value, e.evidence)
                for e in store.get_evidence()
            )
            stored.append((sorted(s.story.entry_key for s in store.get_stories()), evidence))
        assert [results[u].new_stories for u in urls[:2]] == [2, 2]
        broken = results[urls[2]]
        assert not broken.ok and str(broken.error).startswith("not a feed: ")
        assert broken.feed_url == urls[2] and urls[2] not in str(broken.error)
        assert sum(r.new_stories for r in again) == 0
    assert stored[0] == stored[1] and stored[0][1]


def test_the_configs_glossary_reaches_polls_in_this_process_and_in_workers(
    server: FeedServer, tmp_path: Path
) -> None:
    """A claim word the shipped glossary lacks finds a Marathi story when the config's
    `glossary` gives it, whether the poll matches here or in worker processes (which
    get the entries pickled); without the entry the story is stored unrelated."""
    server.add("/mr.xml", rss([ZORBING_STORY], lang="mr"))
    found = []
    for name, glossary, workers in (("none", [], 0), ("here", ZORBING_GLOSSARY, 0),
                                    ("workers", ZORBING_GLOSSARY, 2)):  # fmt: skip
        db = f"sqlite:///{tmp_path}/{name}.sqlite"
        extra = {"claims": [*CLAIMS, ZORBING_CLAIM], "glossary": glossary}
        path = write_config(tmp_path / f"{name}.yaml", db, [server.url("/mr.xml")], extra=extra)
        config = load_config(path, env={})
        with polling(config, db, workers) as (store, poller):
            [result] = poller.run_cycle(all_feeds=True)
            assert result.new_stories == 1
            found.append(sorted((e.claim_id, e.evidence) for e in store.get_evidence()))
    sentence = ZORBING_STORY.description
    assert found[0] == []
    assert found[1] == found[2] == [("manali-zorbing", sentence)]


def test_tracker_rescore_applies_a_changed_glossary_to_stored_stories(
    server: FeedServer, tmp_path: Path
) -> None:
    """The glossary, like `lexicons`, is no part of a claim's definition: a change applies
    to the stories matched from then on, and `tracker rescore` applies it to those stored."""
    server.add("/mr.xml", rss([ZORBING_STORY], lang="mr"))
    db = f"sqlite:///{tmp_path}/t.sqlite"
    extra: dict[str, object] = {
        "claims": [*CLAIMS, ZORBING_CLAIM],
        "engine": {"embeddings": False},
    }
    config = write_config(tmp_path / "config.yaml", db, [server.url("/mr.xml")], extra=extra)
    assert run(config, "init").exit_code == 0
    assert run(config, "poll", "--once").exit_code == 0

    def evidence() -> list[object]:
        result = run(config, "evidence", "--format", "jsonl", "--claim", "manali-zorbing")
        return [e["evidence"] for e in jsonl(result.output)]

    assert evidence() == []
    extra["glossary"] = ZORBING_GLOSSARY
    write_config(config, db, [server.url("/mr.xml")], extra=extra)
    rescored = run(config, "rescore", "--no-embed")
    assert rescored.exit_code == 0, rescored.output
    assert evidence() == [ZORBING_STORY.description]


def test_schema_out_of_date_is_refused_with_hint(tmp_path: Path) -> None:
    import sqlite3

    config = write_config(tmp_path / "config.yaml", f"sqlite:///{tmp_path}/t.sqlite", [])
    sqlite3.connect(tmp_path / "t.sqlite").close()  # a database without the schema
    result = CliRunner().invoke(main, ["--config", str(config), "claims"])
    assert result.exit_code == 1
    assert "tracker init" in result.output


class _CountingMatcher(Matcher):
    """The real matcher, counting the stories it is asked about."""

    calls = 0

    def match(self, story: Story, now: datetime | None = None) -> list[Verdict]:
        self.calls += 1
        return super().match(story, now)


def test_a_poller_matches_only_entries_new_since_its_last_poll_of_the_feed(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    """The feed answers 200 with the same body each time (no validators): the poller
    hands what it stored to the computing half, which matches only what is new; after
    another poller polled the feed, nothing is known and everything is matched again
    (storing keeps only what is new either way)."""
    server.add("/a.xml", rss([DENIAL, ALLEGATION]))
    config = load_config(write_config(tmp_path / "c.yaml", db_url, [server.url("/a.xml")]), env={})
    store = open_storage(db_url)
    store.upgrade()
    store.sync_claims(config.claims)
    store.sync_feeds(config.feeds)
    first, other = Poller.create(config, store), Poller.create(config, store)
    counting = _CountingMatcher(config.claims, lexicons=config.lexicons)
    first.engine = dataclasses.replace(first.engine, matcher=counting)
    try:
        assert sum(r.new_stories for r in first.run_cycle(NOW, all_feeds=True)) == 2
        assert counting.calls == 2
        server.add("/a.xml", rss([ITALY, DENIAL, ALLEGATION]))
        [result] = first.run_cycle(NOW + timedelta(minutes=1), all_feeds=True)
        assert result.new_stories == 1 and counting.calls == 3, "only the new entry matched"
        other.run_cycle(NOW + timedelta(minutes=2), all_feeds=True)
        [result] = first.run_cycle(NOW + timedelta(minutes=3), all_feeds=True)
        assert result.new_stories == 0 and counting.calls == 6, "another poll: all matched"
    finally:
        first.close()
        other.close()
        store.close()
    assert len(store.get_stories()) == 3


def test_polls_are_stamped_by_the_clock_passed_down(server: FeedServer, tmp_path: Path) -> None:
    """run_cycle's `now`, moved on by the Poller's clock: no datetime.now of its own."""
    server.add("/a.xml", rss([ITALY]))
    db = f"sqlite:///{tmp_path}/t.sqlite"
    urls = [server.url("/a.xml"), server.url("/missing")]
    config = load_config(write_config(tmp_path / "c.yaml", db, urls), env={})
    store = open_storage(db)
    store.upgrade()
    store.sync_claims(config.claims)
    store.sync_feeds(config.feeds)
    poller = Poller.create(config, store, clock=lambda: NOW)  # a clock that stands still
    try:
        poller.run_cycle(NOW, all_feeds=True)
    finally:
        poller.close()
    assert {f.url: f.last_polled for f in store.get_feeds()} == dict.fromkeys(urls, NOW)
    [story] = store.get_stories()
    assert story.first_seen == NOW
    # A clock that moves: each poll is stamped when it was fetched, after the cycle's
    # `now` (so a feed's next poll is a whole interval after its fetch).
    ticks = iter(range(1000))
    poller = Poller.create(config, store, clock=lambda: NOW + timedelta(minutes=next(ticks)))
    try:
        poller.run_cycle(NOW + timedelta(hours=1), all_feeds=True)
    finally:
        poller.close()
    polled = [f.last_polled for f in store.get_feeds()]
    assert all(t is not None and t > NOW + timedelta(hours=1) for t in polled), polled
    store.close()


@pytest.mark.parametrize(("cores", "workers"), [(1, 0), (2, 2), (3, 3), (4, 4), (16, 4)])
def test_auto_workers_follow_the_cores(cores: int, workers: int) -> None:
    """polling.workers: auto: none on one core (a worker would only compete with the
    polling process), one per core beyond, at most four."""
    assert auto_workers(cores) == workers
