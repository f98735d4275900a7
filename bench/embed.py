"""The embedding job's drain rate: stories/s and CPU seconds a story, with 0 and 2 workers.

Polls --stories synthetic stories (bench/_common.py's feed server, 20 entries a feed,
one feed in five in Hindi or Marathi) into a fresh SQLite database on the lexical
path, as the daemon does, so they await vectors; then runs the embedding job
(`tracker.backlog.embed_backlog`, what the daemon runs after each cycle and `tracker
embed` runs to the end) over all of them with the real sentence encoder, in this
process (workers 0) and in two worker processes (workers 2), each on its own copy of
the database. CPU is this process's + the worker processes' (user + system, from
/proc); peak RSS is sampled every 50 ms, and each worker's RSS is read at the end
(the model loaded and used).

    .venv/bin/python bench/embed.py                       # 400 stories, workers 0 and 2
    .venv/bin/python bench/embed.py --stories 200 --workers 2

Run it under `flock /work/bench.lock` (two cores shared by several sessions).
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import FeedServer, machine_line, rss_mb, write_config
from ingest import PeakRss

from tracker.backlog import embed_backlog
from tracker.config import load_config
from tracker.embedding import load_encoder
from tracker.pipeline import Poller
from tracker.profiles import build_stream
from tracker.storage import open_storage


def fill(db: Path, server: FeedServer, feeds: int, tmp: Path) -> Path:
    """Poll every feed once into `db` on the lexical path: the stories await vectors."""
    cfg = write_config(tmp / "fill.yaml", f"sqlite:///{db}", [server.url(i) for i in range(feeds)])
    config = load_config(cfg)
    storage = open_storage(f"sqlite:///{db}")
    storage.upgrade()
    storage.sync_claims(config.claims)
    storage.sync_feeds(config.feeds)
    poller = Poller.create(config, storage, workers=0)
    try:
        poller.run_cycle(all_feeds=True)
    finally:
        poller.close()
        storage.close()
    return cfg


def drain(db: Path, cfg: Path, workers: int, exclude: int) -> None:
    """Embed every story awaiting vectors in `db` (`exclude`: the feed server's pid)."""
    config = load_config(cfg)
    storage = open_storage(f"sqlite:///{db}")
    choice = load_encoder()
    encoder = choice.encoder
    if encoder is None:
        raise SystemExit(f"no sentence encoder on this machine: {choice.why}")
    stream = build_stream(storage, encoder.name, datetime.now(UTC), "bench")
    poller = Poller.create(config, storage, workers=workers, stream=stream.profile, encoder=encoder)
    poller.start()  # the workers start (and load the model) before the clock, as in a daemon
    awaiting = storage.count_awaiting_vectors(encoder.name)
    try:
        with PeakRss(exclude=exclude) as rss:
            cpu_before, start = rss.cpu(), time.perf_counter()
            report = embed_backlog(storage, poller.engine, poller.pool, now=datetime.now(UTC))
            seconds = time.perf_counter() - start
            main_cpu, workers_cpu = (b - a for a, b in zip(cpu_before, rss.cpu(), strict=True))
            # The pool's own processes (not the feed server, not multiprocessing's helper).
            pool = poller.pool
            pids = sorted(pool._pool._processes) if pool is not None else []  # type: ignore[attr-defined]
            per_worker = [rss_mb(pid) for pid in pids]
        cpu = main_cpu + workers_cpu
        done = report.embedded + report.failed
        assert done == awaiting and report.remaining == 0, (report, awaiting)
        print(f"  workers {workers}: {done} stories in {seconds:.1f} s = {done / seconds:.2f} "
              f"stories/s; CPU {main_cpu:.1f} + {workers_cpu:.1f} s = {cpu / done * 1000:.0f} ms "
              f"a story; {report.verdicts} verdicts written; peak RSS {rss.peak:.0f} MB"
              + (f"; each worker {', '.join(f'{m:.0f}' for m in per_worker)} MB"
                 if per_worker else ""), flush=True)  # fmt: skip
    finally:
        poller.close()
        storage.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", type=int, default=400)
    ap.add_argument("--workers", type=int, action="append",
                    help="worker processes (repeatable; default: 0 and 2)")  # fmt: skip
    args = ap.parse_args()
    feeds = math.ceil(args.stories / 20)
    print(f"machine: {machine_line()}")
    print(f"encoder: {load_encoder().why}")
    with (
        tempfile.TemporaryDirectory(prefix="bench-embed-") as tmp_name,
        FeedServer(feeds, 20) as server,
    ):
        tmp = Path(tmp_name)
        base = tmp / "polled.sqlite"
        cfg = fill(base, server, feeds, tmp)
        print(f"{feeds * 20} stories polled ({feeds} feeds x 20), awaiting vectors", flush=True)
        for workers in args.workers or [0, 2]:
            db = tmp / f"w{workers}.sqlite"
            shutil.copy(base, db)
            drain(db, cfg, workers, server.proc.pid if server.proc is not None else 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
