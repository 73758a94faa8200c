"""Text as the full-text index sees it.

SQLite's unicode61 tokenizer splits on spaces and punctuation, which Japanese does
not have: a whole run of kanji and kana would become one token, so 地震 would never
match inside 宮崎県で震度5弱の地震があった. We do what CJK search engines do and
index every run of CJK characters as overlapping bigrams (地震があった -> 地震 震が
があ あっ った た); a query is turned into the same bigrams and searched as a phrase,
which matches exactly the articles containing that string (東京都知事 does not match
東京都の知事: the bigram 都知 is missing). NFKC first, so ＡＩ and AI, ｶﾀｶﾅ and
カタカナ, １２ and 12 are the same token.

``query_parts`` is the other half of the contract: it turns a query term into the
token sequence ``index_text`` would have produced around it, so the two must change
together (and an index built with the old rules must be rebuilt).
"""

from __future__ import annotations

import re
import unicodedata

# Kanji (incl. extensions A-F, compatibility ideographs, 〇), hiragana, katakana,
# the prolonged sound mark and iteration marks. The katakana middle dot ・ and
# the double hyphen ゠ are punctuation: they end a run, as they end a word.
CJK = (
    "\u3005-\u3007\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002ebef\U0002f800-\U0002fa1f"
)
CJK_RUN = re.compile(f"[{CJK}]+")


def normalize(text: str) -> str:
    """Fold width and case the same way for documents and queries."""
    return unicodedata.normalize("NFKC", text or "").lower()


def bigrams(run: str) -> list[str]:
    """Overlapping bigrams, then the run's last character alone, so that a
    one-character query (桜) can match as the prefix ``桜*`` wherever it stands."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_text(text: str) -> str:
    """The string stored in the FTS table for ``text``."""
    return CJK_RUN.sub(lambda m: " " + " ".join(bigrams(m.group())) + " ", normalize(text))


def has_cjk(text: str) -> bool:
    return CJK_RUN.search(text) is not None


def query_parts(term: str) -> list[tuple[str, bool]]:
    """A query term as consecutive ``(text, is_prefix)`` parts for one FTS phrase.

    Each part's text is tokenized by FTS like a document; parts are joined with
    ``+`` (adjacent) and a prefix part gets ``*``. Where a CJK run sits decides its
    tokens, because the document may continue where the query stops:

    - a run that ends the term: its bigrams only (東京都知事 -> 東京 京都 都知 知事),
      since in the document the run may go on (東京都知事選) and the lone last
      character is only indexed where the document's run ends;
    - a run followed by more of the term (Latin text after it): exactly the
      document's tokens, last character included (技術AI -> 技術 術 ai);
    - a single character ending the term: a prefix (桜 -> 桜*), which finds it as
      the first character of any bigram or as a run's last character.
    """
    text = normalize(term)
    parts: list[tuple[str, bool]] = []
    pos = 0
    for m in CJK_RUN.finditer(text):
        if m.start() > pos:
            parts.append((text[pos : m.start()], False))
        run = m.group()
        at_end = not _has_token_chars(text[m.end() :])
        if len(run) == 1:
            parts.append((run, at_end))
        else:
            grams = bigrams(run)
            parts.append((" ".join(grams[:-1] if at_end else grams), False))
        pos = m.end()
    if pos < len(text):
        parts.append((text[pos:], False))
    return [(t, p) for t, p in parts if _has_token_chars(t)]


def _has_token_chars(text: str) -> bool:
    """Whether unicode61 would find a token in ``text`` (letters, numbers, marks)."""
    return any(unicodedata.category(c)[0] in "LNM" or c in "\u3005" for c in text)
