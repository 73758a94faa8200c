"""`newscrawl extract`: the Article a crawl would store, from a saved page."""

import json

from newscrawl.cli import main
from tests.conftest import FIXTURES

PAGE = FIXTURES / "extract" / "sample_article.html"


def run(capsys, *argv):
    code = main(["extract", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_prints_the_normalized_article(capsys):
    code, out, err = run(capsys, "--fetched-at", "2025-01-14T06:00:00+00:00", str(PAGE))
    assert code == 0, err
    article = json.loads(out)
    assert article["url"] == "https://news.example.jp/articles/20250114/ferry-line"  # from rel=canonical
    assert article["title"] == "Harbor city opens new ferry line"
    assert article["published_at"] == "2025-01-14T09:30:00+09:00"
    assert article["authors"] == ["Hanako Sato"]
    assert article["fetched_at"] == "2025-01-14T06:00:00+00:00"
    assert len(article["body"]) == 3 and article["body"][0].startswith("A new ferry line")
    assert not any("Copyright" in p or "Home" in p for p in article["body"])


def test_url_option_overrides_the_canonical_link(capsys):
    code, out, _ = run(capsys, "--url", "https://news.example.jp/x", str(PAGE))
    assert code == 0 and json.loads(out)["url"] == "https://news.example.jp/x"


def test_one_json_object_per_file(capsys):
    code, out, _ = run(capsys, str(PAGE), str(PAGE))
    assert code == 0 and len(out.strip().splitlines()) == 2


def test_missing_file_is_one_line_error(capsys, tmp_path):
    code, out, err = run(capsys, str(tmp_path / "nope.html"))
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "cannot read" in err and "Traceback" not in err


def test_undecodable_or_empty_file_is_one_line_error(capsys, tmp_path):
    binary = tmp_path / "image.html"
    binary.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    code, out, err = run(capsys, str(binary), str(empty), str(PAGE))
    assert code != 0
    assert len(out.strip().splitlines()) == 1  # the good file still printed
    assert len(err.strip().splitlines()) == 2 and "Traceback" not in err


def test_bad_fetched_at_is_refused(capsys):
    code, _, err = run(capsys, "--fetched-at", "yesterday", str(PAGE))
    assert code == 2 and "ISO 8601" in err


def test_extract_does_not_load_scrapy_or_the_search_engine():
    # A one-page `newscrawl extract` used to spend ~90% of its time importing Scrapy and
    # Twisted, then most of the rest importing the search engine for the search command.
    import subprocess
    import sys

    code = (
        "import sys; from newscrawl.cli import main; "
        f"rc = main(['extract', '--fetched-at', '2025-01-14T06:00:00+00:00', {str(PAGE)!r}]); "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'twisted', 'itemadapter', 'sqlite_utils', 'numpy') or m.startswith('newscrawl.search')); "
        "print(rc, loaded, file=sys.stderr)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.stderr.strip().splitlines()[-1] == "0 []"
    assert json.loads(p.stdout)["title"] == "Harbor city opens new ferry line"
