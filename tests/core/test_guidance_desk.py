"""The call's direction, the scripts per stage and direction grouped per card, and the disclosures
still owed with their examples filled (Qt-free; the decisions the call page shows)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assist.core.guidance import placeholders as ph
from assist.core.guidance.calls import Call, CallError, normalize_direction
from assist.core.guidance.lint import load_rules
from assist.core.guidance.scripts import (
    arrange,
    build_entries,
    disclosure_lines,
    script_values,
)
from assist.core.kb.loader import load_kb, parse_blocks
from assist.settings import Settings

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def rules():
    return load_rules(REPO / "kb")


@pytest.fixture(scope="module")
def kb():
    return load_kb(REPO / "kb")


@pytest.fixture
def settings():
    return Settings(None, {"agent.staff_id": "8801", "org.name": "示例银行"})


def _cards(kb, call):
    by_id = kb.by_id()
    return [by_id[c] for c in call.type.cards if c in by_id]


def _opening(kb, call, settings):
    return [e.name for e in build_entries(call, None, _cards(kb, call), settings, TODAY)]


def test_direction_words():
    assert [normalize_direction(w) for w in ("呼入", "inbound", " Outbound ", "外呼", "out", "sideways", None)] == \
        ["呼入", "呼入", "外呼", "外呼", "外呼", "", ""]


def test_inbound_unless_told_and_the_call_type_may_say_outbound(rules, kb, settings):
    call = Call(rules, "投诉")
    assert call.direction == "呼入" and not call.direction_told
    names = _opening(kb, call, settings)
    assert "呼入开场" in names and "投诉开场" in names and "外呼开场" not in names
    call.set_direction("outbound")
    names = _opening(kb, call, settings)
    assert "外呼开场" in names and "呼入开场" not in names and "投诉开场" not in names
    assert [e["detail"] for e in call.events() if e["kind"] == "direction"] == [{"old": "呼入", "new": "外呼"}]
    with pytest.raises(CallError, match="direction"):
        call.set_direction("sideways")
    # 催收 is outbound in call_types.yaml; a told direction wins over it
    assert Call(rules, "催收").direction == "外呼"
    assert Call(rules, "催收", direction="呼入").direction == "呼入"
    assert Call(rules, "投诉", direction="外呼").events()[0]["detail"]["direction"] == "外呼"


def test_a_type_change_brings_its_direction_until_one_was_told(rules):
    call = Call(rules, "咨询")
    call.set_call_type("催收")
    assert call.direction == "外呼"
    call.set_call_type("投诉")
    assert call.direction == "呼入"
    told = Call(rules, "咨询", direction="呼入")
    told.set_call_type("催收")
    assert told.direction == "呼入"


def test_a_bad_direction_on_a_script_is_a_card_error():
    body = "```script name=开场 stage=开场 direction=sideways\n您好\n```\n```script name=外呼 stage=开场 direction=外呼\n您好\n```\n"
    blocks, errors = parse_blocks(body, 10, "x.md")
    assert [e.code for e in errors] == ["script-direction"] and errors[0].line == 10
    assert [b.direction for b in blocks] == ["sideways", "外呼"]


def test_scripts_of_the_stage_first_then_the_opened_cards_other_stages(rules, kb, settings):
    call = Call(rules, "投诉")
    opened = kb.by_id()["complaint-intake-flow"]
    entries = build_entries(call, opened, _cards(kb, call), settings, TODAY)
    assert [(e.name, e.current) for e in entries if e.card.id == opened.id] == [("投诉开场", True), ("受理确认", False)]
    assert entries[0].card.id == opened.id and all(e.current for e in entries[:-1]) and not entries[-1].current
    groups, folded = arrange(entries)
    assert folded == [] and [g.current for g in groups] == [True, True, False]
    assert [e.name for g in groups for e in g.entries] == [e.name for e in entries]


def test_gated_scripts_are_set_apart_for_one_line(rules, kb, settings):
    call = Call(rules, "投诉")
    call.go_to("业务处理")
    gated = kb.by_id()["dispute-process"]
    assert gated.privacy_level in ("C2", "C3")
    entries = build_entries(call, gated, _cards(kb, call), settings, TODAY)
    groups, folded = arrange(entries)
    assert folded and all(e.card.id == gated.id for e in folded)
    assert all(g.card.id != gated.id for g in groups)
    call.tick("verify-identity")
    groups, folded = arrange(build_entries(call, gated, _cards(kb, call), settings, TODAY))
    assert folded == [] and groups[0].card.id == gated.id


def test_pending_disclosures_are_due_by_their_stage(rules):
    call = Call(rules, "投诉")
    pending = call.pending_disclosures()
    assert [(p.missing.id, p.stage, p.due) for p in pending] == [
        ("staff-id", "开场", True), ("recording-notice", "开场", True), ("complaint-deadline", "风险提示", False),
        ("complaint-ticket", "结束", False), ("complaint-reply-method", "结束", False)]
    call.tick("greet-staff-id")
    assert [p.missing.id for p in call.pending_disclosures(extra_texts=["已提示本次通话录音"])][:1] == ["complaint-deadline"]
    assert "recording-notice" in {m.id for m in call.missing_disclosures()}   # the extra text is not kept
    call.go_to("结束")
    assert all(p.due for p in call.pending_disclosures())


def test_disclosure_examples_are_filled_from_the_call_and_the_complaint(rules, settings):
    call = Call(rules, "投诉", clock=lambda: dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    vals, deadline = script_values(call, settings, TODAY)
    lines = {d.id: d for d in disclosure_lines(call.pending_disclosures(), vals, TODAY, deadline)}
    assert lines["staff-id"].example == "您好，工号8801，很高兴为您服务。"
    assert lines["complaint-ticket"].example == "您的受理编号是【受理编号】，后续查询请报这个编号。"
    assert "2026年12月11日前" in lines["complaint-deadline"].example
    assert "【电话/短信/书面】" in lines["complaint-reply-method"].example
    vals, deadline = script_values(call, settings, TODAY, complaint={"ticket_no": "0101-PC7-20261126-0001",
                                                                     "received_at": "2026-11-26T10:00"})
    lines = {d.id: d for d in disclosure_lines(call.pending_disclosures(), vals, TODAY, deadline)}
    assert lines["complaint-ticket"].example == "您的受理编号是0101-PC7-20261126-0001，后续查询请报这个编号。"


def test_slot_reads_an_unfilled_placeholder():
    assert ph.render("编号{受理编号}，通过{方式:短信/电话/}答复{光标}", {}, unfilled=ph.slot).text == "编号【受理编号】，通过【短信/电话】答复"
    assert ph.render("编号{受理编号}", {}).text == "编号{受理编号}"
