"""Search speed on a generated collection, beside raw FTS5 on the same index.

    python bench/bench_search.py [--db /tmp/newscrawl-bench-1m-words.db] [--articles 1000000]
    python bench/bench_search.py --articles 20000 --db /tmp/nc-bench-small.db   # quick run

Builds (or tops up: the build resumes where it stopped) a database of mixed
Japanese and English articles through ``Storage.upsert_articles`` — the crawl's own
write path, full-text index included — and reports index build throughput in
articles per second. Then it times word and phrase queries two ways:

- ``newscrawl.search.search`` as the CLI and Datasette call it: parsing, common-word
  check, default one-year window, recency-weighted ranking, total count, snippets;
- the raw FTS5 query for the same expression: ``SELECT rowid ... MATCH ? ORDER BY
  rank LIMIT 20``.

Targets on the 1,000,000-article collection: median word query < 20 ms and <= 1.5x
raw FTS5, one-kanji query < 100 ms, database <= 8 KB per article.

Measured with the word index (issue 11; rules 4), on 488,500 articles — the build
was stopped there for time, at ~150-260 articles/s on a machine shared with other
jobs (load 4-9); CPU clock, warm cache, medians of 5:

    word       n=39  search median 23.2 ms (p90 88.3)  raw FTS5 16.1 ms  ratio 1.4x  median matches 5,813
    phrase     n=30  search median 18.5 ms             raw FTS5 14.9 ms  ratio 1.2x
    two words  n=8   search median 19.9 ms             raw FTS5 13.6 ms  ratio 1.5x
    one kanji  n=3   search median 22.5 ms             raw FTS5 16.4 ms  ratio 1.4x
    one-off search(path), as the CLI runs it: word median 16.9 ms
    size: 7,396 bytes per article (articles 4,054, articles_fts 3,012; before 'optimize');
          mean 959 characters per Japanese article, 3,125 per English one

Before (bigram index, 1,000,000 articles, wall clock, load ~1): word median 14.7 ms,
raw 13.4 ms, 15.4 KB per article, one kanji 180 ms.

Japanese articles are real sentences of ../shared/search-ja recombined when it is
there (the analyzer must meet news text, not random kanji); English ones are
generated: a Zipf-distributed vocabulary with real function
words at the top (so "the" and の are as common as in news), topical words and
collocations in the middle, and synthetic words in the long tail.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl.storage import Storage  # noqa: E402

NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)  # fixed, so a reused DB gives the same answers
SPAN_DAYS = 3 * 365  # articles spread over three years: the default window keeps a third
BATCH = 500

EN_FUNCTION = (
    "the of and to a in that is was for on said with he it as at by from his be have "
    "has an are not but were its this had they which will after who been their more "
    "would also about year one two new than other over into up there all some when "
    "last most first could time people can while no out so before government"
).split()
EN_TOPICAL = (
    "japan tokyo minister prime foreign election earthquake typhoon economy trade "
    "sakura osaka kyoto nuclear defense china korea police court bank tariff yen "
    "tourism olympics baseball tsunami rice inflation parliament diet ministry "
    "hokkaido okinawa fukushima hiroshima nagasaki emperor shrine festival cherry "
    "blossom volcano evacuation semiconductor toyota nintendo railway shinkansen"
).split()
EN_PHRASES = [
    "prime minister", "foreign minister", "bank of japan", "supreme court",
    "new heights", "cherry blossom", "liberal democratic party", "self-defense forces",
    "nuclear power plant", "interest rates",
]
JA_FUNCTION = "の に は を が と で た し て も な から まで です ます した する いる こと ため など また".split()
JA_TOPICAL = (
    "日本 東京 政府 首相 地震 桜 夜桜 桜島 東京都 知事 東京都知事 選挙 経済 台風 津波 "
    "大阪 京都 警察 裁判 銀行 円安 観光 五輪 野球 原発 防衛 中国 韓国 米国 国会 "
    "北海道 沖縄 福島 広島 長崎 天皇 神社 祭り 火山 避難 半導体 鉄道 新幹線 ＡＩ 人工知能"
).split()
# Nouns of news text, from common to rare, for word queries on the real sentences.
JA_NEWS_WORDS = (
    "首相 政府 警察 選手 試合 監督 記者 会見 事件 番組 女優 結婚 映画 優勝 野球 代表 大会 発表 批判 放送 "
    "ネット 掲示板 韓国 中国 五輪 サッカー 芸能 事務所 ファン 引退 離婚 被害 原発 震災 復興 支援 経済 円高 株価"
).split()
SURNAMES = "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada".split()
GIVEN = "Haruto Yui Sota Hina Ren Aoi Yuto Mei Kaito Rin Takeshi Yoko".split()
SECTIONS_EN = ["politics", "business", "national", "world", "sports", "culture"]
SECTIONS_JA = ["政治", "経済", "社会", "国際", "スポーツ", "文化"]
OUTLETS_EN = ["japantimes", "mainichi", "kyodo", "japannews"]
OUTLETS_JA = ["asahi", "mainichi", "chunichi", "nhk", "yomiuri"]


def _vocab(rnd: random.Random, function: list[str], topical: list[str], tail: list[str]):
    """Words in rank order plus Zipf cumulative weights (s = 1.0)."""
    words = list(function)
    middle = topical + tail[: 2000 - len(topical)]
    rnd.shuffle(middle)
    words += middle + tail[2000 - len(topical) :]
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, list(accumulate(weights))


def _en_tail(rnd: random.Random, n: int) -> list[str]:
    syll = "ka ri to mo na shi ben tor al ex ver pro con ment ing er lan dis cor pal sen tri ob".split()
    out = set()
    while len(out) < n:
        out.add("".join(rnd.choices(syll, k=rnd.randint(2, 4))))
    return sorted(out)


def _ja_tail(rnd: random.Random, n: int) -> list[str]:
    kanji = [chr(c) for c in rnd.sample(range(0x4E00, 0x9FA0), 2500)]
    kata = [chr(c) for c in range(0x30A2, 0x30F3)]
    out = set()
    while len(out) < n:
        if rnd.random() < 0.9:
            out.add("".join(rnd.choices(kanji, k=rnd.choice((2, 2, 2, 3, 4)))))
        else:
            out.add("".join(rnd.choices(kata, k=rnd.randint(3, 6))) + "ー" * rnd.randint(0, 1))
    return sorted(out)


SEARCH_JA = Path(__file__).resolve().parent.parent.parent / "shared" / "search-ja" / "articles.jsonl"


def _ja_sentences() -> tuple[list[str], list[str]]:
    """Real Japanese sentences and headlines from ../shared/search-ja (read, never
    copied), so the analyzer meets news text; empty when the collection is absent."""
    import json

    if not SEARCH_JA.exists():
        return [], []
    sentences, titles = [], []
    with open(SEARCH_JA, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a.get("language") != "ja":
                continue
            titles.append(a.get("title") or "")
            for para in a.get("body") or []:
                sentences += [s + "。" for s in para.split("。") if len(s) >= 8]
    return sentences, [t for t in titles if t]


class Generator:
    """Deterministic articles: article ``i`` is the same in every run (for resuming).

    Japanese articles are real sentences of ../shared/search-ja recombined (4-10
    paragraphs of 1-4 sentences) when it is there, else Zipf-distributed words."""

    def __init__(self, seed: int = 7):
        rnd = random.Random(seed)
        self.en_words, self.en_cum = _vocab(rnd, EN_FUNCTION, EN_TOPICAL + EN_PHRASES, _en_tail(rnd, 30000))
        self.ja_words, self.ja_cum = _vocab(rnd, JA_FUNCTION, JA_TOPICAL, _ja_tail(rnd, 30000))
        self.ja_sentences, self.ja_titles = _ja_sentences()
        self.seed = seed

    def article(self, i: int) -> dict:
        rnd = random.Random(self.seed * 1_000_003 + i)
        ja = rnd.random() < 0.5
        if ja:
            words, cum, outlets, sections = self.ja_words, self.ja_cum, OUTLETS_JA, SECTIONS_JA
            if self.ja_sentences:
                title = rnd.choice(self.ja_titles)
                body = ["".join(rnd.choices(self.ja_sentences, k=rnd.randint(1, 4))) for _ in range(rnd.randint(4, 10))]
            else:
                title = "".join(rnd.choices(words, cum_weights=cum, k=rnd.randint(8, 14)))
                body = [self._ja_paragraph(rnd) for _ in range(rnd.randint(4, 10))]
        else:
            words, cum, outlets, sections = self.en_words, self.en_cum, OUTLETS_EN, SECTIONS_EN
            title = " ".join(rnd.choices(words, cum_weights=cum, k=rnd.randint(6, 12))).capitalize()
            body = [self._en_paragraph(rnd) for _ in range(rnd.randint(6, 14))]
        published = NOW - timedelta(seconds=rnd.randint(0, SPAN_DAYS * 86400))
        return {
            "url": f"https://bench.example/{i}",
            "site": outlets[i % len(outlets)],
            "outlet": outlets[i % len(outlets)],
            "language": "ja" if ja else "en",
            "title": title,
            "published_at": published.isoformat(timespec="seconds"),
            "published_precision": 60,
            "authors": [f"{rnd.choice(GIVEN)} {rnd.choice(SURNAMES)}"],
            "section": rnd.choice(sections),
            "body": body,
            "fetched_at": NOW.isoformat(timespec="seconds"),
        }

    def _en_paragraph(self, rnd: random.Random) -> str:
        sentences = []
        for _ in range(rnd.randint(1, 3)):
            words = rnd.choices(self.en_words, cum_weights=self.en_cum, k=rnd.randint(12, 28))
            sentences.append(" ".join(words).capitalize() + ".")
        return " ".join(sentences)

    def _ja_paragraph(self, rnd: random.Random) -> str:
        sentences = []
        for _ in range(rnd.randint(1, 4)):
            words = rnd.choices(self.ja_words, cum_weights=self.ja_cum, k=rnd.randint(12, 30))
            if len(words) > 8:
                words.insert(rnd.randint(3, len(words) - 3), "、")
            sentences.append("".join(words) + "。")
        return "".join(sentences)


def build(path: Path, n: int) -> None:
    storage = Storage(path)
    have = storage.count()
    if have >= n:
        print(f"{path}: {have:,} articles already there (build skipped)")
        storage.close()
        return
    gen = Generator()
    print(f"{path}: building articles {have:,}..{n:,}", flush=True)
    t0 = time.perf_counter()
    done = 0
    chars = 0
    storing = 0.0
    for start in range(have, n, BATCH):
        batch = [gen.article(i) for i in range(start, min(n, start + BATCH))]
        chars += sum(len(a["title"]) + sum(map(len, a["body"])) for a in batch)
        t1 = time.perf_counter()
        storage.upsert_articles(batch)
        storing += time.perf_counter() - t1
        done += len(batch)
        if done % 50_000 < BATCH:
            rate = done / (time.perf_counter() - t0)
            print(f"  {have + done:,} articles, {rate:,.0f} articles/s", flush=True)
    elapsed = time.perf_counter() - t0
    print(
        f"build: {done:,} articles in {elapsed:,.0f} s = {done / elapsed:,.0f} articles/s with text generation, "
        f"{done / storing:,.0f} articles/s in Storage.upsert_articles alone "
        f"(mean {chars / done:,.0f} characters per article)"
    )
    storage.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/newscrawl-bench-1m-words.db")
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--repeat", type=int, default=5, help="timings per query (median is kept)")
    ap.add_argument("--verbose", "-v", action="store_true", help="print every query")
    ap.add_argument("--cpu", action="store_true", help="time with this thread's CPU clock instead of the wall clock")
    args = ap.parse_args(argv)
    global CPU_CLOCK
    CPU_CLOCK = args.cpu
    path = Path(args.db)
    build(path, args.articles)
    if args.build_only:
        return 0
    return run_queries(path, args)


def query_sets(gen: Generator, conn) -> dict[str, list[str]]:
    """Word and phrase queries as analysts type them, fixed for a given database."""
    rnd = random.Random(11)
    en_mid = gen.en_words[150:6000]
    ja_mid = JA_NEWS_WORDS if gen.ja_sentences else [w for w in gen.ja_words[150:6000] if len(w) >= 2]
    words = ["earthquake", "typhoon", "sakura", "tariff", "nintendo", "地震", "選挙", "台風", "新幹線", "半導体"]
    words += rnd.sample(en_mid, 15) + rnd.sample(ja_mid, 15)
    phrases = ['"prime minister"', '"bank of japan"', '"nuclear power plant"', '"cherry blossom"', "東京都知事", '"人工知能"']
    # Phrases taken from stored articles, so they exist: 2-3 consecutive words / 4-6 characters.
    for i in rnd.sample(range(min(conn.execute("SELECT max(rowid) FROM articles").fetchone()[0], 10**6)), 24):
        row = conn.execute("SELECT language, body FROM articles WHERE rowid = ?", (i + 1,)).fetchone()
        if not row:
            continue
        lang, body = row
        if lang == "en":
            toks = body.split()
            k = rnd.randrange(0, len(toks) - 3)
            phrases.append('"' + " ".join(t.strip(".,") for t in toks[k : k + rnd.choice((2, 3))]) + '"')
        else:  # two or three words in a row, cut where the analyzer cuts them
            from newscrawl.textindex import fold, spans

            text = fold(body[:400])
            words_at = [(a, b) for a, b, _, _ in spans(text)]
            k = rnd.randrange(0, max(1, len(words_at) - 3))
            n = rnd.choice((2, 3))
            phrases.append('"' + text[words_at[k][0] : words_at[min(len(words_at) - 1, k + n - 1)][1]] + '"')
    two_words = [f"{a} {b}" for a, b in zip(rnd.sample(en_mid[:800], 8), rnd.sample(EN_TOPICAL, 8))]
    return {"word": words, "phrase": phrases, "two words": two_words, "one kanji": ["桜", "震", "港"]}


def _time(fn, repeat: int) -> float:
    """Median milliseconds of ``repeat`` runs: wall clock, or with --cpu this
    thread's CPU time (SQLite runs in the calling thread), which other work on a
    shared machine does not inflate."""
    clock = time.thread_time if CPU_CLOCK else time.perf_counter
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return statistics.median(times) * 1000


CPU_CLOCK = False


def run_queries(path: Path, args) -> int:
    import sqlite3

    from newscrawl.search import QueryError, parse_query, search
    from newscrawl.search.fts import match_expr

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    total = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    print(f"\n{path}: {total:,} articles, {path.stat().st_size / 1e9:.1f} GB; times are medians of {args.repeat} runs, warm cache, {'CPU' if CPU_CLOCK else 'wall'} clock; load average {os.getloadavg()[0]:.1f}")
    sets = query_sets(Generator(), conn)
    summary = []
    for kind, queries in sets.items():
        ours, raw, rows = [], [], []
        for text in queries:
            pos, _ = match_expr(parse_query(text, NOW).groups, [])
            raw_sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20"
            conn.execute(raw_sql, (pos,)).fetchall()  # warm
            try:
                result = search(conn, text, now=NOW)
            except QueryError as e:
                print(f"  {kind:9} {text:28} refused: {e}")
                continue
            t_ours = _time(lambda: search(conn, text, now=NOW), args.repeat)
            t_raw = _time(lambda: conn.execute(raw_sql, (pos,)).fetchall(), args.repeat)
            matches = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (pos,)).fetchone()[0]
            ours.append(t_ours)
            raw.append(t_raw)
            rows.append((text, matches, result.total, t_ours, t_raw))
            if args.verbose:
                print(f"  {kind:9} {text:28} {matches:>8,} in index {result.total:>8,} in window  search {t_ours:7.1f} ms  raw {t_raw:7.1f} ms")
        if ours:
            m_ours, m_raw = statistics.median(ours), statistics.median(raw)
            p90 = sorted(ours)[int(0.9 * (len(ours) - 1))]
            summary.append(
                f"{kind:10} n={len(ours):3}  search median {m_ours:6.1f} ms (p90 {p90:6.1f})  "
                f"raw FTS5 median {m_raw:6.1f} ms  ratio {m_ours / m_raw if m_raw else float('nan'):4.1f}x  "
                f"median matches {statistics.median(r[1] for r in rows):,.0f}"
            )
    one_off = [_time(lambda: search(str(path), text, now=NOW), args.repeat) for text in sets["word"][:20]]
    summary.append(
        f"word, one-off search(path) as the CLI runs it (no in-memory dates, SQL join): "
        f"median {statistics.median(one_off):.1f} ms over {len(one_off)} queries"
    )
    t0 = time.perf_counter()
    from newscrawl.search import timeline

    timeline._CACHE.clear()
    timeline.Timeline.for_connection(conn)
    summary.append(f"loading publication times into memory (once per process and database change): {(time.perf_counter() - t0) * 1000:.0f} ms")
    t_browse = _time(lambda: search(conn, "", now=NOW), args.repeat)
    t_common = _time(lambda: search(conn, "the typhoon", now=NOW), args.repeat)
    print("\n" + "\n".join(summary))
    print(f"browse (no words, newest first in the window): {t_browse:.1f} ms")
    print(f"'the typhoon' (common word reported and skipped): {t_common:.1f} ms — notes: {search(conn, 'the typhoon', now=NOW, ui_lang='en').notes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
