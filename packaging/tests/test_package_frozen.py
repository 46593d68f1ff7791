"""Checks on the frozen one-folder build (packaging/out/dist/assist).

Not part of `make test` (they live outside tests/ and never run PyInstaller themselves):
packaging/ci.sh runs them after building. By hand: `packaging/build.sh app`, then
`.venv/bin/python -m pytest packaging/tests`. The full install/remove check is packaging/ci.sh.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from assist import __version__

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "packaging" / "out" / "dist" / "assist"

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def frozen() -> Path:
    exe = DIST / "assist"
    if not exe.exists():
        pytest.fail(f"{exe} missing: run packaging/build.sh app first")
    return exe


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSIST_", "QT_"))}
    env["HOME"] = str(tmp_path / "home")
    return env


def test_version_shows_build_time(frozen, tmp_path):
    out = subprocess.run([str(frozen), "--version"], capture_output=True, text=True, env=_env(tmp_path), check=True).stdout
    assert re.fullmatch(rf"assist {re.escape(__version__)} \(build: \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\n", out), out


def test_source_checkout_has_no_build_module():
    # the spec writes _build.py into the build tree only
    assert not (REPO / "assist" / "_build.py").exists()


def test_bundled_kb_and_translations(frozen, tmp_path):
    internal = DIST / "_internal"
    assert (internal / "kb" / "cards").is_dir()
    assert list((internal / "resources" / "i18n").glob("*.qm"))
    assert not list((internal / "resources").rglob("*.ts"))
    r = subprocess.run([str(frozen), "--basedir", str(tmp_path / "b"), "kb", "check", str(internal / "kb")],
                       capture_output=True, text=True, env=_env(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr


def test_portable_marker_keeps_data_beside_the_executable(frozen, tmp_path):
    app = tmp_path / "portable" / "assist"
    app.parent.mkdir()
    if subprocess.run(["cp", "-al", str(DIST), str(app)]).returncode != 0:
        shutil.copytree(DIST, app, symlinks=True)
    (app / "portable.txt").write_text("portable\n", encoding="utf-8")
    r = subprocess.run([str(app / "assist"), "doctor", "--json"], capture_output=True, text=True, env=_env(tmp_path), cwd="/")
    d = json.loads(r.stdout)
    assert d["portable"] is True
    assert all(v.startswith(str(app) + "/") for v in d["paths"].values()), d["paths"]
    assert d["paths"]["data"] == str(app / "userdata" / "data")
    assert not (tmp_path / "home").exists()
