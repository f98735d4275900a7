"""Per-story cost of matching: `Matcher(13 shipped claims).match(story)`, in us/story.

The stories are the ingest benchmark's (bench/_common.py's synthetic feeds: HTML
summaries, one feed in five in Hindi or Marathi), turned into `Story` objects by
our own `parse_feed` exactly as a poll does, then matched in this process with
one `Matcher` built once. Parsing is not timed.

    .venv/bin/python bench/match_story.py                  # 200 feeds (4,000 stories)
    .venv/bin/python bench/match_story.py --feeds 1000 --rounds 3
    .venv/bin/python bench/match_story.py --profile        # pyinstrument of one round

Figures: the first round (per-word caches empty, as in a fresh daemon's first
cycle) and the best of the later rounds (caches warm, as in a daemon that has
seen the words before), in us/story; and, as the lower bound of the same run,
feedparser's default parse of the same bytes per story (the ingest benchmark's
target: the whole cold cycle at least as fast as that parse alone).

The printed fingerprint is the SHA-1 of every verdict (claim, stance, score,
evidence, reasons) in order: an optimisation must leave it unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import feedparser
from _common import feed_xml, machine_line, shipped_claims

from tracker.config import load_config
from tracker.feeds.parse import parse_feed
from tracker.types import Story, Verdict


def fingerprint(verdicts: list[list[Verdict]]) -> tuple[str, int]:
    """SHA-1 over every verdict, and how many there are."""
    digest = hashlib.sha1()
    count = 0
    for story_verdicts in verdicts:
        digest.update(b"\x1e")
        for v in story_verdicts:
            count += 1
            fields = (v.claim_id, v.stance, repr(v.score), v.evidence or "", *v.reasons)
            digest.update("\x1f".join(fields).encode() + b"\x1d")
    return digest.hexdigest()[:16], count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feeds", type=int, default=200, help="feeds of 20 stories (default 200)")
    ap.add_argument("--rounds", type=int, default=3, help="match every story this many times")
    ap.add_argument("--profile", action="store_true", help="pyinstrument the first round")
    args = ap.parse_args()
    print(f"machine: {machine_line()}")

    import tempfile

    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.yaml"
        # A file the benchmark never opens: the configuration refuses in-memory SQLite.
        data = {
            "database": f"sqlite:///{tmp}/unused.sqlite",
            "feeds": [],
            "claims": shipped_claims(),
        }
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        config = load_config(path)

    from tracker.engine.matcher import Matcher

    bodies = [feed_xml(i, 20) for i in range(args.feeds)]
    stories: list[Story] = [
        s
        for i, b in enumerate(bodies)
        for s in parse_feed(b, feed_url=f"http://x/{i}", headers={}).stories
    ]
    n = len(stories)
    start = time.perf_counter()
    for body in bodies:
        feedparser.parse(io.BytesIO(body))
    bound = time.perf_counter() - start

    matcher = Matcher(config.claims, lexicons=config.lexicons, glossary=config.glossary)
    now = datetime(2025, 3, 1, tzinfo=UTC)
    times: list[float] = []
    prints: set[tuple[str, int]] = set()
    for round_ in range(args.rounds):
        profiler = None
        if args.profile and round_ == 0:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
        start = time.perf_counter()
        out = [matcher.match(story, now=now) for story in stories]
        times.append(time.perf_counter() - start)
        if profiler is not None:
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        prints.add(fingerprint(out))

    print(f"{n} stories from {args.feeds} feeds, 13 shipped claims")
    print(f"  lower bound, feedparser.parse default, per story: {bound / n * 1e6:.0f} us")
    print(f"  match, first round (cold per-word caches): {times[0] / n * 1e6:.0f} us/story")
    if len(times) > 1:
        print(
            f"  match, best later round (warm caches):    {min(times[1:]) / n * 1e6:.0f} us/story"
        )
    for digest, count in sorted(prints):
        print(f"  verdicts: {count}, fingerprint {digest}")
    if len(prints) != 1:
        print("  ROUNDS DISAGREE")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
