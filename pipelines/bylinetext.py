"""Byline patterns: printed text -> names, datelines and an agency. Pure functions.

Every function matches on NFKC-folded text (full-width brackets and spaces become
ASCII), returns a ``Found`` or None, and never raises on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.names import agency_name, fold, is_house_credit, restore_case


@dataclass
class Found:
    persons: list[str] = field(default_factory=list)
    houses: list[str] = field(default_factory=list)  # 毎日新聞, "Kyodo News": credits, not people
    datelines: list[str] = field(default_factory=list)
    agency: str | None = None

    def add_name(self, name: str) -> None:
        agency = agency_name(name)
        words = name.split()
        for n in (2, 1):  # "MARI YAMAGUCHI Associated Press": a reporter, then the wire
            if not agency and len(words) > n + 1 and agency_name(" ".join(words[-n:])):
                self.agency = self.agency or agency_name(" ".join(words[-n:]))
                name = " ".join(words[:-n]).rstrip(" ,")
                break
        if agency:
            self.agency = self.agency or agency
            self.houses.append(name)
        elif is_house_credit(name):
            self.houses.append(name)
        else:
            self.persons.append(name)

    def add_place(self, place: str | None) -> None:
        if place and place not in self.datelines:
            self.datelines.append(place)

    def merge(self, other: "Found | None") -> None:
        if other is None:
            return
        self.persons += other.persons
        self.houses += other.houses
        for p in other.datelines:
            self.add_place(p)
        self.agency = self.agency or other.agency

    def __bool__(self) -> bool:
        return bool(self.persons or self.houses or self.datelines or self.agency)


# -- Japanese ---------------------------------------------------------------------------

KANJI = "\u4e00-\u9fff\u3400-\u4dbf々〆ヶ"
KANA = "\u30a1-\u30fa\u30fc・"  # katakana, ー and the middle dot
JA_NAME = re.compile(rf"[{KANJI}][{KANJI}\u3041-\u3096]{{1,6}}|[{KANJI}]{{1,4}} [{KANJI}\u3041-\u3096]{{1,4}}")
KANA_NAME = re.compile(rf"[{KANA}]{{2,20}}")
PLACE = re.compile(rf"[{KANJI}{KANA}]{{1,14}}")
# Words that open a Japanese paragraph in 【】 but are labels, not reporters.
LABELS = {
    "速報", "独自", "詳報", "動画", "写真", "解説", "号外", "更新", "続報", "特集", "社説", "一問一答",
    "図解", "全文", "会見", "連載", "寄稿", "主張", "訂正", "追記", "関連", "要旨", "注目", "検証",
    "前編", "後編", "一覧", "画像", "映像", "写真特集", "動画あり", "記者会見", "深掘り", "論説",
    "評論", "書評", "社告", "告知", "募集", "緊急", "最新", "詳細", "中継", "質疑", "今日", "明日",
    "昨日", "概要", "年表", "用語", "論点", "視点", "識者", "談話", "声明", "お知らせ", "お詫び",
}
NOT_NAME_END = re.compile(r"(?:部|局|課|班|室|社|所|省|庁|県|府|都|市|町|村|区|党|院|報|集|説|会見|一覧)$")
# Known kanji places a reporter's name may follow with no separator (【北京林哲平】);
# katakana places need no list, the change of script marks the boundary.
KANJI_PLACES = sorted(
    "北京 上海 香港 台北 広州 大連 瀋陽 重慶 武漢 南京 杭州 成都 青島 天津 平壌 大阪 名古屋 福岡 札幌 仙台 "
    "那覇 広島 京都 神戸 横浜 東京 長野 新潟 金沢 静岡 岡山 松山 高松 熊本 鹿児島 長崎 大分 宮崎 秋田 盛岡 "
    "青森 山形 福島 水戸 宇都宮 前橋 さいたま 千葉 甲府 岐阜 津 大津 奈良 和歌山 鳥取 松江 山口 徳島 高知 "
    "佐賀 富山 福井 函館 旭川 釧路 北九州 堺 姫路 浜松 豊田 大垣 四日市 沖縄 石垣 宮古 台湾 韓国 中国 米国 英国 "
    "欧州 中東 国連 本社".split(),
    key=len,
    reverse=True,
)
JA_AGENCY_SUFFIX = ("共同通信", "共同", "時事通信", "時事")
DEPT = r"[^()\s、,]{1,15}?(?:部|局|班|室|支局|総局|センター|本部|編集委員|論説委員|委員|記者|特派員|デスク|キャップ)"

BRACKET = r"【([^【】]{1,60})】"
SIGNED_JA = re.compile(r"^\s*(?:取材・|写真と|写真・)?文\s*[・:=/]\s*([^\s、。]{2,12})\s*$")
LEAD_BRACKET = re.compile(r"^\s*" + BRACKET)
TAIL_BRACKET = re.compile(BRACKET + r"\s*$")
ONLY_BRACKET = re.compile(r"^\s*" + BRACKET + r"\s*$")
DEPT_PAREN = re.compile(rf"[(]({DEPT})[ ・/]*([^()]{{2,40}})[)]\s*$")
NAME_PAREN = re.compile(r"^\s*[(]([^()]{2,12})[)]\s*$")
TAIL_NAME_PAREN = re.compile(r"。\s*[(]([^()]{3,12})[)]\s*$")  # ...と話した。（佐藤太郎）
AGENCY_EQUALS = re.compile(r"=\s*(共同通信|共同|時事通信|時事)\s*$")  # ...と述べた。＝共同
AGENCY_PAREN = re.compile(rf"[(]([{KANJI}{KANA}]{{0,14}}?)\s*=?\s*(共同通信|共同|時事通信|時事|ロイター|AP|AFP|AFP時事|ロイター共同|AP共同)[)]\s*$")


def is_ja_name(name: str) -> bool:
    return (
        bool(JA_NAME.fullmatch(name))
        and name not in LABELS
        and not NOT_NAME_END.search(name)
        and not re.search(r"(?:部|局|班|室|委員|記者) ", name)  # 政治部 山田花子 is a desk and a name
    )


# What a signature says the person did, before the name: 記者, 文・, 文・写真, 取材・文＝,
# 写真と文 (文 only with its separator: 文野 is a name).
JA_ROLE_LABEL = re.compile(
    r"^(?:(?:取材・)?(?:文(?:[・と]写真)?|写真[・と]文)\s*[:・/=＝ \u3000]|(?:記者|筆者|執筆|取材|構成)\s*[:・/=＝]?)\s*"
)


def _clean_ja_name(name: str) -> str:
    name = JA_ROLE_LABEL.sub("", name.strip())
    return re.sub(r"\s*(?:記者|特派員|編集委員|論説委員|撮影|기자|특파원)$", "", name).strip()


def parse_bracket(inner: str) -> Found | None:
    """The inside of a 【】 byline: 【エルサレム松岡大地、カイロ金子淳】, 【ソウル=山田花子】,
    【ワシントン共同】, 【北京・林哲平】, 【木下翔太郎】. None when it is a label (【速報】)."""
    found = Found()
    for part in re.split(r"[、,]", inner):
        if not _bracket_part(part.strip(), found):
            return None
    return found or None


def _bracket_part(part: str, found: Found) -> bool:
    part = _clean_ja_name(part)  # 文・山田花子, 山田花子記者
    if not part:
        return False
    for suffix in JA_AGENCY_SUFFIX:  # 【ワシントン共同】, 【北京=時事】
        if part.endswith(suffix):
            place = part[: -len(suffix)].rstrip("=・ ")
            if place and not PLACE.fullmatch(place):
                return False
            found.add_place(place or None)
            found.agency = found.agency or agency_name(suffix)
            return True
    place, name = None, _clean_ja_name(part)
    if "=" in part:
        place, name = (s.strip() for s in part.split("=", 1))
        name = _clean_ja_name(name)
        ok = is_ja_name(name) or bool(KANA_NAME.fullmatch(name))
    elif "・" in part and not KANA_NAME.fullmatch(part):
        place, name = (s.strip() for s in part.rsplit("・", 1))
        name = _clean_ja_name(name)
        ok = is_ja_name(name)
    else:
        m = re.match(rf"([{KANA}]+)(.+)", part)
        if m:  # katakana place, then the name: エルサレム松岡大地
            place, name = m.group(1), _clean_ja_name(m.group(2))
        else:
            for known in KANJI_PLACES:
                if part.startswith(known) and is_ja_name(_clean_ja_name(part[len(known):])):
                    place, name = known, _clean_ja_name(part[len(known):])
                    break
        ok = is_ja_name(name)
    if not ok or (place is not None and not PLACE.fullmatch(place)):
        return False
    found.add_place(place)
    found.add_name(name)
    return True


def parse_dept(text: str) -> Found | None:
    """（経済部　高橋次郎）, （編集委員・山田太郎）, at the end of ``text``."""
    m = DEPT_PAREN.search(text)
    if not m:
        return None
    found = Found()
    for name in re.split(r"[、,]", m.group(2)):
        name = _clean_ja_name(name)
        if not is_ja_name(name):
            return None
        found.add_name(name)
    return found


def parse_ja_agency(text: str) -> Found | None:
    """（共同）, （ワシントン=共同）, （ロイター） at the end of ``text``."""
    m = AGENCY_PAREN.search(text)
    if not m:
        return None
    found = Found()
    found.add_place(m.group(1) or None)
    found.agency = agency_name(m.group(2))
    return found


# -- English ----------------------------------------------------------------------------

BY = re.compile(r"^\s*\(?\s*(?:japanese original )?by\s*[:]?\s+(.+?)\s*\)?\s*$", re.I | re.S)
COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(.+?)\s*$", re.I)
ROLE = re.compile(
    r"\b(?:staff|writers?|correspondents?|reporters?|editors?|contributors?|contributing|columnists?|"
    r"special|senior|chief|bureau|desk|photographers?|producers?|analysts?|members?|team)\b",
    re.I,
)
PARTICLES = frozenset("de da das do dos del della di du des la le van von der den ter bin binti al el".split())
# "and" as bylines print it in the languages of the sites a crawl meets (lower case only:
# "Y. Tanaka" keeps its initial).
AND_WORD = r"\b(?:and|und|og|och|et|y|e|en|i|ve|dan|és|и|και)\b"


def is_latin_name(name: str) -> bool:
    """Jane Doe, Émile Zola, Tôrtia Reimer-Johansen, Ludwig van Beethoven: capitalized
    words (any script's capitals), particles between them, at most five words."""
    words = name.split()
    if not 1 <= len(words) <= 5 or (words[0] in PARTICLES and len(words) > 3):
        return False  # "der Michel", "de Gaulle" are names; "de la mar del sur" is not
    return all(
        w in PARTICLES or (w[0].isupper() and re.fullmatch(r"[^\W\d_][\w'’.-]*", w)) for w in words
    )
DATELINE = re.compile(
    r"^\s*([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})"  # WASHINGTON, NEW YORK, KOBE
    r"(?:,\s*[A-Za-z][\w.]*(?: [\w.]+){0,2})?"  # , Jan. 21 / , Maine
    r"\s*(?:\(([^()]{2,40})\))?"  # (Kyodo)
    r"(?:\s*(?:--|—|–|―)|\s+-)(?:\s*\S|\s*$)"  # a lone hyphen needs a space: not TOKYO-based
)
# Indonesian papers: "Jakarta - …", "Jakarta (ANTARA) - …", "Jakarta, CNN Indonesia -- …",
# and the site's name first: "TEMPO.CO, Jakarta - …", "Liputan6.com, Jakarta - …".
TITLE_DATELINE = re.compile(
    r"^\s*(?:[A-Za-z0-9]+\.(?i:co|com|id|net|tv)[\w.]*,\s*)?([A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?\s*(?:\(([^()]{2,40})\))?\s*(?:--|\s[-–—])\s+(?=[A-Z])"
)
SITE_FIRST = re.compile(r"^\s*[A-Za-z0-9]+\.(?:co|com|id|net|tv)\b", re.I)
NOT_DATELINE = {"BREAKING", "UPDATE", "UPDATED", "PHOTO", "VIDEO", "EDITORIAL", "OPINION", "ANALYSIS",
                "EXCLUSIVE", "NOTE", "CORRECTION", "FILE", "WATCH", "LIVE", "PR", "AD", "Q", "A"}
EN_AGENCY_TAIL = re.compile(r"[(]([A-Za-z][A-Za-z .-]{1,25})[)]\s*$")


def parse_by(text: str) -> Found | None:
    """By TAKUYA KARUBE, Staff Writer; (By Takuya Karube); by A and B / Desk."""
    m = BY.match(text)
    if not m:
        return None
    return parse_names(m.group(1))


def parse_names(text: str) -> Found | None:
    """"Takeo Maeda and Tatsuya Tanoue / Yomiuri Shimbun Staff Writers" -> two people."""
    found = Found()
    who, _, credit = text.partition(" / ")
    if credit and agency_name(credit):
        found.agency = agency_name(credit)
    for seg in re.split(rf",|;|{AND_WORD}|&|、", who):
        seg = seg.strip(" .")
        if not seg:
            continue
        seg = re.sub(r"\s+in\s+[A-Z][\w .]*$", "", seg)  # "Jane Doe in Tokyo"
        if agency_name(seg):
            found.add_name(seg)
            continue
        name = restore_case(seg)  # people only: NHK stays NHK
        if ROLE.search(name):
            continue  # "Staff Writer", "Senior Correspondent"
        elif is_house_credit(name):
            found.add_name(seg)
        elif is_latin_name(name):
            found.add_name(name)
        elif is_ja_name(_clean_ja_name(name)) or KANA_NAME.fullmatch(name):
            found.persons.append(_clean_ja_name(name))
        else:
            return None
    return found or None


def parse_dateline(paragraph: str) -> Found | None:
    """WASHINGTON (Kyodo) -- ..., KOBE – ..., TOKYO, Jan. 21 (Reuters) - ...,
    Jakarta - ... (Indonesian papers write the place in title case)."""
    m = TITLE_DATELINE.match(paragraph) if SITE_FIRST.match(paragraph) else DATELINE.match(paragraph) or TITLE_DATELINE.match(paragraph)
    if not m or m.group(1) in NOT_DATELINE or len(m.group(1)) < 2:
        return None
    found = Found()
    found.add_place(m.group(1).strip(".-'"))
    if m.group(2):
        found.agency = agency_name(m.group(2))
    return found


# -- entry points -----------------------------------------------------------------------


def parse_byline(text) -> Found | None:
    """The ``byline`` field, as a parser found it in a byline element."""
    if not isinstance(text, str):
        return None
    text = fold(text)
    if not text or len(text) > 200:
        return None
    if agency_name(text):  # "Kyodo", "（共同）": the wire is also the credit
        found = Found()
        found.add_name(text.strip("()= "))
        return found
    m = re.fullmatch(rf"({DEPT})[ ・/]+(.+)", text)  # 政治部 山田花子
    if m:
        text = m.group(2)
    for rule in (body_only, parse_by, parse_bracket, parse_dateline, body_tail):
        found = rule(text)
        if found:
            return found
    if "。" in text or len(text) > 80:
        return None
    return parse_names(_clean_ja_name(text))


def body_lead(paragraph) -> Found | None:
    """A byline opening the first paragraph, which stays as printed:
    【ソウル=山田花子】..., WASHINGTON (Kyodo) -- ..."""
    if not isinstance(paragraph, str):
        return None
    text = fold(paragraph[:300])
    m = LEAD_BRACKET.match(text)
    if m:
        return parse_bracket(m.group(1))
    return parse_dateline(text)


def body_tail(paragraph) -> Found | None:
    """A byline closing a paragraph, which stays as printed: ...【エルサレム松岡大地】,
    ...（経済部　高橋次郎）, ...（共同）, ... (Kyodo), ...と話した。（佐藤太郎）."""
    if not isinstance(paragraph, str):
        return None
    text = fold(paragraph[-120:])
    m = TAIL_BRACKET.search(text)
    if m:
        return parse_bracket(m.group(1))
    found = parse_dept(text) or parse_ja_agency(text)
    if found:
        return found
    m = AGENCY_EQUALS.search(text)
    if m:
        return Found(agency=agency_name(m.group(1)))
    m = TAIL_NAME_PAREN.search(text)  # Asahi and regional papers sign the last paragraph
    name = _clean_ja_name(m.group(1)) if m else ""  # ...と話した。（佐藤太郎記者）
    if is_ja_name(name):
        found = Found()
        found.add_name(name)
        return found
    m = EN_AGENCY_TAIL.search(text)  # "... the ministry said. (Kyodo)"
    if m and agency_name(m.group(1)):
        return Found(agency=agency_name(m.group(1)))
    return None


# Who edited the story, closing it: "(rdp/imk)" (an Indonesian desk's initials), "（责编：李四）".
EDITOR_CODES = re.compile(
    r"^\s*\(\s*(?:[a-z]{2,4}(?:\s*/\s*[a-z]{2,4}){1,3}|(?i:责任编辑|责编|编辑|editor|editing)\s*[:：][^()]{1,40})\s*\)\s*$"
)
# A Korean paper's signature: place, name, title, perhaps the reporter's address.
KO_SIGNATURE = re.compile(
    r"^\s*(?:(?P<place>[가-힣]{1,8})\s*=\s*)?(?P<name>[가-힣]{2,4})\s*(?:선임|수석|인턴)?(?:기자|특파원)"
    r"(?:\s+[\w.+-]+@[\w.-]+)?\s*$"
)


def body_only(paragraph) -> Found | None:
    """A paragraph that is nothing but a byline, which leaves the body:
    (By Takuya Karube), 【エルサレム松岡大地】, （経済部　高橋次郎）, （山田太郎）, (Kyodo), JIJI."""
    if not isinstance(paragraph, str) or len(paragraph) > 120:
        return None
    text = fold(paragraph)
    m = ONLY_BRACKET.match(text)
    if m:
        return parse_bracket(m.group(1))
    if EDITOR_CODES.match(text):  # "(rdp/imk)": the desk's initials closing an Indonesian story
        return Found()
    m = KO_SIGNATURE.match(text)
    if m:  # 도쿄=김철수 특파원, 김철수 기자 kim@example.co.kr
        found = Found()
        found.add_place(m.group("place"))
        found.add_name(m.group("name"))
        return found
    m = SIGNED_JA.match(text)
    if m:  # 文・小林まどか, 取材・文=山田花子
        name = _clean_ja_name(m.group(1))
        if is_ja_name(name) or KANA_NAME.fullmatch(name):
            found = Found()
            found.add_name(name)
            return found
    m = COPYRIGHT.match(text)
    agency = agency_name(m.group(1) if m else text)  # "(Kyodo)", "JIJI", "© Kyodo"
    if agency:
        return Found(agency=agency)
    if text.startswith("(") and text.endswith(")"):
        if DEPT_PAREN.fullmatch(text):
            return parse_dept(text)
        found = parse_ja_agency(text)
        if found:
            return found
        m = NAME_PAREN.match(text)
        if m and "撮影" in m.group(1):
            return None  # （写真は山田太郎撮影）: who took the photo, not who wrote
        name = _clean_ja_name(m.group(1)) if m else ""  # （田中一郎記者）
        wire, _, person = name.partition(" ")
        if agency_name(wire) and is_ja_name(person):  # （共同通信　山田太郎）
            found = Found(agency=agency_name(wire))
            found.add_name(person)
            return found
        if is_ja_name(name) and len(name) >= 3:
            found = Found()
            found.add_name(name)
            return found
    # (By Takuya Karube); Mainichi's English edition: (Japanese original by A, Desk)
    if re.match(r"\(?\s*(?:japanese original )?by\b", text, re.I) and len(text) <= 100:
        return parse_by(text)
    return None
