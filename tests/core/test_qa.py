"""The after-call quality check (事后监督 on the branch PC): one test per rubric item, the score
and verdict, the rubric file's errors, the example calls `kb check` runs, storage and the
``call`` record for head office, and `assist calls qa`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from assist.core.guidance.calls import Call
from assist.core.guidance.lint import load_rules
from assist.core.kb.loader import load_kb
from assist.core.qa import CallRecord, QaContext, assess, load_rubric
from assist.core.qa.assess import run_item
from assist.core.qa.fixtures import check_qa_examples
from assist.core.yamlfile import RulesError

REPO = Path(__file__).resolve().parents[2]
T0 = dt.datetime(2026, 11, 26, 1, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def rules():
    return load_rules(REPO / "kb")


@pytest.fixture(scope="module")
def cards():
    return load_kb(REPO / "kb").by_id()


@pytest.fixture(scope="module")
def rubric(rules):
    return load_rubric(REPO / "kb", classes=rules.lexicon.classes, call_types=set(rules.call_types))


@pytest.fixture
def ctx(rules, cards):
    return QaContext(cards=cards, rules=rules, clock=lambda: T0)


def make_call(rules, call_type: str) -> Call:
    t = [T0]

    def clock():
        t[0] += dt.timedelta(seconds=3)
        return t[0]

    return Call(rules, call_type, call_id="call-1", clock=clock, kb_version="test")


def record(call: Call, complaints=None, links: int = 0) -> CallRecord:
    events = call.events()
    for i in range(links):
        events.append({"at": events[-1]["at"], "kind": "complaint_link", "detail": {"complaint_id": f"c{i}", "ticket_no": f"T{i}"}})
    return CallRecord.from_events(call.call_id, call.type.name, events, complaints)


def findings(rubric, ctx, rec, item_id):
    return run_item(rec, rubric.item(item_id), ctx)


def script(cards, card_id):
    c = cards[card_id]
    return c.id, c.scripts[0].name, c.scripts[0].text


# ---- one test per rubric item -------------------------------------------------------------------

def test_identity_before_content_is_a_red_line_unless_verified_or_overridden(rules, cards, rubric, ctx):
    call = make_call(rules, "挂失")
    call.use_script(*script(cards, "card-loss-debit"))     # C2 content before the identity tick
    call.tick("verify-identity")
    call.end()
    [f] = findings(rubric, ctx, record(call), "identity-before-content")
    assert f.red_line and "C2" in f.detail and f.card == "idv-minimum-check"
    ok = make_call(rules, "挂失")
    ok.tick("verify-identity")
    ok.use_script(*script(cards, "card-loss-debit"))
    ok.end()
    assert findings(rubric, ctx, record(ok), "identity-before-content") == []
    over = make_call(rules, "挂失")
    over.override_identity_gate("客户已在IVR验证", "card-loss-debit")
    over.use_script(*script(cards, "card-loss-debit"))
    over.end()
    assert findings(rubric, ctx, record(over), "identity-before-content") == []
    enquiry = make_call(rules, "咨询")               # identity_required: false for 咨询
    enquiry.use_script(*script(cards, "card-loss-debit"))
    enquiry.end()
    assert findings(rubric, ctx, record(enquiry), "identity-before-content") == []


def test_an_identity_override_is_listed_with_its_reason(rules, cards, rubric, ctx):
    call = make_call(rules, "挂失")
    call.override_identity_gate("客户已在IVR验证")
    call.end()
    [f] = findings(rubric, ctx, record(call), "identity-override")
    assert "客户已在IVR验证" in f.detail and "整通电话" in f.detail and not f.red_line


def test_missing_disclosures_name_each_one_with_its_card(rules, rubric, ctx):
    call = make_call(rules, "投诉")
    call.add_note("您好，工号1023，本次通话将会录音。")
    call.end()
    got = {f.rule: f for f in findings(rubric, ctx, record(call), "required-disclosures")}
    assert set(got) == {"complaint-deadline", "complaint-ticket", "complaint-reply-method"}
    assert got["complaint-deadline"].card == "complaint-deadline-15" and "15日内" in got["complaint-deadline"].detail


def test_product_risk_disclosures_are_a_red_line_for_wealth_calls_only(rules, rubric, ctx):
    call = make_call(rules, "理财")
    call.add_note("这款产品风险等级R3。")
    call.end()
    got = findings(rubric, ctx, record(call), "product-risk-disclosures")
    assert {f.rule for f in got} == {"wealth-not-deposit", "wealth-not-guaranteed"} and all(f.red_line for f in got)
    general = {f.rule for f in findings(rubric, ctx, record(call), "required-disclosures")}
    assert "wealth-past-performance" in general and not general & {"wealth-not-deposit", "wealth-not-guaranteed"}
    other = make_call(rules, "咨询")
    other.end()
    assert not rubric.item("product-risk-disclosures").applies("咨询")


def test_red_lines_in_notes_are_recorded_by_rule_id_and_found_after_the_call(rules, rubric, ctx):
    call = make_call(rules, "咨询")
    call.add_note("客户卡号6222021234567890123，请您把短信验证码念一下")
    call.end()
    note = next(e for e in call.events() if e["kind"] == "note")
    assert note["detail"]["findings"][0]["rule"] == "sec-ask-otp"
    assert "6222021234567890123" not in json.dumps(call.events(), ensure_ascii=False)
    [f] = findings(rubric, ctx, record(call), "red-lines-in-notes")
    assert f.red_line and f.rule == "sec-ask-otp" and "验证码" in f.text
    assert findings(rubric, ctx, record(call), "warnings-in-notes") == []


def test_warnings_in_notes_count_apart_from_red_lines(rules, rubric, ctx):
    call = make_call(rules, "理财")
    call.add_note("额度有限，您赶紧买")
    call.end()
    assert findings(rubric, ctx, record(call), "red-lines-in-notes") == []
    got = findings(rubric, ctx, record(call), "warnings-in-notes")
    assert got and not got[0].red_line and got[0].rule == "mkt-pressure-selling"


def test_red_lines_in_the_linked_complaint_text(rules, rubric, ctx):
    call = make_call(rules, "投诉")
    call.end()
    bad = record(call, [{"ticket_no": "T1", "facts": "已告知客户投诉也没用", "request": "退还年费"}], links=1)
    [f] = findings(rubric, ctx, bad, "red-lines-in-complaint")
    assert "T1" in f.detail and f.rule == "cmp-discourage"
    fine = record(call, [{"ticket_no": "T1", "facts": "客户称理财经理说保本保收益", "request": "赔偿"}], links=1)
    assert findings(rubric, ctx, fine, "red-lines-in-complaint") == []


def test_a_complaint_call_without_a_complaint_is_a_red_line(rules, rubric, ctx):
    call = make_call(rules, "投诉")
    call.end()
    [f] = findings(rubric, ctx, record(call), "complaint-registered")
    assert f.red_line and f.card == "complaint-intake-flow"
    assert findings(rubric, ctx, record(call, [{"ticket_no": "T1"}], links=1), "complaint-registered") == []
    enquiry = make_call(rules, "咨询")
    enquiry.end()
    assert findings(rubric, ctx, record(enquiry), "complaint-registered") == []


def test_a_callback_promise_needs_a_time_or_a_complaint(rules, cards, rubric, ctx):
    call = make_call(rules, "咨询")
    card = cards["tip-callback"]
    call.use_script(card.id, "约定回电", card.scripts[0].text)
    call.end()
    [f] = findings(rubric, ctx, record(call), "callback-scheduled")
    assert "约定回电" in f.detail and f.card == "tip-callback"
    timed = make_call(rules, "咨询")
    timed.set_value("回电时间", "今天下午3点到5点")
    timed.use_script(card.id, "约定回电", card.scripts[0].text)
    timed.end()
    assert findings(rubric, ctx, record(timed), "callback-scheduled") == []
    assert "今天下午" not in json.dumps(timed.events(), ensure_ascii=False)  # the value itself is never recorded


def test_the_checklist_counts_a_disclosure_said_as_done(rules, rubric, ctx):
    call = make_call(rules, "咨询")
    call.add_note("您好，工号1023，本次通话将会录音。")
    for it in ("identity-if-account", "answer-question"):
        call.tick(it)
    call.end()
    [f] = findings(rubric, ctx, record(call), "checklist-complete")
    assert f.rule == "confirm-understood"


def test_stages_not_visited_are_named(rules, rubric, ctx):
    call = make_call(rules, "咨询")
    call.go_to("业务处理")
    call.end()
    [f] = findings(rubric, ctx, record(call), "stages-covered")
    assert "身份核验" in f.detail and "风险提示" in f.detail and "业务处理" not in f.detail


# ---- score and verdict -------------------------------------------------------------------------------

def test_score_deducts_each_item_once_and_a_red_line_decides_the_verdict(rules, cards, rubric, ctx):
    good = make_call(rules, "咨询")
    good.add_note("您好，工号1023，本次通话将会录音。")
    for s in ("身份核验", "业务处理", "风险提示", "结束"):
        good.go_to(s)
    for it in ("identity-if-account", "answer-question", "confirm-understood"):
        good.tick(it)
    good.end()
    r = assess(record(good), rubric, ctx)
    assert (r.score, r.verdict, r.red_line, r.findings) == (100, "合格", False, ())
    assert r.assessed_at == "2026-11-26T01:00:00+00:00"
    weak = make_call(rules, "咨询")
    weak.end()
    r = assess(record(weak), rubric, ctx)
    lost = sum(rubric.item(i).weight for i in {f.item for f in r.findings})
    assert r.score == 100 - lost and r.verdict == "待改进" and not r.red_line
    bad = make_call(rules, "咨询")
    bad.add_note("您好，工号1023，本次通话将会录音。请您把短信验证码念一下")
    bad.end()
    assert assess(record(bad), rubric, ctx).verdict == "红线"


# ---- the rubric file -----------------------------------------------------------------------------------

def test_the_shipped_rubric_examples_all_go_the_right_way(rubric, rules, cards):
    assert check_qa_examples(rubric, rules, cards) == []
    assert all(len(it.must_pass) >= 2 and len(it.must_fail) >= 2 for it in rubric.items)
    assert {it.check for it in rubric.items} >= {"stages", "checklist", "identity_before_content", "disclosures",
                                                  "red_lines", "complaint_registered", "callback"}


def _rubric_copy(tmp_path, edit) -> Path:
    kb = tmp_path / "kb"
    shutil.copytree(REPO / "kb", kb)
    p = kb / "rules" / "qa.yaml"
    p.write_text(edit(p.read_text(encoding="utf-8")), encoding="utf-8")
    return kb


@pytest.mark.parametrize("edit, line, words", [
    (lambda s: s.replace("check: stages\n", "check: stage\n"), None, "unknown check 'stage'"),
    (lambda s: s.replace("weight: 5\n    red_line: false\n    card: tip-closing",
                         "weight: 500\n    red_line: false\n    card: tip-closing"), None, "weight must be"),
    (lambda s: s.replace("params: {texts: [note], severity: [error]}", "params: {texts: [notes], severity: [error]}"), None, "unknown text 'notes'"),
    (lambda s: s.replace("call_types: [投诉]\n    card: complaint-intake-flow",
                         "call_types: [抱怨]\n    card: complaint-intake-flow"), None, "unknown call type '抱怨'"),
])
def test_a_bad_rubric_is_refused_at_its_line(tmp_path, rules, edit, line, words):
    kb = _rubric_copy(tmp_path, edit)
    with pytest.raises(RulesError) as e:
        load_rubric(kb, classes=rules.lexicon.classes, call_types=set(rules.call_types))
    assert words in e.value.message and e.value.path.endswith("qa.yaml") and e.value.line > 1
    text = (kb / "rules" / "qa.yaml").read_text(encoding="utf-8").splitlines()
    assert any(w in text[e.value.line - 1] for w in ("check", "weight", "params", "call_types"))


def test_kb_check_reports_an_example_call_that_goes_the_wrong_way(tmp_path):
    from assist.core.kb.checker import check_kb

    kb = _rubric_copy(tmp_path, lambda s: s.replace(
        "- {call_type: 挂失, steps: [{script: card-loss-debit}, {tick: verify-identity}]}",
        "- {call_type: 挂失, steps: [{tick: verify-identity}, {script: card-loss-debit}]}"))
    problems = [p for p in check_kb(kb) if p.code == "qa-example"]
    assert len(problems) == 1 and "finds nothing in its 'fail' example" in problems[0].message
    line = (kb / "rules" / "qa.yaml").read_text(encoding="utf-8").splitlines()[problems[0].line - 1]
    assert "{tick: verify-identity}, {script: card-loss-debit}" in line


def test_kb_check_reports_an_unknown_card_and_step(tmp_path):
    from assist.core.kb.checker import check_kb

    kb = _rubric_copy(tmp_path, lambda s: s.replace("card: tip-callback", "card: tip-no-such-card").replace(
        "{value: 回电时间}, {script: tip-callback/约定回电}", "{value: 回电时间}, {script: tip-callback/不存在}"))
    msgs = [p.message for p in check_kb(kb) if p.code == "qa-example"]
    assert any("names card 'tip-no-such-card'" in m for m in msgs)
    assert any("has no script named '不存在'" in m for m in msgs)


# ---- storage, the call record, the command ----------------------------------------------------------

def _recorded_call(db, rules, cards):
    from assist.core.storage import panel

    call = make_call(rules, "投诉")
    panel.start_call(db, call.call_id, call.started_at.isoformat(), "138****5678", "信用卡年费", "投诉", "ipc")
    call.override_identity_gate("客户身份证号11010519491231002X已核对")   # a careless reason: masked at the source
    call.add_note("请您把短信验证码念一下")
    call.end()
    for e in call.events()[1:]:
        panel.add_call_event(db, e["call_id"], e["at"], e["kind"], e["detail"])
    return call


def test_record_call_stores_the_result_and_queues_a_masked_call_record(tmp_path, rules, cards, rubric, ctx):
    from assist.core.privacy import mask
    from assist.core.qa import store as qa_store
    from assist.core.storage import outbox
    from assist.schema import open_app_db as open_db

    db = open_db(tmp_path / "a.sqlite3")
    call = _recorded_call(db, rules, cards)
    # the UI masks the override reason before it reaches the model; the record masks again
    db.execute("UPDATE call_events SET detail = ? WHERE kind = 'identity_override'",
               [json.dumps({"reason": mask("客户身份证号11010519491231002X已核对"), "card_id": None})])
    result = qa_store.assess_call(db, call.call_id, rubric, ctx)
    assert result.verdict == "红线" and {f.item for f in result.findings} >= {"red-lines-in-notes", "complaint-registered"}
    qa_store.record_call(db, call.call_id, result, agent_id="A001", org_unit="北京分行")
    [row] = outbox.peek(db)
    assert row["kind"] == "call" and row["id"] == call.call_id and row["revision"] == 1
    p = row["payload"]
    assert p["qa"]["verdict"] == "红线" and p["agent_id"] == "A001" and p["started_at"].endswith("+00:00")
    assert p["caller_masked"] == "138****5678"
    blob = json.dumps(p, ensure_ascii=False)
    assert "11010519491231002X" not in blob and "110***********002X" in blob   # masked 3+4
    assert qa_store.stored_result(db, call.call_id) == result
    qa_store.record_call(db, call.call_id, result, agent_id="A001")
    assert [r["revision"] for r in outbox.peek(db)] == [1, 2]


def test_calls_qa_command_prints_findings_and_json(tmp_path, capsys, rules, cards):
    from assist.app import main
    from assist.paths import Paths
    from assist.schema import open_app_db as open_db

    paths = Paths.from_basedir(tmp_path).ensure()
    db = open_db(paths.db_file)
    call = _recorded_call(db, rules, cards)
    db.conn.close()
    assert main(["--basedir", str(tmp_path), "--kb", str(REPO / "kb"), "calls", "qa", call.call_id[:4]]) == 0
    out = capsys.readouterr().out
    assert "红线" in out and "[complaint-registered]" in out and "→ 卡片 complaint-intake-flow" in out
    assert main(["--basedir", str(tmp_path), "--kb", str(REPO / "kb"), "calls", "qa", "--since", "2026-11-01", "--json"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    got = json.loads(line)
    assert got["call_id"] == call.call_id and got["red_line"] is True and got["score"] < 100
    assert main(["--basedir", str(tmp_path), "calls", "qa", "--since", "yesterday"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["--basedir", str(tmp_path), "calls", "qa"]) == 2
    assert main(["--basedir", str(tmp_path), "--kb", str(REPO / "kb"), "calls", "qa", "zzz"]) == 2
    assert "no call with that id" in capsys.readouterr().err
