"""bench/self_check.py: each claim judged against a story that is its own sentence."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import self_check

from tracker.types import Claim, Quantity, Stance, Window


def test_a_claim_stating_a_done_fact_corroborates_itself() -> None:
    claims = [
        Claim(id="cut", text="Rivanta Motors cut 500 jobs at its Dhanora plant in March 2024."),
        Claim(
            id="speed",
            text="Velpur rapid-rail trains run at a top speed of 160 kmph.",
            quantity=Quantity(160, "kmph", 0.2),
        ),
    ]
    assert list(self_check.check(claims)) == []


def test_a_promise_before_its_deadline_is_a_finding_by_design() -> None:
    claim = Claim(
        id="open",
        text="The Velpur ring road will open to traffic by 31 May 2025.",
        window=Window(by=date(2025, 5, 31)),
    )
    [finding] = self_check.check([claim], "s", "hinted")
    assert finding.stance is Stance.DISCUSSES
    assert finding.by_design, finding.reason
    published = self_check.own_sentence(claim).published
    assert published is not None and published.date() == date(2025, 5, 28)
