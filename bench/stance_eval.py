"""Stance evaluation on FNC-1 and Emergent (training sets), through the `tracker match` code path.

Every story of a split is matched against every claim of the data set with
`Matcher(claims).match(story)`, exactly as `tracker match` does; a labelled pair
without a verdict counts as "unrelated". Splits are deterministic: FNC-1 by body
id, Emergent by claim id (SHA-1 of the id, even = "tune", odd = "test"), so the
held-out part shares no body (FNC-1) or claim (Emergent) with the tuning part.

Run by hand (reads the data in place, never copies it):

    .venv/bin/python bench/stance_eval.py --split test
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.engine.matcher import Matcher
from tracker.types import Claim, Story

DATA = Path("/work/shared/eval")
LABELS = ("corroborates", "contradicts", "discusses", "unrelated")


def read_jsonl(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def part_of(identifier: str) -> str:
    """Deterministic half: "tune" or "test"."""
    digest = hashlib.sha1(identifier.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "test"


@dataclass
class Run:
    gold: list[str]
    predicted: list[str]
    pairs: int
    seconds: float
    #: Stance of each labelled related pair judged with the claim given (`Matcher.judge`).
    given: list[str] | None = None
    #: Verdicts on pairs with no label (for Emergent, where a headline belongs to its
    #: own claim only, these are stories matched to a wrong claim).
    unlabelled: int = 0


def run(folder: str, split: str, by: str, limit: int | None, given: bool = False) -> Run:
    base = DATA / folder
    claims = [Claim(id=row["id"], text=row["text"]) for row in read_jsonl(base / "claims.jsonl")]
    stories = {row["id"]: row for row in read_jsonl(base / "stories.jsonl")}
    labels = list(read_jsonl(base / "labels.jsonl"))
    key = "story_id" if by == "story" else "claim_id"
    labels = [row for row in labels if split == "all" or part_of(row[key]) == split]
    wanted = sorted({row["story_id"] for row in labels}, key=lambda s: (len(s), s))
    if limit is not None:
        wanted = wanted[:limit]
        labels = [row for row in labels if row["story_id"] in set(wanted)]
    start = time.perf_counter()
    matcher = Matcher(claims)
    found: dict[tuple[str, str], str] = {}
    for story_id in wanted:
        row = stories[story_id]
        story = Story("eval", story_id, row["title"], row["body"])
        for verdict in matcher.match(story):
            found[(verdict.claim_id, story_id)] = verdict.stance.value
    seconds = time.perf_counter() - start
    gold = [row["stance"] for row in labels]
    predicted = [found.get((row["claim_id"], row["story_id"]), "unrelated") for row in labels]
    result = Run(gold, predicted, len(claims) * len(wanted), seconds)
    labelled = {(row["claim_id"], row["story_id"]) for row in labels}
    result.unlabelled = sum(1 for pair in found if pair not in labelled)
    if given:
        result.given = [
            matcher.judge(
                row["claim_id"],
                Story(
                    "eval",
                    row["story_id"],
                    *(stories[row["story_id"]][k] for k in ("title", "body")),
                ),
            ).stance.value
            if row["stance"] != "unrelated"
            else "unrelated"
            for row in labels
        ]
    return result


def f1(gold: list[str], predicted: list[str], label: str) -> float:
    tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
    fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def fnc_score(gold: list[str], predicted: list[str]) -> float:
    """FNC-1 weighted score as a share of the best possible."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if (g == "unrelated") == (p == "unrelated"):
            score += 0.25
            if g != "unrelated" and g == p:
                score += 0.75
    return score / best


def confusion(gold: list[str], predicted: list[str], labels: tuple[str, ...]) -> str:
    counts = Counter(zip(gold, predicted, strict=True))
    width = max(len(label) for label in labels) + 2
    lines = ["gold \\ predicted".ljust(width) + "".join(p[:8].rjust(10) for p in labels)]
    for g in labels:
        lines.append(g.ljust(width) + "".join(str(counts[(g, p)]).rjust(10) for p in labels))
    return "\n".join(lines)


def report_fnc(result: Run) -> None:
    gold, predicted = result.gold, result.predicted
    related_gold = ["related" if g != "unrelated" else g for g in gold]
    related_pred = ["related" if p != "unrelated" else p for p in predicted]
    per_class = {label: f1(gold, predicted, label) for label in LABELS}
    print(f"FNC-1: {len(gold)} labelled pairs, {result.pairs:,} claim x story pairs scored")
    print(f"  weighted score        {fnc_score(gold, predicted):.1%}")
    print(f"  macro-F1 (4 classes)  {sum(per_class.values()) / 4:.3f}")
    print("  per-class F1          " + ", ".join(f"{k} {v:.3f}" for k, v in per_class.items()))
    print(f"  related F1            {f1(related_gold, related_pred, 'related'):.3f}")
    accuracy = sum(g == p for g, p in zip(related_gold, related_pred, strict=True)) / len(gold)
    print(f"  related accuracy      {accuracy:.3f}")
    rate = result.pairs / result.seconds
    print(f"  time                  {result.seconds:.1f} s ({rate:,.0f} pairs/s)")
    print(confusion(gold, predicted, LABELS))


def report_emergent(result: Run) -> None:
    gold, predicted = result.gold, result.predicted
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    missed = sum(p == "unrelated" for p in predicted)
    print(f"Emergent: {len(gold)} labelled pairs, {result.pairs:,} claim x story pairs scored")
    print(f"  3-class accuracy      {correct / len(gold):.3f} (unmatched pairs count as wrong)")
    if result.given is not None:
        given = sum(g == p for g, p in zip(gold, result.given, strict=True))
        print(f"  stance step alone     {given / len(gold):.3f} (claim given: Matcher.judge)")
    print(f"  unmatched pairs       {missed} ({missed / len(gold):.1%})")
    matched = len(gold) - missed
    print(
        f"  wrong-claim matches   {result.unlabelled} (a headline matched to another claim;"
        f" precision {matched / max(1, matched + result.unlabelled):.3f})"
    )
    per_class = {label: f1(gold, predicted, label) for label in LABELS[:3]}
    print("  per-class F1          " + ", ".join(f"{k} {v:.3f}" for k, v in per_class.items()))
    rate = result.pairs / result.seconds
    print(f"  time                  {result.seconds:.1f} s ({rate:,.0f} pairs/s)")
    print(confusion(gold, predicted, LABELS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("tune", "test", "all"), default="test")
    parser.add_argument("--only", choices=("fnc1", "emergent"))
    parser.add_argument("--limit", type=int, help="score at most this many stories (quick runs)")
    args = parser.parse_args()
    print(f"split: {args.split}")
    if args.only in (None, "fnc1"):
        report_fnc(run("fnc1-train", args.split, "story", args.limit))
    if args.only in (None, "emergent"):
        report_emergent(run("emergent-train", args.split, "claim", args.limit, given=True))


if __name__ == "__main__":
    main()
