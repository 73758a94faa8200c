"""content.classify: what an element's tag and attributes say about it, as the generic
layer's walk reads them (hidden or never text, widget kind, a byline box)."""

import lxml.html
import pytest

from newscrawl.parsers.content import classify


def classified(html: str):
    el = lxml.html.fragment_fromstring(html)
    return classify(el.tag, el.items())


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<div class="share-bar">x</div>', (False, "sure", False)),
        ('<div class="article-body paywall">x</div>', (False, None, False)),  # the article's own name wins
        ('<div id="sidebar" data-x="1">x</div>', (False, "vague", False)),
        ('<div hidden data-x="1">x</div>', (True, None, False)),
        ('<div style="display: none">x</div>', (True, None, False)),
        ('<div class="hidden md:block">x</div>', (False, None, False)),  # shown again from some width on
        ('<div class="d-none">x</div>', (True, None, False)),
        ('<ol itemtype="https://schema.org/BreadcrumbList"><li>x</li></ol>', (False, "sure", False)),
        ('<a rel="author" href="/staff/jane">Jane</a>', (False, None, True)),
        ('<span itemprop="author" class="name">Jane</span>', (False, None, True)),
        ('<a href="/news/1">x</a>', (False, None, False)),
        ("<p>x</p>", (False, None, False)),
        ("<nav>x</nav>", (True, None, False)),
    ],
)
def test_classify(html, expected):
    assert classified(html) == expected


def test_the_same_names_on_a_dropped_tag():
    # The names are looked up once whatever the tag; the tag adds "never text".
    assert classified('<div class="author-bio">x</div>') == (False, "sure", True)
    assert classified('<aside class="author-bio">x</aside>') == (True, "sure", True)
    assert classified('<aside id="x" class="author-bio">x</aside>') == (True, "sure", True)


NAMES = ["share", "Social-Links", "sr_only", "more-stories", "aboutTheAuthor", "about-the-author", "sidebar", "NAV",
         "article", "post-body", "by-line", "authorName", "author-info", "writers", "col-md-6", "x", "ſhare", "İnfo",
         "écrit-author", "related_posts", "navigation", "ads", "headline", "-", "_", "authority", "post-share",
         "top-nav", "reporters-x", "contributor2", "Byline"]


@pytest.mark.parametrize("seed", range(4))
def test_a_list_of_names_is_read_as_each_name_is(seed):
    # The lists are searched whole and lower-cased; each name read alone by the words'
    # own rules (re.I) must say the same: the widget kind, and whether it names a byline.
    import random

    from newscrawl.parsers.content import ARTICLE_WORD, BYLINE_WORD, SURE_WIDGET, VAGUE_WIDGET, _byline_words, _kind_of

    rng = random.Random(seed)
    for _ in range(3000):
        value = rng.choice([" ", "  ", "\t", "\n", "\u3000"]).join(rng.sample(NAMES, rng.randint(1, 4)))
        names = value.split()
        kinds = {"sure" if SURE_WIDGET.search(t) else "vague" if VAGUE_WIDGET.search(t) else None for t in names}
        veto = any(ARTICLE_WORD.search(t) for t in names if not (SURE_WIDGET.search(t) or VAGUE_WIDGET.search(t)))
        kind = None if veto else "sure" if "sure" in kinds else "vague" if "vague" in kinds else None
        assert (_kind_of(value), _byline_words(value)) == (kind, any(BYLINE_WORD.search(t) for t in names)), value
