"""`assist complaints risk|export` and `assist privacy purge` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys

from assist.core.complaints.risk import assess_risk, load_risk_rules
from assist.schema import open_app_db as open_db
from tests.conftest import REPO as ROOT
from tests.core.test_complaints_risk import CASES
from tests.core.test_complaints_storage import FORM, save
from tests.core.test_privacy_purge import make


def test_cli_prints_readable_lines_and_json_with_reasons(tmp_path):
    texts = [c["text"] for c in CASES[:12]]
    f = tmp_path / "in.txt"
    f.write_text("\n".join(texts) + "\n", encoding="utf-8")
    base = [sys.executable, "-m", "assist", "--basedir", str(tmp_path / "b"), "complaints", "risk"]
    out = subprocess.run(base + [str(f), "--json"], capture_output=True, text=True, cwd=ROOT, timeout=60,
                         check=True).stdout.splitlines()
    assert len(out) == len(texts)
    for line, text in zip(out, texts):
        obj = json.loads(line)
        assert obj == assess_risk(text, load_risk_rules(ROOT / "kb")).to_json()
        assert obj["level_reason"] and all(fl["reason"] for fl in obj["flags"])
    human = subprocess.run(base + ["-"], input="打12378\n\n普通\n", capture_output=True, text=True, cwd=ROOT,
                           timeout=60, check=True).stdout
    assert "等级 复杂" in human and "监管" in human and "12378" in human and "{" not in human
    piped = subprocess.run(base + ["-", "--json"], input="打12378\n\n普通\n", capture_output=True, text=True,
                           cwd=ROOT, timeout=60, check=True).stdout
    assert [json.loads(x)["level"] for x in piped.splitlines()] == ["复杂", "普通", "普通"]


def test_risk_cli_names_an_unreadable_file_and_exits_2(tmp_path, capsys):
    from assist.app import main

    assert main(["--basedir", str(tmp_path), "complaints", "risk", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("我要投诉\n".encode("gbk"))
    assert main(["--basedir", str(tmp_path), "complaints", "risk", str(bad)]) == 2
    assert "gbk.txt:1: not UTF-8" in capsys.readouterr().err


def test_export_cli_csv_and_jsonl(tmp_path):
    base = tmp_path / "b"
    d = open_db(base / "data" / "assist.sqlite3")
    save(d)
    save(d, {**FORM, "complainant_name": "李四"}, now="2026-03-05T10:00:00")
    d.conn.close()
    cmd = [sys.executable, "-m", "assist", "--basedir", str(base), "complaints", "export"]
    jl = subprocess.run(cmd + ["--format", "jsonl"], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True).stdout
    recs = [json.loads(x) for x in jl.splitlines()]
    assert [r["complainant_name"] for r in recs] == ["张**", "李*"]
    assert "13812345678" not in jl
    csv_out = subprocess.run(cmd + ["--format", "csv", "--since", "2026-03-04"], capture_output=True, text=True, cwd=ROOT,
                             timeout=60, check=True).stdout.splitlines()
    assert csv_out[0].startswith("ticket_no,id,status") and len(csv_out) == 2 and "李*" in csv_out[1]
    bad = subprocess.run(cmd + ["--since", "3月4日"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_cli_purge(tmp_path):
    base = tmp_path / "base"
    env_args = [sys.executable, "-m", "assist", "--basedir", str(base), "privacy", "purge"]
    r = subprocess.run(env_args, capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "--older-than" in r.stderr
    from assist.paths import Paths

    paths = Paths.from_basedir(base).ensure()
    db = open_db(paths.db_file)
    s = make(db, "已办结", when="2020-01-01T10:00:00")
    db.conn.close()
    r = subprocess.run([*env_args, "--older-than", "365", "--dry-run"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and s.ticket_no in r.stdout and "would be anonymised" in r.stdout
    r = subprocess.run([*env_args, "--older-than", "365"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "1 closed complaint(s)" in r.stdout and "1 audit event(s) appended" in r.stdout
    r = subprocess.run([sys.executable, "-m", "assist", "--basedir", str(base), "audit", "verify"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
