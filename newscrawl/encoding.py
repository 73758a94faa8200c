"""Page bytes -> text the way a browser reads them, plus what Japanese sites get wrong.

The order is a browser's: byte-order mark, the HTTP header's charset, the page's own
``<meta charset>`` (or XML declaration), then detection from the bytes. w3lib finds
the declarations; charset-normalizer, which knows Shift_JIS, EUC-JP and
ISO-2022-JP, does the detection (Scrapy's own fallback tries only UTF-8 and cp1252,
so an undeclared EUC-JP page came out as mojibake). Two kinds of declaration are
not believed, because Japanese sites get them wrong:

- one the bytes are not valid in (Shift_JIS served under ``<meta charset=utf-8>``);
- a 7-bit or Western one over bytes that are plainly Japanese: ISO-2022-JP escape
  sequences, or a page that only a Japanese encoding decodes (an Apache default of
  ``charset=iso-8859-1`` over a Shift_JIS page).

``Decoded.guessed`` says whether the encoding came from detection rather than a
declaration; the crawl stores both (``articles.encoding``, ``encoding_guessed``).
No Scrapy here: ``newscrawl extract`` uses it too.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

# ESC $ @, ESC $ B (JIS X 0208), ESC $ ( D / Q (JIS X 0212/0213): only ISO-2022-JP has them.
ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b$(D", b"\x1b$(Q", b"\x1b$(O")
# Declarations that any byte string satisfies, so they prove nothing about Japanese bytes.
WESTERN = {"cp1252", "latin_1", "iso8859-1", "ascii"}
JAPANESE = {"cp932", "shift_jis", "euc_jp", "euc_jis_2004", "euc_jisx0213", "iso2022_jp", "iso2022_jp_2",
            "iso2022_jp_2004", "iso2022_jp_3", "iso2022_jp_ext", "shift_jis_2004", "shift_jisx0213"}


class Decoded(NamedTuple):
    text: str
    encoding: str  # Python codec name: utf-8, cp932, euc_jis_2004, iso2022_jp…
    guessed: bool  # True: detected from the bytes; False: BOM or declaration


def decode_html(body: bytes, content_type: str | bytes | None = None) -> Decoded:
    """Decode an HTML page served with ``content_type`` (the HTTP header, if any)."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    bom, rest = read_bom(body)
    if bom:
        return Decoded(rest.decode(bom, errors="replace"), _name(bom), False)
    for declared in (http_content_type_encoding(content_type), html_body_declared_encoding(body)):
        if declared and _believable(body, declared):
            text = _mostly(body, declared)
            if text is not None:
                return Decoded(text, _name(declared), False)
            # not what the bytes are: the next declaration, or detection
    return detect(body)


def detect(body: bytes) -> Decoded:
    """The encoding the bytes themselves suggest: ISO-2022-JP by its escapes, UTF-8
    if valid, else charset-normalizer's best guess (UTF-8 with replacement at worst)."""
    if any(esc in body for esc in ISO2022_ESCAPES):
        for codec in ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2004"):
            try:
                return Decoded(body.decode(codec), codec, True)
            except UnicodeDecodeError:
                pass
        return Decoded(body.decode("iso2022_jp_ext", errors="replace"), "iso2022_jp_ext", True)
    text = _mostly(body, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", True)
    best = _best_guess(body)
    if best is not None:
        return Decoded(str(best), _name(best.encoding), True)
    return Decoded(body.decode("utf-8", errors="replace"), "utf-8", True)


def _believable(body: bytes, declared: str) -> bool:
    name = _name(declared)
    if name in JAPANESE:
        return True
    if any(esc in body for esc in ISO2022_ESCAPES):
        return False  # 7-bit ISO-2022-JP passes for ASCII or UTF-8
    if name in WESTERN and not body[:65536].isascii():
        best = _best_guess(body)
        return best is None or _name(best.encoding) not in JAPANESE
    return True


def _mostly(body: bytes, encoding: str) -> str | None:
    """``body`` decoded, when it is in ``encoding`` but for a stray bad byte or two (a
    page cut mid-character, one pasted symbol), as a browser shows it; else None."""
    try:
        return body.decode(encoding)
    except UnicodeDecodeError:
        text = body.decode(encoding, errors="replace")
        return text if text.count("\ufffd") <= max(2, len(text) // 2000) else None
    except LookupError:
        return None


def _best_guess(body: bytes):
    from charset_normalizer import from_bytes

    return from_bytes(body).best()


def _name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding
