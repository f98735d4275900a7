"""The engine's verdicts measured: single-topic streams first, then FNC-1 and Emergent.

Everything goes through the `tracker match` code path (tracker.engine.batch): the
stories of a data set are one stream, measured against itself, and matched
against every claim; a labelled pair without a verdict counts as "unrelated".

* Streams (bench/_streams.py: the public development streams and ours in
  bench/streams), plain and hinted claims, per language: decisive F1
  (corroborates + contradicts, micro), related F1, and the share of unrelated
  same-topic pairs given a decisive verdict. Say which streams the shipped
  models were trained on (tracker/data/relevance_model.json's "trained_on"):
  the others are the held-out check.
* Held-out streams (bench/heldout), reported apart: written for this project
  and never tuned, trained or looked at error by error (`--only heldout`).
* FNC-1 and Emergent (training sets, split deterministically: FNC-1 by body id,
  Emergent by claim id, SHA-1 of the id, even = "tune", odd = "test"; the
  held-out part shares no body or claim with the tuning part).

Time (wall and CPU) and peak memory are printed. The sentence encoder's vectors
are cached between runs (bench/_embedcache.py); `--lexical` runs without it.

    .venv/bin/python bench/stance_eval.py --split test            # everything
    .venv/bin/python bench/stance_eval.py --only streams
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _embedcache import cached_encoder
from _streams import KINDS, all_streams

from tracker.engine.batch import batch_matcher
from tracker.engine.vectors import Encoder
from tracker.types import Claim, Story

ENCODER: Encoder | None = None

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
    #: The (claim, story) of each of `gold`, in order (bench/verdict_diff.py --proxies).
    labelled: list[tuple[str, str]] = field(default_factory=list)


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
    batch = [Story("eval", sid, stories[sid]["title"], stories[sid]["body"]) for sid in wanted]
    matcher, _, vectors = batch_matcher(claims, batch, encoder=ENCODER)
    found: dict[tuple[str, str], str] = {}
    for story, vector in zip(batch, vectors, strict=True):
        for verdict in matcher.match(story, vectors=vector):
            found[(verdict.claim_id, story.entry_key)] = verdict.stance.value
    seconds = time.perf_counter() - start
    gold = [row["stance"] for row in labels]
    predicted = [found.get((row["claim_id"], row["story_id"]), "unrelated") for row in labels]
    result = Run(gold, predicted, len(claims) * len(wanted), seconds)
    result.labelled = [(row["claim_id"], row["story_id"]) for row in labels]
    labelled = {(row["claim_id"], row["story_id"]) for row in labels}
    result.unlabelled = sum(1 for pair in found if pair not in labelled)
    if given:
        by_id = {
            story.entry_key: (story, vector) for story, vector in zip(batch, vectors, strict=True)
        }
        result.given = [
            matcher.judge(
                row["claim_id"], by_id[row["story_id"]][0], vectors=by_id[row["story_id"]][1]
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


def decisive_f1(gold: list[str], predicted: list[str]) -> float:
    """F1 of the decisive verdicts (corroborates and contradicts, micro-averaged)."""
    decisive = ("corroborates", "contradicts")
    tp = sum(g == p and g in decisive for g, p in zip(gold, predicted, strict=True))
    fp = sum(p in decisive and g != p for g, p in zip(gold, predicted, strict=True))
    fn = sum(g in decisive and g != p for g, p in zip(gold, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def stream_figures(gold: list[str], predicted: list[str]) -> str:
    related_gold = ["r" if g != "unrelated" else "u" for g in gold]
    related_pred = ["r" if p != "unrelated" else "u" for p in predicted]
    unrelated = [p for g, p in zip(gold, predicted, strict=True) if g == "unrelated"]
    share = sum(p in ("corroborates", "contradicts") for p in unrelated) / max(1, len(unrelated))
    return (
        f"decisive F1 {decisive_f1(gold, predicted):.3f}  related F1 {f1(related_gold, related_pred, 'r'):.3f}"
        f"  unrelated->decisive {share:.1%}"
    )


def report_streams(which: str = "all") -> None:
    """Every stream of `which` (`_streams.all_streams`), plain and hinted, per language
    and overall."""
    from tracker.engine.linear import read_data_file

    trained = json.loads(read_data_file("relevance_model.json")).get("trained_on", "?")
    if which == "heldout":
        print("HELD-OUT streams (bench/heldout: never tuned or trained on; the figures to trust)")
    else:
        print(f"streams (relevance models trained on: {trained})")
    totals: dict[tuple[bool, str], tuple[list[str], list[str]]] = {}
    for stream in all_streams(which):
        kinds = stream.kinds()
        for hinted in (False, True):
            claims = stream.claims(hinted)
            start = time.perf_counter()
            matcher, _, vectors = batch_matcher(claims, stream.stories, encoder=ENCODER)
            gold: list[str] = []
            predicted: list[str] = []
            langs: list[str] = []
            for index, (story, vector) in enumerate(zip(stream.stories, vectors, strict=True)):
                found = {
                    v.claim_id: v.stance.value
                    for v in matcher.match(story, now=story.published, vectors=vector)
                }
                for claim in claims:
                    gold.append(stream.gold(index, claim.id))
                    predicted.append(found.get(claim.id, "unrelated"))
                    langs.append(stream.langs[index])
            kind = "hinted" if hinted else "plain"
            seconds = time.perf_counter() - start
            print(
                f"  {stream.name:18} {kind:6} {stream_figures(gold, predicted)}  ({seconds:.1f} s)"
            )
            for lang in ("en", "hi", "mr"):
                pick = [i for i, x in enumerate(langs) if x == lang]
                g = [gold[i] for i in pick]
                p = [predicted[i] for i in pick]
                print(f"      {lang}  {stream_figures(g, p)}")
                total = totals.setdefault((hinted, lang), ([], []))
                total[0].extend(g)
                total[1].extend(p)
            total = totals.setdefault((hinted, "all"), ([], []))
            total[0].extend(gold)
            total[1].extend(predicted)
            for index, claim in enumerate(claims * len(stream.stories)):
                total = totals.setdefault((hinted, kinds.get(claim.id, "other")), ([], []))
                total[0].append(gold[index])
                total[1].append(predicted[index])
    label = "HELD-OUT" if which == "heldout" else "ALL"
    for hinted in (False, True):
        kind = "hinted" if hinted else "plain"
        for lang in ("all", "en", "hi", "mr"):
            g, p = totals[(hinted, lang)]
            print(f"  {label} {kind:6} {lang:3} {stream_figures(g, p)}")
    print(f"  {label} by claim kind (read off the hints; decisive F1, gold decisive pairs):")
    for hinted in (False, True):
        figures = []
        for kind_name in KINDS:
            g, p = totals.get((hinted, kind_name), ([], []))
            gold_decisive = sum(x in ("corroborates", "contradicts") for x in g)
            figures.append(f"{kind_name} {decisive_f1(g, p):.3f} ({gold_decisive})")
        print(f"      {'hinted' if hinted else 'plain':6} " + ", ".join(figures))


def main() -> None:
    global ENCODER
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("tune", "test", "all"), default="test")
    parser.add_argument(
        "--only",
        choices=("streams", "heldout", "fnc1", "emergent"),
        help="one part: the tuned-on streams, the held-out streams (bench/heldout), FNC-1 "
        "or Emergent (default: all four; tune on 'streams', never look at 'heldout' errors)",
    )
    parser.add_argument("--limit", type=int, help="score at most this many stories (quick runs)")
    parser.add_argument("--lexical", action="store_true", help="no sentence encoder")
    args = parser.parse_args()
    ENCODER = cached_encoder(args.lexical)
    wall, cpu = time.perf_counter(), time.process_time()
    if args.only in (None, "streams"):
        report_streams()
    if args.only in (None, "heldout"):
        report_streams("heldout")
    print(f"split: {args.split}")
    if args.only in (None, "fnc1"):
        report_fnc(run("fnc1-train", args.split, "story", args.limit))
    if args.only in (None, "emergent"):
        report_emergent(run("emergent-train", args.split, "claim", args.limit, given=True))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"total: {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU,"
        f" peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
