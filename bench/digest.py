"""Digest: building the daily digest over 30 days of evidence for 50 claims.

Fills a fresh SQLite database (or --database) with --stories synthetic stories
spread over 30 days, each with fake verdicts for --verdicts random claims of
the 50 (bulk inserts: the fixture, not measured), then times the real code:

* `tracker.digest.delivery.preview_digest` – what `tracker digest --preview DIR` runs
  (today's window: since the last digest, or one day), and
* the same build (`delivery._build`) and both renderings with the window
  stretched to the whole 30 days, the worst case (a digest never sent).

Lower bounds in the same run: the two reads every digest makes, alone –
`Storage.get_claim_summaries` (the claims' statuses, counted in SQL over all
stored verdicts) and `Storage.get_evidence` for the window – and, for
comparison with the runs before statuses were counted in SQL,
`Storage.get_evidence()` over everything (what every digest used to read).

    .venv/bin/python bench/digest.py
    .venv/bin/python bench/digest.py --stories 50000 --verdicts 3

Target: under 2 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine_line, populate, prepared_storage

from tracker.digest.content import render_html, render_text
from tracker.digest.delivery import _build, local_day, preview_digest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", type=int, default=20_000)
    ap.add_argument("--verdicts", type=int, default=2, help="verdicts per story")
    ap.add_argument("--claims", type=int, default=50)
    ap.add_argument("--database", default=None)
    args = ap.parse_args()
    print(f"machine: {machine_line()}")
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="bench-digest-") as tmp:
        config, storage = prepared_storage(Path(tmp), args.database, args.claims)
        populate(storage, args.stories, verdicts_per_story=args.verdicts,
                 claim_ids=[c.id for c in config.claims], now=now)  # fmt: skip
        n = args.stories * min(args.verdicts, args.claims)
        print(f"fixture: {args.stories} stories, {n} verdicts over 30 days, "
              f"{args.claims} claims (not measured)")  # fmt: skip
        t = time.perf_counter()
        evidence = storage.get_evidence()
        every = time.perf_counter() - t
        print(f"  Storage.get_evidence() over everything: {every:.2f} s ({len(evidence)} rows)")
        t = time.perf_counter()
        storage.get_claim_summaries(config.claims)
        statuses = time.perf_counter() - t
        t = time.perf_counter()
        day = storage.get_evidence(logged_since=now - timedelta(days=1), logged_until=now)
        window = time.perf_counter() - t
        print(f"  lower bound, get_claim_summaries alone: {statuses:.2f} s; "
              f"get_evidence of one day alone: {window:.2f} s ({len(day)} rows)")  # fmt: skip
        t = time.perf_counter()
        preview_digest(storage, config, Path(tmp) / "preview", now)
        preview = time.perf_counter() - t
        print(f"  tracker digest --preview (today's window): {preview:.2f} s "
              f"-> {'met' if preview < 2 else 'NOT met'} (< 2 s)")  # fmt: skip
        t = time.perf_counter()
        digest = _build(storage, config, local_day(config.digest, now),
                        (now - timedelta(days=31), now), None, now)  # fmt: skip
        html, text = render_html(digest), render_text(digest)
        full = time.perf_counter() - t
        print(f"  build + render over all 30 days: {full:.2f} s, HTML {len(html) / 1e3:.0f} kB, "
              f"text {len(text) / 1e3:.0f} kB -> {'met' if full < 2 else 'NOT met'} (< 2 s)")  # fmt: skip
        storage.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
