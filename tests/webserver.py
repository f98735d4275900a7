"""`tracker web` as users run it, for tests: a database filled by a real poll of feeds
written here, and the dashboard started as a subprocess on 127.0.0.1.

The stories: two English feeds (a denial, an allegation and a syndicated copy of
it, Italy's app-store order), a Marathi feed (a denial in Devanagari), and a
hostile feed whose title carries markup and a `javascript:` link.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

import httpx
from feedserver import FeedServer
from helpers import ALLEGATION, DENIAL, ITALY, rss, write_config

TRACKER = [sys.executable, "-m", "tracker"]

MARATHI_TITLE = "दीपसीककडे ५०,००० एनव्हीडिया चिप्स असल्याचा दावा फेटाळला"
MARATHI_TEXT = (
    "दीपसीककडे ५०,००० प्रगत एनव्हीडिया चिप्स असल्याचा दावा कंपनीने फेटाळला. "
    "कंपनीकडे सुमारे १० हजार चिप्स असल्याचे तिने स्पष्ट केले."
)
HOSTILE_TITLE = (
    '<script>alert("t")</script><img src=x onerror="alert(1)"> DeepSeek app removed in Italy'
)
HOSTILE_TEXT = (
    "Italy's privacy regulator ordered the DeepSeek app removed from app stores over "
    'privacy concerns <b onmouseover="alert(2)">now</b>.'
)


def marathi_feed() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>मराठी बातम्या</title><link>https://mr.example.in/</link><language>mr</language>"
        "<item><guid>mr-102</guid>"
        f"<title>{MARATHI_TITLE}</title><link>https://mr.example.in/102</link>"
        "<pubDate>Thu, 06 Feb 2025 07:30:00 GMT</pubDate>"
        f"<description>{MARATHI_TEXT}</description></item></channel></rss>"
    ).encode()


def hostile_feed() -> bytes:
    # The title is entity-escaped in the XML, so the parsed title holds the markup as text.
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>Hostile</title><link>https://evil.example.com/</link>"
        f"<item><guid>evil-1</guid><title>{escape(HOSTILE_TITLE)}</title>"
        "<link>javascript:alert(3)</link>"
        "<pubDate>Wed, 05 Feb 2025 09:00:00 GMT</pubDate>"
        f"<description>{escape(HOSTILE_TEXT)}</description></item></channel></rss>"
    ).encode()


def fill(server: FeedServer, tmp_path: Path, db_url: str) -> Path:
    """Serve the feeds, write a config, `tracker init` and `tracker poll --all`: the config."""
    copy = ALLEGATION.__class__(
        "alleg-copy", ALLEGATION.title, ALLEGATION.description, ALLEGATION.published
    )
    server.add("/wire.xml", rss([DENIAL, ALLEGATION, ITALY], title="Wire"))
    server.add("/daily.xml", rss([copy], title="Daily"))
    server.add("/marathi.xml", marathi_feed())
    server.add("/hostile.xml", hostile_feed())
    feeds = [server.url(p) for p in ("/wire.xml", "/daily.xml", "/marathi.xml", "/hostile.xml")]
    config = write_config(tmp_path / "config.yaml", db_url, feeds)
    for args in (["init"], ["poll", "--all"]):
        subprocess.run([*TRACKER, "--config", str(config), *args], check=True, capture_output=True)
    return config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_web(config: Path, *args: str, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """`tracker web` on a free port of 127.0.0.1 until the block ends; its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [*TRACKER, "--config", str(config), "web", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                output = proc.stdout.read() if proc.stdout else ""
                raise AssertionError(f"tracker web did not start:\n{output}")
            time.sleep(0.1)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str | None]:
    """A database URL for a module's shared site: SQLite in `folder`, or a PostgreSQL
    schema of its own (dropped afterwards); None when PostgreSQL is not configured."""
    if kind == "sqlite":
        yield f"sqlite:///{folder}/tracker.sqlite"
        return
    import uuid

    from conftest import postgres_base_url
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = postgres_base_url()
    if base is None:
        yield None
        return
    schema = f"tracker_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
