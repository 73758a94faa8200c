"""Photo captions and their credits. (Placeholder until issue 4: captions as given.)"""

from __future__ import annotations

from pipelines.base import NormalizerPipeline


def normalize(adapter, stats) -> None:
    adapter["images"] = [dict(i) for i in adapter.get("images") or []]


class CaptionPipeline(NormalizerPipeline):
    normalize = staticmethod(normalize)
