"""Reusable widgets for free-text fields (live lint, live privacy masking)."""

from assist.ui.widgets.textfield import SmartTextEdit

__all__ = ["SmartTextEdit"]
