"""Photo captions and their credits: "whose photo is it?"

A credit is the photographer or the agency that took the picture; it leaves the
caption and goes to ``credit``, kept exactly as printed (full width stays full width):
- ``…＝ＡＰ``, ``…＝共同``, ``…＝ロイター``             -> ＡＰ / 共同 / ロイター
- ``…＝13日、東京・霞ケ関で（潟沼義樹撮影）``          -> 潟沼義樹, caption keeps ``＝13日、東京・霞ケ関で``
- ``…＝東京都千代田区で2025年1月14日、山田太郎撮影``   -> 山田太郎, caption keeps place and date
- ``…（代表撮影）``                                     -> 代表 (a pool photographer)
- ``…＝大津市で（撮影・森田健）``, ``…（写真・山田太郎）``   -> 森田健, 山田太郎
- ``…（Ｃ）共同通信社``, ``© AFP``                     -> 共同通信社, AFP
- ``… in Washington on Jan. 21, 2025. (Kyodo)``        -> Kyodo
- ``(Mainichi/Taro Yamada)``, ``(AP Photo/Eugene Hoshiko)``, ``Photo: AFP``, ``… | KYODO``
A source that merely provided the picture (``（警視庁提供）``, ``(Courtesy of …)``)
is part of what the caption says, not a credit: it stays, and ``credit`` stays empty.
A credit the parser found in its own element (The Yomiuri Shimbun) is kept as given.
"""

from __future__ import annotations

import re

from newscrawl.guarded import Guarded
from pipelines.base import NormalizerPipeline
from pipelines.names import agency_name

BAD_IMAGE = "newscrawl/normalize/bad_image"
TAIL = 160  # characters at a caption's end that may hold its credit

# Credits printed after ＝ that are agencies or pool photographers, in either width.
JA_CREDITS = {
    "共同", "時事", "ロイター", "ＡＰ", "AP", "ＡＦＰ", "AFP", "ＥＰＡ", "EPA", "ＵＰＩ", "UPI", "新華社", "聯合",
    "ゲッティ", "ゲッティイメージズ", "ブルームバーグ", "代表", "代表撮影", "ＡＦＰ時事", "AFP時事", "ＡＰ共同", "ロイター共同",
    "ＥＰＡ時事", "EPA時事", "共同通信社", "時事通信社", "タス", "ＡＮＴＡＲＡ",
}


# Patterns over the caption's end; the credit is group "credit", the caption what precedes the match.
# Each is searched only where the tail holds a character it needs ("撮影", "©", "사진").
JA_RULES = [
    Guarded(re.compile(r"\s*[（(][Cc©Ｃｃ][）)]\s*(?P<credit>[^（）()＝=]{1,30})$"), ("(", "（")),  # （Ｃ）共同通信社
    Guarded(re.compile(r"\s*©\s*(?P<credit>[^（）()＝=©]{1,30})$"), ("©",)),  # © AFP
    Guarded(re.compile(r"\s*[（(](?P<credit>[^（）()]{1,20}?)\s*撮影[）)]$"), ("撮影",)),  # （潟沼義樹撮影）, （代表撮影）
    Guarded(re.compile(r"\s*[（(](?:撮影|写真)\s*[・:：=＝/／]\s*(?P<credit>[^（）()]{1,20}?)[）)]$"), ("撮影", "写真")),  # （撮影・森田健）
    Guarded(re.compile(r"\s*[、,]\s*(?P<credit>[^、,＝=（）()\d０-９]{1,15}?)\s*撮影$"), ("撮影",)),  # ＝…で2025年1月14日、山田太郎撮影
    Guarded(re.compile(r"\s*[＝=]\s*(?P<credit>[^、,＝=（）()\d０-９]{1,15}?)\s*撮影$"), ("撮影",)),  # ＝山田太郎撮影
]
# Korean papers: "[사진 출처 = 현대건설]", "사진=BTC미디어", "<이종화 기자>", "[AP=연합뉴스]".
KO_RULES = [
    Guarded(re.compile(r"\s*\[?\s*사진\s*(?:출처|제공)?\s*=\s*(?P<credit>[^\[\]=]{1,30}?)\s*\]?$"), ("사진",)),
    Guarded(re.compile(r"\s*\[\s*(?P<credit>[^\[\]=]{1,20}=[^\[\]=]{1,20}?)\s*\]$"), ("[",)),  # [AP=연합뉴스]
    Guarded(re.compile(r"\s*<\s*(?P<credit>[^<>]{1,20}?)\s*기자\s*>$"), ("기자",)),
]
AGENCY_AFTER_EQUALS = Guarded(re.compile(r"\s*[＝=]\s*(?P<credit>[^＝=、,（）()]{1,20})$"), ("＝", "="))
LATIN_CREDIT = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ .&/-]{0,19}")
# "Photo" as captions print it before a credit, in the languages of the sites a crawl meets.
PHOTO_WORD = r"(?:photo(?:graph)?|picture|image|credit|foto|bild|bildquelle|quelle|crédit|crédito|kuva|zdjęcie|sumber|isithombe)s?"
# Where a match of "\s*" and one of those words may start: the search tries the words
# case-blind only there, not at every character of the caption.
PHOTO_WORD_START = r"(?=[\sbcfikpqsz])"
EN_RULES = [
    Guarded(re.compile(rf"\s*[(（]\s*{PHOTO_WORD}\s*[:：]\s*(?P<credit>[^()（）]{{1,60}}?)\s*[)）]$", re.I), (":", "：")),
    Guarded(re.compile(r"\s*[(（](?P<credit>(?:[^()（）]*?/[^()（）]+?|(?:photo|picture|image)\s+by\s+[^()（）]+?))[)）]$", re.I), (")", "）")),
    Guarded(re.compile(rf"{PHOTO_WORD_START}\s*{PHOTO_WORD}\s*:\s*(?P<credit>[^:()|]{{1,60}}?)\.?$", re.I), (":",)),
    re.compile(r"(?<=[.!?])\s*(?:photo|picture)s?\s+by\s+(?P<credit>[^:()|.]{1,60}?)\.?$", re.I),
    Guarded(re.compile(r"\s+[|｜]\s*(?P<credit>[^|｜]{1,60}?)$"), ("|", "｜")),  # "... | KYODO" (The Japan Times)
]
LABELLED = (EN_RULES[0], EN_RULES[2])  # the credit follows "Photo:"
PERSON_AFTER_SENTENCE = re.compile(r"[.!?]\s*[(](?P<credit>[A-Z][\w'-]+(?: [A-Z][\w'-]+){1,3})[)]$")
AGENCY_AFTER_SENTENCE = re.compile(r"(?<=[.!?。])\s+(?P<credit>[^\s.!?。][^.!?。()]{0,24})$")
LEADING_PHOTO = re.compile(r"^(?:photo|picture|credit)\s*:\s*(?P<credit>[^,.;:]{1,40}?)\s*[|/–—-]\s*", re.I)
TRAILING_PAREN = Guarded(
    re.compile(r"\s*(?:[(（](?P<credit>[^()（）]{1,40})[)）]|\s(?:--|—|–|-)\s*(?P<dashed>[^()（）—–-]{1,40}))$"),
    ("(", "（", "-", "—", "–"),
)
JA_CREDIT_AFTER_COMMA = re.compile(r"[、,]\s*(?P<credit>[^、,＝=（）()\s]{1,10})$")
# Picture agencies that sign a caption after its sentence with no brackets.
PHOTO_AGENCY = re.compile(r"(?:Getty Images|Shutterstock|iStock(?:photo)?|Alamy|AFLO|アフロ|EPA-EFE|Imago|Sipa)(?:\s*/\s*\S.*)?", re.I)
# Who may stand alone at the end, in parentheses or after a dash: a wire or a newspaper.
HOUSE_CREDIT = re.compile(r"\b(?:shimbun|news|press|times|mainichi|asahi|yomiuri|sankei|nikkei|photo)\b", re.I)


def split_credit(caption: str) -> tuple[str | None, str | None]:
    """A printed caption -> (caption without the credit, credit as printed)."""
    text = caption.strip()
    # Credits sit at the end: only the tail is searched, which keeps a long caption cheap.
    cut = max(len(text) - TAIL, 0)
    head, tail = text[:cut], text[cut:]
    for rule in JA_RULES:
        m = rule.search(tail)
        if m and _plausible(m.group("credit")):
            return _rest(head + tail[: m.start()]), m.group("credit").strip()
    for rule in KO_RULES:
        m = rule.search(tail)
        if m and "제공" not in m.group(0):
            return _rest(head + tail[: m.start()]), m.group("credit").strip()
    m = JA_CREDIT_AFTER_COMMA.search(tail)
    if m and m.group("credit") in JA_CREDITS and re.search("[＝=]", tail[: m.start()]):  # ＝ソウルで2025年1月18日、ＡＦＰ時事
        return _rest(head + tail[: m.start()]), m.group("credit")
    m = AGENCY_AFTER_EQUALS.search(tail)
    if m and _is_equals_credit(m.group("credit").strip()):
        return _rest(head + tail[: m.start()]), m.group("credit").strip()
    m = TRAILING_PAREN.search(tail)
    if m:  # (Kyodo), (AP), （ロイター）, (The Yomiuri Shimbun), — Reuters
        credit = (m.group("credit") or m.group("dashed")).strip()
        if agency_name(credit) or HOUSE_CREDIT.search(credit):
            return _rest(head + tail[: m.start()]), _strip_photo_by(credit)
    m = AGENCY_AFTER_SENTENCE.search(tail)
    if m and (agency_name(m.group("credit")) or PHOTO_AGENCY.fullmatch(m.group("credit").strip())):
        # "… 연설하고 있다. 연합뉴스", "… on Saturday. Getty Images"
        return _rest(head + tail[: m.start()]), m.group("credit").strip()
    m = PERSON_AFTER_SENTENCE.search(tail)
    if m:  # "... on Jan. 10. (Hanako Sample)": a photographer credited after the sentence
        return _rest(head + tail[: m.start() + 1]), m.group("credit")
    for rule in EN_RULES:
        m = rule.search(tail)
        # "(Courtesy of X)" is what the caption says; "(Photo: X. Courtesy of Y)" is a credit.
        if m and _plausible(m.group("credit")) and (rule in LABELLED or not _courtesy(m.group("credit"))):
            return _rest(head + tail[: m.start()]), _strip_photo_by(m.group("credit"))
    m = LEADING_PHOTO.match(text)
    if m:
        return _rest(text[m.end():]), m.group("credit").strip()
    return _rest(text), None


def _is_equals_credit(credit: str) -> bool:
    """＝ＡＰ and ＝共同 are credits; ＝同国で2019年5月 and ＝本人提供 are not."""
    if credit in JA_CREDITS or agency_name(credit):
        return True
    if "提供" in credit:
        return False
    # An unknown Latin name (＝ＤＰＡ, =Bloomberg) is a wire; kanji after ＝ is a place or date.
    return bool(LATIN_CREDIT.fullmatch(credit))


def _plausible(credit: str) -> bool:
    credit = credit.strip()
    return 0 < len(credit) <= 60 and "提供" not in credit and not re.search(r"[。、]", credit)


def _courtesy(credit: str) -> bool:
    return bool(re.search(r"courtesy|provided|handout", credit, re.I))


def _strip_photo_by(credit: str) -> str:
    """"Photo by X", "Foto: X" -> X."""
    return re.sub(rf"^(?:(?:photo|picture|image)\s+by\s+|{PHOTO_WORD}\s*[:：]\s*)", "", credit.strip(), flags=re.I)


def _rest(text: str) -> str | None:
    text = text.strip().rstrip(" ,;:|–—、，")  # "…geben, Foto: LAT Images": the comma went with the credit
    return text or None


def normalize(adapter, stats) -> None:
    images = adapter.get("images")
    out = []
    for image in images if isinstance(images, (list, tuple)) else []:
        if isinstance(image, str):  # a bare URL
            image = {"url": image}
        if not isinstance(image, dict):
            stats.inc_value(BAD_IMAGE)
            continue
        out.append(normalize_image(image))
    adapter["images"] = out


def normalize_image(image: dict) -> dict:
    image = dict(image)
    caption = _text(image.get("caption"))
    credit = _text(image.get("credit"))
    if caption:
        # A credit printed in the caption leaves it even when the parser found one
        # in its own element: that one is kept, being the page's own credit field.
        caption, printed = split_credit(caption)
        credit = credit or printed
    image["url"] = _text(image.get("url"))
    image["caption"] = caption
    image["credit"] = credit
    return image


def _text(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


class CaptionPipeline(NormalizerPipeline):
    normalize = staticmethod(normalize)
