"""Text as the full-text index sees it.

SQLite's unicode61 tokenizer splits on spaces and punctuation, which Japanese does
not have: a whole run of kanji and kana would become one token, so 地震 would never
match inside 宮崎県で震度5弱の地震があった. We do what CJK search engines do and
index every run of CJK characters as overlapping bigrams (地震があった -> 地震 震が
があ あっ った た); a query is turned into the same bigrams and searched as a phrase,
which matches exactly the articles containing that string. NFKC first, so ＡＩ and
AI, ｶﾀｶﾅ and カタカナ, １２ and 12 are the same token.
"""

from __future__ import annotations

import re
import unicodedata

# Kanji (incl. extension A and compatibility ideographs), hiragana, katakana,
# the prolonged sound mark and iteration marks.
CJK = "\u3005\u3006\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
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
