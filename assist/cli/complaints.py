"""`assist complaints add|risk|export|list|show|status|extend|pause|resume|repeat|review|…`: complaint
tools without the panel. Thin over ``assist.core.complaints`` (case actions: ``case``).

``add`` takes one intake as JSON (the export's field names), applies the same defaults and
validation as the form, and saves it like a form save (ticket, revision, audit, outbox, the
call's link); it prints the ticket number and the due date (``--json``: one object).

Exit codes: 0 done; 1 refused by the rules (the reason is printed); 2 usage error (bad
argument, unreadable input, unknown ticket, no actor, no keyring for an unmasked export)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assist.app import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("complaints", help="complaint tools: risk assessment, export, list")
    cs = p.add_subparsers(dest="complaints_cmd", metavar="SUBCOMMAND", required=True)
    a = cs.add_parser("add", help="save one complaint given as JSON (the export's field names); prints ticket and due date")
    a.add_argument("file", nargs="?", default="-", help="JSON file with one intake object; '-' or omitted = stdin")
    a.add_argument("--json", action="store_true", help='print {"ticket_no", "due_date", …} (errors as {"errors": […]})')
    a.add_argument("--actor", help="staff id recorded in the audit trail (default: the intake's agent_id, then agent.staff_id)")
    a.set_defaults(func=run_add)
    r = cs.add_parser("risk", help="assess risk of complaint texts, one per line: level, flags and the words behind them")
    r.add_argument("file", nargs="?", default="-", help="text file, one complaint per line; '-' or omitted = stdin")
    r.add_argument("--json", action="store_true", help="one JSON object per line (level, level_reason, flags with evidence "
                                                       "and reason, major grounds, negated mentions, hints)")
    r.add_argument("--rules", help="risk.yaml to use instead of the active KB's rules/risk.yaml")
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
    ls = cs.add_parser("list", help="list saved complaints with status, due date and days left")
    ls.add_argument("--status")
    ls.add_argument("--search")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)
    from assist.cli import complaints_case

    complaints_case.register(cs)


def run(args: argparse.Namespace, ctx: Context) -> int:  # the module contract; subcommands set func
    return run_risk(args, ctx)


def _rules(args: argparse.Namespace, ctx: Context) -> Any:
    """The risk rules: ``--rules FILE`` (trying a draft), else the active KB's, as the panel's."""
    from assist.core.complaints.risk import load_risk_rules

    if args.rules:
        return load_risk_rules(args.rules)
    return ctx.kb_rules().risk


def read_intake_text(source: str) -> str:
    """THE place ``complaints add`` reads its input (a file or standard input, UTF-8)."""
    if source in (None, "-"):
        return sys.stdin.read()
    with open(source, encoding="utf-8") as fh:
        return fh.read()


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    from assist.cli.complaints_case import keyring_cipher
    from assist.core.complaints.intake import IntakePolicy, parse_intake
    from assist.core.complaints.model import ComplaintError
    from assist.core.complaints.repo import save_complaint
    from assist.core.complaints.tickets import TicketError, device_id

    def fail(errors: list, code: int) -> int:
        from assist.core.privacy import mask  # a message may quote a mistyped number: never echo it in full

        if args.json:
            print(json.dumps({"errors": [{k: mask(v) for k, v in e.as_dict().items()} for e in errors]}, ensure_ascii=False))
        else:
            for e in errors:
                print(mask(f"{e.field or 'input'}: {e.message} / {e.message_en}"), file=sys.stderr)
        return code

    from assist.core.complaints.model import FieldError

    try:
        text = read_intake_text(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        return fail([FieldError("", f"无法读取 {args.file}：{exc}（文件须为 UTF-8）", "input.unreadable",
                                f"cannot read {args.file}: {exc} (UTF-8 expected)")], 2)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return fail([FieldError("", f"不是有效的 JSON：第{exc.lineno}行第{exc.colno}列 {exc.msg}", "input.json",
                                f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}")], 2)
    data, errors = parse_intake(obj)
    if errors:
        return fail(errors, 1)
    st = ctx.settings
    policy = IntakePolicy.from_settings(st)
    if not policy.agent_id and args.actor:   # the agent who takes it, when neither the intake nor the settings say
        policy = dataclasses.replace(policy, agent_id=args.actor.strip())
    actor = (args.actor or data.get("agent_id") or policy.agent_id or "").strip()
    if not actor:
        return fail([FieldError("agent_id", "需要受理坐席工号：请在 JSON 中填写 agent_id，或设置 agent.staff_id，或加 --actor",
                                "agent_id.required", "no agent: give agent_id, set agent.staff_id or pass --actor")], 2)
    device = device_id(st)   # as the form does on its first save
    try:
        kb_rules = ctx.kb_rules()   # the active KB's taxonomy and risk rules, as the panel's form
    except ValueError as exc:      # RulesError / TaxonomyError: path:line: message
        return fail([FieldError("", f"知识库规则无法加载：{exc}", "kb.rules", f"the KB's rules do not load: {exc}")], 2)
    try:
        saved = save_complaint(ctx.open_db(), data, taxonomy=kb_rules.taxonomy, risk_rules=kb_rules.risk, actor=actor,
                               branch=st.get("org.branch_code") or "0000", device=device,
                               policy=policy, cipher=keyring_cipher())
    except ComplaintError as exc:
        return fail(exc.errors or [FieldError("", str(exc), "save.refused", str(exc))], 1)
    except TicketError as exc:
        return fail([FieldError("", str(exc), "settings.ticket", str(exc))], 2)
    if args.json:
        print(json.dumps({"ticket_no": saved.ticket_no, "due_date": saved.due_date, "due_basis": saved.due_basis,
                          "id": saved.id, "revision": saved.revision, "level": saved.level, "risk_flags": saved.risk_flags,
                          "reminders": list(saved.reminders), "notices": list(saved.notices), "call_id": saved.call_id},
                         ensure_ascii=False))
    else:
        basis = "约定 / agreed (Art 21)" if saved.due_basis == "agreed" else "第十八条 / Art 18"
        print(f"受理编号 ticket: {saved.ticket_no}  答复期限 due: {saved.due_date or '—'}（{basis}）  等级 level: {saved.level}")
        for n in (*saved.reminders, *saved.notices):
            print(f"注意 / note: {n}")
    return 0


def run_risk(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.risk import assess_risk
    from assist.core.text import clean_text
    from assist.core.yamlfile import RulesError

    try:
        rules = _rules(args, ctx)
    except RulesError as exc:
        print(f"assist complaints risk: rule file does not load: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"assist complaints risk: cannot read the rules: {exc}", file=sys.stderr)
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
            if args.json:
                sys.stdout.write(json.dumps(res.to_json(), ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(f"{n}: " + "\n".join(res.lines()) + "\n")
    except UnicodeDecodeError:
        print(f"assist complaints risk: {args.file or '-'}:{n + 1}: not UTF-8 text; save the file as UTF-8", file=sys.stderr)
        return 2
    finally:
        if stream is not sys.stdin:
            stream.close()
    return 0


def run_export(args: argparse.Namespace, ctx: Context) -> int:
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


def run_list(args: argparse.Namespace, ctx: Context) -> int:
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
            due = (r.due_date or "") + ("（约定）" if r.due_basis == "agreed" else "")
            print(f"{r.ticket_no}\t{r.status}\t{r.level}\t{due}\t{left}\t{r.complainant_masked}\t{r.sync_state}")
    return 0
