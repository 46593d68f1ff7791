"""Install the UI translation. Source strings are English; zh_CN is the default language.

Translation sources: resources/i18n/assist_zh_CN.ts (edit with Qt Linguist, or by hand);
`make` compiles them to .qm with pyside6-lrelease.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("assist.i18n")
LANGUAGES = ("zh_CN", "en")


class Translations:
    def __init__(self, i18n_dir: Path):
        self.i18n_dir = i18n_dir
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, language: str) -> bool:
        app = QCoreApplication.instance()
        assert app is not None, "the translator needs the application"
        for t in self._installed:
            app.removeTranslator(t)
        self._installed.clear()
        self.language = language if language in LANGUAGES else "zh_CN"
        if self.language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English))
            return True
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        ok = True
        ours = QTranslator(app)
        if ours.load(f"assist_{self.language}", str(self.i18n_dir)):
            app.installTranslator(ours)
            self._installed.append(ours)
        else:
            ok = False
            log.warning("translation missing", extra={"fields": {"language": self.language, "dir": str(self.i18n_dir)}})
        qt = QTranslator(app)
        if qt.load(f"qtbase_{self.language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            self._installed.append(qt)
        return ok
