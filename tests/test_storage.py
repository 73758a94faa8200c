"""The SQLite file: schema, round trip, idempotent upserts, readers during writes."""

import json
import sqlite3
import threading

import pytest
import sqlite_utils

from newscrawl.items import Article
from newscrawl.storage import SCHEMA_VERSION, Storage, article_id, to_utc


def make_article(n=1, **over):
    a = Article(
        url=f"https://mainichi.jp/english/articles/2025012{n}/p2g/00m/0na/00{n}000c",
        site="mainichi_en",
        outlet="mainichi_en",
        language="en",
        title=f"Test article number {n}",
        published_at="2025-01-22T06:30:00+09:00",
        published_precision=60,
        published_raw="January 22, 2025 (Mainichi Japan)",
        authors=["Takuya Karube", "Hanako Sato"],
        dateline="TOKYO",
        agency="Kyodo",
        section="Politics",
        tags=["diplomacy"],
        body=["First paragraph.", "Second paragraph."],
        images=[{"url": "https://cdn.mainichi.jp/a.jpg", "caption": "Leaders meet.", "credit": "Kyodo"}],
        fetched_at="2025-01-22T10:00:00+00:00",
    )
    for k, v in over.items():
        setattr(a, k, v)
    return a.to_dict()


def test_new_database_has_schema_and_wal(db_path):
    s = Storage(db_path)
    assert s.schema_version() == SCHEMA_VERSION
    assert {"articles", "authors", "article_authors", "images", "crawl_runs", "articles_fts"} <= set(s.db.table_names())
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    fks = {fk.other_table for fk in s.db["article_authors"].foreign_keys}
    assert fks == {"articles", "authors"}
    indexed = {tuple(i.columns) for i in s.db["articles"].indexes}
    assert {("outlet",), ("language",), ("published_utc",), ("story_id",)} <= indexed
    assert {"story_id", "revised_at"} <= set(s.db["articles"].columns_dict)
    assert {"article_revisions", "story_bands"} <= set(s.db.table_names())


def test_article_round_trip(db_path):
    s = Storage(db_path)
    s.upsert_articles([make_article()])
    got = s.get_article(article_id(make_article()["url"]))
    want = make_article()
    for key in ("url", "title", "published_at", "published_precision", "authors", "dateline", "agency", "tags", "body", "images"):
        assert got[key] == want[key], key
    assert got["published_utc"] == "2025-01-21T21:30:00Z"
    assert [r[0] for r in s.conn.execute(
        "SELECT a.name FROM article_authors l JOIN authors a ON a.id = l.author_id ORDER BY l.position")] == ["Takuya Karube", "Hanako Sato"]


def test_recrawl_updates_in_place(db_path):
    s = Storage(db_path)
    first = [make_article(n) for n in range(1, 4)]
    s.upsert_articles(first)
    counts = {t: s.count(t) for t in ("articles", "authors", "article_authors", "images", "articles_fts")}
    s.upsert_articles([make_article(n) for n in range(1, 4)])
    assert {t: s.count(t) for t in counts} == counts
    # An update changes the row and its search index, not the row count.
    s.upsert_articles([make_article(1, title="Retitled piece", authors=["Jiro Tanaka"], images=[])])
    row = s.get_article(article_id(first[0]["url"]))
    assert row["title"] == "Retitled piece" and row["authors"] == ["Jiro Tanaka"] and row["images"] == []
    assert row["first_seen_at"] == first[0]["fetched_at"]
    assert s.count("articles") == 3
    rowid = s.conn.execute("SELECT rowid FROM articles WHERE id=?", [row["id"]]).fetchone()[0]
    assert matches(s, "retitled") == [rowid]
    assert rowid not in matches(s, '"number 1"')  # the old title's words left the index with it
    assert matches(s, '"number 2"') != []


def matches(storage, text):
    """Rowids whose indexed words match ``text`` (the search language)."""
    from newscrawl.search import parse_query
    from newscrawl.search.fts import match_expr

    expr, _ = match_expr(parse_query(text).groups, [])
    return [r[0] for r in storage.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (expr,))]


def test_canonical_url_is_the_identity(db_path):
    s = Storage(db_path)
    a = make_article(1)
    b = make_article(1, url=a["url"] + "?utm_source=rss", canonical_url=a["url"])
    s.upsert_articles([a])
    s.upsert_articles([b])
    assert s.count() == 1


def test_japanese_text_is_indexed_as_words(db_path):
    s = Storage(db_path)
    s.upsert_articles([make_article(1, language="ja", title="宮崎県で震度5弱", body=["日向灘で地震があった。"])])
    assert s.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '地震'").fetchone()[0] == 1
    assert s.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '震度'").fetchone()[0] == 1
    assert matches(s, "震度5弱") == [1] and matches(s, "度5") == []  # words, not strings


def test_reader_sees_committed_rows_while_a_batch_is_open(db_path):
    s = Storage(db_path)
    s.upsert_articles([make_article(1)])
    reader = sqlite3.connect(db_path)
    s.conn.execute("BEGIN")
    s.conn.execute("UPDATE articles SET title = 'uncommitted'")
    # WAL: the reader is neither blocked nor shown the open transaction.
    assert reader.execute("SELECT title FROM articles").fetchone()[0] == "Test article number 1"
    s.conn.execute("ROLLBACK")
    done = threading.Event()

    def write():
        Storage(db_path).upsert_articles([make_article(n) for n in range(2, 50)])
        done.set()

    t = threading.Thread(target=write)
    t.start()
    while not done.is_set():
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] in (1, 49)
    t.join()
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 49


def test_one_bad_article_costs_only_itself(db_path):
    s = Storage(db_path)
    s.upsert_articles([make_article(1)])
    bad = make_article(2)
    bad["url"] = None  # NOT NULL violation inside the transaction
    bad["canonical_url"] = "https://example.com/x"
    failed = []
    written = s.upsert_articles([make_article(3), bad, make_article(4)], on_error=lambda a, e: failed.append((a, e)))
    assert written == 2 and s.count() == 3 and s.count("articles_fts") == 3
    assert [(a["canonical_url"], type(e)) for a, e in failed] == [("https://example.com/x", sqlite3.IntegrityError)]
    assert s.conn.execute("SELECT count(*) FROM images").fetchone()[0] == 3  # nothing half-written for the bad one


def test_one_canonical_url_twice_in_a_batch_is_one_row(db_path):
    """A feed listing an article twice (plain and ?ref=rss, or feed and sitemap) put
    both copies in one batch; the full-text insert failed and nothing was stored."""
    s = Storage(db_path)
    first, second = make_article(1, title="First copy"), make_article(1, title="Second copy")
    assert s.upsert_articles([first, make_article(2), second]) == 2
    assert s.count() == 2 and s.count("articles_fts") == 2
    assert s.get_article(article_id(first["url"]))["title"] == "Second copy"
    s.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")


def test_newer_schema_is_refused(db_path):
    Storage(db_path).conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="upgrade newscrawl"):
        Storage(db_path)


def test_crawl_runs_record_counts(db_path):
    s = Storage(db_path)
    run = s.start_run("mainichi_en", "2025-01-22T10:00:00+00:00")
    s.finish_run(run, finished_at="2025-01-22T10:05:00+00:00", stored=3, fallbacks=1, stats={"newscrawl/parse/fallback_body": 1})
    row = s.db["crawl_runs"].get(run)
    assert row["stored"] == 3 and json.loads(row["stats"]) == {"newscrawl/parse/fallback_body": 1}


def test_to_utc():
    assert to_utc("2025-01-14T21:17:27+09:00") == "2025-01-14T12:17:27Z"
    assert to_utc("2025-01-14T21:17:27") is None
    assert to_utc("garbage") is None


def test_version_1_database_is_migrated_on_open(db_path):
    import sqlite_utils

    from newscrawl.storage import MIGRATIONS

    db = sqlite_utils.Database(db_path)
    MIGRATIONS[1](db)
    db.execute("PRAGMA user_version=1")
    db.conn.commit()
    db.close()
    s = Storage(db_path)
    assert s.schema_version() == SCHEMA_VERSION
    assert ("outlet", "published_utc") in {tuple(i.columns) for i in s.db["articles"].indexes}


def test_an_old_database_migrates_and_reindex_makes_it_searchable(db_path, capsys):
    from newscrawl.cli import main
    from newscrawl.search import search

    s = Storage(db_path)
    s.upsert_articles([make_article(n) for n in range(1, 4)])
    # What schema 2 left: no word index, articles waiting for one.
    with s.conn:
        s.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
        s.conn.execute("UPDATE newscrawl_meta SET value = '3' WHERE key = 'reindex_pending'")
    s.close()
    result = search(db_path, "article", all_time=True, ui_lang="en")
    assert result.total == 0 and "3 articles are not in the search index yet" in result.notes[0]
    assert main(["reindex", "--db", str(db_path)]) == 0
    assert "3 articles indexed" in capsys.readouterr().err
    result = search(db_path, "article", all_time=True, ui_lang="en")
    assert result.total == 3 and result.notes == []
    assert main(["reindex", "--db", str(db_path)]) == 0  # nothing left: resumable means idempotent
    assert "0 articles indexed" in capsys.readouterr().err


def test_a_bigram_database_from_before_the_word_index_upgrades(db_path, capsys):
    from newscrawl.cli import main
    from newscrawl.search import QueryError, search
    from newscrawl.storage import MIGRATIONS

    old = sqlite_utils.Database(db_path)
    bigram_schema = 4  # the last schema with the bigram index; 5 brought the word index
    for version in range(1, bigram_schema + 1):
        MIGRATIONS[version](old)
    old.execute(f"PRAGMA user_version={bigram_schema}")
    old["articles"].insert({"id": "a1", "url": "https://mainichi.jp/a1", "title": "東京都知事が会見", "body": "京都府でも"})
    old.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (1, '東京 京都 都知 知事', '京都 都府')")
    old.conn.commit()
    old.conn.close()
    with pytest.raises(QueryError, match="older newscrawl"):  # searching it as it is would mislead
        search(db_path, "京都", all_time=True, ui_lang="en")
    assert main(["reindex", "--db", str(db_path)]) == 0  # migrates, then indexes
    assert "1 articles indexed" in capsys.readouterr().err
    assert [h.title for h in search(db_path, "京都", all_time=True).hits] == ["東京都知事が会見"]  # 京都府
    assert search(db_path, "京都 -府", all_time=True).total == 0


def test_processes_opening_a_new_file_at_once_migrate_it_once(tmp_path):
    """Two crawls started together on a new database both ran the migrations:
    one failed with "view articles_by_day already exists"."""
    import subprocess
    import sys

    db = tmp_path / "new.db"
    opener = "import sys; from newscrawl.storage import Storage; Storage(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", opener, str(db)], stderr=subprocess.PIPE, text=True) for _ in range(6)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, errors
    assert Storage(db).schema_version() == SCHEMA_VERSION


def test_migrations_run_once_under_the_write_lock(db_path):
    # Two writers open a new file at once: the second must not migrate again (the
    # word index migration drops the search index; the first may have filled it).
    first, second = Storage(db_path), None
    first.upsert_articles([make_article(1)])
    second = Storage.__new__(Storage)
    second.path, second.db = db_path, sqlite_utils.Database(db_path)
    real = second.schema_version
    versions = iter([1])  # its first look saw a new file; the first has migrated it since
    second.schema_version = lambda: next(versions, None) or real()
    second.migrate()
    assert matches(second, "article") == [1]  # the index is still there


def test_readers_never_see_half_a_migrated_schema(db_path, monkeypatch):
    """`newscrawl serve` reading a file a first crawl was creating got "vtable
    constructor failed: articles_fts": each migration committed on its own, so a
    reader saw the search index between its drop and its re-creation."""
    from newscrawl import storage

    seen = []
    last = storage.MIGRATIONS[SCHEMA_VERSION]

    def look_from_another_connection(db):
        last(db)
        reader = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        seen.append((reader.execute("PRAGMA user_version").fetchone()[0],
                     reader.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]))
        reader.close()

    monkeypatch.setitem(storage.MIGRATIONS, SCHEMA_VERSION, look_from_another_connection)
    Storage(db_path).close()
    assert seen == [(0, 0)]  # nothing visible until every migration is done
    assert Storage(db_path).schema_version() == SCHEMA_VERSION
