"""The search pages' words in Indonesian (the default: most analysts read it), English
and Japanese.

Only interface text lives here; relative times, notes and errors come from the search
function in the same language (``ui_lang``), so a card reads "MAINICHI | 12 jam yang
lalu"; language names and dates come from CLDR through Babel.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from dateutil.relativedelta import relativedelta

LANGUAGES = ("id", "en", "ja")
DEFAULT_LANGUAGE = "id"
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English", "ja": "日本語"}  # each in itself

# (query value, how far back, label per language); None = all time. Values are spans
# of the project's one grammar (newscrawl.timespan); ?range= takes any other too.
RANGES = (
    ("1d", relativedelta(days=1), {"id": "Maksimal 1 hari yang lalu", "en": "Up to 1 day ago", "ja": "1日以内"}),
    ("1w", relativedelta(weeks=1), {"id": "Maksimal 1 minggu yang lalu", "en": "Up to 1 week ago", "ja": "1週間以内"}),
    ("1mo", relativedelta(months=1), {"id": "Maksimal 1 bulan yang lalu", "en": "Up to 1 month ago", "ja": "1か月以内"}),
    ("1y", relativedelta(years=1), {"id": "Maksimal 1 tahun yang lalu", "en": "Up to 1 year ago", "ja": "1年以内"}),
    ("all", None, {"id": "Kapan saja", "en": "Any time", "ja": "すべての期間"}),
)
DEFAULT_RANGE = "1y"
# Links the page made before its ranges took the one grammar, where "1m" was a month.
OLD_RANGES = {"1m": "1mo"}

TEXTS = {
    "id": {
        "page_title": "Cari Berita",
        "tips": 'Tips : hindari kata umum dan gunakan double-quote untuk kata kunci yang fix, contoh "sakura"',
        "search": "Cari",
        "query_label": "Kata kunci",
        "range_label": "Rentang waktu",
        "outlet_label": "Media",
        "all_outlets": "Semua media",
        "all_editions": "semua edisi",
        "edition_en": "edisi bahasa Inggris",
        "language_label": "Bahasa artikel",
        "all_languages": "Semua bahasa",
        "heading": "Media Jepang",
        "results": "{total} artikel",
        "one_per_story": ", setiap berita sekali",
        "no_results": "Tidak ada artikel yang cocok.",
        "photo": "Foto",
        "detail": "Detail artikel",
        "original": "Baca di situs aslinya",
        "feed": "Langganan Atom untuk pencarian ini",
        "previous": "« Sebelumnya",
        "next": "Berikutnya »",
        "facets": "Saring hasil",
        "remove_filter": "hapus saringan",
        "authors": "Penulis",
        "dateline": "Lokasi berita",
        "agency": "Kantor berita",
        "section": "Rubrik",
        "language": "Bahasa",
        "published": "Terbit",
        "printed": "tertulis di halaman:",
        "updated": "Diperbarui",
        "images": "Foto",
        "credit": "Kredit",
        "source": "Sumber",
        "back": "Kembali ke pencarian",
        "paywalled": "Hanya sebagian artikel yang terbuka (berbayar).",
        "not_found": "Artikel tidak ditemukan.",
        "not_found_help": "Artikel dengan id {id} tidak ada di database ini. Mungkin tautannya terpotong, atau artikel itu dari database lain.",
        "no_database": "Tidak ada database newscrawl (tabel articles) yang dilayani.",
        "menu": "Cari Berita",
        "too_slow": "Pencarian terlalu lama: pakai kata yang lebih khusus, frasa dalam tanda kutip, atau rentang waktu lebih pendek.",
        # attention over time
        "chart_title": "Jumlah artikel yang cocok per {by}",
        "chart_desc": "{matching} artikel cocok, {start} – {end}; batang: jumlah artikel, garis: pangsa dari semua artikel.",
        "count_per": "Hitung per",
        "by_day": "hari",
        "by_week": "minggu",
        "by_month": "bulan",
        "axis_time_day": "Hari (waktu Tokyo)",
        "axis_time_week": "Minggu, mulai Senin (waktu Tokyo)",
        "axis_time_month": "Bulan (waktu Tokyo)",
        "axis_count": "Artikel cocok",
        "axis_share": "Pangsa dari semua artikel",
        "bar": "{period}: {matching} dari {total} artikel ({share})",
        "chart_hint": "Klik batang untuk mempersempit pencarian ke periode itu.",
        "chart_table": "Tabel data grafik",
        "col_period": "Periode",
        "col_matching": "Cocok",
        "col_total": "Semua artikel",
        "col_share": "Pangsa",
        "chart_skipped": "Grafik tidak ditampilkan: penghitungannya terlalu lama. Unduh linimasa di bawah.",
        "period_label": "Periode",
        "downloads": "Unduh semua hasil",
        "export_search": "hasil",
        "export_timeline": "linimasa per media",
        "exports_off": "Unduhan dimatikan di server ini (allow_csv_stream).",
        "also_in": "Juga di",
        "via": "via",
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
        "all_editions": "all editions",
        "edition_en": "English edition",
        "language_label": "Article language",
        "all_languages": "All languages",
        "heading": "Japanese media",
        "results": "{total} articles",
        "one_per_story": ", each story once",
        "no_results": "No matching articles.",
        "photo": "Photo",
        "detail": "Article details",
        "original": "Read on the original site",
        "feed": "Atom feed for this search",
        "previous": "« Previous",
        "next": "Next »",
        "facets": "Narrow results",
        "remove_filter": "remove filter",
        "authors": "Authors",
        "dateline": "Dateline",
        "agency": "Agency",
        "section": "Section",
        "language": "Language",
        "published": "Published",
        "printed": "as printed:",
        "updated": "Updated",
        "images": "Photos",
        "credit": "Credit",
        "source": "Source",
        "back": "Back to search",
        "paywalled": "Only part of the article is open (paywall).",
        "not_found": "Article not found.",
        "not_found_help": "No article with id {id} is in this database. The link may be cut short, or the article is in another database.",
        "no_database": "No newscrawl database (articles table) is being served.",
        "menu": "Search news",
        "too_slow": "The search took too long: use more specific words, a quoted phrase, or a shorter time range.",
        "chart_title": "Matching articles per {by}",
        "chart_desc": "{matching} matching articles, {start} – {end}; bars: number of articles, line: share of all articles.",
        "count_per": "Count per",
        "by_day": "day",
        "by_week": "week",
        "by_month": "month",
        "axis_time_day": "Day (Tokyo time)",
        "axis_time_week": "Week from Monday (Tokyo time)",
        "axis_time_month": "Month (Tokyo time)",
        "axis_count": "Matching articles",
        "axis_share": "Share of all articles",
        "bar": "{period}: {matching} of {total} articles ({share})",
        "chart_hint": "Click a bar to narrow the search to that period.",
        "chart_table": "Chart data as a table",
        "col_period": "Period",
        "col_matching": "Matching",
        "col_total": "All articles",
        "col_share": "Share",
        "chart_skipped": "Chart not shown: counting took too long. Download the timeline below.",
        "period_label": "Period",
        "downloads": "Download every match",
        "export_search": "results",
        "export_timeline": "timeline per outlet",
        "exports_off": "Downloads are switched off on this server (allow_csv_stream).",
        "also_in": "Also in",
        "via": "via",
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
    "ja": {
        "page_title": "ニュース検索",
        "tips": 'ヒント:よく使われる語は避け、決まった語句は "sakura" のように引用符で囲んでください',
        "search": "検索",
        "query_label": "キーワード",
        "range_label": "期間",
        "outlet_label": "媒体",
        "all_outlets": "すべての媒体",
        "all_editions": "全版",
        "edition_en": "英語版",
        "language_label": "記事の言語",
        "all_languages": "すべての言語",
        "heading": "日本のメディア",
        "results": "{total}件",
        "one_per_story": "(同じ記事は1件にまとめて表示)",
        "no_results": "一致する記事はありません。",
        "photo": "写真",
        "detail": "記事の詳細",
        "original": "元のサイトで読む",
        "feed": "この検索のAtomフィード",
        "previous": "« 前へ",
        "next": "次へ »",
        "facets": "絞り込み",
        "remove_filter": "絞り込みを外す",
        "authors": "筆者",
        "dateline": "発信地",
        "agency": "通信社",
        "section": "分類",
        "language": "言語",
        "published": "公開",
        "printed": "ページの表記:",
        "updated": "更新",
        "images": "写真",
        "credit": "提供",
        "source": "出典",
        "back": "検索に戻る",
        "paywalled": "記事の一部だけが公開されています(有料記事)。",
        "not_found": "記事が見つかりません。",
        "not_found_help": "ID {id} の記事はこのデータベースにありません。リンクが途中で切れているか、別のデータベースの記事です。",
        "no_database": "newscrawl のデータベース(articles テーブル)が公開されていません。",
        "menu": "ニュース検索",
        "too_slow": "検索に時間がかかりすぎました。より具体的な語、引用符で囲んだフレーズ、短い期間を試してください。",
        "chart_title": "{by}ごとの一致した記事数",
        "chart_desc": "一致した記事 {matching}件({start}〜{end})。棒は記事数、線は全記事に占める割合です。",
        "count_per": "集計単位",
        "by_day": "日",
        "by_week": "週",
        "by_month": "月",
        "axis_time_day": "日(日本時間)",
        "axis_time_week": "週(月曜始まり、日本時間)",
        "axis_time_month": "月(日本時間)",
        "axis_count": "一致した記事",
        "axis_share": "全記事に占める割合",
        "bar": "{period}:{total}件中{matching}件({share})",
        "chart_hint": "棒をクリックすると、その期間に絞り込んで検索します。",
        "chart_table": "グラフのデータ(表)",
        "col_period": "期間",
        "col_matching": "一致",
        "col_total": "全記事",
        "col_share": "割合",
        "chart_skipped": "集計に時間がかかりすぎたため、グラフは表示していません。下のリンクから推移をダウンロードできます。",
        "period_label": "期間",
        "downloads": "一致した記事をすべてダウンロード",
        "export_search": "検索結果",
        "export_timeline": "媒体別の推移",
        "exports_off": "このサーバーではダウンロードが無効です(allow_csv_stream)。",
        "also_in": "他の掲載",
        "via": "転載",
        "history": "更新履歴",
        "revised": "媒体による変更(newscrawl が確認)",
        "version_until": "{time} まで確認された版",
        "changed": "変更",
        "changed_title": "見出し",
        "changed_body": "本文",
        "was_title": "以前の見出し",
        "removed": "削除・書き換えられた段落",
        "added": "差し替え・追加された段落",
    },
}


def ui_language(value: str | None) -> str:
    """``?hl=`` as one of LANGUAGES; anything else falls back to Indonesian."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def texts(lang: str) -> dict[str, str]:
    return TEXTS[ui_language(lang)]


def range_options(lang: str, current: str = DEFAULT_RANGE) -> list[tuple[str, str]]:
    """(value, label) pairs for the range selector; a span only the URL names
    (``range=4d``) is listed too, in its place, so the selector shows what is searched."""
    lang = ui_language(lang)
    options = [(value, labels[lang]) for value, _, labels in RANGES]
    if current not in dict(options):
        delta = range_delta(current)[1]
        at = sum(1 for _, d, _ in RANGES if d is not None and _days(d) < _days(delta))
        options.insert(at, (current, _span_label(delta, lang)))
    return options


def range_delta(value: str | None) -> tuple[str, relativedelta | None]:
    """The range for ``?range=``: ``all``, or a span as everywhere else (``12h``,
    ``4d``, ``1w``, ``3mo``, ``1y``; newscrawl.timespan); anything else means the
    default, one year."""
    from newscrawl.timespan import TimeSpanError, parse_span

    value = (value or "").strip().lower()
    value = OLD_RANGES.get(value, value)
    for name, delta, _ in RANGES:
        if name == value:
            return name, delta
    try:
        span = parse_span(value)
    except TimeSpanError:  # 3m: minutes or months? The selector's own ranges say which
        span = None
    if span:  # not 0d
        return value, span
    return range_delta(DEFAULT_RANGE)


def _days(delta: relativedelta | None) -> float:
    """About how many days a span is (all time: infinitely many)."""
    if delta is None:
        return float("inf")
    start = datetime(2001, 1, 1)
    return ((start + delta) - start).total_seconds() / 86400


def auto_by(value: str) -> str:
    """The chart's period for a range: a few dozen bars at most."""
    days = _days(range_delta(value)[1])
    return "day" if days <= 31 else "week" if days <= 366 else "month"


def _span_label(delta: relativedelta, lang: str) -> str:
    """"Maksimal 4 hari yang lalu", "Up to 4 days ago", "4日以内", as the selector says its own."""
    from newscrawl.humanize import relative_time

    now = datetime(2001, 1, 1, tzinfo=timezone.utc)
    ago = relative_time(now - delta, now, lang)
    return {"id": f"Maksimal {ago}", "en": f"Up to {ago}", "ja": ago.removesuffix("前") + "以内"}[lang]


def period_name(key: str, by: str, lang: str) -> str:
    """A timeline period as a reader says it: "14 Jan 2025", "2025年1月14日"; a week
    by its Monday ("13 Jan 2025"), a month as "Jan 2025"."""
    from babel.dates import format_skeleton

    from newscrawl.search.attention import period_bounds

    start = period_bounds(key)[0].date()
    return format_skeleton("yMMM" if by == "month" else "yMMMd", start, locale=ui_language(lang))


def short_period_name(d: date, by: str, lang: str) -> str:
    """An axis tick: "14 Jan" / "1月14日" (days and weeks), "Jan 2025" (months)."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMM" if by == "month" else "MMMd", d, locale=ui_language(lang))
