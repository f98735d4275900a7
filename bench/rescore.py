"""Rescore: every stored story matched again after a claim changes, with progress shown.

Fills a fresh SQLite database (or --database) with --stories synthetic stories
(bulk inserts: the fixture, not measured), stores --claims claims (the 13
shipped ones plus plain-sentence synthetic ones), then times
`tracker.pipeline.rescore_stories` – the function `tracker rescore` and the
daemon's "a claim changed" path call – printing progress every 10,000 stories:

* all --claims claims rescored (what `tracker rescore` does), and
* one changed claim (what the daemon does when one claim's definition changes).

Lower bound in the same run: `Matcher.match` over the same stories with no
database (stories already in memory), for the same claims.

    .venv/bin/python bench/rescore.py                            # 100,000 stories x 50 claims
    .venv/bin/python bench/rescore.py --stories 10000            # a quick look

Target: under 60 s for 100,000 stories x 50 claims.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine_line, populate, prepared_storage

from tracker.engine.matcher import Matcher
from tracker.pipeline import rescore_stories, rescore_workers


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", type=int, default=100_000)
    ap.add_argument("--claims", type=int, default=50)
    ap.add_argument("--database", default=None, help="SQLAlchemy URL (default: temp SQLite)")
    ap.add_argument("--skip-all", action="store_true", help="only the one-changed-claim run")
    ap.add_argument("--workers", type=int, default=None,
                    help="worker processes (default: what rescore_stories chooses; 0: none)")  # fmt: skip
    args = ap.parse_args()
    print(f"machine: {machine_line()}")
    with tempfile.TemporaryDirectory(prefix="bench-rescore-") as tmp:
        config, storage = prepared_storage(Path(tmp), args.database, args.claims)
        t = time.perf_counter()
        populate(storage, args.stories)
        print(f"fixture: {args.stories} stories stored in {time.perf_counter() - t:.1f} s "
              f"(not measured)")  # fmt: skip
        runs = [("one changed claim", list(config.claims[:1]))]
        if not args.skip_all:
            runs.insert(0, (f"all {len(config.claims)} claims", list(config.claims)))
        for label, claims in runs:
            done = 0
            start = time.perf_counter()

            def progress(label: str = label, start: float = start) -> None:
                nonlocal done
                done += 1
                if done % 10_000 == 0:
                    el = time.perf_counter() - start
                    print(f"  {label}: {done}/{args.stories} stories, {el:.1f} s", flush=True)

            workers = (
                rescore_workers(args.stories, len(claims)) if args.workers is None else args.workers
            )
            n, written = rescore_stories(storage, claims, lexicons=config.lexicons,
                                         glossary=config.glossary,
                                         on_story=progress, workers=workers)  # fmt: skip
            wall = time.perf_counter() - start
            # Lower bound: the engine alone over the same stories, already in memory.
            stories = [st for batch in storage.iter_story_batches(5000) for _, st in batch]
            matcher = Matcher(claims, lexicons=config.lexicons, glossary=config.glossary)
            t0 = time.perf_counter()
            for st in stories:
                matcher.match(st, now=None)
            bound = time.perf_counter() - t0
            print(f"{label}: {n} stories x {len(claims)} claims in {wall:.1f} s "
                  f"with {workers} worker processes "
                  f"({n * len(claims) / wall:,.0f} pairs/s, {n / wall:,.0f} stories/s), "
                  f"{written} verdicts written; engine alone, one process {bound:.1f} s "
                  f"(wall / engine alone {wall / bound:.2f}); target < 60 s -> "
                  f"{'met' if wall < 60 else 'NOT met'}", flush=True)  # fmt: skip
        storage.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
