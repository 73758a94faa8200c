"""From parsed terms to an FTS5 expression, and what the index knows about words.

Every term becomes a phrase built only from double-quoted strings (inner quotes
doubled), joined by ``+`` and ``*`` that we write ourselves, so nothing the user
typed is ever read by FTS5 as syntax. The token sequence comes from
``newscrawl.textindex.query_parts``, the query-side twin of ``index_text``.

``Vocabulary`` knows the size of the index and stems words with the index's own
tokenizer (a small FTS5 table in the connection's temp schema, so it works on
read-only databases), so that highlighting agrees with what FTS5 matches.
"""

from __future__ import annotations

import re
import sqlite3

from newscrawl.search.query import Term
from newscrawl.textindex import query_parts

FTS_TABLE = "articles_fts"
DEFAULT_TOKENIZE = "porter unicode61 remove_diacritics 2"


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def term_expr(term: Term) -> str | None:
    """One term as an FTS5 phrase, or None when it has nothing to search for."""
    parts = query_parts(term.text)
    if not parts:
        return None
    phrase = " + ".join(_quote(t) + (" *" if prefix else "") for t, prefix in parts)
    return f"{{title}} : ({phrase})" if term.title_only else phrase


def group_expr(terms: list[Term]) -> str:
    exprs = [e for e in map(term_expr, terms) if e]
    return exprs[0] if len(exprs) == 1 else "(" + " OR ".join(exprs) + ")"


def match_expr(groups: list[list[Term]], excluded: list[Term]) -> tuple[str | None, str | None]:
    """(positive expression, excluded expression); either may be None."""
    pos = " AND ".join(group_expr(g) for g in groups) or None
    neg_terms = [e for e in map(term_expr, excluded) if e]
    neg = " OR ".join(neg_terms) or None
    if pos and neg:
        return f"({pos}) NOT ({neg})", None
    return pos, neg


_STEMS: dict[tuple[str, str], str] = {}  # (tokenizer, word) -> tokens; shared by every connection


class Vocabulary:
    """Document frequencies and stems, from the index of one connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.tokenizer = self._tokenize()
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.nc_stem USING fts5(w, tokenize=" + _quote_sql(self.tokenizer) + ")"
        )
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.nc_stem_i USING fts5vocab(temp, nc_stem, instance)")

    def _tokenize(self) -> str:
        row = self.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (FTS_TABLE,)).fetchone()
        m = re.search(r"tokenize\s*=\s*'((?:[^']|'')*)'", row[0] if row else "")
        return m.group(1).replace("''", "'") if m else DEFAULT_TOKENIZE

    def total(self) -> int:
        """Articles in the index. FTS5 keeps the count in its 'averages' record
        (id 1 of the %_data table, first varint); counting rows would take
        tens of milliseconds on a large collection."""
        row = self.conn.execute(f"SELECT block FROM {FTS_TABLE}_data WHERE id = 1").fetchone()
        if row and row[0]:
            return _varint(row[0])
        return self.conn.execute(f"SELECT count(*) FROM {FTS_TABLE}").fetchone()[0]

    def tokens(self, texts: list[str]) -> list[list[str]]:
        """Each text as the index's tokenizer sees it (stemmed, folded)."""
        key = self.tokenizer
        todo = [t for t in dict.fromkeys(texts) if (key, t) not in _STEMS]
        if todo:
            with self.conn:
                self.conn.execute("DELETE FROM temp.nc_stem")
                self.conn.executemany(
                    "INSERT INTO temp.nc_stem (rowid, w) VALUES (?, ?)", list(enumerate(todo, 1))
                )
                found: dict[int, list[str]] = {}
                for doc, term in self.conn.execute("SELECT doc, term FROM temp.nc_stem_i ORDER BY doc, offset"):
                    found.setdefault(doc, []).append(term)
            if len(_STEMS) > 200_000:
                _STEMS.clear()
            for i, t in enumerate(todo, 1):
                _STEMS[(key, t)] = " ".join(found.get(i, []))
        return [_STEMS[(key, t)].split() for t in texts]

    def stem(self, word: str) -> str:
        return " ".join(self.tokens([word])[0])


def _quote_sql(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _varint(blob: bytes) -> int:
    """SQLite's big-endian varint (the form FTS5 uses in its records)."""
    value = 0
    for i, byte in enumerate(blob[:9]):
        if i == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value
    return value
