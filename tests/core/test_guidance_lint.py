"""The phrase linter against labelled sentences of our own (data/lint_labelled.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assist.core.guidance import Finding, check_disclosures, lint, load_rules

REPO = Path(__file__).resolve().parents[2]
DATA = yaml.safe_load((Path(__file__).parent / "data" / "lint_labelled.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rules():
    return load_rules(REPO / "kb")


def test_enough_labelled_sentences():
    n = sum(len(DATA[k]) for k in ("forbidden", "negated", "quoted", "clean", "disclosures"))
    assert n >= 40
    assert len(DATA["forbidden"]) >= 15 and len(DATA["negated"]) >= 10 and len(DATA["quoted"]) >= 5


@pytest.mark.parametrize("case", DATA["forbidden"], ids=lambda c: c["text"])
def test_forbidden_sentence_hits(rules, case):
    found = lint(case["text"], rules)
    assert found, f"no finding in {case['text']!r}"
    if case.get("rule"):
        assert case["rule"] in {f.rule for f in found}, found
    if case.get("phrase"):
        assert any(case["phrase"] in case["text"][f.start:f.end] for f in found), found


@pytest.mark.parametrize("text", DATA["negated"] + DATA["quoted"] + DATA["clean"])
def test_no_false_alarm(rules, text):
    assert lint(text, rules) == []


@pytest.mark.parametrize("case", DATA["disclosures"], ids=lambda c: c["text"])
def test_disclosure_sentences(rules, case):
    missing = {m.id for m in check_disclosures([case["text"]], rules, case["call_type"])}
    assert not set(case.get("present", [])) & missing
    assert set(case.get("absent", [])) <= missing
    # a disclosure sentence never trips the forbidden-phrase linter
    assert lint(case["text"], rules) == []


def test_offsets_point_into_the_input(rules):
    text = "您好。\n这款产品保本的，放心，稳赚不赔！"
    found = lint(text, rules)
    assert [(text[f.start:f.end], f.rule) for f in found] == [
        ("保本", "mkt-principal-guaranteed"), ("稳赚不赔", "mkt-return-guaranteed")]
    f = found[0]
    assert isinstance(f, Finding) and f.severity == "error" and f.message and f.suggestion and f.basis
    assert set(f.to_json()) == {"rule", "start", "end", "severity", "message", "suggestion", "text", "category",
                                "label", "basis"}
    assert f.category == "营销红线" and f.label == "保本" and "人民银行令" in f.explanation()


def test_same_phrase_negated_then_asserted(rules):
    text = "别家说不保本，我们这款保本"
    assert [text[f.start:f.end] for f in lint(text, rules)] == ["保本"]
    assert lint(text, rules)[0].start == text.rindex("保本")


def test_reported_speech_ends_at_the_agents_answer(rules):
    assert lint("客户问保本吗，已告知客户不保本", rules) == []
    assert [f.rule for f in lint("客户问保本吗，我回答保本的", rules)] == ["mkt-principal-guaranteed"]


def test_call_type_is_checked(rules):
    assert lint("稳赚不赔", rules, call_type="理财")
    assert lint("稳赚不赔", rules, call_type="wealth")  # code works too
    with pytest.raises(ValueError, match="unknown call type"):
        lint("稳赚不赔", rules, call_type="不存在")


def test_disclosures_for_every_call_and_per_type(rules):
    missing = {m.id for m in check_disclosures([], rules, "投诉")}
    assert {"staff-id", "recording-notice", "complaint-deadline", "complaint-ticket"} <= missing
    assert not {"wealth-risk-level"} & missing
    # a template placeholder counts: it is filled when the script is used
    assert "complaint-deadline" not in {m.id for m in check_disclosures(["我们会在{答复期限}前答复您"], rules, "投诉")}
    labels = {m.id: m.label for m in check_disclosures([], rules, None)}
    assert set(labels) == {"staff-id", "recording-notice"} and all(labels.values())
