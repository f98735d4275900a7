"""The daemon as users run it: a subprocess, a real feed server, SIGTERM for a clean exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from feedserver import FeedServer
from helpers import DENIAL, ITALY, rss, write_config

from tracker.storage import open_storage

TRACKER = [sys.executable, "-m", "tracker"]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


def start(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*TRACKER, "--config", str(config), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def wait_for(predicate: object, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def test_daemon_polls_then_exits_cleanly_on_sigterm(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    server.add("/feed.xml", rss([DENIAL, ITALY]))
    config = write_config(tmp_path / "config.yaml", db_url, [server.url("/feed.xml")])
    subprocess.run([*TRACKER, "--config", str(config), "init"], check=True, capture_output=True)
    proc = start(config)
    try:
        store = open_storage(db_url)
        try:
            assert wait_for(lambda: len(store.get_stories()) == 2), (
                "the daemon never stored the stories"
            )
            assert wait_for(lambda: bool(store.get_daemons())), "no heartbeat recorded"
            assert wait_for(lambda: store.count_awaiting_vectors("hash-64") == 0), (
                "the embedding job never ran after the poll"
            )
        finally:
            store.close()
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stderr
    assert "SIGTERM received" in stderr and "stopped" in stderr
    store = open_storage(db_url)
    try:
        assert store.get_daemons() == [], "a stopped daemon removes its heartbeat"
        evidence = store.get_evidence()
        assert evidence, "no verdicts stored"
        # After the poll the embedding job embedded the stories (with the stand-in
        # encoder) and rewrote their verdicts on the semantic path.
        assert all(e.basis.startswith("semantic (hash-64); ") for e in evidence), evidence
        assert store.count_awaiting_vectors("hash-64") == 0
    finally:
        store.close()
    assert "semantic path with the test stand-in hash-64" in stderr
    assert "embedded 2 stories" in stderr


def test_daemon_refuses_an_out_of_date_schema(tmp_path: Path) -> None:
    import sqlite3

    config = write_config(tmp_path / "config.yaml", f"sqlite:///{tmp_path}/t.sqlite", [])
    sqlite3.connect(tmp_path / "t.sqlite").close()  # a database without the schema
    result = subprocess.run(
        [*TRACKER, "--config", str(config), "run"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "tracker init" in result.stderr


def test_second_daemon_on_one_sqlite_file_is_refused(server: FeedServer, tmp_path: Path) -> None:
    server.add("/feed.xml", rss([ITALY]))
    config = write_config(
        tmp_path / "config.yaml", f"sqlite:///{tmp_path}/t.sqlite", [server.url("/feed.xml")]
    )
    subprocess.run([*TRACKER, "--config", str(config), "init"], check=True, capture_output=True)
    first = start(config)
    try:
        assert wait_for(
            lambda: (tmp_path / "t.sqlite.daemon.lock").exists() and server.count("/feed.xml") > 0
        )
        second = subprocess.run(
            [*TRACKER, "--config", str(config), "run"], capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 1
        assert "already running" in second.stderr and "PostgreSQL" in second.stderr
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=60)
    assert first.returncode == 0


def test_daemon_says_where_it_stands_once_and_in_the_configured_zone(
    server: FeedServer, tmp_path: Path
) -> None:
    """What a new user reads on stderr: the start line, one hint when every feed fails,
    each URL once, the next poll, no Alembic chatter, local times without microseconds."""
    import re

    urls = [server.url("/gone-1.xml"), server.url("/gone-2.xml")]  # 404: both fail
    config = write_config(
        tmp_path / "config.yaml", "sqlite:///db/t.sqlite", urls,
        extra={"digest": {"timezone": "Asia/Kolkata"}, "polling": {"interval": "10m"},
               "engine": {"embeddings": False}},
    )  # fmt: skip
    subprocess.run([*TRACKER, "--config", str(config), "init"], check=True, capture_output=True)
    proc = start(config)
    lines: list[str] = []
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            lines.append(line)
            if "next poll in" in line:
                break
        proc.send_signal(signal.SIGTERM)
        rest, _ = proc.communicate(timeout=60)[1], None
        lines += rest.splitlines(keepends=True)
    finally:
        if proc.poll() is None:
            proc.kill()
    log = "".join(lines)
    start_line = next(line for line in lines if " started: " in line)
    assert f"database {tmp_path / 'db' / 't.sqlite'}, 2 feeds, 2 claims" in start_line
    assert start_line.rstrip().endswith("digest disabled: no recipients")
    # Which path runs and why: once, in the start line.
    assert "; semantic path off by configuration: lexical path only; " in start_line
    assert log.count("lexical path only") == 1
    assert "verdicts against no stream yet" in start_line
    assert log.count("all 2 feeds failed: no network?") == 1
    for url in urls:
        failed = [line for line in lines if "failed: HTTP 404" in line and url in line]
        assert len(failed) == 1 and failed[0].count(url) == 1, failed
    assert re.search(r"next poll in \d+ min( \d+ s)? \(\d{4}-\d\d-\d\d \d\d:\d\d IST\)", log)
    assert "cycle: 2 feeds polled, 0 new stories, 2 failed" in log
    assert "alembic" not in log.lower() and "Context impl" not in log
    for line in lines:
        if line.strip():
            assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d IST (INFO|WARNING) ", line), line
    assert not re.search(r"\d\d:\d\d:\d\d[.,]\d", log), "no fractions of a second"
