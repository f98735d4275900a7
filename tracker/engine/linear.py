"""A small logistic model over named, readable features, shipped as JSON package data.

The engine's relevance decision for plain claims is such a model: a handful of
features a person can read in a verdict's reasons (the share of the claim's key
terms the story covers, how focused the story is on them, ...), one weight each,
trained by `bench/train_engine.py` on the `tune` halves of the evaluation sets.
Scoring is plain Python (no numpy): a weighted sum through the logistic function.

Pure: no I/O besides reading the packaged JSON file once. A missing or corrupt
data file raises `DataFileError` naming the file, not a KeyError deep in scoring.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from tracker.errors import TrackerError

__all__ = [
    "DataFileError",
    "LinearModel",
    "dump_models",
    "load_models",
    "parse_models",
    "read_data_file",
]

_REINSTALL = "reinstall the package (pip install -e .) or rebuild it with bench/train_engine.py"


class DataFileError(TrackerError):
    """A packaged data file (tracker/data/...) is missing or not what the engine expects."""

    hint = _REINSTALL


def read_data_file(filename: str) -> str:
    """The text of `tracker/data/<filename>`; DataFileError naming the file when unreadable."""
    where = f"tracker/data/{filename}"
    try:
        return resources.files("tracker.data").joinpath(filename).read_text("utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{where} is missing from the installed package") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{where} cannot be read: {exc}") from None


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


def parse_models(raw: str, source: str, required: Sequence[str] = ()) -> Mapping[str, LinearModel]:
    """Read a models document written by `dump_models`, checking every field.

    `source` names the file in errors; `required`: model names the caller needs.
    """
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{source} is not valid JSON: {exc}") from None
    models = data.get("models") if isinstance(data, dict) else None
    if not isinstance(models, dict) or not models:
        raise DataFileError(f'{source} has no "models" mapping')
    missing = [name for name in required if name not in models]
    if missing:
        raise DataFileError(f"{source} lacks the model(s) {', '.join(missing)}")
    out = {}
    for key, value in models.items():
        out[key] = _checked_model(value, f"{source}: model {key!r}")
    return out


def _checked_model(value: object, where: str) -> LinearModel:
    if not isinstance(value, dict):
        raise DataFileError(f"{where} is not a mapping")
    weights = value.get("weights")
    if not isinstance(weights, dict) or not weights:
        raise DataFileError(f'{where} has no "weights" mapping')
    for field_name, number in (("bias", value.get("bias")), ("threshold", value.get("threshold"))):
        if not _is_number(number):
            raise DataFileError(f"{where}: {field_name} is missing or not a number")
    for name, weight in weights.items():
        if not _is_number(weight):
            raise DataFileError(f"{where}: the weight of {name!r} is not a number")
    if not 0.0 < float(value["threshold"]) < 1.0:
        raise DataFileError(f"{where}: threshold {value['threshold']} is not between 0 and 1")
    return LinearModel.from_dict(value)


def _is_number(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


@functools.cache
def load_models(name: str, required: tuple[str, ...] = ()) -> Mapping[str, LinearModel]:
    """The packaged models `tracker/data/<name>.json`, by their names, checked.

    DataFileError, naming the file, when it is missing, corrupt, or lacks a
    `required` model.
    """
    filename = f"{name}.json"
    return parse_models(read_data_file(filename), f"tracker/data/{filename}", required)
