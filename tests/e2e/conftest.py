from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def xvfb_display():
    """A fresh Xvfb server (real X11, xcb platform) for one test."""
    if shutil.which("Xvfb") is None:
        from tests.conftest import STRICT

        msg = "Xvfb is not installed (.ci/run installs it)"
        pytest.fail("strict mode: " + msg) if STRICT else pytest.skip(msg)
    r, w = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        num = f.readline().strip()
    assert num, "Xvfb did not report a display"
    yield f":{num}"
    proc.terminate()
    proc.wait(10)


PROFILE = 'schema_version = 1\n[agent]\nstaff_id = "A001"\n[org]\nname = "示例银行北京分行"\n'


@pytest.fixture
def assist_env(tmp_path, xvfb_display):
    """A panel environment whose agent profile is filled in (no first-start prompt)."""
    config = tmp_path / "basedir" / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text(PROFILE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "ASSIST_"))}
    env.update(DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb", ASSIST_BASEDIR=str(tmp_path / "basedir"), LANG="C.UTF-8")
    env.pop("WAYLAND_DISPLAY", None)
    return env


def run_assist(env, *args, timeout=60):
    return subprocess.run([sys.executable, "-m", "assist", *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO)


def wait_for(pred, timeout=20.0, step=0.1):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return pred()
