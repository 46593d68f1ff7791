"""Form validation per complainant type (Art 13–14), formats, messages, prefill."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.core.complaints.model import Complaint, label
from assist.core.complaints.taxonomy import load_taxonomy
from assist.core.complaints.validation import (
    _USCC_WEIGHTS,
    USCC_ALPHABET,
    prefill,
    required_fields,
    resident_id_valid,
    uscc_valid,
    validate,
)
from tests.conftest import KB

TODAY = dt.date(2026, 3, 10)
TAX = load_taxonomy(KB)
BASE = dict(agent_id="A001", org_unit="北京分行", source="客服热线", received_at="2026-03-02T09:30",
            complainant_type="本人", complainant_name="张三", contact_phone="13812345678",
            respondent_org="北京分行朝阳支行", channel_A="A0302", business_B="B03", reason_C="C07",
            request="退还年费", facts="未告知即扣年费", demand_D=["D02"])
PER_TYPE = {
    "本人": {},
    "法定代理人": {"agent_name": "张父", "relationship": "父子"},
    "委托代理人": {"agent_name": "李律", "poa_received": True},
    "继承人": {"deceased_name": "张老", "heir_proof_received": True},
    "单位": {"org_name": "某某贸易有限公司", "org_uscc": "91350100M000100Y43", "legal_rep_name": "张三"},
}


def fields(errs):
    return {e.field for e in errs}


@pytest.mark.parametrize("ctype", list(PER_TYPE))
def test_complete_form_per_type_is_valid(ctype):
    assert validate({**BASE, "complainant_type": ctype, **PER_TYPE[ctype]}, TAX, today=TODAY) == []


@pytest.mark.parametrize("ctype,missing", [
    ("法定代理人", {"agent_name", "relationship"}),
    ("委托代理人", {"agent_name", "documents_due_date"}),     # Art 14: the documents are a reminder, not a blocker
    ("继承人", {"deceased_name", "documents_due_date"}),
    ("单位", {"org_name", "org_uscc", "legal_rep_name"}),
])
def test_type_specific_fields_required(ctype, missing):
    errs = validate({**BASE, "complainant_type": ctype}, TAX, today=TODAY)
    assert fields(errs) == missing
    for e in errs:
        assert e.message.startswith(label(e.field)[0] + "：") and "请" in e.message
        assert e.key.startswith(e.field + ".") and e.message_en


def test_type_message_says_why():
    e = next(e for e in validate({**BASE, "complainant_type": "单位"}, TAX, today=TODAY) if e.field == "org_uscc")
    assert e.message == "统一社会信用代码：未填写。投诉人类型为“单位”时必填，请填写（第十三、十四条）"


def test_org_contact_not_legal_rep_may_be_asked_for_authorisation_never_blocked():
    form = {**BASE, "complainant_type": "单位", **PER_TYPE["单位"], "complainant_name": "王五"}
    errs = validate(form, TAX, today=TODAY)
    assert [(e.field, e.key) for e in errs] == [("documents_due_date", "documents_due_date.required")]
    assert "单位授权委托书" in errs[0].message and "第十四条" in errs[0].message
    assert validate({**form, "documents_due_date": "2026-03-09"}, TAX, today=TODAY) == []
    assert validate({**form, "poa_received": True}, TAX, today=TODAY) == []


def test_all_base_fields_required_with_clear_messages():
    errs = validate({"complainant_type": "本人"}, TAX, today=TODAY)
    assert fields(errs) == set(required_fields("本人")) - {"complainant_type"}
    phone = next(e for e in errs if e.field == "contact_phone")
    assert phone.message == "联系电话：未填写。该项为必填，请填写" and phone.key == "contact_phone.required"


def test_regulator_referral_needs_reference():
    errs = validate({**BASE, "source": "监管转办"}, TAX, today=TODAY)
    assert [e.field for e in errs] == ["regulator_ref"] and "转办单" in errs[0].message
    assert validate({**BASE, "source": "监管转办", "regulator_ref": "JG-2026-000123"}, TAX, today=TODAY) == []


def test_uscc_check_digit_and_letter_first_position():
    assert uscc_valid("91350100M000100Y43")
    assert uscc_valid("Y1440300MA5DC1234B")          # letter registration authority (stdnum.validate rejects)
    assert not uscc_valid("91350100M000100Y44")
    assert not uscc_valid("91350100M000100I43")        # I not in the alphabet
    assert not uscc_valid("9135010")
    errs = validate({**BASE, "complainant_type": "单位", **PER_TYPE["单位"], "org_uscc": "91350100M000100Y44"}, TAX, today=TODAY)
    assert [e.key for e in errs] == ["org_uscc.invalid"] and "营业执照" in errs[0].message


@settings(max_examples=100, deadline=None)
@given(st.tuples(st.text(alphabet=USCC_ALPHABET, min_size=2, max_size=2), st.text(alphabet="0123456789", min_size=6, max_size=6),
                 st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9)).map("".join))
def test_uscc_agrees_with_stdnum_check_digit(body):
    from stdnum.cn import uscc as stdnum_uscc  # a pinned dependency: never skipped
    t = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, _USCC_WEIGHTS))
    code = body + USCC_ALPHABET[(31 - t % 31) % 31]
    assert uscc_valid(code)
    assert stdnum_uscc.calc_check_digit(body) == code[-1]
    wrong = random.Random(body).choice([c for c in USCC_ALPHABET if c != code[-1]])
    assert not uscc_valid(body + wrong)


def test_resident_id():
    assert resident_id_valid("11010519491231002X") and resident_id_valid("440524188001010014")
    errs = validate({**BASE, "id_doc_type": "居民身份证", "id_doc_no": "110105194912310021"}, TAX, today=TODAY)
    assert [e.key for e in errs] == ["id_doc_no.checksum"]


@pytest.mark.parametrize("phone,ok", [("13812345678", True), ("+86 138-1234-5678", True), ("010-12345678", True),
                                      ("12345", False), ("23812345678", False), ("138****5678", True)])
def test_phone(phone, ok):
    errs = validate({**BASE, "contact_phone": phone}, TAX, today=TODAY)
    assert (errs == []) == ok
    if not ok:
        assert errs[0].key == "contact_phone.invalid" and "11位" in errs[0].message


def test_codes_must_exist_in_taxonomy():
    errs = validate({**BASE, "channel_A": "A77", "business_B": "B03", "reason_C": "C99", "demand_D": ["D02", "D55"]}, TAX, today=TODAY)
    assert {e.key for e in errs} == {"channel_A.unknown_code", "demand_D.unknown_code"}


def test_amount_date_and_auth_data():
    errs = validate({**BASE, "amount_involved": "12.345", "received_at": "2026-04-01T10:00",
                     "facts": "客户说密码是123456"}, TAX, today=TODAY)
    assert {e.key for e in errs} == {"amount_involved.invalid", "received_at.future", "facts.auth_data"}
    assert validate({**BASE, "amount_involved": "1,234.50"}, TAX, today=TODAY) == []
    assert [e.key for e in validate({**BASE, "received_at": "昨天"}, TAX, today=TODAY)] == ["received_at.format"]


def test_prefill_from_call_context_marks_held_fields():
    form, held = prefill({"customer_name": "张三", "phone": "13812345678", "agent_id": "A001", "card_no": "6222021234567890",
                          "unrelated": "x"}, source="客服热线")
    assert isinstance(form, Complaint)
    assert form.complainant_name == "张三" and form.contact_phone == "13812345678" and form.source == "客服热线"
    assert held == {"complainant_name", "contact_phone", "agent_id", "account_ref"}
    remaining = [f for f in required_fields(form.complainant_type) if f not in held]
    assert "contact_phone" not in remaining and "request" in remaining


def test_from_dict_coerces_and_ignores_unknown():
    c = Complaint.from_dict({"poa_received": "是", "demand_D": "D01，D02", "nonsense": 1, "amount_involved": 12})
    assert c.poa_received is True and c.demand_D == ["D01", "D02"] and c.amount_involved == "12"


def test_csv_export_cells_never_start_a_spreadsheet_formula():
    from assist.core.complaints.export import _cell

    assert _cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _cell("+86 138****5678") == "'+86 138****5678" and _cell("@x") == "'@x" and _cell("-1") == "'-1"
    assert _cell("退还年费") == "退还年费" and _cell(["D01", "D02"]) == "D01|D02" and _cell(None) == ""


INSURER = {**{k: v for k, v in BASE.items() if k not in ("business_B", "reason_C")}, "institution_type": "保险",
           "respondent_org": "某某人寿北京分公司", "ins_issue": "I02", "ins_line": "L08", "demand_D": ["D07"]}


def test_insurer_complaints_use_insurer_classes_not_bank_codes():
    assert validate(INSURER, TAX, today=TODAY) == []
    errs = validate({**INSURER, "business_B": "B09", "reason_C": "C05"}, TAX, today=TODAY)
    assert {e.key for e in errs} == {"business_B.bank_code", "reason_C.bank_code"}
    assert all("JR/T 0169-2018 是银行业标准" in e.message for e in errs)
    missing = validate({**INSURER, "ins_issue": "", "ins_line": ""}, TAX, today=TODAY)
    assert {e.field for e in missing} == {"ins_issue", "ins_line"} and "险种" in missing[0].message
    assert "ins_issue" not in required_fields("本人") and "business_B" in required_fields("本人")
    assert [e.key for e in validate({**BASE, "institution_type": "信托"}, TAX, today=TODAY)] == ["institution_type.invalid"]


def test_taxonomy_additions_and_own_codes_marked():
    from assist.core.complaints.taxonomy import load_taxonomy

    t = load_taxonomy(KB)
    cards = t.children("B_business_sub", "B03")
    assert {"信用卡分期", "信用卡盗刷", "信用卡额度"} <= set(cards.values())
    assert all(t.is_own("B_business_sub", c) for c, lab in cards.items() if lab.startswith("信用卡"))
    assert not t.is_own("B_business_sub", "B0301")            # 借记卡使用: the standard's example (M)
    assert t.parent("B_business_sub", "B0309") == "B03" and t.parent("B_business", "B03") is None
    assert {"年金保险", "信用保证保险", "责任保险"} <= set(t.codes["INS_line"].values())
    assert {"协商还款/个性化分期", "征信异议"} <= set(t.codes["D_demand"].values())
    assert all(t.is_own("D_demand", c) for c in t.codes["D_demand"])          # 诉求 is not a dimension of the standard
    assert not t.is_own("INS_issue", "I02") and t.is_own("INS_issue", "I04")  # 理赔纠纷: a bulletin heading


def test_sub_class_must_belong_to_the_category():
    assert validate({**BASE, "business_B_sub": "B0309"}, TAX, today=TODAY) == []
    errs = validate({**BASE, "business_B": "B04", "business_B_sub": "B0309"}, TAX, today=TODAY)
    assert [e.key for e in errs] == ["business_B_sub.parent"] and "B03" in errs[0].message


def test_agreement_recusal_and_art_29_fields_are_validated_with_the_article():
    errs = validate({**BASE, "agreed_due_date": "2026-03-25"}, TAX, today=TODAY)
    assert [e.key for e in errs] == ["agreement_evidence_ref.required"] and "第二十一条" in errs[0].message
    errs = validate({**BASE, "agreed_due_date": "3月25日", "agreement_evidence_ref": "REC-1"}, TAX, today=TODAY)
    assert [e.key for e in errs] == ["agreed_due_date.format"]
    errs = validate({**BASE, "agreed_due_date": "2026-02-01", "agreement_evidence_ref": "REC-1"}, TAX, today=TODAY)
    assert [e.key for e in errs] == ["agreed_due_date.before_receipt"]
    errs = validate({**BASE, "people_count": "二十"}, TAX, today=TODAY)
    assert [e.key for e in errs] == ["people_count.invalid"] and "第二十九条" in errs[0].message
    errs = validate({**BASE, "major_reports": [{"to": "总行消保部"}, {"to": "监管", "at": "2027-01-01T10:00"}]}, TAX, today=TODAY)
    assert [e.key for e in errs] == ["major_reports.incomplete", "major_reports.future"]
    assert validate({**BASE, "major_reports": [{"to": "总行消保部", "at": "2026-03-02T11:00"}]}, TAX, today=TODAY) == []
    errs = validate({**BASE, "conflict_of_interest": True, "handler": "A001"}, TAX, today=TODAY)
    assert [e.key for e in errs] == ["handler.recusal_self"] and "第十七条" in errs[0].message
