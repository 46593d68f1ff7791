"""Refresh the translation sources from the code: `make translations`.

Each UI area has its own .ts file (so areas can be translated independently);
AREAS maps a .ts file to the UI modules whose strings it holds. A module not
listed goes to panel.ts. Then translate the new (unfinished) entries in Qt
Linguist or by hand; tests/ui/test_i18n.py fails while any are unfinished.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "assist" / "ui"
LANGS = ("zh_CN",)
AREAS: dict[str, tuple[str, ...]] = {
    "call": ("call_", "guidance_"),
    "complaint": ("complaint_",),
    "privacy": ("privacy_", "textfield"),
    "sync": ("sync_",),
    "supervision": ("qa_", "notice_"),
}


def area_of(module: Path) -> str:
    rel = module.relative_to(UI).as_posix()
    for area, prefixes in AREAS.items():
        if any(rel.startswith(p) or rel.startswith("widgets/" + p) for p in prefixes):
            return area
    return "panel"


def groups() -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    for f in sorted(UI.rglob("*.py")):
        out.setdefault(area_of(f), []).append(f)
    return out


def lupdate() -> Path:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    return exe


def main(argv: list[str] | None = None) -> int:
    only = set(argv if argv is not None else sys.argv[1:])  # optional: area names to update
    for lang in LANGS:
        for area, files in groups().items():
            if only and area not in only:
                continue
            ts = ROOT / "resources" / "i18n" / lang / f"{area}.ts"
            ts.parent.mkdir(parents=True, exist_ok=True)
            cmd = [str(lupdate()), *map(str, files), "-no-obsolete", "-target-language", lang, "-ts", str(ts)]
            subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
