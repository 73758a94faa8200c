"""The search pages' words, in Indonesian (the default: most analysts read it) and English.

Only interface text lives here; relative times come from the search function in the
same language (``ui_lang``), so a card reads "MAINICHI | 12 jam yang lalu".
"""

from __future__ import annotations

from datetime import timedelta

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

# (query value, how far back, Indonesian label, English label); None = all time.
RANGES = (
    ("1d", timedelta(days=1), "Maksimal 1 hari yang lalu", "Up to 1 day ago"),
    ("1w", timedelta(weeks=1), "Maksimal 1 minggu yang lalu", "Up to 1 week ago"),
    ("1m", timedelta(days=31), "Maksimal 1 bulan yang lalu", "Up to 1 month ago"),
    ("1y", timedelta(days=365), "Maksimal 1 tahun yang lalu", "Up to 1 year ago"),
    ("all", None, "Kapan saja", "Any time"),
)
DEFAULT_RANGE = "1y"

TEXTS = {
    "id": {
        "page_title": "Cari Berita",
        "tips": 'Tips : hindari kata umum dan gunakan double-quote untuk kata kunci yang fix, contoh "sakura"',
        "search": "Cari",
        "query_label": "Kata kunci",
        "range_label": "Rentang waktu",
        "outlet_label": "Media",
        "all_outlets": "Semua media",
        "language_label": "Bahasa artikel",
        "all_languages": "Semua bahasa",
        "heading": "Media Jepang",
        "results": "{total} artikel",
        "no_results": "Tidak ada artikel yang cocok.",
        "photo": "Foto",
        "detail": "Detail artikel",
        "original": "Baca di situs aslinya",
        "feed": "Langganan Atom untuk pencarian ini",
        "previous": "« Sebelumnya",
        "next": "Berikutnya »",
        "facets": "Saring hasil",
        "remove_filter": "hapus saringan",
        "other_language": "English",
        "authors": "Penulis",
        "dateline": "Lokasi berita",
        "agency": "Kantor berita",
        "section": "Rubrik",
        "published": "Terbit",
        "updated": "Diperbarui",
        "images": "Foto",
        "credit": "Kredit",
        "source": "Sumber",
        "back": "Kembali ke pencarian",
        "paywalled": "Hanya sebagian artikel yang terbuka (berbayar).",
        "not_found": "Artikel tidak ditemukan.",
        "no_database": "Tidak ada database newscrawl (tabel articles) yang dilayani.",
        "menu": "Cari Berita",
        "too_slow": "Pencarian terlalu lama: pakai kata yang lebih khusus, frasa dalam tanda kutip, atau rentang waktu lebih pendek.",
        "also_in": "Juga di",
        "history": "Riwayat perubahan",
        "revised": "Diubah media (terlihat newscrawl)",
        "version_until": "Versi yang terlihat sampai {time}",
        "changed": "berubah",
        "changed_title": "judul",
        "changed_body": "isi",
        "was_title": "Judul sebelumnya",
        "removed": "Dihapus atau diubah",
        "added": "Diganti dengan / ditambahkan",
    },
    "en": {
        "page_title": "Search news",
        "tips": 'Tips: avoid common words and put fixed keywords in double quotes, for example "sakura"',
        "search": "Search",
        "query_label": "Keywords",
        "range_label": "Time range",
        "outlet_label": "Outlet",
        "all_outlets": "All outlets",
        "language_label": "Article language",
        "all_languages": "All languages",
        "heading": "Japanese media",
        "results": "{total} articles",
        "no_results": "No matching articles.",
        "photo": "Photo",
        "detail": "Article details",
        "original": "Read on the original site",
        "feed": "Atom feed for this search",
        "previous": "« Previous",
        "next": "Next »",
        "facets": "Narrow results",
        "remove_filter": "remove filter",
        "other_language": "Bahasa Indonesia",
        "authors": "Authors",
        "dateline": "Dateline",
        "agency": "Agency",
        "section": "Section",
        "published": "Published",
        "updated": "Updated",
        "images": "Photos",
        "credit": "Credit",
        "source": "Source",
        "back": "Back to search",
        "paywalled": "Only part of the article is open (paywall).",
        "not_found": "Article not found.",
        "no_database": "No newscrawl database (articles table) is being served.",
        "menu": "Search news",
        "too_slow": "The search took too long: use more specific words, a quoted phrase, or a shorter time range.",
        "also_in": "Also in",
        "history": "Revision history",
        "revised": "Changed by the outlet (seen by newscrawl)",
        "version_until": "Version seen until {time}",
        "changed": "changed",
        "changed_title": "title",
        "changed_body": "text",
        "was_title": "Earlier title",
        "removed": "Removed or rewritten",
        "added": "Replaced by / added",
    },
}


def ui_language(value: str | None) -> str:
    """``?hl=`` as one of LANGUAGES; anything else falls back to Indonesian."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def texts(lang: str) -> dict[str, str]:
    return TEXTS[ui_language(lang)]


def range_options(lang: str) -> list[tuple[str, str]]:
    """(value, label) pairs for the range selector."""
    english = ui_language(lang) == "en"
    return [(value, en if english else id_) for value, _, id_, en in RANGES]


def range_delta(value: str | None) -> tuple[str, timedelta | None]:
    """The range for ``?range=``: unknown values mean the default, one year."""
    for name, delta, _, _ in RANGES:
        if name == value:
            return name, delta
    return range_delta(DEFAULT_RANGE)
