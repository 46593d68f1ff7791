"""`assist complaints risk|export|list|show|status|extend|pause|resume|repeat|review`: complaint
tools without the panel. Thin over ``assist.core.complaints`` (case actions: ``case``).

Exit codes: 0 done; 1 refused by the rules (the reason is printed); 2 usage error (bad
argument, unknown ticket, no actor, no keyring for an unmasked export)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assist.app import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("complaints", help="complaint tools: risk assessment, export, list")
    cs = p.add_subparsers(dest="complaints_cmd", metavar="SUBCOMMAND", required=True)
    r = cs.add_parser("risk", help="assess risk of complaint texts, one per line; prints one JSON object per line")
    r.add_argument("file", nargs="?", default="-", help="text file, one complaint per line; '-' or omitted = stdin")
    r.add_argument("--json", action="store_true", help="JSON output (the default; kept for scripts)")
    r.add_argument("--rules", help="risk_words.yaml to use instead of the KB's")
    r.set_defaults(func=run_risk)
    e = cs.add_parser("export", help="export saved complaints (masked unless --unmasked --reason R)")
    e.add_argument("--format", choices=("csv", "jsonl"), default="jsonl")
    e.add_argument("--since", metavar="DATE", help="only complaints changed on or after DATE (YYYY-MM-DD)")
    e.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    e.add_argument("--unmasked", action="store_true",
                   help="export the full values kept encrypted (needs the keyring and --reason; audited per complaint)")
    e.add_argument("--reason", default="", help="why the full values are exported (recorded in the audit trail)")
    e.add_argument("--actor", help="staff id recorded in the audit trail (default: setting agent.staff_id)")
    e.set_defaults(func=run_export)
    ls = cs.add_parser("list", help="list saved complaints with status and days left")
    ls.add_argument("--status")
    ls.add_argument("--search")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)
    from assist.cli import complaints_case

    complaints_case.register(cs)


def run(args: argparse.Namespace, ctx: "Context") -> int:  # the module contract; subcommands set func
    return run_risk(args, ctx)


def _rules(args: argparse.Namespace, ctx: "Context"):
    from assist.core.complaints.risk import load_risk_rules

    if args.rules:
        return load_risk_rules(args.rules)
    kb_rules = ctx.kb_dir / "rules" / "risk_words.yaml"
    return load_risk_rules(kb_rules if kb_rules.exists() else None)


def run_risk(args: argparse.Namespace, ctx: "Context") -> int:
    from assist.core.complaints.risk import assess_risk
    from assist.core.complaints.yamlsrc import SourceError
    from assist.core.text import clean_text

    try:
        rules = _rules(args, ctx)
    except (SourceError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        stream = sys.stdin if args.file in (None, "-") else open(args.file, encoding="utf-8")
    except OSError as exc:
        print(f"assist complaints risk: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    n = 0
    try:
        for n, line in enumerate(stream, 1):
            res = assess_risk(clean_text(line.rstrip("\r\n")), rules)
            sys.stdout.write(json.dumps(res.to_json(), ensure_ascii=False) + "\n")
    except UnicodeDecodeError:
        print(f"assist complaints risk: {args.file or '-'}:{n + 1}: not UTF-8 text; save the file as UTF-8", file=sys.stderr)
        return 2
    finally:
        if stream is not sys.stdin:
            stream.close()
    return 0


def run_export(args: argparse.Namespace, ctx: "Context") -> int:
    from assist.core.complaints.export import ExportRefused, export_lines

    since = None
    if args.since:
        try:
            since = dt.date.fromisoformat(args.since).isoformat()
        except ValueError:
            print(f"--since {args.since!r}: write the date as YYYY-MM-DD", file=sys.stderr)
            return 2
    opts: dict = {}
    if args.unmasked:
        from assist.cli.complaints_case import actor_of, keyring_cipher

        opts = {"unmasked": True, "reason": args.reason, "actor": actor_of(args, ctx), "cipher": keyring_cipher()}
        problem = ("" if args.reason.strip() else "导出完整值须填写原因：请加 --reason / an unmasked export needs --reason R") or \
                  ("" if opts["actor"] else "需要操作人工号：请设置 agent.staff_id 或加 --actor / no actor: set agent.staff_id or pass --actor") or \
                  ("" if opts["cipher"] is not None else "系统密钥环不可用，无法解密完整值，未导出任何数据 / "
                   "no system keyring is available: full values cannot be decrypted; nothing was exported")
        if problem:
            print(problem, file=sys.stderr)
            return 2
    elif args.reason:
        print("--reason 仅用于 --unmasked / --reason is only used with --unmasked", file=sys.stderr)
        return 2
    db = ctx.open_db()
    try:
        lines = export_lines(db, args.format, since, **opts)
    except ExportRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    out = _open_output(args.output, private=args.unmasked) if args.output else sys.stdout
    try:
        for line in lines:
            out.write(line)
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def _open_output(path: str, private: bool):
    """An export file; unmasked exports are created owner-only (0600)."""
    import os

    if not private:
        return open(path, "w", encoding="utf-8", newline="")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def run_list(args: argparse.Namespace, ctx: "Context") -> int:
    from dataclasses import asdict

    from assist.core.complaints.repo import list_complaints

    db = ctx.open_db()
    try:
        rows = list_complaints(db, status=args.status, search=args.search)
    finally:
        db.conn.close()
    for r in rows:
        if args.json:
            print(json.dumps(asdict(r), ensure_ascii=False))
        else:
            left = "" if r.days_left is None else f"{r.days_left}天"
            print(f"{r.ticket_no}\t{r.status}\t{r.level}\t{left}\t{r.complainant_masked}\t{r.sync_state}")
    return 0
