"""Each tuning claim judged against a story that is its own sentence: a check that needs no
labels. A claim should corroborate itself; one that does not shows a defect of the engine
(engine 3.38 found a km/h claim whose own speed did not compare, a hint of 5 in "year"
read as the calendar year 5, a claim's own negated effect read as its denial) or a rule
that holds by design, which the output names and leaves out: a time-bound claim's "will"
before its deadline, an allegation repeated by its own source.

    .venv/bin/python bench/self_check.py            # plain and hinted, lexical judge
    .venv/bin/python bench/self_check.py --hinted   # hinted claims only

The story is judged with the relevance bar off (`Matcher.judge`, no stream), dated three
days before a time-bound claim's deadline (else undated). It reads the tuning streams
only (bench/heldout stays blind).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _streams import all_streams

from tracker.engine.matcher import Matcher
from tracker.types import Claim, Stance, Story

#: Reasons a claim may give of its own sentence by design: not defects.
BY_DESIGN = ("tells of it as to come", "from its own source")


@dataclass(frozen=True)
class Finding:
    """A claim that does not corroborate its own sentence."""

    stream: str
    form: str
    claim_id: str
    stance: Stance
    reason: str

    @property
    def by_design(self) -> bool:
        return any(phrase in self.reason for phrase in BY_DESIGN)


def own_sentence(claim: Claim) -> Story:
    """The claim's text as a story's headline, dated three days before its deadline."""
    published = None
    if claim.window is not None:
        published = datetime.combine(claim.window.by - timedelta(days=3), time(), UTC)
    return Story(
        "https://example.org/self-check", f"self-{claim.id}", claim.text, "", published=published
    )


def check(claims: Iterable[Claim], stream: str = "", form: str = "") -> Iterator[Finding]:
    """The claims that do not corroborate their own sentence, each with its reason."""
    for claim in claims:
        story = own_sentence(claim)
        verdict = Matcher([claim]).judge(claim.id, story, now=story.published)
        if verdict.stance is not Stance.CORROBORATES:
            yield Finding(stream, form, claim.id, verdict.stance, verdict.reasons[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hinted", action="store_true", help="hinted claims only")
    args = parser.parse_args()
    forms = (True,) if args.hinted else (False, True)
    total = designed = 0
    for stream in all_streams("all"):
        for hinted in forms:
            form = "hinted" if hinted else "plain"
            for finding in check(stream.claims(hinted), stream.name, form):
                total += 1
                if finding.by_design:
                    designed += 1
                    continue
                print(
                    f"{finding.stream} {finding.form} {finding.claim_id}: "
                    f"{finding.stance.value} | {finding.reason}"
                )
    print(f"{total} claims do not corroborate their own sentence; {designed} by design")


if __name__ == "__main__":
    main()
