"""Benchmark: `tracker web` serving 10,000 stories and 50,000 verdicts.

Fills a database through the real write path (`Storage.record_polls`): the shipped
config's claims, 20 feeds, 10,000 stories spread over 30 days (one in five in Hindi
or Marathi), five verdicts each (50,000). Then starts `tracker web` as a subprocess,
as a user would, and times pages from another process (httpx): each page warm, many
times, and reports the server's resident memory (now and peak) and CPU seconds.

Targets (issue #13): the server under 150 MB; `/` within 200 ms.

    flock /work/bench.lock python bench/web.py [--database URL] [--requests 30]

Without --database, a SQLite file in a temporary folder; with a PostgreSQL URL,
its schema must be empty (the benchmark runs `tracker init` on it).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import yaml
from _common import ROOT, cpu_seconds, machine_line

from tracker.config import load_config
from tracker.storage import open_storage
from tracker.types import FeedPollUpdate, ReviewDecision, Stance, Story, StoryWithVerdicts, Verdict

DAYS = 30
FEEDS = 20
WORDS = [
    "DeepSeek",
    "Nvidia",
    "chips",
    "export",
    "model",
    "release",
    "R2",
    "analysts",
    "report",
    "market",
    "investors",
    "China",
    "United",
    "States",
    "data",
    "centre",
    "training",
    "cost",
    "price",
    "OpenAI",
    "app",
    "store",
    "privacy",
    "regulator",
    "Italy",
    "Korea",
    "Liang",
    "Wenfeng",
    "High-Flyer",
    "cluster",
    "A100",
    "H100",
    "GPUs",
]
HINDI = [
    "दीपसीक",
    "ने",
    "एनवीडिया",
    "चिप्स",
    "के",
    "दावे",
    "से",
    "इनकार",
    "किया",
    "और",
    "कहा",
    "कि",
    "उसके",
    "पास",
    "कम",
    "चिप्स",
    "हैं",
]
MARATHI = ["दीपसीककडे", "एनव्हीडिया", "चिप्स", "असल्याचा", "दावा", "कंपनीने", "फेटाळला", "असे", "सांगितले"]


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def fill(url: str, config_path: Path, stories: int, per_story: int, seed: int) -> float:
    """Store the stories and verdicts; seconds taken."""
    rng = random.Random(seed)
    config = load_config(config_path)
    claims = [c.id for c in config.claims]
    hashes = {c.id: c.definition_hash for c in config.claims}
    store = open_storage(url)
    started = time.perf_counter()
    try:
        store.upgrade()
        store.sync_claims(config.claims)
        store.sync_feeds(config.feeds)
        feeds = store.get_feeds()
        now = datetime.now(UTC)
        start = now - timedelta(days=DAYS - 1)
        stances = [Stance.CORROBORATES] * 3 + [Stance.CONTRADICTS] * 2 + [Stance.DISCUSSES] * 5
        updates: list[FeedPollUpdate] = []
        per_update = 50
        for first in range(0, stories, per_update):
            feed = feeds[(first // per_update) % len(feeds)]
            at = start + timedelta(seconds=(DAYS - 1) * 86400 * first / stories)
            items = []
            for i in range(first, min(first + per_update, stories)):
                kind = i % 5
                words, lang = (
                    (HINDI, "hi") if kind == 3 else (MARATHI, "mr") if kind == 4 else (WORDS, "en")
                )
                text = " ".join(sentence(rng, words, rng.randint(8, 16)) for _ in range(5))
                story = Story(
                    feed_url=feed.url,
                    entry_key=f"story-{i}",
                    title=sentence(rng, words, 9)[:-1],
                    text=text,
                    link=f"https://news.example.org/{i}",
                    published=at,
                    lang=lang,
                )
                verdicts = [
                    Verdict(
                        claim_id=claim_id,
                        stance=rng.choice(stances),
                        score=round(rng.uniform(0.3, 0.95), 3),
                        evidence=text.split(".")[0] + ".",
                        reasons=("relevance 0.80 (article model)", "stance: synthetic"),
                        engine_version="bench",
                    )
                    for claim_id in rng.sample(claims, per_story)
                ]
                items.append(StoryWithVerdicts(story, verdicts, hashes))
            updates.append(
                FeedPollUpdate(
                    feed_id=feed.id,
                    polled_at=at,
                    next_poll=now + timedelta(hours=1),
                    stories=tuple(items),
                )
            )
            if len(updates) == 8:
                store.record_polls(updates)
                updates = []
        if updates:
            store.record_polls(updates)
    finally:
        store.close()
    return time.perf_counter() - started


def vm(pid: int, key: str) -> float:
    """A /proc/PID/status memory line (VmRSS, VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="SQLAlchemy URL (default: SQLite in a temp folder)")
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--verdicts-per-story", type=int, default=5)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", metavar="DIR", help="fill into DIR and keep it (a config.yaml)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tracker-web-bench-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        url = args.database or f"sqlite:///{folder}/tracker.sqlite"
        shipped = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
        config = {
            "database": url,
            "claims": shipped["claims"],
            "feeds": [
                {"url": f"https://feeds.example.org/{i}.xml", "name": f"Feed {i}"}
                for i in range(FEEDS)
            ],
        }
        config_path = folder / "config.yaml"
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        print(machine_line())
        print(f"database: {url.split('@')[-1]}")
        seconds = fill(url, config_path, args.stories, args.verdicts_per_story, args.seed)
        print(
            f"filled {args.stories:,} stories, {args.stories * args.verdicts_per_story:,} "
            f"verdicts in {seconds:.1f} s"
        )
        port = free_port()
        env = {**os.environ, "TRACKER_DATABASE_URL": url}
        server = subprocess.Popen(
            [sys.executable, "-m", "tracker", "--config", str(config_path), "web", "--port",
             str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            print(f"server started: RSS {vm(server.pid, 'VmRSS'):.1f} MB")
            pages = [
                "/",
                "/claims/chips-50k",
                "/claims/chips-50k?page=40",
                "/feeds",
                "/stories",
                "/stories?q=nvidia+chips",
                "/stories?lang=mr",
                "/api/claims",
                "/api/claims/chips-50k/evidence?per_page=500",
            ]
            cpu_before = cpu_seconds(server.pid)
            print("| page | first | median | p95 | max | size |")
            print("| --- | ---: | ---: | ---: | ---: | ---: |")
            with httpx.Client(base_url=base, timeout=60) as client:
                for page in pages:
                    times = []
                    size = 0
                    for _ in range(args.requests + 1):
                        t0 = time.perf_counter()
                        r = client.get(page)
                        times.append((time.perf_counter() - t0) * 1000)
                        assert r.status_code == 200, (page, r.status_code)
                        size = len(r.content)
                    warm = sorted(times[1:])
                    p95 = warm[max(0, int(len(warm) * 0.95) - 1)]
                    print(
                        f"| `{page}` | {times[0]:.0f} ms | {statistics.median(warm):.0f} ms | "
                        f"{p95:.0f} ms | {warm[-1]:.0f} ms | {size / 1024:.0f} kB |"
                    )
                # The cache of statuses and charts is keyed on the verdicts and reviews:
                # after each change (a review here; a poll storing verdicts in a
                # deployment) the next `/` counts them again.
                store = open_storage(url)
                try:
                    ids = [e.verdict_id for e in store.get_evidence(limit=args.requests)]
                    after_change = []
                    for verdict_id in ids:
                        store.set_review(verdict_id, ReviewDecision.CONFIRMED, note="bench")
                        t0 = time.perf_counter()
                        assert client.get("/").status_code == 200
                        after_change.append((time.perf_counter() - t0) * 1000)
                finally:
                    store.close()
                after_change.sort()
                print(
                    f"| `/` after each of {len(ids)} reviews | | "
                    f"{statistics.median(after_change):.0f} ms | "
                    f"{after_change[max(0, int(len(after_change) * 0.95) - 1)]:.0f} ms | "
                    f"{after_change[-1]:.0f} ms | |"
                )
            print(
                f"server after {len(pages) * (args.requests + 1) + len(ids)} requests: "
                f"RSS {vm(server.pid, 'VmRSS'):.1f} MB, peak {vm(server.pid, 'VmHWM'):.1f} MB, "
                f"CPU {cpu_seconds(server.pid) - cpu_before:.1f} s for the requests "
                f"({cpu_seconds(server.pid):.1f} s in all)"
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
