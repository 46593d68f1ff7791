"""Status lifecycle and the decision notice (Art 15, 19–21 of 原银保监会令2020年第3号).

受理 → 处理中 → 已答复 → (核查中) → 已办结; 已撤回 (Art 15: handling ends the day the
withdrawal is received) and 不予办理 (with the reason) end it early. Terminal states
cannot be left. ``transition`` returns the changed form fields or raises
:class:`TransitionError` with a message saying what is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from assist.core.complaints.deadlines import as_date

REMEDIES = ("核查", "调解", "仲裁", "诉讼")
NOTICE_METHODS = ("书面", "邮寄", "短信", "邮件", "电话", "协商约定")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "受理": ("处理中", "已撤回", "不予办理"),
    "处理中": ("已答复", "已撤回", "不予办理"),
    "已答复": ("核查中", "已办结", "已撤回"),
    "核查中": ("已办结", "已撤回"),
    "已办结": (),
    "已撤回": (),
    "不予办理": (),
}


class TransitionError(ValueError):
    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class DecisionNotice:
    """What Art 19–21 require the notice to record."""

    decision: str                      # 核实情况与处理决定
    basis: str                         # 依据和理由
    remedies_told: tuple[str, ...]     # 核查、调解、仲裁、诉讼
    method: str                        # 书面|邮寄|短信|邮件|电话|协商约定
    sent_at: str                       # ISO date-time the notice was sent / call placed
    evidence_ref: str = ""             # 留存告知凭证 (Art 21)
    unreachable: bool = False          # complainant could not be reached (Art 21 exception)
    problems: list[str] = field(default_factory=list, compare=False)

    def check(self) -> list[str]:
        out: list[str] = []
        if not self.decision.strip():
            out.append("处理决定未填写：请写明核实的情况和处理决定（第十九条）")
        if not self.basis.strip():
            out.append("依据和理由未填写：请写明作出决定的依据和理由（第十九条）")
        missing = [r for r in REMEDIES if r not in self.remedies_told]
        if missing:
            out.append(f"未告知的救济途径：{'、'.join(missing)}——决定书须告知申请核查、调解、仲裁、诉讼等途径（第十九条）")
        if self.method not in NOTICE_METHODS:
            out.append(f"告知方式“{self.method}”无效：请选择{'/'.join(NOTICE_METHODS)}（第二十一条）")
        if not self.sent_at:
            out.append("告知时间未填写：请记录发出书面/短信/邮件或拨打电话的时间（第二十一条）")
        else:
            try:
                dt.datetime.fromisoformat(self.sent_at)
            except ValueError:
                out.append(f"告知时间“{self.sent_at}”格式不对：请按 2026-03-10 15:00 填写")
        if not self.evidence_ref.strip() and not self.unreachable:
            out.append("告知凭证未记录：请填写短信/邮件/录音/邮寄单号等凭证编号，无法联系的请勾选“无法联系”（第二十一条）")
        return out


def transition(form: dict[str, Any], to: str, *, at: str, reason: str = "",
               notice: DecisionNotice | None = None) -> dict[str, Any]:
    """Return the fields to change for moving ``form`` to status ``to`` (not saved)."""
    cur = form.get("status") or "受理"
    if to not in TRANSITIONS:
        raise TransitionError("status.unknown", f"状态“{to}”不存在：可选 {'、'.join(TRANSITIONS)}")
    if to not in TRANSITIONS.get(cur, ()):
        allowed = "、".join(TRANSITIONS.get(cur, ())) or "无（已是终结状态）"
        raise TransitionError("status.invalid", f"不能从“{cur}”改为“{to}”：当前可改为 {allowed}")
    changes: dict[str, Any] = {"status": to}
    if to == "已撤回":
        changes["withdrawn_at"] = at   # Art 15: handling ends the day the withdrawal is received
    elif to == "不予办理":
        if not reason.strip():
            raise TransitionError("status.reason", "不予办理须写明理由（如非投诉人本人、法定代理人或受托人提出），并告知提出人")
        changes["not_accepted_reason"] = reason.strip()
    elif to == "已答复":
        if notice is None:
            raise TransitionError("status.notice", "改为“已答复”前请填写处理决定告知（决定、依据、救济途径、告知方式和时间）")
        problems = notice.check()
        if problems:
            raise TransitionError("status.notice", "；".join(problems))
        changes.update(decision=notice.decision, decision_basis=notice.basis, remedies_told=list(notice.remedies_told),
                       notice_method=notice.method, notice_sent_at=notice.sent_at, notice_evidence_ref=notice.evidence_ref)
    elif to == "核查中":
        if as_date(at) is None:
            raise TransitionError("status.review", "请填写核查申请日期")
        changes["review_requested_at"] = at
    return changes


def clock_for(form: dict[str, Any]):  # -> HandlingClock | None
    """The handling clock described by a form's fields (None before ``received_at`` is set)."""
    from assist.core.complaints.deadlines import HandlingClock, Pause

    received = as_date(form.get("received_at"))
    if received is None:
        return None
    pauses = tuple(Pause(p.get("type", p.get("kind", "")), as_date(p.get("from") or p.get("start")),  # type: ignore[arg-type]
                         as_date(p.get("to") or p.get("end")), as_date(p.get("notified_at")))
                   for p in form.get("paused_periods") or [])
    ext = str(form.get("extension") or "none")
    if ext == "none" and form.get("complex"):
        ext = "30"
    return HandlingClock(received=received, extension=ext if ext in ("none", "30", "60") else "none",
                         approver_role=form.get("extension_approver_role", ""), approver=form.get("extension_approver", ""),
                         extension_notified_at=as_date(form.get("extension_notified_at")), pauses=pauses,
                         decided_at=as_date(form.get("notice_sent_at")))
