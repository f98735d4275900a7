"""Test helpers: feed documents and config files written for the tests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

from tracker.storage import Storage

CLAIMS = [
    {
        "id": "chips-50k",
        "text": "Scale AI's chief alleged that DeepSeek holds about 50,000 high-end Nvidia chips banned for export to China.",
        "entities": [["DeepSeek", "दीपसीक", "डीपसीक"], ["Nvidia", "एनव्हीडिया"]],
        "quantity": {"value": 50000, "unit": "chips", "tolerance": 0.2},
        "attributed_to": ["Alexandr Wang", "Scale AI"],
    },
    {
        "id": "app-store-removals",
        "text": "Governments from South Korea to Italy removed DeepSeek from national app stores over privacy concerns.",
        "entities": [["DeepSeek", "दीपसीक", "डीपसीक"]],
        "keywords": ["app store", "removed", "privacy", "Italy", "South Korea"],
    },
]


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    description: str
    published: datetime = datetime(2025, 2, 4, 10, 0, tzinfo=UTC)


def rss(items: Sequence[Item], *, title: str = "Test feed", lang: str = "en") -> bytes:
    """An RSS 2.0 document."""
    entries = "".join(
        f"<item><guid>{escape(i.guid)}</guid><title>{escape(i.title)}</title>"
        f"<link>https://news.example.org/{escape(i.guid)}</link>"
        f"<pubDate>{format_datetime(i.published)}</pubDate>"
        f"<description>{escape(i.description)}</description></item>"
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example.org/</link>"
        f"<language>{lang}</language>{entries}</channel></rss>"
    ).encode()


DENIAL = Item(
    "deny-1",
    "DeepSeek rejects report it holds banned Nvidia chips",
    "DeepSeek rejected claims that it owns 50,000 export-restricted Nvidia chips, saying its cluster holds about 10,000 chips.",
)
ALLEGATION = Item(
    "alleg-1",
    "Scale AI boss says DeepSeek has 50,000 Nvidia chips",
    "Alexandr Wang of Scale AI alleged that DeepSeek has about 50,000 Nvidia H100 chips, without offering evidence.",
)
ITALY = Item(
    "italy-1",
    "Italy orders DeepSeek app blocked",
    "Italy's privacy regulator ordered the DeepSeek app removed from app stores in the country over privacy concerns.",
)
WEATHER = Item(
    "weather-1", "Rain expected in Pune", "Light rain is expected over the next two days."
)


def write_config(
    path: Path, db_url: str, feeds: Sequence[str], *, extra: dict[str, object] | None = None
) -> Path:
    """A config.yaml for tests: the given feeds, the test claims, a fast daemon tick."""
    data: dict[str, object] = {
        "database": db_url,
        "feeds": [{"url": url, "name": f"Feed {n}"} for n, url in enumerate(feeds)],
        "claims": CLAIMS,
        # One process: most tests poll a few small feeds, where worker processes (the
        # default, "auto") would only add their start-up; the tests of workers set them.
        "polling": {"timeout": {"connect": 2, "read": 2, "total": 5}, "workers": 0},
        "daemon": {"tick": 1, "heartbeat": 1},
    }
    data.update(extra or {})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def wipe(storage: Storage) -> None:
    """Empty every table (the schema stays): a fresh database for each example of a
    property test that shares one `storage` fixture."""
    from sqlalchemy import delete

    from tracker.storage.models import Base

    with storage.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(table))


class RecordingEncoder:
    """The deterministic stand-in encoder (HashEncoder), writing every passage it embeds
    to a file, one JSON string a line: how often each story was embedded, counted
    across worker processes too (it is pickled into them with its file's path).

    `fail_on`: a word whose passages it refuses (RuntimeError), as a broken model or a
    text the model cannot take would; `fail_all`: it refuses everything.
    """

    def __init__(self, log: Path, *, fail_on: str | None = None, fail_all: bool = False) -> None:
        from tracker.engine.vectors import HashEncoder

        self._inner = HashEncoder()
        self.dim = self._inner.dim
        self.name = f"recording-{self._inner.name}"
        self.log = str(log)
        self.fail_on = fail_on
        self.fail_all = fail_all

    def encode_queries(self, texts: Sequence[str]) -> Any:
        return self._inner.encode_queries(texts)

    def encode_passages(self, texts: Sequence[str]) -> Any:
        if self.fail_all or (self.fail_on and any(self.fail_on in t for t in texts)):
            raise RuntimeError(f"the encoder refuses {self.fail_on or 'everything'}")
        with open(self.log, "a", encoding="utf-8") as out:
            out.write("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts))
        return self._inner.encode_passages(texts)

    def embedded(self) -> list[str]:
        """Every passage embedded so far, in order (wholes and sentences)."""
        path = Path(self.log)
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


#: A claim whose key word the shipped glossary lacks ("zorbing"), an entry of the config's
#: `glossary` giving it an invented Marathi word that shares no sound with it, and a
#: Marathi story saying the claim with that word: related only with the entry.
ZORBING_CLAIM = {"id": "manali-zorbing", "text": "Manali's zorbing slopes are shut"}
ZORBING_GLOSSARY = [{"en": ["zorbing"], "mr": ["गोलफिरकी"]}]
ZORBING_STORY = Item(
    "zorb-mr",
    "मनालीत गोलफिरकीवर बंदी",
    "मनालीतील गोलफिरकीवर प्रशासनाने बंदी घातली.",
)
