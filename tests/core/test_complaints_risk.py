"""assess_risk on >= 40 labelled texts of our own, plus rule-file errors and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assist.core.complaints.risk import FLAGS, RiskRulesError, assess_risk, cn_number, load_risk_rules

DATA = Path(__file__).parent / "data" / "risk_labelled.yaml"
CASES = yaml.safe_load(DATA.read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[2]


def test_enough_labelled_cases_covering_every_flag():
    assert len(CASES) >= 40
    covered = {f for c in CASES for f in c["flags"]}
    assert covered == set(FLAGS)
    assert sum(1 for c in CASES if not c["flags"]) >= 8
    assert {c["level"] for c in CASES} == {"普通", "复杂", "重大"}


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:12] for c in CASES])
def test_labelled(case):
    res = assess_risk(case["text"])
    got = dict(res.flags)
    assert res.level == case["level"], (res, case)
    assert set(got) == set(case["flags"]), (res.flags, case["flags"])
    for flag, words in case["flags"].items():
        assert set(map(str, words)) <= set(got[flag]), (flag, got[flag], words)
        for w in got[flag]:
            assert w in case["text"]


def test_negated_mention_is_flagged_but_does_not_raise_level():
    res = assess_risk("我不会去找媒体的")
    assert res.flag_names() == ["舆情/媒体"] and res.level == "普通"
    assert res.negated == {"舆情/媒体": ["媒体"]}
    assert assess_risk("我会去找媒体的").level == "复杂"


def test_art29_reasons_are_reported():
    res = assess_risk("我们三十多个人明天到你们网点讨说法")
    assert res.level == "重大"
    assert res.major[0][0].startswith("群体现场投诉")
    assert "三十多个人" in res.major[0][1]
    # >= 20 people but not in person: a group, not major
    assert assess_risk("我们群里有三十多个人都被坑了").level == "复杂"


def test_to_json_shape():
    assert assess_risk("打12378").to_json() == {"level": "复杂", "flags": [{"flag": "监管", "evidence": ["12378"]}]}


@pytest.mark.parametrize("s,n", [("20", 20), ("二十", 20), ("三十", 30), ("十", 10), ("十五", 15), ("一百", 100), ("几十", 20), ("两", 2)])
def test_cn_number(s, n):
    assert cn_number(s) == n


def test_rule_file_errors_have_path_and_line(tmp_path):
    bad = tmp_path / "risk.yaml"
    bad.write_text("version: 1\nflags:\n  监管:\n    words: [12378]\n  未知旗标:\n    words: [x]\n  司法:\n    patterns: ['(']\n", encoding="utf-8")
    with pytest.raises(RiskRulesError) as ei:
        load_risk_rules(bad)
    msg = str(ei.value)
    assert f"{bad}:5: unknown flag '未知旗标'" in msg
    assert f"{bad}:8:" in msg and "bad regular expression" in msg


def test_custom_rules_used(tmp_path):
    f = tmp_path / "r.yaml"
    f.write_text("flags:\n  信访:\n    words: [找领导]\n", encoding="utf-8")
    res = assess_risk("我要找领导", load_risk_rules(f))
    assert res.flags == [("信访", ["找领导"])]


def test_cli_one_json_object_per_line_in_order(tmp_path):
    texts = [c["text"] for c in CASES[:12]]
    f = tmp_path / "in.txt"
    f.write_text("\n".join(texts) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "assist", "--basedir", str(tmp_path / "b"), "complaints", "risk", str(f), "--json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60, check=True).stdout.splitlines()
    assert len(out) == len(texts)
    for line, text in zip(out, texts):
        obj = json.loads(line)
        assert obj == assess_risk(text).to_json()
        assert set(obj) == {"level", "flags"}
    piped = subprocess.run([sys.executable, "-m", "assist", "--basedir", str(tmp_path / "b"), "complaints", "risk", "-"],
                           input="打12378\n\n普通\n", capture_output=True, text=True, cwd=ROOT, timeout=60, check=True).stdout
    assert [json.loads(x)["level"] for x in piped.splitlines()] == ["复杂", "普通", "普通"]


def test_risk_cli_names_an_unreadable_file_and_exits_2(tmp_path, capsys):
    from assist.app import main

    assert main(["--basedir", str(tmp_path), "complaints", "risk", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("我要投诉\n".encode("gbk"))
    assert main(["--basedir", str(tmp_path), "complaints", "risk", str(bad)]) == 2
    assert "gbk.txt:1: not UTF-8" in capsys.readouterr().err


def test_structured_art29_facts_are_grounds_for_major():
    from assist.core.complaints.risk import RiskFacts

    assert assess_risk("柜员态度差", facts=RiskFacts(people_count=25, in_person=True)).level == "重大"
    assert assess_risk("柜员态度差", facts=RiskFacts(people_count=25, in_person=False)).level != "重大"
    assert assess_risk("柜员态度差", facts=RiskFacts(people_count=19, in_person=True)).level != "重大"
    r = assess_risk("网点被淹后存折无法取款", facts=RiskFacts(arising_event="2026年7月洪灾"))
    assert r.level == "重大" and r.major[0][1] == ["2026年7月洪灾"]
    assert assess_risk("x", facts=RiskFacts(regulator_designated=True)).level == "重大"
