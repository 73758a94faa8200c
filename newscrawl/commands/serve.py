"""newscrawl serve (being built: see the issue tracker)."""


def register(sub):
    p = sub.add_parser("serve", help="(not yet available)")
    p.set_defaults(func=run)


def run(args):
    from newscrawl.errors import UserError

    raise UserError("'serve' is not available yet")
