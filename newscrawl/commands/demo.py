"""newscrawl demo (filled in below)."""


def register(sub):
    pass
