"""An encoder that remembers: the benchmarks embed the same stream texts run after run.

Wraps the real encoder (tracker.embedding.load_encoder) with a SQLite cache keyed
by (model, query or passage, SHA-1 of the text), in TRACKER_EMBED_CACHE (default
~/.cache/claim-tracker/embeddings.sqlite). Vectors come back exactly as stored
(float32), so a cached run gives the verdicts of an uncached one.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tracker.embedding import load_encoder
from tracker.engine.vectors import Encoder, Vector

DEFAULT = Path.home() / ".cache" / "claim-tracker" / "embeddings.sqlite"


class CachedEncoder:
    """`encoder` behind a persistent cache."""

    def __init__(self, encoder: Encoder, path: Path | None = None) -> None:
        self.inner = encoder
        self.name = encoder.name
        self.dim = encoder.dim
        path = path or Path(os.environ.get("TRACKER_EMBED_CACHE", DEFAULT))
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
        )

    def stance_reader(self) -> Any:
        """The wrapped encoder's stance reader (tracker.engine.reader), if it has one."""
        reader_of = getattr(self.inner, "stance_reader", None)
        return reader_of() if callable(reader_of) else None

    def _encode(self, texts: Sequence[str], kind: str) -> Vector:
        keys = [f"{self.name}|{kind}|{hashlib.sha1(t.encode('utf-8')).hexdigest()}" for t in texts]
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk)
            )
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            texts_missing = [texts[i] for i in missing]
            rows = (
                self.inner.encode_queries(texts_missing)
                if kind == "q"
                else self.inner.encode_passages(texts_missing)
            )
            with self._db:
                for i, row in zip(missing, rows, strict=True):
                    blob = np.asarray(row, dtype=np.float32).tobytes()
                    found[keys[i]] = blob
                    self._db.execute(
                        "INSERT OR REPLACE INTO vectors VALUES (?, ?)", (keys[i], blob)
                    )
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, key in enumerate(keys):
            out[i] = np.frombuffer(found[key], dtype=np.float32)
        return out

    def encode_queries(self, texts: Sequence[str]) -> Vector:
        return self._encode(texts, "q")

    def encode_passages(self, texts: Sequence[str]) -> Vector:
        return self._encode(texts, "p")


def cached_encoder(lexical: bool = False) -> Encoder | None:
    """The machine's encoder behind the cache, or None (lexical path, or no encoder here)."""
    if lexical:
        return None
    choice = load_encoder()
    print(f"encoder: {choice.why}")
    return CachedEncoder(choice.encoder) if choice.encoder is not None else None
