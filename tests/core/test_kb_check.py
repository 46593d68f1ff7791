"""The KB checker: each broken file gets its own ``path:line`` problem, all in one run."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from stdnum import luhn
from stdnum.cn import ric

from assist.core.kb.checker import KBUnusable, check_kb

FIXTURE = Path(__file__).parent / "data" / "kb_broken"
TODAY = dt.date(2026, 11, 26)


def fake_id_number() -> str:
    """A synthetic but checksum-valid 18-digit resident ID number (GB 11643 MOD 11-2)."""
    first17 = "11010519800101" + "123"
    return first17 + ric.calc_check_digit(first17 + "0")  # stdnum reads the first 17 of 18


@pytest.fixture
def broken_kb(tmp_path, monkeypatch) -> Path:
    kb = tmp_path / "kb"
    shutil.copytree(FIXTURE, kb)
    (kb / "cards" / "pii.md").write_text(
        "---\nid: pii-card\ntitle: 含身份证号\ncategory: 银行卡/挂失\nprivacy_level: C1\nversion: 1\nowner: 消保部\n---\n\n"
        f"示例客户：\n身份证号 {fake_id_number()}，请核对。\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return kb


def by_code(problems, code):
    return [f"{p.path}:{p.line}" for p in problems if p.code == code]


def test_id_checksum_helper():
    assert ric.calc_check_digit("11010519491231002X") == "X"  # the GB 11643 worked example
    assert luhn.is_valid("4111111111111111") and not luhn.is_valid("4111111111111112")


def test_each_broken_file_has_its_own_path_line(broken_kb):
    problems = check_kb(broken_kb, today=TODAY)
    text = "\n".join(map(str, problems))
    assert by_code(problems, "bad-yaml") == ["kb/cards/bad-yaml.md:3", "kb/taxonomy/complaint.yaml:4"], text
    assert "kb/cards/missing-id.md:1" in by_code(problems, "missing-id"), text
    assert by_code(problems, "duplicate-id") == ["kb/cards/dup-b.md:2"], text
    assert by_code(problems, "forbidden-phrase") == ["kb/cards/forbidden.md:14"], text
    # a rule whose near-miss example it flags: reported on the example's own line
    assert by_code(problems, "rule-example") == ["kb/rules/lint/marketing.yaml:18"], text
    assert "收益翻倍的可能性很小" in text
    assert by_code(problems, "pii") == ["kb/cards/pii.md:11"], text
    assert by_code(problems, "dangling-related") == ["kb/cards/dangling.md:10"], text
    assert by_code(problems, "placeholder") == ["kb/cards/placeholder.md:12"], text
    assert by_code(problems, "unknown-field") == ["kb/cards/unknown-field.md:8"], text
    assert by_code(problems, "missing-legal-basis") == ["kb/cards/consumer.md:4"], text
    assert by_code(problems, "expired") == ["kb/cards/expired.md:9"], text
    # the good card has no problem at all; the PII is never printed in full
    assert not [p for p in problems if "good.md" in p.path], text
    assert fake_id_number() not in text
    assert all(p.severity == "warning" for p in problems if p.code == "expired")


def test_not_yet_effective_is_a_warning(broken_kb):
    problems = check_kb(broken_kb, today=dt.date(2019, 6, 1))
    assert [(p.path, p.line, p.severity) for p in problems if p.code == "not-yet-effective"] == [("kb/cards/expired.md", 8, "warning")]


def test_masked_examples_and_hotlines_are_not_pii(tmp_path):
    kb = tmp_path / "kb"
    (kb / "cards").mkdir(parents=True)
    (kb / "cards" / "ok.md").write_text(
        "---\nid: ok-card\ntitle: 示例\ncategory: 银行卡/挂失\nprivacy_level: C1\nversion: 1\nowner: 消保部\n---\n"
        "卡号写成 6222 **** **** 1234，手机写成 138****5678；热线 95588、12378、96110；日期 2026-11-20。\n",
        encoding="utf-8",
    )
    assert check_kb(kb, today=TODAY) == []


def test_missing_folder_is_unusable(tmp_path):
    with pytest.raises(KBUnusable):
        check_kb(tmp_path / "nope")


def test_synthetic_kb_generator_passes_the_checker(tmp_path):
    from benchmarks.gen_kb import generate

    kb = generate(40, tmp_path / "syn")
    assert len(list((kb / "cards").rglob("*.md"))) == 40
    assert [str(p) for p in check_kb(kb, today=TODAY)] == []


def test_call_type_listing_a_missing_card_is_an_error(tmp_path):
    import shutil

    from assist.core.kb.checker import check_kb

    root = Path(__file__).resolve().parents[2]
    kb = tmp_path / "kb"
    shutil.copytree(root / "kb", kb)
    ct = kb / "rules" / "call_types.yaml"
    text = ct.read_text(encoding="utf-8").replace("cards: [idv-opening-staff-id, complaint-intake-flow,",
                                                  "cards: [idv-opening-staff-id, no-such-card, complaint-intake-flow,", 1)
    ct.write_text(text, encoding="utf-8")
    problems = [str(p) for p in check_kb(kb) if "no-such-card" in p.message]
    assert len(problems) == 1
    assert "rules/call_types.yaml:" in problems[0] and "call type '投诉'" in problems[0]
