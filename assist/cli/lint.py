"""`assist lint [FILE|-] [--call-type T] [--json]`: forbidden phrases in a text.

Exit 0 when clean, 1 when something was found, 2 on a usage error (unknown call type,
unreadable file, broken rule files). Offsets are character offsets into the input.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assist.app import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lint", help="check a text for forbidden phrases (exit 0 clean, 1 findings, 2 usage error)")
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="UTF-8 text file; '-' or nothing reads standard input")
    p.add_argument("--call-type", metavar="T", help="call type from rules/call_types.yaml (name such as 投诉, or code such as complaint)")
    p.add_argument("--json", action="store_true", help="print one JSON list of findings")
    p.set_defaults(func=run)


def _fail(msg: str) -> int:
    print(f"assist lint: {msg}", file=sys.stderr)
    return 2


def _read(name: str) -> str:
    """The input, decoded and cleaned (control characters removed: offsets refer to the cleaned text)."""
    from assist.core.text import read_text

    if name == "-":
        buf = getattr(sys.stdin, "buffer", None)
        data = buf.read() if buf is not None else sys.stdin.read().encode("utf-8", "surrogatepass")
        return read_text(data, source="<stdin>")
    with open(name, "rb") as fh:
        return read_text(fh.read(), source=name)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def run(args: argparse.Namespace, ctx: "Context") -> int:
    from assist.core.guidance.lint import RulesError, lint, load_rules

    try:
        rules = load_rules(ctx.kb_dir / "rules")
    except RulesError as exc:
        return _fail(f"rule files do not load: {exc}")
    if args.call_type:
        try:
            rules.call_type(args.call_type)
        except ValueError as exc:
            return _fail(str(exc))
    try:
        text = _read(args.file)
    except OSError as exc:
        return _fail(f"cannot read {args.file}: {exc.strerror or exc}")
    except ValueError as exc:  # not UTF-8, or too long
        return _fail(str(exc))
    findings = lint(text, rules, args.call_type)
    if args.json:
        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False))
    else:
        shown = "<stdin>" if args.file == "-" else args.file
        for f in findings:
            line, col = _line_col(text, f.start)
            print(f"{shown}:{line}:{col}: {f.severity}: 「{f.text}」 [{f.rule}] {f.message}")
            if f.suggestion:
                print(f"    建议: {f.suggestion}")
        if findings:
            print(f"{shown}: {len(findings)} finding(s)", file=sys.stderr)
    return 1 if findings else 0
