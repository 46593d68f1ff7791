"""Rule files load, every rule carries its examples, and a broken file fails with ``path:line: message``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assist.core.guidance import RulesError, load_rules
from assist.core.guidance.lint import check_examples
from assist.core.guidance.rules import MIN_EXAMPLES
from assist.core.kb.model import CALL_STAGES

REPO = Path(__file__).resolve().parents[2]
CATEGORIES = {"索要敏感信息", "不当承诺", "营销红线", "保险销售", "投诉处理", "债务催收", "服务禁语与歧视"}


@pytest.fixture
def rules_dir(tmp_path) -> Path:
    d = tmp_path / "kb" / "rules"
    shutil.copytree(REPO / "kb" / "rules", d)
    return d


def test_shipped_rules_load():
    rules = load_rules(REPO / "kb")
    assert {"咨询", "投诉", "挂失", "理财", "信贷", "反诈", "保险", "催收"} <= set(rules.call_types)
    assert len(rules.forbidden) >= 40
    assert {r.category for r in rules.forbidden} == CATEGORIES
    assert all(r.reason and r.suggestion and r.basis and r.label for r in rules.forbidden)
    complaint = rules.call_type("complaint")
    labels = [it.label for it in complaint.checklist]
    assert any("工号" in x for x in labels) and any("时限" in x for x in labels) and any("受理编号" in x for x in labels)
    stages = [CALL_STAGES.index(it.stage) for it in complaint.checklist]
    assert stages == sorted(stages)
    assert rules.call_type("collection").direction == "外呼"


def test_every_rule_and_disclosure_has_examples_that_go_the_right_way():
    rules = load_rules(REPO / "kb")
    for r in rules.forbidden:
        assert len(r.must) >= MIN_EXAMPLES and len(r.must_not) >= MIN_EXAMPLES, r.id
    for d in rules.disclosures:
        assert len(d.must) >= MIN_EXAMPLES and len(d.must_not) >= MIN_EXAMPLES, d.id
    assert check_examples(rules) == []


def test_disclosures_per_call_type():
    rules = load_rules(REPO / "kb")
    ids = {t: {d.id for d in rules.disclosures_for(t)} for t in ("投诉", "理财", "保险", "信贷", "催收")}
    assert {"complaint-deadline", "complaint-ticket", "complaint-reply-method"} <= ids["投诉"]
    assert {"wealth-risk-level", "wealth-not-deposit", "wealth-not-guaranteed"} <= ids["理财"]
    assert {"ins-is-insurance", "ins-cooling-off", "ins-surrender-loss", "ins-exclusions"} <= ids["保险"]
    assert {"credit-annual-rate", "credit-total-cost"} <= ids["信贷"]
    assert {"col-collector-identity", "col-debt-details"} <= ids["催收"]


def test_rules_folder_itself_is_accepted():
    assert load_rules(REPO / "kb" / "rules").call_types


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, needle: str) -> int:
    hits = [i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in ln]
    assert hits, needle
    return hits[-1]


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    ("lint/service.yaml", "  severity: error", "  severity: maybe", "unknown severity"),
    ("lint/service.yaml", "    label: 推诿", "    lable: 推诿", "unknown field 'lable'"),
    ("lint/service.yaml", "      - [找谁, 也|都, 没用|没有用]", "      - [找谁, $找谁类, 没用]", "unknown word class '$找谁类'"),
    ("lint/service.yaml", "      - [找谁, 也|都, 没用|没有用]", "      - [找谁, 也||都, 没用]", "empty alternative"),
    ("lint/service.yaml", "  - id: svc-insult", "  - id: svc-reproach", "duplicate id"),
    ("lint/service.yaml", "  scope: {negation: false,", "  scope: {negate: false,", "unknown scope rule 'negate'"),
    ("lint/service.yaml", "  window: 6", "  window: 99", "window must be a whole number"),
    ("call_types.yaml", "stage: 身份核验, label: 核实身份}", "stage: 核身, label: 核实身份}", "unknown stage"),
    ("disclosures.yaml", "call_types: [投诉]", "call_types: [投诉啦]", "unknown call type"),
    ("lexicon.yaml", "  索要: [", "  数字: [", "bad class name '数字'"),
])
def test_bad_rule_file_reports_path_and_line(rules_dir, file, old, new, message):
    path = rules_dir / file
    _edit(path, old, new)
    with pytest.raises(RulesError) as err:
        load_rules(rules_dir.parent)
    assert message in str(err.value)
    assert err.value.path.endswith(Path(file).name)
    assert err.value.line == _line(path, new.strip().split(":")[0] if message.startswith("unknown field") else new.strip())
    assert str(err.value).startswith(f"{err.value.path}:{err.value.line}: ")


def test_a_rule_without_enough_examples_is_refused(rules_dir):
    path = rules_dir / "lint" / "service.yaml"
    _edit(path, "        - 你找谁都没用\n", "")
    _edit(path, "        - 这个不归我们管\n", "")
    with pytest.raises(RulesError, match="rule 'svc-buck-passing' needs at least 3 'flag' examples"):
        load_rules(rules_dir.parent)


def test_an_example_that_goes_the_wrong_way_names_its_line(rules_dir):
    path = rules_dir / "lint" / "service.yaml"
    _edit(path, "        - 你找谁都没用\n", "        - 你好，请问有什么可以帮您\n")
    _edit(path, "        - 这个问题我来帮您跟进\n", "        - 这个不归我管\n")
    problems = [str(p) for p in check_examples(load_rules(rules_dir.parent))]
    line_flag = _line(path, "你好，请问有什么可以帮您")
    line_pass = _line(path, "        - 这个不归我管")
    assert any(f"service.yaml:{line_flag}: rule 'svc-buck-passing' does not flag its example" in p for p in problems)
    assert any(f"service.yaml:{line_pass}: rule 'svc-buck-passing' flags its near-miss example" in p for p in problems)


def test_a_scope_rule_that_cancels_an_example_is_named(rules_dir):
    path = rules_dir / "lint" / "secrets.yaml"
    _edit(path, "        - 麻烦告诉我刚才的动态码\n", "        - 不要告诉我刚才的动态码\n")
    problems = [str(p) for p in check_examples(load_rules(rules_dir.parent))]
    assert any("不要告诉我刚才的动态码" in p and "否定" in p and "cancelled it" in p for p in problems), problems


def test_bad_yaml_and_missing_file(rules_dir):
    (rules_dir / "disclosures.yaml").write_text("disclosures:\n  - id: x\n    label: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"disclosures.yaml:\d+: bad YAML"):
        load_rules(rules_dir.parent)
    (rules_dir / "disclosures.yaml").unlink()
    with pytest.raises(RulesError, match=r"disclosures.yaml:1: file is missing"):
        load_rules(rules_dir.parent)


def test_a_question_mark_inside_a_list_gets_a_hint(rules_dir):
    path = rules_dir / "lint" / "service.yaml"
    _edit(path, "      - [找谁, 也|都, 没用|没有用]", "      - [找谁, 也?, 没用]")
    with pytest.raises(RulesError, match="no optional part"):
        load_rules(rules_dir.parent)


def test_no_lint_files(rules_dir):
    shutil.rmtree(rules_dir / "lint")
    with pytest.raises(RulesError, match="no lint rule files"):
        load_rules(rules_dir.parent)
