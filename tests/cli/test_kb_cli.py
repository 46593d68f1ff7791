"""`assist kb check|index|pack|import|status|rollback` from the command line."""

from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from pathlib import Path

from assist.core.kb import packs
from tests.core.test_kb_check import FIXTURE
from tests.core.test_kb_index import make_kb as make_cards
from tests.core.test_kb_packs import REPO_KB, make_kb


def test_cli_flow_with_the_real_kb(tmp_path, capsys, monkeypatch):
    """keygen → trust → pack (the repo's kb/) → import on a clean basedir → status → rollback."""
    from assist.app import Context, main
    from assist.paths import Paths

    monkeypatch.delenv("ASSIST_KB", raising=False)
    base = ["--basedir", str(tmp_path / "base")]
    src = tmp_path / "kb"
    shutil.copytree(REPO_KB, src)  # cards are being edited live: pack a stable copy
    key = tmp_path / "ho.key"
    assert main([*base, "kb", "keygen", "--out", str(key)]) == 0
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert main([*base, "kb", "trust", f"{key}.pub"]) == 0
    pack = tmp_path / "kb.zip"
    manifest = packs.build_pack(src, key, pack)  # the CLI `pack` also runs the checker first
    capsys.readouterr()
    assert main([*base, "kb", "import", str(pack)]) == 0
    ctx = Context(paths=Paths.from_basedir(tmp_path / "base"))
    assert ctx.kb_dir == packs.active_kb_dir(ctx.paths.kb_store_dir)
    assert ctx.load_kb().version == manifest["kb_version"]
    assert main([*base, "kb", "status"]) == 0
    assert manifest["kb_version"] in capsys.readouterr().out
    assert main([*base, "kb", "import", str(pack)]) == 1  # same version again
    assert main([*base, "kb", "rollback"]) == 0
    assert Context(paths=Paths.from_basedir(tmp_path / "base")).kb_dir == ctx.paths.bundled_kb_dir
    settings = (tmp_path / "base" / "config" / "settings.toml").read_text(encoding="utf-8")
    assert Path(f"{key}.pub").read_text().strip() in settings


def test_cli_pack_refuses_a_broken_kb(tmp_path, key):
    from assist.app import main

    k, _pub = key
    kb = make_kb(tmp_path / "kb", "2026.1.0")
    (kb / "cards" / "bad.md").write_text("---\ntitle: 无编号\n---\n", encoding="utf-8")
    assert main(["--basedir", str(tmp_path / "b"), "kb", "pack", "--key", str(k), "--out", str(tmp_path / "p.zip"), str(kb)]) == 1
    (kb / "cards" / "bad.md").unlink()
    assert main(["--basedir", str(tmp_path / "b"), "kb", "pack", "--key", str(k), "--out", str(tmp_path / "p.zip"), str(kb)]) == 0
    assert json.loads(zipfile.ZipFile(tmp_path / "p.zip").read("manifest.json"))["kb_version"] == "2026.1.0"


def test_cli_check_exit_codes_and_json(broken_kb, tmp_path, capsys):
    from assist.app import main

    base = ["--basedir", str(tmp_path / "base")]
    assert main([*base, "kb", "check", str(broken_kb)]) == 1
    out = capsys.readouterr().out
    assert "kb/cards/dup-b.md:2: duplicate id 'dup-card'" in out
    assert main([*base, "kb", "check", "--json", str(broken_kb)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] >= 10 and {p["code"] for p in data["problems"]} >= {"duplicate-id", "pii", "bad-yaml"}
    assert main([*base, "kb", "check", str(tmp_path / "missing")]) == 2
    good = tmp_path / "good"
    (good / "cards").mkdir(parents=True)
    shutil.copy(FIXTURE / "cards" / "good.md", good / "cards" / "good.md")
    (good / "cards" / "good.md").write_text((good / "cards" / "good.md").read_text(encoding="utf-8").replace("related: [dup-card]\n", ""), encoding="utf-8")
    shutil.copy(FIXTURE / "cards" / "expired.md", good / "cards" / "expired.md")
    assert main([*base, "kb", "check", str(good)]) == 0  # warnings only


def test_cli_build(tmp_path, capsys):
    from assist.app import main

    kb_dir = make_cards(tmp_path / "kb", 3)
    assert main(["--basedir", str(tmp_path / "base"), "kb", "build", str(kb_dir)]) == 0
    assert "3 cards" in capsys.readouterr().out
    assert (tmp_path / "base" / "cache" / "kb-index.sqlite3").exists()
