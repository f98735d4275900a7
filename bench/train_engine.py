"""Train the engine's background table and headline stance model on the `tune` halves.

Deterministic and reproducible: the same data and code give the same weights.
Reads `/work/shared/eval` in place and writes `tracker/data/term_rarity.json`
(the background rarity of words, from FNC-1 `tune` bodies) and
`tracker/data/stance_model.json` (the stance of headline-only stories), a few
hundred bytes each: one weight per named feature. Plain Python: Newton's method
for an L2-regularised logistic regression (`fit`, also used by
bench/train_relevance.py, which trains the relevance models on streams).

The stance model: one regression per stance (one against the rest) over the cue
features of `tracker.engine.stance.stance_cues`, on the Emergent `tune` headlines with
the claim given, leaving out those a hard rule decides (`Matcher.stance_cues`).
Never run on `test`.

    .venv/bin/python bench/train_engine.py
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

from stance_eval import DATA, part_of, read_jsonl

from tracker.engine.linear import LinearModel, dump_models
from tracker.engine.matcher import Matcher
from tracker.engine.stance import STANCE_FEATURES
from tracker.engine.text import fold, stem, tokenize
from tracker.types import Claim, Story

PACKAGE_DATA = Path(__file__).resolve().parent.parent / "tracker" / "data"
STANCE_OUT = PACKAGE_DATA / "stance_model.json"
ARTICLE_OUT = PACKAGE_DATA / "article_stance_model.json"
STANCES = ("corroborates", "contradicts", "discusses")
RARITY = PACKAGE_DATA / "term_rarity.json"
#: Words in fewer background articles than this are left out of the table (they
#: get the highest weight anyway): it stays small and holds no rare strings.
MIN_DOCUMENTS = 2
L2 = 1.0
#: Class weights of the article stance model: (n / (3 x class count)) to this power
#: (1: balanced classes; 0: as they come; disagree is 6% of FNC-1's related pairs).
BALANCE = 0.65

#: features, label, data set
Row = tuple[dict[str, float], int, str] | tuple[dict[str, float], int, str, float]


def background() -> str:
    """The term rarity table: in how many FNC-1 `tune` article bodies each word stem occurs."""
    base = DATA / "fnc1-train"
    wanted = {r["story_id"] for r in read_jsonl(base / "labels.jsonl")}
    bodies = [
        r
        for r in read_jsonl(base / "stories.jsonl")
        if r["id"] in wanted and part_of(r["id"]) == "tune"
    ]
    frequency: Counter[str] = Counter()
    for row in bodies:
        frequency.update({stem(fold(w)) for w in tokenize(f"{row['title']} {row['body']}")})
    table = {k: v for k, v in sorted(frequency.items()) if v >= MIN_DOCUMENTS}
    data = {
        "built_from": "FNC-1 training bodies, tune half (bench/train_engine.py)",
        "documents": len(bodies),
        "df": table,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def fit(rows: list[Row], names: tuple[str, ...]) -> tuple[float, list[float]]:
    """L2-regularised logistic regression by Newton's method (bias unpenalised)."""
    dim = len(names) + 1
    beta = [0.0] * dim
    for _ in range(25):
        gradient = [0.0] * dim
        hessian = [[0.0] * dim for _ in range(dim)]
        for row in rows:
            values, label = row[0], row[1]
            x = (1.0, *(values.get(name, 0.0) for name in names))
            margin = sum(b * v for b, v in zip(beta, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, margin))))
            w = row[3] if len(row) > 3 else 1.0  # type: ignore[misc]
            for i in range(dim):
                gradient[i] += w * (p - label) * x[i]
                if x[i]:
                    factor = w * p * (1 - p) * x[i]
                    row = hessian[i]
                    for j in range(dim):
                        row[j] += factor * x[j]
        for i in range(1, dim):
            gradient[i] += L2 * beta[i]
            hessian[i][i] += L2
        step = solve(hessian, gradient)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return beta[0], beta[1:]


def solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            a[col][col] = 1e-12
        for r in range(col + 1, n):
            f = a[r][col] / a[col][col]
            for c in range(col, n + 1):
                a[r][c] -= f * a[col][c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        out[r] = (a[r][n] - sum(a[r][c] * out[c] for c in range(r + 1, n))) / a[r][r]
    return out


def stance_rows() -> list[tuple[dict[str, float], str]]:
    """(cue features, gold stance) of the Emergent `tune` pairs the stance model reads.

    The claim is given (as `Matcher.judge` has it): the model learns the stance
    step, not relevance. Pairs a hard rule decides are left out.
    """
    base = DATA / "emergent-train"
    claims = [Claim(id=r["id"], text=r["text"]) for r in read_jsonl(base / "claims.jsonl")]
    stories = {r["id"]: r for r in read_jsonl(base / "stories.jsonl")}
    matcher = Matcher(claims)
    out = []
    for r in read_jsonl(base / "labels.jsonl"):
        if part_of(r["claim_id"]) != "tune" or r["stance"] == "unrelated":
            continue
        row = stories[r["story_id"]]
        story = Story("eval", r["story_id"], row["title"], row["body"])
        values = matcher.stance_cues(r["claim_id"], story)
        if values is not None:
            out.append((values, r["stance"]))
    return out


def train_stance() -> dict[str, LinearModel]:
    """One logistic model per stance (one against the rest); the most probable wins."""
    rows = stance_rows()
    print(f"stance: {len(rows)} tune headlines, {dict(Counter(g for _, g in rows))}")
    models = {}
    for stance in STANCES:
        data: list[Row] = [(values, int(gold == stance), "emergent") for values, gold in rows]
        bias, weights = fit(data, STANCE_FEATURES)
        models[stance] = LinearModel(STANCE_FEATURES, tuple(weights), bias, 0.5)
    right = 0
    for values, gold in rows:
        best = max(STANCES, key=lambda s: models[s].probability(values))
        right += best == gold
    print(f"  accuracy on the tune headlines it reads: {right / max(1, len(rows)):.3f}")
    return models


def train_article_stance() -> dict[str, LinearModel]:
    """The article stance model: one regression per stance over `article_cues`, on the
    FNC-1 `tune` bodies' related pairs with the claim given (bodies are long articles),
    classes weighted by the square root of their rarity (disagree is rare)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _embedcache import cached_encoder

    from tracker.engine.batch import batch_matcher
    from tracker.engine.stance import ARTICLE_FEATURES

    base = DATA / "fnc1-train"
    claims = [Claim(id=r["id"], text=r["text"]) for r in read_jsonl(base / "claims.jsonl")]
    stories = {r["id"]: r for r in read_jsonl(base / "stories.jsonl")}
    labels = [
        r
        for r in read_jsonl(base / "labels.jsonl")
        if part_of(r["story_id"]) == "tune" and r["stance"] != "unrelated"
    ]
    ids = sorted({r["story_id"] for r in labels}, key=lambda x: (len(x), x))
    batch = [Story("eval", i, stories[i]["title"], stories[i]["body"]) for i in ids]
    matcher, _, vectors = batch_matcher(claims, batch, encoder=cached_encoder())
    by_id = {s.entry_key: (s, v) for s, v in zip(batch, vectors, strict=True)}
    rows: list[tuple[dict[str, float], str]] = []
    for r in labels:
        story, vector = by_id[r["story_id"]]
        values = matcher.article_cues(r["claim_id"], story, vector)
        if values is not None:
            rows.append((values, r["stance"]))
    counts = Counter(gold for _, gold in rows)
    print(f"article stance: {len(rows)} tune pairs, {dict(counts)}")
    models = {}
    for stance in STANCES:
        weight = {g: (len(rows) / (3 * counts[g])) ** BALANCE for g in counts}
        data: list[Row] = [(v, int(g == stance), "fnc1", weight[g]) for v, g in rows]
        bias, weights = fit(data, ARTICLE_FEATURES)
        models[stance] = LinearModel(ARTICLE_FEATURES, tuple(weights), bias, 0.5)
    right = sum(max(STANCES, key=lambda s: models[s].probability(v)) == g for v, g in rows)
    print(f"  accuracy on the tune pairs it reads: {right / max(1, len(rows)):.3f}")
    return models


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the model")
    args = parser.parse_args()
    # The rarity table first: the matcher weighs claim terms by it.
    table = background()
    if not args.dry_run:
        RARITY.write_text(table, encoding="utf-8")
        print(f"wrote {RARITY} ({len(table):,} bytes)")
    stance_text = dump_models(
        train_stance(), "Emergent tune headlines, claim given (bench/train_engine.py)"
    )
    print(stance_text)
    if not args.dry_run:
        STANCE_OUT.write_text(stance_text, encoding="utf-8")
        print(f"wrote {STANCE_OUT}")
    article_text = dump_models(
        train_article_stance(),
        "FNC-1 tune bodies, related pairs, claim given (bench/train_engine.py)",
    )
    print(article_text)
    if not args.dry_run:
        ARTICLE_OUT.write_text(article_text, encoding="utf-8")
        print(f"wrote {ARTICLE_OUT}")


if __name__ == "__main__":
    main()
