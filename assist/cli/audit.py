"""`assist audit verify`: check the hash-chained audit trail (exit 0 intact, 1 tampered)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assist.app import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="audit trail tools")
    cs = p.add_subparsers(dest="audit_cmd", metavar="SUBCOMMAND", required=True)
    v = cs.add_parser("verify", help="verify the audit hash chain; exit 1 and name the row if it was tampered with")
    v.add_argument("--db", metavar="FILE", help="database file (default: the app's)")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.audit import verify_audit

    if args.db:
        from pathlib import Path

        from assist.core.storage import health
        from assist.schema import SCHEMA_SETS

        if not Path(args.db).is_file():
            print(f"assist audit: no database file {args.db}", file=sys.stderr)
            return 2
        db = health.open_checked(Path(args.db), SCHEMA_SETS, initialised=True, migrate=False)
    else:
        db = ctx.open_db()
    if "audit_log" not in db.table_names():
        print("no audit trail in this database", file=sys.stderr)
        return 0
    problems = verify_audit(db)
    rows = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    if args.json:
        print(json.dumps({"ok": not problems, "rows": rows,
                          "problems": [{"row": p.row_id, "message": p.message} for p in problems]}, ensure_ascii=False))
    else:
        for p in problems:
            print(f"TAMPERED {p}")
        if not problems:
            print(f"audit trail intact: {rows} rows")
    return 1 if problems else 0
