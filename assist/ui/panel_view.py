"""The panel window: layout only. The controllers of :mod:`assist.ui.panel` wire the behaviour."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl
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
    """Never loads remote or file resources and never follows links. Alt+1…9, Alt+←/→ and
    Ctrl+Enter belong to the panel (copy a script, card history), not to the browser's own
    history and text handling."""

    def loadResource(self, type_: int, name: QUrl | str) -> None:
        return None

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride:
            mods, key = e.modifiers(), e.key()  # type: ignore[attr-defined]
            alt = mods & Qt.KeyboardModifier.AltModifier
            ctrl_enter = mods & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if (alt and (Qt.Key.Key_1 <= key <= Qt.Key.Key_9 or key in (Qt.Key.Key_Left, Qt.Key.Key_Right))) or ctrl_enter:
                e.ignore()   # not overridden: the window's shortcut runs
                return False
        return super().event(e)


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
        self.kbPage = kb_page = QWidget()
        kb_page.setObjectName("kb_page")
        kb_layout = QVBoxLayout(kb_page)
        kb_layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(kb_page)
        # page 0: results
        list_page = QWidget()
        lv = QVBoxLayout(list_page)
        lv.setContentsMargins(0, 0, 0, 0)
        self.countLabel = QLabel(list_page)
        self.countLabel.setObjectName("countLabel")
        lv.addWidget(self.countLabel)
        # recently viewed cards (shown while the search box is empty): one button each, in a
        # horizontal scroll area like the chips, so long titles never widen the narrow panel
        self.recentScroll = QScrollArea(list_page)
        self.recentScroll.setObjectName("recentScroll")
        self.recentScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.recentScroll.setWidgetResizable(True)
        self.recentScroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recentScroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.recentBar = QWidget()
        self.recentBar.setObjectName("recentBar")
        self.recentLayout = QHBoxLayout(self.recentBar)
        self.recentLayout.setContentsMargins(0, 0, 0, 0)
        self.recentLayout.setSpacing(3)
        self.recentLabel = QLabel(self.recentBar)
        self.recentLabel.setObjectName("recentLabel")
        self.recentLayout.addWidget(self.recentLabel)
        self.recentLayout.addStretch(1)
        self.recentScroll.setWidget(self.recentBar)
        self.recentScroll.setVisible(False)
        lv.addWidget(self.recentScroll)
        # category chips (filled by the controller from the current results)
        # in a horizontal scroll area, so that many chips never widen the narrow panel
        self.chipsScroll = QScrollArea(list_page)
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
        self.recentScroll.setFixedHeight(self.chipsScroll.maximumHeight())
        self.resultsView = QListView(list_page)
        self.resultsView.setObjectName("resultsView")
        self.resultsView.setUniformItemSizes(False)
        self.resultsView.setWordWrap(True)
        self.resultsView.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.resultsView.setStyleSheet("QListView::item:selected { background: #d6e9fb; border-left: 3px solid #1565c0; }")
        lv.addWidget(self.resultsView, 1)
        self.emptyLabel = QLabel(list_page)
        self.emptyLabel.setObjectName("emptyLabel")
        self.emptyLabel.setWordWrap(True)
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.emptyLabel.setVisible(False)
        lv.addWidget(self.emptyLabel)
        self.stack.addWidget(list_page)
        # page 1: card
        self.cardPage = card_page = QWidget()
        card_page.setObjectName("card_page")
        cv = QVBoxLayout(card_page)
        cv.setContentsMargins(0, 0, 0, 0)
        card_bar = QHBoxLayout()
        self.backButton = QPushButton(card_page)
        self.backButton.setObjectName("backButton")
        card_bar.addWidget(self.backButton)
        self.historyBackButton = QToolButton(card_page)
        self.historyBackButton.setObjectName("historyBackButton")
        self.historyBackButton.setText("◀")
        card_bar.addWidget(self.historyBackButton)
        self.historyForwardButton = QToolButton(card_page)
        self.historyForwardButton.setObjectName("historyForwardButton")
        self.historyForwardButton.setText("▶")
        card_bar.addWidget(self.historyForwardButton)
        card_bar.addStretch(1)
        self.pinButton = QPushButton(card_page)
        self.pinButton.setObjectName("pinButton")
        card_bar.addWidget(self.pinButton)
        cv.addLayout(card_bar)
        self.cardView = SafeTextBrowser(card_page)
        self.cardView.setObjectName("cardView")
        self.cardView.setOpenLinks(False)
        self.cardView.setOpenExternalLinks(False)
        cv.addWidget(self.cardView, 1)
        self.cardStatusLabel = QLabel(card_page)
        self.cardStatusLabel.setObjectName("cardStatusLabel")
        self.cardStatusLabel.setWordWrap(True)
        self.cardStatusLabel.setStyleSheet("color:#1b5e20")
        self.cardStatusLabel.setVisible(False)
        cv.addWidget(self.cardStatusLabel)
        # copy a script of the open card: Ctrl+Enter the focused one, Alt+1…9 the n-th
        self.actCopyCardScript = QAction(card_page)
        self.actCopyCardScript.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.actCopyNth: list[QAction] = []
        for n in range(1, 10):
            a = QAction(card_page)
            a.setShortcut(QKeySequence(f"Alt+{n}"))
            self.actCopyNth.append(a)
        for a in (self.actCopyCardScript, *self.actCopyNth):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            card_page.addAction(a)
        self.stack.addWidget(card_page)
        kb_layout.addWidget(self.stack, 1)
        self.tabs.addTab(kb_page, "")
        # the history of opened cards (the knowledge tab): Alt+Left / Alt+Right
        self.actHistoryBack = QAction(kb_page)
        self.actHistoryBack.setShortcut(QKeySequence("Alt+Left"))
        self.actHistoryForward = QAction(kb_page)
        self.actHistoryForward.setShortcut(QKeySequence("Alt+Right"))
        for a in (self.actHistoryBack, self.actHistoryForward):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            kb_page.addAction(a)
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
        self.actSettings = QAction(self)
        self.actSettings.setObjectName("actSettings")
        self.actSettings.setShortcut(QKeySequence("Ctrl+,"))
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
        for a in (self.actOnTop, self.actDock, self.actSettings, self.actAbout, self.actMenu, self.actQuit):
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
        self.menu.addAction(self.actSettings)
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
