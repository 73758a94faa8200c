"""Pages that need JavaScript: the nhkworld spider (needs_js) renders them in Debian's Chromium.

The fixture page (tests/fixtures/spiders/www3.nhk.or.jp/nhkworld/...) ships its
article text as data that a script turns into paragraphs, like the real NHK World
pages, so the text is in the item only if a browser ran the script.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.parsers import parse_article
from newscrawl.sample_site import render, serve_sample_site
from tests.conftest import FIXTURES, ROOT
from tests.test_spiders_crawl import RUNNER

CHROMIUM = os.environ.get("NEWSCRAWL_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() or shutil.which("chromium")),
                                reason=f"no Chromium at {CHROMIUM}")

URL = "https://www3.nhk.or.jp/nhkworld/en/news/20250122_15/"
PAGE = FIXTURES / "spiders" / "www3.nhk.or.jp/nhkworld/en/news/20250122_15/index.html"
SENTENCE = "heavy snow is expected along the Sea of Japan coast"


def test_without_a_browser_the_text_is_not_there():
    article = parse_article(render(PAGE.read_text()), URL)
    assert not any(SENTENCE in p for p in article.body)


def test_js_spider_renders_the_article_in_chromium(tmp_path):
    with serve_sample_site(root=FIXTURES / "spiders") as hostport:
        run = subprocess.run([sys.executable, "-c", RUNNER, hostport, str(tmp_path / "db.sqlite"), str(tmp_path), "nhkworld"],
                             cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-3000:]
    items = [json.loads(line) for line in (tmp_path / "nhkworld.jsonl").read_text().splitlines()]
    stats = json.loads((tmp_path / "stats.json").read_text())["nhkworld"]
    assert [i["url"] for i in items] == [URL]
    assert any(SENTENCE in p for p in items[0]["body"]), items[0]["body"]
    assert items[0]["site"] == "nhkworld" and items[0]["title"].startswith("Heavy snow expected")
    assert stats.get("playwright/request_count", 0) >= 1  # the article went through the browser
