"""The rule language: parts, windows, boundaries, unless, numbers, scope rules, and linear time."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assist.core.guidance import lint, load_rules
from assist.core.rulelang import Matcher, Scope, ScopeCues, SpecReader
from assist.core.rulelang.text import cn_number, norm
from assist.core.yamlfile import LDict, LList, RulesError

REPO = Path(__file__).resolve().parents[2]
CLASSES = {"索要": ("告诉", "报", "念", "发给我"), "验证码": ("验证码", "动态码")}


def _entry(match, unless=None, **kw) -> LDict:
    e = LDict(match=LList(match), **kw)
    e.line, e.lines = 1, {k: 1 for k in e}
    e["match"].line, e["match"].lines = 1, [1] * len(match)
    if unless is not None:
        e["unless"] = LList(unless)
        e["unless"].line, e["unless"].lines = 1, [1] * len(unless)
        e.lines["unless"] = 1
    return e


def _find(match, text, unless=None, window=6, span="clause"):
    pat = SpecReader("t.yaml", CLASSES).pattern(_entry(match, unless), window=window, span=span)
    return [(text[c.start:c.end]) for c in Matcher({"r": pat}).candidates(text).get("r", [])]


def test_sequence_within_the_window_in_order():
    assert _find([["$索要", "$验证码"]], "请您告诉我刚才的验证码") == ["告诉我刚才的验证码"]
    assert _find([["$索要", "$验证码"]], "验证码请告诉我") == []                   # wrong order
    assert _find([["$索要", "$验证码"]], "请告诉我今天上午十点左右收到的验证码", window=6) == []   # too far


def test_a_clause_boundary_is_never_crossed():
    assert _find([["$索要", "$验证码"]], "请报一下，验证码") == []
    assert _find([["$索要", "$验证码"]], "请报一下，验证码", span="sentence") == ["报一下，验证码"]
    assert _find([["$索要", "$验证码"]], "请报一下。验证码", span="sentence") == []


def test_adjacent_part_and_per_part_gap():
    assert _find([["十五|15", "+个工作日"]], "我们15个工作日内答复") == ["15个工作日"]
    assert _find([["十五|15", "+个工作日"]], "我们15天，不含工作日") == []
    text = "这是定期存款，一年期，利率1.5%，到期保本付息"
    assert _find([["存款", "~20 保本"]], text, span="sentence") == ["存款，一年期，利率1.5%，到期保本"]
    assert _find([["存款", "保本"]], text, span="sentence") == []              # the window (6) alone is too short


def test_unless_cancels_an_overlapping_match():
    assert _find(["保本"], "这款产品保本", unless=["确保本人"]) == ["保本"]
    assert _find(["保本"], "请确保本人到场", unless=["确保本人"]) == []


def test_numbers_amounts_and_comparisons():
    assert _find([["$数字>=60", "+岁"]], "客户今年82岁") == ["82岁"]
    assert _find([["$数字>=60", "+岁"]], "客户今年45岁") == []
    assert _find([["$数字>=60", "+多岁"]], "八十多岁的老人") == ["八十多岁"]
    assert _find(["$金额"], "退还500元手续费") == ["500元"]
    assert _find(["$百分比"], "年化百分之五，另一款4.5%") == ["百分之五", "4.5%"]
    assert cn_number("两千三百") == 2300 and cn_number("五十余") == 50


def test_a_number_word_never_matches_inside_a_longer_number():
    assert _find(["12378"], "打12378投诉") == ["12378"]
    assert _find(["12378"], "订单号2026123789") == []


def test_full_width_and_case_are_normalised_without_moving_offsets():
    text = "请报一下ＣＶＶ２"
    assert norm(text) == "请报一下cvv2" and len(norm(text)) == len(text)
    rules = load_rules(REPO / "kb")
    f = lint(text, rules)
    assert f and text[f[0].start:f[0].end].endswith("ＣＶＶ２")


def test_a_bad_part_names_its_problem():
    reader = SpecReader("t.yaml", CLASSES)
    with pytest.raises(RulesError, match=r"unknown word class '\$不存在'"):
        reader.pattern(_entry([["$不存在"]]))
    with pytest.raises(RulesError, match="must be a part of its own"):
        reader.pattern(_entry([["$数字>=5|人"]]))
    with pytest.raises(RulesError, match="empty alternative"):
        reader.pattern(_entry([["报||念"]]))


# ---- scope rules -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rules():
    return load_rules(REPO / "kb")


@pytest.mark.parametrize("text,scope", [
    ("我们不会索要您的验证码", "否定"),
    ("请不要把验证码告诉任何人", "否定"),
    ("凡是索要验证码的都是诈骗", "否定|提醒客户"),
    ("客户称对方让他把验证码念给他", "转述他人的话"),
    ("服务规范要求不能对客户说这不归我管", "陈述规定"),
])
def test_scope_rules_cancel_and_say_why(rules, text, scope):
    from assist.core.guidance.lint import explain

    assert lint(text, rules) == []
    assert any(c.cancelled_by.startswith(tuple(scope.split("|"))) for c in explain(text, rules)), explain(text, rules)


def test_a_negation_in_a_condition_does_not_cancel(rules):
    assert [f.rule for f in lint("再不还钱就打电话到你单位", rules, "催收")] == ["col-threat-third-party"]


def test_the_agents_own_words_after_reported_speech_count(rules):
    assert lint("客户问保本吗，已告知客户不保本", rules) == []
    assert [f.rule for f in lint("客户问保本吗，我回答保本的", rules)] == ["mkt-principal-guaranteed"]
    # "跟客户说" is the agent speaking, not reported speech
    assert [f.rule for f in lint("跟客户说了 产品保本 放心买", rules)] == ["mkt-principal-guaranteed"]


def test_a_question_counts_for_secrets_but_not_for_marketing(rules):
    assert [f.rule for f in lint("您能把验证码告诉我吗？", rules)] == ["sec-ask-otp"]
    assert lint("这个产品保本吗？", rules) == []


def test_scope_cues_are_editable():
    scope = Scope(ScopeCues(negation=("绝不",), negation_window=4))
    st_ = scope.prepare("我绝不索要")
    from assist.core.rulelang.engine import Candidate

    assert scope.why(st_, Candidate(3, 5, ((3, 5),)), ("negation",)) == "否定：「绝不」"
    assert scope.why(st_, Candidate(3, 5, ((3, 5),)), ("warning",)) == ""


# ---- linear time ------------------------------------------------------------------------------

_HOT = ("保本", "验证码", "告诉我", "你", "单位", "不", "客户称", "“", "，", "。", "12378", "5%", "存款", "十五",
        "个工作日", "退", "一定", "您", "没有", "风险", " ", "0")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), dense=st.booleans())
def test_random_text_takes_linear_time(rules, seed, dense):
    """Four times the text must take far less than sixteen times as long (what quadratic work would
    cost). CPU time, best of three; the bound (10x) leaves room for a noisy shared machine."""
    rng = random.Random(seed)
    words = _HOT if dense else _HOT + tuple(chr(c) for c in range(0x4E00, 0x4E40))
    unit = "".join(rng.choice(words) for _ in range(4000))

    def best(text: str) -> float:
        out = []
        for _ in range(3):
            t0 = time.process_time()
            lint(text, rules)
            out.append(time.process_time() - t0)
        return min(out)

    small, large = best(unit), best(unit * 4)
    assert large < 10 * small + 0.05, (small, large)


def test_adversarial_repetition_is_linear(rules):
    for unit in ("保本", "0 ", "“", "不不不不保本", "客户称"):
        small = min(_cpu(lambda unit=unit: lint(unit * 5_000, rules)) for _ in range(3))
        large = min(_cpu(lambda unit=unit: lint(unit * 20_000, rules)) for _ in range(3))
        assert large < 10 * small + 0.05, (unit, small, large)


def _cpu(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0
