"""Web archives written from the sample site, as a crawler archiving the real URLs would.

Every file of data/sample_site becomes a ``response`` record at its real URL
(``https://mainichi.jp/english/articles/…``) with the HTTP headers the sample server
sends, preceded by its ``request`` record, plus what real archives also hold: a
``warcinfo`` record, a 404, an image, a ``revisit``. Pages are rendered for the
capture time, so relative dates in them are true as of the archive.
"""

from __future__ import annotations

import io
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.sample_site import SAMPLE_ROOT, content_type, render


def sample_pages(root: Path = SAMPLE_ROOT):
    """(real URL, file) for every page of the sample site."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if "/" not in rel:  # README.md, the shared robots.txt
            continue
        rel, _, query = rel.partition("@")
        if rel.endswith("/index.html"):
            rel = rel.removesuffix("index.html")
        yield f"https://{rel}" + (f"?{query}" if query else ""), path


def rendered_sample_pages(when: datetime):
    """(URL, Content-Type, body) of every sample-site file, rendered as served at ``when``."""
    for url, path in sample_pages():
        body = path.read_bytes()
        ctype = content_type(path, body)
        if not ctype.startswith("image/"):
            body = render(body.decode("utf-8"), now=when).encode("utf-8")
        yield url, ctype, body


def write_warc(out: Path, pages, when: datetime, copies: int = 1) -> list[str]:
    """Write ``pages`` ((URL, Content-Type, body) triples) as captured at ``when``, each
    after its request record; returns the URLs of the HTML pages written.

    ``copies`` > 1 repeats every page under URLs of its own (``…-2``, ``…-3``, with the
    canonical link to match), for benchmarks that need more articles than they have."""
    html_urls = []
    with out.open("wb") as f:
        writer = WARCWriter(f, gzip=out.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(out.name, {"software": "newscrawl tests", "format": "WARC/1.0"}))
        for url, ctype, body in pages:
            for n in range(1, copies + 1):
                copy_url = url if n == 1 else f"{url.rstrip('/')}-{n}"
                copy = body if n == 1 else body.replace(url.encode(), copy_url.encode())
                write_exchange(writer, copy_url, when, 200, ctype, copy)
                if ctype.startswith("text/html"):
                    html_urls.append(copy_url)
        write_extras(writer, when, html_urls[0])
    return html_urls


def write_sample_warc(out: Path, when: datetime, copies: int = 1) -> list[str]:
    """The sample site as archived at ``when`` (see ``write_warc``)."""
    return write_warc(out, rendered_sample_pages(when), when, copies)


def write_extras(writer: WARCWriter, when: datetime, some_page: str) -> None:
    """What real archives hold besides pages: a 404, an image, a revisit of a page."""
    write_exchange(writer, "https://mainichi.jp/english/articles/gone", when, 404, "text/html; charset=utf-8", b"<h1>Not found</h1>")
    write_exchange(writer, "https://mainichi.jp/images/logo.png", when, 200, "image/png", b"\x89PNG\r\n\x1a\n")
    writer.write_record(writer.create_revisit_record(
        some_page, digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", refers_to_uri=some_page,
        refers_to_date=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
    ))


def write_exchange(writer: WARCWriter, url: str, when: datetime, status: int, ctype: str, body: bytes) -> None:
    date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    host = url.split("/")[2]
    request = StatusAndHeaders(f"GET /{url.split('/', 3)[3]} HTTP/1.1", [("Host", host), ("User-Agent", "newscrawl")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=request, warc_headers_dict={"WARC-Date": date}))
    reason = {200: "OK", 404: "Not Found"}[status]
    headers = StatusAndHeaders(
        f"{status} {reason}",
        [("Content-Type", ctype), ("Content-Length", str(len(body))), ("Date", format_datetime(when, usegmt=True))],
        protocol="HTTP/1.1",
    )
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date})
    )
