"""Call topic → business category (B): data in kb/taxonomy/complaint.yaml, decided in core, its
examples run by `assist kb check`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from assist.core.complaints.form import new_form, topic_business
from assist.core.complaints.intake import IntakePolicy
from assist.core.complaints.taxonomy import TaxonomyError, load_taxonomy
from assist.core.kb.checker import check_kb
from tests.conftest import KB

TAX = load_taxonomy(KB)
NOW = dt.datetime(2026, 11, 26, 10, 0)
BANK = IntakePolicy(agent_id="A001", org_unit="北京分行")

TOPICS = """
topics:
  B03:
    words: [信用卡, 银行卡]
    unless: [催收]
    examples:
      match: [信用卡年费, 银行卡挂失]
      no_match: [信用卡催收]
  B0309:
    words: [信用卡分期]
    examples:
      match: [信用卡分期]
  B12:
    words: [催收]
    examples:
      match: [信用卡催收]
  B02:
    words: [贷款]
    examples:
      match: [贷款]
"""


def taxonomy_with(tmp_path: Path, topics: str) -> Path:
    text = (KB / "taxonomy" / "complaint.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("\ntopics:\n")
    rest = rest[rest.index("\n# Which classification applies"):]
    f = tmp_path / "complaint.yaml"
    f.write_text(head + topics + rest, encoding="utf-8")
    return f


@pytest.mark.parametrize("topic,b,sub", [
    ("信用卡", "B03", ""), ("ＸＸ信用卡年费", "B03", "B0307"), ("信用卡分期", "B03", "B0309"), ("房贷提前还款", "B02", ""),
    ("信用卡催收", "B12", ""), ("境外汇款", "B06", ""), ("跨行汇款", "B04", ""),
])
def test_the_bundled_topics(topic, b, sub):
    got = TAX.business_for_topic(topic)
    assert got is not None and (got.business_B, got.business_B_sub) == (b, sub), got


@pytest.mark.parametrize("topic", ["退款", "存折挂失", "", "   ", "咨询"])
def test_no_class_when_no_word_or_a_tie_between_classes(topic):
    assert TAX.business_for_topic(topic) is None          # 存折(B01) and 挂失(B03): the agent chooses


def test_new_form_prefills_b_from_the_call_topic_only_when_a_rule_matches():
    data, held = new_form({"topic": "信用卡分期", "call_id": "c1"}, BANK, NOW, TAX)
    assert (data["business_B"], data["business_B_sub"]) == ("B03", "B0309")
    assert "business_B" not in held                          # a suggestion: shown and editable
    data, _ = new_form({"topic": "退款"}, BANK, NOW, TAX)
    assert data["business_B"] == "" and data["business_B_sub"] == ""
    data, _ = new_form({}, BANK, NOW, TAX)
    assert data["business_B"] == ""
    insurer = IntakePolicy(institution_type="保险")
    assert topic_business({"topic": "信用卡"}, insurer, TAX) is None      # insurers never use B


def test_topic_rules_are_data(tmp_path):
    tax = load_taxonomy(taxonomy_with(tmp_path, TOPICS))
    assert tax.business_for_topic("信用卡催收").business_B == "B12"          # unless: 催收 cancels B03
    assert tax.business_for_topic("信用卡分期贷款").code == "B0309"           # the longest word decides


def test_topic_problems_have_path_and_line(tmp_path):
    bad = ("\ntopics:\n  B77:\n    words: [火星]\n  B03:\n    wrods: [卡]\n  B02:\n    words: [贷款]\n"
           "  B01:\n    words: [存款]\n    examples:\n      match: [存款]\n      maybe: [x]\n")
    f = taxonomy_with(tmp_path, bad)
    with pytest.raises(TaxonomyError) as ei:
        load_taxonomy(f)
    msg = str(ei.value)
    line = {n + 1: t for n, t in enumerate(f.read_text(encoding="utf-8").splitlines())}
    at = {ln for ln, t in line.items() if t.strip() in ("B77:", "B03:", "wrods: [卡]", "B02:", "maybe: [x]")}
    assert "'B77' is not a class of B_business" in msg and "unknown key 'wrods'" in msg and "topics.B03: needs words" in msg
    assert "topics.B02: give at least one example" in msg and "unknown key 'maybe'" in msg
    assert {int(p[len(str(f)) + 1:].split(":")[0]) for p in ei.value.problems} == at


def test_kb_check_runs_every_topic_example(tmp_path, monkeypatch):
    root = Path(__file__).resolve().parents[2]
    kb = tmp_path / "kb"
    shutil.copytree(root / "kb", kb)
    f = kb / "taxonomy" / "complaint.yaml"
    text = f.read_text(encoding="utf-8")
    text = text.replace("      match: [定期存款提前支取, 大额存单, 存折补登]", "      match: [定期存款提前支取, 大额存单, 存折补登, 信用卡]", 1)
    text = text.replace("      no_match: [信用卡催收, 房贷, 转账]", "      no_match: [信用卡催收, 房贷, 转账, 银行卡]", 1)
    f.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    problems = [p for p in check_kb(kb) if p.code == "topic-example"]
    lines = f.read_text(encoding="utf-8").splitlines()
    assert len(problems) == 2, [str(p) for p in problems]
    assert "'信用卡' gives B03" in problems[0].message and "信用卡" in lines[problems[0].line - 1]
    assert "no_match example '银行卡' gives B03" in problems[1].message and "银行卡" in lines[problems[1].line - 1]
    assert all(str(p).startswith("kb/taxonomy/complaint.yaml:") for p in problems)
