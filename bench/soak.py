"""Daemon soak: `tracker run` against local feeds with short intervals; RSS over time.

Starts the bench feed server (bench/_common.py) with 2,000 feeds x 20 entries in
which every feed gains a new entry every --rotate seconds, writes a config with
those feeds (shipped 13 claims, interval --interval, daemon tick 5 s) into a
temporary folder, runs `tracker init`, then `tracker run` as a subprocess for
--minutes, sampling its RSS from /proc every --sample seconds. At the end the
daemon is stopped with SIGTERM; polls done come from the server's counters,
errors from the daemon's log ("failed:" lines) and from the feeds table.

    .venv/bin/python bench/soak.py                     # 2,000 feeds, 10 minutes, SQLite
    .venv/bin/python bench/soak.py --feeds 200 --minutes 1   # a quick look

Target: RSS flat after warm-up and under 300 MB.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import FeedServer, machine_line, rss_mb, write_config

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feeds", type=int, default=2000)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--interval", default="1m", help="every feed's poll interval")
    ap.add_argument("--rotate", type=float, default=120.0, help="a new entry per feed every S s")
    ap.add_argument("--sample", type=float, default=10.0, help="RSS sample period, seconds")
    ap.add_argument("--database", default=None, help="SQLAlchemy URL (default: temp SQLite)")
    args = ap.parse_args()
    print(f"machine: {machine_line()}")
    tracker = [sys.executable, "-m", "tracker"]
    with (
        tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp,
        FeedServer(args.feeds, 20, rotate=args.rotate) as server,
    ):
        db = args.database or f"sqlite:///{tmp}/soak.sqlite"
        cfg = write_config(
            Path(tmp) / "config.yaml",
            db,
            [server.url(i) for i in range(args.feeds)],
            polling={"interval": args.interval},
            daemon={"tick": "5s"},
        )
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        subprocess.run([*tracker, "--config", str(cfg), "init"], check=True, env=env,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        log_path = Path(tmp) / "daemon.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen([*tracker, "--config", str(cfg), "run"], stdout=log,
                                    stderr=subprocess.STDOUT, env=env)  # fmt: skip
            start = time.monotonic()
            samples: list[tuple[float, float, int]] = []
            print(f"{'t (s)':>7} {'RSS MB':>8} {'requests':>9}")
            try:
                while (elapsed := time.monotonic() - start) < args.minutes * 60:
                    if proc.poll() is not None:
                        print("daemon exited early", file=sys.stderr)
                        break
                    rss = rss_mb(proc.pid)
                    done = server.stats().get("requests", 0)
                    samples.append((elapsed, rss, done))
                    print(f"{elapsed:7.0f} {rss:8.1f} {done:9d}", flush=True)
                    time.sleep(args.sample)
            finally:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(60)
                except subprocess.TimeoutExpired:
                    proc.kill()
        stats = server.stats()
        log_text = log_path.read_text(encoding="utf-8", errors="replace")
        failed = sum(1 for line in log_text.splitlines() if " failed: " in line)
        tracebacks = log_text.count("Traceback")
        failing = subprocess.run(
            [*tracker, "--config", str(cfg), "status"], capture_output=True, text=True
        ).stdout
        feeds_line = next((ln for ln in failing.splitlines() if ln.startswith("feeds:")), "?")
    warm = [s for s in samples if s[0] >= 120] or samples
    print()
    print(f"feeds {args.feeds}, interval {args.interval}, new entry per feed every "
          f"{args.rotate:.0f} s, {args.minutes:g} min, database {db.split(':')[0]}")  # fmt: skip
    print(f"polls done (server requests): {stats.get('requests', 0)} "
          f"({stats.get('200', 0)} x 200, {stats.get('304', 0)} x 304); "
          f"{stats.get('requests', 0) / max(samples[-1][0], 1):.0f} polls/s average")  # fmt: skip
    print(f"errors: {failed} failed polls in the log, {tracebacks} tracebacks; {feeds_line}")
    if samples:
        rss = [s[1] for s in samples]
        wrss = [s[1] for s in warm]
        print(f"RSS: max {max(rss):.1f} MB; after 2 min warm-up min {min(wrss):.1f} / "
              f"max {max(wrss):.1f} MB (drift {wrss[-1] - wrss[0]:+.1f} MB); target < 300 MB "
              f"and flat -> {'met' if max(rss) < 300 else 'NOT met'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
