"""From parsed terms to FTS5 expressions, and what the index knows about itself.

Every term becomes phrases built only from double-quoted strings (inner quotes
doubled), joined by ``+``, ``OR`` and column filters that we write ourselves, so
nothing the user typed is ever read by FTS5 as syntax. The words come from
``newscrawl.textindex.query_words``, the query-side twin of ``index_fields``:

- words are searched in the title and body columns, a term's positions as one
  phrase, a one-word term's alternatives (桜 / さくら) with OR;
- a term no word matches falls back to the ``grams`` column: its kanji and kana
  as adjacent bigrams, the string anywhere (``Term.fallback``).
"""

from __future__ import annotations

import sqlite3

from newscrawl.search.query import Term
from newscrawl.textindex import KANJI, query_grams, query_words

FTS_TABLE = "articles_fts"
WORDS = "{title body}"


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def words_expr(term: Term) -> str | None:
    """The term's words as an FTS5 expression, or None when it has none."""
    positions = query_words(term.text)
    if not positions:
        return None
    if len(positions) == 1:
        alternatives = list(positions[0]) + list(term.also)
        body = " OR ".join(_quote(a) for a in dict.fromkeys(alternatives))
    else:
        body = " + ".join(_quote(alts[0]) for alts in positions)
        if last_is_prefix(positions):
            body += " *"
    return f"{{title}} : ({body})" if term.title_only else f"{WORDS} : ({body})"


def last_is_prefix(positions: list[tuple[str, ...]]) -> bool:
    """Whether a phrase's last word may begin a longer word: one kanji, which
    Japanese compounds with what follows (東京都 in 東京都内, 10人 in 10人前)."""
    return len(positions) > 1 and len(positions[-1][0]) == 1 and bool(KANJI.match(positions[-1][0]))


def tokens_expr(tokens) -> str:
    """Any of the index words ``tokens``."""
    return f"{WORDS} : (" + " OR ".join(_quote(t) for t in tokens) + ")"


def grams_expr(term: Term) -> str | None:
    """The term's kanji and kana as a string anywhere (the fallback), or None."""
    grams, prefix = query_grams(term.text)
    if not grams:
        return None
    return "{grams} : (" + " + ".join(_quote(g) for g in grams) + (" *" if prefix else "") + ")"


def term_expr(term: Term) -> str | None:
    return grams_expr(term) if term.fallback else words_expr(term)


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


class Vocabulary:
    """What the index of one connection knows: its size, and which words it has."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        conn.execute(f"SELECT 1 FROM {FTS_TABLE}_docsize LIMIT 1")  # no index: OperationalError now

    def total(self) -> int:
        """Articles in the index. FTS5 keeps the count in its 'averages' record
        (id 1 of the %_data table, first varint); counting rows would take
        tens of milliseconds on a large collection."""
        row = self.conn.execute(f"SELECT block FROM {FTS_TABLE}_data WHERE id = 1").fetchone()
        if row and row[0]:
            return _varint(row[0])
        return self.conn.execute(f"SELECT count(*) FROM {FTS_TABLE}_docsize").fetchone()[0]

    def has(self, expr: str) -> bool:
        """Whether any article matches ``expr`` (FTS5 stops at the first)."""
        return self.conn.execute(f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT 1", (expr,)).fetchone() is not None


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
