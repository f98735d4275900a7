"""Shared parts of the benchmarks: the machine line, synthetic feeds and stories, a feed server.

Not a benchmark itself. The feed server runs in its own process (so it does not
compete with the code under test for the GIL) and is started by the benchmarks:

    python bench/_common.py serve --feeds 1000 --entries 20 --port-file /tmp/port

It serves /feed/<i>.xml (RSS 2.0, HTML summaries, about one feed in five in Hindi
or Marathi) with an ETag and answers 304 to a matching If-None-Match. With
--rotate S every feed gains a new entry every S seconds (the oldest drops off).
GET /stats returns the request counts as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


# --- machine ---------------------------------------------------------------------------------


def machine_line() -> str:
    """`date`, `nproc`, `free -h` (total memory) and the Python version, on one line."""
    date = subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    free = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.split("\n")[1]
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{date}; {nproc} cores ({cpu}); memory {free.split()[1]}; "
        f"Python {platform.python_version()}"
    )


def peak_rss_mb() -> float:
    """This process's peak resident set size (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb(pid: int) -> float:
    """Current resident set size of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- synthetic text --------------------------------------------------------------------------

_EN_ABOUT = [
    "Scale AI chief executive Alexandr Wang said DeepSeek has about {n},000 Nvidia H100 chips",
    "DeepSeek denied that it holds {n},000 export-restricted Nvidia processors",
    "Analysts estimate that DeepSeek trained its V3 model for about ${m} million",
    "Nvidia shares fell {p}% after DeepSeek released its R1 reasoning model",
    "DeepSeek's R1 model topped the App Store charts in the United States",
    "Italy's privacy regulator ordered the DeepSeek app blocked over data concerns",
    "DeepSeek plans to release its R2 model earlier than the start of May",
    "Bernstein said DeepSeek's prices are 20 to 40 times cheaper than OpenAI's",
    "Microsoft and OpenAI are investigating whether DeepSeek used OpenAI outputs",
]
_EN_OTHER = [
    "The city council approved a budget of {m} million for road repairs",
    "Heavy rain is expected across the coast for the next {p} days",
    "The home side won by {n} runs after a late collapse by the visitors",
    "Oil prices rose {p}% on supply worries in early trading",
    "The central bank held its key rate steady for a {p}th meeting",
    "A new metro line will open to passengers in {p} weeks, officials said",
    "Farmers protested outside the assembly over crop prices",
    "The film festival opened with a record {n},000 visitors",
]
_HI = [
    "डीपसीक के पास {n},000 एनवीडिया चिप्स होने का दावा किया गया",
    "डीपसीक ने आर1 मॉडल जारी किया और एनवीडिया के शेयर {p}% गिरे",
    "मुंबई में अगले {p} दिनों तक भारी बारिश की संभावना",
    "सरकार ने सड़कों की मरम्मत के लिए {m} करोड़ रुपये मंजूर किए",
]
_MR = [
    "दीपसीककडे {n},००० एनव्हीडिया चिप्स असल्याचा दावा फेटाळला",
    "डीपसीक आर 2 मॉडेल लवकरच बाजारात आणणार",
    "पुण्यात पुढील {p} दिवस पावसाची शक्यता",
    "महापालिकेने रस्त्यांसाठी {m} कोटी रुपये मंजूर केले",
]
_EN_TAIL = [
    ", officials say", " on {w}", ", report says", " after {n} days", ", sources say",
    " ahead of {w}'s meeting", " as talks drag on", ", in a {n}-page filing", " again",
    " for the {n}th time", ", analysts warn", " despite warnings", "",
]  # fmt: skip
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_CITIES = ["Mumbai", "Pune", "Delhi", "Beijing", "Hangzhou", "San Francisco", "London",
           "Nagpur", "Bengaluru", "Washington", "Shanghai", "Singapore"]  # fmt: skip
_PLACES = ["पुणे", "मुंबई", "नागपूर", "दिल्ली", "नाशिक", "लखनऊ", "पटना", "जयपूर"]
_FILLER = {
    "en": [
        "The statement came after weeks of speculation among investors and engineers.",
        "Officials did not respond to a request for comment on Tuesday.",
        "People familiar with the matter spoke on condition of anonymity.",
        "The figures could not be independently verified.",
        "Earlier reports had put the number considerably lower.",
        "The company said it would publish more details in the coming weeks.",
    ],
    "hi": [
        "अधिकारियों ने इस पर कोई टिप्पणी नहीं की।",
        "इस आंकड़े की स्वतंत्र रूप से पुष्टि नहीं हो सकी।",
        "कंपनी ने कहा कि वह जल्द ही और जानकारी देगी।",
    ],
    "mr": [
        "अधिकाऱ्यांनी यावर कोणतीही प्रतिक्रिया दिली नाही.",
        "या आकड्याची स्वतंत्रपणे पुष्टी होऊ शकली नाही.",
        "कंपनीने लवकरच अधिक माहिती देऊ असे सांगितले.",
    ],
}


def _fill(template: str, rng: random.Random) -> str:
    return template.format(n=rng.choice([10, 20, 50, 60]), m=rng.choice([6, 60, 600]),
                           p=rng.randint(2, 17))  # fmt: skip


def story_text(rng: random.Random, lang: str) -> tuple[str, list[str]]:
    """A headline and 3-8 body sentences in `lang`; about a third are about the claims."""
    if lang == "hi":
        head = _fill(rng.choice(_HI), rng)
    elif lang == "mr":
        head = _fill(rng.choice(_MR), rng)
    else:
        head = _fill(rng.choice(_EN_ABOUT if rng.random() < 0.35 else _EN_OTHER), rng)
    pool = _FILLER[lang]
    # Real headlines and datelines are mostly unique; one story in twenty is a wire copy
    # (the same headline and first sentence in another feed), for the syndication check.
    wire = rng.random() < 0.05
    if lang == "en" and not wire:
        head += rng.choice(_EN_TAIL).format(n=rng.randint(2, 90), w=rng.choice(_WEEKDAYS))
    if lang != "en" and not wire:
        head = f"{rng.choice(_PLACES)} {rng.randint(1, 28)}: {head}"
    city = "Wire" if wire else rng.choice(_CITIES)
    sentences = [f"{city}, {'' if wire else rng.randint(1, 28)}: " + head
                 + ("." if lang == "en" else "।" if lang == "hi" else ".")]  # fmt: skip
    for _ in range(rng.randint(3, 8)):
        if lang == "en" and rng.random() < 0.3:
            sentences.append(_fill(rng.choice(_EN_ABOUT + _EN_OTHER), rng) + ".")
        else:
            sentences.append(rng.choice(pool))
    return head, sentences


def feed_lang(i: int) -> str:
    return "hi" if i % 10 == 3 else "mr" if i % 10 == 7 else "en"


def item_xml(feed: int, n: int, lang: str) -> str:
    """One RSS item, ~1-2 KB: HTML summary with a paragraph per sentence, a link and an image."""
    rng = random.Random(feed * 1_000_003 + n)
    head, sentences = story_text(rng, lang)
    published = datetime(2025, 1, 20, tzinfo=UTC) + timedelta(minutes=37 * n + feed)
    html = "".join(f"<p>{escape(s)}</p>" for s in sentences)
    html = (
        f'<div class="story"><img src="https://img.example.org/{feed}/{n}.jpg" '
        f'alt="" width="640" height="360"/>{html}'
        f'<p><a href="https://news{feed}.example.org/a/{n}?utm_source=rss">Read more</a></p></div>'
    )
    return (
        f'<item><guid isPermaLink="false">feed{feed}-{n}</guid>'
        f"<title>{escape(head)}</title>"
        f"<link>https://news{feed}.example.org/a/{n}?utm_source=rss&amp;utm_medium=feed</link>"
        f"<pubDate>{format_datetime(published, usegmt=True)}</pubDate>"
        f"<category>Technology</category><author>desk@news{feed}.example.org (Desk)</author>"
        f"<description>{escape(html)}</description></item>\n"
    )


def feed_xml(feed: int, entries: int, first: int = 0) -> bytes:
    """Feed `feed` with entries first+entries-1 .. first (newest first)."""
    lang = feed_lang(feed)
    items = "".join(item_xml(feed, n, lang) for n in range(first + entries - 1, first - 1, -1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>News {feed}</title><link>https://news{feed}.example.org/</link>"
        f"<description>Synthetic feed {feed}</description><language>{lang}</language>\n"
        f"{items}</channel></rss>\n"
    ).encode()


# --- configuration ---------------------------------------------------------------------------


def shipped_claims() -> list[dict[str, object]]:
    """The thirteen claims of the shipped config.yaml, as YAML data."""
    import yaml

    return list(yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["claims"])


def write_config(path: Path, database: str, feed_urls: list[str], **extra: object) -> Path:
    """A config.yaml for a benchmark: the shipped claims, these feeds, local-friendly polling.

    All benchmark feeds are on one host (127.0.0.1), so per_host is raised to the
    concurrency: the shipped per_host of 2 would measure politeness, not cost.
    """
    import yaml

    polling = {"concurrency": 16, "per_host": 16, "interval": "15m"}
    polling.update(extra.pop("polling", {}))  # type: ignore[call-overload]
    config = {
        "database": database,
        "polling": polling,
        "feeds": [{"url": u, "name": f"Feed {i}"} for i, u in enumerate(feed_urls)],
        "claims": extra.pop("claims", None) or shipped_claims(),
        **extra,
    }
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


# --- the feed server -------------------------------------------------------------------------


class _Server:
    def __init__(self, feeds: int, entries: int, rotate: float | None) -> None:
        self.feeds, self.entries, self.rotate = feeds, entries, rotate
        self.cache: dict[tuple[int, int], bytes] = {}
        self.stats: Counter[str] = Counter()
        self.start = time.monotonic()

    def generation(self) -> int:
        return int((time.monotonic() - self.start) / self.rotate) if self.rotate else 0

    def body(self, feed: int, gen: int) -> bytes:
        key = (feed, gen)
        if key not in self.cache:
            self.cache.pop((feed, gen - 1), None)
            self.cache[key] = feed_xml(feed, self.entries, first=gen)
        return self.cache[key]

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if path == "/stats":
            return 200, {"Content-Type": "application/json"}, json.dumps(self.stats).encode()
        if path.startswith("/feed/") and path.endswith(".xml"):
            try:
                feed = int(path[6:-4])
            except ValueError:
                feed = -1
            if 0 <= feed < self.feeds:
                gen = self.generation()
                etag = f'"f{feed}g{gen}"'
                self.stats["requests"] += 1
                if headers.get("if-none-match") == etag:
                    self.stats["304"] += 1
                    return 304, {"ETag": etag}, b""
                self.stats["200"] += 1
                body = self.body(feed, gen)
                ctype = "application/rss+xml; charset=utf-8"
                return 200, {"ETag": etag, "Content-Type": ctype}, body
        self.stats["404"] += 1
        return 404, {"Content-Type": "text/plain"}, b"not found"

    async def client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                parts = lines[0].split(" ")
                path = parts[1] if len(parts) > 1 else "/"
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                status, extra, body = self.answer(path, headers)
                reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}[status]
                out = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(body)}"]
                out += [f"{k}: {v}" for k, v in extra.items()]
                writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1") + body)
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()


async def _serve(args: argparse.Namespace) -> None:
    state = _Server(args.feeds, args.entries, args.rotate)
    server = await asyncio.start_server(state.client, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    Path(args.port_file).write_text(str(port))
    async with server:
        await server.serve_forever()


class FeedServer:
    """The feed server above in a subprocess: `with FeedServer(1000) as s: s.url(i)`."""

    def __init__(self, feeds: int, entries: int = 20, rotate: float | None = None) -> None:
        self.feeds, self.entries, self.rotate = feeds, entries, rotate
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0

    def __enter__(self) -> FeedServer:
        port_file = Path(f"/tmp/bench-feedserver-{os.getpid()}-{id(self)}")
        port_file.unlink(missing_ok=True)
        cmd = [sys.executable, __file__, "serve", "--feeds", str(self.feeds),
               "--entries", str(self.entries), "--port-file", str(port_file)]  # fmt: skip
        if self.rotate:
            cmd += ["--rotate", str(self.rotate)]
        self.proc = subprocess.Popen(cmd)
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("feed server did not start")
            time.sleep(0.05)
        self.port = int(port_file.read_text())
        port_file.unlink()
        return self

    def url(self, feed: int) -> str:
        return f"http://127.0.0.1:{self.port}/feed/{feed}.xml"

    def stats(self) -> dict[str, int]:
        import httpx

        return dict(httpx.get(f"http://127.0.0.1:{self.port}/stats").json())

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve")
    serve.add_argument("--feeds", type=int, default=1000)
    serve.add_argument("--entries", type=int, default=20)
    serve.add_argument("--rotate", type=float, default=None)
    serve.add_argument("--port-file", required=True)
    args = parser.parse_args()
    asyncio.run(_serve(args))


if __name__ == "__main__":
    main()


# --- a populated database --------------------------------------------------------------------


def claims_config(n: int) -> list[dict[str, object]]:
    """The 13 shipped claims, then plain-sentence synthetic ones (bench/matching.py's
    templates) up to `n`, as config.yaml data."""
    import json as _json
    import tempfile as _tempfile

    from matching import claims_jsonl

    with _tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.jsonl"
        claims_jsonl(n, path)
        synthetic = [_json.loads(line) for line in path.read_text().splitlines()]
    shipped = shipped_claims()[:n]
    return shipped + synthetic[len(shipped) :]


def populate(
    storage: object,
    n_stories: int,
    *,
    feeds: int = 100,
    days: int = 30,
    verdicts_per_story: int = 0,
    claim_ids: list[str] | None = None,
    now: datetime | None = None,
) -> None:
    """Fill an upgraded database (claims and feeds already synced) with synthetic stories,
    spread over `days` before `now`, and optionally fake verdicts for random claims.

    Bulk inserts straight into the tables: this is the fixture, not what is measured.
    """
    from sqlalchemy import insert, select

    from tracker.storage.models import FeedRow, StoryRow, VerdictRow
    from tracker.types import Story

    now = now or datetime.now(UTC)
    rng = random.Random(1)
    with storage.session() as s:  # type: ignore[attr-defined]
        feed_ids = list(s.scalars(select(FeedRow.id)))[:feeds]
    batch: list[dict[str, object]] = []
    verdicts: list[dict[str, object]] = []
    stances = ["corroborates", "contradicts", "discusses"]

    def flush() -> None:
        with storage.session() as s:  # type: ignore[attr-defined]
            if batch:
                s.execute(insert(StoryRow), batch)
            if verdicts:
                s.execute(insert(VerdictRow), verdicts)
        batch.clear()
        verdicts.clear()

    for i in range(1, n_stories + 1):
        lang = feed_lang(i)
        head, sentences = story_text(random.Random(i), lang)
        text = " ".join(sentences)
        feed_id = feed_ids[i % len(feed_ids)]
        when = now - timedelta(seconds=rng.random() * days * 86400)
        story = Story(feed_url="x", entry_key=f"s{i}", title=head, text=text,
                      link=f"https://news.example.org/{i}", published=when, lang=lang)  # fmt: skip
        batch.append(dict(id=i, feed_id=feed_id, entry_key=f"s{i}", title=head, text=text,
                          link=story.link, published=when, lang=lang,
                          content_hash=story.content_hash, title_key="", text_key="",
                          cluster_id=i, first_seen=when, updated_at=when, revision=1))  # fmt: skip
        for cid in rng.sample(claim_ids or [], min(verdicts_per_story, len(claim_ids or []))):
            verdicts.append(dict(story_id=i, claim_id=cid, stance=rng.choice(stances),
                                 score=rng.random(), evidence=sentences[0], reasons='["bench"]',
                                 engine_version="bench", claim_hash="", logged_at=when))  # fmt: skip
        if len(batch) >= 5000:
            flush()
    flush()


def prepared_storage(tmp: Path, database: str | None, n_claims: int) -> tuple[Any, Any]:
    """(Config, Storage): `n_claims` claims, 100 placeholder feeds, storage ready to fill."""
    from tracker.config import load_config
    from tracker.storage import open_storage

    url = database or f"sqlite:///{tmp}/bench.sqlite"
    cfg = write_config(tmp / "c.yaml", url,
                       [f"http://127.0.0.1:9/feed/{i}.xml" for i in range(100)],
                       claims=claims_config(n_claims))  # fmt: skip
    config = load_config(cfg)
    storage = open_storage(url)
    storage.upgrade()
    storage.sync_claims(config.claims)
    storage.sync_feeds(config.feeds)
    return config, storage
