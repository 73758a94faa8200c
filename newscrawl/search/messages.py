"""Everything search says to a reader — notes and errors — in Indonesian, English and Japanese.

One table: a message id, then a template per language. Code never builds a sentence
itself; it names a message and its parameters (``Message("common", term="the",
share=0.93)``) and whoever shows it picks the language: the Datasette page its
``hl``, the CLI its ``--lang``. English is the fallback and what logs and ``str()``
of an error without a language show.

A message may also have a variant for one surface, keyed ``"id@surface"``: the
plain id is worded to be true everywhere (the web page has no ``--all``), and the
``@cli`` variant may name the command's flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("id", "en", "ja")
FALLBACK = "en"
JOIN = {"id": "; ", "en": "; ", "ja": "。"}  # between messages quoted inside another

_HELP_EN = 'search words, "exact phrases", -excluded, OR, and filters outlet: lang: author: section: since: until: title:'

MESSAGES: dict[str, dict[str, str]] = {
    # -- notes: the search ran, but not quite as typed ---------------------------
    "common": {
        "en": "'{term}' matches {share:.0%} of articles; ignored — quote a phrase to keep it",
        "id": "'{term}' ada di {share:.0%} artikel; diabaikan — pakai tanda kutip untuk mempertahankannya",
        "ja": "「{term}」は記事の{share:.0%}に含まれるため無視しました。残すには引用符で囲んでください",
    },
    "common_cjk": {
        "en": "'{term}' matches {share:.0%} of Japanese/Chinese/Korean articles; ignored — quote a phrase to keep it",
        "id": "'{term}' ada di {share:.0%} artikel berbahasa Jepang/Tionghoa/Korea; diabaikan — pakai tanda kutip untuk mempertahankannya",
        "ja": "「{term}」は日本語・中国語・韓国語の記事の{share:.0%}に含まれるため無視しました。残すには引用符で囲んでください",
    },
    "common_latin": {
        "en": "'{term}' matches {share:.0%} of articles in Latin script; ignored — quote a phrase to keep it",
        "id": "'{term}' ada di {share:.0%} artikel berhuruf Latin; diabaikan — pakai tanda kutip untuk mempertahankannya",
        "ja": "「{term}」はラテン文字の記事の{share:.0%}に含まれるため無視しました。残すには引用符で囲んでください",
    },
    "stop_word": {
        "en": "'{term}' is a common word; ignored — quote it to keep it",
        "id": "'{term}' adalah kata umum; diabaikan — pakai tanda kutip untuk mempertahankannya",
        "ja": "「{term}」はよく使われる語のため無視しました。残すには引用符で囲んでください",
    },
    "unsearchable": {
        "en": "'{term}' has no letters or digits to search for; ignored",
        "id": "'{term}' tidak berisi huruf atau angka untuk dicari; diabaikan",
        "ja": "「{term}」には検索できる文字や数字がないため無視しました",
    },
    "default_window": {
        "en": "only the last year is searched (since {since}); choose a longer time range for older articles",
        "id": "hanya setahun terakhir yang dicari (sejak {since}); pilih rentang waktu yang lebih panjang untuk artikel lama",
        "ja": "検索したのは過去1年分です({since}以降)。古い記事は期間を広げて探してください",
    },
    "default_window@cli": {
        "en": "only the last year is searched (since {since}); use --all or since:YYYY-MM-DD for older articles",
        "id": "hanya setahun terakhir yang dicari (sejak {since}); pakai --all atau since:YYYY-MM-DD untuk artikel lama",
        "ja": "検索したのは過去1年分です({since}以降)。古い記事は --all か since:YYYY-MM-DD で探せます",
    },
    "substring": {
        "en": "no word '{term}' in the articles; showing those that contain its characters (not marked)",
        "id": "tidak ada kata '{term}' di artikel; ditampilkan artikel yang memuat hurufnya (tanpa penanda)",
        "ja": "「{term}」という語は見つかりませんでした。その文字列を含む記事を表示しています(強調なし)",
    },
    "romaji": {
        "en": "'{term}' also searched as Japanese: {spellings}",
        "id": "'{term}' juga dicari dalam bahasa Jepang: {spellings}",
        "ja": "「{term}」は日本語でも検索しました: {spellings}",
    },
    "romaji_suggest": {
        "en": "'{term}' may be Japanese: try {words}",
        "id": "'{term}' mungkin bahasa Jepang: coba {words}",
        "ja": "「{term}」は日本語かもしれません: {words} で検索してみてください",
    },
    "reindex": {
        "en": "{reason}: results may be missing until the index is rebuilt",
        "id": "{reason}: hasil bisa kurang sampai indeks dibangun ulang",
        "ja": "{reason}。索引を作り直すまで結果が欠けることがあります",
    },
    "reindex@cli": {
        "en": "{reason}: results may be missing until you run `newscrawl reindex`",
        "id": "{reason}: hasil bisa kurang sampai Anda menjalankan `newscrawl reindex`",
        "ja": "{reason}。`newscrawl reindex` を実行するまで結果が欠けることがあります",
    },
    "unknown_outlet": {
        "en": "no outlet is called '{outlet}'; the outlets are {known}",
        "id": "tidak ada media bernama '{outlet}'; media yang ada: {known}",
        "ja": "「{outlet}」という媒体はありません。媒体は {known} です",
    },
    "undated": {
        "en": "{n} matching articles have no publication time and are in no period",
        "id": "{n} artikel yang cocok tidak punya waktu terbit dan tidak masuk periode mana pun",
        "ja": "一致した記事のうち{n}件は公開日時がないため、どの期間にも数えていません",
    },
    # -- errors: the query cannot run -------------------------------------------
    "too_long": {
        "en": "the query is too long ({length} characters; at most {limit})",
        "id": "kueri terlalu panjang ({length} karakter; maksimal {limit})",
        "ja": "検索語が長すぎます({length}文字。{limit}文字まで)",
    },
    "too_many_terms": {
        "en": "too many words in the query ({count}; at most {limit})",
        "id": "terlalu banyak kata dalam kueri ({count}; maksimal {limit})",
        "ja": "検索語の数が多すぎます({count}語。{limit}語まで)",
    },
    "bad_character": {
        "en": "the query contains a control character ({char}); remove it",
        "id": "kueri berisi karakter kontrol ({char}); hapus karakter itu",
        "ja": "検索語に制御文字({char})が含まれています。取り除いてください",
    },
    "interrupted": {
        "en": "the search took too long and was stopped; try fewer or rarer words",
        "id": "pencarian terlalu lama dan dihentikan; coba kata yang lebih sedikit atau lebih jarang",
        "ja": "検索に時間がかかりすぎたため中止しました。語を減らすか、より珍しい語で試してください",
    },
    "old_index": {
        "en": "this database's search index is from an older newscrawl: rebuild it with `newscrawl reindex`",
        "id": "indeks pencarian database ini dari newscrawl versi lama: bangun ulang dengan `newscrawl reindex`",
        "ja": "このデータベースの検索インデックスは古い newscrawl のものです。`newscrawl reindex` で作り直してください",
    },
    "help": {
        "en": _HELP_EN,
        "id": 'cari kata, "frasa persis", -kata yang dikecualikan, OR, dan saringan outlet: lang: author: section: since: until: title:',
        "ja": '使えるのは単語、"完全一致のフレーズ"、-除外する語、OR、絞り込み outlet: lang: author: section: since: until: title: です',
    },
    "unknown_filter": {
        "en": "unknown filter {name}: — {help} (quote it to search for the text)",
        "id": "saringan {name}: tidak dikenal — {help} (pakai tanda kutip untuk mencari teks itu)",
        "ja": "「{name}:」という絞り込みはありません — {help}(その文字列を探すには引用符で囲んでください)",
    },
    "needs_value": {
        "en": "{name}: needs a value, e.g. {example}",
        "id": "{name}: perlu nilai, misalnya {example}",
        "ja": "{name}: には値が必要です(例: {example})",
    },
    "not_supported": {
        "en": "{word} is not supported: put - before a word to exclude it (-baseball)",
        "id": "{word} tidak didukung: taruh - di depan kata untuk mengecualikannya (-baseball)",
        "ja": "{word} は使えません。語を除外するには前に - を付けてください(-baseball)",
    },
    "use_or": {
        "en": "write OR between alternatives: tokyo OR osaka",
        "id": "tulis OR di antara pilihan: tokyo OR osaka",
        "ja": "どちらかに一致させるには間に OR を書いてください: tokyo OR osaka",
    },
    "or_needs_terms": {
        "en": "OR needs a word or phrase on each side: tokyo OR osaka",
        "id": "OR perlu kata atau frasa di kedua sisinya: tokyo OR osaka",
        "ja": "OR の両側に語かフレーズが必要です: tokyo OR osaka",
    },
    "unbalanced_quote": {
        "en": 'unbalanced double quote: close the phrase with another " (e.g. "prime minister")',
        "id": 'tanda kutip tidak berpasangan: tutup frasa dengan " lagi (misalnya "prime minister")',
        "ja": '引用符が閉じていません。フレーズの終わりにも " を付けてください(例: "prime minister")',
    },
    "empty_phrase": {
        "en": 'empty phrase "": put words between the double quotes',
        "id": 'frasa kosong "": tulis kata di antara tanda kutip',
        "ja": '空のフレーズ "" です。引用符の間に語を入れてください',
    },
    "fts_syntax": {
        "en": "{chars} is not part of the search language — {help}; put it in double quotes to search for it",
        "id": "{chars} bukan bagian dari bahasa pencarian — {help}; pakai tanda kutip untuk mencarinya",
        "ja": "{chars} は検索の書式にありません — {help}。その文字を探すには引用符で囲んでください",
    },
    "bad_time": {
        "en": "{name}: wants 30min, 12h, 2d, 1w, 3mo, 1y or a date like 2025-01-01, not '{value}'",
        "id": "{name}: perlu 30min, 12h, 2d, 1w, 3mo, 1y atau tanggal seperti 2025-01-01, bukan '{value}'",
        "ja": "{name}: には 30min、12h、2d、1w、3mo、1y か 2025-01-01 のような日付を指定してください('{value}' は使えません)",
    },
    "bad_time@crawl": {
        "en": "{name}={value} is not a span or a date: write e.g. {name}=30min, {name}=12h, {name}=2d, {name}=1w, "
        "{name}=3mo or {name}=2025-01-01 ({name}=all for no bound)",
        "id": "{name}={value} bukan rentang waktu atau tanggal: tulis misalnya {name}=30min, {name}=12h, {name}=2d, "
        "{name}=1w, {name}=3mo atau {name}=2025-01-01 ({name}=all tanpa batas)",
        "ja": "{name}={value} は期間でも日付でもありません。{name}=30min、{name}=12h、{name}=2d、{name}=1w、"
        "{name}=3mo、{name}=2025-01-01 のように書いてください(制限なしは {name}=all)",
    },
    "minutes_or_months": {
        "en": "{name}: '{value}' could be minutes or months: write {n}min or {n}mo",
        "id": "{name}: '{value}' bisa berarti menit atau bulan: tulis {n}min atau {n}mo",
        "ja": "{name}: '{value}' は分か月かわかりません。{n}min(分)か {n}mo(か月)と書いてください",
    },
    "minutes_or_months@crawl": {
        "en": "{name}={value} could be minutes or months: write {name}={n}min or {name}={n}mo",
        "id": "{name}={value} bisa berarti menit atau bulan: tulis {name}={n}min atau {name}={n}mo",
        "ja": "{name}={value} は分か月かわかりません。{name}={n}min(分)か {name}={n}mo(か月)と書いてください",
    },
    "time_negated": {
        "en": "-{name}: cannot be negated; use {other}: instead",
        "id": "-{name}: tidak bisa dinegasikan; pakai {other}: sebagai gantinya",
        "ja": "-{name}: は否定できません。代わりに {other}: を使ってください",
    },
    "since_after_until": {
        "en": "since ({since}) is not before until ({until})",
        "id": "since ({since}) tidak lebih awal dari until ({until})",
        "ja": "since({since})が until({until})より前ではありません",
    },
    "bad_choice": {
        "en": "{name} can be {choices}, not '{value}'",
        "id": "{name} bisa {choices}, bukan '{value}'",
        "ja": "{name} には {choices} のどれかを指定してください('{value}' は使えません)",
    },
    "bad_tz": {
        "en": "unknown time zone '{tz}': use a name like Asia/Tokyo, Asia/Jakarta or UTC",
        "id": "zona waktu '{tz}' tidak dikenal: pakai nama seperti Asia/Tokyo, Asia/Jakarta atau UTC",
        "ja": "タイムゾーン '{tz}' はありません。Asia/Tokyo、Asia/Jakarta、UTC のような名前を使ってください",
    },
    "too_many_periods": {
        "en": "more than {n} periods: count by a longer period than {by}, or choose a shorter time range",
        "id": "lebih dari {n} periode: hitung per periode yang lebih panjang dari {by}, atau pilih rentang waktu lebih pendek",
        "ja": "期間が{n}を超えます。{by}より長い単位で数えるか、期間を短くしてください",
    },
    "nothing_left": {
        "en": "nothing left to search: {notes}",
        "id": "tidak ada lagi yang bisa dicari: {notes}",
        "ja": "検索できる語が残りませんでした: {notes}",
    },
    "nothing_to_search": {
        "en": "nothing to search for",
        "id": "tidak ada yang dicari",
        "ja": "検索する語がありません",
    },
    "bad_paging": {
        "en": "limit and offset must be whole numbers, 0 or more",
        "id": "limit dan offset harus bilangan bulat, 0 atau lebih",
        "ja": "limit と offset は0以上の整数で指定してください",
    },
    "no_index": {
        "en": "this database has no search index ({error}): is it a newscrawl database?",
        "id": "database ini tidak punya indeks pencarian ({error}): apakah ini database newscrawl?",
        "ja": "このデータベースには検索インデックスがありません({error})。newscrawl のデータベースですか?",
    },
    "search_failed": {
        "en": "the search failed ({error}); try simpler words",
        "id": "pencarian gagal ({error}); coba kata yang lebih sederhana",
        "ja": "検索に失敗しました({error})。もっと簡単な語で試してください",
    },
}


def language(lang: str | None) -> str:
    """``lang`` as one of LANGUAGES (``id-ID`` -> ``id``); anything else is English."""
    base = (lang or "").replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else FALLBACK


def render(msg_id: str, lang: str | None = FALLBACK, surface: str | None = None, **params: Any) -> str:
    """The message ``msg_id`` in ``lang``, in its ``surface`` wording if it has one.

    Parameters that are Messages (or lists of them) are rendered in the same
    language first, so an error quoting the notes reads in one language throughout.
    """
    lang = language(lang)
    templates = (surface and MESSAGES.get(f"{msg_id}@{surface}")) or MESSAGES.get(msg_id)
    if templates is None:  # not one of ours: show it as it came
        return msg_id
    values = {"help": MESSAGES["help"][lang]}
    for name, value in params.items():
        if isinstance(value, Message):
            value = value.render(lang, surface)
        elif isinstance(value, (list, tuple)) and all(isinstance(v, Message) for v in value):
            value = JOIN[lang].join(v.render(lang, surface) for v in value)
        values[name] = value
    return templates.get(lang, templates[FALLBACK]).format(**values)


@dataclass(frozen=True)
class Message:
    """A message id and its parameters, to be rendered in the reader's language."""

    id: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = FALLBACK, surface: str | None = None) -> str:
        return render(self.id, lang, surface, **self.params)

    def __str__(self) -> str:
        return self.render(FALLBACK)
