"""The search page in a real browser: `newscrawl serve` on 127.0.0.1 with a test
database, driven in headless Debian Chromium through Playwright (no browser download).

An analyst types a quoted phrase, reads the cards (outlet in capitals, Indonesian
relative time, caption with credit), and follows an outlet facet.
"""

from __future__ import annotations

import csv
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_datasette import ROOT, build_db

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium at /usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serving(db: Path):
    """`newscrawl serve` on ``db`` at a free loopback port: yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.cli", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail("newscrawl serve did not start:\n" + proc.stdout.read())
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from serving(build_db(tmp_path_factory.mktemp("serve") / "newscrawl.db"))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    # Nothing but our own server: an outlet's URL in a page must never be fetched.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.set_default_timeout(10_000)
    yield page
    context.close()


def cards(page):
    return [t.strip() for t in page.locator("article.nc-card h2").all_inner_texts()]


def test_quoted_phrase_search_shows_seed_like_cards(page, server):
    page.goto(server + "/-/search")
    assert "contoh \"sakura\"" in page.inner_text(".nc-tips")
    assert page.locator("select[name=range] option:checked").inner_text() == "Maksimal 1 tahun yang lalu"

    page.fill("#nc-q", '"new heights"')
    page.press("#nc-q", "Enter")
    page.wait_for_selector("article.nc-card")

    titles = cards(page)
    assert "Foreign ministers pledge to lift ties to new heights" in titles
    assert "Tokyo towers reach record heights" not in titles  # both words, not the phrase
    assert "An old story about new heights" not in titles  # older than a year
    card = page.locator("article.nc-card", has_text="Foreign ministers pledge")
    meta = card.locator(".nc-meta").first.inner_text()
    assert meta.startswith("MAINICHI EN") and "12 jam yang lalu" in meta  # the name, the edition as a tag
    assert card.locator("abbr.nc-edition").get_attribute("title") == "edisi bahasa Inggris"
    assert card.locator(".nc-caption").inner_text() == "The two ministers shake hands before their talks. (Kyodo)"
    assert card.locator("h2 a").get_attribute("href").startswith("https://mainichi.jp/english/articles/")


def test_following_an_outlet_facet_narrows_the_results(page, server):
    page.goto(server + '/-/search?q="new heights"')
    assert len(cards(page)) >= 2
    page.locator("ul.nc-facet-outlet a", has_text="NHK").click()
    page.wait_for_url("**outlet=nhk**")
    assert cards(page) == ["<script>alert('owned')</script> Heights of a harmless headline"]
    assert page.locator("select[name=outlet] option:checked").inner_text() == "NHK"
    assert page.dialogs == []  # the title rendered as text, nothing ran

    page.locator("a.nc-facet-remove").click()
    page.wait_for_load_state()
    assert "Foreign ministers pledge to lift ties to new heights" in cards(page)


def test_range_selector_and_english(page, server):
    page.goto(server + '/-/search?q="new heights"&hl=en')
    page.select_option("select[name=range]", "all")
    page.click("input[type=submit]")
    page.wait_for_url("**range=all**")
    assert "An old story about new heights" in cards(page)
    card = page.locator("article.nc-card", has_text="Foreign ministers pledge")
    assert "12 hours ago" in card.locator(".nc-meta").first.inner_text()
    assert page.locator("select[name=range] option:checked").inner_text() == "Any time"


def test_clicking_a_bar_narrows_the_search_to_that_day(page, server):
    page.goto(server + "/-/search?q=heights&range=1w&hl=en")
    assert page.locator("svg.nc-chart title").first.text_content() == "Matching articles per day"
    bars = page.locator("svg.nc-chart a.nc-bar")
    assert bars.count() in (7, 8)  # the Tokyo days the last week touches
    labels = [bars.nth(i).get_attribute("aria-label") for i in range(bars.count())]
    busiest = max(range(len(labels)), key=lambda i: int(labels[i].split(": ")[1].split()[0]))
    period = bars.nth(busiest).get_attribute("data-period")
    bars.nth(busiest).click()
    page.wait_for_url(f"**period={period}**")
    shown = int(labels[busiest].split(": ")[1].split()[0])
    assert page.inner_text(".nc-total").startswith(f"{shown} articles") and len(cards(page)) == shown
    assert page.locator(".nc-period strong").inner_text() in labels[busiest]
    page.locator("a.nc-period-remove").click()
    page.wait_for_load_state()
    assert page.inner_text(".nc-total").startswith("3 articles")


def test_export_links_download_every_match(page, server):
    page.goto(server + "/-/search?q=heights")
    with page.expect_download() as download:
        page.locator("a.nc-export[href^='/-/search.csv']").click()
    rows = list(csv.DictReader(open(download.value.path(), encoding="utf-8-sig")))
    assert len(rows) == 3 and {r["outlet_name"] for r in rows} == {"MAINICHI EN", "JAPAN TIMES", "NHK"}
    href = page.locator("a.nc-export[href^='/-/timeline.json']").get_attribute("href")
    doc = page.request.get(server + href).json()
    assert doc["matching"] == 3 and doc["by"] == "week"


def test_names_in_the_filters(page, server):
    page.goto(server + "/-/search?hl=ja")
    assert "英語" in page.locator("select[name=lang]").inner_text()
    assert "MAINICHI EN" in page.locator("select[name=outlet]").inner_text()
    assert "mainichi_en" not in page.inner_text("body")


def test_a_phone_screen_shows_the_chart_whole_and_nothing_sideways(browser, server):
    """At 400 px the facets floated beside the chart and squeezed it to a
    thumbnail (140 px); an article's source URL pushed the page sideways."""
    context = browser.new_context(viewport={"width": 400, "height": 800}, locale="id-ID")
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    try:
        page.goto(server + "/-/search?q=heights&range=1w")
        content = page.locator("section.content").bounding_box()["width"]
        assert page.locator("svg.nc-chart").bounding_box()["width"] > 0.9 * content
        assert page.evaluate("document.documentElement.scrollWidth") <= 400
        page.locator("article.nc-card .nc-meta a", has_text="Detail").first.click()
        page.wait_for_selector("a.nc-source")
        assert page.evaluate("document.documentElement.scrollWidth") <= 400
    finally:
        context.close()
