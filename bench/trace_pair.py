"""Every evidence sentence's judgement for one (story, claim) pair of a tuning stream: a
debugging aid for an error `bench/stream_errors.py` lists (which sentence decided,
at what coverage and similarity level, by which rule).

    .venv/bin/python bench/trace_pair.py morbi-bridge-dev mb023 hc-suo-motu
    .venv/bin/python bench/trace_pair.py morbi-bridge-dev mb023 hc-suo-motu --hinted

It wraps the stance step's per-sentence judge (a private function) to print each call,
so it follows the engine as it is; it reads no held-out stream (bench/heldout).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _embedcache import cached_encoder
from _streams import all_streams

from tracker.engine import stance
from tracker.engine.batch import batch_matcher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stream", help="a tuning stream's folder name")
    parser.add_argument("story", help="the story's id")
    parser.add_argument("claim", help="the claim's id")
    parser.add_argument("--hinted", action="store_true", help="the claim with its hints")
    parser.add_argument("--lexical", action="store_true", help="no sentence encoder")
    args = parser.parse_args()
    streams = [s for s in all_streams("all") if s.name == args.stream]
    if not streams:
        raise SystemExit(f"no tuning stream named {args.stream!r}")
    stream = streams[0]
    claims = stream.claims(args.hinted)
    matcher, _, vectors = batch_matcher(
        claims, stream.stories, encoder=cached_encoder(args.lexical)
    )
    judge_sentence = stance._judge_sentence

    def traced(
        ctx: stance._Context,
        text: str,
        coverage: float,
        names_subject: bool = True,
        level: float | None = None,
    ) -> stance.Judgement | None:
        judged = judge_sentence(ctx, text, coverage, names_subject, level)
        said = f"{judged.stance.value} ({judged.rule}): {judged.reasons[-1]}" if judged else "-"
        shown = f"{level:+.2f}" if level is not None else "none"
        print(f"  coverage {coverage:.2f}, level {shown}, names subject {names_subject}: {said}")
        print(f"      {text}")
        return judged

    stance._judge_sentence = traced
    for index, story in enumerate(stream.stories):
        if story.entry_key == args.story:
            verdict = matcher.judge(args.claim, story, now=story.published, vectors=vectors[index])
            print(f"verdict: {verdict.stance.value} (label {stream.gold(index, args.claim)})")
            for reason in verdict.reasons:
                print(f"  - {reason}")
            return
    raise SystemExit(f"no story {args.story!r} in {args.stream}")


if __name__ == "__main__":
    main()
