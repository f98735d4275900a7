"""Prometheus metrics: scraped from a running daemon during and after a poll, and parsed
with prometheus_client's own parser; lease takeovers counted from storage's answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from feedserver import FeedServer, Response
from helpers import DENIAL, ITALY, rss, write_config
from prometheus_client.parser import text_string_to_metric_families
from webserver import free_port

from tracker.metrics import DaemonMetrics
from tracker.storage import Storage
from tracker.types import FeedConfig

TRACKER = [sys.executable, "-m", "tracker"]


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """{(sample name, sorted labels): value} of one scrape."""
    body = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(body)
        for s in family.samples
    }


def value(samples: dict, name: str, **labels: str) -> float | None:  # type: ignore[type-arg]
    for (n, found), v in samples.items():
        if n == name and all(dict(found).get(k) == want for k, want in labels.items()):
            return float(v)
    return None


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


def test_metrics_scraped_during_and_after_a_poll(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    # The feed trickles for ~3 s: the first scrape happens while it is being fetched.
    body = rss([DENIAL, ITALY])
    server.add("/slow.xml", Response(body, chunk_size=len(body) // 6 + 1, chunk_delay=0.5))
    config = write_config(
        tmp_path / "config.yaml",
        db_url,
        [server.url("/slow.xml"), "http://127.0.0.1:9/refused.xml"],
        extra={"metrics": {"port": 1}},  # overridden on the command line
    )
    subprocess.run([*TRACKER, "--config", str(config), "init"], check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen(
        [*TRACKER, "--config", str(config), "run", "--metrics-port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + 30
        during = None
        while time.monotonic() < deadline:
            if server.count("/slow.xml"):
                try:
                    during = scrape(port)
                    break
                except httpx.TransportError:
                    pass
            time.sleep(0.1)
        assert during is not None, "never scraped while the feed was being fetched"
        (daemon,) = {
            dict(labels)["daemon"] for name, labels in during if name == "tracker_daemon_info"
        }
        assert daemon.count(":") == 2  # host:pid:random, as `tracker status` lists it
        assert value(during, "tracker_polls_total", outcome="ok") == 0  # still fetching
        assert (
            value(during, "process_resident_memory_bytes")
            and value(during, "process_cpu_seconds_total") is not None
        )
        for name in (
            "tracker_fetch_duration_seconds_bucket",
            "tracker_cycle_duration_seconds_count",
            "tracker_digests_total",
            "tracker_lease_takeovers_total",
            "tracker_feeds_failing",
            "tracker_last_successful_poll_timestamp_seconds",
        ):
            assert value(during, name, daemon=daemon) is not None, name

        after = during
        while time.monotonic() < deadline + 30:
            after = scrape(port)
            if value(after, "tracker_polls_total", outcome="ok") and value(
                after, "tracker_cycle_duration_seconds_count"
            ):
                break
            time.sleep(0.2)
        assert value(after, "tracker_polls_total", daemon=daemon, outcome="ok") == 1
        assert value(after, "tracker_polls_total", outcome="error") == 1
        assert value(after, "tracker_stories_stored_total", kind="new") == 2
        stances = {
            s: value(after, "tracker_verdicts_total", stance=s) or 0
            for s in ("corroborates", "contradicts", "discusses")
        }
        # The denial contradicts chips-50k; Italy's order is about the app-store claim.
        assert stances["contradicts"] >= 1 and sum(stances.values()) >= 2, stances
        assert value(after, "tracker_fetch_duration_seconds_count") == 2
        slow = value(after, "tracker_fetch_duration_seconds_bucket", le="2.5")
        assert slow is not None and slow <= 1  # the trickled fetch took longer than 2.5 s
        assert value(after, "tracker_feeds_failing") == 1
        assert value(after, "tracker_feeds") == 2
        assert (
            value(after, "tracker_last_successful_poll_timestamp_seconds") or 0
        ) > time.time() - 120
    finally:
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output
    assert f"metrics on http://127.0.0.1:{port}/metrics" in output


def test_a_taken_metrics_port_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.yaml", f"sqlite:///{tmp_path}/t.sqlite", [])
    subprocess.run([*TRACKER, "--config", str(config), "init"], check=True, capture_output=True)
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [*TRACKER, "--config", str(config), "run", "--metrics-port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"cannot serve metrics on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_lease_takeovers_are_counted(storage: Storage) -> None:
    now = datetime(2025, 2, 4, 10, 0, tzinfo=UTC)
    storage.sync_feeds([FeedConfig(url="https://a.example/rss")], now=now)
    first = storage.lease_due_feeds("daemon-a", now, lease_seconds=60)
    assert [f.lease_owner for f in first] == [None]  # as found: nobody held it
    # daemon-a dies; after its lease expires daemon-b takes the feed over.
    later = now + timedelta(seconds=61)
    taken = storage.lease_due_feeds("daemon-b", later, lease_seconds=60)
    assert [f.lease_owner for f in taken] == ["daemon-a"]
    metrics = DaemonMetrics("daemon-b")
    metrics.leased(first)
    metrics.leased(taken)
    metrics.leased(storage.lease_due_feeds("daemon-b", later, lease_seconds=60))  # its own
    assert metrics.lease_takeovers.labels("daemon-b")._value.get() == 1
