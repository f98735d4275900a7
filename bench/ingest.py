"""Ingest: one cold poll cycle and one warm (all 304) cycle, SQLite and PostgreSQL.

Starts the bench feed server (bench/_common.py, its own process, 127.0.0.1)
serving --feeds feeds x 20 entries (HTML summaries, one feed in five in Hindi or
Marathi), then runs the real pipeline: `Poller.create(config, storage)` and
`Poller.run_cycle(all_feeds=True)` (fetch + parse + match against the 13
shipped claims + store), first cold into an empty database, then warm (every
feed answers 304 to its ETag), then unchanged (the feeds' validators forgotten:
every feed answers 200 with the body already stored, so nothing is new).

Lower bound, same run: `feedparser.parse` with its default settings over the
same bytes, in this process, one feed after another.

`--parser both` (the default) runs every database twice in one run: first with
every feed parsed by feedparser (TRACKER_FEEDPARSER_ONLY set, also in worker
processes: the code before the fast path of tracker/feedxml.py), then with the
fast path (what ships); `--parser fast` or `--parser feedparser` runs one.

    .venv/bin/python bench/ingest.py                        # 1,000 feeds, SQLite + PostgreSQL
    .venv/bin/python bench/ingest.py --feeds 200 --no-postgres
    .venv/bin/python bench/ingest.py --parser fast --workers 2 --embeddings both
    TRACKER_BENCH_PG=postgresql+psycopg://postgres@127.0.0.1:5432/test  (the server to use;
    the benchmark creates and drops its own database there)

`--embeddings on` builds the poller as the daemon does with the sentence encoder:
every worker loads the model, polls match on the lexical path against the stream
profile and leave the new stories awaiting vectors (the embedding job's backlog,
measured by bench/embed.py); `off` (the default) does not load it; `both` runs each.

Targets: cold cycle at least as fast as feedparser's default parse alone
(ratio >= 1.0); warm cycle >= 1,000 feeds/s. Peak RSS is sampled per phase; CPU is
this process's + the worker processes' (user + system, from /proc; not the feed server).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import feedparser
from _common import FeedServer, cpu_seconds, feed_xml, machine_line, rss_mb, write_config
from sqlalchemy import create_engine, text

from tracker.config import load_config
from tracker.embedding import load_encoder
from tracker.feeds.parse import FEEDPARSER_ONLY
from tracker.pipeline import Poller
from tracker.profiles import build_stream
from tracker.storage import open_storage

PG = os.environ.get("TRACKER_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _children(pid: int) -> set[int]:
    """Child processes of `pid` (every thread's), from /proc."""
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return out


class PeakRss:
    """Samples the RSS of this process, plus its worker processes (not the feed
    server), every 50 ms while in the with-block."""

    def __init__(self, exclude: int = 0) -> None:
        self.peak = 0.0
        self.exclude = exclude
        self._stop = threading.Event()

    def cpu(self) -> tuple[float, float]:
        """CPU seconds used so far by this process, and by its worker processes."""
        workers = 0.0
        for child in _children(os.getpid()) - {self.exclude}:
            try:
                workers += cpu_seconds(child)
            except OSError:
                continue
        return cpu_seconds(os.getpid()), workers

    def sample(self) -> float:
        total = rss_mb(os.getpid())
        for child in _children(os.getpid()) - {self.exclude}:
            try:
                total += rss_mb(child)
            except OSError:
                continue
        return total

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.sample())

    def __enter__(self) -> PeakRss:
        self.peak = self.sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.sample())


@contextmanager
def postgres_database(base: str, name: str) -> Iterator[str]:
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def lower_bound(bodies: list[bytes]) -> tuple[float, int]:
    """Seconds for feedparser's default parse of every body, and entries found."""
    start = time.perf_counter()
    entries = 0
    for body in bodies:
        entries += len(feedparser.parse(io.BytesIO(body)).entries)
    return time.perf_counter() - start, entries


@contextmanager
def parser_path(parser: str) -> Iterator[None]:
    """Parse with feedparser only ("feedparser") or with the fast path ("fast"), in this
    process and in worker processes started meanwhile (they inherit the environment)."""
    saved = os.environ.pop(FEEDPARSER_ONLY, None)
    if parser == "feedparser":
        os.environ[FEEDPARSER_ONLY] = "1"
    try:
        yield
    finally:
        os.environ.pop(FEEDPARSER_ONLY, None)
        if saved is not None:
            os.environ[FEEDPARSER_ONLY] = saved


def stages(bodies: list[bytes], config_path: Path) -> str:
    """Per-story cost of our parse (parse_feed, with feedparser only and with the fast
    path) and of matching (Matcher.match, 13 claims) alone, in this process, over
    `bodies`: where a cold cycle's time goes."""
    from datetime import UTC, datetime

    from tracker.engine.matcher import Matcher
    from tracker.feeds.parse import parse_feed

    config = load_config(config_path)
    matcher = Matcher(config.claims, lexicons=config.lexicons, glossary=config.glossary)
    with parser_path("feedparser"):
        start = time.perf_counter()
        for i, b in enumerate(bodies):
            parse_feed(b, feed_url=f"http://x/{i}", headers={})
        slow_s = time.perf_counter() - start
    with parser_path("fast"):
        start = time.perf_counter()
        parsed = [parse_feed(b, feed_url=f"http://x/{i}", headers={}) for i, b in enumerate(bodies)]
        parse_s = time.perf_counter() - start
    stories = [s for p in parsed for s in p.stories]
    now = datetime.now(UTC)
    start = time.perf_counter()
    for story in stories:
        matcher.match(story, now=now)
    match_s = time.perf_counter() - start
    start = time.perf_counter()
    for body in bodies:
        feedparser.parse(io.BytesIO(body))
    bound_s = time.perf_counter() - start
    n = len(stories)
    return (f"per story, {len(bodies)} feeds: feedparser default {bound_s / n * 1000:.3f} ms; "
            f"our parse, feedparser path {slow_s / n * 1000:.3f} ms, fast path "
            f"{parse_s / n * 1000:.3f} ms; match {match_s / n * 1000:.3f} ms")  # fmt: skip


def run_db(
    label: str,
    url: str,
    server: FeedServer,
    feeds: int,
    tmp: Path,
    bound: float,
    profile: str,
    workers: int,
    embeddings: bool = False,
) -> dict[str, Any]:
    name = label.replace("/", "-")
    cfg_path = write_config(tmp / f"{name}.yaml", url, [server.url(i) for i in range(feeds)])
    config = load_config(cfg_path)
    storage = open_storage(url)
    storage.upgrade()
    storage.sync_claims(config.claims)
    storage.sync_feeds(config.feeds)
    # As the daemon builds it: the stream profile of what is stored (nothing yet), and
    # with embeddings on the sentence encoder, loaded by every worker process; polls
    # still match on the lexical path and leave the stories awaiting vectors.
    choice = load_encoder(enabled=embeddings)
    encoder = choice.encoder
    stream = build_stream(storage, encoder.name if encoder else None, datetime.now(UTC), "bench")
    print(f"  {label}: {choice.why}", flush=True)
    poller = Poller.create(config, storage, workers=workers, stream=stream.profile, encoder=encoder)
    poller.start()  # worker processes (if any) started before the clock, as in a daemon
    out: dict[str, Any] = {}
    try:
        for phase in ("cold", "warm", "unchanged"):
            if phase == "unchanged":
                with storage.engine.begin() as c:
                    c.execute(text("UPDATE feeds SET etag = NULL, last_modified = NULL"))
            profiler: Any = None
            if profile == phase:
                from pyinstrument import Profiler

                profiler = Profiler()
                profiler.start()
            server_pid = server.proc.pid if server.proc is not None else 0
            with PeakRss(exclude=server_pid) as rss:
                cpu_before, start = rss.cpu(), time.perf_counter()
                results = poller.run_cycle(all_feeds=True)
                seconds = time.perf_counter() - start
                main_cpu, workers_cpu = (b - a for a, b in zip(cpu_before, rss.cpu(), strict=True))
            if profiler is not None:
                profiler.stop()
                print(profiler.output_text(unicode=True, color=False, show_all=False))
            new = sum(r.new_stories for r in results)
            failed = [r for r in results if not r.ok]
            unchanged = sum(1 for r in results if r.not_modified)
            verdicts = sum(r.verdicts for r in results)
            out[phase] = (seconds, new, len(failed), unchanged, verdicts, rss.peak)
            extra = (
                f"ratio to feedparser alone {bound / seconds:.2f}"
                if phase == "cold"
                else (f"{unchanged} x 304")
            )
            print(f"  {label:21} {phase}: {seconds:7.2f} s  {len(results) / seconds:8.0f} feeds/s  "
                  f"{new / seconds:7.0f} entries/s  {new} new, {verdicts} verdicts, "
                  f"{len(failed)} failed  peak RSS {rss.peak:.0f} MB  CPU {main_cpu:.1f} + {workers_cpu:.1f} s  {extra}",
                  flush=True)  # fmt: skip
            for r in failed[:3]:
                print(f"    failed: {r.feed_url}: {r.error}")
            if phase == "cold":
                # What was stored, to compare runs (same engine output): stories, syndication
                # clusters, verdicts by stance.
                with storage.engine.connect() as c:
                    clusters = c.execute(text("SELECT COUNT(DISTINCT cluster_id) FROM stories"))
                    stances = c.execute(
                        text(
                            "SELECT stance, COUNT(*) FROM verdicts GROUP BY stance ORDER BY stance"
                        )
                    )
                    print(f"    stored: {clusters.scalar()} clusters; verdicts "
                          + ", ".join(f"{st} {n}" for st, n in stances), flush=True)  # fmt: skip
                if encoder is not None:
                    print(f"    awaiting vectors: {storage.count_awaiting_vectors(encoder.name)}"
                          " stories (the embedding job's backlog; bench/embed.py)", flush=True)  # fmt: skip
    finally:
        poller.close()
        storage.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--profile", choices=("cold", "warm", "unchanged"),
                    help="pyinstrument that phase")  # fmt: skip
    ap.add_argument("--workers", default="0",
                    help='polling.workers: processes that parse and match (0: one process; "auto": by cores)')  # fmt: skip
    ap.add_argument("--parser", choices=("both", "feedparser", "fast"), default="both",
                    help="feedparser only (before the fast path), the fast path, or both in turn")  # fmt: skip
    ap.add_argument("--embeddings", choices=("off", "on", "both"), default="off",
                    help="the sentence encoder loaded (polls leave stories awaiting vectors), "
                         "not loaded, or both in turn")  # fmt: skip
    args = ap.parse_args()
    if args.workers == "auto":
        from tracker.pipeline import auto_workers, cores

        args.workers = auto_workers(cores())
    args.workers = int(args.workers)
    print(f"machine: {machine_line()}")
    bodies = [feed_xml(i, 20) for i in range(args.feeds)]
    size = sum(map(len, bodies))
    bound, entries = lower_bound(bodies)
    sample = bodies[:200]
    print(f"{args.feeds} feeds x 20 entries, {size / 1e6:.1f} MB ({size / args.feeds / 1024:.0f} "
          f"KB/feed)")  # fmt: skip
    print(f"  lower bound, feedparser.parse default settings, one process: {bound:.2f} s, "
          f"{size / 1e6 / bound:.2f} MB/s, {entries / bound:.0f} entries/s, "
          f"{args.feeds / bound:.0f} feeds/s")  # fmt: skip
    with (
        tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp_name,
        FeedServer(args.feeds, 20) as server,
    ):
        tmp = Path(tmp_name)
        print("  stages alone (first feeds), " + stages(sample, write_config(tmp / "s.yaml", f"sqlite:///{tmp}/unused.sqlite", [])), flush=True)  # fmt: skip
        parsers = ("feedparser", "fast") if args.parser == "both" else (args.parser,)
        choices = {"off": (False,), "on": (True,), "both": (False, True)}[args.embeddings]
        for parser in parsers:
            for embeddings in choices:
                tag = f"{parser}{'+enc' if embeddings else ''}"
                with parser_path(parser):  # also in the worker processes started meanwhile
                    if not args.no_sqlite:
                        run_db(f"sqlite/{tag}", f"sqlite:///{tmp}/ingest-{tag}.sqlite", server,
                               args.feeds, tmp, bound, args.profile or "", args.workers,
                               embeddings)  # fmt: skip
                    if not args.no_postgres:
                        db = f"bench_ingest_{os.getpid()}_{parser}_{int(embeddings)}"
                        with postgres_database(PG, db) as url:
                            run_db(f"postgresql/{tag}", url, server, args.feeds, tmp, bound,
                                   args.profile or "", args.workers, embeddings)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
