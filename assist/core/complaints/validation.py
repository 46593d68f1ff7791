"""Form validation and prefill (原银保监会令2020年第3号 Art 13–14, 17, 18, 21, 29; JR/T 0169-2018).

``validate(form) -> list[FieldError]``: every message says which field, what is wrong and
how to fix it (Simplified Chinese, with an English key and message), and names the article
where a rule comes from one. The form and ``assist complaints add`` use this one function.
``prefill(call_context)``: fields the bank already holds come from the call context and
are not asked again (Art 13: the institution may not ask for what it already holds).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from assist.core.complaints.clocks import date_or_none
from assist.core.complaints.model import COMPLAINANT_TYPES, INSTITUTION_TYPES, Complaint, FieldError, documents_needed, label
from assist.core.complaints.taxonomy import Taxonomy
from assist.core.text import LINE_MAX, TEXT_MAX

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_RID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_MOBILE = re.compile(r"^(?:\+?86|0086)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(?:转\d{1,6})?$")
_AUTH = re.compile(r"(密码|口令|验证码|校验码|动态码|CVV2?|CVN2?|安全码)\D{0,4}\d{3,8}", re.I)

BASE_REQUIRED = ("agent_id", "org_unit", "source", "received_at", "complainant_type", "complainant_name",
                 "contact_phone", "respondent_org", "request", "facts", "demand_D")
# JR/T 0169-2018 is the BANKING standard; insurers classify by the regulator's insurance headings.
CLASS_REQUIRED = {"银行": ("channel_A", "business_B", "reason_C"), "保险": ("ins_issue", "ins_line")}
BANK_ONLY = ("business_B", "business_B_sub", "reason_C")
MAX_PEOPLE = 100000
TYPE_REQUIRED = {
    "本人": (),
    "法定代理人": ("agent_name", "relationship"),
    "委托代理人": ("agent_name",),
    "继承人": ("deceased_name",),
    "单位": ("org_name", "org_uscc", "legal_rep_name"),
}
CONTEXT_MAP = {  # call-context key -> form field (what the bank already holds)
    "customer_name": "complainant_name", "name": "complainant_name",
    "id_doc_type": "id_doc_type", "id_doc_no": "id_doc_no", "id_no": "id_doc_no",
    "phone": "contact_phone", "mobile": "contact_phone", "contact_phone": "contact_phone",
    "address": "contact_address", "account_ref": "account_ref", "card_no": "account_ref",
    "agent_id": "agent_id", "staff_id": "agent_id", "org_unit": "org_unit", "branch": "org_unit",
    "product_name": "product_name", "call_started_at": "received_at", "received_at": "received_at",
    "source": "source", "channel_A": "channel_A", "respondent_org": "respondent_org",
    "org_name": "org_name", "org_uscc": "org_uscc", "legal_rep_name": "legal_rep_name",
    "call_id": "call_id",
}


def uscc_valid(code: str) -> bool:
    """GB 32100-2015 check character (GB/T 17710 MOD 31). A letter is allowed in position 1
    (registration authority, e.g. ``Y``), unlike python-stdnum's ``validate``."""
    code = code.strip().upper()
    if len(code) != 18 or any(c not in USCC_ALPHABET for c in code) or not code[2:8].isdigit():
        return False
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31] == code[17]


def resident_id_valid(value: str) -> bool:
    v = value.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", v):
        return False
    total = sum(int(c) * w for c, w in zip(v[:17], _RID_WEIGHTS))
    return "10X98765432"[total % 11] == v[17]


def required_fields(complainant_type: str, source: str = "", institution_type: str = "银行") -> tuple[str, ...]:
    extra = TYPE_REQUIRED.get(complainant_type, ())
    return (BASE_REQUIRED + CLASS_REQUIRED.get(institution_type, CLASS_REQUIRED["银行"]) + extra
            + (("regulator_ref",) if source == "监管转办" else ()))


def prefill(context: dict[str, Any], **defaults: Any) -> tuple[Complaint, frozenset[str]]:
    """Form prefilled from the call context; returns (form, fields the bank already holds)."""
    data: dict[str, Any] = dict(defaults)
    held: set[str] = set()
    for key, value in context.items():
        target = CONTEXT_MAP.get(key)
        if target and value not in (None, ""):
            data[target] = value
            held.add(target)
    if "complainant_type" in context:
        data["complainant_type"] = context["complainant_type"]
    return Complaint.from_dict(data), frozenset(held)


def _err(field: str, what_zh: str, fix_zh: str, key: str, what_en: str, fix_en: str) -> FieldError:
    zh, en = label(field)
    return FieldError(field, f"{zh}：{what_zh}。{fix_zh}", f"{field}.{key}", f"{en}: {what_en}. {fix_en}")


def _empty(v: Any) -> bool:
    return v is None or v is False or (isinstance(v, (str, list, tuple)) and not (v.strip() if isinstance(v, str) else v))


def validate(form: Complaint | dict[str, Any], taxonomy: Taxonomy,
             today: dt.date | None = None) -> list[FieldError]:
    """Every problem of the form, checked against ``taxonomy`` (the active KB's)."""
    c = form if isinstance(form, Complaint) else Complaint.from_dict(form)
    tax = taxonomy
    errs: list[FieldError] = []
    if c.complainant_type not in COMPLAINANT_TYPES:
        errs.append(_err("complainant_type", f"“{c.complainant_type}”不是可选类型", f"请选择{'/'.join(COMPLAINANT_TYPES)}之一",
                         "invalid", f"{c.complainant_type!r} is not a type", "choose one of the listed types"))
    if c.institution_type not in INSTITUTION_TYPES:
        errs.append(_err("institution_type", f"“{c.institution_type}”不是可选机构类型", f"请填写{'/'.join(INSTITUTION_TYPES)}（设置 org.institution_type）",
                         "invalid", f"{c.institution_type!r} is not an institution type", "use 银行 or 保险 (setting org.institution_type)"))
    extra = TYPE_REQUIRED.get(c.complainant_type, ())
    classes = CLASS_REQUIRED.get(c.institution_type, ())
    for f in required_fields(c.complainant_type, c.source, c.institution_type):
        if _empty(getattr(c, f)):
            if f in extra:
                fix, fix_en = f"投诉人类型为“{c.complainant_type}”时必填，请填写（第十三、十四条）", "required for this complainant type (Art 13-14)"
            elif f == "regulator_ref":
                fix, fix_en = "来源为“监管转办”时必填，请照转办单填写编号", "required for regulator referrals; copy it from the referral"
            elif f in classes and c.institution_type == "保险":
                fix = "保险机构的投诉按保险纠纷类型和险种分类，请从下拉列表选择"
                fix_en = "insurer complaints are classified by issue and line; pick from the list"
            else:
                fix, fix_en = "该项为必填，请填写", "this field is required"
            errs.append(_err(f, "未填写", fix, "required", "missing", fix_en))
    have = {e.field for e in errs}
    _check_choices(c, tax, have, errs)
    _check_formats(c, have, errs, today or dt.date.today())
    _check_type_rules(c, errs)
    _check_documents(c, have, errs)
    _check_recusal(c, errs)
    _check_agreement(c, have, errs, today or dt.date.today())
    _check_major(c, errs, today or dt.date.today())
    _check_lengths(c, errs)
    return errs


# Free-text fields that may hold paragraphs; every other text field is one line.
LONG_TEXT_FIELDS = frozenset({"request", "facts", "basis", "decision", "decision_basis", "not_accepted_reason",
                              "contact_address", "org_address"})


def _check_lengths(c: Complaint, errs: list[FieldError]) -> None:
    """Bounds from assist.core.text (the receiver applies the same): never cut, always said."""
    for f in Complaint.field_names():
        v = getattr(c, f)
        if not isinstance(v, str):
            continue
        limit = TEXT_MAX if f in LONG_TEXT_FIELDS else LINE_MAX
        if len(v) > limit:
            errs.append(_err(f, f"共{len(v)}字，超过上限{limit}字", "请删减后再保存", "too_long",
                             f"{len(v)} characters; at most {limit}", "shorten it"))


def _check_choices(c: Complaint, tax: Taxonomy, have: set[str], errs: list[FieldError]) -> None:
    if c.source and c.source not in tax.options("sources"):
        errs.append(_err("source", f"“{c.source}”不在来源列表中", "请从下拉列表选择", "invalid", "unknown source", "pick from the list"))
    if c.institution_type == "保险":
        for f in BANK_ONLY:
            if getattr(c, f):
                errs.append(_err(f, f"保险机构的投诉不使用银行业分类代码“{getattr(c, f)}”",
                                 "JR/T 0169-2018 是银行业标准：请清空此项，改选保险纠纷类型和险种", "bank_code",
                                 "JR/T 0169-2018 is the banking standard", "clear it and pick the insurance issue and line"))
                have.add(f)
    for f, dim in (("channel_A", "A_channel"), ("business_B", "B_business"), ("reason_C", "C_reason"),
                   ("business_B_sub", "B_business_sub"), ("ins_issue", "INS_issue"), ("ins_line", "INS_line")):
        v = getattr(c, f)
        if v and f not in have and not tax.has(dim, v):
            errs.append(_err(f, f"代码“{v}”不在分类表中", "请从下拉列表重新选择", "unknown_code", f"code {v!r} unknown", "pick from the list"))
            have.add(f)
    if c.business_B_sub and "business_B_sub" not in have and c.business_B and tax.parent("B_business_sub", c.business_B_sub) != c.business_B:
        parent = tax.parent("B_business_sub", c.business_B_sub)
        sub_label = tax.label("B_business_sub", c.business_B_sub)
        errs.append(_err("business_B_sub", f"子类“{c.business_B_sub} {sub_label}”属于{parent}，不属于所选业务类别{c.business_B}",
                         "请改选业务类别或子类", "parent", f"sub-category belongs to {parent}, not {c.business_B}",
                         "pick a matching category and sub-category"))
    bad = [d for d in c.demand_D if not tax.has("D_demand", d)]
    if bad:
        errs.append(_err("demand_D", f"“{'、'.join(bad)}”不是可选诉求", "请从诉求列表选择", "unknown_code", f"unknown {bad}", "pick from the list"))
    if c.id_doc_type and tax.options("id_doc_types") and c.id_doc_type not in tax.options("id_doc_types"):
        errs.append(_err("id_doc_type", f"“{c.id_doc_type}”不是可选证件类型", "请从下拉列表选择", "invalid", "unknown document type", "pick from the list"))


def _phone_ok(v: str) -> bool:
    return bool(_MOBILE.match(v) or _LANDLINE.match(v))


def _check_formats(c: Complaint, have: set[str], errs: list[FieldError], today: dt.date) -> None:
    for f in ("contact_phone", "agent_phone", "legal_rep_phone"):
        v = re.sub(r"[\s\-()（）]", "", getattr(c, f))
        if v and "*" not in v and not _phone_ok(v):
            errs.append(_err(f, f"“{getattr(c, f)}”不是有效的手机或固定电话号码", "手机填11位（如13812345678），固话带区号（如010-12345678）",
                             "invalid", "not a valid mobile or landline number", "mobile: 11 digits; landline: area code + number"))
    for f in ("id_doc_no", "agent_id_no", "legal_rep_id_no"):
        v = getattr(c, f).strip()
        if v and "*" not in v and (f != "id_doc_no" or c.id_doc_type in ("", "居民身份证")) and len(v) == 18 and not resident_id_valid(v):
            errs.append(_err(f, "身份证号码校验位不正确", "请与客户逐位核对18位号码（末位可能是X）", "checksum",
                             "resident ID check digit is wrong", "re-read the 18 characters with the customer"))
    if c.org_uscc and "org_uscc" not in have and not uscc_valid(c.org_uscc):
        errs.append(_err("org_uscc", f"“{c.org_uscc}”不是有效的18位代码（长度、字符或校验位不对）",
                         "请按营业执照逐位核对；代码不含字母I、O、Z、S、V", "invalid",
                         "not a valid 18-character code (length, characters or check character)", "copy it from the business licence"))
    if c.received_at and "received_at" not in have:
        try:
            when = dt.datetime.fromisoformat(c.received_at)
            if when.date() > today:
                errs.append(_err("received_at", "晚于今天", "请填写实际收到投诉的日期时间", "future", "is in the future", "enter when it was received"))
        except ValueError:
            errs.append(_err("received_at", f"“{c.received_at}”不是日期时间", "请按 2026-03-01 14:30 的格式填写", "format",
                             "not a date-time", "use YYYY-MM-DD HH:MM"))
    if c.amount_involved:
        try:
            amt = Decimal(c.amount_involved.replace(",", "").replace("，", ""))
            exponent = amt.as_tuple().exponent
            if amt < 0 or not isinstance(exponent, int) or exponent < -2:
                raise InvalidOperation
        except InvalidOperation:
            errs.append(_err("amount_involved", f"“{c.amount_involved}”不是有效金额", "请填写不小于0、最多两位小数的人民币金额，如 1234.50",
                             "invalid", "not a valid amount", "a non-negative CNY amount with at most 2 decimals"))
    for f in ("request", "facts", "basis", "account_ref", "product_name", "arising_event", "agreement_evidence_ref"):
        if _AUTH.search(getattr(c, f)):
            errs.append(_err(f, "含有密码、验证码或CVV等鉴别信息", "请删除这部分内容；银行不收集此类信息", "auth_data",
                             "contains a PIN, code or CVV", "delete it; the bank never records these"))


def _check_type_rules(c: Complaint, errs: list[FieldError]) -> None:
    if c.source == "监管转办" and c.regulator_ref and not re.fullmatch(r"[\w\-－/]{4,40}", c.regulator_ref.strip()):
        errs.append(_err("regulator_ref", "格式不对", "请照转办单填写编号（4–40位字母、数字或-）", "format", "bad format", "copy it from the referral"))



def _date_field(c: Complaint, f: str, have: set[str], errs: list[FieldError], article: str) -> dt.date | None:
    v = getattr(c, f)
    if not v or f in have:
        return None
    d = date_or_none(v)
    if d is None:
        errs.append(_err(f, f"“{v}”不是日期", f"请按 2026-03-10 的格式填写（{article}）", "format", "not a date", "write it as YYYY-MM-DD"))
        have.add(f)
    return d


def _check_documents(c: Complaint, have: set[str], errs: list[FieldError]) -> None:
    """Art 14 (Art 13 for an organisation's agent): pending documents are a reminder, never a blocker."""
    pending = documents_needed(c)
    due = _date_field(c, "documents_due_date", have, errs, "第十四条")
    if pending and not c.documents_due_date:
        errs.append(_err("documents_due_date", f"待补{'、'.join(pending)}，未约定补交日期",
                         "投诉照常受理、期限自收到之日起计算；请填写材料补交日期以便提醒（第十四条）", "required",
                         f"{', '.join(pending)} pending and no date set", "the complaint is accepted; set when the documents are due (Art 14)"))
    received = date_or_none(c.received_at)
    if due and received and due < received:
        errs.append(_err("documents_due_date", f"{due} 早于收到投诉日期 {received}", "请填写收到投诉之后的日期（第十四条）",
                         "before_receipt", "is before the complaint was received", "use a later date (Art 14)"))


def _check_recusal(c: Complaint, errs: list[FieldError]) -> None:
    """Art 17: the person who checks the complaint has no direct interest in it."""
    handler = c.handler.strip()
    if c.conflict_of_interest and not handler:
        errs.append(_err("handler", "已勾选受理人与投诉事项有利害关系，但未指定核查处理人员",
                         "请填写与该事项无直接利害关系的同事（工号或姓名）（第十七条）", "recusal_required",
                         "a conflict of interest is ticked but no handler is named", "name a colleague with no interest in it (Art 17)"))
    elif c.conflict_of_interest and handler == c.agent_id.strip():
        errs.append(_err("handler", "受理人与投诉事项有利害关系，不能由本人核查处理", "请改派其他同事（第十七条）",
                         "recusal_self", "the agent has a conflict of interest and cannot handle it", "assign someone else (Art 17)"))
    if handler and c.respondent_staff.strip() and handler == c.respondent_staff.strip():
        errs.append(_err("handler", "被投诉人员不能核查本人被投诉的事项", "请改派与该事项无直接利害关系的同事（第十七条）",
                         "recusal_respondent", "the staff member complained about cannot handle it", "assign someone with no interest (Art 17)"))


def _check_agreement(c: Complaint, have: set[str], errs: list[FieldError], today: dt.date) -> None:
    """Art 21 ¶5: an agreed decision date prevails; keep the evidence of the agreement."""
    agreed = _date_field(c, "agreed_due_date", have, errs, "第二十一条")
    if c.agreed_at and date_or_none(c.agreed_at) is None:
        errs.append(_err("agreed_at", f"“{c.agreed_at}”不是日期时间", "请按 2026-03-10 14:30 的格式填写（第二十一条）",
                         "format", "not a date-time", "use YYYY-MM-DD HH:MM"))
    if not c.agreed_due_date:
        return
    received = date_or_none(c.received_at)
    if agreed and received and agreed < received:
        errs.append(_err("agreed_due_date", f"{agreed} 早于收到投诉日期 {received}", "请核对与投诉人约定的日期（第二十一条）",
                         "before_receipt", "is before the complaint was received", "check the date agreed (Art 21)"))
    if not c.agreement_evidence_ref.strip():
        errs.append(_err("agreement_evidence_ref", "约定了答复日期，但未记录约定凭证",
                         "请填写通话录音编号、短信或书面确认等凭证（第二十一条）", "required",
                         "an agreed date needs its evidence", "give the call recording id, SMS or written confirmation (Art 21)"))


def _check_major(c: Complaint, errs: list[FieldError], today: dt.date) -> None:
    """Art 29: the structured facts of a major complaint and the record of who was told, when."""
    if c.people_count.strip():
        v = c.people_count.strip()
        if not v.isdigit() or not 1 <= int(v) <= MAX_PEOPLE:
            errs.append(_err("people_count", f"“{v}”不是有效人数", "请填写投诉人数（1 以上的整数；20人以上现场投诉为重大投诉，第二十九条）",
                             "invalid", "not a number of people", "a whole number from 1 (Art 29: 20 or more in person is major)"))
    for i, r in enumerate(c.major_reports, 1):
        if not isinstance(r, dict):
            errs.append(_err("major_reports", f"第{i}条报告记录格式不对", "每条写成 {\"to\": 报告对象, \"at\": 报告时间}（第二十九条）",
                             "format", f"entry {i} is not an object", 'write {"to": ..., "at": ...} (Art 29)'))
            continue
        to, at = str(r.get("to") or "").strip(), str(r.get("at") or "").strip()
        when = None
        try:
            when = dt.datetime.fromisoformat(at) if at else None
        except ValueError:
            pass
        if not to or when is None:
            errs.append(_err("major_reports", f"第{i}条报告记录缺少报告对象或时间", "请写明向谁报告（如总行消保部）和报告时间 2026-03-10 14:30（第二十九条）",
                             "incomplete", f"entry {i} needs who was told and when", "write who was told and when (Art 29)"))
        elif when.date() > today:
            errs.append(_err("major_reports", f"第{i}条报告时间 {at} 晚于今天", "请填写实际报告的时间（第二十九条）",
                             "future", f"entry {i} is in the future", "enter when it was reported (Art 29)"))
