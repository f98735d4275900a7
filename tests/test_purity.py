"""The pure modules import no I/O library, nothing of the floors above them, and read
no clock: they decide, they do not do."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tracker.engine

#: Every module of the engine, found by walking the package (a new module is covered
#: without editing this list), and the pure modules of the other floors.
PURE = sorted(
    [f"tracker.engine.{info.name}" for info in pkgutil.iter_modules(tracker.engine.__path__)]
    + [
        "tracker.basis",
        "tracker.digest.content",
        "tracker.digest.rules",
        "tracker.feeds.redirects",
        "tracker.feeds.scheduling",
        "tracker.health",
        "tracker.output",
        "tracker.types",
        "tracker.web.present",
        "tracker.words",
    ]
)
FORBIDDEN = [
    "sqlalchemy", "httpx", "feedparser", "smtplib", "apscheduler", "socket", "requests",
    "starlette", "uvicorn", "prometheus_client",
]  # fmt: skip
#: The floors that do I/O: a pure module importing one of them would do it too.
IMPURE = [
    "tracker.storage",
    "tracker.pipeline",
    "tracker.workers",
    "tracker.backlog",
    "tracker.profiles",
    "tracker.app",
    "tracker.daemon",
    "tracker.cli",
    "tracker.clock",
    "tracker.feeds.fetch",
    "tracker.feeds.parse",
    "tracker.digest.mail",
    "tracker.digest.delivery",
    "tracker.web.app",
    "tracker.metrics",
]
#: Reading the time: pure code takes `now` from its caller.
CLOCK_CALLS = re.compile(r"\b(?:datetime\.now|datetime\.utcnow|date\.today|time\.time)\(")


def test_pure_modules_import_no_io_library() -> None:
    code = (
        "import json, sys\n"
        + "".join(f"import {name}\n" for name in PURE)
        + "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    offending = [m for m in loaded if m.split(".")[0] in FORBIDDEN]
    assert offending == []
    above = [m for m in loaded if any(m == i or m.startswith(i + ".") for i in IMPURE)]
    assert above == []


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_read_no_clock(name: str) -> None:
    source = Path(str(importlib.import_module(name).__file__)).read_text(encoding="utf-8")
    assert CLOCK_CALLS.findall(source) == []


def test_the_walk_finds_the_engine() -> None:
    """Guards the walk itself: an empty list would pass the test above vacuously."""
    assert {"tracker.engine.matcher", "tracker.engine.stance", "tracker.engine.text"} <= set(PURE)
