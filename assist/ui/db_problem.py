"""The panel's answer to a broken database (issue 14): a dialog before the window opens.

It says what is wrong and where the file is, and offers: move it aside and start fresh (the
old file is kept, renamed), try to recover (what SQLite can still read is copied into a new
file; the damaged one is kept), or quit. Nothing is changed until the agent chooses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from assist.core.storage import health
from assist.schema import SCHEMA_SETS

log = logging.getLogger("assist.panel")


class DbProblemDialog(QMessageBox):
    @staticmethod
    def tr(text: str) -> str:  # type: ignore[override]  # fixed context for lupdate, also when called on the class
        return QCoreApplication.translate("DbProblemDialog", text)

    @classmethod
    def describe(cls, problem: health.DbProblem) -> str:
        what = {
            "missing": QCoreApplication.translate("DbProblemDialog", "The database was set up on this PC before and is now missing."),
            "unreadable": QCoreApplication.translate("DbProblemDialog", "The database file cannot be read."),
            "empty": QCoreApplication.translate("DbProblemDialog", "The database file is empty (0 bytes): its data is gone."),
            "corrupt": QCoreApplication.translate("DbProblemDialog", "The database file is damaged."),
        }[problem.kind]
        return what + "\n\n" + QCoreApplication.translate("DbProblemDialog", "File: {path}").format(path=str(problem.path))

    @classmethod
    def words(cls) -> dict[str, str]:
        """Messages after a choice (so that lupdate sees them in this class's context)."""
        return {
            "fresh": QCoreApplication.translate("DbProblemDialog", "A new, empty database was created."),
            "kept": QCoreApplication.translate("DbProblemDialog", "The old file is kept as {path}"),
            "recovered": QCoreApplication.translate("DbProblemDialog", "Recovered {rows} row(s) into a new database. The damaged file is kept as {path}.\n"
                                "Check the records; `assist audit verify` shows rows missing from the audit trail."),
            "failed": QCoreApplication.translate("DbProblemDialog", "Nothing could be recovered ({reason}). Nothing was changed."),
            "title": QCoreApplication.translate("DbProblemDialog", "Assist: database"),
        }

    def __init__(self, problem: health.DbProblem, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dbProblemDialog")
        self.problem = problem
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("Assist: database problem"))
        self.setText(self.describe(problem))
        self.setInformativeText(self.tr("Nothing has been changed. What should the panel do?"))
        if problem.detail:
            self.setDetailedText(problem.detail)
        self.fresh = self.addButton(self.tr("Move it aside and start fresh") if problem.path.exists()
                                    else self.tr("Start a new database"), QMessageBox.ButtonRole.AcceptRole)
        self.recover = None
        if problem.kind in ("corrupt", "unreadable") and problem.path.exists():
            self.recover = self.addButton(self.tr("Try to recover"), QMessageBox.ButtonRole.ActionRole)
        self.quit = self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.quit)
        self.setEscapeButton(self.quit)

    def choice(self) -> str:
        b = self.clickedButton()
        return "fresh" if b is self.fresh else "recover" if self.recover is not None and b is self.recover else "quit"


def resolve(ctx: Any, problem: health.DbProblem, ask: Callable[[QMessageBox], None] | None = None) -> bool:
    """Show the dialog until the database is usable (True) or the agent quits (False).
    ``ask`` runs a message box (tests pass one that does not block); default ``exec``."""
    run: Callable[[QMessageBox], Any] = ask or (lambda box: box.exec())
    while problem is not None:
        dlg = DbProblemDialog(problem)
        run(dlg)
        choice = dlg.choice()
        log.warning("database problem", extra={"fields": {"kind": problem.kind, "choice": choice}})
        if choice == "quit":
            return False
        w = DbProblemDialog.words()
        if choice == "fresh":
            moved = ctx.start_fresh()
            _inform(run, w["fresh"] + ("\n" + w["kept"].format(path=str(moved)) if moved else ""))
        else:
            rep = health.recover(problem.path, SCHEMA_SETS)
            if rep.ok:
                ctx.remember_db()
                _inform(run, w["recovered"].format(rows=sum(rep.tables.values()), path=str(rep.moved_to)))
            else:
                _inform(run, w["failed"].format(reason=rep.error), QMessageBox.Icon.Warning)
        problem = ctx.check_database()
    return True


def _inform(run: Callable[[QMessageBox], Any], text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> None:
    box = QMessageBox(icon, DbProblemDialog.words()["title"], text)
    box.setObjectName("dbProblemInfo")
    run(box)
