"""The agent's complaint records: status, days left, sync state; filter, search, history.

``ComplaintListModel`` (rows = ``repo.ComplaintRow``, named roles) sits under
``ComplaintFilterProxy`` (status filter + free-text search over ticket, masked name,
business category). ``ComplaintListView`` is the widget (objectName ``complaintList``);
``ComplaintListController`` loads rows and the history through the DB lane.
Action ``actComplaintRecords`` (Ctrl+Shift+L) opens it. A click shows the history below the
list; Enter or a double-click opens the case view (``complaintCase``, the second page of
``complaintListStack``: status, extension, pauses, repeats; ``complaint_case.py``), Esc
comes back to the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assist.core.complaints import repo
from assist.core.complaints.case_history import actions
from assist.core.complaints.lifecycle import TRANSITIONS
from assist.ui.complaint_case import ComplaintCaseController, ComplaintCaseView
from assist.ui.tasks import run_in_background

R = Qt.ItemDataRole.UserRole
ROLES = {"id": R + 1, "ticket_no": R + 2, "status": R + 3, "days_left": R + 4, "sync_state": R + 5,
         "level": R + 6, "due_date": R + 7, "complainant": R + 8, "search_text": R + 9}


class ComplaintListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None, taxonomy: Callable[[], Any] = lambda: None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self.taxonomy = taxonomy   # the active KB's: the business category's name

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self):
        return {v: k.encode() for k, v in ROLES.items()}

    def row(self, i: int) -> Any:
        return self._rows[i]

    def _days(self, r: Any) -> str:
        if r.days_left is None:
            return "—"
        text = self.tr("{n} day(s) left").format(n=r.days_left) if r.days_left >= 0 else self.tr("{n} day(s) overdue").format(n=-r.days_left)
        marks = [m for m, on in ((self.tr("agreed date"), r.due_basis == "agreed"), (self.tr("paused"), r.paused),
                                 (self.tr("documents pending"), r.documents_pending)) if on]
        return text + (f" ({', '.join(marks)})" if marks else "")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            sync = {"pending": self.tr("not synced"), "synced": self.tr("synced"), "error": self.tr("sync error")}.get(r.sync_state, r.sync_state)
            tax = self.taxonomy()
            name = (tax.label("B_business", r.business_B) or "") if tax is not None and r.business_B else ""
            return f"{r.ticket_no}  {r.status}  {self._days(r)}  · {sync}\n{r.complainant_masked}  {r.business_B} {name}  {r.level}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Due {date}").format(date=r.due_date) if r.due_date else None
        if role == Qt.ItemDataRole.ForegroundRole and r.days_left is not None and r.days_left <= 3:
            from PySide6.QtGui import QColor

            return QColor("#b71c1c")
        values = {"id": r.id, "ticket_no": r.ticket_no, "status": r.status, "days_left": r.days_left,
                  "sync_state": r.sync_state, "level": r.level, "due_date": r.due_date, "complainant": r.complainant_masked,
                  "search_text": " ".join((r.ticket_no, r.complainant_masked, r.business_B, r.status, r.level))}
        for name, rl in ROLES.items():
            if rl == role:
                return values[name]
        return None


class ComplaintFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.status = ""
        self.search = ""
        self.setSortRole(ROLES["days_left"])

    def _refilter(self, **values: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9 (invalidateFilter is deprecated)
            self.beginFilterChange()
            self.__dict__.update(values)
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self.__dict__.update(values)
            self.invalidateFilter()

    def set_status(self, status: str) -> None:
        self._refilter(status=status)

    def set_search(self, text: str) -> None:
        self._refilter(search=text.strip().lower())

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        idx = self.sourceModel().index(row, 0, parent)
        if self.status and idx.data(ROLES["status"]) != self.status:
            return False
        return not self.search or self.search in (idx.data(ROLES["search_text"]) or "").lower()


class ComplaintListView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("complaintList")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("complaintListStack")
        outer.addWidget(self.stack)
        self.listPage = QWidget()
        self.listPage.setObjectName("complaintListPage")
        self.stack.addWidget(self.listPage)
        self.caseView = ComplaintCaseView()
        self.stack.addWidget(self.caseView)
        v = QVBoxLayout(self.listPage)
        v.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.statusFilter = QComboBox(self)
        self.statusFilter.setObjectName("statusFilterBox")
        self.searchEdit = QLineEdit(self)
        self.searchEdit.setObjectName("complaintSearchEdit")
        self.searchEdit.setClearButtonEnabled(True)
        top.addWidget(self.statusFilter)
        top.addWidget(self.searchEdit, 1)
        v.addLayout(top)
        self.listView = QListView(self)
        self.listView.setObjectName("complaintListView")
        self.listView.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.listView.setWordWrap(True)
        v.addWidget(self.listView, 2)
        self.historyLabel = QLabel(self)
        self.historyLabel.setObjectName("historyLabel")
        v.addWidget(self.historyLabel)
        self.historyView = QListWidget(self)
        self.historyView.setObjectName("historyView")
        self.historyView.setWordWrap(True)
        v.addWidget(self.historyView, 1)
        self.backButton = QPushButton(self)
        self.backButton.setObjectName("complaintListBackButton")
        v.addWidget(self.backButton)
        self.actComplaintRecords = QAction(self)
        self.actComplaintRecords.setObjectName("actComplaintRecords")
        self.actComplaintRecords.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.actComplaintRecords.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def retranslate(self) -> None:
        self.statusFilter.setAccessibleName(self.tr("Filter by status"))
        self.searchEdit.setPlaceholderText(self.tr("Search ticket, name, category"))
        self.searchEdit.setAccessibleName(self.tr("Search complaints"))
        self.listView.setAccessibleName(self.tr("My complaints"))
        self.historyView.setAccessibleName(self.tr("Complaint history"))
        self.historyLabel.setText(self.tr("History (click a complaint; Enter opens the case)"))
        self.backButton.setText(self.tr("← Back"))
        self.actComplaintRecords.setText(self.tr("My complaints"))


class ComplaintListController(QObject):
    historyShown = Signal(str)   # complaint id
    closed = Signal()

    def __init__(self, view: ComplaintListView, lane: Any, agent_id: Callable[[], str] = lambda: "",
                 today: Callable[[], dt.date] = dt.date.today, current_call: Callable[[], str | None] = lambda: None,
                 taxonomy: Callable[[], Any] = lambda: None):
        super().__init__(view)
        self.view, self.lane, self.agent_id, self.today = view, lane, agent_id, today
        self.model = ComplaintListModel(self, taxonomy)
        self.proxy = ComplaintFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        view.listView.setModel(self.proxy)
        view.retranslate()
        view.statusFilter.addItem(self.tr("All statuses"), "")
        for s in TRANSITIONS:
            view.statusFilter.addItem(s, s)
        view.statusFilter.currentIndexChanged.connect(lambda _i: self.proxy.set_status(view.statusFilter.currentData() or ""))
        view.searchEdit.textChanged.connect(self.proxy.set_search)
        view.listView.activated.connect(self.open_case_index)      # Enter / double-click
        view.listView.clicked.connect(self.open_index)              # history preview
        view.backButton.clicked.connect(self.closed.emit)
        self.case = ComplaintCaseController(view.caseView, lane, actor=agent_id, today=today, current_call=current_call,
                                            taxonomy=taxonomy)
        self.case.closed.connect(self.show_list)
        self.case.changed.connect(lambda _cid: self.refresh())
        view.actComplaintRecords.triggered.connect(self.show_list)

    def refresh(self) -> None:
        fut = self.lane.submit(repo.list_complaints, agent_id=self.agent_id() or None, today=self.today())
        run_in_background(fut, self.model.set_rows)

    def open_index(self, index: QModelIndex) -> None:
        cid = index.data(ROLES["id"])
        if cid:
            self.open(cid)

    def open_case_index(self, index: QModelIndex) -> None:
        cid = index.data(ROLES["id"])
        if cid:
            self.open_case(cid)

    def open_case(self, complaint_id: str, note: str = "") -> None:
        """The case view for one complaint: status, clocks, actions, history (``note``: what a
        save from the form said, shown on top)."""
        self.open(complaint_id)
        self.case.open(complaint_id, note)
        self.view.stack.setCurrentWidget(self.view.caseView)
        self.view.caseView.actionBox.setFocus()

    def show_list(self) -> None:
        self.view.stack.setCurrentWidget(self.view.listPage)
        self.refresh()
        self.view.listView.setFocus()

    def open(self, complaint_id: str) -> None:
        """The history preview under the list: one plain line per action, local times."""
        run_in_background(self.lane.submit(actions, complaint_id), lambda h: self._show_history(complaint_id, h))

    def _show_history(self, cid: str, lines: list[dict]) -> None:
        hv = self.view.historyView
        hv.clear()
        zh = QLocale().language() == QLocale.Language.Chinese
        for a in lines:
            hv.addItem(f"{a['at']}  {a['actor']}  {a['zh' if zh else 'en']}")
        self.historyShown.emit(cid)
