"""Who a printed name is: a wire agency, a house credit, or a person.

Shared by the byline and caption pipelines. Agencies are stored under one English
name each (``Kyodo`` whether the page printed 共同, KYODO or Kyodo News) so that
articles from every outlet and language can be compared and faceted by agency.
Photo credits, on the other hand, are kept as printed (see pipelines/captions.py).
"""

from __future__ import annotations

import re

from newscrawl.timeparse import nfkc as fold  # the same width/space folding the time rules use

# Printed form (NFKC, lower case) -> the one name we store.
AGENCIES = {
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "共同": "Kyodo", "共同通信": "Kyodo", "共同通信社": "Kyodo",
    "jiji": "Jiji", "jiji press": "Jiji", "時事": "Jiji", "時事通信": "Jiji", "時事通信社": "Jiji",
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "reuters": "Reuters", "ロイター": "Reuters", "ロイター通信": "Reuters",
    "afp": "AFP", "afp-jiji": "AFP", "afp時事": "AFP", "ロイター共同": "Reuters", "ap共同": "AP",
    "bloomberg": "Bloomberg", "ブルームバーグ": "Bloomberg",
    "yonhap": "Yonhap", "聯合": "Yonhap", "聯合ニュース": "Yonhap", "연합뉴스": "Yonhap",
    "xinhua": "Xinhua", "新華社": "Xinhua",
    "antara": "Antara",
    "tass": "TASS", "タス": "TASS", "タス通信": "TASS",
    "upi": "UPI", "epa": "EPA", "dpa": "dpa",
}

# A name containing one of these is a publication, a desk or a role, not a person.
HOUSE_WORDS = re.compile(
    r"新聞|通信|日報|放送|デジタル|オンライン|編集|ニュース|日刊|電子版|ウェブ|NHK|Web\b|WEB\b|일보|신문|방송|뉴스|통신"
    r"|\b(?:Inc|Ltd|LLC|GmbH|Corp|Co)\b\.?"
    r"|\b(?:shimbun|news|times|press|japan|staff|editorial|desk|bureau|agency|media|digital|online|"
    r"magazine|daily|post|journal|herald|report|wire|service|nikkei|asahi|mainichi|yomiuri|sankei|"
    r"editors?|writers?|reporters?|correspondents?|admin|cms)\b",
    re.I,
)




def agency_name(text: str | None) -> str | None:
    """The stored name of the wire agency ``text`` prints, or None."""
    if not text:
        return None
    key = fold(text).strip(" .()=").lower()  # (AP), （共同）, ＝共同: NFKC made the brackets ASCII
    return AGENCIES.get(key)


def is_house_credit(name: str) -> bool:
    """毎日新聞, 朝日新聞デジタル, "Kyodo News", "MAINICHI": credits of an organization."""
    name = fold(name)
    if agency_name(name) or HOUSE_WORDS.search(name):
        return True
    # A single Latin word cannot be a person's full name: it is a masthead.
    return bool(re.fullmatch(r"[A-Za-z.&'-]+", name))


def restore_case(name: str) -> str:
    """TAKUYA KARUBE -> Takuya Karube; names printed in mixed case stay as they are."""
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters if c.isascii()) and any(c.isascii() for c in letters):
        return name.title()
    return name


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def name_key(name: str) -> str:
    return "".join(fold(name).split()).casefold()
