"""Shared fixtures: real databases (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tracker.storage import Storage, open_storage

PG_ENV = "TRACKER_TEST_DATABASE_URL"
ENCODER_ENV = "TRACKER_ENCODER"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "real_encoder: the test runs the sentence encoder this machine has (not the stand-in)",
    )


@pytest.fixture(autouse=True)
def stand_in_encoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The semantic path runs with the deterministic stand-in encoder (HashEncoder) in the
    tests and in the commands and daemons they start (TRACKER_ENCODER=hash): the real
    model costs 50-160 ms a story and its verdicts are the engine's to test. Tests
    marked `real_encoder` run what the machine has; an explicit TRACKER_ENCODER wins."""
    if request.node.get_closest_marker("real_encoder") is None and ENCODER_ENV not in os.environ:
        monkeypatch.setenv(ENCODER_ENV, "hash")


def postgres_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema (dropped afterwards), as a URL whose search_path selects it."""
    base = postgres_base_url()
    if base is None:
        pytest.skip(f"{PG_ENV} is not set: PostgreSQL tests skipped")
    schema = f"tracker_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> str:
    """Each storage test runs on SQLite and, when configured, on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/tracker.sqlite"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def storage(db_url: str) -> Iterator[Storage]:
    store = open_storage(db_url)
    store.upgrade()
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def sqlite_storage(tmp_path: os.PathLike[str]) -> Iterator[Storage]:
    store = open_storage(f"sqlite:///{tmp_path}/tracker.sqlite")
    store.upgrade()
    try:
        yield store
    finally:
        store.close()
