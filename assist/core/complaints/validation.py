"""Form validation and prefill (Art 13–14 of 原银保监会令2020年第3号).

``validate(form) -> list[FieldError]``: every message says which field, what is wrong and
how to fix it (Simplified Chinese, with an English key and message).
``prefill(call_context)``: fields the bank already holds come from the call context and
are not asked again (Art 13: the institution may not ask for what it already holds).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from assist.core.complaints.model import COMPLAINANT_TYPES, Complaint, FieldError, label
from assist.core.complaints.taxonomy import Taxonomy, load_taxonomy
from assist.core.text import LINE_MAX, TEXT_MAX

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_RID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_MOBILE = re.compile(r"^(?:\+?86|0086)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(?:转\d{1,6})?$")
_AUTH = re.compile(r"(密码|口令|验证码|校验码|动态码|CVV2?|CVN2?|安全码)\D{0,4}\d{3,8}", re.I)

BASE_REQUIRED = ("agent_id", "org_unit", "source", "received_at", "complainant_type", "complainant_name",
                 "contact_phone", "respondent_org", "channel_A", "business_B", "reason_C",
                 "request", "facts", "demand_D")
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


def required_fields(complainant_type: str, source: str = "") -> tuple[str, ...]:
    extra = TYPE_REQUIRED.get(complainant_type, ())
    return BASE_REQUIRED + extra + (("regulator_ref",) if source == "监管转办" else ())


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


def validate(form: Complaint | dict[str, Any], taxonomy: Taxonomy | None = None,
             today: dt.date | None = None) -> list[FieldError]:
    c = form if isinstance(form, Complaint) else Complaint.from_dict(form)
    tax = taxonomy or load_taxonomy()
    errs: list[FieldError] = []
    if c.complainant_type not in COMPLAINANT_TYPES:
        errs.append(_err("complainant_type", f"“{c.complainant_type}”不是可选类型", f"请选择{'/'.join(COMPLAINANT_TYPES)}之一",
                         "invalid", f"{c.complainant_type!r} is not a type", "choose one of the listed types"))
    extra = TYPE_REQUIRED.get(c.complainant_type, ())
    for f in required_fields(c.complainant_type, c.source):
        if _empty(getattr(c, f)):
            if f in extra:
                fix, fix_en = f"投诉人类型为“{c.complainant_type}”时必填，请填写（第十三、十四条）", "required for this complainant type (Art 13-14)"
            elif f == "regulator_ref":
                fix, fix_en = "来源为“监管转办”时必填，请照转办单填写编号", "required for regulator referrals; copy it from the referral"
            else:
                fix, fix_en = "该项为必填，请填写", "this field is required"
            errs.append(_err(f, "未填写", fix, "required", "missing", fix_en))
    have = {e.field for e in errs}
    _check_choices(c, tax, have, errs)
    _check_formats(c, have, errs, today or dt.date.today())
    _check_type_rules(c, errs)
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
    for f, dim in (("channel_A", "A_channel"), ("business_B", "B_business"), ("reason_C", "C_reason"),
                   ("business_B_sub", "B_business_sub"), ("ins_issue", "INS_issue"), ("ins_line", "INS_line")):
        v = getattr(c, f)
        if v and f not in have and not tax.has(dim, v):
            errs.append(_err(f, f"代码“{v}”不在分类表中", "请从下拉列表重新选择", "unknown_code", f"code {v!r} unknown", "pick from the list"))
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
            errs.append(_err("received_at", f"“{c.received_at}”不是日期时间", "请按 2026-03-01 14:30 的格式填写", "format", "not a date-time", "use YYYY-MM-DD HH:MM"))
    if c.amount_involved:
        try:
            amt = Decimal(c.amount_involved.replace(",", "").replace("，", ""))
            if amt < 0 or amt.as_tuple().exponent < -2:
                raise InvalidOperation
        except InvalidOperation:
            errs.append(_err("amount_involved", f"“{c.amount_involved}”不是有效金额", "请填写不小于0、最多两位小数的人民币金额，如 1234.50",
                             "invalid", "not a valid amount", "a non-negative CNY amount with at most 2 decimals"))
    for f in ("request", "facts", "basis", "account_ref", "product_name"):
        if _AUTH.search(getattr(c, f)):
            errs.append(_err(f, "含有密码、验证码或CVV等鉴别信息", "请删除这部分内容；银行不收集此类信息", "auth_data",
                             "contains a PIN, code or CVV", "delete it; the bank never records these"))


def _check_type_rules(c: Complaint, errs: list[FieldError]) -> None:
    if c.source == "监管转办" and c.regulator_ref and not re.fullmatch(r"[\w\-－/]{4,40}", c.regulator_ref.strip()):
        errs.append(_err("regulator_ref", "格式不对", "请照转办单填写编号（4–40位字母、数字或-）", "format", "bad format", "copy it from the referral"))
    if c.complainant_type == "委托代理人" and not c.poa_received:
        errs.append(_err("poa_received", "尚未确认收到授权委托书", "请取得消费者签名或盖章的授权委托书原件后勾选（第十四条）",
                         "required", "power of attorney not received", "obtain the signed original, then tick (Art 14)"))
    if c.complainant_type == "继承人" and not c.heir_proof_received:
        errs.append(_err("heir_proof_received", "尚未确认收到继承关系证明", "请取得继承关系证明材料后勾选（第十四条）",
                         "required", "proof of inheritance not received", "obtain the proof, then tick (Art 14)"))
    if c.complainant_type == "单位" and c.complainant_name and c.legal_rep_name \
            and c.complainant_name.strip() != c.legal_rep_name.strip() and not c.poa_received:
        errs.append(_err("poa_received", "联系人不是法定代表人，尚未确认收到单位授权委托书", "请取得单位盖章的授权委托书后勾选（第十三条）",
                         "required_org", "contact is not the legal representative and no authorisation received", "obtain the sealed authorisation (Art 13)"))
