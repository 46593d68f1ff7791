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
    assert [f["rule"] for f in out] == ["mkt-principal-guaranteed", "mkt-sure-profit"]
    assert all(set(f) == {"rule", "start", "end", "severity", "message", "suggestion"} for f in out)
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
    assert f"{f}:2:1: error:" in out and "svc-buck-passing" in out and "建议" in out


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
    (kb / "rules" / "call_types.yaml").write_text("call_types: [\n", encoding="utf-8")
    _stdin(monkeypatch, "x")
    assert main(["--basedir", str(basedir), "--kb", str(kb), "lint", "-"]) == 2
    assert "call_types.yaml:" in capsys.readouterr().err
