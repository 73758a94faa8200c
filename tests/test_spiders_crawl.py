"""Every spider, end to end and offline: feed or sitemap -> request -> parse -> pipelines -> item.

The sample site (data/sample_site) serves the demo's spiders; tests/fixtures/spiders
serves the rest, each in its outlet's structure with our own text. Each batch runs
all its spiders in ONE Scrapy process (a reactor cannot restart inside pytest), with
NEWSCRAWL_REPLAY_HOST pointing at the loopback server, exactly as ``newscrawl demo``.
"""

import json
import subprocess
import sys

import pytest

from newscrawl.sample_site import SAMPLE_ROOT, serve_sample_site
from tests.conftest import FIXTURES, ROOT

RUNNER = r"""
import json, sys
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

hostport, db, out, *names = sys.argv[1:]
settings = get_project_settings()
settings.setdict({
    "NEWSCRAWL_DB": db, "NEWSCRAWL_REPLAY_HOST": hostport, "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False,
    "FEEDS": {out + "/%(name)s.jsonl": {"format": "jsonlines", "encoding": "utf-8"}},
}, priority="cmdline")
process = CrawlerProcess(settings)
crawlers = {name: process.create_crawler(name) for name in names}
for crawler in crawlers.values():
    process.crawl(crawler)
process.start()
stats = {name: {k: v for k, v in c.stats.get_stats().items() if isinstance(v, (int, str))} for name, c in crawlers.items()}
with open(out + "/stats.json", "w") as f:
    json.dump(stats, f)
"""

# spider -> (an article URL its discovery must reach, site, outlet, language)
SAMPLE = {
    "mainichi_en": ("https://mainichi.jp/english/articles/20250122/p2a/00m/0na/011000c", "mainichi_en", "mainichi_en", "en"),
    "kyodo_en": ("https://english.kyodonews.net/articles/-/41230", "kyodo_en", "kyodo_en", "en"),
    "mainichi": ("https://mainichi.jp/articles/20250714/k00/00m/040/101000c", "mainichi", "mainichi", "ja"),
    "nhk": ("https://www3.nhk.or.jp/news/html/20250207/k10014715001000.html", "nhk", "nhk", "ja"),
    "portal": ("https://beritajepang.example/media-jepang/mainichi/2025/01/22/menlu-jepang-as-sepakat", "portal", "mainichi_en", "en"),
}
FIXTURE_SPIDERS = {
    "japantimes": ("https://www.japantimes.co.jp/news/2025/01/22/japan/politics/diet-session-opens/", "en"),
    "japannews": ("https://japannews.yomiuri.co.jp/society/general-news/20250122-233101/", "en"),
    "asahi_ajw": ("https://www.asahi.com/ajw/articles/15601234", "en"),
    "japantoday": ("https://japantoday.com/category/national/shinkansen-service-resumes-after-snow", "en"),
    "asahi": ("https://www.asahi.com/articles/AST1P2ABCT1PUTIL001M.html", "ja"),
    "yomiuri": ("https://www.yomiuri.co.jp/national/20250122-OYT1T50111/", "ja"),
    "nikkei": ("https://www.nikkei.com/article/DGXZQOUA221230S5A120C2000000/", "ja"),
    "sankei": ("https://www.sankei.com/article/20250122-ABCDEFGHIJKLMNOPQRSTUVWXYZ/", "ja"),
    "tokyo_np": ("https://www.tokyo-np.co.jp/article/380123", "ja"),
    "chunichi": ("https://www.chunichi.co.jp/article/1012345", "ja"),
    "nikkan_gendai": ("https://www.nikkan-gendai.com/articles/view/news/368001", "ja"),
}


def crawl(root, names, db, out):
    out.mkdir(exist_ok=True)
    with serve_sample_site(root=root) as hostport:
        run = subprocess.run([sys.executable, "-c", RUNNER, hostport, str(db), str(out), *names],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    items = {}
    for name in names:
        path = out / f"{name}.jsonl"
        items[name] = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
    return items, json.loads((out / "stats.json").read_text()), run.stderr


@pytest.fixture(scope="module")
def sample_crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sample_crawl")
    first = crawl(SAMPLE_ROOT, list(SAMPLE), tmp / "db.sqlite", tmp / "first")
    second = crawl(SAMPLE_ROOT, list(SAMPLE), tmp / "db.sqlite", tmp / "second")
    return first, second


@pytest.fixture(scope="module")
def fixture_crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fixture_crawl")
    return crawl(FIXTURES / "spiders", list(FIXTURE_SPIDERS), tmp / "db.sqlite", tmp / "out")


def check_item(item, url, site, outlet, language):
    assert item["site"] == site and item["outlet"] == outlet
    assert item["language"] == language
    assert item["title"] and "{{" not in item["title"]
    assert item["body"] and all(p.strip() for p in item["body"])
    assert item["fetched_at"] and item["fetched_at"][-6:] == "+00:00"  # from the Date header
    assert item["published_at"], f"no publication time for {url}"


@pytest.mark.parametrize("name", list(SAMPLE))
def test_sample_site_spider_reaches_and_parses_its_articles(sample_crawl, name):
    (items, stats, _), _ = sample_crawl
    url, site, outlet, language = SAMPLE[name]
    by_url = {i["url"]: i for i in items[name]}
    assert url in by_url, f"{name} found {sorted(by_url)}"
    check_item(by_url[url], url, site, outlet, language)
    assert stats[name]["finish_reason"] == "finished"
    assert stats[name].get("log_count/ERROR", 0) == 0


def test_old_sample_articles_are_not_requested(sample_crawl):
    (items, stats, _), _ = sample_crawl
    assert "https://english.kyodonews.net/articles/-/40987" not in {i["url"] for i in items["kyodo_en"]}
    assert stats["kyodo_en"]["newscrawl/discover/too_old"] == 1


def test_feed_and_sitemap_duplicates_are_fetched_once(sample_crawl):
    (items, stats, _), _ = sample_crawl
    assert len(items["nhk"]) == len({i["url"] for i in items["nhk"]}) == 2
    assert stats["nhk"]["newscrawl/discover/duplicate"] == 2


def test_portal_hint_and_byline_reach_the_item(sample_crawl):
    (items, _, _), _ = sample_crawl
    item = next(i for i in items["portal"] if i["outlet"] == "mainichi_en")
    assert item["published_hints"] == ["12 jam yang lalu"] and item["published_raw"] == "12 jam yang lalu"
    assert not any("komentar" in p or "pertama suka" in p for p in item["body"])
    assert item["images"] and item["images"][0]["url"].startswith("https://beritajepang.example/")


def test_second_run_skips_what_is_stored(sample_crawl):
    (first, _, _), (second, stats, _) = sample_crawl
    assert sum(len(v) for v in first.values()) >= 10
    assert sum(len(v) for v in second.values()) == 0
    assert all(stats[name].get("newscrawl/discover/already_stored", 0) > 0 for name in SAMPLE)


@pytest.mark.parametrize("name", list(FIXTURE_SPIDERS))
def test_outlet_spider_reaches_and_parses_its_article(fixture_crawl, name):
    items, stats, stderr = fixture_crawl
    url, language = FIXTURE_SPIDERS[name]
    assert [i["url"] for i in items[name]] == [url], stderr[-2000:]
    check_item(items[name][0], url, name, name, language)
    assert stats[name]["finish_reason"] == "finished"


def test_outlet_filters_apply(fixture_crawl):
    _, stats, _ = fixture_crawl
    assert stats["japantimes"]["newscrawl/discover/too_old"] == 1  # the 30-day-old feed item
    assert stats["japantimes"]["newscrawl/discover/not_article"] == 1  # the podcast page
    assert stats["nikkei"]["newscrawl/discover/sitemap_not_followed"] == 1
    assert stats["nikkan_gendai"]["newscrawl/discover/sitemap_not_followed"] == 1
