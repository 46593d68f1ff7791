"""Generate a stand-in for the Windows PyInstaller payload, to compile-check assist.nsi on Linux.

    python3 packaging/windows/make_standin.py OUTDIR

The real payload (assist.exe, assist-cli.exe, _internal/ with Python, Qt and our data) can only
be built on Windows (PyInstaller does not cross-compile). This writes the same layout with
placeholder executables and libraries, plus the real kb/ and resources/, so that makensis sees
the file tree it will package. The result installs nothing that runs: it is for `makensis` only.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = b"MZ" + b"\0" * 62 + b"stand-in for the Windows build of Assist; not a program\r\n"


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    if out.exists():
        shutil.rmtree(out)
    internal = out / "_internal"
    for rel in ("assist.exe", "assist-cli.exe", "_internal/python311.dll", "_internal/base_library.zip",
                "_internal/PySide6/Qt6Core.dll", "_internal/PySide6/Qt6Gui.dll", "_internal/PySide6/Qt6Widgets.dll",
                "_internal/PySide6/plugins/platforms/qwindows.dll", "_internal/PySide6/plugins/iconengines/qsvgicon.dll",
                "_internal/keyring-25.7.0.dist-info/entry_points.txt"):
        f = out / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(PLACEHOLDER)
    shutil.copytree(ROOT / "kb", internal / "kb", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "resources", internal / "resources", ignore=shutil.ignore_patterns("*.ts"))
    print(f"make_standin: wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
