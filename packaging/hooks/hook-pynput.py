"""Replaces the contrib hook for pynput, which imports pynput (and so fails without a display,
e.g. on a CI builder). pynput picks its backend with importlib at run time: list the backend
modules from the package's files instead of importing it."""

import importlib.util
import sys
from pathlib import Path

from PyInstaller.utils.hooks import collect_submodules

_spec = importlib.util.find_spec("pynput")
hiddenimports = []
if _spec is not None and _spec.submodule_search_locations:
    _pkg = Path(next(iter(_spec.submodule_search_locations)))
    if sys.platform == "win32":
        _skip = ("_darwin", "_uinput", "_xorg")
    elif sys.platform == "darwin":
        _skip = ("_uinput", "_xorg", "_win32")
    else:
        _skip = ("_darwin", "_win32", "_uinput")  # _uinput needs evdev (not a dependency)
    for _f in sorted(_pkg.rglob("*.py")):
        _mod = ".".join(_f.relative_to(_pkg.parent).with_suffix("").parts).removesuffix(".__init__")
        if not any(k in _mod for k in _skip):
            hiddenimports.append(_mod)
    if sys.platform.startswith("linux"):
        hiddenimports += collect_submodules("Xlib")  # python-xlib loads its extensions by name
