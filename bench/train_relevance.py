"""Train the relevance models (semantic and lexical paths) on single-topic streams.

Each stream is matched as `tracker match` matches it (its profile measured from
its own stories, tracker.engine.batch), and every candidate (claim, story) pair
gives the features of `tracker.engine.relevance.FEATURES` with its gold label
(related or not). One L2-regularised logistic regression per path; the
threshold maximises F1 of "related" over the training pairs (plain and hinted
claims together).

Before writing anything, each held-out stream is scored by a model trained on
the others (leave one stream out): the figures to trust. `--train` names the
streams the shipped model learns from; the streams left out are the check.

    .venv/bin/python bench/train_relevance.py                       # report only
    .venv/bin/python bench/train_relevance.py --train ours,deepseek-dev --write

With 140 streams the leave-one-stream-out report takes most of an hour: `--no-loso`
skips it (check the written model on the held-out streams with `bench/stance_eval.py`
instead); `--paths semantic` trains one path and keeps the other's shipped model;
`--no-prior` keeps the shipped cold-start prior (`stream_prior.json`):

    .venv/bin/python bench/train_relevance.py --train all --paths semantic --no-loso \
        --no-prior --write
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _embedcache import cached_encoder
from _streams import Stream, all_streams
from train_engine import fit

from tracker.engine.batch import batch_matcher
from tracker.engine.linear import LinearModel, dump_models, load_models
from tracker.engine.relevance import FEATURES, PATHS
from tracker.engine.vectors import Encoder

OUT = Path(__file__).resolve().parent.parent / "tracker" / "data" / "relevance_model.json"
PRIOR = OUT.parent / "stream_prior.json"

#: features, label, stream name, whether the claim was hinted
Row = tuple[dict[str, float], int, str]


def stream_rows(stream: Stream, encoder: Encoder | None) -> tuple[list[Row], int]:
    """Candidate pairs' features with labels, and the related pairs never scored."""
    rows: list[Row] = []
    missed = 0
    for hinted in (False, True):
        claims = stream.claims(hinted)
        matcher, _, vectors = batch_matcher(claims, stream.stories, encoder=encoder)
        for index, (story, vector) in enumerate(zip(stream.stories, vectors, strict=True)):
            seen = set()
            for claim_id, values in matcher.features(story, vector):
                seen.add(claim_id)
                rows.append((values, int(stream.gold(index, claim_id) != "unrelated"), stream.name))
            missed += sum(
                1
                for claim in claims
                if claim.id not in seen and stream.gold(index, claim.id) != "unrelated"
            )
    return rows, missed


def f1(rows: list[Row], missed: int, model: LinearModel) -> tuple[float, float, float]:
    tp = fp = 0
    fn = missed
    for values, label, _ in rows:
        yes = model.decides(values)
        tp += yes and label
        fp += yes and not label
        fn += (not yes) and label
    if not tp:
        return 0.0, 0.0, 0.0
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return 2 * precision * recall / (precision + recall), precision, recall


def fnc_rows(encoder: Encoder | None, limit: int = 4000) -> list[Row]:
    """Candidate pairs of FNC-1's `tune` bodies with their labels (a multi-topic set: long
    articles against many claims), at most `limit`, drawn evenly."""
    from stance_eval import DATA, part_of, read_jsonl

    from tracker.types import Claim, Story

    base = DATA / "fnc1-train"
    claims = [Claim(id=r["id"], text=r["text"]) for r in read_jsonl(base / "claims.jsonl")]
    bodies = {r["id"]: r for r in read_jsonl(base / "stories.jsonl")}
    gold: dict[str, dict[str, int]] = {}
    for r in read_jsonl(base / "labels.jsonl"):
        if part_of(r["story_id"]) == "tune":
            gold.setdefault(r["story_id"], {})[r["claim_id"]] = int(r["stance"] != "unrelated")
    ids = sorted(gold, key=lambda x: (len(x), x))
    batch = [Story("eval", i, bodies[i]["title"], bodies[i]["body"]) for i in ids]
    matcher, _, vectors = batch_matcher(claims, batch, encoder=encoder)
    rows: list[Row] = []
    for story, vector in zip(batch, vectors, strict=True):
        for claim_id, values in matcher.features(story, vector):
            label = gold[story.entry_key].get(claim_id)
            if label is not None:
                rows.append((values, label, "fnc1-tune"))
    step = max(1, len(rows) // limit)
    return rows[::step]


def train(
    rows: list[Row], missed: int, names: tuple[str, ...], extra: list[Row] = ()
) -> LinearModel:  # type: ignore[assignment]
    """Fit on `rows` (the streams) and `extra` (weighed as much as one stream in all); the
    bar maximises F1 on the streams."""
    streams = max(1, len({s for _, _, s in rows}))
    weight = len(rows) / streams / max(1, len(extra))
    data = [(v, y, s, 1.0) for v, y, s in rows] + [(v, y, s, weight) for v, y, s in extra]
    bias, weights = fit(data, names)
    best: tuple[float, float] | None = None
    for step in range(5, 95):
        model = LinearModel(names, tuple(weights), bias, step / 100)
        score = f1(rows, missed, model)[0]
        if best is None or score > best[0] + 1e-9:
            best = (score, step / 100)
    assert best is not None
    return LinearModel(names, tuple(weights), bias, best[1])


def stream_prior(streams: list[Stream], encoder: Encoder) -> str:
    """The cold-start prior: the mean story vector of every stream, and a claim's usual
    (mean, spread) of similarity to the stories of its stream, averaged."""
    import numpy as np

    from tracker.engine.stream import EMPTY_PROFILE, build_profile, stream_samples
    from tracker.engine.vectors import embed_stories

    wholes = []
    means, spreads = [], []
    for stream in streams:
        vectors = embed_stories(encoder, [(s.title, s.text) for s in stream.stories])
        wholes += [v.whole for v in vectors]
        profile = build_profile(stream_samples(stream.stories, vectors), encoder.name, prior=None)
        assert profile is not EMPTY_PROFILE
        matcher, _, _ = batch_matcher(stream.claims(False), stream.stories, encoder=encoder)
        for claim in stream.claims(False):
            for mean, spread in matcher.proposition(claim.id).calibration.values():
                means.append(mean)
                spreads.append(spread)
    data = {
        "built_from": f"the stories of {len(streams)} streams (bench/train_relevance.py)",
        "model": encoder.name,
        "stories": len(wholes),
        "similarity_mean": round(float(np.mean(means)), 4),
        "similarity_spread": round(float(np.mean(spreads)), 4),
        "mean": [round(float(x), 5) for x in np.mean(np.vstack(wholes), axis=0)],
    }
    return json.dumps(data) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--train", default="ours", help="streams to learn from: names, 'ours', 'all'"
    )
    parser.add_argument(
        "--write", action="store_true", help="write tracker/data/relevance_model.json"
    )
    parser.add_argument("--with-fnc", action="store_true", help="also learn from FNC-1 tune")
    parser.add_argument(
        "--paths",
        default=",".join(FEATURES),
        help="the paths to train (comma-separated); the others keep the shipped model",
    )
    parser.add_argument(
        "--no-loso", action="store_true", help="skip the leave-one-stream-out report (slow)"
    )
    parser.add_argument(
        "--no-prior", action="store_true", help="with --write, keep the shipped stream prior"
    )
    args = parser.parse_args()
    paths = [p for p in args.paths.split(",") if p]
    unknown = sorted(set(paths) - set(FEATURES))
    if unknown:
        raise SystemExit(f"--paths: no such path {unknown}; paths are {sorted(FEATURES)}")
    streams = all_streams("all")
    encoder = cached_encoder()
    data: dict[str, dict[str, tuple[list[Row], int]]] = {}
    for path in paths:
        enc = encoder if path == "semantic" else None
        if path == "semantic" and enc is None:
            continue
        data[path] = {s.name: stream_rows(s, enc) for s in streams}
    ours = {s.name for s in all_streams("ours")}
    chosen = set()
    for part in args.train.split(","):
        chosen |= ours if part == "ours" else {s.name for s in streams} if part == "all" else {part}
    models = {}
    for path, per_stream in data.items():
        names = FEATURES[path]
        extra = fnc_rows(encoder if path == "semantic" else None) if args.with_fnc else []
        print(f"{path} path: leave one stream out (related F1, precision, recall)")
        for held in [] if args.no_loso else per_stream:
            rows = [r for name, (rs, _) in per_stream.items() if name != held for r in rs]
            missed = sum(m for name, (_, m) in per_stream.items() if name != held)
            model = train(rows, missed, names, extra)
            test_rows, test_missed = per_stream[held]
            score = f1(test_rows, test_missed, model)
            print(
                f"  {held:18} {score[0]:.3f} ({score[1]:.3f}, {score[2]:.3f}) bar {model.threshold:.2f}"
            )
        rows = [r for name, (rs, _) in per_stream.items() if name in chosen for r in rs]
        missed = sum(m for name, (_, m) in per_stream.items() if name in chosen)
        print(
            f"  shipped model trained on {sorted(chosen)}: {dict(Counter(y for _, y, _ in rows))}"
        )
        model = train(rows, missed, names, extra)
        models[path] = model
        for name, (rs, m) in per_stream.items():
            tag = "train" if name in chosen else "HELD OUT"
            print(f"    {name:18} {f1(rs, m, model)[0]:.3f} ({tag})")
    if "semantic" in paths and "semantic" not in models:
        print("no encoder on this machine: the semantic model cannot be trained here")
        return
    trained = (
        f"all {len(chosen)} single-topic tuning streams (bench/streams and the shared dev "
        f"streams; bench/train_relevance.py --train all)"
        if args.train == "all"
        else f"single-topic streams {', '.join(sorted(chosen))} (bench/train_relevance.py)"
    )
    kept = [path for path in FEATURES if path not in models]
    if kept:
        # The paths not trained keep the shipped model, and say so.
        shipped = json.loads(OUT.read_text(encoding="utf-8"))
        models.update({path: load_models("relevance_model", PATHS)[path] for path in kept})
        trained = (
            f"{', '.join(paths)} path: {trained}; {', '.join(kept)} path kept: "
            f"{shipped['trained_on']}"
        )
    text = dump_models(models, trained)
    print(text)
    if args.write:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT}")
        if not args.no_prior:
            assert encoder is not None
            PRIOR.write_text(stream_prior(streams, encoder), encoding="utf-8")
            print(f"wrote {PRIOR}")


if __name__ == "__main__":
    main()
