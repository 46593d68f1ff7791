from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assist.app import build_context, build_panel_services
from assist.paths import Paths


@pytest.fixture
def make_panel(qtbot, tmp_path):
    """Build the real panel (real KB loader, real SQLite file) on the offscreen platform.
    Returns (view, panel, services): ``panel`` is :class:`assist.ui.panel.Panel`."""
    made = []

    def _make(kb_dir: Path | None = None, lang: str = "zh_CN", settings: dict | None = None):
        from assist.ui.i18n import Translations
        from assist.ui.panel import build_window

        paths = Paths.from_basedir(tmp_path / "basedir").ensure()
        ctx = build_context(paths=paths, kb=str(kb_dir) if kb_dir else None)
        for key, value in (settings or {}).items():
            ctx.settings.set(key, value)
        tr = Translations(paths.resources_dir / "i18n")
        assert tr.install(lang), "compiled translation missing: run `make` (pyside6-lrelease)"
        services = build_panel_services(ctx, tr)
        services.clock = lambda: dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        view, panel = build_window(services)
        qtbot.addWidget(view)
        view.resize(400, 800)
        view.show()
        qtbot.waitExposed(view)
        made.append((services, tr, panel))
        return view, panel, services

    yield _make
    for services, tr, panel in made:
        if panel.sync is not None:
            panel.sync.stop()
        services.lane.close()
        tr.install("en")
