"""Shared test set-up.

- Qt runs on the offscreen platform unless a test starts its own process.
- Strict mode (ASSIST_STRICT=1 or CI=true, set by .ci/run): a test marked
  ``needs_tool("xvfb-run")`` FAILS when the tool is missing instead of skipping.
- Every test gets an in-memory keyring backend (never the user's real keyring).
- ``type_chinese(widget, text)`` types through an input-method commit event:
  ``qtbot.keyClicks`` with non-ASCII text aborts the whole pytest process.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("ASSIST_BASEDIR", None)
os.environ.pop("ASSIST_KB", None)
os.environ.pop("ASSIST_MANAGED_SETTINGS", None)

REPO = Path(__file__).resolve().parent.parent
STRICT = os.environ.get("ASSIST_STRICT") == "1" or os.environ.get("CI", "").lower() == "true"
KB = REPO / "kb"


def kb_rules() -> dict:
    """``taxonomy=`` and ``risk_rules=`` of the bundled KB, for ``repo.save_complaint(..., **kb_rules())``
    (the panel and the CLI pass the active KB's; the bundled KB is the active one on a fresh install)."""
    from assist.core.complaints.risk import load_risk_rules
    from assist.core.complaints.taxonomy import load_taxonomy

    return {"taxonomy": load_taxonomy(KB), "risk_rules": load_risk_rules(KB)}


_KB_SERVICES: list = []


def bundled_kb_holder():
    """A ``KbHolder`` of the bundled KB's services, built as the panel builds them (cached: the
    cards and the search are loaded once per test run; a holder is new on every call)."""
    import tempfile

    from assist.app import build_context, build_kb_services
    from assist.services import KbHolder

    if not _KB_SERVICES:
        base = Path(tempfile.mkdtemp(prefix="assist-kb-"))
        from assist.paths import Paths

        ctx = build_context(paths=Paths.from_basedir(base).ensure(), kb=str(KB))
        _KB_SERVICES.append(build_kb_services(ctx, KB, True))
    return KbHolder(_KB_SERVICES[0])

import keyring  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402


class MemoryKeyring(KeyringBackend):
    """In-memory keyring for tests only."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise PasswordDeleteError("not found")
        del self.store[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


@pytest.fixture
def basedir(tmp_path: Path) -> Path:
    d = tmp_path / "basedir"
    d.mkdir()
    return d


@pytest.fixture
def repo_root() -> Path:
    return REPO


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_tool(name): see conftest")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs_tool"):
        for tool in mark.args:
            if shutil.which(tool) is None:
                msg = f"needs the tool {tool!r}, which is not installed (.ci/run installs it)"
                if STRICT:
                    pytest.fail("strict mode: " + msg, pytrace=False)
                pytest.skip(msg)


def type_chinese(widget, text: str) -> None:
    """Commit ``text`` into ``widget`` as an input method would."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    ev = QInputMethodEvent("", [])
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def preedit(widget, text: str) -> None:
    """Show ``text`` as an uncommitted composition (pinyin being typed in the IME)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(widget, QInputMethodEvent(text, []))


@pytest.fixture(scope="session", autouse=True)
def _release_clipboard_at_the_end():
    """See assist.ui.tasks.release_clipboard: without it the process crashes on exit."""
    yield
    import sys

    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            from assist.ui.tasks import release_clipboard

            release_clipboard()
