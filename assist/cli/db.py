"""`assist db check|recover|fresh`: the database file when something is wrong with it.

    assist db check     is the file there, readable, an SQLite database, intact? (exit 0 / 2)
    assist db recover   copy what can still be read into a new file; the damaged one is kept
    assist db fresh     move the file aside (kept, renamed) and start a new, empty database

Nothing is ever deleted: the old file stays beside the new one as ``assist.sqlite3.broken-<time>``.
The panel offers the same choices in a dialog when it finds a problem at start.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assist.app import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="check, recover or replace a damaged database file (nothing is deleted)")
    cs = p.add_subparsers(dest="db_cmd", metavar="SUBCOMMAND", required=True)
    cs.add_parser("check", help="is the database file there, readable and intact? (exit 0 yes, 2 no)").set_defaults(func=run)
    cs.add_parser("recover", help="copy what can be read into a new file; the damaged one is kept beside it").set_defaults(func=run)
    cs.add_parser("fresh", help="move the file aside (kept) and start a new, empty database").set_defaults(func=run)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.storage import health
    from assist.schema import SCHEMA_SETS

    path = ctx.paths.db_file
    if args.db_cmd == "check":
        problem = health.check_file(path, initialised=ctx.db_initialised)
        if problem is None and path.exists():
            problem = health.integrity(path)
        if problem is not None:
            print(f"assist db: {problem.one_line()}", file=sys.stderr)
            return 2
        print(f"{path}: " + ("ok" if path.exists() else "not created yet (it is created when first needed)"))
        return 0
    if args.db_cmd == "recover":
        if not path.exists() or path.stat().st_size == 0:
            print(f"assist db: {path} has no data to recover; `assist db fresh` starts a new database", file=sys.stderr)
            return 2
        rep = health.recover(path, SCHEMA_SETS)
        if not rep.ok:
            print(f"assist db: could not recover {path}: {rep.error}; nothing was changed. "
                  "`assist db fresh` moves it aside and starts a new one", file=sys.stderr)
            return 1
        rows = sum(rep.tables.values())
        print(f"recovered {rows} row(s) from {sum(1 for n in rep.tables.values() if n)} table(s) into {path} "
              f"({rep.method}); the damaged file is kept as {rep.moved_to}")
        print("check the records, then run `assist audit verify`: rows that could not be read are missing from the audit chain")
        ctx.remember_db()
        return 0
    moved = ctx.start_fresh()
    print(f"new database {path}" + (f"; the old file is kept as {moved}" if moved else ""))
    return 0
