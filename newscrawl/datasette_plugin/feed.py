"""Atom for a search: one entry per hit, linking to the original article.

Built with ElementTree rather than a template so that every piece of article text is
XML-escaped by construction and the document is always well formed.
"""

from __future__ import annotations

from datetime import datetime, timezone
from xml.etree import ElementTree as ET

from newscrawl import outlets
from newscrawl.storage import to_utc
from pipelines.validate import CONTROL

ATOM = "http://www.w3.org/2005/Atom"


def _sub(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        # Control characters are not XML: one in a title stored before the crawl
        # stripped them would make the whole feed unreadable.
        el.text = CONTROL.sub("", text)
    return el


def atom(hits, *, title: str, self_url: str, html_url: str, article_url, now: datetime | None = None) -> bytes:
    """The feed document. ``article_url(hit)`` is the hit's detail page on this server."""
    ET.register_namespace("", ATOM)
    now_utc = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = ET.Element(f"{{{ATOM}}}feed")
    _sub(root, "title", title)
    _sub(root, "id", self_url)
    _sub(root, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(root, "link", rel="alternate", type="text/html", href=html_url)
    _sub(root, "generator", "newscrawl")
    # Atom wants an author per entry; entries without a byline inherit this one.
    _sub(_sub(root, "author"), "name", "newscrawl")
    stamps = [s for s in (to_utc(h.published_utc or h.published_at) for h in hits) if s]
    _sub(root, "updated", max(stamps) if stamps else now_utc)
    for hit in hits:
        entry = _sub(root, "entry")
        _sub(entry, "id", f"urn:newscrawl:article:{hit.id}")
        _sub(entry, "title", hit.title or hit.url)
        _sub(entry, "link", rel="alternate", type="text/html", href=hit.url)
        _sub(entry, "link", rel="related", type="text/html", href=article_url(hit))
        stamp = to_utc(hit.published_utc or hit.published_at)
        _sub(entry, "updated", stamp or now_utc)
        if stamp:
            _sub(entry, "published", stamp)
        for name in hit.authors or []:
            _sub(_sub(entry, "author"), "name", name)
        if hit.outlet:
            _sub(entry, "category", term=hit.outlet, label=outlets.label(hit.outlet))
        summary = _lead_text(hit)
        if summary:
            _sub(entry, "summary", summary)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _lead_text(hit) -> str:
    lead = hit.lead
    if isinstance(lead, (list, tuple)):
        lead = "\n\n".join(p for p in lead if p)
    return lead or ""
