"""Result list model (named roles over search ``Hit``s) and a delegate that paints title,
snippet and highlights."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Collection, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from assist.core.search.model import Hit

IdRole = Qt.ItemDataRole.UserRole + 1
TitleRole = Qt.ItemDataRole.UserRole + 2
SnippetRole = Qt.ItemDataRole.UserRole + 3
HighlightsRole = Qt.ItemDataRole.UserRole + 4
ScoreRole = Qt.ItemDataRole.UserRole + 5
BadgeRole = Qt.ItemDataRole.UserRole + 6
CategoryRole = Qt.ItemDataRole.UserRole + 7
PinnedRole = Qt.ItemDataRole.UserRole + 8

Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    """The search hits, one row each; ``pinned`` and the expired badge are the panel's view of them."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._badge = ""

    def set_hits(self, hits: Sequence[Hit], pinned: Collection[str] = (), expired_badge: str = "") -> None:
        self.beginResetModel()
        self._hits = [dataclasses.replace(h, pinned=h.id in pinned) if h.pinned != (h.id in pinned) else h for h in hits]
        self._badge = expired_badge
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._hits)

    def row(self, i: int) -> Hit:
        return self._hits[i]

    def badge(self, h: Hit) -> str:
        return self._badge if h.expired else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._hits)):
            return None
        h = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, TitleRole):
            return h.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{h.title} {self.badge(h)}".strip()
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.snippet
        return {IdRole: h.id, SnippetRole: h.snippet, HighlightsRole: h.highlights or {},
                ScoreRole: h.score, BadgeRole: self.badge(h), CategoryRole: h.category,
                PinnedRole: h.pinned}.get(role)

    def roleNames(self) -> dict[int, QByteArray]:
        return {role: QByteArray(name) for role, name in (
            (IdRole, b"id"), (TitleRole, b"title"), (SnippetRole, b"snippet"), (HighlightsRole, b"highlights"),
            (ScoreRole, b"score"), (BadgeRole, b"badge"), (CategoryRole, b"category"), (PinnedRole, b"pinned"))}


def highlight_html(text: str, ranges: list[tuple[int, int]] | list[list[int]], mark: str = "#fff176") -> str:
    marks = sorted((int(a), int(b)) for a, b in ranges or [] if 0 <= int(a) < int(b) <= len(text))
    out, pos = [], 0
    for a, b in marks:
        if a < pos:
            a = pos
        if a >= b:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f'<span style="background:{mark}">{html.escape(text[a:b])}</span>')
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


class ResultDelegate(QStyledItemDelegate):
    """Title (bold, highlighted) over a grey snippet; a red badge for expired cards."""

    def _doc(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        hl = index.data(HighlightsRole) or {}
        title = highlight_html(index.data(TitleRole) or "", hl.get("title", []))
        snippet = highlight_html(index.data(SnippetRole) or "", hl.get("snippet", []))
        badge = index.data(BadgeRole) or ""
        cat = html.escape(index.data(CategoryRole) or "")
        badge_html = f' <span style="color:white;background:#b71c1c">&nbsp;{html.escape(badge)}&nbsp;</span>' if badge else ""
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(
            f'<div>{"★ " if index.data(PinnedRole) else ""}<b>{title}</b>{badge_html} <span style="color:#888;font-size:small">{cat}</span></div>'
            f'<div style="color:#666;font-size:small">{snippet}</div>'
        )
        doc.setTextWidth(max(50, option.rect.width() - 8))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._doc(option, index)
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        _ = QRectF

    def sizeHint(self, option, index) -> QSize:
        doc = self._doc(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)
