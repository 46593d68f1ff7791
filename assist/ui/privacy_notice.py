"""What the agent is told when personal data is masked or a secret is removed.

``describe(spans, copied=False)`` turns ``find_pii`` spans into one short sentence (no values);
``PrivacyNoticeLabel`` is the visible label a view owns to show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from assist.core.privacy import SECRET

NOTICE_MS = 12000


class PrivacyNotice:
    """Translated notice texts (context "PrivacyNotice")."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("PrivacyNotice", text)

    @classmethod
    def kind_label(cls, kind: str) -> str:
        labels = {
            "id_card": QCoreApplication.translate("PrivacyNotice", "ID card number"),
            "bank_card": QCoreApplication.translate("PrivacyNotice", "bank card number"),
            "mobile": QCoreApplication.translate("PrivacyNotice", "mobile number"),
            "landline": QCoreApplication.translate("PrivacyNotice", "phone number"),
            "email": QCoreApplication.translate("PrivacyNotice", "e-mail address"),
            "uscc": QCoreApplication.translate("PrivacyNotice", "unified social credit code"),
            SECRET: QCoreApplication.translate("PrivacyNotice", "password or verification code"),
        }
        return labels.get(kind, QCoreApplication.translate("PrivacyNotice", "personal data"))

    @classmethod
    def describe(cls, spans: Iterable, copied: bool = False) -> str:
        """One sentence: what was masked (kinds and counts, never the values)."""
        kinds = Counter(getattr(s, "kind", s) for s in spans)
        if not kinds:
            return ""
        parts = []
        secret = kinds.pop(SECRET, 0)
        if kinds:
            listed = QCoreApplication.translate("PrivacyNotice", ", ").join(
                f"{cls.kind_label(k)} ×{n}" if n > 1 else cls.kind_label(k) for k, n in kinds.items())
            if copied:
                parts.append(QCoreApplication.translate("PrivacyNotice", "Masked in the copied text: {kinds}.").format(kinds=listed))
            else:
                parts.append(QCoreApplication.translate("PrivacyNotice", "Personal data masked: {kinds}.").format(kinds=listed))
        if secret:
            parts.append(QCoreApplication.translate("PrivacyNotice", "A password or verification code was removed: PINs, passwords, CVV and "
                                "SMS codes must never be asked for or recorded."))
        return " ".join(parts)


class PrivacyNoticeLabel(QLabel):
    """A visible, word-wrapped notice that hides itself after a while."""

    def __init__(self, parent: QWidget | None = None, timeout_ms: int = NOTICE_MS):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        self.setStyleSheet("background:#fff8e1;color:#5d4037;border-left:3px solid #f9a825;padding:3px")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(lambda: self.setVisible(False))

    def show_notice(self, text: str) -> None:
        if not text:
            return
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(True)
        self._timer.start()
