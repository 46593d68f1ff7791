"""assess_risk: labelled texts of our own, Art 29 grounds, rule-file errors, examples, the CLI.

Two kinds of labelled data (tests/core/data):
- risk_labelled.yaml: 47 texts with the words that must be reported as evidence;
- risk_corpus*.yaml: 373 complaint texts written blind to the rules (a development set and two
  held-out sets, each written in a different voice), with expected flags and level.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assist.core.complaints.risk import (
    FLAGS,
    RiskFacts,
    assess_risk,
    canonical_flag,
    check_risk_examples,
    cn_number,
    load_risk_rules,
)
from assist.core.complaints.risk_rules import RiskRulesError

DATA = Path(__file__).parent / "data"
CASES = yaml.safe_load((DATA / "risk_labelled.yaml").read_text(encoding="utf-8"))
CORPORA = ("risk_corpus.yaml", "risk_corpus_heldout.yaml", "risk_corpus_heldout2.yaml")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rules():
    return load_risk_rules(ROOT / "kb" / "rules" / "risk.yaml")


def _corpus() -> list[dict]:
    out = []
    for name in CORPORA:
        out.extend(yaml.safe_load((DATA / name).read_text(encoding="utf-8")))
    return out


def test_enough_labelled_cases_covering_every_flag():
    cases = _corpus()
    assert len(cases) >= 120 and len(CASES) >= 40
    covered = {f for c in cases for f in c["flags"]}
    assert covered == set(FLAGS)
    assert sum(1 for c in cases if not c["flags"]) >= 40
    assert {c["level"] for c in cases} == {"普通", "复杂", "重大"}
    grounds = [c for c in cases if c["level"] == "重大"]
    assert len(grounds) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:12] for c in CASES])
def test_labelled_with_evidence(rules, case):
    res = assess_risk(case["text"], rules)
    got = dict(res.flags)
    assert res.level == case["level"], (res, case)
    assert set(got) == set(case["flags"]), (res.flags, case["flags"])
    for flag, words in case["flags"].items():
        for w in map(str, words):
            assert any(w in ev for ev in got[flag]), (flag, got[flag], w)
        for ev in got[flag]:
            assert ev in case["text"]
    assert set(res.negated) == set(case.get("negated", []))


def test_corpus_at_least_90_percent_right_and_no_major_without_grounds(rules):
    """The issue's bar: >= 90 % of the labelled texts right (flags and level), and no text without
    Art 29 grounds raised to 重大. Every corpus file is held to it on its own."""
    for name in CORPORA:
        cases = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        right, wrong_major, misses = 0, [], []
        for c in cases:
            facts = RiskFacts(**c["facts"]) if c.get("facts") else None
            r = assess_risk(c["text"], rules, facts)
            ok = r.level == c["level"] and set(r.flag_names()) == set(c["flags"])
            right += ok
            if not ok:
                misses.append((c["text"], c["level"], c["flags"], r.level, r.flag_names()))
            if r.level == "重大" and c["level"] != "重大":
                wrong_major.append(c["text"])
        assert right / len(cases) >= 0.90, (name, right, len(cases), misses)
        assert wrong_major == [], (name, wrong_major)


def test_every_major_result_names_its_ground(rules):
    for c in _corpus():
        facts = RiskFacts(**c["facts"]) if c.get("facts") else None
        r = assess_risk(c["text"], rules, facts)
        assert r.level_reason, c["text"]
        if r.level == "重大":
            assert r.major and all(g and ev for g, ev in r.major), (c["text"], r.major)
            assert "第二十九条" in r.major[0][0]


def test_denied_mention_sets_no_flag_but_is_listed(rules):
    res = assess_risk("我不会去找媒体的", rules)
    assert res.flags == [] and res.level == "普通"
    assert res.negated == {"舆情": ["找媒体"]}
    assert assess_risk("我会去找媒体的", rules).level == "复杂"
    # the negation belongs to a condition: "再不处理我只能起诉" is a threat
    assert assess_risk("你们再不处理我只能起诉了", rules).flag_names() == ["司法"]


def test_a_disaster_word_alone_is_not_major(rules):
    assert assess_risk("台风天网点关门我白跑一趟", rules).level == "普通"
    assert assess_risk("上次地震的时候我来问过这个业务", rules).level == "普通"
    r = assess_risk("因洪灾房屋被毁，保险公司拒赔", rules)
    assert r.level == "重大" and "第二十九条第（一）项" in r.major[0][0]
    assert any("引发事件" in h for h in r.hints)


def test_an_age_is_never_a_head_count(rules):
    for text in ("客户今年82岁，来网点办业务", "八十多岁的老人在大厅等了三个小时", "客户78年出生，二十多岁就开户了"):
        r = assess_risk(text, rules)
        assert "群体" not in r.flag_names() and r.level != "重大", (text, r)
    assert assess_risk("我们三十多个人一起来投诉", rules).flag_names() == ["群体"]


def test_group_in_person_text_cue_and_form_facts(rules):
    r = assess_risk("二十六名投资者现在就在支行大厅", rules)
    assert r.level == "重大" and any("表单" in h for h in r.hints)
    # the form's head count decides: 3 people on the form, the text cue only gives a hint
    r = assess_risk("二十六名投资者现在就在支行大厅", rules, RiskFacts(people_count=3, in_person=True))
    assert r.level != "重大" and any("不一致" in h for h in r.hints)
    # a planned visit of 30 is 复杂 with a hint about Art 29, not 重大
    r = assess_risk("明天我们三十多个人一起到你们网点讨说法", rules)
    assert r.level == "复杂" and any("第二十九条" in h for h in r.hints)


def test_structured_art29_facts_are_grounds_for_major(rules):
    assert assess_risk("柜员态度差", rules, RiskFacts(people_count=25, in_person=True)).level == "重大"
    assert assess_risk("柜员态度差", rules, RiskFacts(people_count=25, in_person=False)).level != "重大"
    assert assess_risk("柜员态度差", rules, RiskFacts(people_count=19, in_person=True)).level != "重大"
    r = assess_risk("网点被淹后存折无法取款", rules, RiskFacts(arising_event="2026年7月洪灾"))
    assert r.level == "重大" and r.major[0][1] == ["表单：2026年7月洪灾"]
    assert assess_risk("x", rules, RiskFacts(regulator_designated=True)).level == "重大"


def test_combination_raises_level(rules):
    r = assess_risk("客户78岁，理财经理说这个产品保本，结果亏了", rules)
    assert set(r.flag_names()) == {"销售误导", "特殊群体"} and r.level == "复杂"
    assert "特殊群体" in r.level_reason
    assert assess_risk("理财经理说这个产品保本，结果亏了", rules).level == "普通"


def test_to_json_always_has_reasons(rules):
    obj = assess_risk("打12378", rules).to_json()
    assert obj["level"] == "复杂" and obj["level_reason"]
    assert obj["flags"] == [{"flag": "监管", "evidence": ["12378"], "reason": rules.flag("监管").reason}]
    major = assess_risk("本件经监管部门认定为重大消费投诉", rules).to_json()
    assert major["level"] == "重大" and major["major"][0]["ground"] and major["major"][0]["evidence"]
    assert assess_risk("柜员态度差", rules).to_json()["level_reason"] == "未发现风险提示"


def test_old_flag_names_are_read_as_the_new_ones():
    assert canonical_flag("舆情/媒体") == "舆情" and canonical_flag("过激/极端") == "过激"
    assert canonical_flag("监管") == "监管"


@pytest.mark.parametrize("s,n", [("20", 20), ("二十", 20), ("三十", 30), ("十", 10), ("十五", 15), ("一百", 100), ("几十", 20), ("两", 2)])
def test_cn_number(s, n):
    assert cn_number(s) == n


def test_every_flag_example_goes_the_right_way(rules):
    assert check_risk_examples(rules) == []
    assert all(len(f.must) >= 3 and len(f.must_not) >= 3 for f in rules.flags)
    assert all(len(m.must) >= 3 and len(m.must_not) >= 3 for m in rules.major)


def _risk_dir(tmp_path: Path, body: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir()
    (d / "lexicon.yaml").write_text((ROOT / "kb" / "rules" / "lexicon.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "risk.yaml").write_text(body, encoding="utf-8")
    return d / "risk.yaml"


EX = "    examples: {flag: [甲1, 甲2, 甲3], pass: [乙1, 乙2, 乙3]}\n"


def test_rule_file_errors_have_path_and_line(tmp_path):
    p = _risk_dir(tmp_path, "version: 2\nflags:\n  - name: 监管\n    reason: r\n    match: [12378]\n" + EX +
                  "  - name: 未知旗标\n    reason: r\n    match: [x]\n" + EX)
    with pytest.raises(RiskRulesError) as ei:
        load_risk_rules(p)
    assert ":7: unknown flag '未知旗标'" in str(ei.value)
    p.write_text("version: 2\nflags:\n  - name: 监管\n    reason: r\n    match: [$不存在]\n" + EX, encoding="utf-8")
    with pytest.raises(RiskRulesError, match=r"risk.yaml:5: unknown word class '\$不存在'"):
        load_risk_rules(p)
    p.write_text("version: 2\nflags:\n  - name: 监管\n    level: 重大\n    reason: r\n    match: [x]\n" + EX, encoding="utf-8")
    with pytest.raises(RiskRulesError, match="重大 comes only from major"):
        load_risk_rules(p)


def test_examples_that_go_the_wrong_way_are_reported_with_their_line(tmp_path):
    p = _risk_dir(tmp_path, "version: 2\nflags:\n  - name: 信访\n    reason: r\n    match: [找领导]\n"
                            "    examples:\n      flag: [我要找领导, 找领导去, 我去找市长]\n      pass: [领导好, 你好, 我要找领导反映]\n")
    problems = [str(e) for e in check_risk_examples(load_risk_rules(p))]
    assert any(":7:" in e and "'我去找市长'" in e for e in problems)     # line of the flag list
    assert any(":8:" in e and "'我要找领导反映'" in e for e in problems)


def test_custom_rules_used(tmp_path):
    p = _risk_dir(tmp_path, "version: 2\nflags:\n  - name: 信访\n    reason: 找领导\n    match: [找领导]\n"
                            "    examples:\n      flag: [我要找领导, 找领导去, 我找领导]\n      pass: [领导好, 你好, 您好]\n")
    res = assess_risk("我要找领导", load_risk_rules(p))
    assert res.flags == [("信访", ["找领导"])]
