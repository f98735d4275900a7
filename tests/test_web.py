"""`tracker web` over HTTP, as a browser or a script sees it: the dashboard started as a
subprocess on a database filled by a real poll (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import html
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from conftest import PG_ENV
from feedserver import FeedServer
from webserver import HOSTILE_TITLE, MARATHI_TITLE, database, fill, free_port, running_web

from tracker.config import load_config
from tracker.storage import open_storage
from tracker.types import ReviewDecision, Stance
from tracker.web.app import create_app

TOKEN = "correct-horse-battery-staple-42"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str, str]]:
    """One filled database and one read-only `tracker web` per database kind, shared by
    the tests that only read: (config, database URL, base URL)."""
    folder = tmp_path_factory.mktemp(f"web-{request.param}")
    with database(request.param, folder) as url:
        if url is None:
            pytest.skip(f"{PG_ENV} is not set: PostgreSQL tests skipped")
        with FeedServer() as server:
            config = fill(server, folder, url)
            with running_web(config) as base:
                yield config, url, base


@pytest.fixture
def web(site: tuple[Path, str, str]) -> str:
    return site[2]


@pytest.fixture
def filled(site: tuple[Path, str, str]) -> Path:
    return site[0]


@pytest.fixture
def fresh(tmp_path: Path, db_url: str) -> Iterator[tuple[Path, str]]:
    """A database of the test's own (for tests that write): (config, database URL)."""
    with FeedServer() as server:
        yield fill(server, tmp_path, db_url), db_url


def test_dashboard_lists_every_claim_with_status_counts_and_chart(web: str) -> None:
    r = httpx.get(f"{web}/")
    assert r.status_code == 200
    page = r.text
    for claim_id in ("chips-50k", "app-store-removals"):
        assert f'href="/claims/{claim_id}"' in page
    row = re.search(r'<tr id="claim-chips-50k".*?</tr>', page, re.S)
    assert row is not None
    assert re.search(r'data-status="(contradicted|disputed)"', row.group(0)), row.group(0)
    assert "contradicting" in row.group(0)  # what changed in the last 24 hours
    assert '<svg class="chart"' in row.group(0) and "<rect" in row.group(0)
    assert "4 feeds" in page


def test_every_response_forbids_inline_scripts(web: str) -> None:
    for path in ("/", "/claims/chips-50k", "/feeds", "/stories", "/api/claims", "/nope"):
        r = httpx.get(f"{web}{path}")
        csp = r.headers["content-security-policy"]
        assert "script-src 'none'" in csp and "unsafe-inline" not in csp, path
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in httpx.get(f"{web}/").text


def test_claim_page_shows_evidence_with_marked_words_sources_and_paging(web: str) -> None:
    r = httpx.get(f"{web}/claims/chips-50k")
    assert r.status_code == 200
    page = r.text
    assert "alleged that DeepSeek holds about 50,000" in page  # the claim
    assert "Names (a story must name the first group)" in page  # its hints
    assert "Why:" in page
    # The denial's evidence sentence, with the claim's names marked.
    assert "<mark>DeepSeek</mark>" in page and "<mark>Nvidia</mark>" in page
    assert 'data-stance="contradicts"' in page
    assert "1 syndicated copy" in page  # the allegation is in two feeds
    assert "Not reviewed." in page
    # The Marathi evidence declares its language.
    assert re.search(r'<q class="evidence" lang="mr">', page)
    assert html.escape(MARATHI_TITLE) in page or MARATHI_TITLE in page
    assert httpx.get(f"{web}/claims/no-such-claim").status_code == 404
    # Paging: page 2 of a claim with fewer verdicts than a page is empty, not an error.
    assert "No story has been related" in httpx.get(f"{web}/claims/chips-50k?page=2").text
    assert httpx.get(f"{web}/claims/chips-50k?page=x").status_code == 200


def test_hostile_feed_content_is_text_and_links_are_http_only(web: str) -> None:
    for path in ("/stories", "/stories?q=Italy", "/claims/app-store-removals"):
        page = httpx.get(f"{web}{path}").text
        assert "<img src=x" not in page and "<script>alert" not in page, path
        assert 'onerror="alert' not in page and "<b onmouseover" not in page, path
        assert "javascript:" not in page, path
    stories = httpx.get(f"{web}/stories?q=Italy").text
    assert html.escape(HOSTILE_TITLE, quote=False) in stories.replace("&#34;", '"')
    hrefs = re.findall(r'href="([^"]+)"', stories)
    assert hrefs and all(h.startswith(("/", "?", "https://", "http://", "data:")) for h in hrefs)


def test_stories_search_by_words_feed_and_language(web: str, filled: Path) -> None:
    page = httpx.get(f"{web}/stories", params={"q": "दीपसीककडे"}).text
    assert page.count('data-story="') == 1 and "chips-50k" in page
    page = httpx.get(f"{web}/stories", params={"lang": "mr"}).text
    assert page.count('data-story="') == 1
    page = httpx.get(f"{web}/stories", params={"q": "scale ai nvidia"}).text
    assert page.count('data-story="') == 2  # the allegation and its copy
    feed = load_config(filled).feeds[0].url
    page = httpx.get(f"{web}/stories", params={"feed": feed}).text
    assert page.count('data-story="') == 3
    page = httpx.get(f"{web}/stories", params={"q": "100%_"}).text
    assert "No stored story matches" in page  # LIKE wildcards are plain characters
    data = httpx.get(f"{web}/api/stories", params={"lang": "mr"}).json()
    assert [s["title"] for s in data["items"]] == [MARATHI_TITLE]


def test_json_api(web: str) -> None:
    claims = httpx.get(f"{web}/api/claims").json()
    chips = next(c for c in claims if c["id"] == "chips-50k")
    assert chips["status"] in ("contradicted", "disputed")
    assert chips["contradicting"] >= 1 and sum(chips["last_24h"].values()) >= 3
    evidence = httpx.get(f"{web}/api/claims/chips-50k/evidence", params={"per_page": 2}).json()
    assert evidence["total"] >= 3 and len(evidence["items"]) == 2
    page2 = httpx.get(
        f"{web}/api/claims/chips-50k/evidence", params={"per_page": 2, "page": 2}
    ).json()
    first_ids = {e["verdict_id"] for e in evidence["items"]}
    assert first_ids.isdisjoint(e["verdict_id"] for e in page2["items"])
    assert {"stance", "evidence", "reasons", "story_url", "copies"} <= set(evidence["items"][0])
    r = httpx.get(f"{web}/api/claims/nope/evidence")
    assert r.status_code == 404 and "error" in r.json()
    feeds = httpx.get(f"{web}/api/feeds").json()
    assert len(feeds) == 4 and all(f["last_success"] for f in feeds)


def test_feeds_page_shows_health(web: str) -> None:
    page = httpx.get(f"{web}/feeds").text
    assert page.count('<span class="badge ok">ok</span>') == 4
    assert "Hostile" not in page or "<script" not in page


def test_read_only_without_review_has_no_write_route(web: str) -> None:
    for path in ("/verdicts/1/review", "/signin", "/signout"):
        assert httpx.post(f"{web}{path}", data={"decision": "reject"}).status_code in (404, 405)
    assert "Sign in" not in httpx.get(f"{web}/").text


def test_review_needs_the_token(filled: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--config", str(filled), "web", "--review"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(filled.parent)},
        timeout=60,
    )
    assert result.returncode == 2
    assert "TRACKER_WEB_TOKEN" in result.stderr


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match, "no CSRF token in the form"
    return match.group(1)


def test_review_in_the_browser_signs_in_checks_csrf_and_records_like_the_cli(
    fresh: tuple[Path, str],
) -> None:
    filled, db_url = fresh
    with (
        running_web(filled, "--review", env={"TRACKER_WEB_TOKEN": TOKEN}) as base,
        httpx.Client(base_url=base) as browser,
    ):
        signin = browser.get("/signin?next=/claims/chips-50k")
        csrf = _csrf(signin.text)
        wrong = browser.post("/signin", data={"csrf": csrf, "token": "guess", "next": "/"})
        assert wrong.status_code == 403 and "not the token" in wrong.text
        no_csrf = browser.post("/signin", data={"token": TOKEN})
        assert no_csrf.status_code == 403
        ok = browser.post(
            "/signin",
            data={"csrf": csrf, "token": TOKEN, "next": "/claims/chips-50k"},
        )
        assert ok.status_code == 303 and ok.headers["location"] == "/claims/chips-50k"
        assert "samesite=strict" in ok.headers["set-cookie"].lower()
        assert "httponly" in ok.headers["set-cookie"].lower()
        page = browser.get("/claims/chips-50k").text
        assert "Record review" in page
        # A verdict the engine called contradicting, relabelled below as discussing.
        evidence = browser.get("/api/claims/chips-50k/evidence").json()["items"]
        verdict_id = next(e["verdict_id"] for e in evidence if e["stance"] == "contradicts")
        csrf = _csrf(page)  # a new session since sign-in: a new token
        # Without the token, from another site, or with the old session: refused.
        assert (
            browser.post(f"/verdicts/{verdict_id}/review", data={"decision": "reject"}).status_code
            == 403
        )
        cross = browser.post(
            f"/verdicts/{verdict_id}/review",
            data={"csrf": csrf, "decision": "reject"},
            headers={"Origin": "https://evil.example.com"},
        )
        assert cross.status_code == 403
        before = next(c for c in browser.get("/api/claims").json() if c["id"] == "chips-50k")
        done = browser.post(
            f"/verdicts/{verdict_id}/review",
            data={"csrf": csrf, "decision": "relabel-discusses", "note": "only repeats <it>"},
            headers={"Origin": base},
        )
        assert done.status_code == 303
        assert done.headers["location"].startswith("/claims/chips-50k?")
        after = browser.get(done.headers["location"]).text
        assert "only repeats &lt;it&gt;" in after and "engine said" in after

        # The claim's page and the overview's data count again at once (their cache is
        # keyed on the reviews): no stale figures after a change.
        def counts(page: str) -> tuple[int, int]:
            found = re.search(r'count-contradicts">(\d+) .*?(\d+) discussing', page, re.S)
            assert found, page
            return int(found.group(1)), int(found.group(2))

        assert counts(after) == (before["contradicting"] - 1, before["discussing"] + 1)
        now = next(c for c in browser.get("/api/claims").json() if c["id"] == "chips-50k")
        assert (now["contradicting"], now["discussing"]) == counts(after)
        # Signed out, the form is gone and posting is refused.
        browser.post("/signout", data={"csrf": csrf})
        assert "Record review" not in browser.get("/claims/chips-50k").text
    store = open_storage(db_url)
    try:
        (e,) = store.get_evidence(verdict_ids=[verdict_id])
    finally:
        store.close()
    assert e.review is not None and e.review.decision is ReviewDecision.RELABELLED
    assert e.stance is Stance.DISCUSSES and e.review.note == "only repeats <it>"


def test_healthz_is_503_when_the_database_does_not_answer(tmp_path: Path) -> None:
    config_path = tmp_path / "config.yaml"
    config_path.write_text("claims: []\n", encoding="utf-8")
    config = load_config(config_path)
    # Nothing listens on port 1: every query fails to connect.
    store = open_storage("postgresql+psycopg://tracker@127.0.0.1:1/none?connect_timeout=2")
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(config, store), host="127.0.0.1", port=port, log_config=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        r = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10)
        assert r.status_code == 503
        page = httpx.get(f"http://127.0.0.1:{port}/feeds", timeout=10)
        assert page.status_code == 503 and "not answering" in page.text
        assert "127.0.0.1:1" not in page.text  # no database details to the world
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
