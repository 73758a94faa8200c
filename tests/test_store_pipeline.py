"""The storage pipeline: batched transactions, nothing lost at close."""

from newscrawl.storage import Storage
from pipelines.base import Stats
from pipelines.store import StorePipeline


def item(n):
    return {"url": f"https://www.asahi.com/articles/A{n}.html", "title": f"記事{n}", "body": ["本文。"],
            "outlet": "asahi", "language": "ja", "published_at": "2025-01-13T21:37:00+09:00"}


def test_batches_are_written_by_size_and_at_close(db_path):
    stats = Stats()
    pipe = StorePipeline(str(db_path), batch_size=10, batch_seconds=3600, stats=stats)
    pipe.open_spider()
    for n in range(25):
        pipe.process_item(item(n))
    # Two full batches are committed and visible to another connection; five wait.
    assert Storage(db_path).count() == 20
    pipe.close_spider()
    assert Storage(db_path).count() == 25
    assert stats["newscrawl/store/articles"] == 25 and stats["newscrawl/store/batches"] == 3


def test_time_threshold_flushes_small_batches(db_path):
    pipe = StorePipeline(str(db_path), batch_size=1000, batch_seconds=0, stats=Stats())
    pipe.open_spider()
    pipe.process_item(item(1))
    assert Storage(db_path).count() == 1
    pipe.close_spider()


def test_a_bad_item_is_counted_and_the_batch_still_stored(db_path):
    """One item that cannot be written used to roll its batch back and, since the
    pending list was never cleared, every later batch too: 0 stored, exit 0."""
    stats = Stats()
    pipe = StorePipeline(str(db_path), batch_size=5, batch_seconds=3600, stats=stats)
    pipe.open_spider()
    for n in range(12):
        it = item(n)
        if n == 2:
            it["title"] = object()  # no SQLite type for it
        pipe.process_item(it)
    pipe.close_spider()
    assert Storage(db_path).count() == 11
    assert stats["newscrawl/store/articles"] == 11 and stats["newscrawl/store/failed"] == 1
