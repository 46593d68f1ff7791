"""Themes (light, dark, high contrast) and text size (zoom), for the whole application.

``apply(app, theme, zoom)`` sets the palette and the font; it can be called again at any time
(the settings dialog does). Light is the platform's own look. Dark and high contrast use the
Fusion style with their palette, and a :class:`Restyler` rewrites the few text colours that
widgets set in their own style sheets (warning red, muted grey …) to readable ones: a style
sheet colour that is fine on white is often unreadable on black. Badges that set their own
background keep their colours (they are readable on any window colour).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

THEMES = ("light", "dark", "contrast")
ZOOM_RANGE = (90, 150)

# light-theme text colour → (dark, high contrast); every colour appears once, so a sheet restyled
# for one theme can be restyled for another (back to light included)
TEXT_COLOURS: dict[str, tuple[str, str]] = {
    "#666": ("#b0b0b0", "#f0f0f0"), "#b71c1c": ("#ff8a80", "#ff6e6e"), "#1b5e20": ("#a5d6a7", "#7cfc00"),
    "#2e7d32": ("#b9e4bb", "#76ff03"), "#1565c0": ("#90caf9", "#80d8ff"), "#0d47a1": ("#9fc8f5", "#84ffff"),
    "#e65100": ("#ffb74d", "#ffd600"), "#5d4037": ("#d7ccc8", "#fafafa"),
}
_ANY = {c: light for light, alts in TEXT_COLOURS.items() for c in (light, *alts)}
_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{3,6})")


def _palette(theme: str) -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    if theme == "dark":
        colours = {role.Window: "#2b2b2b", role.WindowText: "#e8e8e8", role.Base: "#1e1e1e", role.AlternateBase: "#2b2b2b",
                   role.Text: "#e8e8e8", role.Button: "#3a3a3a", role.ButtonText: "#e8e8e8", role.Highlight: "#3d6fb4",
                   role.HighlightedText: "#ffffff", role.ToolTipBase: "#3a3a3a", role.ToolTipText: "#e8e8e8",
                   role.PlaceholderText: "#9a9a9a", role.Link: "#90caf9", role.BrightText: "#ff8a80", role.Mid: "#555555",
                   role.Light: "#4a4a4a", role.Dark: "#1a1a1a", role.Shadow: "#000000"}
    else:   # high contrast: white on black, yellow selection
        colours = {role.Window: "#000000", role.WindowText: "#ffffff", role.Base: "#000000", role.AlternateBase: "#1a1a1a",
                   role.Text: "#ffffff", role.Button: "#000000", role.ButtonText: "#ffffff", role.Highlight: "#ffd600",
                   role.HighlightedText: "#000000", role.ToolTipBase: "#000000", role.ToolTipText: "#ffffff",
                   role.PlaceholderText: "#d0d0d0", role.Link: "#80d8ff", role.BrightText: "#ffff00", role.Mid: "#ffffff",
                   role.Light: "#ffffff", role.Dark: "#ffffff", role.Shadow: "#ffffff"}
    for r, c in colours.items():
        p.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#808080" if theme == "dark" else "#c0c0c0"))
    return p


def restyle(sheet: str, theme: str) -> str:
    """A widget style sheet with its text colours for ``theme`` (badges with a background stay)."""
    if "background" in sheet:
        return sheet

    def swap(m: re.Match[str]) -> str:
        light = _ANY.get(m.group(1).lower())
        if light is None:
            return m.group(0)
        new = light if theme == "light" else TEXT_COLOURS[light][0 if theme == "dark" else 1]
        return m.group(0).replace(m.group(1), new)

    return _COLOUR.sub(swap, sheet)


class Restyler(QObject):
    """Rewrites text colours of widget style sheets as they are set (a StyleChange event)."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.theme = "light"

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.theme != "light" and event.type() == QEvent.Type.StyleChange and isinstance(obj, QWidget):
            # (light needs no rewriting: code sets light colours)
            sheet = obj.styleSheet()
            if sheet:
                new = restyle(sheet, self.theme)
                if new != sheet:
                    obj.setStyleSheet(new)
        return False

    def restyle_all(self) -> None:
        for w in QApplication.allWidgets():
            sheet = w.styleSheet()
            if sheet:
                new = restyle(sheet, self.theme)
                if new != sheet:
                    w.setStyleSheet(new)


def apply(app: QApplication, theme: str = "light", zoom: int = 100) -> None:
    """Apply ``theme`` (light, dark, contrast) and ``zoom`` (percent of the system font)."""
    theme = theme if theme in THEMES else "light"
    zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], int(zoom)))
    state = app.property("assist_theme_base")
    if state is None:   # remember the platform's look once, to come back to it
        state = (app.style().name(), QPalette(app.palette()), QFont(app.font()))
        app.setProperty("assist_theme_base", state)
        app.setProperty("assist_restyler", Restyler(app))
    style, palette, font = state
    restyler = app.property("assist_restyler")
    was = restyler.theme
    if theme == "light":
        if was != "light":
            app.removeEventFilter(restyler)   # a filter on the application sees every event: only when needed
            app.setStyle(style)
        app.setPalette(palette)
    else:
        if was == "light":
            app.installEventFilter(restyler)
        app.setStyle("Fusion")
        app.setPalette(_palette(theme))
    restyler.theme = theme
    if was != theme:
        restyler.restyle_all()
    scaled = QFont(font)
    size = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
    scaled.setPointSizeF(size * zoom / 100)
    app.setFont(scaled)
    app.setProperty("assist_theme", theme)
    app.setProperty("assist_zoom", zoom)
