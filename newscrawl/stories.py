"""One story, many copies: articles whose text is a copy of another's share a ``story_id``.

A wire story appears at the agency, at the papers that print it and at portals that
copy them, never quite the same: the dateline is ``SEOUL -`` at Kyodo and
``SEOUL (Kyodo) --`` at the Mainichi, a portal adds ``(By Kenji Ono)``, a paper drops
the last paragraphs, the widths of ２１日 and 21日 differ. What they keep is the text.

    assign(conn, ["3f2a…", …])   # inside the store transaction, after the upsert

1. The body is normalized (NFKC, lower case, the leading dateline and bylines, credits
   and punctuation gone) and cut into tokens: a word for Latin script, a character
   for CJK; shingles are ``SHINGLE`` consecutive tokens.
2. A MinHash (datasketch) of the first ``LEAD`` shingles: copies trimmed at the end
   still share their beginning. Its ``BANDS`` LSH bands, each hashed to 32 bits, are
   stored in ``story_bands`` under the article's publication day.
3. Candidates are the articles sharing a band within ``WINDOW_DAYS`` days either side
   (one indexed lookup per day and band: the cost does not grow with the database).
   Each is checked on the whole text: the share of the shorter text's shingles that
   the other has (a trimmed copy is all in the original) must reach ``MIN_OVERLAP``.
4. The article joins the story of the most similar candidate that passes; otherwise it
   starts its own (``story_id`` = its id). Stories never merge afterwards, so a
   ``story_id`` once given stays.

NULL in ``story_id`` means "not clustered yet" (rows from before schema 8: run
``newscrawl stories``); either way ``COALESCE(story_id, id)`` counts stories. Bands
refer to ``articles.rowid``, as the full-text index does.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

import numpy as np

from newscrawl.textindex import CJK

SHINGLE = 4  # tokens per shingle: four words, or four kanji/kana
LEAD = 160  # shingles of the body's beginning that go into the MinHash
MIN_SHINGLES = 12  # shorter texts (a one-line flash) stay stories of their own
NUM_PERM = 64
# LSH bands of ROWS hash values each: datasketch's MinHashLSH(threshold=0.3,
# num_perm=64) optimum. A lead similarity of 0.5 finds a candidate 94% of the
# time, 0.8 always, 0.1 2%: recall first, the check on the whole text decides.
BANDS, ROWS = 21, 3
MIN_OVERLAP = 0.5
SAME_NUMBERS = 0.7  # share of the shorter text's numbers the other must print too
WINDOW_DAYS = 3
MAX_CHECKED = 20  # candidates checked per article, those sharing most bands first


# A CJK character, a number with its decimal point or separators (5.1, 38,500, 3:12), a word.
_TOKEN = re.compile(f"[{CJK}]|\\d+(?:[.,:]\\d+)*|[^\\W_{CJK}]+")
# A dateline opening the first paragraph: SEOUL -, SEOUL (Kyodo) --, TOKYO, Jan. 21 (Reuters) -,
# 【ソウル共同】, 【ワシントン=山田花子】. Matched on the NFKC text, before lower-casing.
_DATELINE = re.compile(
    r"^\s*(?:【[^【】]{1,40}】|[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?:,[^()\n]{1,20}?)?\s*(?:\([^()]{1,30}\))?\s*(?:--|—|–|―|-)\s)"
)
# A credit closing a paragraph: (Kyodo), （共同）, ＝共同, 【ソウル山田花子】.
_TAIL_CREDIT = re.compile(r"(?:\([^()]{1,30}\)|【[^【】]{1,40}】|=\s*\S{1,6})\s*$")
# A paragraph that is nothing but a byline or credit: (By Kenji Ono), （政治部 山田花子）, JIJI.
_ONLY_CREDIT = re.compile(r"^\s*(?:\(.{1,80}\)|【.{1,40}】|(?i:by) .{1,60}|[A-Z .]{2,20})\s*$")


def paragraphs(body: str | Iterable[str] | None) -> list[str]:
    if body is None:
        return []
    if isinstance(body, str):
        body = body.split("\n\n")
    return [p for p in body if p and p.strip()]


def tokens(body: str | Iterable[str] | None, at_most: int | None = None) -> list[str]:
    """The text's tokens with what differs between copies gone: width and case,
    the dateline, byline and credit paragraphs, trailing credits, punctuation.
    With ``at_most``, the paragraphs after that many tokens are not read."""
    out: list[str] = []
    for i, para in enumerate(paragraphs(body)):
        if at_most is not None and len(out) >= at_most:
            break
        text = unicodedata.normalize("NFKC", para).strip()
        if _ONLY_CREDIT.match(text):
            continue
        if i == 0:
            text = _DATELINE.sub("", text, count=1)
        text = _TAIL_CREDIT.sub("", text)
        out += _TOKEN.findall(text.lower())
    return out


class Text:
    """What copies of one story have in common: shingles and numbers.

    A shingle is a 32-bit hash of ``SHINGLE`` consecutive tokens, built from the
    tokens' CRC-32s in a few array operations (no strings are joined); the MinHash
    of the lead and the comparison of whole texts both use it."""

    def __init__(self, body: str | Iterable[str] | None):
        self.body = body
        # Most articles have no candidate: their lead is all that is ever read.
        self.lead = tokens(body, at_most=LEAD + SHINGLE - 1)[: LEAD + SHINGLE - 1]

    @functools.cached_property
    def tokens(self) -> list[str]:
        return tokens(self.body)

    @functools.cached_property
    def shingles(self) -> np.ndarray:
        """The distinct shingle hashes of the whole text, sorted."""
        return np.unique(_shingle_hashes(self.tokens))

    @functools.cached_property
    def numbers(self) -> set[str]:
        return {t for t in self.tokens if t[0] in _DIGITS}

    @property
    def clusterable(self) -> bool:
        return len(self.lead) - SHINGLE + 1 >= MIN_SHINGLES

    def band_keys(self) -> list[int]:
        """The lead's LSH band hashes: 32-bit signed ints, the band's number mixed in."""
        m = _empty_minhash().copy()
        m.update_batch(np.unique(_shingle_hashes(self.lead)))
        values = m.hashvalues.tolist()
        keys = []
        for band in range(BANDS):
            key = band + 1
            for value in values[band * ROWS : (band + 1) * ROWS]:
                key = ((key ^ value) * _MIX) & _MASK64
            keys.append((key >> 32) - (1 << 32 if key >> 63 else 0))  # the high half, as a signed int32
        return keys


def _shingle_hashes(toks: list[str]) -> np.ndarray:
    """Each run of SHINGLE tokens as a 32-bit hash, in text order."""
    token_hashes = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in toks), np.uint64, len(toks))
    width = min(SHINGLE, len(toks))
    hashes = np.zeros(len(toks) - width + 1 if width else 0, np.uint64)
    for k in range(width):
        hashes = (hashes * _FNV_PRIME + token_hashes[k : k + len(hashes)]) & _MASK32
    return hashes


_DIGITS = frozenset("0123456789")
_FNV_PRIME, _MASK32 = np.uint64(0x01000193), np.uint64(0xFFFFFFFF)
_MIX, _MASK64 = 0xFF51AFD7ED558CCD, (1 << 64) - 1


def warm_up() -> None:
    """Import datasketch now: its first import (it pulls in scipy) takes a second or
    more, which a writer should spend before it takes the database's write lock."""
    _empty_minhash()


@functools.cache
def _empty_minhash():
    # datasketch imports scipy (1.5 s): only the commands that store articles pay it.
    from datasketch import MinHash

    # The shingles come hashed already (_shingle_hashes); the affine32 scheme mixes
    # each with MurmurHash3's finalizer before the permutations.
    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int, scheme="affine32")


def similarity(a: Text, b: Text) -> float:
    """Share of the shorter text's shingles found in the other (1.0 for a trimmed
    copy), or 0.0 when the shorter text's numbers are not the other's: reports
    written from one template (an earthquake flash, a market close) share most of
    their words and differ exactly there."""
    short, long_ = sorted((a, b), key=lambda t: len(t.shingles))
    if not len(short.shingles):
        return 0.0
    if short.numbers and len(short.numbers & long_.numbers) < SAME_NUMBERS * len(short.numbers):
        return 0.0
    return len(np.intersect1d(short.shingles, long_.shingles, assume_unique=True)) / len(short.shingles)


def day_number(when: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO time's date (UTC for the stored columns)."""
    if not when:
        return None
    try:
        return date.fromisoformat(when[:10]).toordinal() - _EPOCH
    except ValueError:
        return None


_EPOCH = date(1970, 1, 1).toordinal()


def assign(conn: sqlite3.Connection, ids: Iterable[str], revised: Mapping[str, Mapping] | None = None) -> dict[str, str]:
    """Give the stored articles ``ids`` their story; returns {id: story_id} for those
    clustered now. An article that has a story keeps it, unless ``revised`` holds
    its earlier row (``body``, ``published_utc``, ``first_seen_at``): a changed text
    is stored under new bands, and an article alone in its story may join another."""
    revised = revised or {}
    out: dict[str, str] = {}
    ids = list(dict.fromkeys(ids))
    rows = {
        r[1]: r
        for r in conn.execute(
            "SELECT rowid, id, body, coalesce(published_utc, first_seen_at), story_id FROM articles "
            "WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )
    }
    for id_ in ids:  # in the caller's order: within a batch, later copies join earlier ones
        if id_ not in rows:
            continue
        rowid, _, body, when, story_id = rows[id_]
        previous = revised.get(id_)
        if story_id is not None and previous is None:
            continue
        text, day = Text(body), day_number(when)
        keys = text.band_keys() if text.clusterable and day is not None else []
        if previous is not None:
            _forget(conn, rowid, previous)
            if story_id is not None and _has_company(conn, id_, story_id):
                _store_bands(conn, rowid, keys, day)
                continue
        out[id_] = (_best_match(conn, rowid, text, keys, day) if keys else None) or id_
        conn.execute("UPDATE articles SET story_id = ? WHERE rowid = ?", (out[id_], rowid))
        _store_bands(conn, rowid, keys, day)
    return out


def cluster_pending(conn: sqlite3.Connection, *, batch: int = 1000, rebuild: bool = False, progress=None) -> tuple[int, int]:
    """Cluster every article without a story, oldest first, one transaction per
    ``batch`` (an interrupted run keeps what it finished). ``rebuild`` forgets every
    story and band first. ``progress(done, total, joined)`` after each batch.
    Returns (articles clustered, of which joined an earlier story)."""
    if rebuild:
        with conn:
            conn.execute("DELETE FROM story_bands")
            conn.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
    pending = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM articles WHERE story_id IS NULL ORDER BY coalesce(published_utc, first_seen_at), rowid"
        )
    ]
    joined = 0
    for done in range(0, len(pending), batch):
        with conn:
            got = assign(conn, pending[done : done + batch])
        joined += sum(story != id_ for id_, story in got.items())
        if progress:
            progress(min(done + batch, len(pending)), len(pending), joined)
    return len(pending), joined


def _best_match(conn, rowid: int, text: Text, keys: list[int], day: int) -> str | None:
    """The story of the most similar article sharing a band within the window."""
    days = list(range(day - WINDOW_DAYS, day + WINDOW_DAYS + 1))
    shared = Counter(
        r[0]
        for r in conn.execute(
            f"SELECT article FROM story_bands WHERE day IN ({', '.join('?' * len(days))}) "
            f"AND band IN ({', '.join('?' * len(keys))}) AND article != ?",
            [*days, *keys, rowid],
        )
    )
    best, best_score = None, MIN_OVERLAP
    for other, _ in shared.most_common(MAX_CHECKED):
        row = conn.execute("SELECT id, body, story_id FROM articles WHERE rowid = ?", (other,)).fetchone()
        if row is None:
            continue
        score = similarity(text, Text(row[1]))
        if score >= best_score:
            best, best_score = row, score
    if best is None:
        return None
    other_id, _, other_story = best
    if other_story is None:  # banded before its story was kept: it founds the story now
        conn.execute("UPDATE articles SET story_id = id WHERE id = ?", (other_id,))
        other_story = other_id
    return other_story


def _store_bands(conn, rowid: int, keys: list[int], day: int | None) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO story_bands (day, band, article) VALUES (?, ?, ?)",
        [(day, k, rowid) for k in keys],
    )


def _forget(conn, rowid: int, previous: Mapping) -> None:
    """Remove the bands the article's earlier text was stored under."""
    text = Text(previous.get("body"))
    day = day_number(previous.get("published_utc") or previous.get("first_seen_at"))
    if text.clusterable and day is not None:
        conn.executemany(
            "DELETE FROM story_bands WHERE day = ? AND band = ? AND article = ?",
            [(day, k, rowid) for k in text.band_keys()],
        )


def _has_company(conn, id_: str, story_id: str) -> bool:
    return conn.execute(
        "SELECT 1 FROM articles WHERE story_id = ? AND id != ? LIMIT 1", (story_id, id_)
    ).fetchone() is not None
