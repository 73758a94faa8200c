"""Snippets and titles with the matched words in ``<mark>``, from the original text.

The index holds folded, bigram-split text, so FTS5's own snippet() would show
"東京 京都 都知" instead of 東京都知事; we find the hits again in the article as
printed. A term becomes a regular expression over the NFKC-folded text: CJK runs
literally, Latin words as candidates sharing the start of the query word's stem,
confirmed with the index's own stemmer (so "elections" is marked for "election",
and "electric" is not). Spans map back to the original characters, and the text
between them is HTML-escaped piece by piece, so markup in an article can never
turn into markup on the page.
"""

from __future__ import annotations

import html
import re
import unicodedata

from newscrawl.search.fts import Vocabulary
from newscrawl.textindex import CJK, CJK_RUN, normalize

LATIN = f"[^\\W_{CJK}]"  # a token character that is not CJK (unicode61 word chars)
_LATIN_CHAR = re.compile(LATIN)
SEP = r"[\W_]*?"
SNIPPET_CHARS = 200


class Highlighter:
    def __init__(self, terms: list[str], vocab: Vocabulary):
        self.vocab = vocab
        self.patterns: list[tuple[re.Pattern, list[str]]] = []
        for term in terms:
            compiled = self._compile(term)
            if compiled:
                self.patterns.append(compiled)

    def _compile(self, term: str):
        text = normalize(term)
        pieces: list[str] = []
        stems: list[str] = []
        for m in re.finditer(f"[{CJK}]+|{LATIN}+", text):
            piece = m.group()
            if CJK_RUN.fullmatch(piece):
                pieces.append(re.escape(piece))
            else:
                stem = self.vocab.stem(piece) or piece
                # The stem minus its last letter starts every word with that stem
                # (Porter only rewrites endings): a cheap filter before confirming.
                head = stem[: max(1, min(len(stem) - 1, 4))]
                # No look-behind in front: a pattern that starts with literal text is
                # searched for as a string; the word boundary is checked in _candidates.
                pieces.append(f"({re.escape(head)}{LATIN}*)(?!{LATIN})")
                stems.append(stem)
        if not pieces:
            return None
        return re.compile(SEP.join(pieces)), stems

    def prime(self, texts: list[str]) -> None:
        """Stem every candidate word of ``texts`` in one batch (one round trip to
        the stemmer for a whole page of results instead of one per paragraph)."""
        words = [g for text in texts for m, _ in self._candidates(_fold(text)[0]) for g in m.groups() if g]
        if words:
            self.vocab.tokens(words)

    def _candidates(self, norm: str) -> list[tuple[re.Match, list[str]]]:
        return [
            (m, stems)
            for pattern, stems in self.patterns
            for m in pattern.finditer(norm)
            if m.end() > m.start() and not (m.start() and stems and _LATIN_CHAR.match(norm, m.start() - 1))
        ]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Sorted, merged (start, end) of the hits in ``text`` (original offsets)."""
        if not self.patterns or not text:
            return []
        norm, starts, ends = _fold(text)
        found: list[tuple[int, int]] = []
        candidates = self._candidates(norm)
        if any(stems for _, stems in candidates):
            self.vocab.tokens([g for m, _ in candidates for g in m.groups() if g])  # cached after prime()
        for m, stems in candidates:
            if all(self.vocab.stem(g) == s for g, s in zip(m.groups(), stems)):
                found.append((starts[m.start()], ends[m.end() - 1]))
        found.sort()
        merged: list[tuple[int, int]] = []
        for s, e in found:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        return merged

    def mark(self, text: str) -> str:
        """``text`` HTML-escaped with every hit in <mark>."""
        return _render(text or "", self.spans(text or ""), 0, len(text or ""))

    def snippet(self, paragraphs: list[str], size: int = SNIPPET_CHARS) -> str:
        """The passage with the most distinct hits, about ``size`` characters, marked."""
        best = None
        for para in paragraphs:
            spans = self.spans(para)
            if not spans:
                continue
            distinct = len({normalize(para[s:e]) for s, e in spans})
            if best is None or distinct > best[0]:
                best = (distinct, para, spans)
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
    """NFKC-lowercased text and, per folded character, the start and end of the
    original characters it came from. Folding goes by clusters (a character and
    its combining or half-width voicing marks), so ﾃﾞ folds to デ as a whole."""
    low = text.lower()
    if len(low) == len(text) and unicodedata.is_normalized("NFKC", text):
        return low, range(len(text)), range(1, len(text) + 1)  # type: ignore[return-value]
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _CLUSTER.finditer(text):
        f = unicodedata.normalize("NFKC", m.group()).lower()
        out.append(f)
        starts.extend([m.start()] * len(f))
        ends.extend([m.end()] * len(f))
    return "".join(out), starts, ends


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
