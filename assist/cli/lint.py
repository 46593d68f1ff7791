"""`assist lint [FILE|-] [--call-type T] [--json] [--explain]`: red lines in a text.

Exit 0 when clean, 1 when something was found, 2 on a usage error (unknown call type,
unreadable file, broken rule files). Offsets are character offsets into the input.
``--explain`` also lists matches that a scope rule or an ``unless`` pattern cancelled, and why.
``--eval FILE`` measures the rules on labelled sentences (recall per category, false alarms
per kind; see ``assist.core.guidance.evaluate``).
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
    p.add_argument("--text-kind", choices=("script", "note", "complaint"), help="only rules that apply to this kind of text")
    p.add_argument("--json", action="store_true", help="print one JSON list of findings")
    p.add_argument("--explain", action="store_true", help="also show matches that did not count, and why")
    p.add_argument("--eval", metavar="LABELLED", help="measure the rules on a YAML file of labelled sentences (flag:, must_not:)")
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


def _evaluate(path: str, rules) -> int:
    from assist.core.guidance.evaluate import CorpusError, evaluate, load_corpus

    try:
        rep = evaluate(rules, load_corpus(path))
    except CorpusError as exc:
        return _fail(str(exc))
    for line in rep.lines():
        print(line)
    for it in rep.misses:
        print(f"not flagged [{it.get('category', '?')}]: {it['text']}")
    for it, found in rep.false_alarms:
        print(f"false alarm [{it.get('kind', '?')}]: {it['text']}  <- {', '.join(f.rule for f in found)}")
    return 0


def run(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.guidance.lint import RulesError, explain, lint

    try:
        rules = ctx.kb_rules().guidance   # the active KB's, as the panel's
    except RulesError as exc:
        return _fail(f"rule files do not load: {exc}")
    assert rules is not None   # strict: a guidance file that does not load raised above
    if args.eval:
        return _evaluate(args.eval, rules)
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
    findings = lint(text, rules, args.call_type, args.text_kind)
    if args.json:
        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False))
    else:
        shown = "<stdin>" if args.file == "-" else args.file
        for f in findings:
            line, col = _line_col(text, f.start)
            print(f"{shown}:{line}:{col}: {f.severity}: 「{f.text}」 {f.label or f.category} [{f.rule}] {f.message}")
            if f.basis:
                print(f"    依据: {f.basis}")
            if f.suggestion:
                print(f"    建议: {f.suggestion}")
        if args.explain:
            for c in explain(text, rules):
                if c.cancelled_by:
                    line, col = _line_col(text, c.start)
                    print(f"{shown}:{line}:{col}: not counted: 「{c.text}」 [{c.rule}] {c.cancelled_by}")
        if findings:
            print(f"{shown}: {len(findings)} finding(s)", file=sys.stderr)
    return 1 if findings else 0
