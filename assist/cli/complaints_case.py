"""`assist complaints show|status|extend|pause|resume|repeat|review|agree|documents|assign|report|link-call|reveal`:
one complaint as a case.

Registered by :mod:`assist.cli.complaints` (not a command module of its own). Thin over
:mod:`assist.core.complaints.case`: exit 0 done, 1 refused by the rules (reason printed,
Chinese / English), 2 usage error (unknown ticket, unreadable date, no actor).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assist.core.clock import local_minute

if TYPE_CHECKING:
    from assist.app import Context

STATUSES = ("受理", "处理中", "已答复", "核查中", "已办结", "已撤回", "不予办理")
REMEDIES = ("核查", "调解", "仲裁", "诉讼")
NOTICE_METHODS = ("书面", "邮寄", "短信", "邮件", "电话", "协商约定")
PAUSE_TYPES = ("鉴定", "检测", "评估", "调解")
APPROVER_ROLES = ("上级机构", "总行高管")


def register(cs: argparse._SubParsersAction) -> None:
    def add(name: str, help_: str, func: Callable) -> argparse.ArgumentParser:
        p = cs.add_parser(name, help=help_)
        p.add_argument("ticket", metavar="TICKET", help="ticket number (or id)")
        if name != "show":
            p.add_argument("--actor", help="staff id recorded in the audit trail (default: setting agent.staff_id)")
        p.set_defaults(func=func)
        return p

    s = add("show", "show one complaint: masked record, status, due date, days left, alerts, what was done", run_show)
    s.add_argument("--json", action="store_true")
    s.add_argument("--audit", action="store_true", help="also the audit trail: every changed field, masked (for auditors)")
    s.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    st = add("status", "change the status (受理 → 处理中 → 已答复 → 核查中 → 已办结; 已撤回; 不予办理)", run_status)
    st.add_argument("--to", required=True, choices=STATUSES, metavar="STATUS", help="/".join(STATUSES))
    st.add_argument("--reason", default="", help="reason (required for 不予办理)")
    st.add_argument("--at", help="when it happened (ISO; default now): withdrawal received, review requested")
    st.add_argument("--decision", default="", help="decision notice: what was verified and decided (已答复)")
    st.add_argument("--basis", default="", help="decision notice: basis and reasons")
    st.add_argument("--remedies", default="", help="remedies told, comma-separated: " + ",".join(REMEDIES))
    st.add_argument("--notice-method", default="", help="/".join(NOTICE_METHODS))
    st.add_argument("--notice-sent-at", default="", metavar="ISO", help="when the notice was sent / the call placed")
    st.add_argument("--evidence", default="", metavar="REF", help="evidence of the notice (SMS id, recording, post receipt)")
    st.add_argument("--unreachable", action="store_true", help="the complainant could not be reached (Art 21)")
    st.add_argument("--reviewer", default="", help="review decision (核查中 → 已办结, Art 20): the superior institution's reviewer")
    st.add_argument("--decided-at", default="", metavar="DATE", help="review decision: the date it was decided")
    ex = add("extend", "extend the handling limit to 30 days, or 60 with an approver and a notice; --reason required (Art 18)",
             run_extend)
    ex.add_argument("--days", type=int, required=True, choices=(30, 60))
    ex.add_argument("--reason", default="", help="why: 情况复杂 (30) / 特别复杂或特殊原因 (60)")
    ex.add_argument("--approver", default="", choices=("", *APPROVER_ROLES), help="/".join(APPROVER_ROLES) + " (60 days)")
    ex.add_argument("--approver-name", default="", metavar="N")
    ex.add_argument("--notified-at", metavar="ISO", help="when the complainant was told (60 days)")
    pa = add("pause", "a period that does not count (鉴定/检测/评估/调解)", run_pause)
    pa.add_argument("--type", required=True, choices=PAUSE_TYPES, dest="kind")
    pa.add_argument("--from", required=True, metavar="DATE", dest="start")
    pa.add_argument("--to", metavar="DATE", dest="end", help="omit while the pause is still open")
    pa.add_argument("--notified-at", metavar="ISO", help="when the complainant was told of the pause")
    pa.add_argument("--body", default="", help="the external body: 鉴定/检测/评估机构, or the 调解组织 (Art 18, 23)")
    re_ = add("resume", "end the open pause", run_resume)
    re_.add_argument("--to", required=True, metavar="DATE", dest="end")
    rp = add("repeat", "a repeat complaint inside the period: merged, or the clock restarts with new facts", run_repeat)
    rp.add_argument("--received", required=True, metavar="DATE")
    rp.add_argument("--new-facts", action="store_true", help="the repeat brings new facts or reasons")
    rv = add("review", "a review (核查) request: its own 30-day clock; a late request is flagged", run_review)
    rv.add_argument("--requested-at", required=True, metavar="ISO")
    ag = add("agree", "record a reply date agreed with the complainant (Art 21 ¶5): it becomes the due date", run_agree)
    ag.add_argument("--date", required=True, metavar="DATE", dest="agreed", help="the agreed reply date")
    ag.add_argument("--evidence", required=True, metavar="REF", help="evidence of the agreement (call recording id, SMS)")
    ag.add_argument("--agreed-at", metavar="DATE", help="when it was agreed (default today)")
    dc = add("documents", "the Art 14 documents (power of attorney, proof of inheritance) were received", run_documents)
    dc.add_argument("--received-at", required=True, metavar="DATE")
    asg = add("assign", "who checks the complaint (Art 17 recusal: never the staff complained about)", run_assign)
    asg.add_argument("--handler", required=True, help="staff id or name of the handler")
    asg.add_argument("--conflict", choices=("yes", "no"), help="the agent who took it has a direct interest (default: unchanged)")
    rp2 = add("report", "record who was told of a major complaint, and when (Art 29)", run_report)
    rp2.add_argument("--to", required=True, dest="to", help="who was told, e.g. 总行消保部")
    rp2.add_argument("--at", required=True, metavar="ISO", help="when, e.g. 2026-03-02T11:00")
    lc = add("link-call", "link a call (a follow-up about this complaint) to it; both records show the link", run_link_call)
    lc.add_argument("--call", required=True, metavar="CALL_ID", dest="call_id")
    rl = add("reveal", "print one kept full value (e.g. the callback number); needs a reason, recorded in the audit trail",
             run_reveal)
    rl.add_argument("--field", default="contact_phone", choices=("contact_phone", "id_doc_no", "agent_phone", "legal_rep_phone"))
    rl.add_argument("--reason", required=True, help="why the full value is needed (recorded, masked)")


def actor_of(args: argparse.Namespace, ctx: Context) -> str:
    return (getattr(args, "actor", None) or ctx.settings.get("agent.staff_id") or "").strip()


def keyring_cipher() -> Any:
    """The data-key cipher from the OS keyring, or None when no keyring is usable."""
    import keyring

    from assist.core.privacy.crypto import DataKeyInvalid, FieldCipher

    try:
        return FieldCipher.maybe_from_keyring(keyring)
    except DataKeyInvalid:
        return None


def _err(msg: object) -> None:
    print(msg, file=sys.stderr)


def _act(args: argparse.Namespace, ctx: Context, fn: Callable, *a: Any, **kw: Any) -> int:
    from assist.core.complaints.case import CaseInputError, CaseNotFound

    actor = actor_of(args, ctx)
    if not actor:
        _err("需要操作人工号：请设置 agent.staff_id 或加 --actor / no actor: set agent.staff_id or pass --actor")
        return 2
    try:
        res = fn(ctx.open_db(), args.ticket, *a, actor=actor, **kw)
    except (CaseNotFound, CaseInputError) as exc:
        _err(exc)
        return 2
    except ValueError as exc:   # TransitionError, DeadlineError, ComplaintError: refused by the rules
        _err(f"已拒绝 / refused: {exc}")
        return 1
    s = res.saved
    print(f"{s.ticket_no}：已保存第{s.revision}版，期限 {s.due_date or '—'} / saved revision {s.revision}, due {s.due_date or '—'}")
    for n in res.notes:
        print(f"注意 / note: {n}")
    return 0


def run_status(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import change_status
    from assist.core.complaints.lifecycle import DecisionNotice, ReviewDecision

    remedies = tuple(r.strip() for r in args.remedies.replace("，", ",").replace("、", ",").split(",") if r.strip())
    bad = [r for r in remedies if r not in REMEDIES]
    if bad:
        _err(f"--remedies 无效：{'、'.join(bad)}；可选 {','.join(REMEDIES)} / unknown remedies {bad}")
        return 2
    notice = review = None
    if args.reviewer or args.decided_at:   # the superior institution's review decision (Art 20)
        review = ReviewDecision(args.reviewer, args.decision, args.decided_at, args.notice_method, args.notice_sent_at,
                                args.evidence, unreachable=args.unreachable)
    elif args.to == "已答复" or any((args.decision, args.basis, remedies, args.notice_method, args.notice_sent_at, args.evidence)):
        notice = DecisionNotice(args.decision, args.basis, remedies, args.notice_method, args.notice_sent_at,
                                args.evidence, unreachable=args.unreachable)
    return _act(args, ctx, change_status, args.to, at=args.at, reason=args.reason, notice=notice, review=review)


def run_extend(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import extend

    return _act(args, ctx, extend, args.days, approver_role=args.approver, approver=args.approver_name,
                notified_at=args.notified_at, reason=args.reason)


def run_pause(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import pause

    return _act(args, ctx, pause, args.kind, args.start, args.end, notified_at=args.notified_at, body=args.body)


def run_agree(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import agree

    return _act(args, ctx, agree, args.agreed, args.evidence, agreed_at=args.agreed_at)


def run_documents(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import documents_received

    return _act(args, ctx, documents_received, args.received_at)


def run_assign(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import assign_handler

    conflict = None if args.conflict is None else args.conflict == "yes"
    return _act(args, ctx, assign_handler, args.handler, conflict_of_interest=conflict)


def run_report(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import report_major

    return _act(args, ctx, report_major, args.to, args.at)


def run_link_call(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import link_call

    return _act(args, ctx, link_call, args.call_id)


def run_resume(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import resume

    return _act(args, ctx, resume, args.end)


def run_repeat(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import repeat

    return _act(args, ctx, repeat, args.received, args.new_facts)


def run_review(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.complaints.case import request_review

    return _act(args, ctx, request_review, args.requested_at)


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    import datetime as dt

    from assist.core.complaints.case import CaseNotFound, summary

    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
        info = summary(ctx.open_db(), args.ticket, today)
    except (CaseNotFound, ValueError) as exc:
        _err(exc)
        return 2
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=1, default=str))
        return 0
    print("\n".join(show_lines(info, audit=args.audit)))
    return 0


def show_lines(info: dict[str, Any], audit: bool = False) -> list[str]:
    from assist.core.complaints.model import LABELS

    left = info["days_left"]
    left_s = "—" if left is None else (f"剩余 {left} 天 / {left} day(s) left" if left >= 0 else f"已逾期 {-left} 天 / {-left} day(s) overdue")
    basis = ("约定日期（第二十一条） / agreed (Art 21)" if info["due_basis"] == "agreed"
             else f"{info['limit'] or '—'}日 / days（第十八条）")
    out = [f"{info['ticket_no']}  状态 status: {info['status']}  等级 level: {info['level']}  风险 flags: {'、'.join(info['risk_flags']) or '—'}",
           f"收到 received: {info['received_at']}  期限 due: {info['due_date'] or '—'}（{basis}）  {left_s}"
           + ("  [中止计时中 / paused]" if info["paused"] else "") + ("  [预计 / projected]" if info["due_projected"] else "")]
    if info["due_basis"] == "agreed":
        out.append(f"按第十八条计算的期限 / Art 18 limit: {info['statutory_due_date']}")
    if info["restarts"]:
        out.append(f"重新计算 restarted: {'、'.join(info['restarts'])}（新事实或理由，第十八条）  计时起点 clock start: {info['clock_started_at']}")
    if info["extension_reason"]:
        out.append(f"延期原因 extension reason: {info['extension_reason']}")
    if info["documents_pending"]:
        out.append(f"待补材料 documents pending: {'、'.join(info['documents_pending'])}  补交日期 due: {info['documents_due_date'] or '—'}（第十四条）")
    if info["handler"] or info["conflict_of_interest"]:
        out.append(f"核查处理人员 handler: {info['handler'] or '—'}" + ("  [受理人有利害关系 / conflict of interest]" if info["conflict_of_interest"] else ""))
    for r in info["major_reports"]:
        out.append(f"重大投诉报告 report (Art 29): {r.get('to')}  {r.get('at')}  by {r.get('by', '')}")
    for c in info["calls"]:
        out.append(f"通话 call: {c['call_id']}  ({'受理 intake' if c['role'] == 'intake' else '跟进 follow-up'})")
    for a in info["alerts"]:
        mark = {"warn": "⚠ 预警 / warning", "overdue": "‼ 逾期 / overdue"}.get(a["kind"], "ℹ 提示 / info")
        out.append(f"{mark}: {a['message']}" + (f" / {a['message_en']}" if a.get("message_en") else ""))
    for p in info["pauses"]:
        out.append(f"中止 pause: {p.get('type')} {p.get('body') or ''} {p.get('from')} → {p.get('to') or '…'}  告知 told: {p.get('notified_at') or '—'}")
    if info["review"]:
        r = info["review"]
        out.append(f"核查 review: 申请 requested {r['requested_at']}  期限 due {r['due_date']}" + ("  [逾期申请 / late request]" if r["late"] else ""))
    out.append("可改为 next: " + ("、".join(info["next_statuses"]) or "—（已终结 / closed）"))
    out.append("记录（脱敏） / record (masked):")
    rec = info["record"]
    for k, (zh, en) in LABELS.items():
        v = rec.get(k)
        if v not in (None, "", [], False):
            out.append(f"  {zh} {en}: {'、'.join(map(str, v)) if isinstance(v, list) else v}")
    out.append("处理记录 / what was done:")
    for a in info["actions"]:
        out.append(f"  {a['at']}  {a['actor']}  {a['zh']}" + (f" / {a['en']}" if a["en"] and a["en"] != a["zh"] else ""))
    if audit:
        out.append("审计记录（脱敏） / audit trail (masked):")
        for h in info["history"]:
            change = f"{h['field']}: {h['old'] or ''} → {h['new'] or ''}" if h["field"] else (h["new"] or "")
            out.append(f"  {local_minute(h['at'])}  {h['actor']}  {h['action']}  {change}")
    return out


def run_reveal(args: argparse.Namespace, ctx: Context) -> int:
    """The explicit, audited way to see a full value that is stored encrypted."""
    from assist.core.complaints import protect, repo
    from assist.core.complaints.model import ComplaintError

    actor = actor_of(args, ctx)
    if not actor:
        _err("需要操作人工号：请设置 agent.staff_id 或加 --actor / no actor: set agent.staff_id or pass --actor")
        return 2
    db = ctx.open_db()
    data = repo.get_complaint(db, args.ticket)
    if data is None:
        _err(f"找不到投诉 {args.ticket} / no complaint {args.ticket}")
        return 2
    try:
        value = protect.reveal(db, data["id"], args.field, keyring_cipher(), actor, args.reason)
    except ComplaintError as exc:
        _err(f"已拒绝 / refused: {exc}")
        return 1
    print(value)
    return 0
