"""Item pipelines: normalize what pages print, then store it.

``normalize_article`` runs the same normalizers, in the same order, as the crawl's
ITEM_PIPELINES (see newscrawl/settings.py), for ``newscrawl extract`` and tests.
"""

from __future__ import annotations

from pipelines import bylines, captions, timestamps, validate
from pipelines.base import FieldAdapter, Stats

NORMALIZERS = (validate.normalize, timestamps.normalize, bylines.normalize, captions.normalize)


def normalize_article(item, stats=None):
    """Run every normalizer over ``item`` in place and return it."""
    adapter = FieldAdapter(item)
    stats = stats if stats is not None else Stats()
    for fn in NORMALIZERS:
        fn(adapter, stats)
    return item
