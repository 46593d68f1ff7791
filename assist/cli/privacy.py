"""``assist privacy scan|mask [FILE|-]``: find or mask personal data in text.

scan  prints, per input line, the spans found: ``LINE:START-END  KIND  MASKED`` (the full
      value is never printed), or with ``--json`` one JSON list of
      ``{"line", "kind", "start", "end"}`` (lines from 1, character offsets in the line).
mask  prints the text with every span masked by the house policy.

Exit 0 (also when something was found); 2 on a usage error or an unreadable file.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Iterator

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


def _lines(path: str) -> Iterator[str]:
    """Lines without their line ending; raises OSError/UnicodeDecodeError."""
    if path == "-":
        for line in sys.stdin:
            yield line.rstrip("\r\n")
        return
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for line in fh:
            yield line.rstrip("\r\n")


def _read(path: str) -> list[str] | None:
    try:
        return list(_lines(path))
    except (OSError, UnicodeDecodeError) as exc:
        what = "stdin" if path == "-" else path
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or str(exc))
        print(f"assist privacy: cannot read {what}: {reason}", file=sys.stderr)
        return None


def run(args: argparse.Namespace, ctx: "Context") -> int:
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
