"""One intake, from the form or from outside (``assist complaints add``, a CRM, a softphone).

* :class:`IntakePolicy`: the settings an intake depends on (institution type, counting
  convention, how many days the Art 14 documents are given, the agent and unit).
* :func:`apply_defaults`: what the form prefills, applied the same way to every intake (only
  empty fields are filled): the policy values, the documents due date, when an agreement was made.
* :func:`parse_intake`: a JSON object with the export's field names, checked strictly: an
  unknown key, a key the system assigns (``ticket_no``, ``due_date`` …) or one a case action
  records (status, extension, pauses …) is an error naming the field and saying what to do,
  so nothing the caller sent is silently dropped. Then :func:`validation.validate` runs, as
  for the form.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from assist.core.complaints.clocks import date_or_none
from assist.core.complaints.model import Complaint, FieldError, documents_needed

DOCUMENTS_DAYS = 7   # DERIVED house policy: the Measures set no period for Art 14 documents
CALL_SOURCES = ("客服热线",)   # a complaint from these sources is received when the call is taken


HOTLINE_SOURCE = "客服热线"
HOTLINE_CHANNEL = "A0302"   # JR/T 0169 A 电子渠道/电话 (our code; see kb/taxonomy/complaint.yaml)


def call_context_defaults(started_at: dt.datetime, *, phone: str = "", customer_name: str = "") -> dict[str, str]:
    """What a call taken on the hotline tells a complaint form: when it started (the receipt),
    the source and channel, and what the softphone knew (kept in memory only)."""
    return {"call_started_at": started_at.strftime("%Y-%m-%dT%H:%M"), "source": HOTLINE_SOURCE,
            "channel_A": HOTLINE_CHANNEL, "phone": phone, "customer_name": customer_name}


def receipt_is_the_call(source: str) -> bool:
    """A hotline complaint is received on the call (the form holds the time); a referral, letter
    or e-mail may have reached the institution days earlier, so its receipt time is typed in."""
    return source in CALL_SOURCES

# Assigned by the system at save, or computed by the deadline engine: never taken as input.
SYSTEM_FIELDS = {
    "id": "投诉单编号由系统生成 / assigned when saved",
    "ticket_no": "受理编号在保存时生成 / assigned when saved",
    "created_at": "保存时记录 / recorded when saved", "updated_at": "保存时记录 / recorded when saved",
    "revision": "保存时记录 / recorded when saved", "sync_state": "同步状态由系统维护 / kept by sync",
    "status": "新投诉的状态为“受理”；之后用 assist complaints status 修改 / a new complaint is 受理; use `assist complaints status`",
    "level": "风险等级由规则评估（第二十九条事实、风险词）/ assessed from the Art 29 facts and risk words",
    "risk_flags": "风险标签由规则评估 / assessed by the risk rules",
    "major_grounds": "重大投诉依据由规则评估（第二十九条）/ assessed from the Art 29 facts",
    "documents_pending": "待补材料由投诉人类型和已收材料得出（第十四条）/ derived from the complainant type and documents received",
    "due_date": "答复期限由期限引擎计算；约定的答复日期请用 agreed_due_date（第二十一条）/ computed; an agreed date is agreed_due_date",
    "due_basis": "由期限引擎计算 / computed", "handling_limit": "由期限引擎计算 / computed",
    "clock_started_at": "由期限引擎计算 / computed", "due_projected": "由期限引擎计算 / computed",
    "unmasked_fields": "导出时的标记 / an export marker",
}
# Recorded later by a case action, with its own rules (each has its command).
CASE_FIELDS = {
    "complex": "extend", "extension": "extend", "extension_approver_role": "extend", "extension_approver": "extend",
    "extension_notified_at": "extend", "extension_reason": "extend", "extended_at": "extend",
    "paused_periods": "pause", "repeats": "repeat", "decision": "status", "decision_basis": "status",
    "remedies_told": "status", "notice_method": "status", "notice_sent_at": "status", "notice_evidence_ref": "status",
    "withdrawn_at": "status", "not_accepted_reason": "status", "review_requested_at": "review",
    "review_reviewer": "status", "review_decision": "status", "review_decided_at": "status",
    "review_notice_method": "status", "review_notice_sent_at": "status", "review_notice_evidence_ref": "status",
    "linked_calls": "link-call", "documents_received_at": "documents",
}
INTAKE_FIELDS = tuple(f for f in Complaint.field_names() if f not in SYSTEM_FIELDS and f not in CASE_FIELDS)


@dataclass(frozen=True)
class IntakePolicy:
    institution_type: str = "银行"
    receipt_day_counts: bool = False
    documents_days: int = DOCUMENTS_DAYS
    agent_id: str = ""
    org_unit: str = ""

    @classmethod
    def from_settings(cls, settings: Any) -> IntakePolicy:
        get = settings.get
        return cls(institution_type=get("org.institution_type") or "银行",
                   receipt_day_counts=bool(get("complaints.receipt_day_counts")),
                   documents_days=int(get("complaints.documents_days") or DOCUMENTS_DAYS),
                   agent_id=get("agent.staff_id") or "", org_unit=get("org.name") or "")

    def documents_due(self, received_at: Any) -> str:
        """The default date the Art 14 documents are due: receipt + ``documents_days``."""
        d = date_or_none(received_at)
        return (d + dt.timedelta(days=self.documents_days)).isoformat() if d else ""


def apply_defaults(data: dict[str, Any], policy: IntakePolicy | None = None, *, now: str = "") -> dict[str, Any]:
    """The form's prefills, for any intake: fills only what is empty (never overwrites)."""
    policy = policy or IntakePolicy()
    out = dict(data)
    for key, value in (("institution_type", policy.institution_type), ("agent_id", policy.agent_id),
                       ("org_unit", policy.org_unit)):
        if not out.get(key) and value:
            out[key] = value
    if "receipt_day_counts" not in out:
        out["receipt_day_counts"] = policy.receipt_day_counts
    if documents_needed(out) and not out.get("documents_due_date"):
        out["documents_due_date"] = policy.documents_due(out.get("received_at"))
    if out.get("agreed_due_date") and not out.get("agreed_at") and now:
        out["agreed_at"] = now[:16]
    return out


def _type_ok(default: Any, value: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, list):
        return isinstance(value, list) or isinstance(value, str)
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def parse_intake(obj: Any) -> tuple[dict[str, Any], list[FieldError]]:
    """A JSON intake object → (form data, errors). Errors name the field and how to fix it."""
    if not isinstance(obj, dict):
        return {}, [FieldError("", "投诉内容须是一个 JSON 对象，如 {\"complainant_name\": \"张三\", …}",
                               "intake.not_object", "the intake must be one JSON object with the export's field names")]
    defaults = Complaint.defaults()
    errors: list[FieldError] = []
    data: dict[str, Any] = {}
    for key, value in obj.items():
        if key in SYSTEM_FIELDS:
            errors.append(FieldError(key, f"{key}：不能由外部填写，{SYSTEM_FIELDS[key]}。请删除该项",
                                     f"{key}.system", f"{key} cannot be given: {SYSTEM_FIELDS[key]}; remove it"))
        elif key in CASE_FIELDS:
            cmd = CASE_FIELDS[key]
            errors.append(FieldError(key, f"{key}：受理时不填写，保存后用 assist complaints {cmd} 记录（有各自的规则和审计）",
                                     f"{key}.case_action", f"{key} is recorded after intake with `assist complaints {cmd}`"))
        elif key not in defaults:
            near = difflib.get_close_matches(key, INTAKE_FIELDS, n=1)
            hint = f"，是否是 {near[0]}？" if near else "。"
            errors.append(FieldError(key, f"{key}：不是投诉单的字段{hint}字段名同导出文件（README：assist complaints add）",
                                     f"{key}.unknown", f"{key} is not a complaint field" + (f"; did you mean {near[0]}?" if near else "")))
        elif value is None:
            continue
        elif not _type_ok(defaults[key], value):
            want = {bool: "true/false", list: "列表 [..] / a list"}.get(type(defaults[key]), "文字 / text")
            errors.append(FieldError(key, f"{key}：类型不对，应为 {want}", f"{key}.type", f"{key} has the wrong type; expected {want}"))
        else:
            data[key] = value
    return data, errors
