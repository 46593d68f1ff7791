"""find_pii / mask on hand-written cases: forms, look-alikes, policy, report."""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest

from assist.core.privacy import MaskPolicy, PiiSpan, contains_pii, find_pii, mask, mask_with_report, synth

RNG = random.Random(5)
MOB = synth.mobile(RNG)
CARD = synth.bank_card(RNG)
ID = synth.id18(RNG)
IDX = synth.id18(RNG, want_x=True)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(sp.kind, text[sp.start:sp.end]) for sp in find_pii(text)]


@pytest.mark.parametrize("value", [
    MOB, f"{MOB[:3]} {MOB[3:7]} {MOB[7:]}", f"{MOB[:3]}-{MOB[3:7]}-{MOB[7:]}", f"+86 {MOB}",
    f"+86{MOB}", f"0086 {MOB}", f"86{MOB}", f"+86-{MOB[:3]}-{MOB[3:7]}-{MOB[7:]}",
])
def test_mobile_forms_are_one_span(value):
    assert kinds(f"客户手机{value}已登记") == [("mobile", value)]


def test_cjk_adjacency_and_fullwidth_digits():
    full = MOB.translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    assert kinds(f"电话{full}。") == [("mobile", full)]
    assert "*" in mask(f"电话{full}。")
    assert kinds(f"身份证{IDX.lower()}号") == [("id_card", IDX.lower())]


def test_several_numbers_in_a_row():
    other = synth.mobile(RNG)
    assert kinds(f"{MOB}/{other}、{CARD} {ID}") == [
        ("mobile", MOB), ("mobile", other), ("bank_card", CARD), ("id_card", ID)]
    assert kinds(f"{MOB} {other}") == [("mobile", MOB), ("mobile", other)]


@pytest.mark.parametrize("text", [
    f"金额{MOB}元", f"￥{CARD}", f"工单TS-0000-{MOB}-0001", f"订单{CARD}A1", f"code_{MOB}",
    "客服95588、12378、96110、400-820-8888、4006695566", "2024-03-15 14:30", "20240315143022",
    f"{MOB}1", f"v{ID}", f"{ID}Y",
    "验证码60秒内有效", "密码错误3次", "有效期至2035-08-01", "PIN码忘记了",
])
def test_look_alikes_not_flagged(text):
    assert find_pii(text) == [], kinds(text)
    assert not contains_pii(text)


@pytest.mark.parametrize("text,value", [
    ("密码是123456", "123456"), ("验证码 4821", "4821"), ("CVV 123", "123"), ("CVV2：456", "456"),
    ("有效期 08/27", "08/27"), ("有效期至2027年8月", "2027年8月"), ("动态码：998877", "998877"),
    ("交易密码为Abc12345", "Abc12345"), ("短信验证码是 4 8 2 1", "4 8 2 1"), ("PIN 0000", "0000"),
    ("登录密码：Abc-123.", "Abc-123"),
])
def test_secrets_in_context(text, value):
    assert kinds(text) == [("secret", value)]
    assert mask(text) == text.replace(value, "[已隐去]")


def test_default_masks():
    card4 = " ".join(CARD[i:i + 4] for i in range(0, 16, 4))
    assert mask(card4) == f"{CARD[:4]} {CARD[4:6]}** **** {CARD[12:]}"
    assert mask(f"+86 {MOB}") == f"+86 {MOB[:3]}****{MOB[7:]}"
    assert mask(ID) == ID[:3] + "*" * 11 + ID[-4:]
    assert mask("(010)8888-1234") == "(010)****-**34"
    assert mask("zhang.san@example.com") == "z***@example.com"
    assert mask("91110000600037341L") == "91" + "*" * 14 + "1L"


def test_custom_policy_and_report():
    policy = MaskPolicy.from_mapping({"card_head": 0, "card_tail": 4, "mask_char": "#", "junk": 1})
    masked, spans = mask_with_report(f"卡号{CARD}，手机{MOB}", policy)
    assert masked == f"卡号{'#' * 12}{CARD[-4:]}，手机{MOB[:3]}####{MOB[-4:]}"
    assert [s.kind for s in spans] == ["bank_card", "mobile"]
    assert spans[0] == PiiSpan("bank_card", 2, 18)
    with pytest.raises(dataclasses.FrozenInstanceError):
        spans[0].start = 0  # type: ignore[misc]


def test_spans_sorted_and_disjoint_and_empty_input():
    assert find_pii("") == [] and mask("") == "" and not contains_pii("")
    spans = find_pii(f"密码是{MOB[:6]}，{MOB}，邮箱{MOB}@example.com")
    assert [s.kind for s in spans] == ["secret", "mobile", "email"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_mistyped_numbers_are_masked_by_context():
    """An agent often gets one digit wrong; the number is still personal data."""
    from assist.core.privacy import find_pii, mask

    assert mask("身份证110101199003070010") == "身份证110***********0010"  # bad check digit
    assert mask("证件号码 32010619801112123X") == "证件号码 320***********123X"
    assert mask("卡号6222020200112233447") == "卡号622202*********3447"      # fails Luhn
    assert mask("客户卡号是 6222 0202 0011 2233 447").endswith("3 447")
    assert "0011" not in mask("客户卡号是 6222 0202 0011 2233 447")
    for text in ("订单号6212345678901234", "工单号TS-20240315-0001", "金额62000000000000000元", "产品代码6201"):
        assert find_pii(text) == [], text
