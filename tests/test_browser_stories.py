"""One story, many copies and revisions in a real browser (issue 12): the search card
says where else the story ran, one click leads to that copy, and its page shows what
the outlet changed. `newscrawl serve` and Debian's Chromium, as in test_browser_search.
"""

from __future__ import annotations

import pytest

from tests.test_browser_search import CHROMIUM, browser, page, serving  # noqa: F401 (fixtures)
from tests.test_search_copies import ADDED, REVISED_TITLE, build_stories_db

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("stories") / "newscrawl.db"
    build_stories_db(db)
    yield from serving(db)


def test_copies_collapse_into_one_card_and_open_in_one_click(page, server):
    page.goto(server + "/-/search?q=youth+exchanges&hl=en")
    cards = page.locator("article.nc-card")
    assert cards.count() == 1
    also = cards.first.locator(".nc-also")
    assert also.inner_text().startswith("Also in: ")
    labels = also.locator("a").all_inner_texts()
    assert len(labels) == 2 and set(labels) <= {"KYODO", "MAINICHI", "BERITAJEPANG"}

    copy = also.locator("a").first
    href = copy.get_attribute("href")
    assert href.startswith("/-/article/") and href.endswith("?hl=en")
    copy.click()
    page.wait_for_url("**" + href)
    # The copy's page leads on to the others, the one the search showed among them.
    assert page.locator(".nc-also a").count() == 2


def test_article_page_shows_what_the_outlet_changed(page, server):
    page.goto(server + "/-/search?q=%22keep+leaders%27+visits%22&hl=en")  # only the revised title says so
    page.locator("article.nc-card .nc-meta a", has_text="Article details").click()
    page.wait_for_selector("#nc-history")
    assert page.locator("h1").inner_text() == REVISED_TITLE
    summary = page.locator(".nc-history summary").first
    assert "changed: title, text" in summary.inner_text()
    added = page.locator(".nc-history .nc-added")
    assert not added.first.is_visible()  # folded until asked for
    summary.click()
    assert added.first.inner_text() == ADDED
    assert page.locator(".nc-was-title del").inner_text() == "Japan, South Korea agree to expand youth exchanges"
