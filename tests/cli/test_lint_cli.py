"""`assist lint`: JSON findings, exit codes, usage errors."""

from __future__ import annotations

import io
import json

from assist.app import main


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_json_findings_from_stdin(monkeypatch, capsys, basedir):
    text = "您好。\n这款产品保本的，放心，稳赚不赔"
    _stdin(monkeypatch, text)
    assert main(["--basedir", str(basedir), "lint", "-", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in out] == ["mkt-principal-guaranteed", "mkt-return-guaranteed"]
    assert all({"rule", "start", "end", "severity", "message", "suggestion", "basis", "category"} <= set(f) for f in out)
    assert [text[f["start"]:f["end"]] for f in out] == ["保本", "稳赚不赔"]


def test_clean_text_exits_0(monkeypatch, capsys, basedir):
    _stdin(monkeypatch, "本产品不保本，收益不作保证。")
    assert main(["--basedir", str(basedir), "lint", "-", "--json", "--call-type", "理财"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_file_and_human_output(tmp_path, capsys, basedir):
    f = tmp_path / "draft.txt"
    f.write_text("第一行\n你找谁都没用\n", encoding="utf-8")
    assert main(["--basedir", str(basedir), "lint", str(f)]) == 1
    out = capsys.readouterr().out
    assert f"{f}:2:2: error:" in out and "svc-buck-passing" in out and "建议" in out and "依据" in out


def test_explain_shows_what_did_not_count(monkeypatch, capsys, basedir):
    _stdin(monkeypatch, "请不要把验证码告诉任何人。请把验证码念一下。")
    assert main(["--basedir", str(basedir), "lint", "-", "--explain"]) == 1
    out = capsys.readouterr().out
    assert "not counted" in out and "否定" in out and "sec-ask-otp" in out


def test_eval_prints_figures(tmp_path, capsys, basedir):
    f = tmp_path / "labelled.yaml"
    f.write_text("flag:\n  - {text: 请把验证码念一下, category: secrets}\n  - {text: 今天天气好, category: secrets}\n"
                 "must_not:\n  - {text: 请不要把验证码告诉任何人, kind: warning}\n", encoding="utf-8")
    assert main(["--basedir", str(basedir), "lint", "--eval", str(f)]) == 0
    out = capsys.readouterr().out
    assert "secrets" in out and "1/2" in out and "not flagged [secrets]: 今天天气好" in out and "rate 0.000" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just a list\n", encoding="utf-8")
    assert main(["--basedir", str(basedir), "lint", "--eval", str(bad)]) == 2


def test_usage_errors_exit_2(tmp_path, monkeypatch, capsys, basedir):
    _stdin(monkeypatch, "x")
    assert main(["--basedir", str(basedir), "lint", "-", "--call-type", "闲聊"]) == 2
    assert "unknown call type '闲聊'" in capsys.readouterr().err
    assert main(["--basedir", str(basedir), "lint", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    assert main(["--basedir", str(basedir), "lint", str(bad)]) == 2


def test_broken_rules_exit_2(tmp_path, monkeypatch, capsys, basedir):
    kb = tmp_path / "kb"
    (kb / "rules").mkdir(parents=True)
    (kb / "rules" / "lexicon.yaml").write_text("classes: {}\n", encoding="utf-8")
    (kb / "rules" / "call_types.yaml").write_text("call_types: [\n", encoding="utf-8")
    _stdin(monkeypatch, "x")
    assert main(["--basedir", str(basedir), "--kb", str(kb), "lint", "-"]) == 2
    assert "call_types.yaml:" in capsys.readouterr().err
