"""``assist privacy scan|mask [FILE|-]``, ``assist privacy purge``: personal data in text and records.

scan  prints, per input line, the spans found: ``LINE:START-END  KIND  MASKED`` (the full
      value is never printed), or with ``--json`` one JSON list of
      ``{"line", "kind", "start", "end"}`` (lines from 1, character offsets in the line).
mask  prints the text with every span masked by the house policy.
purge removes or anonymises closed complaints (已办结/已撤回/不予办理) last changed more
      than DAYS ago (``--older-than``, default: setting ``privacy.retention_days``; 0 = never),
      appends one audit event per complaint, and prints what it did (``--dry-run``: what it would do).

Exit 0 (also when something was found); 2 on a usage error or an unreadable file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assist.app import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "privacy",
        help="find or mask personal data (ID, card, phone, e-mail, USCC, secrets) in text",
        description=__doc__.split("\n\n")[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    psub = p.add_subparsers(dest="privacy_command", metavar="SUBCOMMAND", required=True)
    scan = psub.add_parser("scan", help="list personal data per line (masked; --json for offsets)")
    scan.add_argument("file", nargs="?", default="-", metavar="FILE", help="text file, or - for stdin (default)")
    scan.add_argument("--json", action="store_true", help="print one JSON list of {line, kind, start, end}")
    scan.set_defaults(func=run)
    mk = psub.add_parser("mask", help="print the text with personal data masked")
    mk.add_argument("file", nargs="?", default="-", metavar="FILE", help="text file, or - for stdin (default)")
    mk.set_defaults(func=run)
    pg = psub.add_parser("purge", help="remove or anonymise closed complaints older than DAYS (retention policy)")
    pg.add_argument("--older-than", type=int, metavar="DAYS", help="days since the complaint was closed (default: privacy.retention_days)")
    pg.add_argument("--mode", choices=("anonymise", "delete"), default="anonymise",
                    help="anonymise: keep statistics, blank personal data (default); delete: remove the records")
    pg.add_argument("--dry-run", action="store_true", help="list what would be purged; change nothing")
    pg.add_argument("--actor", default="", help="who runs the purge (audit trail; default: agent.staff_id or the OS user)")
    pg.set_defaults(func=run_purge)


def run_purge(args: argparse.Namespace, ctx: Context) -> int:
    import getpass

    from assist.core.complaints.retention import purge_closed

    days = args.older_than if args.older_than is not None else int(ctx.settings.get("privacy.retention_days") or 0)
    if days <= 0:
        print("assist privacy purge: give --older-than DAYS (> 0) or set privacy.retention_days; "
              "head office sets the retention period (the 2020 measures set none)", file=sys.stderr)
        return 2
    actor = args.actor or ctx.settings.get("agent.staff_id") or getpass.getuser()
    db = ctx.open_db()
    try:
        rep = purge_closed(db, days, mode=args.mode, dry_run=args.dry_run, actor=f"purge:{actor}")
    finally:
        db.conn.close()
    verb = {"anonymise": "anonymised", "delete": "deleted"}[rep.mode]
    if rep.dry_run:
        verb = f"would be {verb}"
    for t in rep.tickets:
        print(f"{t}\t{verb}")
    print(f"{rep.count} closed complaint(s) last changed before {rep.cutoff} {verb}"
          + ("" if rep.dry_run else f"; {rep.count} audit event(s) appended"))
    return 0


def _lines(path: str) -> Iterator[str]:
    """Lines without their line ending, cleaned (control characters removed, lone surrogates
    replaced); raises OSError/UnicodeDecodeError."""
    from assist.core.text import clean_text

    if path == "-":
        for line in sys.stdin:
            yield clean_text(line.rstrip("\r\n"))
        return
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for line in fh:
            yield clean_text(line.rstrip("\r\n"))


def _read(path: str) -> list[str] | None:
    try:
        return list(_lines(path))
    except (OSError, UnicodeDecodeError) as exc:
        what = "stdin" if path == "-" else path
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or str(exc))
        print(f"assist privacy: cannot read {what}: {reason}", file=sys.stderr)
        return None


def run(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.privacy import find_pii, mask, mask_span

    lines = _read(args.file)
    if lines is None:
        return 2
    out = sys.stdout
    if args.privacy_command == "mask":
        for line in lines:
            out.write(mask(line) + "\n")
        return 0
    found = [(n, sp, line) for n, line in enumerate(lines, 1) for sp in find_pii(line)]
    if args.json:
        rows = [{"line": n, "kind": sp.kind, "start": sp.start, "end": sp.end} for n, sp, _ in found]
        out.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return 0
    for n, sp, line in found:
        shown = mask_span(line[sp.start:sp.end], sp.kind)
        out.write(f"{n}:{sp.start}-{sp.end}\t{sp.kind}\t{shown}\n")
    print(f"{len(found)} item(s) found in {len(lines)} line(s)", file=sys.stderr)
    return 0
