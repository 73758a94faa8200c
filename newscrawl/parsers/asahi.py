"""朝日新聞デジタル (www.asahi.com): Japanese edition.

Asahi's article markup uses generated class names ("nfyQp") that change with each
front-end build, so every selector has a structural alternative after it."""

from newscrawl.parsers.base import ArticlePage


class AsahiParser(ArticlePage):
    outlet = "asahi"
    language = "ja"
    site_names = ("朝日新聞デジタル", "朝日新聞")
    title_css = ("//main//h1",)
    published_css = ("//main//h1/following::time[@datetime][1]",)
    byline_css = ("//main//h1/following-sibling::div[1]/span[1][not(time)]",)
    paragraphs_css = (
        "div.nfyQp > p, div.nfyQp > h2, div.nfyQp > div.bv2Sj > p",
        # The first box in <main> holding several paragraphs.
        "(//main[@id='main']//div[count(p) >= 2])[1]/*[self::p or self::h2]",
    )
    exclude_css = "p#_gtm_LastLine, .notPrint"
    image_css = ("div.nfyQp figure", "//main//figure[.//img]")
    # Members-only articles end in a login prompt in place of the rest of the text.
    paywall_css = ("//*[contains(@class, 'loginBtn') or contains(@class, 'TextEnd')]//a[contains(@href, 'login')]",)
