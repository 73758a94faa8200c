"""Bylines, datelines and agencies. (Placeholder until issue 4: authors as given.)"""

from __future__ import annotations

from pipelines.base import NormalizerPipeline


def normalize(adapter, stats) -> None:
    adapter["authors"] = [a.strip() for a in adapter.get("authors") or [] if a and a.strip()]


class BylinePipeline(NormalizerPipeline):
    normalize = staticmethod(normalize)
