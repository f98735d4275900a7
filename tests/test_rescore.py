"""Rescoring stored stories: in this process or in worker processes, and after a claim changes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tracker.config import load_config
from tracker.pipeline import rescore_changed_claims, rescore_stories
from tracker.storage import Storage, open_storage
from tracker.types import (
    Claim,
    FeedConfig,
    FeedPollUpdate,
    Stance,
    Story,
    StoryWithVerdicts,
    Verdict,
)

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
FEED = "https://news.example.org/feed.xml"
SENTENCES = [
    "DeepSeek denied that it holds 50,000 export-restricted Nvidia chips.",
    "Scale AI chief Alexandr Wang said DeepSeek has about 50,000 Nvidia H100 chips.",
    "DeepSeek is rushing to release its R2 model earlier than planned.",
    "Italy's privacy regulator ordered the DeepSeek app removed from app stores.",
    "Nvidia shares fell 17% after DeepSeek released its R1 reasoning model.",
    "डीपसीक के पास 50,000 एनवीडिया चिप्स होने का दावा किया गया।",
    "दीपसीककडे 50,000 एनव्हीडिया चिप्स असल्याचा दावा फेटाळला.",
    "Heavy rain is expected across the coast for the next five days.",
    "The city council approved a budget of 60 million for road repairs.",
    "Officials did not respond to a request for comment on Tuesday.",
]


def _claims() -> list[Claim]:
    return list(load_config(ROOT / "config.yaml").claims)


def _filled(path: Path, n: int) -> Storage:
    """A SQLite database with `n` stories built from SENTENCES, no verdicts yet."""
    store = open_storage(f"sqlite:///{path}")
    store.upgrade()
    return _fill(store, n)


def _fill(store: Storage, n: int) -> Storage:
    store.sync_claims(_claims(), NOW)
    store.sync_feeds([FeedConfig(url=FEED)], NOW)
    [feed] = store.get_feeds()
    rng = random.Random(5)
    stories = []
    for i in range(n):
        parts = rng.sample(SENTENCES, rng.randint(1, 4))
        stories.append(Story(feed_url=FEED, entry_key=f"e{i}", title=parts[0],
                             text=" ".join(parts[1:]), published=NOW - timedelta(hours=i)))  # fmt: skip
    store.record_poll(
        FeedPollUpdate(
            feed_id=feed.id,
            polled_at=NOW,
            next_poll=NOW,
            stories=[StoryWithVerdicts(s, [], {}) for s in stories],
        )
    )
    return store


def _stored(store: Storage) -> list[tuple[object, ...]]:
    return sorted(
        (e.story_id, e.claim_id, e.stance, e.score, e.evidence, e.reasons, e.logged_at)
        for e in store.get_evidence()
    )


def test_worker_processes_store_the_same_verdicts_as_one_process(tmp_path: Path) -> None:
    claims = _claims()
    one, two = _filled(tmp_path / "one.sqlite", 60), _filled(tmp_path / "two.sqlite", 60)
    ticks = {"one": 0, "two": 0}

    def tick(name: str) -> None:
        ticks[name] += 1

    try:
        first = rescore_stories(one, claims, batch_size=7, now=NOW, workers=0,
                                on_story=lambda: tick("one"))  # fmt: skip
        second = rescore_stories(two, claims, batch_size=7, now=NOW, workers=2,
                                 on_story=lambda: tick("two"))  # fmt: skip
        assert first == second and first[0] == 60 and first[1] > 20
        assert ticks == {"one": 60, "two": 60}  # progress: once per story either way
        assert _stored(one) == _stored(two)
    finally:
        one.close()
        two.close()


def test_rescore_keeps_unchanged_verdicts_and_replaces_changed_ones(tmp_path: Path) -> None:
    store = _filled(tmp_path / "db.sqlite", 30)
    claims = _claims()
    try:
        done, written = rescore_stories(store, claims, now=NOW, workers=0)
        before = {(e.story_id, e.claim_id): e for e in store.get_evidence()}
        assert done == 30 and written == len(before) > 0
        # The same claims again: nothing changes, ids and times are kept.
        later = NOW + timedelta(hours=1)
        assert rescore_stories(store, claims, now=later, workers=0) == (30, 0)
        again = {(e.story_id, e.claim_id): e for e in store.get_evidence()}
        assert again == before
        # A claim's definition changes: only its verdicts are rescored; those whose
        # stance, evidence and reasons change get the new time, the rest keep theirs.
        chips = next(c for c in claims if c.id == "chips-50k")
        changed = Claim(id=chips.id, text=chips.text, entities=chips.entities,
                        keywords=(*chips.keywords, "GPUs"), quantity=chips.quantity)  # fmt: skip
        assert store.stale_claims([changed]) == ["chips-50k"]
        rescore_stories(store, [changed], now=later, workers=0)
        assert store.stale_claims([changed]) == []
        after = {(e.story_id, e.claim_id): e for e in store.get_evidence()}
        for key, e in after.items():
            old = before.get(key)
            if key[1] != "chips-50k":
                assert e == old
            elif old is not None and (old.stance, old.evidence, old.reasons) == (
                e.engine_stance,
                e.evidence,
                e.reasons,
            ):
                assert (e.verdict_id, e.logged_at) == (old.verdict_id, old.logged_at)
            else:
                assert e.logged_at == later
    finally:
        store.close()


def test_store_rescored_updates_in_bulk_by_the_poll_rule(storage: Storage) -> None:
    """On SQLite and PostgreSQL."""
    store = _fill(storage, 3)
    claims = _claims()[:3]
    hashes = {c.id: c.definition_hash for c in claims}
    ids = [story_id for batch in store.iter_story_batches() for story_id, _ in batch]

    def v(claim: Claim, stance: Stance, score: float, evidence: str = "e") -> Verdict:
        return Verdict(claim_id=claim.id, stance=stance, score=score, evidence=evidence,
                       reasons=("r",), engine_version="t")  # fmt: skip

    a, b, c = claims
    first = [(ids[0], [v(a, Stance.CORROBORATES, 0.5), v(b, Stance.DISCUSSES, 0.4)]),
             (ids[1], [v(c, Stance.CONTRADICTS, 0.9)])]  # fmt: skip
    assert store.store_rescored(first, hashes, NOW) == 3
    old = {(e.story_id, e.claim_id): e for e in store.get_evidence()}
    later = NOW + timedelta(hours=2)
    second = [
        # same stance and evidence, new score: kept (id, time), score updated
        (ids[0], [v(a, Stance.CORROBORATES, 0.7)]),  # b no longer related: removed
        (ids[1], [v(c, Stance.CORROBORATES, 0.9)]),  # stance changed: new time
        (ids[2], [v(a, Stance.DISCUSSES, 0.3)]),  # new verdict
    ]
    assert store.store_rescored(second, {**hashes, a.id: "new-hash"}, later) == 2
    new = {(e.story_id, e.claim_id): e for e in store.get_evidence()}
    assert set(new) == {(ids[0], a.id), (ids[1], c.id), (ids[2], a.id)}
    kept = new[(ids[0], a.id)]
    assert (kept.verdict_id, kept.logged_at, kept.score) == (
        old[(ids[0], a.id)].verdict_id,
        NOW,
        0.7,
    )
    assert new[(ids[1], c.id)].logged_at == later
    assert new[(ids[1], c.id)].verdict_id == old[(ids[1], c.id)].verdict_id
    assert new[(ids[2], a.id)].logged_at == later
    # Every verdict of the rescored claims carries the hash given, changed or not.
    assert store.stale_claims(claims) == [a.id]


def test_a_changed_claim_in_the_config_is_rescored_at_start(tmp_path: Path) -> None:
    store = _filled(tmp_path / "db.sqlite", 20)
    config = load_config(ROOT / "config.yaml")
    chips = next(c for c in config.claims if c.id == "chips-50k")
    try:
        # The database holds an older definition of one claim (what the daemon sees
        # at start after config.yaml was edited).
        store.sync_claims([Claim(id=chips.id, text="DeepSeek has many Nvidia chips.")], NOW)
        assert rescore_changed_claims(store, config) == ["chips-50k"]
        assert {e.claim_id for e in store.get_evidence()} == {"chips-50k"}
        assert store.stale_claims(config.claims) == []
        assert rescore_changed_claims(store, config) == []
    finally:
        store.close()
