"""JSON Feed 1.0 and 1.1: the same Story as RSS gives, the same caps and sanitising,
errors in words; and a JSON Feed served over HTTP is polled like any other feed."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from feedserver import FeedServer
from helpers import write_config
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.cli import main
from tracker.errors import ParseError
from tracker.feeds.jsonfeed import looks_like_json
from tracker.feeds.parse import parse_feed

FEEDS = Path(__file__).resolve().parent / "data" / "feeds"
URL = "https://wire.example.org/feed"

RSS_TWIN = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Wire</title><language>en-GB</language>
<item><guid>https://wire.example.org/2025/italy-deepseek</guid>
<link>https://wire.example.org/2025/italy-deepseek?utm_source=json</link>
<title>Italy orders DeepSeek app blocked</title>
<description>Regulator acts over privacy.</description>
<content:encoded><![CDATA[<p>Italy's privacy regulator ordered the <b>DeepSeek</b> app removed from app stores.</p><script>alert(1)</script>]]></content:encoded>
<pubDate>Thu, 30 Jan 2025 10:00:00 GMT</pubDate></item>
</channel></rss>"""


def _json(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def _feed(*items: dict[str, object], version: str = "https://jsonfeed.org/version/1.1") -> bytes:
    return _json({"version": version, "title": "T", "items": list(items)})


@pytest.mark.parametrize("name", ["jsonfeed-1.0.json", "jsonfeed-1.1.json"])
def test_json_feed_gives_the_story_rss_gives(name: str) -> None:
    from_json = parse_feed((FEEDS / name).read_bytes(), feed_url=URL).stories[0]
    from_rss = parse_feed(RSS_TWIN, feed_url=URL).stories[0]
    if name == "jsonfeed-1.0.json":  # 1.0 has no language; the RSS twin says en-GB
        assert from_json.lang is None
        from_json = replace(from_json, lang="en")
    assert from_json == from_rss
    assert from_json.text == (
        "Italy's privacy regulator ordered the DeepSeek app removed from app stores."
    )
    assert from_json.published == datetime(2025, 1, 30, 10, 0, tzinfo=UTC)


def test_json_feed_1_1_items() -> None:
    feed = parse_feed((FEEDS / "jsonfeed-1.1.json").read_bytes(), feed_url=URL)
    assert feed.title == "Example Wire (JSON)" and feed.problem is None
    italy, marathi, note = feed.stories
    assert italy.lang == "en"  # the feed's language, en-GB
    # A numeric id is read as a string; the item's own language wins; external_url is a link.
    assert marathi.entry_key == "2" and marathi.lang == "mr"
    assert marathi.link == "https://marathi.example.org/deepseek"
    assert marathi.published == datetime(2025, 2, 17, 4, 0, tzinfo=UTC)
    # No title is fine; a javascript: link is dropped, as from RSS.
    assert note.title == "" and note.link is None and note.entry_key == "note-3"


def test_json_feed_fields_are_capped_and_html_is_text() -> None:
    body = _feed(
        {
            "id": "long",
            "title": "T" * 5000,
            "content_html": "<p>" + "word " * 5000 + "</p><style>p{}</style>",
            "url": "https://x.example/" + "a" * 5000,
        }
    )
    (story,) = parse_feed(body, feed_url=URL, max_field_chars=1000).stories
    assert len(story.title) == 1000 and len(story.text) <= 1000
    assert "<" not in story.text and "p{}" not in story.text
    assert story.link is None  # a truncated URL would point somewhere else


def test_json_feed_without_ids_keys_by_link_then_content() -> None:
    body = _feed(
        {"url": "https://x.example/a?utm_medium=rss", "title": "A"},
        {"title": "B", "content_text": "b"},
    )
    a, b = parse_feed(body, feed_url=URL).stories
    assert a.entry_key == "https://x.example/a"
    assert b.entry_key.startswith("sha256:")


def test_json_feed_served_as_json_without_a_brace_first_is_still_json() -> None:
    assert looks_like_json(b"\xef\xbb\xbf {", None)
    assert looks_like_json(b"  []", None)
    assert looks_like_json(b'\n"x"', "application/feed+json; charset=utf-8")
    assert not looks_like_json(b"<rss/>", "application/json")
    assert not looks_like_json(b"<rss/>", None)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1",\n "items": [1,]}',
         "not a feed: not valid JSON at line 2, column 14 (expecting value)"),
        (b'{"title": "no version"}',
         'not a feed: JSON, but not a JSON Feed (its "version" is none; '
         "expected https://jsonfeed.org/version/1 or /1.1)"),
        (b'{"version": "https://jsonfeed.org/version/2"}',
         "JSON, but not a JSON Feed (its \"version\" is 'https://jsonfeed.org/version/2'"),
        (b"[1, 2]", "not a feed: JSON, but not an object (a JSON Feed is one)"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": {}}',
         'JSON Feed whose "items" is not a list'),
        (b"[" * 100_000, "not a feed: JSON nested too deeply"),
        (b'{"version": "\xff"}', "not a feed: JSON that is not UTF-8 (byte 14)"),
    ],
)  # fmt: skip
def test_json_errors_in_words(body: bytes, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_feed(body, feed_url=URL)
    assert str(info.value).startswith(f"{URL}: ")
    assert message in str(info.value)


def test_json_feed_with_non_object_items_keeps_the_others_and_says_so() -> None:
    body = _feed({"id": "a", "title": "A"}, "junk", 3)  # type: ignore[arg-type]
    feed = parse_feed(body, feed_url=URL)
    assert [s.entry_key for s in feed.stories] == ["a"]
    assert feed.problem == "2 of 3 items are not objects and were skipped"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)  # fmt: skip
_ITEM_KEYS = st.sampled_from(
    ["id", "url", "external_url", "title", "content_html", "content_text", "summary",
     "date_published", "date_modified", "language"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(_ITEM_KEYS, _JSON, max_size=6), max_size=4), _JSON)
def test_any_json_feed_gives_stories_or_a_parse_error(items: list[object], title: object) -> None:
    body = _json({"version": "https://jsonfeed.org/version/1.1", "title": title, "items": items})
    try:
        feed = parse_feed(body, feed_url=URL, max_field_chars=200)
    except ParseError as exc:
        assert str(exc).startswith(f"{URL}: ")
        return
    for story in feed.stories:
        assert story.entry_key and len(story.title) <= 200 and len(story.text) <= 200
        assert story.link is None or story.link.startswith(("http://", "https://"))


def test_json_feed_is_polled_and_matched(tmp_path: Path) -> None:
    body = (FEEDS / "jsonfeed-1.1.json").read_bytes()
    with FeedServer() as server:
        server.add("/feed.json", body, headers={"Content-Type": "application/feed+json"})
        config = write_config(
            tmp_path / "config.yaml", f"sqlite:///{tmp_path}/t.sqlite", [server.url("/feed.json")]
        )
        runner = CliRunner()
        assert runner.invoke(main, ["--config", str(config), "init"]).exit_code == 0
        polled = runner.invoke(main, ["--config", str(config), "poll", "--once"])
    assert polled.exit_code == 0, polled.output
    assert "3 new stories" in polled.output
    stories = runner.invoke(main, ["--config", str(config), "stories", "--format", "jsonl"])
    titles = {json.loads(line)["title"] for line in stories.output.splitlines()}
    assert "Italy orders DeepSeek app blocked" in titles
    evidence = runner.invoke(
        main, ["--config", str(config), "evidence", "--claim", "app-store-removals",
               "--format", "jsonl"],
    )  # fmt: skip
    assert any(
        json.loads(line)["story_title"] == "Italy orders DeepSeek app blocked"
        for line in evidence.output.splitlines()
    )
