"""newscrawl search (being built: see the issue tracker)."""


def register(sub):
    p = sub.add_parser("search", help="(not yet available)")
    p.set_defaults(func=run)


def run(args):
    from newscrawl.errors import UserError

    raise UserError("'search' is not available yet")
