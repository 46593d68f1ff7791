"""Rule files load, and a broken one fails with ``path:line: message``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assist.core.guidance import RulesError, load_rules
from assist.core.kb.model import CALL_STAGES

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def rules_dir(tmp_path) -> Path:
    d = tmp_path / "kb" / "rules"
    shutil.copytree(REPO / "kb" / "rules", d)
    return d


def test_shipped_rules_load():
    rules = load_rules(REPO / "kb")
    assert {"咨询", "投诉", "挂失", "理财", "信贷", "反诈"} <= set(rules.call_types)
    assert len(rules.forbidden) >= 8
    assert {r.category for r in rules.forbidden} == {"服务禁语", "营销红线"}
    assert all(r.reason and r.suggestion for r in rules.forbidden)
    complaint = rules.call_type("complaint")
    labels = [it.label for it in complaint.checklist]
    assert any("工号" in x for x in labels) and any("时限" in x for x in labels) and any("受理编号" in x for x in labels)
    stages = [CALL_STAGES.index(it.stage) for it in complaint.checklist]
    assert stages == sorted(stages)


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
    ("forbidden.yaml", "severity: warning", "severity: maybe", "unknown severity"),
    ("forbidden.yaml", "category: 服务禁语", "category: 其他", "unknown category"),
    ("forbidden.yaml", "label: 推诿", "lable: 推诿", "unknown field 'lable'"),
    ("forbidden.yaml", "'爱找谁找谁'", "'爱找谁(找谁'", "bad pattern"),
    ("forbidden.yaml", "id: svc-insult", "id: svc-reproach", "duplicate id"),
    ("call_types.yaml", "stage: 身份核验, label: 核实身份}", "stage: 核身, label: 核实身份}", "unknown stage"),
    ("disclosures.yaml", "call_types: [投诉]", "call_types: [投诉啦]", "unknown call type"),
])
def test_bad_rule_file_reports_path_and_line(rules_dir, file, old, new, message):
    path = rules_dir / file
    _edit(path, old, new)
    with pytest.raises(RulesError) as err:
        load_rules(rules_dir.parent)
    assert message in str(err.value)
    assert err.value.path.endswith(file)
    assert err.value.line == _line(path, new.split(":")[0] if message == "unknown field 'lable'" else new)
    assert str(err.value).startswith(f"{err.value.path}:{err.value.line}: ")


def test_bad_yaml_and_missing_file(rules_dir):
    (rules_dir / "disclosures.yaml").write_text("disclosures:\n  - id: x\n    label: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"disclosures.yaml:\d+: bad YAML"):
        load_rules(rules_dir.parent)
    (rules_dir / "disclosures.yaml").unlink()
    with pytest.raises(RulesError, match=r"disclosures.yaml:1: file is missing"):
        load_rules(rules_dir.parent)


def test_missing_required_field(rules_dir):
    path = rules_dir / "forbidden.yaml"
    _edit(path, "    reason: 推诿属于服务禁语", "    note: x\n    reasonx: 推诿属于服务禁语")
    with pytest.raises(RulesError, match="unknown field 'note'"):
        load_rules(rules_dir.parent)
