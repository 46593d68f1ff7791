"""Version and build time. Packaging writes assist/_build.py with BUILD_TIME."""

from __future__ import annotations

from assist import __version__


def build_time() -> str:
    try:
        from assist._build import BUILD_TIME
    except ImportError:
        return "source checkout"
    return BUILD_TIME


def version_string() -> str:
    return f"assist {__version__} (build: {build_time()})"
