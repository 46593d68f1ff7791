from __future__ import annotations

import datetime as dt
from pathlib import Path

import keyring
import pytest

from assist.app import build_context, build_panel_services
from assist.core.privacy.crypto import FieldCipher
from assist.core.storage import DbLane
from assist.paths import Paths
from assist.schema import open_app_db as open_db
from assist.settings import Settings
from assist.ui.complaint_controller import ComplaintController, ComplaintServices
from assist.ui.complaint_view import ComplaintView
from assist.ui.widgets import SmartTextEdit
from tests.conftest import bundled_kb_holder


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


NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def complaint_env(qtbot, tmp_path):
    """Build the form on its own (real SQLite file, real lane, in-memory keyring)."""
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.English))
    made = []

    def _make(context=None, cipher_factory=None, settings=None):
        st = Settings.load(tmp_path / "settings.toml")
        for k, v in (settings or {"agent.staff_id": "A001", "org.name": "北京分行", "org.branch_code": "0101", "org.device_id": "PC7"}).items():
            st.set(k, v)
        lane = DbLane(lambda: open_db(tmp_path / "assist.sqlite3"))
        svc = ComplaintServices(lane=lane, settings=st, kbs=bundled_kb_holder(), clock=lambda: NOW,
                                cipher_factory=cipher_factory or (lambda: FieldCipher.maybe_from_keyring(keyring)),
                                call_context_provider=lambda: dict(context or {}),
                                card_title=lambda cid: {"escalate-regulator": "客户提到向监管投诉（12378、金融监管总局）"}.get(cid))
        view = ComplaintView()
        ctl = ComplaintController(view, svc)
        ctl.confirm = lambda *_a: True
        qtbot.addWidget(view)
        view.resize(420, 900)
        view.show()
        qtbot.waitExposed(view)
        made.append((lane, ctl))
        return view, ctl, svc

    yield _make
    for lane, ctl in made:
        ctl.drafts.enabled = False   # no autosave timer of this test may fire in the next one, after the lane closed
        ctl.drafts.timer.stop()
        lane.close()


@pytest.fixture
def field(qtbot):
    """A shown, focused SmartTextEdit with the bundled KB's guidance rules (fast privacy idle)."""
    w = SmartTextEdit(rules=bundled_kb_holder().current.rules)
    w.pii_idle_ms = 40
    qtbot.addWidget(w)
    w.resize(400, 200)
    w.show()
    qtbot.waitExposed(w)
    w.setFocus()
    return w
