"""The panel window: layout only. PanelController wires the behaviour."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class SafeTextBrowser(QTextBrowser):
    """Never loads remote or file resources and never follows links."""

    def loadResource(self, type_: int, name: QUrl):  # noqa: N802 (Qt API)
        return None


class PanelWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("assistPanel")
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.setSpacing(4)

        top = QHBoxLayout()
        self.searchBox = QLineEdit(central)
        self.searchBox.setObjectName("searchBox")
        self.searchBox.setClearButtonEnabled(True)
        top.addWidget(self.searchBox, 1)
        self.menuButton = QToolButton(central)
        self.menuButton.setObjectName("menuButton")
        self.menuButton.setText("≡")  # in the CJK font too (☰ is not)
        self.menuButton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        top.addWidget(self.menuButton)
        outer.addLayout(top)

        self.callLabel = QLabel(central)
        self.callLabel.setObjectName("callLabel")
        self.callLabel.setVisible(False)
        self.callLabel.setStyleSheet("background:#e3f2fd;color:#0d47a1;padding:3px")
        outer.addWidget(self.callLabel)

        # tabs: 0 = knowledge base, 1 = call guidance (mounted by the controller), 2 = complaints
        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("panelTabs")
        self.tabs.setDocumentMode(True)
        kbPage = QWidget()
        kbLayout = QVBoxLayout(kbPage)
        kbLayout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(kbPage)
        # page 0: results
        listPage = QWidget()
        lv = QVBoxLayout(listPage)
        lv.setContentsMargins(0, 0, 0, 0)
        self.countLabel = QLabel(listPage)
        self.countLabel.setObjectName("countLabel")
        lv.addWidget(self.countLabel)
        # category chips (filled by the controller from the current results)
        # in a horizontal scroll area, so that many chips never widen the narrow panel
        self.chipsScroll = QScrollArea(listPage)
        self.chipsScroll.setObjectName("chipsScroll")
        self.chipsScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chipsScroll.setWidgetResizable(True)
        self.chipsScroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chipsScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.chipsScroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.chipsBar = QWidget()
        self.chipsBar.setObjectName("chipsBar")
        self.chipsLayout = QHBoxLayout(self.chipsBar)
        self.chipsLayout.setContentsMargins(0, 0, 0, 0)
        self.chipsLayout.setSpacing(3)
        self.chipsLayout.addStretch(1)
        self.chipsScroll.setWidget(self.chipsBar)
        sample = QPushButton("分类 9")
        bar_h = self.chipsScroll.horizontalScrollBar().sizeHint().height()
        self.chipsScroll.setFixedHeight(sample.sizeHint().height() + bar_h + 2)
        lv.addWidget(self.chipsScroll)
        self.resultsView = QListView(listPage)
        self.resultsView.setObjectName("resultsView")
        self.resultsView.setUniformItemSizes(False)
        self.resultsView.setWordWrap(True)
        self.resultsView.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.resultsView.setStyleSheet("QListView::item:selected { background: #d6e9fb; border-left: 3px solid #1565c0; }")
        lv.addWidget(self.resultsView, 1)
        self.emptyLabel = QLabel(listPage)
        self.emptyLabel.setObjectName("emptyLabel")
        self.emptyLabel.setWordWrap(True)
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.emptyLabel.setVisible(False)
        lv.addWidget(self.emptyLabel)
        self.stack.addWidget(listPage)
        # page 1: card
        cardPage = QWidget()
        cv = QVBoxLayout(cardPage)
        cv.setContentsMargins(0, 0, 0, 0)
        cardBar = QHBoxLayout()
        self.backButton = QPushButton(cardPage)
        self.backButton.setObjectName("backButton")
        cardBar.addWidget(self.backButton)
        cardBar.addStretch(1)
        self.pinButton = QPushButton(cardPage)
        self.pinButton.setObjectName("pinButton")
        cardBar.addWidget(self.pinButton)
        cv.addLayout(cardBar)
        self.cardView = SafeTextBrowser(cardPage)
        self.cardView.setObjectName("cardView")
        self.cardView.setOpenLinks(False)
        self.cardView.setOpenExternalLinks(False)
        cv.addWidget(self.cardView, 1)
        self.stack.addWidget(cardPage)
        kbLayout.addWidget(self.stack, 1)
        self.tabs.addTab(kbPage, "")
        outer.addWidget(self.tabs, 1)

        self.kbStatusButton = QPushButton(central)
        self.kbStatusButton.setObjectName("kbStatusButton")
        self.kbStatusButton.setFlat(True)
        self.kbStatusButton.setStyleSheet("text-align:left;color:#666")
        outer.addWidget(self.kbStatusButton)
        self.syncButton = QPushButton(central)
        self.syncButton.setObjectName("syncButton")
        self.syncButton.setFlat(True)
        self.syncButton.setStyleSheet("text-align:left;color:#666")
        outer.addWidget(self.syncButton)
        self.setCentralWidget(central)

        # actions (text set by retranslate in the controller)
        self.menu = QMenu(self)
        self.actFocusSearch = QAction(self)
        self.actFocusSearch.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("Ctrl+K"), QKeySequence("F3")])
        self.actFocusSearch.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.actFocusSearch)
        self.actOnTop = QAction(self)
        self.actOnTop.setCheckable(True)
        self.actOnTop.setShortcut(QKeySequence("Ctrl+T"))
        self.actDockLeft = QAction(self)
        self.actDockLeft.setCheckable(True)
        self.actDock = QAction(self)
        self.actDock.setShortcut(QKeySequence("Ctrl+D"))
        self.actLangZh = QAction("简体中文", self)
        self.actLangZh.setCheckable(True)
        self.actLangEn = QAction("English", self)
        self.actLangEn.setCheckable(True)
        self.actKbProblems = QAction(self)
        self.actAbout = QAction(self)
        self.actAbout.setShortcut(QKeySequence("F1"))
        self.actMenu = QAction(self)
        self.actMenu.setShortcuts([QKeySequence("F10"), QKeySequence("Alt+M")])
        self.actTabKb = QAction(self)
        self.actTabKb.setShortcut(QKeySequence("Ctrl+1"))
        self.actTabCall = QAction(self)
        self.actTabCall.setShortcut(QKeySequence("Ctrl+2"))
        self.actTabComplaint = QAction(self)
        self.actTabComplaint.setShortcut(QKeySequence("Ctrl+3"))
        self.actStartCall = QAction(self)
        self.actStartCall.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.actSyncNow = QAction(self)
        self.actSyncNow.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.actReloadKb = QAction(self)
        self.actReloadKb.setShortcut(QKeySequence("F5"))
        self.actPin = QAction(self)
        self.actPin.setShortcut(QKeySequence("Ctrl+P"))
        self.addAction(self.actPin)
        for a in (self.actTabKb, self.actTabCall, self.actTabComplaint, self.actStartCall, self.actSyncNow, self.actReloadKb):
            self.addAction(a)
        self.actQuit = QAction(self)
        self.actQuit.setShortcut(QKeySequence("Ctrl+Q"))
        for a in (self.actOnTop, self.actDock, self.actAbout, self.actMenu, self.actQuit):
            self.addAction(a)
        self.langMenu = QMenu(self)
        self.langMenu.addAction(self.actLangZh)
        self.langMenu.addAction(self.actLangEn)
        self.menu.addAction(self.actStartCall)
        self.menu.addSeparator()
        self.menu.addAction(self.actOnTop)
        self.menu.addAction(self.actDockLeft)
        self.menu.addAction(self.actDock)
        self.menu.addMenu(self.langMenu)
        self.menu.addSeparator()
        self.menu.addAction(self.actSyncNow)
        self.menu.addAction(self.actReloadKb)
        self.menu.addAction(self.actKbProblems)
        self.menu.addAction(self.actAbout)
        self.menu.addSeparator()
        self.menu.addAction(self.actQuit)
        self.menuButton.setMenu(self.menu)
        self.setTabOrder(self.searchBox, self.resultsView)
        self.setTabOrder(self.resultsView, self.cardView)


    def mount_page(self, widget: QWidget, title: str = "") -> int:
        """Add a feature page (call guidance, complaints) as a tab; returns its index."""
        return self.tabs.addTab(widget, title)
