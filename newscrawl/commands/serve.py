"""newscrawl serve: browse and search the database in Datasette.

Starts ``datasette serve`` on the database with the metadata shipped in
``newscrawl/datasette_plugin/metadata.yaml`` (titles, column notes, facets, newest
first, full-text search) and the plugin's /-/search page. The file is served
read-only but *mutable* (never ``-i``): a crawl may keep writing, and its new
articles show up without a restart. Options this command does not know are handed
to Datasette unchanged (``--setting sql_time_limit_ms 3000``, ``--cors`` ...).
"""

from __future__ import annotations

import json
import shlex
import signal
import sys
import tempfile
from pathlib import Path

import yaml

from newscrawl.errors import UserError

METADATA = Path(__file__).resolve().parent.parent / "datasette_plugin" / "metadata.yaml"
METADATA_DB_NAME = "newscrawl"  # the database key used in METADATA
TRUNCATE_CELLS = 160


def register(sub):
    p = sub.add_parser(
        "serve",
        help="browse and search the articles in Datasette (http://127.0.0.1:8001/-/search)",
        description="Serve the database read-only in Datasette, with newscrawl's metadata, facets and "
        "the /-/search page. Articles a running crawl adds appear without a restart.",
        epilog="Other options go to `datasette serve` unchanged, e.g. "
        "`newscrawl serve --port 8002 --setting sql_time_limit_ms 3000`. "
        "--print-command shows the equivalent plain datasette command.",
    )
    p.add_argument("--db", help="database file (default: $NEWSCRAWL_DB or data/newscrawl.db)")
    p.add_argument("-p", "--port", type=int, default=8001, help="port to listen on (default: %(default)s)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s; 0.0.0.0 exposes it)")
    p.add_argument("--no-sql", action="store_true", help="switch off arbitrary SQL queries (same as --setting default_allow_sql off)")
    p.add_argument("--print-command", action="store_true", help="print the datasette command line instead of running it")
    p.set_defaults(func=run, datasette_args=[])
    _pass_unknown_options_through(p)


def _pass_unknown_options_through(parser) -> None:
    """Keep options argparse does not know as ``args.datasette_args`` instead of
    failing on them, so any ``datasette serve`` option works here too."""
    parse_known = parser.parse_known_args

    def parse_known_args(args=None, namespace=None):
        namespace, extra = parse_known(args, namespace)
        if extra[:1] == ["--"]:
            extra = extra[1:]
        namespace.datasette_args = extra
        return namespace, []

    parser.parse_known_args = parse_known_args


def run(args) -> int:
    from newscrawl.storage import check_database, default_db_path

    db = check_database(args.db or default_db_path())
    with tempfile.TemporaryDirectory(prefix="newscrawl-serve-") as tmp:
        metadata = metadata_file(db, Path(tmp))
        argv = datasette_argv(db, metadata, port=args.port, host=args.host, no_sql=args.no_sql, extra=args.datasette_args)
        if args.print_command:
            if metadata != METADATA:
                argv[argv.index(str(metadata))] = str(METADATA)
                print(f"# the shipped metadata is keyed by the database name {METADATA_DB_NAME!r}: copy it and "
                      f"rename that key to {db.stem!r} for {db}", file=sys.stderr)
            print(shlex.join(["datasette", *argv]))
            return 0
        _can_listen(args.host, args.port)
        print(f"serving {db} read-only on http://{args.host}:{args.port}/-/search (Ctrl-C stops)", flush=True)
        # uvicorn shuts down on SIGTERM, then raises it again with the handler it found:
        # Python's default would end the process there, leaving the folder above behind.
        signal.signal(signal.SIGTERM, _exit)
        from datasette.cli import cli

        # Click's own error messages for Datasette's options; it exits when the server stops.
        return cli.main(args=argv, prog_name="newscrawl")


def _can_listen(host: str, port: int) -> None:
    """A one-line UserError when the server could not listen there (uvicorn says it in
    four log lines, then exits with 3)."""
    import errno
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as e:
        raise UserError(f"--host {host}: {e.strerror}") from None
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            s.bind(address)
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise UserError(f"{host}:{port} is in use (another newscrawl serve?): pass --port N") from None
            raise UserError(f"cannot listen on {host}:{port}: {e.strerror}") from None


def _exit(signum, frame):
    sys.exit(128 + signum)


def metadata_file(db: Path, tmp: Path) -> Path:
    """The shipped metadata, with its database key renamed to the name Datasette will
    give ``db`` (its file stem) when that is not "newscrawl"."""
    name = db.stem
    if name == METADATA_DB_NAME:
        return METADATA
    data = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    data["databases"] = {name: data["databases"][METADATA_DB_NAME]}
    out = tmp / "metadata.json"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def datasette_argv(db: Path, metadata: Path, *, port: int, host: str, no_sql: bool, extra: list[str]) -> list[str]:
    """Arguments for ``datasette`` (starting with ``serve``)."""
    if any(a in ("-i", "--immutable") or a.startswith("--immutable=") for a in extra):
        raise UserError("--immutable would hide articles a crawl adds while serving; newscrawl serve reads the file live")
    argv = ["serve", str(db), "--metadata", str(metadata), "--host", host, "--port", str(port)]
    if no_sql:
        argv += ["--setting", "default_allow_sql", "off"]
    if not _has_setting(extra, "truncate_cells_html"):
        # Article bodies in the table view: a few lines each, not a screen-high row;
        # the row page and /-/article/<id> still show the whole text.
        argv += ["--setting", "truncate_cells_html", str(TRUNCATE_CELLS)]
    return argv + list(extra)


def _has_setting(args: list[str], name: str) -> bool:
    return any(a == "--setting" and args[i + 1 : i + 2] == [name] for i, a in enumerate(args))
