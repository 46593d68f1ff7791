"""`assist doctor`: where things are and whether what the panel needs is present.

Does not import Qt's widgets; it checks for the Qt libraries by import spec and
asks ``fc-list`` / font folders for a CJK font, so it also works without a display.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from assist.buildinfo import version_string

CJK_FONT_HINTS = ("wqy", "noto sans cjk", "noto serif cjk", "source han", "droid sans fallback", "simhei", "simsun",
                  "microsoft yahei", "msyh", "ar pl", "pingfang")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="print paths, schema, keyring, Qt platform, fonts; non-zero if something is missing")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _cjk_font() -> str | None:
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        fams = [ln.strip() for ln in out.splitlines() if ln.strip()]
        if fams:
            return fams[0]
    dirs = [Path("/usr/share/fonts"), Path.home() / ".local/share/fonts", Path("C:/Windows/Fonts")]
    for d in dirs:
        if d.is_dir():
            for f in d.rglob("*"):
                if any(h.replace(" ", "") in f.name.lower().replace(" ", "") for h in CJK_FONT_HINTS):
                    return f.name
    return None


def _keyring_backend() -> tuple[str, bool]:
    try:
        import keyring
        from keyring.backends import fail
    except Exception as exc:  # noqa: BLE001 - doctor reports a broken keyring install, never crashes on it
        return f"unavailable ({exc})", False
    kr = keyring.get_keyring()
    name = f"{type(kr).__module__}.{type(kr).__name__}"
    ok = not isinstance(kr, fail.Keyring)
    return name, ok


def _qt_platform() -> str:
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"]
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    if os.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    if os.environ.get("DISPLAY"):
        return "xcb"
    return "none (no DISPLAY): the panel needs a display; tests use offscreen"


def _hotkey_status(platform: str) -> str:
    if platform.startswith("wayland"):
        return "unavailable on Wayland; use the tray or `assist open`"
    if platform.startswith("none"):
        return "unavailable without a display"
    if importlib.util.find_spec("pynput") is None:
        return "unavailable: pynput is not installed (optional)"
    return "available"


def collect(ctx) -> tuple[dict, list[str], list[str]]:
    problems: list[str] = []
    warnings: list[str] = []
    info: dict = {"version": version_string(), "python": sys.version.split()[0], "paths": ctx.paths.as_dict()}
    info["portable"] = ctx.paths.portable
    info["kb_dir"] = str(ctx.kb_dir)
    if not Path(ctx.kb_dir).is_dir():
        problems.append(f"knowledge base folder missing: {ctx.kb_dir}")
    from assist.core.storage import health
    from assist.schema import app_schema_version as schema_version
    from assist.schema import open_app_db as open_db

    info["database_exists"] = ctx.paths.db_file.exists()
    problem = health.check_file(ctx.paths.db_file, initialised=ctx.db_initialised)
    if problem is None and ctx.paths.db_file.exists():
        problem = health.integrity(ctx.paths.db_file)
    if problem is not None:
        problems.append(problem.one_line())
    else:
        try:
            db = open_db(ctx.paths.db_file) if ctx.paths.db_file.exists() else open_db(None)
            info["schema"] = schema_version(db)
            db.conn.close()
        except Exception as exc:  # noqa: BLE001 - doctor reports, never crashes
            problems.append(f"database cannot be opened: {exc}")
    if ctx.paths.db_file.exists() and sys.platform != "win32":
        mode = ctx.paths.db_file.stat().st_mode & 0o777
        info["database_mode"] = oct(mode)
        if mode & 0o077:
            problems.append(f"database file {ctx.paths.db_file} is readable by others ({oct(mode)}); run chmod 600 on it")
    name, ok = _keyring_backend()
    info["keyring_backend"] = name
    if not ok:
        warnings.append("no keyring backend: full values (e.g. callback numbers) will be stored masked only")
    info["qt_available"] = importlib.util.find_spec("PySide6") is not None
    if not info["qt_available"]:
        problems.append("PySide6 is not installed: the panel cannot start (pip install pyside6-essentials)")
    plat = _qt_platform()
    info["qt_platform"] = plat
    info["global_hotkey"] = _hotkey_status(plat)
    font = _cjk_font()
    info["cjk_font"] = font or "missing"
    if not font:
        problems.append("no CJK font found: Chinese text would show as boxes (Debian: apt-get install fonts-wqy-microhei)")
    for p in getattr(ctx.settings, "problems", []):
        warnings.append(p)
    return info, problems, warnings


def run(args: argparse.Namespace, ctx) -> int:
    info, problems, warnings = collect(ctx)
    if args.json:
        print(json.dumps({**info, "problems": problems, "warnings": warnings}, ensure_ascii=False, indent=2))
    else:
        print(info["version"])
        for k, v in info.items():
            if k in ("version", "paths"):
                continue
            print(f"{k:16} {v}")
        for k, v in info["paths"].items():
            print(f"path.{k:11} {v}")
        for w in warnings:
            print(f"WARNING: {w}")
        for p in problems:
            print(f"PROBLEM: {p}", file=sys.stderr)
        print("OK" if not problems else f"{len(problems)} problem(s) found", file=sys.stderr if problems else sys.stdout)
    return 1 if problems else 0
