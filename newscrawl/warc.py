"""Web archives (WARC) as pages: URL, capture time, HTTP headers, HTML bytes.

The format of Common Crawl's CC-NEWS, of Heritrix, Browsertrix and the Scrapy WARC
middlewares. Read with warcio, which handles per-record gzip, chunked transfer and
Content-Encoding. Only HTML responses with status 200 become pages; everything else
is counted by why it was skipped, so a summary can say what the archive held.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newscrawl.encoding import decode_html
from newscrawl.errors import UserError
from newscrawl.items import Article
from newscrawl.parsers import PARSERS, _matches, parse_article
from newscrawl.storage import to_utc

HTML_TYPES = ("text/html", "application/xhtml+xml")
SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_warc(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


@dataclass
class Capture:
    url: str
    fetched_at: str  # ISO 8601 (UTC) from WARC-Date: when the page was captured
    headers: dict[str, str]  # the HTTP response headers
    body: bytes  # as served, with transfer and content encodings undone

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    def article(self) -> Article:
        """The raw Article the crawl's parser reads from this page, as if fetched at capture
        time, decoded as the crawl decodes a response (newscrawl/encoding.py)."""
        decoded = decode_html(self.body, self.content_type)
        article = parse_article(decoded.text, self.url, fetched_at=self.fetched_at)
        article.encoding, article.encoding_guessed = decoded.encoding, decoded.guessed
        return article


def site_filter(sites: Iterable[str]):
    """A predicate on URLs from ``--site`` values: ``mainichi.jp`` (and subdomains),
    ``mainichi.jp/english`` (that path too), or ``known`` for every site with its own parser."""
    keys = []
    for site in sites:
        site = site.strip().lower().removeprefix("https://").removeprefix("http://").strip("/")
        if site == "known":
            keys.extend(k for k in PARSERS if not k.endswith(".example"))
        elif site:
            keys.append(site.removeprefix("www."))
    if not keys:
        return None

    def wanted(url: str) -> bool:
        parts = urlsplit(url)
        host, path = (parts.hostname or "").lower(), parts.path or "/"
        return any(_matches(key, host, path) for key in keys)

    return wanted


class WarcReader:
    """Iterate the HTML pages of one WARC file; ``counts`` says what was skipped and why."""

    def __init__(self, path: str | Path, wanted=None):
        self.path = Path(path)
        self.wanted = wanted
        self.counts: Counter[str] = Counter()
        try:
            self.size = self.path.stat().st_size
        except OSError as e:
            raise UserError(f"cannot read {self.path}: {e.strerror or e}") from None
        self._file = None

    @property
    def position(self) -> int:
        """Bytes of the file read so far (for progress)."""
        return self._file.tell() if self._file else 0

    def __iter__(self) -> Iterator[Capture]:
        with self.path.open("rb") as f:
            self._file = f
            try:
                for record in ArchiveIterator(f):
                    capture = self._capture(record)
                    if capture is not None:
                        yield capture
            except ArchiveLoadFailed as e:
                raise UserError(f"{self.path} is not a readable WARC file: {e}") from None
            finally:
                self._file = None

    def _capture(self, record) -> Capture | None:
        if record.rec_type != "response":
            self.counts[f"record_{record.rec_type}"] += 1
            return None
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        if urlsplit(url).scheme not in ("http", "https"):
            self.counts["not_http"] += 1
            return None
        if self.wanted is not None and not self.wanted(url):
            self.counts["other_site"] += 1
            return None
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            self.counts["not_200"] += 1
            return None
        ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
        if ctype not in HTML_TYPES:
            self.counts["not_html"] += 1
            return None
        body = record.content_stream().read()
        self.counts["pages"] += 1
        return Capture(
            url=url,
            fetched_at=warc_date(record.rec_headers.get_header("WARC-Date")),
            headers={k.lower(): v for k, v in http.headers},
            body=body,
        )


def warc_date(value: str | None) -> str | None:
    """``2025-01-22T10:00:00Z`` (WARC-Date is UTC) -> ``2025-01-22T10:00:00+00:00``, as fetched_at reads."""
    utc = to_utc(value)
    return utc.removesuffix("Z") + "+00:00" if utc else None
