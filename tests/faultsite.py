"""A loopback site that misbehaves on purpose, and a way to crawl it with `scrapy crawl`.

``FaultSite`` serves whatever a test puts in it at replay paths
(``/mainichi.jp/rss/etc/english_latest.rss``): feeds listing the same article twice,
HTTP errors, redirect chains, gzip bombs, pages in EUC-JP… ``crawl()`` runs the real
``scrapy crawl`` command in a subprocess against it with ``NEWSCRAWL_REPLAY_HOST``, so
exit status, log and ``crawl_runs`` are what a user's cron job would see.

Pages are written in the structure of the Mainichi's English and Japanese editions
(the spiders ``mainichi_en`` and ``mainichi``) with our own text.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.conftest import ROOT

EN_FEED = "/mainichi.jp/rss/etc/english_latest.rss"
JA_FEED = "/mainichi.jp/rss/etc/mainichi-flash.rss"
JST = timezone(timedelta(hours=9))


def en_url(n: int) -> str:
    """The n-th article of the English edition (matches the mainichi_en spider)."""
    return f"https://mainichi.jp/english/articles/20250122/p2a/00m/0na/{n:03d}000c"


def ja_url(n: int) -> str:
    return f"https://mainichi.jp/articles/20250714/k00/00m/040/{n:03d}000c"


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1]


def rss(urls: list[str], hours_ago: float = 1) -> bytes:
    when = format_datetime(datetime.now(JST) - timedelta(hours=hours_ago))
    items = "".join(
        f"<item><title>Item {i}</title><link>{u.replace('&', '&amp;')}</link><pubDate>{when}</pubDate></item>"
        for i, u in enumerate(urls)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>The Mainichi</title>'
        f"{items}</channel></rss>"
    ).encode()


def en_page(n: int, canonical: str | None = None, title: str | None = None, body: list[str] | None = None,
            extra_head: str = "", image: str = "https://cdn.mainichi.jp/vol1/2025/01/22/sample/9.jpg") -> str:
    canonical = canonical or en_url(n)
    title = title or f"Sample story number {n} about the coast guard drills"
    paras = "".join(f"<p>{p}</p>" for p in (body or [f"TOKYO -- Paragraph one of story {n}.", f"Paragraph two of story {n}."]))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{extra_head}
<title>{title} - The Mainichi</title>
<link rel="canonical" href="{canonical}">
</head><body><main>
<div class="articledetail-head"><h1>{title}</h1><p class="date">January 22, 2025 (Mainichi Japan)</p></div>
<section class="articledetail-body" id="articledetail-body">
<figure><img src="{image}" alt=""><figcaption>A sample photo. (Mainichi/Taro Sample)</figcaption></figure>
{paras}
</section></main></body></html>"""


def ja_page(n: int, title: str, paragraphs: list[str], charset_meta: str | None = None) -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    paras = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="ja"><head>{meta}
<title>{title} - 毎日新聞</title>
<link rel="canonical" href="{ja_url(n)}">
</head><body>
<div class="articledetail-head" id="articledetail-title"><h1 class="title-page">{title}</h1>
<p class="articledetail-head__date"><time datetime="2025-07-14T09:00:00+09:00">2025/7/14 09:00</time></p></div>
<section id="articledetail-body" class="articledetail-body">{paras}</section>
</body></html>"""


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


class FaultSite:
    """Routes by path; anything unrouted is a 404 (robots.txt included: allow all)."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()

    def add(self, path: str, body: bytes | str = b"", status: int = 200, content_type: str = "text/html; charset=utf-8",
            headers: dict | None = None, delay: float = 0.0) -> None:
        if isinstance(body, str):
            body = body.encode("utf-8")
        hdrs = {"Content-Type": content_type} if content_type else {}
        self.routes[path] = Route(body, status, {**hdrs, **(headers or {})}, delay)

    def feed(self, path: str, urls: list[str]) -> None:
        self.add(path, rss(urls), content_type="application/rss+xml; charset=utf-8")

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.add(path, b"", status=status, headers={"Location": location})

    def gzip_bomb(self, path: str, size: int) -> None:
        """``size`` bytes of zeros, sent gzipped (Content-Encoding)."""
        packed = gzip.compress(b"\0" * size, compresslevel=9)
        self.add(path, packed, content_type="application/xml", headers={"Content-Encoding": "gzip"})

    @contextmanager
    def serve(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802
                path = self.path.split("?", 1)[0] if self.path.split("?", 1)[0] in site.routes else self.path
                with site.lock:
                    site.hits[path] = site.hits.get(path, 0) + 1
                route = site.routes.get(path)
                if route is None:
                    route = Route(b"not here\n", 404, {"Content-Type": "text/plain"})
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def date_time_string(self, timestamp=None):
                return format_datetime(datetime.now(timezone.utc), usegmt=True)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()


FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "RETRY_TIMES": "0",
    "LOG_LEVEL": "INFO",
    "NEWSCRAWL_BATCH_SECONDS": "0.2",
}


def crawl_command(spider: str, hostport: str, db: Path, *args: str, **settings) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    for key, value in {**FAST, "NEWSCRAWL_REPLAY_HOST": hostport, "NEWSCRAWL_DB": str(db), **settings}.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd + list(args)


def crawl(spider: str, hostport: str, db: Path, *args: str, timeout: float = 120, **settings):
    """``scrapy crawl`` in the project folder; returns the CompletedProcess."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSCRAWL_DB", "NEWSCRAWL_REPLAY_HOST")}
    return subprocess.run(crawl_command(spider, hostport, db, *args, **settings), cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def last_run(db: Path) -> dict:
    import json
    import sqlite3

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        row = dict(conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone())
    finally:
        conn.close()
    row["causes"] = json.loads(row["causes"] or "[]")
    row["stats"] = json.loads(row["stats"] or "{}")
    return row
