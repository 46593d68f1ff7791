"""A complaint call end to end, without Qt: stages, ticks, gate, script use, end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from assist.core.guidance.calls import Call, CallError
from assist.core.guidance.lint import load_rules
from assist.core.guidance.placeholders import render

REPO = Path(__file__).resolve().parents[2]
T0 = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


class FakeClock:
    def __init__(self):
        self.now = T0

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=10)
        return self.now


@pytest.fixture(scope="module")
def rules():
    return load_rules(REPO / "kb")


@pytest.fixture
def call(rules):
    return Call(rules, "投诉", call_id="c1", clock=FakeClock(), kb_version="2026.11.1", source="softphone")


def test_complaint_call_end_to_end(call):
    assert call.stage == "开场"
    t = call.tick("greet-staff-id")
    assert t == T0 + dt.timedelta(seconds=20)
    call.tick("empathy-apology")
    assert call.next_stage() == "身份核验"
    assert not call.gate_open("C2")
    call.tick("verify-identity")
    assert call.gate_open("C2") and call.gate_open("C3")
    call.next_stage()
    call.set_value("受理编号", "T001")
    text = render("您的受理编号是{受理编号}，我们会在{答复期限}前通过短信答复，本次通话已录音。",
                  call.values, today=T0.date()).text
    call.use_script("complaint-accept", "受理告知", text)
    call.add_note("客户要求退还年费")
    assert call.next_stage() == "风险提示"
    call.next_stage()
    assert call.next_stage() == "结束"  # stays at the last stage
    missing = call.end()
    assert missing == []  # staff id ticked; recording, deadline, ticket in the script
    kinds = [e["kind"] for e in call.events()]
    assert kinds[0] == "call_start" and kinds[-1] == "call_end"
    assert kinds.count("stage") == 4 and kinds.count("tick") == 3 and "script_use" in kinds
    use = next(e for e in call.events() if e["kind"] == "script_use")
    assert use["detail"] == {"card_id": "complaint-accept", "script": "受理告知", "kb_version": "2026.11.1", "stage": "业务处理"}
    for e in call.events():  # plain dicts, JSON-ready, strictly increasing times
        assert set(e) == {"call_id", "at", "kind", "detail"} and e["call_id"] == "c1"
        json.dumps(e["detail"], ensure_ascii=False)
    ats = [e["at"] for e in call.events()]
    assert ats == sorted(ats) and len(set(ats)) == len(ats)
    assert "客户要求退还年费" not in json.dumps(call.events(), ensure_ascii=False)  # no free text in events
    with pytest.raises(CallError):
        call.tick("give-ticket")


def test_end_reports_missing_disclosures(call):
    missing = call.end()
    assert {"staff-id", "recording-notice", "complaint-deadline", "complaint-ticket"} <= {m.id for m in missing}
    end = call.events()[-1]
    assert end["kind"] == "call_end" and "complaint-deadline" in end["detail"]["missing"]
    assert "give-ticket" in end["detail"]["unticked"]


def test_ticks_can_stand_for_disclosures_or_not(rules):
    c = Call(rules, "投诉", clock=FakeClock())
    c.tick("tell-deadline")
    assert "complaint-deadline" not in {m.id for m in c.missing_disclosures()}
    assert "complaint-deadline" in {m.id for m in c.missing_disclosures(count_ticks=False)}


def test_identity_gate_override_needs_a_reason(call):
    assert call.gate_open("C1")
    with pytest.raises(CallError, match="reason"):
        call.override_identity_gate("  ")
    call.override_identity_gate("客户为本人，系统核验故障", card_id="card-a")
    assert call.gate_open("C2", "card-a") and not call.gate_open("C2", "card-b")
    call.override_identity_gate("紧急止付")
    assert call.gate_open("C3", "card-b")
    ov = [e["detail"] for e in call.events() if e["kind"] == "identity_override"]
    assert ov[0]["reason"] == "客户为本人，系统核验故障" and ov[0]["card_id"] == "card-a" and ov[1]["card_id"] is None


def test_untick_stage_jump_and_type_change(call):
    call.tick("verify-identity")
    call.untick("verify-identity")
    assert not call.identity_verified
    call.go_to("风险提示")
    assert call.previous_stage() == "业务处理"
    with pytest.raises(CallError):
        call.go_to("闲聊")
    with pytest.raises(CallError):
        call.tick("no-such-item")
    call.set_call_type("wealth")
    assert call.type.name == "理财"
    assert [it.stage for it, _ in call.checklist("风险提示")] == ["风险提示"] * 4
    kinds = [e["kind"] for e in call.events()]
    assert kinds[-3:] == ["stage", "stage", "call_type"] and "untick" in kinds


def test_unknown_call_type(rules):
    with pytest.raises(ValueError, match="unknown call type"):
        Call(rules, "闲聊")
