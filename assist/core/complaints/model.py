"""The complaint intake record (domain.md §8, DERIVED) and the field-error type.

Who is who, per complainant type (Art 13–14 of 原银保监会令2020年第3号):

========== ======================== ===========================================
type       complainant_name         extra required
========== ======================== ===========================================
本人        the consumer             —
法定代理人  the consumer (ward)       agent_name (guardian), relationship
委托代理人  the consumer             agent_name; 授权委托书 may be asked for
继承人      the heir (caller)        deceased_name; 继承关系证明 may be asked for
单位        contact person           org_name, org_uscc (valid), legal_rep_name;
                                     单位授权委托书 may be asked for when contact ≠ legal rep
========== ======================== ===========================================

Art 14 (and Art 13 for an organisation's agent): the institution ACCEPTS the complaint and MAY
ask for the documents. A missing document is never a save blocker: :func:`documents_needed`
names what is pending, ``documents_due_date`` is when it is due (a reminder), and the handling
clock runs from receipt regardless.

Which fields are whose (the rest are bookkeeping):

* intake (the form, ``assist complaints add``): identity, respondent, classification, request,
  Art 14 documents, Art 17 recusal (``handler``, ``conflict_of_interest``), Art 21 ¶5 agreement
  (``agreed_due_date``, ``agreed_at``, ``agreement_evidence_ref``), Art 29 facts
  (``people_count``, ``in_person``, ``arising_event``, ``regulator_designated``) and reports
  (``major_reports``: who was told, when);
* policy recorded on the complaint: ``institution_type`` (银行 | 保险: which classification
  applies) and ``receipt_day_counts`` (the counting convention, deadlines.py);
* case actions (``assist.core.complaints.case``): status, extension (with ``extension_reason``),
  pauses (with the external ``body``), repeats and restarts, agreement, documents received,
  handler, reports, the decision notice (Art 19–21) and the review decision (Art 20).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assist.core.text import clean_text, clean_tree

COMPLAINANT_TYPES = ("本人", "法定代理人", "委托代理人", "继承人", "单位")
LEVELS = ("普通", "复杂", "重大")
INSTITUTION_TYPES = ("银行", "保险")


class ComplaintError(ValueError):
    """A save or rule was refused; ``errors`` holds the field errors, if any."""

    def __init__(self, message: str, errors: list[FieldError] | None = None):
        super().__init__(message)
        self.errors = errors or []


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str          # Simplified Chinese: which field, what is wrong, how to fix it
    key: str = ""         # stable English key, e.g. "contact_phone.invalid"
    message_en: str = ""

    def as_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)


@dataclass
class Complaint:
    # identity and bookkeeping
    id: str = ""
    ticket_no: str = ""
    created_at: str = ""
    updated_at: str = ""
    agent_id: str = ""
    org_unit: str = ""
    institution_type: str = "银行"          # 银行: JR/T 0169-2018 A/B/C; 保险: insurer classes
    receipt_day_counts: bool = False        # counting convention (setting complaints.receipt_day_counts)
    call_id: str = ""                       # the call during which it was taken
    linked_calls: list[dict[str, str]] = field(default_factory=list)   # later calls: call_id, at, by
    # intake
    source: str = ""
    regulator_ref: str = ""
    received_at: str = ""
    complainant_type: str = "本人"
    complainant_name: str = ""
    id_doc_type: str = ""
    id_doc_no: str = ""
    contact_phone: str = ""
    contact_address: str = ""
    relationship: str = ""
    agent_name: str = ""
    agent_id_no: str = ""
    agent_phone: str = ""
    poa_received: bool = False
    deceased_name: str = ""
    heir_proof_received: bool = False
    documents_pending: list[str] = field(default_factory=list)   # Art 14: set at save from documents_needed()
    documents_due_date: str = ""            # Art 14: when the documents asked for are due (a reminder)
    documents_received_at: str = ""
    org_name: str = ""
    org_uscc: str = ""
    org_address: str = ""
    legal_rep_name: str = ""
    legal_rep_id_no: str = ""
    legal_rep_phone: str = ""
    # what is complained about
    respondent_org: str = ""
    respondent_staff: str = ""
    respondent_staff_unit: str = ""
    channel_A: str = ""
    business_B: str = ""
    business_B_sub: str = ""
    reason_C: str = ""
    ins_issue: str = ""
    ins_line: str = ""
    product_name: str = ""
    account_ref: str = ""
    request: str = ""
    facts: str = ""
    basis: str = ""
    demand_D: list[str] = field(default_factory=list)
    amount_involved: str = ""
    # Art 17 recusal
    handler: str = ""                       # who checks the complaint (no direct interest in it)
    conflict_of_interest: bool = False      # the agent taking it has an interest: someone else handles it
    # Art 29 (重大消费投诉): structured facts and who was told
    people_count: str = ""
    in_person: bool = False
    arising_event: str = ""                 # the disaster, safety accident or public-health event it arises from
    regulator_designated: bool = False
    major_reports: list[dict[str, str]] = field(default_factory=list)   # to, at, by
    # Art 21 ¶5: an agreed decision date prevails
    agreed_due_date: str = ""
    agreed_at: str = ""
    agreement_evidence_ref: str = ""
    # risk and clocks
    risk_flags: list[str] = field(default_factory=list)
    level: str = "普通"
    major_grounds: list[str] = field(default_factory=list)   # Art 29 grounds found at save (set by the rules)
    is_repeat: bool = False
    parent_id: str = ""
    complex: bool = False
    extension: str = "none"              # none | 30 | 60
    extension_approver_role: str = ""    # 上级机构 | 总行高管 (60 only)
    extension_approver: str = ""
    extension_notified_at: str = ""
    extension_reason: str = ""
    extended_at: str = ""
    paused_periods: list[dict[str, str]] = field(default_factory=list)   # type, from, to, notified_at, body
    repeats: list[dict[str, Any]] = field(default_factory=list)           # received, new_facts, outcome
    # lifecycle and decision (Art 15, 19–21)
    status: str = "受理"
    decision: str = ""
    decision_basis: str = ""
    remedies_told: list[str] = field(default_factory=list)
    notice_method: str = ""
    notice_sent_at: str = ""
    notice_evidence_ref: str = ""
    review_requested_at: str = ""
    review_reviewer: str = ""               # Art 20: the superior institution's reviewer
    review_decision: str = ""
    review_decided_at: str = ""
    review_notice_method: str = ""
    review_notice_sent_at: str = ""
    review_notice_evidence_ref: str = ""
    withdrawn_at: str = ""
    not_accepted_reason: str = ""
    consent_recording_told: bool = False
    sync_state: str = "pending"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {f.name: (f.default_factory() if f.default is dataclasses.MISSING else f.default)  # type: ignore[operator]
                for f in dataclasses.fields(cls)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Complaint:
        """Build from a form dict; unknown keys are ignored (older drafts still load)."""
        defaults = cls.defaults()
        kw: dict[str, Any] = {}
        for k, v in data.items():
            if k not in defaults or v is None:
                continue
            default = defaults[k]
            if isinstance(default, bool):
                v = v if isinstance(v, bool) else str(v).strip().lower() in ("1", "true", "yes", "是", "y")
            elif isinstance(default, list):
                v = list(v) if isinstance(v, (list, tuple)) else [s.strip() for s in str(v).replace("，", ",").split(",") if s.strip()]
                v = clean_tree(v)
            elif isinstance(default, str):
                v = clean_text(v if isinstance(v, str) else str(v))  # NUL, control chars, lone surrogates
            kw[k] = v
        return cls(**kw)


# Field labels for messages and the form (Simplified Chinese, English).
LABELS: dict[str, tuple[str, str]] = {
    "agent_id": ("受理坐席工号", "agent ID"), "org_unit": ("受理机构", "receiving unit"),
    "source": ("投诉来源", "source"), "regulator_ref": ("监管转办编号", "regulator referral number"),
    "received_at": ("收到投诉时间", "time received"), "complainant_type": ("投诉人类型", "complainant type"),
    "complainant_name": ("投诉人姓名", "complainant name"), "id_doc_type": ("证件类型", "ID document type"),
    "id_doc_no": ("证件号码", "ID number"), "contact_phone": ("联系电话", "contact phone"),
    "contact_address": ("联系地址", "contact address"), "relationship": ("与消费者关系", "relationship"),
    "agent_name": ("代理人姓名", "representative name"), "agent_id_no": ("代理人证件号码", "representative ID"),
    "agent_phone": ("代理人联系电话", "representative phone"), "poa_received": ("授权委托书", "power of attorney"),
    "deceased_name": ("被继承人姓名", "deceased's name"), "heir_proof_received": ("继承关系证明", "proof of inheritance"),
    "org_name": ("单位名称", "organisation name"), "org_uscc": ("统一社会信用代码", "unified social credit code"),
    "org_address": ("单位地址", "organisation address"), "legal_rep_name": ("法定代表人姓名", "legal representative"),
    "legal_rep_id_no": ("法定代表人证件号码", "legal representative ID"), "legal_rep_phone": ("法定代表人联系电话", "legal representative phone"),
    "respondent_org": ("被投诉机构", "institution complained about"), "respondent_staff": ("被投诉人员", "staff complained about"),
    "respondent_staff_unit": ("被投诉人员所在部门", "staff member's unit"),
    "channel_A": ("业务办理渠道（A）", "channel (A)"), "business_B": ("业务类别（B）", "business category (B)"),
    "business_B_sub": ("业务子类", "business sub-category"), "reason_C": ("投诉原因（C）", "reason (C)"),
    "ins_issue": ("保险纠纷类型", "insurance issue"), "ins_line": ("险种", "insurance line"),
    "product_name": ("产品名称", "product"), "account_ref": ("涉及账户/卡号", "account"),
    "request": ("投诉请求", "request"), "facts": ("主要事实", "main facts"), "basis": ("相关依据", "basis"),
    "demand_D": ("诉求", "demand"), "amount_involved": ("涉及金额", "amount involved"),
    "institution_type": ("机构类型", "institution type"), "receipt_day_counts": ("期限计算方式", "counting convention"),
    "call_id": ("受理通话", "intake call"),
    "documents_pending": ("待补材料", "documents pending"), "documents_due_date": ("补交材料日期", "documents due"),
    "documents_received_at": ("材料收到日期", "documents received"),
    "handler": ("核查处理人员", "handler"), "conflict_of_interest": ("受理人有利害关系", "conflict of interest"),
    "people_count": ("投诉人数", "number of complainants"), "in_person": ("现场投诉", "in person"),
    "arising_event": ("引发投诉的事件", "event it arises from"), "regulator_designated": ("监管认定为重大", "designated major by the regulator"),
    "major_reports": ("重大投诉报告记录", "major-complaint reports"), "major_grounds": ("重大投诉依据", "grounds for major"),
    "agreed_due_date": ("约定答复日期", "agreed reply date"), "agreed_at": ("约定时间", "agreed at"),
    "agreement_evidence_ref": ("约定凭证", "evidence of the agreement"),
    "extension_reason": ("延期原因", "extension reason"), "extended_at": ("延期决定日期", "extension decided"),
    "review_reviewer": ("核查人员", "reviewer"), "review_decision": ("核查决定", "review decision"),
    "review_decided_at": ("核查决定日期", "review decided"), "review_notice_method": ("核查告知方式", "review notice method"),
    "review_notice_sent_at": ("核查告知时间", "review notice sent"),
    "review_notice_evidence_ref": ("核查告知凭证", "review notice evidence"),
}


def label(field_name: str) -> tuple[str, str]:
    return LABELS.get(field_name, (field_name, field_name))


def documents_needed(record: Complaint | Mapping[str, Any]) -> tuple[str, ...]:
    """Documents the institution may ask for (Art 13–14) and has not recorded as received."""
    get = record.get if isinstance(record, Mapping) else lambda k, d=None: getattr(record, k, d)
    stored = get("documents_pending")
    if isinstance(record, dict) and isinstance(stored, list) and "documents_pending" in record and get("id"):
        return tuple(stored)   # a saved record: decided at save from the unmasked names
    ctype = get("complainant_type") or ""
    if ctype == "委托代理人" and not get("poa_received"):
        return ("授权委托书",)
    if ctype == "继承人" and not get("heir_proof_received"):
        return ("继承关系证明",)
    name, rep = str(get("complainant_name") or "").strip(), str(get("legal_rep_name") or "").strip()
    if ctype == "单位" and name and rep and name != rep and not get("poa_received"):
        return ("单位授权委托书",)
    return ()
