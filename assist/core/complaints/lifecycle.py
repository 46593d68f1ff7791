"""Status lifecycle and the decision notice (Art 15, 19–21 of 原银保监会令2020年第3号).

受理 → 处理中 → 已答复 → (核查中) → 已办结; 已撤回 (Art 15: handling ends the day the
withdrawal is received) and 不予办理 (with the reason) end it early. Terminal states
cannot be left. A review (核查中) is closed with the superior institution's decision and its
notice (:class:`ReviewDecision`, Art 20–21). ``transition`` returns the changed form fields or
raises :class:`TransitionError` with a message saying what is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from assist.core.complaints.clocks import HandlingClock, as_date, date_or_none

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


@dataclass(frozen=True)
class ReviewDecision:
    """Art 20: the superior institution's review decision, and its notice (Art 21)."""

    reviewer: str                      # who reviewed it at the superior institution
    decision: str                      # 核查结论
    decided_at: str                    # ISO date
    method: str                        # 书面|邮寄|短信|邮件|电话|协商约定
    sent_at: str                       # ISO date-time the notice was sent / call placed
    evidence_ref: str = ""
    unreachable: bool = False

    def check(self, form: dict[str, Any] | None = None) -> list[str]:
        form = form or {}
        out: list[str] = []
        reviewer = self.reviewer.strip()
        if not reviewer:
            out.append("核查人员未填写：核查由上级机构作出，请写明核查人员（第二十条）")
        elif reviewer in {str(form.get(k) or "").strip() for k in ("handler", "respondent_staff", "agent_id")} - {""}:
            out.append("核查人员不能是原处理人、受理人或被投诉人员：请由与事项无直接利害关系的上级机构人员核查（第十七条、第二十条）")
        if not self.decision.strip():
            out.append("核查决定未填写：请写明核查结论（第二十条）")
        decided = None
        if not str(self.decided_at or "").strip():
            out.append("核查决定日期未填写：请按 2026-04-10 填写（第二十条）")
        else:
            try:
                decided = as_date(self.decided_at)
            except ValueError:
                out.append(f"核查决定日期“{self.decided_at}”格式不对：请按 2026-04-10 填写（第二十条）")
        requested = date_or_none(form.get("review_requested_at"))
        if decided is not None and requested is not None and decided < requested:
            out.append(f"核查决定日期 {decided} 早于核查申请日期 {requested}：请检查（第二十条）")
        if self.method not in NOTICE_METHODS:
            out.append(f"核查结果告知方式“{self.method}”无效：请选择{'/'.join(NOTICE_METHODS)}（第二十一条）")
        if not self.sent_at:
            out.append("核查结果告知时间未填写：请记录发出书面/短信/邮件或拨打电话的时间（第二十一条）")
        else:
            try:
                dt.datetime.fromisoformat(self.sent_at)
            except ValueError:
                out.append(f"核查结果告知时间“{self.sent_at}”格式不对：请按 2026-04-10 15:00 填写（第二十一条）")
        if not self.evidence_ref.strip() and not self.unreachable:
            out.append("核查结果告知凭证未记录：请填写凭证编号，无法联系的请勾选“无法联系”（第二十一条）")
        return out


@dataclass(frozen=True)
class StatusInputs:
    """What moving a complaint from one status to another asks the agent for (the case view shows
    these inputs and nothing else; :func:`transition` checks them)."""

    notice: bool = False          # the decision notice: decision, basis, remedies told, how and when (Art 19-21)
    review: bool = False          # the superior institution's review decision and its notice (Art 20)
    reason: bool = False          # why (不予办理; a withdrawal may say why)
    event_date: bool = False      # the day it happened (review requested, withdrawal received)
    event_date_today: bool = False   # that day defaults to today (a review request is usually logged as it arrives)

    @property
    def decision(self) -> bool:
        """A decision and how it was told (the notice or the review decision)."""
        return self.notice or self.review


def status_inputs(current: str, to: str) -> StatusInputs:
    """The inputs a change from ``current`` to ``to`` needs (Art 15, 19-21)."""
    current = current or "受理"
    return StatusInputs(notice=to == "已答复", review=to == "已办结" and current == "核查中",
                        reason=to in ("不予办理", "已撤回"), event_date=to in ("核查中", "已撤回"),
                        event_date_today=to == "核查中")


def transition(form: dict[str, Any], to: str, *, at: str, reason: str = "",
               notice: DecisionNotice | None = None, review: ReviewDecision | None = None) -> dict[str, Any]:
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
    elif to == "已办结" and cur == "核查中":
        if review is None:
            raise TransitionError("status.review_decision", "核查中的投诉办结前请填写上级机构的核查决定（核查人员、决定、日期、告知方式和时间）（第二十条）")
        problems = review.check(form)
        if problems:
            raise TransitionError("status.review_decision", "；".join(problems))
        changes.update(review_reviewer=review.reviewer.strip(), review_decision=review.decision, review_decided_at=review.decided_at,
                       review_notice_method=review.method, review_notice_sent_at=review.sent_at,
                       review_notice_evidence_ref=review.evidence_ref)
    return changes


def clock_for(form: dict[str, Any]) -> HandlingClock | None:
    """The handling clock described by a form's fields (None before ``received_at`` is set).
    The deadline engine's reading (``deadlines.clock_from_record``); kept for callers."""
    from assist.core.complaints.deadlines import clock_from_record

    return clock_from_record(form)
