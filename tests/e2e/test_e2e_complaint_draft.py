"""End to end: type into the complaint form of a real `assist` process (xcb under Xvfb, keys
from xdotool), SIGKILL it, start it again, accept the restore prompt with Return, and get the
draft back intact. No keyring in the process (fail backend), so the draft is stored masked:
the text typed holds no personal numbers and is checked in the SQLite file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import REPO, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.needs_tool("Xvfb", "xdotool")]
ORG = "Chaoyang branch"
REQUEST = "退还年费 refund fee"
SETTINGS = 'schema_version = 1\n[agent]\nstaff_id = "A001"\n[org]\nname = "Beijing"\nbranch_code = "0101"\ndevice_id = "PC7"\n'


def mounted() -> bool:
    """The panel exposes the complaint form at action actNewComplaint (Ctrl+N)."""
    for p in (REPO / "assist").rglob("*.py"):
        if p.name.startswith("complaint_"):
            continue
        if "mount_complaints" in p.read_text(encoding="utf-8"):
            return True
    return False


def xdo(env, *args, check=True):
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=20, check=check).stdout.strip()


def start(env, basedir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "assist"], env=env, cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def window(env, name: str) -> str | None:
    out = xdo(env, "search", "--name", name, check=False)
    return out.splitlines()[-1] if out else None


def drafts(basedir: Path) -> list[tuple[str, str, str]]:
    db = basedir / "data" / "assist.sqlite3"
    files = list(basedir.rglob("assist.sqlite3"))
    db = files[0] if files else db
    if not db.exists():
        return []
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute("SELECT owner, form, cursor_field FROM complaint_drafts").fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def keys(env, *names: str) -> None:
    for k in names:
        xdo(env, "key", "--clearmodifiers", k)
        time.sleep(0.05)


def screenshot_ok(env, path: Path) -> bool:
    if subprocess.run(["which", "import"], capture_output=True).returncode != 0:
        return True
    subprocess.run(["import", "-window", "root", str(path)], env=env, check=True, timeout=30)
    from PySide6.QtGui import QImage

    img = QImage(str(path))
    colours = {img.pixel(x, y) for y in range(0, img.height(), 6) for x in range(img.width() - 420, img.width(), 6)}
    return not img.isNull() and len(colours) > 20


def test_draft_survives_sigkill_and_is_restored(assist_env, tmp_path):
    assert mounted(), "the complaint view must be mounted in the panel (assist/ui/launch.build_window)"
    env = {**assist_env, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    basedir = Path(env["ASSIST_BASEDIR"])
    (basedir / "config").mkdir(parents=True, exist_ok=True)
    (basedir / "config" / "settings.toml").write_text(SETTINGS, encoding="utf-8")   # agent and branch are held
    procs: list[subprocess.Popen] = []
    try:
        p1 = start(env, basedir)
        procs.append(p1)
        wid = wait_for(lambda: window(env, "坐席助手"), timeout=30)
        assert wid, "panel window did not appear"
        time.sleep(1.0)
        xdo(env, "windowfocus", "--sync", wid, check=False)
        keys(env, "ctrl+n")
        time.sleep(0.5)
        keys(env, "alt+3")                 # section 3 (被投诉与分类): the cursor in the respondent org
        xdo(env, "type", "--delay", "30", ORG)
        keys(env, "alt+4")                 # section 4 (诉求与事实): the cursor in the request
        xdo(env, "type", "--delay", "30", REQUEST)
        got = wait_for(lambda: [d for d in drafts(basedir) if REQUEST in d[1]], timeout=10)
        assert got, drafts(basedir)
        time.sleep(1.0)                           # ≥ 1 s after the last key: autosave done
        os.kill(p1.pid, signal.SIGKILL)
        p1.wait(10)
        (_owner, form_json, cursor), = drafts(basedir)
        form = json.loads(form_json)
        assert form["respondent_org"] == ORG and form["request"] == REQUEST and cursor == "request"
        assert form.get("_masked") is True        # no keyring: stored masked, never encrypted-or-plain silently

        p2 = start(env, basedir)
        procs.append(p2)
        box = wait_for(lambda: window(env, "恢复投诉草稿"), timeout=30)
        assert box, "restore prompt did not appear"
        xdo(env, "windowfocus", "--sync", box, check=False)
        time.sleep(0.3)
        keys(env, "Return")
        # restored: the draft now belongs to the new process
        assert wait_for(lambda: all(str(p2.pid) in d[0] for d in drafts(basedir)), timeout=10), drafts(basedir)
        assert screenshot_ok(env, tmp_path / "restored.png")
        # the cursor is back in the request field and the form is exact: typing appends there
        time.sleep(0.5)
        xdo(env, "type", "--delay", "30", " ok")
        after = wait_for(lambda: [json.loads(d[1]) for d in drafts(basedir) if REQUEST + " ok" in d[1]], timeout=10)
        assert after, drafts(basedir)
        assert after[0]["respondent_org"] == ORG and len(drafts(basedir)) == 1
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(10)
