"""Text as the full-text index sees it: words, not strings.

Japanese has no spaces. A morphological analyzer (SudachiPy with the
sudachidict_core dictionary, split mode A: the shortest units) cuts every run of
kanji and kana into words, and each word is indexed in its *normalized form*:
子ども, こども and 子供 are all 子供; 取組, 取組み and 取り組み are 取り組み; 食べた is
食べる + た; 附属 is 付属. Before analysis every text is folded (NFKC width and
case; old and variant kanji to their common forms, 澤→沢, 國→国, 髙→高), and each
word's katakana to hiragana, so ジャパン and じゃぱん are one word.

Words, because a string match crosses word boundaries: 京都 inside 東京都 (東京/都),
パン inside ジャパン, 国会 inside 帰国会見 (帰国/会見). A phrase of words does not,
and compounds still match their parts: 東京都知事 is 東京/都/知事, so 知事 and 東京都
both find it.

*Parts*: a kanji inside a longer noun counts as that kanji where it keeps the
reading it has as a word of its own: 株 (かぶ) in 株価 (かぶか) and 新株, 夜桜
(よざくら) has 桜, but 雪辱 (せつじょく) has no 雪. Names have no parts, nor do
words the dictionary also knows as names (小雪 the actress): 美雪 is not about
snow. Katakana written together is one compound (パンパシフィック is not パン)
whose longer ends are parts (サッカーワールドカップ has ワールドカップ), and two
verbs in 連用形 that spell a noun give it (取り組み、 is 取る + 組む, and the noun
取り組み). Parts follow the words of their field, so they never join a phrase.

Latin script and digits take their own path: words split where letters meet
digits (AKB48 -> akb 48, so AKB finds it and AKB48 is the phrase), decimals whole
(1.1, never the 1-1 of a score), thousands separators dropped (1,000 -> 1000),
diacritics removed, English stemmed with Snowball (ministers -> minist; news stays
news, which Porter made new). Kanji numerals are numbers too (十三 -> 13).

*Grams*: the kanji and katakana are also indexed as overlapping bigrams in a
column of their own, marked with ``GRAM`` so they never meet a word. They are the
fallback for a term no word matches (say a name the dictionary cuts another way);
search ranks such matches below word matches and never highlights them as words.

``index_fields`` (documents) and ``query_words`` (queries) are the two halves of one
contract: an index built with other rules must be rebuilt (``newscrawl reindex``).
``signature()`` names the rules and the dictionary; storage keeps it with the index.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jaconv

RULES = 4  # bump when index_fields changes what it writes

# Kanji (incl. extensions A-F, compatibility ideographs, 〇), hiragana, katakana,
# the prolonged sound mark and iteration marks. The katakana middle dot ・ and
# the double hyphen ゠ are punctuation: they end a run, as they end a word.
CJK = (
    "\u3005-\u3007\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002ebef\U0002f800-\U0002fa1f"
)
CJK_RUN = re.compile(f"[{CJK}]+")
KANJI = re.compile("[\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U0002f800-\U0002fa1f]")
SHORT_RUN = 12  # runs this short are cached whole
GRAM = "ǂ"  # marks a bigram token; a letter to SQLite's tokenizer, in no Japanese or English word

# Old (旧字体) and variant (異体字) kanji -> the common form: the old forms of the
# 常用漢字表 and the variants usual in names (髙 﨑 邉 嶋 峯 ...). One character for
# one, so offsets survive folding.
OLD = (
    "亞惡壓圍爲醫壹稻飮隱營榮衞驛圓艷鹽奧應歐毆穩假價畫會壞懷繪擴殼覺學嶽樂勸卷歡罐觀關陷巖顏歸氣龜僞戲犧舊據擧峽挾狹曉區驅勳"
    "徑惠溪經繼莖螢輕鷄藝缺儉劍圈檢權獻縣險顯驗嚴效廣恆鑛號國黑濟碎齋劑櫻雜參慘棧蠶贊殘絲齒兒辭濕實舍寫釋壽收從澁獸縱肅處緖敍"
    "奬將燒稱證乘剩壤孃條淨疊穰讓釀囑觸寢愼晉眞盡圖粹醉隨髓數樞聲靜齊攝竊專戰淺潛纖踐錢禪雙壯搜插爭總聰莊裝騷增藏臟卽屬續墮體"
    "對帶滯臺瀧擇澤單擔膽團彈斷癡遲晝蟲鑄廳聽敕鎭遞鐵轉點傳黨盜燈當鬪德獨讀屆繩貳惱腦霸廢拜賣麥發髮拔蠻祕濱甁拂佛竝變邊辨瓣辯"
    "舖步寶豐每沒飜萬滿默彌譯藥與豫餘譽搖樣謠來賴亂覽龍兩獵綠壘淚勵禮隸靈齡戀爐勞樓郞祿錄灣黃靑淸曾穗瀨邉髙﨑嶋嶌峯舘冨槇桒凜"
    "𠮷晧"
)
NEW = (
    "亜悪圧囲為医壱稲飲隠営栄衛駅円艶塩奥応欧殴穏仮価画会壊懐絵拡殻覚学岳楽勧巻歓缶観関陥巌顔帰気亀偽戯犠旧拠挙峡挟狭暁区駆勲"
    "径恵渓経継茎蛍軽鶏芸欠倹剣圏検権献県険顕験厳効広恒鉱号国黒済砕斎剤桜雑参惨桟蚕賛残糸歯児辞湿実舎写釈寿収従渋獣縦粛処緒叙"
    "奨将焼称証乗剰壌嬢条浄畳穣譲醸嘱触寝慎晋真尽図粋酔随髄数枢声静斉摂窃専戦浅潜繊践銭禅双壮捜挿争総聡荘装騒増蔵臓即属続堕体"
    "対帯滞台滝択沢単担胆団弾断痴遅昼虫鋳庁聴勅鎮逓鉄転点伝党盗灯当闘徳独読届縄弐悩脳覇廃拝売麦発髪抜蛮秘浜瓶払仏並変辺弁弁弁"
    "舗歩宝豊毎没翻万満黙弥訳薬与予余誉揺様謡来頼乱覧竜両猟緑塁涙励礼隷霊齢恋炉労楼郎禄録湾黄青清曽穂瀬辺高崎島島峰館富槙桑凛"
    "吉皓"
)
_VARIANTS = str.maketrans(OLD, NEW)

# Latin-script words and numbers: a lone decimal stays whole (1.1, not 2025.01.14),
# thousands are grouped by commas, letters and digits part.
_LATIN = re.compile(
    r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.])\d+\.\d+(?![.\d])|\d+|[^\W\d_]+"
)
_VOICED = str.maketrans(
    "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔ", "かきくけこさしすせそたちつてとはひふへほはひふへほう"
)


def fold(text: str | None) -> str:
    """Width, case and kanji variants folded, the same way for documents and queries."""
    return unicodedata.normalize("NFKC", text or "").lower().translate(_VARIANTS)


normalize = fold  # the name other modules know it by


def kana(text: str) -> str:
    """Katakana as hiragana (ジャパン -> じゃぱん); the prolonged mark stays."""
    return jaconv.kata2hira(text)


def has_cjk(text: str) -> bool:
    return CJK_RUN.search(text) is not None


# -- Latin script -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def latin_word(word: str) -> str:
    """One folded Latin-script word or number as indexed."""
    if word[0].isdigit():
        return word.replace(",", "")
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return _stemmer().stemWord(word)


def latin_words(folded: str) -> list[str]:
    words = _LATIN.findall(folded)
    if not words:
        return words
    if folded.isascii() and not any(w[0].isdigit() for w in words):
        return _stemmer().stemWords(words)  # one call for a whole English paragraph
    return [latin_word(w) for w in words]


# -- Japanese -----------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """What the index keeps of one dictionary word."""

    token: str  # folded normalized form; "" for punctuation and symbols
    reading: str  # in hiragana
    parts: tuple[str, ...] = ()
    katakana: bool = False  # written in katakana alone: joins its neighbours into one compound
    stem: str = ""  # a verb's 連用形 as written (取り): with the next one it may spell a noun (取り組み)


class Analyzer:
    """SudachiPy in split mode A, with what the index needs of each word cached by
    its dictionary id (one tokenizer per thread: Datasette searches in several)."""

    def __init__(self):
        from sudachipy import Dictionary, SplitMode

        self.dictionary = Dictionary(dict="core")
        self._mode = SplitMode.A
        self._local = threading.local()
        self._entries: dict[int, Entry | None] = {}  # None: an unknown word, read from its surface
        self._pos: dict[int, tuple[bool, bool]] = {}  # pos id -> (skipped, proper)
        self._kanji: dict[str, str] = {}
        self._nouns: dict[str, str] = {}
        self._runs: dict[str, tuple[list[str], list[str]]] = {}  # short runs recur: 日, 人, 年, によると

    @property
    def tokenizer(self):
        tok = getattr(self._local, "tok", None)
        if tok is None:
            tok = self._local.tok = self.dictionary.tokenizer(self._mode)
        return tok

    def _pos_kind(self, pos_id: int) -> tuple[bool, bool, bool, bool]:
        """(skipped, a common noun, a name, a verb in 連用形) for a part of speech."""
        kind = self._pos.get(pos_id)
        if kind is None:
            pos = self.dictionary.pos_of(pos_id)
            kind = self._pos[pos_id] = (
                pos[0] in ("補助記号", "空白"),
                pos[0] == "名詞" and pos[1] != "固有名詞",
                pos[1] == "固有名詞",
                pos[0] == "動詞" and pos[5] == "連用形-一般",
            )
        return kind

    def entry(self, m) -> Entry:
        wid = m.word_id()
        e = self._entries.get(wid, 0)
        if e:
            return e
        skipped, noun, proper, renyo = self._pos_kind(m.part_of_speech_id())
        surface = m.surface()
        katakana = bool(_KATAKANA_WORD.fullmatch(surface))
        if e is None or m.is_oov():
            self._entries[wid] = None
            return Entry("" if skipped else _token(surface), kana(m.reading_form() or ""), katakana=katakana)
        normalized = m.normalized_form()
        if katakana and _KATAKANA_WORD.fullmatch(normalized) and _skeleton(normalized) != _skeleton(surface):
            normalized = surface  # ジャポン is not ジャパン: katakana keeps its own spelling but for ー, ィ, ヴ
        token = "" if skipped else _token(normalized)
        reading = kana(m.reading_form() or "")
        parts = ()
        if noun and not katakana and not self._also_a_name(surface):
            parts = self._parts(fold(normalized), reading)
        e = self._entries[wid] = Entry(token, reading, parts, katakana, fold(surface) if renyo else "")
        return e

    def _also_a_name(self, surface: str) -> bool:
        """Whether the dictionary also knows ``surface`` as a name (小雪 the actress)."""
        return any(m.part_of_speech()[1] == "固有名詞" for m in self.dictionary.lookup(surface))

    def _parts(self, form: str, reading: str) -> tuple[str, ...]:
        """The pieces of a word that keep, inside it, their reading as a word alone:
        each kanji, and each stretch of katakana of a mixed word (海パン). At the
        start, the word's reading starts with it; at the end, ends with it; inside,
        contains it (voicing aside: 夜桜 よざくら has 桜 さくら)."""
        if len(form) < 2 or not reading or not KANJI.search(form):
            return ()
        plain = reading.translate(_VOICED)
        out: list[str] = []
        for m in _PIECE.finditer(form):
            piece = m.group()
            alone = (self._kanji_reading(piece) if len(piece) == 1 and KANJI.match(piece) else kana(piece)).translate(_VOICED)
            if not alone or piece in out:
                continue
            if m.start() == 0:
                ok = plain.startswith(alone)
            elif m.end() == len(form):
                ok = plain.endswith(alone)
            else:
                ok = alone in plain
            if ok:
                out.append(kana(piece))
        return tuple(out)

    def _nominal(self, spelling: str) -> str:
        """The noun two verbs in 連用形 spell together (取り + 組み: 取り組み), or "".
        The short units of 取り組み、 (the verb) are 取る + 組む; the noun is one word."""
        noun = self._nouns.get(spelling)
        if noun is None:
            noun = next((_token(m.normalized_form()) for m in self.dictionary.lookup(spelling)
                         if m.part_of_speech()[0] == "名詞"), "")
            if len(self._nouns) > 100_000:
                self._nouns.clear()
            self._nouns[spelling] = noun
        return noun

    def _kanji_reading(self, ch: str) -> str:
        """How one kanji reads as a word by itself (雪 -> ゆき), as the analyzer reads it alone."""
        r = self._kanji.get(ch)
        if r is None:
            ms = self.tokenizer.tokenize(ch)
            r = kana(ms[0].reading_form() or "") if len(ms) == 1 else ""
            self._kanji[ch] = r
        return r

    def words(self, run: str) -> list[tuple[str, tuple[str, ...], int, int, Entry | None]]:
        """(token, parts, start, end, entry) for each word of a run of kanji and kana.

        Katakana words written together are one compound: one token, with the
        words that end or begin it as parts (ワールドカップ finds サッカーワールドカップ,
        ジャパン finds ジャパンカップ) when longer than two kana: a two-kana piece of
        a loanword is too often another word's (パン in パンパシフィック). Such a
        compound has no entry."""
        out: list = []
        group: list = []
        entries = self._entries
        for m in self.tokenizer.tokenize(run):
            e = entries.get(m.word_id()) or self.entry(m)
            if not e.token:
                continue
            if e.katakana:
                group.append((e, m.begin(), m.end()))
                continue
            if group:
                out.append(_compound(group))
                group = []
            out.append((e.token, e.parts, m.begin(), m.end(), e))
        if group:
            out.append(_compound(group))
        return out

    def tokens(self, run: str, words: list[str], parts: list[str]) -> None:
        """Append the word tokens and parts of a run of kanji and kana (what
        ``words`` gives, without offsets: the indexing fast path)."""
        if len(run) <= SHORT_RUN:
            cached = self._runs.get(run)
            if cached is None:
                w: list[str] = []
                p: list[str] = []
                self._tokens(run, w, p)
                if len(self._runs) > 200_000:
                    self._runs.clear()
                cached = self._runs[run] = (w, p)
            words += cached[0]
            parts += cached[1]
            return
        self._tokens(run, words, parts)

    def _tokens(self, run: str, words: list[str], parts: list[str]) -> None:
        entries = self._entries
        group: list = []
        stem = ""
        for m in self.tokenizer.tokenize(run):
            e = entries.get(m.word_id()) or self.entry(m)
            if not e.token:
                continue
            if stem and e.stem:
                noun = self._nominal(stem + e.stem)
                if noun:
                    parts.append(noun)
            stem = e.stem
            if e.katakana:
                group.append((e, 0, 0))
                continue
            if group:
                token, p, _, _, _ = _compound(group)
                words.append(token)
                parts += p
                group = []
            words.append(e.token)
            if e.parts:
                parts += e.parts
        if group:
            token, p, _, _, _ = _compound(group)
            words.append(token)
            parts += p


_KATAKANA_WORD = re.compile("[\u30a1-\u30fa\u30fc]+")
_PIECE = re.compile(f"{KANJI.pattern}|[\u30a1-\u30fa\u30fc]+")
_SKELETON = str.maketrans({"ー": None, "ぁ": "あ", "ぃ": "い", "ぅ": "う", "ぇ": "え", "ぉ": "お"})


def _skeleton(katakana: str) -> str:
    """A katakana spelling without what its variants differ in (ー, small vowels, ヴ)."""
    h = kana(katakana)
    for v, b in (("ゔぁ", "ば"), ("ゔぃ", "び"), ("ゔぇ", "べ"), ("ゔぉ", "ぼ"), ("ゔ", "ぶ")):
        h = h.replace(v, b)
    return h.translate(_SKELETON)


def _compound(group: list) -> tuple:
    if len(group) == 1:
        e, s, t = group[0]
        return e.token, e.parts, s, t, e
    tokens = [e.token for e, _, _ in group]
    ends = ["".join(tokens[i:]) for i in range(1, len(tokens))] + ["".join(tokens[:i]) for i in range(1, len(tokens))]
    return "".join(tokens), tuple(p for p in ends if len(p) > 2), group[0][1], group[-1][2], None


def _token(form: str) -> str:
    """A normalized form as one index token: folded, katakana as hiragana, and only
    characters SQLite's tokenizer keeps inside a token."""
    t = kana(fold(form))
    if any(not (unicodedata.category(c)[0] in "LN" or c == ".") for c in t):
        t = "".join(c for c in t if unicodedata.category(c)[0] in "LN" or c == ".")
    return t


_ANALYZER: Analyzer | None = None
_LOCK = threading.Lock()


def analyzer() -> Analyzer:
    """The analyzer, loaded once (the dictionary takes a moment)."""
    global _ANALYZER
    if _ANALYZER is None:
        with _LOCK:
            if _ANALYZER is None:
                _ANALYZER = Analyzer()
    return _ANALYZER


@lru_cache(maxsize=1)
def signature() -> str:
    """The rules and the dictionary an index was built with; another means reindex."""
    from importlib.metadata import version

    return f"rules {RULES}; sudachipy {version('sudachipy')}; sudachidict_core {version('sudachidict_core')}"


# -- documents ----------------------------------------------------------------------

def field_tokens(text: str | None) -> str:
    """A field (title or body) as the index stores it: its words in order, then
    the parts of its compounds (each once)."""
    return _field(fold(text))[0]


def _field(folded: str) -> tuple[str, list[str]]:
    """(words then parts, the runs of kanji and kana) of a folded field."""
    if not folded:
        return "", []
    out: list[str] = []
    parts: list[str] = []
    runs: list[str] = []
    pos = 0
    tokens = analyzer().tokens if CJK_RUN.search(folded) else None
    for run in CJK_RUN.finditer(folded):
        start = run.start()
        if start > pos:
            out += latin_words(folded[pos:start])
        text = run.group()
        runs.append(text)
        tokens(text, out, parts)
        pos = run.end()
    if pos < len(folded):
        out += latin_words(folded[pos:])
    if parts:
        out += dict.fromkeys(parts)
    return " ".join(out), runs


def gram_tokens(text: str | None) -> str:
    """The kanji and katakana of a text as overlapping bigrams, each stretch's last
    character alone (so one character can still be found as a prefix), each marked
    GRAM. Hiragana is left out: particles and endings (のは, ている) would be the
    largest lists in the index, and names and terms, what the fallback is for, are
    written in kanji and katakana."""
    return _grams(CJK_RUN.findall(fold(text)))


def _grams(runs: list[str]) -> str:
    found = _GRAM.findall("\n".join(runs))
    return kana(GRAM + (" " + GRAM).join(found)) if found else ""


# Kanji and katakana (and the marks that go with them): every CJK character but hiragana.
_STRONG = CJK.replace("\u3041-\u309f", "")
# At each position: the pair starting there, or the character alone where the
# stretch ends. Overlapping, so a lookahead.
_GRAM = re.compile(f"(?=([{_STRONG}][{_STRONG}]|[{_STRONG}](?![{_STRONG}])))")


def index_fields(title: str | None, body: str | None) -> tuple[str, str, str]:
    """(title, body, grams) as stored in the full-text index for one article."""
    title_words, title_runs = _field(fold(title))
    body_words, body_runs = _field(fold(body))
    return title_words, body_words, _grams(title_runs + body_runs)


# -- queries ------------------------------------------------------------------------

def query_words(term: str) -> list[tuple[str, ...]]:
    """A query term as the index's words: one tuple of alternatives per position,
    searched as a phrase. A one-word Japanese term also accepts its spellings that
    the index keeps apart: the kana of a name (桜 -> さくら, as in 横峯さくら), the
    form as typed. Readings only count when they come back to the same word, so
    地震 (じしん) never brings in 自信 or 自身."""
    folded = fold(term)
    positions: list[tuple[str, ...]] = []
    single: tuple | None = None
    pos = 0
    for run in CJK_RUN.finditer(folded):
        if run.start() > pos:
            positions += [(w,) for w in latin_words(folded[pos : run.start()])]
        words = analyzer().words(run.group())
        positions += [(w[0],) for w in words]
        if len(words) == 1:
            single = (words[0], kana(run.group()))
        pos = run.end()
    if pos < len(folded):
        positions += [(w,) for w in latin_words(folded[pos:])]
    if len(positions) == 1 and single:
        (token, _, _, _, entry), typed = single
        alternatives = [token, typed]
        if entry and entry.reading and entry.reading != token and _reads_back(entry.reading, token):
            alternatives.append(entry.reading)
        return [tuple(dict.fromkeys(alternatives))]
    return positions


def _reads_back(spelling: str, token: str) -> bool:
    """Whether ``spelling`` alone is analyzed as the word ``token``."""
    words = analyzer().words(spelling)
    return len(words) == 1 and words[0][0] == token


def query_grams(term: str) -> tuple[list[str], bool]:
    """A term as consecutive GRAM tokens for the fallback, and whether the last is a
    prefix. Where the term ends in kanji or katakana the text may go on (東京 in
    東京都), so its last character alone is left out, or, alone, is a prefix."""
    runs = CJK_RUN.findall(fold(term))
    if len(runs) != 1:
        return [], False
    found = _GRAM.findall(runs[0])
    if not found:
        return [], False
    prefix = False
    if re.match(f"[{_STRONG}]", runs[0][-1]):
        if len(found) == 1:
            prefix = True
        else:
            found = found[:-1]
    return [GRAM + kana(g) for g in found], prefix


def spans(folded: str, start: int = 0, end: int | None = None):
    """(start, end, token, parts) of the words in ``folded[start:end]``, with
    offsets into ``folded``: for marking hits in text."""
    end = len(folded) if end is None else end
    pos = start
    for run in CJK_RUN.finditer(folded, start, end):
        if run.start() > pos:
            yield from _latin_spans(folded, pos, run.start())
        base = run.start()
        for token, parts, s, t, _ in analyzer().words(run.group()):
            yield base + s, base + t, token, parts
        pos = run.end()
    if pos < end:
        yield from _latin_spans(folded, pos, end)


def _latin_spans(folded: str, start: int, end: int):
    for m in _LATIN.finditer(folded, start, end):
        yield m.start(), m.end(), latin_word(m.group()), ()
