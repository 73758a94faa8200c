"""The replay middleware: requests go to loopback, responses come back under the real URL."""

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.replay import META_KEY, ReplayMiddleware, replay_url


def test_replay_url_keeps_host_path_and_query():
    assert replay_url("https://mainichi.jp/english/articles/1?x=2", "127.0.0.1:8123") == (
        "http://127.0.0.1:8123/mainichi.jp/english/articles/1?x=2"
    )
    assert replay_url("https://example.jp", "127.0.0.1:9") == "http://127.0.0.1:9/example.jp/"


def test_request_rewritten_once_and_response_restored():
    mw = ReplayMiddleware.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_REPLAY_HOST": "127.0.0.1:8123"}))
    real = Request("https://mainichi.jp/articles/1")
    replayed = mw.process_request(real)
    assert replayed.url == "http://127.0.0.1:8123/mainichi.jp/articles/1"
    assert replayed.meta[META_KEY] == real.url
    assert mw.process_request(replayed) is None  # not rewritten twice
    response = HtmlResponse(replayed.url, body=b"<html></html>", request=replayed)
    assert mw.process_response(replayed, response).url == real.url


def test_disabled_without_setting_and_refuses_non_loopback():
    with pytest.raises(NotConfigured):
        ReplayMiddleware.from_crawler(get_crawler())
    with pytest.raises(NotConfigured):
        ReplayMiddleware.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_REPLAY_HOST": "10.0.0.5:80"}))


def test_redirects_during_replay_stay_on_loopback():
    """A redirect's request kept the replay meta of the first one and went to the real host."""
    mw = ReplayMiddleware.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_REPLAY_HOST": "127.0.0.1:8123"}))
    replayed = mw.process_request(Request("https://mainichi.jp/articles/1"))
    moved = HtmlResponse(replayed.url, status=302, headers={"Location": "/articles/2"}, request=replayed)
    restored = mw.process_response(replayed, moved)
    assert restored.headers["Location"] == b"https://mainichi.jp/articles/2"  # relative to the real page
    # RedirectMiddleware copies the meta into the new request: rewritten all the same.
    redirected = replayed.replace(url="https://mainichi.jp/articles/2")
    assert mw.process_request(redirected).url == "http://127.0.0.1:8123/mainichi.jp/articles/2"
    assert mw.process_request(replayed.replace(url="https://elsewhere.example/x")).url.startswith("http://127.0.0.1:8123/")


def test_the_browser_loads_nothing_beyond_loopback_while_replaying():
    from types import SimpleNamespace

    from newscrawl.replay import keep_browser_offline

    ReplayMiddleware.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_REPLAY_HOST": "127.0.0.1:8123"}))
    assert keep_browser_offline(SimpleNamespace(url="https://cdn.mainichi.jp/a.jpg"))
    assert not keep_browser_offline(SimpleNamespace(url="http://127.0.0.1:8123/cdn.mainichi.jp/a.jpg"))
