"""The screenshots in docs/screenshots/ (shown in the README) are those of the current code: their
manifest records a hash of the UI code, the translations and the renderer. After a UI change run
`make screenshots` (about 15 s under Xvfb) and commit the pictures with the change."""

from __future__ import annotations

import importlib.util
import json

from tests.conftest import REPO

SHOTS = REPO / "docs" / "screenshots"


def _renderer():
    spec = importlib.util.spec_from_file_location("render_screenshots", SHOTS / "render.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_screenshots_are_up_to_date_with_the_code():
    render = _renderer()
    manifest = json.loads((SHOTS / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == render.inputs_hash(), "the UI changed since the screenshots: run `make screenshots`"
    expected = [f"{w}x{h}-{lang}-{s}.png" for w, h in render.SIZES for lang in render.LANGS for s in render.SCREENS]
    assert manifest["files"] == expected
    for name in expected:
        png = (SHOTS / name).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000, name


def test_the_readme_shows_screenshots_that_exist():
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"\(docs/screenshots/([^)]+\.png)\)", readme)
    assert len(shown) >= 4
    assert all((SHOTS / name).is_file() for name in shown)
