"""Snippets and titles with the matched words in ``<mark>``, from the original text.

The index holds normalized words, not text, so hits are found again in the article
as printed, by the same analysis: a word is marked where the analyzer finds that
word (子供 marks こども and 子ども; 京都 is not marked inside 東京都, which is 東京 +
都), a phrase where its words follow one another, a one-kanji term also where it
is a part of a compound (株 in 株価). Analysis is the costly step, so only
windows around candidate characters (a kanji or kana spelling of a query word)
and the Latin-script stretches are analyzed, in the few paragraphs with the most
candidates. Spans map back to the original characters, and the text between them
is HTML-escaped piece by piece, so markup in an article can never turn into
markup on the page.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata

import jaconv

from newscrawl.search.query import Term
from newscrawl.search.fts import last_is_prefix
from newscrawl.textindex import CJK_RUN, KANJI, OLD, _VARIANTS, has_cjk, kana, query_words, spans as word_spans

SNIPPET_CHARS = 200
WINDOW = 12  # characters of context on each side of a candidate, for the analyzer
LATIN_WINDOW = 40  # the same in Latin script: enough for the words of a phrase
MAX_WINDOWS = 40  # per text: bounds the analysis a very long paragraph can cost
PARAGRAPHS = 4  # paragraphs analyzed at most for the snippet, those with the most candidates


class Highlighter:
    def __init__(self, terms: list[Term]):
        self.singles: set[str] = set()  # one-word terms: any of these words (or parts)
        self.phrases: list[tuple[tuple[str, ...], bool]] = []  # several words in a row; the last a prefix?
        self.needles: set[str] = set()  # strings whose presence is worth analyzing around
        self.whole: set[str] = set()  # words as a query spelled them: where they are is likelier a hit
        for term in terms:
            positions = query_words(term.text)
            if len(positions) == 1:
                self.singles.update(positions[0])
                self.singles.update(term.also)
            elif positions:
                self.phrases.append((tuple(p[0] for p in positions), last_is_prefix(positions)))
            for token in [a for p in positions for a in p] + list(term.also):
                if not has_cjk(token):
                    # Snowball only rewrites endings: words with this stem start with it
                    # (less its last letter: happi is happy). Full width too (ＡＩ).
                    stem = token[:-1] if len(token) > 3 else token
                    self.needles.update((stem, jaconv.h2z(stem, ascii=True, digit=True)))
                elif KANJI.search(token):
                    self.needles.update(KANJI.findall(token))
                    self.whole.add(token)
                else:  # kana in either script, and half-width katakana (ﾃﾞｰﾀ)
                    kata = jaconv.hira2kata(token)
                    self.needles.update((token, kata, jaconv.z2h(kata, kana=True)))

        self._kinds = {n: has_cjk(n) for n in self.needles}

    @property
    def empty(self) -> bool:
        return not (self.singles or self.phrases)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Sorted, merged (start, end) of the hits in ``text`` (original offsets)."""
        if self.empty or not text:
            return []
        norm, starts, ends = _fold(text)
        found: list[tuple[int, int]] = []
        for a, b in self._regions(norm):
            self._match(list(word_spans(norm, a, b)), norm, found)
        merged: list[tuple[int, int]] = []
        for s, e in sorted((starts[s], ends[e - 1]) for s, e in found):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        return merged

    def _match(self, words: list, norm: str, found: list) -> None:
        """Hits among ``words`` (consecutive words of one region) into ``found``."""
        for i, (s, e, token, parts) in enumerate(words):
            if token in self.singles:
                found.append((s, e))
            elif parts:
                text = kana(norm[s:e])
                for part in self.singles.intersection(parts):
                    k = text.rfind(part)  # a compound's head ends it
                    if k >= 0:
                        found.append((s + k, s + k + len(part)))
            for phrase, prefix in self.phrases:
                n = len(phrase)
                if token != phrase[0] or len(words) < i + n:
                    continue
                got = [w[2] for w in words[i : i + n]]
                if got[:-1] == list(phrase[:-1]) and (got[-1].startswith(phrase[-1]) if prefix else got[-1] == phrase[-1]):
                    found.append((s, words[i + n - 1][1] if not prefix else words[i + n - 1][0] + len(phrase[-1])))

    def _regions(self, norm: str) -> list[tuple[int, int]]:
        """Stretches of ``norm`` worth analyzing: a window around each candidate,
        inside its run of kanji and kana, or of other script."""
        regions: list[tuple[int, int]] = []
        runs = [m.span() for m in CJK_RUN.finditer(norm)]
        run_starts = [a for a, _ in runs]
        windows = 0
        for needle, cjk in self._kinds.items():
            i = norm.find(needle)
            while i >= 0 and windows < MAX_WINDOWS:
                k = bisect.bisect_right(run_starts, i) - 1
                if cjk:
                    a, b = runs[k]
                    regions.append((max(a, i - WINDOW), min(b, i + len(needle) + WINDOW)))
                else:  # between the run before and the run after
                    a = runs[k][1] if k >= 0 else 0
                    b = runs[k + 1][0] if k + 1 < len(runs) else len(norm)
                    lo, hi = max(a, i - LATIN_WINDOW), min(b, i + len(needle) + LATIN_WINDOW)
                    while lo > a and norm[lo - 1].isalnum():  # whole words only
                        lo -= 1
                    while hi < b and norm[hi].isalnum():
                        hi += 1
                    regions.append((lo, hi))
                windows += 1
                i = norm.find(needle, i + len(needle))
        regions.sort()
        merged: list[tuple[int, int]] = []
        for a, b in regions:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        return merged

    def candidates(self, text: str) -> int:
        """How many candidates ``text`` has (cheap: no analysis, no NFKC)."""
        low = _variants(text.lower())
        return sum(low.count(n) for n in self.needles) + 10 * sum(low.count(w) for w in self.whole)

    def mark(self, text: str) -> str:
        """``text`` HTML-escaped with every hit in <mark>."""
        return _render(text or "", self.spans(text or ""), 0, len(text or ""))

    def snippet(self, paragraphs: list[str], size: int = SNIPPET_CHARS) -> str:
        """The passage with the most distinct hits, about ``size`` characters, marked."""
        best = None
        if not self.empty:
            # The paragraph with the most candidates is the one to show if its
            # candidates are hits; the next ones are analyzed only when not.
            counted = [(self.candidates(p), i) for i, p in enumerate(paragraphs)]
            for n, i in sorted(counted, key=lambda c: (-c[0], c[1]))[:PARAGRAPHS]:
                if not n:
                    break
                spans = self.spans(paragraphs[i])
                if spans:
                    best = (n, paragraphs[i], spans)
                    break
        if best is None:
            first = next((p for p in paragraphs if p.strip()), "")
            return _render(first, [], 0, min(len(first), size)) + ("…" if len(first) > size else "")
        _, para, spans = best
        if len(para) <= size:
            return _render(para, spans, 0, len(para))
        start = max(0, spans[0][0] - size // 4)
        if start and not CJK_RUN.match(para[start]):
            space = para.rfind(" ", 0, start + 1)
            start = space + 1 if space >= start - 20 and space >= 0 else start
        end = min(len(para), start + size)
        if end < len(para) and not CJK_RUN.match(para[end - 1]):
            space = para.rfind(" ", start, end)
            end = space if space > start + size // 2 else end
        return ("…" if start else "") + _render(para, spans, start, end) + ("…" if end < len(para) else "")


_CLUSTER = re.compile("(.[\u0300-\u036f\u3099\u309a\uff9e\uff9f]*)", re.S)


def _fold(text: str) -> tuple[str, list[int], list[int]]:
    """The text folded as the index folds it (``textindex.fold``) and, per folded
    character, the start and end of the original characters it came from. Folding
    goes by clusters (a character and its combining or half-width voicing marks),
    so ﾃﾞ folds to デ as a whole."""
    marks = _MARKS.search(text)
    if not marks:
        # Without combining marks NFKC only ever expands characters (㈱ -> (株)):
        # the same length means one character for one.
        low = unicodedata.normalize("NFKC", text).lower()
        if len(low) == len(text):
            return _variants(low), range(len(text)), range(1, len(text) + 1)  # type: ignore[return-value]
    pieces = _CLUSTER.findall(text) if marks else text
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for piece in pieces:
        f = _NFKC.get(piece)
        if f is None:
            f = unicodedata.normalize("NFKC", piece).lower()
            if len(_NFKC) < 50_000:
                _NFKC[piece] = f
        out.append(f)
        starts.extend([pos] * len(f))
        pos += len(piece)
        ends.extend([pos] * len(f))
    return _variants("".join(out)), starts, ends


def _variants(text: str) -> str:
    return text.translate(_VARIANTS) if _OLD_KANJI.search(text) else text


_OLD_KANJI = re.compile(f"[{re.escape(OLD)}]")
_MARKS = re.compile("[\u0300-\u036f\u3099\u309a\uff9e\uff9f]")
_NFKC: dict[str, str] = {}  # character (or cluster) -> folded


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out: list[str] = []
    pos = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    return "".join(out)
