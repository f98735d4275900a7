"""Crash safety: a poll killed with SIGKILL mid-cycle loses and duplicates nothing."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from feedserver import FeedServer, Response
from helpers import Item, rss, write_config

from tracker.storage import open_storage

TRACKER = [sys.executable, "-m", "tracker"]
FEEDS = 24
ENTRIES = 5


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


#: What most entries are about: a stream whose stories mostly say the same thing would
#: make that its subject (tracker.engine.stream), relating none of them.
OTHER_NEWS = [
    ("Monsoon rain expected over Pune", "Light to heavy rain is expected for five days."),
    ("City council approves road budget", "The council approved 60 million for repairs."),
    ("Local team wins cricket final", "The home side won by six wickets on Sunday."),
    ("Rail line to reopen after repairs", "Trains resume on the coastal line next week."),
    ("Museum opens new textile gallery", "Weavers from twelve districts show their work."),
]
COUNTRIES = ["Italy", "South Korea", "Taiwan", "Australia", "India", "Germany"]


def about_claim(n: int) -> bool:
    """One feed in four carries a story about the app-store claim (its first entry)."""
    return n % 4 == 0


def feed_items(n: int) -> list[Item]:
    items = [Item(f"f{n}-e{k}", f"{OTHER_NEWS[k][0]} ({n})", OTHER_NEWS[k][1])
             for k in range(ENTRIES)]  # fmt: skip
    if about_claim(n):
        country = COUNTRIES[n // 4]
        items[0] = Item(f"f{n}-e0", f"{country} removes DeepSeek from app stores",
                        f"Regulators in {country} removed the DeepSeek app from national app "
                        "stores over privacy concerns.")  # fmt: skip
    return items


def test_sigkill_mid_cycle_then_restart_stores_every_story_once(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    urls = []
    for n in range(FEEDS):
        body = rss(feed_items(n))
        # Trickle each body so the cycle lasts long enough to be killed in the middle.
        server.add(f"/f{n}.xml", Response(body, chunk_size=max(1, len(body) // 4), chunk_delay=0.1))
        urls.append(server.url(f"/f{n}.xml"))
    config = write_config(tmp_path / "config.yaml", db_url, urls)
    subprocess.run([*TRACKER, "--config", str(config), "init"], check=True, capture_output=True)

    proc = subprocess.Popen([*TRACKER, "--config", str(config), "poll", "--once", "--all"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    store = open_storage(db_url)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            stored = len(store.get_stories())
            if stored >= ENTRIES * 2:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the cycle ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        partial = len(store.get_stories())
        assert 0 < partial < FEEDS * ENTRIES, "killed in the middle of the cycle"
        assert partial % ENTRIES == 0, "a feed's stories are committed together or not at all"

        rerun = subprocess.run([*TRACKER, "--config", str(config), "poll", "--once", "--all"],
                               capture_output=True, text=True, timeout=120)  # fmt: skip
        assert rerun.returncode == 0, rerun.stderr
        stories = store.get_stories()
        keys = Counter((s.feed_url, s.story.entry_key) for s in stories)
        assert len(keys) == FEEDS * ENTRIES and set(keys.values()) == {1}
        verdicts = Counter((e.story_id, e.claim_id) for e in store.get_evidence())
        assert set(verdicts.values()) == {1}
        about = {s.id for s in stories if about_claim(int(s.story.entry_key[1:].split("-")[0]))
                 and s.story.entry_key.endswith("-e0")}  # fmt: skip
        assert {sid for sid, _ in verdicts} == about, "every story was matched"
    finally:
        if proc.poll() is None:
            proc.kill()
        store.close()
