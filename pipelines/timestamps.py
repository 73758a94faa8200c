"""Printed times -> exact instants with their precision. (First cut: ISO 8601 only;
the full rules for Japanese, Indonesian and English forms arrive with issue 4.)"""

from __future__ import annotations

from datetime import datetime

from pipelines.base import NormalizerPipeline


def parse_iso(text: str):
    try:
        dt = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return dt if dt.tzinfo else None


def normalize(adapter, stats) -> None:
    for prefix in ("published", "updated"):
        raw = adapter.get(f"{prefix}_raw")
        if not raw or adapter.get(f"{prefix}_at"):
            continue
        dt = parse_iso(raw)
        if dt is None:
            stats.inc_value("newscrawl/normalize/unparsed_timestamp")
            continue
        adapter[f"{prefix}_at"] = dt.isoformat()
        if prefix == "published":
            adapter["published_precision"] = 1


class TimestampPipeline(NormalizerPipeline):
    normalize = staticmethod(normalize)
