"""The engine's modules import no I/O library: they decide, they do not do."""

from __future__ import annotations

import json
import subprocess
import sys

ENGINE = ["matching", "stance", "status", "syndication", "text", "numbers"]
FORBIDDEN = ["sqlalchemy", "httpx", "feedparser", "smtplib", "apscheduler", "socket", "requests"]


def test_engine_imports_no_io_library() -> None:
    code = (
        "import json, sys\n"
        + "".join(f"import tracker.{name}\n" for name in ENGINE)
        + "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    offending = [m for m in loaded if m.split(".")[0] in FORBIDDEN]
    assert offending == []
