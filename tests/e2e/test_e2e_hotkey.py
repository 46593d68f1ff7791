"""The optional global hotkey (pynput) summons the panel on a real X11 display."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import REPO, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.needs_tool("Xvfb", "xdotool")]


def log_msgs(basedir: Path) -> list[dict]:
    f = basedir / "logs" / "assist.log.jsonl"
    return [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines()] if f.exists() else []


def test_ctrl_alt_space_summons_the_panel(assist_env):
    basedir = Path(assist_env["ASSIST_BASEDIR"])
    proc = subprocess.Popen([sys.executable, "-m", "assist"], env=assist_env, cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: any(m["msg"] == "global hotkey active" for m in log_msgs(basedir))), log_msgs(basedir)
        summoned = lambda: any(m["msg"] == "panel summoned by hotkey" for m in log_msgs(basedir))  # noqa: E731
        for _attempt in range(3):  # a loaded machine may drop a synthetic key event: press again
            subprocess.run(["xdotool", "key", "ctrl+alt+space"], env=assist_env, check=True, timeout=10)
            if wait_for(summoned, timeout=5):
                break
        assert summoned()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)


def test_doctor_reports_hotkey_availability(assist_env):
    r = subprocess.run([sys.executable, "-m", "assist", "doctor", "--json"], env=assist_env, cwd=REPO,
                       capture_output=True, text=True, timeout=60)
    assert json.loads(r.stdout)["global_hotkey"] == "available"
    env = dict(assist_env)
    env.pop("DISPLAY")
    env.pop("QT_QPA_PLATFORM")
    env["WAYLAND_DISPLAY"] = "wayland-0"
    r = subprocess.run([sys.executable, "-m", "assist", "doctor", "--json"], env=env, cwd=REPO,
                       capture_output=True, text=True, timeout=60)
    assert "Wayland" in json.loads(r.stdout)["global_hotkey"]
