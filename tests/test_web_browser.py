"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright.

Opens the claims, a claim's evidence and the story search, and checks what a person
sees: claim ids, status badges, evidence sentences, Devanagari text in its language,
and a hostile title shown as text (no element made from it, no script run). Signs
in and reviews a verdict by clicking. Screenshots go to the test's folder, and to
$TRACKER_SCREENSHOTS when set (docs/dashboard.png is made that way).

Skipped, saying why, when Chromium (/usr/bin/chromium; `.ci/run` installs it) or
Playwright is missing. Playwright never downloads a browser here: it drives the
system's.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from feedserver import FeedServer
from webserver import HOSTILE_TITLE, MARATHI_TITLE, fill, running_web

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
TOKEN = "a-browser-review-token-0123"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.dialogs = dialogs
    try:
        yield p
    finally:
        context.close()


def shot(page: Any, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    target = os.environ.get("TRACKER_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)


def test_a_person_reads_the_dashboard(page: Any, tmp_path: Path) -> None:
    with FeedServer() as server:
        config = fill(server, tmp_path, f"sqlite:///{tmp_path}/tracker.sqlite")
    with running_web(config) as base:
        # The claims.
        page.goto(f"{base}/")
        assert page.title().startswith("Claims")
        ids = page.locator("a.claim-id").all_inner_texts()
        assert ids == ["chips-50k", "app-store-removals"]
        badge = page.locator("#claim-chips-50k .badge").first
        assert badge.inner_text() in ("contradicted", "disputed")
        assert page.locator("#claim-chips-50k svg.chart rect").count() >= 1
        assert "contradicting" in page.locator("#claim-chips-50k td.recent").inner_text()
        shot(page, tmp_path, "dashboard")

        # A claim's evidence, by clicking through.
        page.click("text=chips-50k")
        page.wait_for_url(f"{base}/claims/chips-50k")
        sentences = page.locator("q.evidence").all_inner_texts()
        assert any("DeepSeek reject" in s for s in sentences), sentences  # the denial
        marked = page.locator("q.evidence mark").all_inner_texts()
        assert "DeepSeek" in marked and "Nvidia" in marked
        marathi = page.locator('q.evidence[lang="mr"]')
        assert marathi.count() == 1 and "एनव्हीडिया" in marathi.inner_text()
        # The Devanagari is laid out as text with a real width, not dropped.
        assert marathi.bounding_box()["width"] > 100
        assert page.locator(".verdict .badge[data-stance]").count() == len(sentences)
        shot(page, tmp_path, "claim")

        # The stories: Devanagari search, and the hostile title stays text.
        page.goto(f"{base}/stories")
        page.fill("input[name=q]", "दीपसीककडे")
        page.click("button:text('Search')")
        titles = page.locator(".story-title").all_inner_texts()
        assert titles == [MARATHI_TITLE]
        page.goto(f"{base}/stories?q=Italy")
        texts = page.locator(".story-title").all_inner_texts()
        assert HOSTILE_TITLE in texts, texts
        assert page.locator("main img").count() == 0
        assert page.locator("main script").count() == 0
        assert page.locator("[onerror], [onmouseover]").count() == 0
        hostile = page.locator(".story-title", has_text="onerror")
        assert hostile.locator("a").count() == 0  # its javascript: link is not a link
        assert page.dialogs == []
        shot(page, tmp_path, "stories")


def test_an_analyst_reviews_a_verdict_by_clicking(page: Any, tmp_path: Path) -> None:
    with FeedServer() as server:
        config = fill(server, tmp_path, f"sqlite:///{tmp_path}/tracker.sqlite")
    with running_web(config, "--review", env={"TRACKER_WEB_TOKEN": TOKEN}) as base:
        page.goto(f"{base}/claims/chips-50k")
        assert page.locator("form.review-form").count() == 0
        page.click("text=Sign in to review")
        page.fill("input[name=token]", "wrong-token-wrong-token")
        page.click("button:text('Sign in')")
        assert "not the token" in page.inner_text("main")
        page.fill("input[name=token]", TOKEN)
        page.click("button:text('Sign in')")
        page.wait_for_url(f"{base}/claims/chips-50k")
        first = page.locator("article.verdict").first
        verdict = first.get_attribute("data-verdict")
        first.locator("select[name=decision]").select_option("reject")
        first.locator("input[name=note]").fill("a misreading")
        first.locator("button:text('Record review')").click()
        page.wait_for_load_state()
        assert f"Review of verdict #{verdict} recorded." in page.inner_text("main")
        reviewed = page.locator(f"#v{verdict}")
        assert "rejected" in reviewed.locator(".review").inner_text()
        assert "a misreading" in reviewed.inner_text()
        shot(page, tmp_path, "review")
