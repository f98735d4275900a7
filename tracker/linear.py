"""A small logistic model over named, readable features, shipped as JSON package data.

The engine's relevance decision for plain claims is such a model: a handful of
features a person can read in a verdict's reasons (the share of the claim's key
terms the story covers, how focused the story is on them, ...), one weight each,
trained by `bench/train_engine.py` on the `tune` halves of the evaluation sets.
Scoring is plain Python (no numpy): a weighted sum through the logistic function.

Pure: no I/O besides reading the packaged JSON file once.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["LinearModel", "dump_models", "load_models"]


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression: P = 1 / (1 + exp(-(bias + sum(weight_i x feature_i))))."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    #: The decision: a probability at or above this is "yes".
    threshold: float

    def margin(self, values: Mapping[str, float]) -> float:
        """The weighted sum before the logistic function."""
        return self.bias + sum(
            weight * values.get(name, 0.0)
            for name, weight in zip(self.features, self.weights, strict=True)
        )

    def probability(self, values: Mapping[str, float]) -> float:
        """The model's probability for these feature values."""
        margin = max(-30.0, min(30.0, self.margin(values)))
        return 1.0 / (1.0 + math.exp(-margin))

    def decides(self, values: Mapping[str, float]) -> bool:
        """Is the probability at or above the threshold?"""
        return self.probability(values) >= self.threshold

    def contributions(self, values: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's share of the margin (weight x value), largest in size first."""
        parts = [
            (name, weight * values.get(name, 0.0))
            for name, weight in zip(self.features, self.weights, strict=True)
        ]
        return sorted((p for p in parts if p[1] != 0.0), key=lambda p: (-abs(p[1]), p[0]))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LinearModel:
        """Read a model written by `to_dict`."""
        weights = data["weights"]
        return cls(
            features=tuple(weights),
            weights=tuple(float(w) for w in weights.values()),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )

    def to_dict(self) -> dict[str, Any]:
        """The model as plain data: one weight per named feature."""
        return {
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 6),
            "weights": {
                name: round(weight, 6)
                for name, weight in zip(self.features, self.weights, strict=True)
            },
        }


def dump_models(models: Mapping[str, LinearModel], trained_on: str) -> str:
    """Several named models as one readable JSON document."""
    data = {"trained_on": trained_on, "models": {k: m.to_dict() for k, m in models.items()}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@functools.cache
def load_models(name: str) -> Mapping[str, LinearModel]:
    """The packaged models `tracker/data/<name>.json`, by their names."""
    raw = resources.files("tracker.data").joinpath(f"{name}.json").read_text("utf-8")
    data = json.loads(raw)
    return {key: LinearModel.from_dict(value) for key, value in data["models"].items()}
