"""The stream: what the stories of the tracked feeds have in common, so that it counts for nothing.

The tracker's feeds carry news about one subject: every story names DeepSeek (or
whatever is tracked), so naming it says nothing about which claim a story bears
on. A `StreamProfile` is measured from the stories the tracker has seen:

* the document frequency of every match key (tracker.engine.keys), so that a
  claim's terms are weighted by how rare they are *in this stream* ("DeepSeek",
  in every story, weighs nothing; "sell-off" weighs much);
* with vectors (tracker.engine.vectors), the mean story vector, subtracted from
  claim and story vectors before they are compared (what every story shares
  drops out), and per language group a sample of story vectors against which a
  claim's similarity to a story is calibrated (a z-score: how unusual this
  story's closeness is for this claim, among stories in the same language).

A profile is a function of its samples only: the same stories give the same
profile and the same `digest`, which every verdict records, so a verdict can be
reproduced and `tracker rescore` can bring old ones up to date when it moves.

Before the stream has stories (a cold start), the matcher falls back on what the
configured claims share (tracker.engine.claims) and the background table.

Pure: no I/O.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from tracker.engine.keys import story_model
from tracker.engine.linear import DataFileError, read_data_file
from tracker.engine.text import guess_language
from tracker.engine.vectors import StoryVectors, Vector
from tracker.types import Story

__all__ = [
    "EMPTY_PROFILE",
    "LANGUAGE_GROUPS",
    "StreamProfile",
    "StreamSample",
    "build_profile",
    "language_group",
    "stream_samples",
]

#: Stories are calibrated against stories of their own language group: cosines across
#: languages run lower than within one.
LANGUAGE_GROUPS = ("en", "hi", "mr")
#: Keys seen in fewer stories than this are not kept (a profile stays small).
_MIN_DF = 2
#: A language group with fewer sampled stories than this borrows the stats of all.
MIN_GROUP_SAMPLES = 8
#: A young stream leans on the shipped prior (tracker/data/stream_prior.json: the mean
#: story vector of news in English, Hindi and Marathi, and a claim's usual similarity
#: to stories), as much as if it held this many stories more.
PRIOR_STORIES = 5


def language_group(lang: str | None, text: str) -> str:
    """The calibration group of a story: its language when known, else guessed from the text."""
    if lang:
        short = lang.lower().split("-")[0]
        if short in LANGUAGE_GROUPS:
            return short
        if short not in ("", "und"):
            return "en" if not any("\u0900" <= ch <= "\u097f" for ch in text[:400]) else "hi"
    return guess_language(text[:400])


@dataclass(frozen=True)
class StreamSample:
    """One story as the profile reads it: its match keys, language group and vectors."""

    keys: frozenset[str]
    group: str
    #: The whole-story vector, or None when the story has not been embedded.
    vector: Vector | None = None


@dataclass(frozen=True)
class StreamProfile:
    """Key document frequencies and vector statistics of a stream of stories."""

    stories: int
    #: Document frequency of each key seen in at least two stories.
    df: Mapping[str, int]
    #: The encoder whose vectors were measured, or None (lexical profile).
    vector_model: str | None = None
    #: Mean whole-story vector (not normalised), or None.
    mean: Vector | None = None
    #: Per language group, the sampled whole-story vectors with the mean subtracted and
    #: normalised: what a claim's similarities are calibrated against.
    samples: Mapping[str, Vector] = field(default_factory=dict)
    digest: str = ""
    #: The shipped prior's usual (mean, spread) of a claim's similarity to a story,
    #: blended into `calibration` (PRIOR_STORIES stories' worth); None: no prior.
    prior: tuple[float, float] | None = None

    @property
    def label(self) -> str:
        """How verdicts name the profile: "stream a1b2c3d4 (70 stories)"."""
        return f"stream {self.digest[:8]} ({self.stories:,} stories)"

    def key_df(self, key: str) -> int:
        """In how many stories of the stream the key occurs (0 when rare or unseen)."""
        return self.df.get(key, 0)

    def centred(self, rows: Vector) -> Vector:
        """Vectors with the stream's mean taken out, normalised (unchanged without a mean)."""
        if self.mean is None:
            return rows
        centred = np.asarray(rows, dtype=np.float32) - self.mean
        norms = np.linalg.norm(centred, axis=-1, keepdims=True)
        out: Vector = (centred / np.maximum(norms, 1e-12)).astype(np.float32)
        return out

    def calibration(self, claim: Vector) -> dict[str, tuple[float, float]]:
        """(mean, spread) of a centred claim vector's cosines with each group's sampled stories.

        A group with too few samples takes the statistics of all samples together.
        """
        pooled_rows = [rows for rows in self.samples.values() if len(rows)]
        if not pooled_rows:
            return {group: self.prior for group in LANGUAGE_GROUPS} if self.prior else {}
        pooled = np.vstack(pooled_rows) @ claim
        fallback = self._blend(pooled)
        out = {}
        for group in LANGUAGE_GROUPS:
            rows = self.samples.get(group)
            if rows is None or len(rows) < MIN_GROUP_SAMPLES:
                out[group] = fallback
                continue
            out[group] = self._blend(rows @ claim)
        return out

    def _blend(self, cosines: Vector) -> tuple[float, float]:
        """(mean, spread) of some cosines, drawn towards the prior's by PRIOR_STORIES."""
        n = len(cosines)
        mean, var = float(cosines.mean()), float(cosines.var())
        if self.prior is not None:
            k = PRIOR_STORIES
            prior_mean, prior_spread = self.prior
            blended = (n * mean + k * prior_mean) / (n + k)
            var = (
                n * (var + (mean - blended) ** 2)
                + k * (prior_spread**2 + (prior_mean - blended) ** 2)
            ) / (n + k)
            mean = blended
        return mean, max(var**0.5, 0.02)


EMPTY_PROFILE = StreamProfile(0, {}, digest="empty")


@dataclass(frozen=True)
class StreamPrior:
    """What a stream looks like before it has stories, for one encoder."""

    model: str
    mean: Vector
    similarity: tuple[float, float]


@functools.cache
def shipped_prior() -> StreamPrior | None:
    """The prior in tracker/data/stream_prior.json (bench/train_relevance.py writes it)."""
    try:
        data = json.loads(read_data_file("stream_prior.json"))
        return StreamPrior(
            str(data["model"]),
            np.asarray(data["mean"], dtype=np.float32),
            (float(data["similarity_mean"]), float(data["similarity_spread"])),
        )
    except (DataFileError, KeyError, TypeError, ValueError):
        return None


def build_profile(
    samples: Iterable[StreamSample],
    vector_model: str | None = None,
    prior: StreamPrior | None = None,
) -> StreamProfile:
    """The profile of these stories (the most recent few thousand of a stream are plenty).

    `vector_model` names the encoder of the samples' vectors: the caller passes the
    vectors of one model, or none. `prior` (by default the shipped one, when it is of
    the same encoder) steadies a young stream's mean and calibration.
    """
    if prior is None:
        shipped = shipped_prior()
        prior = shipped if shipped is not None and shipped.model == vector_model else None
    df: Counter[str] = Counter()
    count = 0
    vectors: list[tuple[str, Vector]] = []
    for sample in samples:
        count += 1
        df.update(sample.keys)
        if sample.vector is not None:
            vectors.append((sample.group, sample.vector))
    kept = {key: n for key, n in df.items() if n >= _MIN_DF}
    mean = None
    grouped: dict[str, Vector] = {}
    if vectors:
        matrix = np.vstack([vector for _, vector in vectors]).astype(np.float32)
        mean = matrix.mean(axis=0).astype(np.float32)
        if prior is not None:
            n = len(matrix)
            mean = ((n * mean + PRIOR_STORIES * prior.mean) / (n + PRIOR_STORIES)).astype(
                np.float32
            )
        centred = matrix - mean
        centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)
        groups = np.array([group for group, _ in vectors])
        for group in LANGUAGE_GROUPS:
            rows = centred[groups == group]
            if len(rows):
                grouped[group] = rows.astype(np.float32)
    digest = hashlib.sha256()
    digest.update(f"{count}\x1f{vector_model if vectors else ''}".encode())
    for key in sorted(kept):
        digest.update(f"{key}\x1f{kept[key]}\x1e".encode())
    if mean is not None:
        digest.update(np.round(mean, 4).tobytes())
    return StreamProfile(
        stories=count,
        df=kept,
        vector_model=vector_model if vectors else None,
        mean=mean,
        samples=grouped,
        digest=digest.hexdigest()[:16],
        prior=prior.similarity if prior is not None and vectors else None,
    )


def stream_samples(
    stories: Sequence[Story], vectors: Sequence[StoryVectors | None] | None = None
) -> list[StreamSample]:
    """The samples of some stories (their vectors, where given, in the same order)."""
    out = []
    for index, story in enumerate(stories):
        vector = vectors[index] if vectors is not None else None
        out.append(
            StreamSample(
                frozenset(story_model(story, runs=False).keys),
                language_group(story.lang, f"{story.title} {story.text}"),
                vector.whole if vector is not None else None,
            )
        )
    return out
