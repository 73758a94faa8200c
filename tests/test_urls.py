"""One URL per article: tracking parameters and fragments off, http(s) only, same-site canonicals."""

import pytest

from newscrawl.urls import canonical, http_url, is_tracker, registrable_domain, same_site

ARTICLE = "https://mainichi.jp/english/articles/20250122/p2a/00m/0na/011000c"


@pytest.mark.parametrize("variant", [
    ARTICLE,
    ARTICLE + "?ref=rss",
    ARTICLE + "?utm_source=feed&utm_medium=rss&utm_campaign=x",
    ARTICLE + "?fbclid=IwAR0abc",
    ARTICLE + "?ito=related",
    ARTICLE + "#comments",
    "HTTPS://Mainichi.JP:443/english/articles/20250122/p2a/00m/0na/011000c",
])
def test_tracking_variants_of_one_article_are_one_url(variant):
    assert canonical(variant) == ARTICLE


def test_parameters_that_pick_the_page_stay_in_one_order():
    assert canonical("https://x.example/view?b=2&id=7&utm_term=a") == "https://x.example/view?b=2&id=7"
    assert canonical("https://x.example/view?id=7&b=2") == canonical("https://x.example/view?b=2&id=7")
    assert canonical("https://www.sankei.com/article/日本/") == "https://www.sankei.com/article/%E6%97%A5%E6%9C%AC/"


@pytest.mark.parametrize("name, tracker", [
    ("utm_source", True), ("fbclid", True), ("gclid", True), ("ref", True), ("n_cid", True), ("ito", True),
    ("id", False), ("page", False), ("gallery", False), ("global", False), ("refresh", False), ("p", False),
])
def test_trackers_are_whole_parameter_names(name, tracker):
    assert is_tracker(name) is tracker


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
                                 "  javascript:alert(1)", "mailto:a@b.jp", "//evil.example/x", "https:", None, 3])
def test_only_http_urls_are_kept(url):
    assert http_url(url) is None


def test_sites_are_registrable_domains():
    assert registrable_domain("www3.nhk.or.jp") == "nhk.or.jp"
    assert same_site("https://www3.nhk.or.jp/news/a", "https://www.nhk.or.jp/b")
    assert not same_site("https://beritajepang.example/a", "https://mainichi.jp/x")
    assert not same_site("https://alice.github.io/a", "https://bob.github.io/a")  # private suffixes count
    assert same_site("http://127.0.0.1:8123/a", "http://127.0.0.1/b")
