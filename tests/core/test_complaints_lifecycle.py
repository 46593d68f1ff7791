"""Status lifecycle (Art 15, 19–21) and the taxonomy loader."""

from __future__ import annotations

import pytest

from assist.core.complaints.lifecycle import DecisionNotice, ReviewDecision, TransitionError, transition
from assist.core.complaints.taxonomy import TaxonomyError, load_taxonomy
from tests.conftest import KB

NOTICE = DecisionNotice("同意退还年费", "收费前未充分告知", ("核查", "调解", "仲裁", "诉讼"), "电话", "2026-03-12T10:00", "REC-001")


REVIEW = ReviewDecision("分行消保部 刘审", "维持原处理决定", "2026-04-01", "书面", "2026-04-02T09:00", "EMS-778")


def test_happy_path():
    f = {"status": "受理"}
    for to, kw in (("处理中", {}), ("已答复", {"notice": NOTICE}), ("核查中", {}), ("已办结", {"review": REVIEW})):
        f.update(transition(f, to, at="2026-03-12T10:00", **kw))
    assert f["status"] == "已办结" and f["notice_method"] == "电话" and f["review_requested_at"]
    assert f["review_reviewer"] == "分行消保部 刘审" and f["review_notice_evidence_ref"] == "EMS-778"


def test_review_decision_art_20():
    """Art 20: the superior institution decides the review; Art 17: not the handler; Art 21: notice kept."""
    f = {"status": "核查中", "review_requested_at": "2026-03-20", "handler": "B002", "agent_id": "A001"}
    with pytest.raises(TransitionError, match="第二十条"):
        transition(f, "已办结", at="2026-04-01")
    bad = ReviewDecision("B002", "", "2026-03-19", "飞鸽", "", "")
    problems = bad.check(f)
    assert any("第十七条" in p for p in problems) and any("核查决定未填写" in p for p in problems)
    assert any("早于核查申请日期" in p for p in problems) and any("告知方式" in p for p in problems)
    assert any("凭证" in p for p in problems)
    assert transition(f, "已办结", at="x", review=REVIEW)["review_decision"] == "维持原处理决定"
    # a complaint closed without a review needs no review decision
    assert transition({"status": "已答复"}, "已办结", at="x") == {"status": "已办结"}


@pytest.mark.parametrize("cur,to", [("受理", "已办结"), ("受理", "已答复"), ("已办结", "处理中"), ("已撤回", "处理中"),
                                    ("不予办理", "受理"), ("核查中", "已答复")])
def test_invalid_transitions_rejected_with_message(cur, to):
    with pytest.raises(TransitionError) as ei:
        transition({"status": cur}, to, at="2026-03-12")
    assert f"不能从“{cur}”改为“{to}”" in str(ei.value) and "当前可改为" in str(ei.value)


def test_withdrawal_records_time_and_not_accepted_needs_reason():
    assert transition({"status": "处理中"}, "已撤回", at="2026-03-05T09:00") == {"status": "已撤回", "withdrawn_at": "2026-03-05T09:00"}
    with pytest.raises(TransitionError, match="理由"):
        transition({"status": "受理"}, "不予办理", at="2026-03-05")
    assert transition({"status": "受理"}, "不予办理", at="x", reason="非投诉人本人或代理人提出")["not_accepted_reason"]


def test_decision_notice_must_be_complete():
    with pytest.raises(TransitionError, match="处理决定告知"):
        transition({"status": "处理中"}, "已答复", at="2026-03-12")
    bad = DecisionNotice("决定", "", ("核查", "调解"), "飞鸽", "", "")
    problems = bad.check()
    assert any("依据" in p for p in problems) and any("仲裁、诉讼" in p or "仲裁" in p for p in problems)
    assert any("告知方式" in p for p in problems) and any("告知时间" in p for p in problems) and any("凭证" in p for p in problems)
    unreachable = DecisionNotice("决定", "依据", ("核查", "调解", "仲裁", "诉讼"), "书面", "2026-03-12T10:00", unreachable=True)
    assert unreachable.check() == []


def test_unknown_status():
    with pytest.raises(TransitionError, match="不存在"):
        transition({"status": "受理"}, "已关闭", at="x")


def test_taxonomy_loads_standard_labels_and_our_lists():
    t = load_taxonomy(KB)
    assert t.label("A_channel", "A0302") == "电话" and t.label("B_business", "B12") == "债务催收"
    assert len([c for c in t.codes["C_reason"] if c != "C99"]) == 12
    assert t.options("complainant_types") == ("本人", "法定代理人", "委托代理人", "继承人", "单位")
    assert "监管转办" in t.options("sources") and t.options("remedies") == ("核查", "调解", "仲裁", "诉讼")


def test_taxonomy_errors_have_path_and_line(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("A_channel:\n  A01: 营业现场\n  A01: 重复\n  X1: 坏\nB_business:\n  B01:\n"
                 "colours: [红]\ncomplainant_types: 本人\n", encoding="utf-8")
    with pytest.raises(TaxonomyError) as ei:
        load_taxonomy(f)
    msg = str(ei.value)
    assert f"{f}:3: duplicate key 'A01'" in msg
    assert f"{f}:4: A_channel: code 'X1' must look like A01" in msg
    assert f"{f}:6: B_business: code 'B01' needs a text label" in msg
    assert f"{f}:7: unknown section 'colours'" in msg
    assert f"{f}:8: complainant_types must be a list" in msg
    assert "missing section 'C_reason'" in msg


def test_taxonomy_syntax_error_line(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("A_channel:\n  A01: [unclosed\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=rf"{f}:\d+: YAML syntax error"):
        load_taxonomy(f)
