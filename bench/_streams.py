"""Single-topic streams for the engine's evaluation and training.

Two places hold streams in one format (see /work/shared/eval/streams/README.md):
the public development streams in /work/shared/eval/streams (read in place, never
copied) and the streams written for this project in bench/streams. Each stream
folder has claims.jsonl (plain claims), claims-hinted.yaml (the same with an
analyst's hints) and stories.jsonl (stories with their labels).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tracker.inputs import read_claims_file
from tracker.types import Claim, Story

SHARED = Path("/work/shared/eval/streams")
OURS = Path(__file__).resolve().parent / "streams"
#: Streams written for this project and kept out of all tuning and training: the check
#: of an engine change on subjects it was never looked at with (bench/heldout/README.md).
HELDOUT = Path(__file__).resolve().parent / "heldout"
STANCES = ("corroborates", "contradicts", "discusses")


@dataclass(frozen=True)
class Stream:
    name: str
    folder: Path
    stories: tuple[Story, ...]
    #: Per story (same order): its language and {claim id: gold stance}.
    langs: tuple[str, ...]
    labels: tuple[dict[str, str], ...]

    def claims(self, hinted: bool) -> tuple[Claim, ...]:
        name = "claims-hinted.yaml" if hinted else "claims.jsonl"
        return read_claims_file(self.folder / name)

    def gold(self, story_index: int, claim_id: str) -> str:
        return self.labels[story_index].get(claim_id, "unrelated")

    def kinds(self) -> dict[str, str]:
        """Each claim's kind, read off its hints (`claim_kind`)."""
        return {claim.id: claim_kind(claim) for claim in self.claims(hinted=True)}


#: The kinds of claim the streams are written with, as `claim_kind` tells them apart.
KINDS = ("time-bound", "attributed", "number", "other")


def claim_kind(claim: Claim) -> str:
    """A hinted claim's kind: a `window` makes it time-bound, else `attributed_to`
    attributed, else a `quantity` a number claim; the rest (who did what, causes, ...)
    are "other"."""
    if claim.window is not None:
        return "time-bound"
    if claim.attributed_to:
        return "attributed"
    return "number" if claim.quantity is not None else "other"


def load_stream(folder: Path) -> Stream:
    rows = [
        json.loads(line)
        for line in (folder / "stories.jsonl").open(encoding="utf-8")
        if line.strip()
    ]
    stories = tuple(
        Story(
            feed_url=f"stream:{r['feed']}",
            entry_key=r["id"],
            title=r["title"],
            text=r["summary"],
            published=datetime.fromisoformat(r["published"].replace("Z", "+00:00")),
            lang=r["lang"],
        )
        for r in rows
    )
    return Stream(
        folder.name,
        folder,
        stories,
        tuple(r["lang"] for r in rows),
        tuple(dict(r["labels"]) for r in rows),
    )


def all_streams(which: str = "all") -> list[Stream]:
    """ "dev" (the public development streams), "ours" (bench/streams), "all" (both: what
    the engine is tuned and trained on) or "heldout" (bench/heldout, never tuned on)."""
    roots = {"dev": [SHARED], "ours": [OURS], "all": [SHARED, OURS], "heldout": [HELDOUT]}[which]
    out = []
    for root in roots:
        if root.is_dir():
            out += [load_stream(p) for p in sorted(root.iterdir()) if (p / "claims.jsonl").exists()]
    return out
