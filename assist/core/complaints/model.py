"""The complaint intake record (domain.md §8, DERIVED) and the field-error type.

Who is who, per complainant type (Art 13–14 of 原银保监会令2020年第3号):

========== ======================== ===========================================
type       complainant_name         extra required
========== ======================== ===========================================
本人        the consumer             —
法定代理人  the consumer (ward)       agent_name (guardian), relationship
委托代理人  the consumer             agent_name, poa_received = True (授权委托书)
继承人      the heir (caller)        deceased_name, heir_proof_received = True
单位        contact person           org_name, org_uscc (valid), legal_rep_name;
                                     poa_received when contact ≠ legal representative
========== ======================== ===========================================
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from assist.core.text import clean_text, clean_tree

COMPLAINANT_TYPES = ("本人", "法定代理人", "委托代理人", "继承人", "单位")
LEVELS = ("普通", "复杂", "重大")


class ComplaintError(ValueError):
    """A save or rule was refused; ``errors`` holds the field errors, if any."""

    def __init__(self, message: str, errors: list["FieldError"] | None = None):
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
    # risk and clocks
    risk_flags: list[str] = field(default_factory=list)
    level: str = "普通"
    is_repeat: bool = False
    parent_id: str = ""
    complex: bool = False
    extension: str = "none"              # none | 30 | 60
    extension_approver_role: str = ""    # 上级机构 | 总行高管 (60 only)
    extension_approver: str = ""
    extension_notified_at: str = ""
    paused_periods: list[dict[str, str]] = field(default_factory=list)
    # lifecycle and decision (Art 15, 19–21)
    status: str = "受理"
    decision: str = ""
    decision_basis: str = ""
    remedies_told: list[str] = field(default_factory=list)
    notice_method: str = ""
    notice_sent_at: str = ""
    notice_evidence_ref: str = ""
    review_requested_at: str = ""
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
    def from_dict(cls, data: dict[str, Any]) -> "Complaint":
        """Build from a form dict; unknown keys are ignored (older drafts still load)."""
        names = set(cls.field_names())
        kw: dict[str, Any] = {}
        for k, v in data.items():
            if k not in names or v is None:
                continue
            default = getattr(cls, k, None) if k not in ("demand_D", "risk_flags", "paused_periods", "remedies_told") else []
            if isinstance(default, bool):
                v = v if isinstance(v, bool) else str(v).strip().lower() in ("1", "true", "yes", "是", "y")
            elif isinstance(default, list):
                v = list(v) if isinstance(v, (list, tuple)) else [s for s in str(v).replace("，", ",").split(",") if s.strip()]
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
}


def label(field_name: str) -> tuple[str, str]:
    return LABELS.get(field_name, (field_name, field_name))
