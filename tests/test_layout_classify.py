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
