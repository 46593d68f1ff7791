"""How the call page draws its lists: script rows with a bold title leading the body, card
headings and separators (:class:`ScriptDelegate`), lists as tall as their rows (:class:`FitList`)
and one-line labels that elide instead of widening the panel (:class:`ElidedLabel`).

Everything is drawn with ``QPainter.drawText`` / ``QTextLayout`` on plain strings: card text and
typed values are never interpreted as HTML. The display text of a row (what a screen reader
reads) is the plain title and body; the delegate only chooses fonts, colours and lines.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

KIND_ROLE = Qt.ItemDataRole.UserRole + 1    # "heading" | "script"
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2   # a heading's text, a script's title
BODY_ROLE = Qt.ItemDataRole.UserRole + 3    # a script's text
HEADING, SCRIPT = "heading", "script"
PAD_X, PAD_Y = 5, 3
HEADING_COLOUR, RULE_COLOUR = QColor("#0d47a1"), QColor("#cfd8dc")
SELECTED_BG, SELECTED_BAR = QColor("#e3f2fd"), QColor("#1976d2")
Index = QModelIndex | QPersistentModelIndex


def _layout(title: str, body: str, font: QFont, width: int) -> QTextLayout:
    """The title in bold, then the body, wrapped to ``width`` (plain text: nothing is markup)."""
    sep = "  " if title and body else ""
    layout = QTextLayout(title + sep + body, font)
    opt = QTextOption()
    opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(opt)
    if title:
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        rng = QTextLayout.FormatRange()
        rng.start, rng.length, rng.format = 0, len(title), bold
        layout.setFormats([rng])
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


class ScriptDelegate(QStyledItemDelegate):
    """Rows of the scripts list: a heading (the card's title, a rule above it) or a script (its
    title in bold leading the wrapped body, a thin rule below; the selected one on a light band).

    A row is drawn once into a pixmap per text, width and state, and repaints reuse it: scrolling
    and arrow keys cost one ``drawPixmap`` per row, not a text layout each time."""

    CACHE_MAX = 256

    def __init__(self, view: QListWidget):
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple, int] = {}
        self._pixmaps: dict[tuple, QPixmap] = {}

    def _width(self) -> int:
        return max(self.view.viewport().width() - 2 * PAD_X, 40)

    @staticmethod
    def _heading_font(base: QFont) -> QFont:
        f = QFont(base)
        f.setBold(True)
        if base.pointSizeF() > 0:
            f.setPointSizeF(max(base.pointSizeF() * 0.9, 7.0))
        return f

    @staticmethod
    def _texts(index: Index) -> tuple[str, str, str]:
        return str(index.data(KIND_ROLE) or ""), str(index.data(TITLE_ROLE) or ""), str(index.data(BODY_ROLE) or "")

    def _height(self, kind: str, title: str, body: str, font: QFont, width: int) -> int:
        key = (kind, title, body, width, font.key())
        if key not in self._heights:
            if len(self._heights) > self.CACHE_MAX:
                self._heights.clear()
            if kind == HEADING:
                h = QFontMetrics(self._heading_font(font)).height() + 2 * PAD_Y
            else:
                h = int(_layout(title, body, font, width).boundingRect().height()) + 2 * PAD_Y + 1
            self._heights[key] = h
        return self._heights[key]

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        kind, title, body = self._texts(index)
        width = self._width()
        return QSize(width, self._height(kind, title, body, option.font, width))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        kind, title, body = self._texts(index)
        r = option.rect
        state = (bool(option.state & QStyle.StateFlag.State_Selected), bool(option.state & QStyle.StateFlag.State_HasFocus))
        dpr = self.view.devicePixelRatioF()
        pal = option.palette   # part of the key: a theme change draws every row again
        key = (kind, title, body, r.width(), r.height(), option.font.key(), state, index.row() == 0, dpr,
               pal.color(QPalette.ColorRole.Base).rgba(), pal.color(QPalette.ColorRole.Text).rgba())
        pm = self._pixmaps.get(key)
        if pm is None:
            if len(self._pixmaps) > self.CACHE_MAX:
                self._pixmaps.clear()
            pm = self._pixmaps[key] = self._render(kind, title, body, option, state, index.row() == 0, dpr)
        painter.drawPixmap(r.topLeft(), pm)

    def _render(self, kind: str, title: str, body: str, option: QStyleOptionViewItem, state: tuple[bool, bool],
                first: bool, dpr: float) -> QPixmap:
        w, h = option.rect.width(), option.rect.height()
        pm = QPixmap(QSize(max(1, round(w * dpr)), max(1, round(h * dpr))))
        pm.setDevicePixelRatio(dpr)
        pal = option.palette
        selected, focus = state
        dark = pal.color(QPalette.ColorRole.Base).lightness() < 128   # the dark and high-contrast themes
        heading_colour = QColor("#90caf9") if dark else HEADING_COLOUR
        pm.fill((QColor("#1e3a5f") if dark else SELECTED_BG) if selected and kind != HEADING
                else pal.color(QPalette.ColorRole.Base))
        p = QPainter(pm)
        if kind == HEADING:
            if not first:
                p.setPen(QPen(RULE_COLOUR, 2))
                p.drawLine(0, 0, w, 0)
            font = self._heading_font(option.font)
            p.setFont(font)
            p.setPen(heading_colour)
            text = QFontMetrics(font).elidedText(title, Qt.TextElideMode.ElideRight, w - 2 * PAD_X)
            p.drawText(QRect(PAD_X, PAD_Y, w - 2 * PAD_X, h - 2 * PAD_Y), int(Qt.AlignmentFlag.AlignVCenter), text)
        else:
            if selected:
                p.fillRect(QRect(0, 0, 3, h), SELECTED_BAR)
            p.setPen(pal.color(QPalette.ColorRole.Text))
            _layout(title, body, option.font, w - 2 * PAD_X).draw(p, QPointF(PAD_X, PAD_Y))
            p.setPen(QPen(RULE_COLOUR, 1))
            p.drawLine(PAD_X, h - 1, w - PAD_X, h - 1)
            if focus:
                p.setPen(QPen(SELECTED_BAR, 1, Qt.PenStyle.DotLine))
                p.drawRect(QRect(0, 0, w - 1, h - 1))
        p.end()
        return pm


class FitList(QListWidget):
    """A list exactly as tall as its rows (one line per short item), up to ``max_rows`` rows; longer
    lists scroll. Call :meth:`fit` after filling it; it follows width changes itself."""

    def __init__(self, parent: QWidget | None = None, max_rows: int = 6):
        super().__init__(parent)
        self.max_rows = max_rows
        self._width = -1

    def fit(self) -> None:
        n = self.count()
        if n == 0:
            self.setFixedHeight(2 * self.frameWidth())
            return
        self.doItemsLayout()
        rows = [self.visualItemRect(self.item(i)).height() for i in range(min(n, self.max_rows))]
        extra = 0 if n <= self.max_rows else 6      # a glimpse of the next row: the list goes on
        self.setFixedHeight(sum(rows) + 2 * self.spacing() * len(rows) + 2 * self.frameWidth() + extra)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width:
            self._width = event.size().width()
            self.fit()


class ElidedLabel(QLabel):
    """One line of plain text that ends in … when the panel is narrow (the whole text is in the
    tooltip and the accessible name), instead of making the panel wider."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _elide(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin() - 4
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(width, 20)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()
