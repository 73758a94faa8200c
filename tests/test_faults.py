"""Fault injection: the real `scrapy crawl` against a loopback site that misbehaves.

Duplicated and tracking-parameter feed entries, kill -9 at random moments then a
rerun and a JOBDIR resume, two crawls and readers on one database, redirect chains,
gzip bombs, malformed feeds. (Unreachable hosts and HTTP errors:
test_crawl_status.py; encodings: test_encoding.py.) After every fault the database
must hold every article exactly once and pass SQLite's and FTS5's integrity checks.
"""

import os
import random
import signal
import sqlite3
import subprocess
import threading
import time

import pytest

from newscrawl.textindex import index_fields
from tests.conftest import ROOT
from tests.faultsite import (
    EN_FEED, FaultSite, crawl, crawl_command, en_page, en_url, last_run, path_of, rss,
)

SITEMAP = "/mainichi.jp/sitemap-news.xml"


def stored_urls(db) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT canonical_url FROM articles ORDER BY canonical_url")]
    finally:
        conn.close()


def assert_intact(db, expected_urls):
    """Every expected article exactly once, and nothing broken underneath."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        rows = [r[0] for r in conn.execute("SELECT canonical_url FROM articles")]
        assert sorted(rows) == sorted(expected_urls)
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == len(expected_urls)
        assert conn.execute(
            "SELECT count(*) FROM articles_fts f LEFT JOIN articles a ON a.rowid = f.rowid WHERE a.id IS NULL"
        ).fetchone()[0] == 0
    finally:
        conn.close()


def site_with(n, delay=0.0, feed=None):
    site = FaultSite()
    site.feed(EN_FEED, feed if feed is not None else [en_url(i) for i in range(n)])
    for i in range(n):
        site.add(path_of(en_url(i)), en_page(i), delay=delay)
    return site


# -- duplicates ------------------------------------------------------------------


def test_duplicated_and_tracking_feed_entries_store_every_article_once(tmp_path):
    """The feed lists each article plain, with ?ref=rss and with utm_* tags; the news
    sitemap lists them again. This stored nothing at all (IntegrityError on the batch).
    And one page names another site's article as its canonical URL: it must not
    overwrite it."""
    n = 6
    feed = [u for i in range(n) for u in (en_url(i), en_url(i) + "?ref=rss", en_url(i) + "?utm_source=rss&utm_medium=feed#top")]
    site = site_with(n, feed=feed)
    site.add(path_of(en_url(5)), en_page(5, canonical="https://www.example.com/english/articles/0"))
    site.add(SITEMAP, "<urlset>" + "".join(f"<url><loc>{en_url(i)}?ref=sitemap</loc></url>" for i in range(n)) + "</urlset>",
             content_type="application/xml")
    db = tmp_path / "db.sqlite"
    with site.serve() as host:
        run = crawl("mainichi_en", host, db, "-a", "since=all")
    assert run.returncode == 0, run.stderr[-3000:]
    assert_intact(db, [en_url(i) for i in range(n)])
    assert all(site.hits[path_of(en_url(i))] == 1 for i in range(n))  # fetched once each, too
    assert last_run(db)["status"] == "ok"


# -- kill -9 and resume ----------------------------------------------------------


def start(host, db, *args, **settings):
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSCRAWL_DB", "NEWSCRAWL_REPLAY_HOST")}
    cmd = crawl_command("mainichi_en", host, db, *args, NEWSCRAWL_BATCH_SIZE="3", **settings)
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def kill_after(proc, site, article_hits, timeout=60):
    """SIGKILL ``proc`` once the site has served ``article_hits`` article pages."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        with site.lock:
            served = sum(v for k, v in site.hits.items() if "/articles/" in k)
        if served >= article_hits:
            break
        time.sleep(0.01)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def test_kill_9_at_random_moments_then_rerun_and_resume_store_every_article_once(tmp_path):
    """Three crawls killed at random moments (two with a JOBDIR, one plain), then a
    JOBDIR resume: every article once, nothing half-written."""
    n = 20
    rng = random.Random("kill-9")  # the same "random" moments on every run of the suite
    site = site_with(n, delay=0.03)
    db, job = tmp_path / "db.sqlite", {"JOBDIR": str(tmp_path / "job")}
    with site.serve() as host:
        for settings in (job, {}, job):
            with site.lock:
                served = sum(v for k, v in site.hits.items() if "/articles/" in k)
            proc = start(host, db, **settings)
            kill_after(proc, site, article_hits=served + rng.randint(1, n // 2))
            assert proc.returncode in (-signal.SIGKILL, 0), proc.stderr.read()[-2000:]
        feed_fetches = site.hits[EN_FEED]
        run = crawl("mainichi_en", host, db, NEWSCRAWL_BATCH_SIZE="3", **job)
    assert run.returncode == 0, run.stderr[-3000:]
    assert site.hits[EN_FEED] == feed_fetches + 1  # the resumed run read the feed again
    assert_intact(db, [en_url(i) for i in range(n)])


def test_a_jobdir_run_reads_the_feed_again_and_fetches_what_the_database_lacks(tmp_path):
    """Scrapy's JOBDIR remembered every request: the next run with the same JOBDIR
    dropped the feed as already seen (0 items), and an article fetched but lost
    before its batch was committed was never fetched again."""
    site = site_with(6)
    db, job = tmp_path / "db.sqlite", str(tmp_path / "job")
    with site.serve() as host:
        assert crawl("mainichi_en", host, db, JOBDIR=job).returncode == 0
        # Articles 4 and 5 were in the batch a kill -9 lost; articles 6 and 7 are new.
        conn = sqlite3.connect(db)
        with conn:
            lost_rows = conn.execute(
                "SELECT rowid, title, body FROM articles WHERE canonical_url IN (?, ?)", (en_url(4), en_url(5))
            ).fetchall()
            lost = [r[0] for r in lost_rows]
            # The index is contentless: it is told which words to take out.
            conn.executemany(
                "INSERT INTO articles_fts (articles_fts, rowid, title, body, grams) VALUES ('delete', ?, ?, ?, ?)",
                [(rowid, *index_fields(title, body)) for rowid, title, body in lost_rows],
            )
            for table, key in (("images", "article_id"), ("article_authors", "article_id"), ("articles", "id")):
                conn.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM articles WHERE rowid IN (?, ?))", lost)
        conn.close()
        site.feed(EN_FEED, [en_url(i) for i in range(8)])
        for i in (6, 7):
            site.add(path_of(en_url(i)), en_page(i))
        run = crawl("mainichi_en", host, db, JOBDIR=job)
    assert run.returncode == 0, run.stderr[-3000:]
    assert_intact(db, [en_url(i) for i in range(8)])


# -- concurrency -------------------------------------------------------------------


def test_two_crawls_and_readers_on_one_database(tmp_path):
    n = 15
    site = site_with(n, delay=0.01)
    ja = [f"https://mainichi.jp/articles/20250714/k00/00m/040/{i:03d}000c" for i in range(n)]
    site.add("/mainichi.jp/rss/etc/mainichi-flash.rss", rss(ja), content_type="application/rss+xml")
    from tests.faultsite import ja_page

    for i, url in enumerate(ja):
        site.add(path_of(url), ja_page(i, f"記事その{i}の見出し", [f"本文の段落その{i}です。"]), delay=0.01)
    db = tmp_path / "db.sqlite"
    errors, done = [], threading.Event()

    def read():
        while not done.is_set():
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
                conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'story'").fetchone()
                conn.execute("SELECT outlet, count(*) FROM articles GROUP BY outlet").fetchall()
                conn.close()
            except sqlite3.OperationalError as e:
                if "no such table" not in str(e) and "unable to open" not in str(e):
                    errors.append(e)
            time.sleep(0.01)

    with site.serve() as host:
        readers = [threading.Thread(target=read) for _ in range(2)]
        for t in readers:
            t.start()
        env = {k: v for k, v in os.environ.items() if k not in ("NEWSCRAWL_DB", "NEWSCRAWL_REPLAY_HOST")}
        procs = [subprocess.Popen(crawl_command(name, host, db, NEWSCRAWL_BATCH_SIZE="2"), cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for name in ("mainichi_en", "mainichi")]
        outs = [p.communicate(timeout=120)[1] for p in procs]
        done.set()
        for t in readers:
            t.join()
    assert [p.returncode for p in procs] == [0, 0], [o[-2000:] for o in outs]
    assert not errors
    assert_intact(db, [en_url(i) for i in range(n)] + ja)


# -- hostile responses ------------------------------------------------------------


def test_redirect_chains_are_followed_to_the_article(tmp_path):
    site = site_with(2)
    # Article 0 moved twice, via a relative and an absolute Location.
    site.redirect(path_of(en_url(0)), "/english/articles/20250122/p2a/00m/0na/000000c-moved", status=301)
    site.redirect("/mainichi.jp/english/articles/20250122/p2a/00m/0na/000000c-moved",
                  "https://mainichi.jp/english/articles/20250122/p2a/00m/0na/000000c-final")
    site.add("/mainichi.jp/english/articles/20250122/p2a/00m/0na/000000c-final",
             en_page(0, canonical="https://mainichi.jp/english/articles/20250122/p2a/00m/0na/000000c-final"))
    # Article 1 redirects in a loop: given up, counted, the crawl still finishes.
    site.redirect(path_of(en_url(1)), en_url(1) + "-loop")
    site.redirect(path_of(en_url(1)) + "-loop", en_url(1))
    db = tmp_path / "db.sqlite"
    with site.serve() as host:
        run = crawl("mainichi_en", host, db)
    assert run.returncode == 0, run.stderr[-3000:]
    assert stored_urls(db) == ["https://mainichi.jp/english/articles/20250122/p2a/00m/0na/000000c-final"]
    assert last_run(db)["status"] == "degraded"


def test_gzip_bombs_are_bounded(tmp_path):
    """A feed that unpacks to 64 MB (Content-Encoding: gzip, 64 KB on the wire) is
    refused past DOWNLOAD_MAXSIZE, and the crawl fails in words."""
    site = FaultSite()
    site.gzip_bomb(EN_FEED, 64 * 1024 * 1024)
    db = tmp_path / "db.sqlite"
    with site.serve() as host:
        run = crawl("mainichi_en", host, db, DOWNLOAD_MAXSIZE=str(4 * 1024 * 1024))
    assert run.returncode == 1
    assert "larger than DOWNLOAD_MAXSIZE" in last_run(db)["causes"][0]


def test_a_gzipped_sitemap_file_bomb_is_refused(tmp_path):
    import gzip

    from scrapy.utils.test import get_crawler

    from spiders.kyodo_en import KyodoEnSpider
    from tests.test_spiders import xml

    crawler = get_crawler(KyodoEnSpider, {"NEWSCRAWL_DB": str(tmp_path / "none.db"), "DOWNLOAD_MAXSIZE": 1024 * 1024})
    spider = KyodoEnSpider.from_crawler(crawler, since="all")
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024) + b"</urlset>")
    assert list(spider.parse_document(xml("https://english.kyodonews.net/sitemap-news.xml.gz", bomb))) == []
    assert spider.crawler.stats.get_value("newscrawl/discover/unreadable_document") == 1


@pytest.mark.parametrize("body", [
    b"",  # empty 200
    b"<?xml version='1.0'?><rss><channel><item><title>no link</title></item>",  # cut off, no links
    b"\x00\x01\x02garbage" * 100,
    b"<!DOCTYPE html><html><body>Maintenance</body></html>",
    # Entities nested ten deep: 5 GB if anything expanded them.
    ("<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY e0 'laugh'>"
     + "".join(f"<!ENTITY e{i} '{f'&e{i - 1};' * 10}'>" for i in range(1, 10))
     + f"]><rss><channel><item><title>&e9;</title><link>{en_url(0)}</link></item></channel></rss>").encode(),
], ids=["empty", "truncated", "binary", "html", "entity-bomb"])
def test_malformed_feeds_are_counted_not_raised(body):
    """Each is one more "no entries" document (test_crawl_status: the crawl then fails in words)."""
    from scrapy.utils.test import get_crawler

    from spiders.mainichi_en import MainichiEnSpider
    from tests.test_spiders import xml

    spider = MainichiEnSpider.from_crawler(get_crawler(MainichiEnSpider, {"NEWSCRAWL_DB": "/nonexistent.db"}))
    assert list(spider.parse_document(xml(MainichiEnSpider.feeds[0], body))) == []
    assert spider.crawler.stats.get_value("newscrawl/discover/unreadable_document") == 1

