"""A romanized Japanese word (sakura, neko) as the Japanese spellings it stands for.

    readings("sakura") -> Readings(kana="さくら", words=("桜",))

The word must be well-formed Hepburn romaji (it converts to kana and back to the
same letters: "trump" does not) and its kana must be a word of the dictionary.
Only nouns count, so "made" is not the particle まで. When the kana is several
words (jishin: 地震, 自信, 自身) none is chosen: the search stays with the kana
spellings and offers the words as suggestions. Whether a reading is searched at
all is the engine's call (see ``engine._Search._romaji``): a word the collection
uses more in English than in Japanese is English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jaconv

from newscrawl.textindex import _token, analyzer, kana

MIN_LETTERS = 4  # "age", "one", "ten" are English far more often than あげ, おね, てん


@dataclass(frozen=True)
class Readings:
    kana: str  # hiragana spelling
    words: tuple[str, ...]  # the nouns it spells, in their normalized form

    @property
    def katakana(self) -> str:
        return jaconv.hira2kata(self.kana)

    @property
    def ambiguous(self) -> bool:
        return len(self.words) > 1

    def tokens(self) -> tuple[str, ...]:
        """Index tokens to search: the kana, and the word when there is one."""
        return tuple(dict.fromkeys([kana(self.kana)] + ([_token(self.words[0])] if len(self.words) == 1 else [])))

    def spellings(self) -> list[str]:
        """What the reader is told was searched: さくら 桜 サクラ."""
        return list(dict.fromkeys([self.kana] + (list(self.words) if not self.ambiguous else []) + [self.katakana]))


@lru_cache(maxsize=4096)
def readings(word: str) -> Readings | None:
    w = word.lower()
    if len(w) < MIN_LETTERS or not re.fullmatch(r"[a-z']+", w):
        return None
    hepburn = re.sub(r"m(?=[bpm])", "n", w)  # shimbun = shinbun
    hira = jaconv.alphabet2kana(hepburn)
    if not re.fullmatch("[\u3041-\u3096\u30fc]+", hira) or jaconv.kana2alphabet(hira).replace("'", "") != hepburn.replace("'", ""):
        return None
    an = analyzer()
    words = []
    for spelling in (hira, jaconv.hira2kata(hira)):
        for m in an.dictionary.lookup(spelling):
            pos = m.part_of_speech()
            if pos[0] == "名詞" and pos[1] in ("普通名詞", "固有名詞"):
                words.append(m.normalized_form())
    words = list(dict.fromkeys(w for w in words if w not in (hira, jaconv.hira2kata(hira))))
    if not words and not any(m.part_of_speech()[0] == "名詞" for m in an.dictionary.lookup(hira)):
        return None
    return Readings(hira, tuple(words))
