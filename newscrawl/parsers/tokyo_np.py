"""東京新聞デジタル (www.tokyo-np.co.jp): same publishing system as 中日新聞Web."""

from newscrawl.parsers.chunichi import ChunichiParser


class TokyoNpParser(ChunichiParser):
    outlet = "tokyo_np"
    site_names = ("東京新聞デジタル", "東京新聞 TOKYO Web", "東京新聞")
