"""assist privacy scan|mask through app.main and one real subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assist.app import main

REPO = Path(__file__).resolve().parents[2]
MOB = "13912345678"
TEXT = f"客户手机{MOB}，密码是123456\n无个人信息\n卡号 6222 0212 3456 7894\n"


@pytest.fixture(autouse=True)
def _basedir(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSIST_BASEDIR", str(tmp_path / "base"))


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_scan_json(monkeypatch, capsys):
    _stdin(monkeypatch, TEXT)
    assert main(["privacy", "scan", "-", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {"line": 1, "kind": "mobile", "start": 4, "end": 15},
        {"line": 1, "kind": "secret", "start": 19, "end": 25},
        {"line": 3, "kind": "bank_card", "start": 3, "end": 22},
    ]


def test_scan_text_never_prints_full_values(monkeypatch, capsys):
    _stdin(monkeypatch, TEXT)
    assert main(["privacy", "scan"]) == 0
    out = capsys.readouterr().out
    assert "1:4-15\tmobile\t139****5678" in out and "[已隐去]" in out
    assert MOB not in out and "123456" not in out and "0212 3456" not in out


def test_scan_empty_json_and_file(tmp_path, capsys):
    f = tmp_path / "notes.txt"
    f.write_text("没有号码\r\n手机" + MOB + "\r\n", encoding="utf-8")
    assert main(["privacy", "scan", str(f), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"line": 2, "kind": "mobile", "start": 2, "end": 13}]
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["privacy", "scan", str(tmp_path / "empty.txt"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_unreadable_file_and_usage_errors(tmp_path, capsys):
    assert main(["privacy", "scan", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00bad")
    assert main(["privacy", "mask", str(tmp_path / "bin.txt")]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    for argv in (["privacy"], ["privacy", "scan", "--bogus"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2


def test_mask_subprocess(tmp_path):
    env = dict(os.environ, ASSIST_BASEDIR=str(tmp_path), PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "assist", "privacy", "mask", "-"], input=TEXT.encode("utf-8"),
        capture_output=True, cwd=REPO, env=env, timeout=60, check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8").splitlines() == [
        "客户手机139****5678，密码是[已隐去]", "无个人信息", "卡号 6222 02** **** 7894",
    ]
