"""The offline sample site: a loopback web server standing in for the outlets.

``data/sample_site/<host>/<path>`` holds pages at their real URL paths
(``mainichi.jp/english/articles/…``); with ``NEWSCRAWL_REPLAY_HOST`` pointing here,
``newscrawl.replay`` fetches ``https://mainichi.jp/x`` as
``http://127.0.0.1:PORT/mainichi.jp/x``. So ``newscrawl demo`` and the tests run the
real spiders, parsers and pipelines without network.

Dates would go stale in committed files, so files carry placeholders the server
fills in at request time, relative to the moment the page is served, in Japan time:
``{{ago:12h:%Y-%m-%dT%H:%M:%S+09:00}}`` (a value with unit m/h/d, then a strftime
format). Relative text such as "12 jam yang lalu" is written literally and stays true
because the Date header says when it was served.

Path rules: a path ending in ``/`` serves its ``index.html``; a query string selects
``<file>@<query>`` (``sitemapindex-category/?outputType=xml`` ->
``sitemapindex-category/index.html@outputType=xml``) when that file exists; any
``<host>/robots.txt`` without its own file gets the root ``robots.txt`` (allow all).
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SAMPLE_ROOT = Path(__file__).resolve().parent.parent / "data" / "sample_site"

# Spiders whose start URLs the sample site serves (``newscrawl demo`` crawls these).
SAMPLE_SPIDERS = ["mainichi_en", "kyodo_en", "mainichi", "nhk", "portal"]

JST = timezone(timedelta(hours=9))
_PLACEHOLDER = re.compile(r"\{\{ago:(\d+)([mhd]):(.*?)\}\}")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}
_TEXT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".rdf": "application/rdf+xml",
    ".atom": "application/atom+xml",
    ".txt": "text/plain",
    ".json": "application/json",
    ".js": "text/javascript",
    ".css": "text/css",
}
_BINARY_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif"}


def render(text: str, now: datetime | None = None) -> str:
    """Fill ``{{ago:N<unit>:FORMAT}}`` placeholders relative to ``now`` (in JST)."""
    now = (now or datetime.now(timezone.utc)).astimezone(JST)

    def fill(m: re.Match) -> str:
        when = now - timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})
        return when.strftime(m.group(3))

    return _PLACEHOLDER.sub(fill, text)


def resolve(root: Path, path: str, query: str = "") -> Path | None:
    """The file serving ``path`` (URL path incl. host segment), or None."""
    rel = unquote(path).lstrip("/")
    target = (root / rel).resolve()
    if root.resolve() not in target.parents and target != root.resolve():
        return None  # ../ tricks
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if query:
        with_query = target.with_name(f"{target.name}@{unquote(query)}")
        if with_query.is_file():
            return with_query
    if target.is_file():
        return target
    if target.name == "robots.txt" and (root / "robots.txt").is_file():
        return root / "robots.txt"
    return None


def content_type(path: Path, body: bytes) -> str:
    name = path.name.split("@", 1)[0]
    suffix = Path(name).suffix.lower()
    if suffix in _BINARY_TYPES:
        return _BINARY_TYPES[suffix]
    if body.lstrip()[:5] == b"<?xml":  # feeds and sitemaps, whatever their URL looks like
        ctype = _TEXT_TYPES.get(suffix) if suffix in (".rss", ".rdf", ".atom") else "application/xml"
    else:  # extensionless paths are pages, as most article URLs are
        ctype = _TEXT_TYPES.get(suffix, "text/html")
    return f"{ctype}; charset=utf-8"


class SampleSiteHandler(BaseHTTPRequestHandler):
    root: Path = SAMPLE_ROOT
    server_version = "newscrawl-sample-site"

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self._serve(send_body=True)

    def do_HEAD(self):  # noqa: N802
        self._serve(send_body=False)

    def _serve(self, send_body: bool):
        parts = urlsplit(self.path)
        found = resolve(self.root, parts.path, parts.query)
        if found is None:
            body, status, ctype = b"not in the sample site\n", 404, "text/plain; charset=utf-8"
        else:
            body, status = found.read_bytes(), 200
            ctype = content_type(found, body)
            if not ctype.startswith("image/"):
                body = render(body.decode("utf-8")).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def date_time_string(self, timestamp=None):
        # The Date header every response carries: spiders take fetched_at from it.
        return format_datetime(datetime.now(timezone.utc), usegmt=True)

    def log_message(self, format, *args):  # quiet: the crawl log says what was fetched
        pass


@contextmanager
def serve_sample_site(root: str | Path = SAMPLE_ROOT, port: int = 0, handler: type = SampleSiteHandler):
    """Serve ``root`` on 127.0.0.1 (a free port unless given); yields ``"127.0.0.1:PORT"``.

    ``handler``: a SampleSiteHandler subclass, for tests that count or hold requests."""
    handler = type(handler.__name__, (handler,), {"root": Path(root)})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv=None) -> int:
    """``python -m newscrawl.sample_site [PORT]``: serve until interrupted (for poking around)."""
    import sys
    import time

    args = sys.argv[1:] if argv is None else argv
    port = int(args[0]) if args else 8123
    with serve_sample_site(port=port) as hostport:
        print(f"sample site on http://{hostport}/ (e.g. http://{hostport}/mainichi.jp/rss/etc/english_latest.rss); Ctrl-C stops")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    raise SystemExit(main())
