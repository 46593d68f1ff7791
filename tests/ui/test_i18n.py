"""Every user-visible string goes through Qt's translation, and zh_CN is complete."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"


def _messages(ts: Path):
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            yield name, msg.findtext("source"), msg.find("translation")


def test_every_chinese_translation_is_finished():
    files = sorted((I18N / "zh_CN").glob("*.ts"))
    assert files
    unfinished = [f"{ts.name}: [{ctx}] {src!r}" for ts in files for ctx, src, tr in _messages(ts)
                  if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not (tr.text or "").strip()]
    assert unfinished == [], "translate these (Qt Linguist or by hand), then `make`"


def test_every_tr_string_in_the_ui_is_in_a_translation_source(tmp_path):
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    ts = tmp_path / "all.ts"
    ui = sorted(str(p) for p in (ROOT / "assist" / "ui").rglob("*.py"))
    subprocess.run([str(exe), *ui, "-ts", str(ts)], check=True, capture_output=True)
    in_code = {(c, s) for c, s, _ in _messages(ts)}
    known = {(c, s) for f in (I18N / "zh_CN").glob("*.ts") for c, s, _ in _messages(f)}
    missing = sorted(in_code - known)
    assert missing == [], "run `make translations` and translate the new strings"
    assert all(c for c, _ in in_code), "a tr() call without a class context: use self.tr in a QObject subclass"


def test_compiled_translation_is_present_and_loads():
    from PySide6.QtCore import QTranslator

    t = QTranslator()
    assert t.load("assist_zh_CN", str(I18N)), "run `make` to compile translations"
    assert t.translate("WindowController", "Quit") == "退出"


def test_class_level_strings_are_translated_at_run_time(qapp):
    """Strings outside an instance (classmethods) must be filed under the context they are looked
    up with: the privacy notices were filed under "cls" and showed in English."""
    from assist.paths import Paths
    from assist.ui.db_problem import DbProblemDialog
    from assist.ui.i18n import Translations
    from assist.ui.privacy_notice import PrivacyNotice

    tr = Translations(Paths.resolve().resources_dir / "i18n")
    assert tr.install("zh_CN")
    try:
        assert "手机号" in PrivacyNotice.describe(["mobile"])
        assert "数据库" in DbProblemDialog.words()["fresh"]
    finally:
        tr.install("en")
