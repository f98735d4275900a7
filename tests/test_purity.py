"""The pure modules import no I/O library: they decide, they do not do."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import tracker.engine

#: Every module of the engine, found by walking the package (a new module is covered
#: without editing this list), and the pure modules of the other floors.
PURE = sorted(
    [f"tracker.engine.{info.name}" for info in pkgutil.iter_modules(tracker.engine.__path__)]
    + [
        "tracker.digest.content",
        "tracker.digest.rules",
        "tracker.feeds.redirects",
        "tracker.feeds.scheduling",
        "tracker.output",
        "tracker.types",
        "tracker.words",
    ]
)
FORBIDDEN = ["sqlalchemy", "httpx", "feedparser", "smtplib", "apscheduler", "socket", "requests"]


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


def test_the_walk_finds_the_engine() -> None:
    """Guards the walk itself: an empty list would pass the test above vacuously."""
    assert {"tracker.engine.matcher", "tracker.engine.stance", "tracker.engine.text"} <= set(PURE)
