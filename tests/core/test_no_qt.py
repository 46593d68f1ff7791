"""assist/core must stay Qt-free (qutebrowser-style enforced rule)."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "assist" / "core"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "PySide2")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_no_module_under_core_imports_qt():
    offenders = []
    files = sorted(CORE.rglob("*.py"))
    assert files, "assist/core has no modules?"
    for f in files:
        for name in _imports(f):
            if name.split(".")[0] in QT_MODULES:
                offenders.append(f"{f.relative_to(CORE.parent.parent)} imports {name}")
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    mods = []
    for f in sorted(CORE.rglob("*.py")):
        rel = f.relative_to(CORE.parent.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods.append(".".join(parts))
    code = (f"import importlib, sys\nfor m in {mods!r}: importlib.import_module(m)\n"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\nprint(bad)\nsys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_commands_do_not_import_qt(tmp_path):
    code = (
        "import sys\nfrom assist.app import main\n"
        f"rc = main(['--basedir', {str(tmp_path)!r}, 'doctor', '--json'])\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "sys.exit(3 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"a command imported Qt (rc={r.returncode}): {r.stderr[-500:]}"


# ---- the rest of the house rules (ARCHITECTURE.md, "Layers and rules") ---------------------------

ASSIST = CORE.parent
MAX_LINES = 400
STORAGE_MAY_IMPORT = ("assist.core.storage", "assist.core.text", "assist.core.clock")


def test_no_module_is_over_400_lines():
    long = {f"{f.relative_to(ASSIST.parent)}: {n}" for f in sorted(ASSIST.rglob("*.py"))
            if (n := len(f.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == set(), f"split these modules (at most {MAX_LINES} lines; see ARCHITECTURE.md)"


def test_storage_imports_no_feature():
    """core/storage knows no feature: the application's migration sets come from assist/schema.py."""
    bad = [f"{f.relative_to(ASSIST.parent)} imports {name}" for f in sorted((CORE / "storage").glob("*.py"))
           for name in _imports(f) if name.startswith("assist") and not name.startswith(STORAGE_MAY_IMPORT)]
    assert bad == []


def test_core_never_imports_the_app_the_ui_or_the_commands():
    bad = [f"{f.relative_to(ASSIST.parent)} imports {name}" for f in sorted(CORE.rglob("*.py")) for name in _imports(f)
           if name.startswith(("assist.ui", "assist.cli", "assist.app", "assist.hq", "assist.services", "assist.schema"))]
    assert bad == []
