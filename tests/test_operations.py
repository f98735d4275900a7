"""Operating the tracker: `tracker status` (table and JSON, exit 1 when unhealthy) and
structured logs (`--log-format json`), run as a user runs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from feedserver import FeedServer
from helpers import DENIAL, ITALY, rss, write_config

TRACKER = [sys.executable, "-m", "tracker"]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


def tracker(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TRACKER, "--config", str(config), *args], capture_output=True, text=True, timeout=120
    )


def test_status_json_and_exit_code_follow_health(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    server.add("/good.xml", rss([DENIAL, ITALY]))
    config = write_config(
        tmp_path / "config.yaml", db_url, [server.url("/good.xml"), server.url("/gone.xml")]
    )
    assert tracker(config, "init").returncode == 0
    # Nothing polled yet and no daemon: unhealthy, in both formats.
    before = tracker(config, "status", "--format", "json")
    assert before.returncode == 1, before.stderr
    data = json.loads(before.stdout)
    assert data["healthy"] is False and data["last_success"] is None
    assert any("no feed has ever been polled" in p for p in data["problems"])
    table = tracker(config, "status")
    assert table.returncode == 1 and "unhealthy:" in table.stderr
    # One feed polled, one failing: healthy.
    assert tracker(config, "poll", "--all").returncode == 0
    after = tracker(config, "status", "--format", "json")
    assert after.returncode == 0, after.stdout
    data = json.loads(after.stdout)
    assert data["healthy"] is True and data["problems"] == []
    assert data["feeds"]["active"] == 2
    assert [f["url"] for f in data["feeds"]["failing"]] == [server.url("/gone.xml")]
    assert data["last_success"] is not None
    assert tracker(config, "status").returncode == 0


def test_status_exits_1_when_every_feed_fails(tmp_path: Path, db_url: str) -> None:
    config = write_config(tmp_path / "config.yaml", db_url, ["http://127.0.0.1:9/none.xml"])
    assert tracker(config, "init").returncode == 0
    assert tracker(config, "poll", "--all").returncode == 1
    result = tracker(config, "status", "--format", "json")
    assert result.returncode == 1
    assert "all 1 feeds are failing" in json.loads(result.stdout)["problems"]


def test_json_logs_are_one_object_per_line(server: FeedServer, tmp_path: Path) -> None:
    server.add("/good.xml", rss([DENIAL]))
    config = write_config(
        tmp_path / "config.yaml",
        f"sqlite:///{tmp_path}/t.sqlite",
        [server.url("/good.xml"), "http://127.0.0.1:9/refused.xml"],
    )
    assert tracker(config, "init").returncode == 0
    result = tracker(config, "--log-format", "json", "-v", "poll", "--all")
    lines = [line for line in result.stderr.splitlines() if line.startswith("{")]
    events = [json.loads(line) for line in lines]
    assert events, result.stderr
    assert all({"time", "level", "logger", "message"} <= set(e) for e in events)
    failed = [e for e in events if e["level"] == "warning" and "refused.xml" in e["message"]]
    assert failed and failed[0]["logger"] == "tracker.pipeline"
    assert any(e["level"] == "info" and "good.xml" in e["message"] for e in events)
    # The other lines are the command's own messages, not log records in text.
    text_record = re.compile(r"^\d{4}-\d\d-\d\d[ T][\d:,.]+ (DEBUG|INFO|WARNING|ERROR) ")
    other = [line for line in result.stderr.splitlines() if line and not line.startswith("{")]
    assert not [line for line in other if text_record.match(line)], other
