"""bench/_streams.py: a claim's kind, as the evaluation reports figures by it."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from _streams import KINDS, claim_kind

from tracker.types import Claim, Quantity, Window

TEXT = "Konkan Coast Airways cancelled about 120 flights."


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        (Claim(id="a", text=TEXT), "other"),
        (Claim(id="b", text=TEXT, quantity=Quantity(120, "flights")), "number"),
        (Claim(id="c", text=TEXT, attributed_to=("the crew association",)), "attributed"),
        # A deadline decides before a source, a source before a figure.
        (
            Claim(
                id="d",
                text=TEXT,
                window=Window(by=date(2025, 5, 1)),
                attributed_to=("the crew association",),
                quantity=Quantity(120, "flights"),
            ),
            "time-bound",
        ),
        (
            Claim(
                id="e",
                text=TEXT,
                attributed_to=("the crew association",),
                quantity=Quantity(120, "flights"),
            ),
            "attributed",
        ),
    ],
)
def test_a_claims_kind_is_read_off_its_hints(claim: Claim, kind: str) -> None:
    assert claim_kind(claim) == kind
    assert kind in KINDS
