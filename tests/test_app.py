"""The composition root (tracker.app): what `open_tracker` opens, syncs and closes."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import write_config

from tracker.app import open_tracker
from tracker.config import load_config
from tracker.errors import NoDatabaseError, SchemaOutOfDateError
from tracker.types import Claim

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def test_a_missing_or_unmigrated_database_is_refused_unless_asked_not_to_check(
    tmp_path: Path,
) -> None:
    config = load_config(
        write_config(tmp_path / "c.yaml", f"sqlite:///{tmp_path}/t.sqlite", []), env={}
    )
    with pytest.raises(NoDatabaseError):  # a read command never creates a database
        open_tracker(config)
    with open_tracker(config, check_schema=False) as tracker:
        assert tracker.storage.schema_revisions()[0] is None  # created, empty
    with pytest.raises(SchemaOutOfDateError, match="schema revision none") as refused:
        open_tracker(config)
    assert refused.value.hint is not None and "tracker init" in refused.value.hint
    with open_tracker(config, check_schema=False) as tracker:
        tracker.storage.upgrade()
    with open_tracker(config) as tracker:  # now it is the code's
        assert tracker.storage.get_feeds() == []


def test_sync_stores_claims_and_feeds_by_the_clock_and_close_ends_the_poller(
    tmp_path: Path, db_url: str
) -> None:
    config = load_config(
        write_config(tmp_path / "c.yaml", db_url, ["https://a.example/rss"]), env={}
    )
    with open_tracker(config, check_schema=False) as tracker:
        tracker.storage.upgrade()
    with open_tracker(config, clock=lambda: NOW) as tracker:
        assert sorted(tracker.sync()) == sorted(c.id for c in config.claims)  # all new
        assert tracker.sync() == []  # nothing changed since
        [feed] = tracker.storage.get_feeds()
        assert feed.url == "https://a.example/rss"
        poller = tracker.poller
        assert tracker.poller is poller, "one poller per tracker, built on first use"
        assert poller.clock() == NOW
    assert tracker._poller is None  # closed with the tracker
    changed = Claim(id=config.claims[0].id, text=config.claims[0].text + " (edited)")
    edited = load_config(write_config(tmp_path / "c.yaml", db_url, []), env={})
    edited = dataclasses.replace(edited, claims=(changed, *edited.claims[1:]))
    with open_tracker(edited, clock=lambda: NOW) as tracker:
        assert tracker.sync() == [changed.id]
        assert tracker.storage.get_feeds() == []  # the config's feed left the config
