"""End to end: the real `assist` process on the real xcb platform under Xvfb."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import run_assist, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.needs_tool("Xvfb", "xwininfo", "import")]


def panel_pids(basedir: Path) -> list[int]:
    log = basedir / "logs" / "assist.log.jsonl"
    if not log.exists():
        return []
    pids = []
    for line in log.read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        if e.get("msg") == "panel started":
            pids.append(e["pid"])
    return pids


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is not alive
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


def window_titles(env) -> str:
    return subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True, timeout=10).stdout


def screenshot(env, path: Path) -> dict:
    subprocess.run(["import", "-window", "root", str(path)], env=env, check=True, timeout=30)
    from PySide6.QtGui import QImage

    img = QImage(str(path))
    assert not img.isNull()
    # the panel docks at the right edge: sample that strip
    colours, dark = set(), 0
    for y in range(0, img.height(), 4):
        for x in range(img.width() - 400, img.width(), 4):
            c = img.pixel(x, y) & 0xFFFFFF
            colours.add(c)
            r, g, b = c >> 16, (c >> 8) & 255, c & 255
            if r + g + b < 200:
                dark += 1
    return {"colours": len(colours), "dark": dark, "w": img.width(), "h": img.height()}


def test_open_starts_panel_forwards_query_and_survives_kill9(assist_env, tmp_path):
    env = assist_env
    basedir = Path(env["ASSIST_BASEDIR"])
    try:
        # no instance running: `assist open --query` starts one and forwards the query
        r = run_assist(env, "open", "--query", "挂失", "--call-start", "--caller", "13812345678", "--topic", "信用卡")
        assert r.returncode == 0, r.stderr
        pids = wait_for(lambda: panel_pids(basedir))
        assert len(pids) == 1 and alive(pids[0])
        assert wait_for(lambda: "坐席助手" in window_titles(env)), window_titles(env)
        stats = wait_for(lambda: (s := screenshot(env, tmp_path / "panel.png")) and s["colours"] > 20 and s, timeout=10)
        assert stats and stats["dark"] > 200, stats  # text was drawn
        # a second `assist` raises the running one instead of starting another
        r = run_assist(env)
        assert r.returncode == 0
        assert panel_pids(basedir) == pids
        # kill -9 leaves a stale socket; the next `assist open` recovers it and starts a new panel
        os.kill(pids[0], signal.SIGKILL)
        wait_for(lambda: not alive(pids[0]), timeout=5)
        r = run_assist(env, "open", "--query", "退款")
        assert r.returncode == 0, r.stderr
        pids2 = wait_for(lambda: (p := panel_pids(basedir)) and len(p) == 2 and p)
        assert pids2 and alive(pids2[1])
        screenshot(env, tmp_path / "panel2.png")
        # nothing user-typed or personal reaches the logs
        logs = "".join(p.read_text(encoding="utf-8") for p in (basedir / "logs").glob("*"))
        for secret in ("13812345678", "12345678", "挂失", "退款"):
            assert secret not in logs
        # the call was recorded with the caller masked
        import sqlite3

        con = sqlite3.connect(basedir / "data" / "assist.sqlite3")
        caller = con.execute("SELECT caller_masked FROM calls").fetchone()[0]
        assert caller.startswith("138") and "12345678" not in caller
        con.close()
    finally:
        for pid in panel_pids(basedir):
            if alive(pid):
                os.kill(pid, signal.SIGTERM)
        shotdir = os.environ.get("ASSIST_E2E_SHOTS")
        if shotdir:
            import shutil

            for f in tmp_path.glob("panel*.png"):
                shutil.copy(f, Path(shotdir) / f.name)


def test_cli_version_and_doctor_on_real_display(assist_env):
    r = run_assist(assist_env, "--version")
    assert r.returncode == 0 and r.stdout.startswith("assist ")
    r = run_assist(assist_env, "doctor", "--json")
    info = json.loads(r.stdout)
    assert r.returncode == 0, info["problems"]
    assert info["qt_platform"] == "xcb" and info["cjk_font"] != "missing"
    assert info["paths"]["data"].startswith(assist_env["ASSIST_BASEDIR"])


def test_two_panels_started_at_once_make_one_and_a_retried_call_counts_once(assist_env):
    import sqlite3
    import sys as _sys

    from tests.e2e.conftest import REPO

    env = assist_env
    basedir = Path(env["ASSIST_BASEDIR"])
    procs = [subprocess.Popen([_sys.executable, "-m", "assist"], env=env, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
    try:
        assert wait_for(lambda: panel_pids(basedir))
        assert wait_for(lambda: sum(p.poll() is not None for p in procs) == 1, timeout=20), "the second panel must hand over and exit"
        assert len(panel_pids(basedir)) == 1
        # the same message id twice (a client retry after a timeout) is applied once
        from assist import ipc

        msg = {"cmd": "call_start", "caller": "138****5678", "topic": "年费", "id": "retry-1"}
        assert ipc.send(basedir / "runtime", msg) == "ok" and ipc.send(basedir / "runtime", msg) == "ok"
        assert wait_for(lambda: (basedir / "data" / "assist.sqlite3").exists())
        con = sqlite3.connect(basedir / "data" / "assist.sqlite3")
        assert wait_for(lambda: con.execute("select count(*) from calls").fetchone()[0] >= 1)
        import time as _time

        _time.sleep(1.0)  # the DB lane writes asynchronously: give a duplicate time to show up
        assert con.execute("select count(*) from calls").fetchone()[0] == 1
        assert ipc.send(basedir / "runtime", {"cmd": "open", "query": 5}).startswith("error: field 'query'")
        con.close()
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                p.wait(10)
