"""Drop what is not an article at all; tidy what every later stage relies on."""

from __future__ import annotations

from newscrawl.errors import DropItem

from pipelines.base import NormalizerPipeline


def normalize(adapter, stats) -> None:
    adapter["title"] = " ".join((adapter.get("title") or "").split()) or None
    adapter["body"] = [p.strip() for p in adapter.get("body") or [] if p and p.strip()]
    if not adapter.get("url"):
        stats.inc_value("newscrawl/validate/dropped_no_url")
        raise DropItem("item has no url")
    if not adapter["title"] and not adapter["body"]:
        stats.inc_value("newscrawl/validate/dropped_empty")
        raise DropItem(f"neither title nor body found at {adapter['url']}")
    if not adapter.get("canonical_url"):
        adapter["canonical_url"] = adapter["url"]
    if not adapter.get("outlet"):
        adapter["outlet"] = adapter.get("site")
    # A redesign that breaks an outlet's selectors shows up as a jump in these
    # counters (and in crawl_runs.fallbacks), not as quietly empty articles.
    for field, layer in (adapter.get("sources") or {}).items():
        if layer == "generic":
            stats.inc_value(f"newscrawl/parse/fallback_{field}")


class ValidatePipeline(NormalizerPipeline):
    normalize = staticmethod(normalize)
