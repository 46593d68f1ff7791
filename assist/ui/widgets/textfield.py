"""SmartTextEdit: the free-text field agents type into (call notes, complaint fields).

- Live lint: ``assist.core.guidance.lint`` over the whole text (debounced), marked with a wavy
  underline; hovering shows the reason and the suggested wording; F2 explains the finding at
  the cursor (or jumps to the next one). ``findings()`` returns the current findings.
- Live privacy: a complete personal number (``find_pii``) is replaced in place by its masked
  form once the agent has moved past it (or paused, pasted, left the field); a secret
  (密码/验证码/CVV + digits) is removed. The document is rebuilt without undo history, so the
  raw value stays neither in the text nor in the undo stack. ``privacyNotice(str)`` says what
  was masked (kinds only).
- Copy and drag carry masked text only. Text is never logged.
- IME: nothing is rewritten while a composition (preedit) is in progress.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from assist.core.guidance.lint import Finding, lint
from assist.core.privacy import find_pii, mask_span, mask_with_report
from assist.core.privacy.masking import active_policy
from assist.ui.privacy_notice import PrivacyNotice

LINT_DEBOUNCE_MS = 150
PII_IDLE_MS = 800  # a number at the cursor is masked after this pause (the agent may still be typing it)
_SEPARATORS = " -"
_COLORS = {"error": QColor("#d32f2f"), "warning": QColor("#ef6c00")}


def _u16(text: str, i: int) -> int:
    """Python index -> Qt (UTF-16) position."""
    return i + sum(1 for ch in text[:i] if ord(ch) > 0xFFFF)


def _py(text: str, pos: int) -> int:
    """Qt (UTF-16) position -> Python index."""
    u = 0
    for i, ch in enumerate(text):
        if u >= pos:
            return i
        u += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


class SmartTextEdit(QPlainTextEdit):
    privacyNotice = Signal(str)
    findingsChanged = Signal(int)
    explained = Signal(str)  # the text F2 showed

    def __init__(self, parent: QWidget | None = None, rules: Any = None, call_type: str | None = None,
                 policy: Any = None):
        super().__init__(parent)
        self._rules = rules
        self._call_type = call_type
        self._policy = policy
        self._findings: list[Finding] = []
        self._composing = False
        self._rewriting = False
        self.pii_idle_ms = PII_IDLE_MS
        self._lint_timer = QTimer(self)
        self._lint_timer.setSingleShot(True)
        self._lint_timer.setInterval(LINT_DEBOUNCE_MS)
        self._lint_timer.timeout.connect(self.run_lint)
        self._pii_timer = QTimer(self)
        self._pii_timer.setSingleShot(True)
        self._pii_timer.timeout.connect(lambda: self.run_privacy(idle=True))
        self.textChanged.connect(self._on_text_changed)
        self.setTabChangesFocus(True)

    def tr(self, text: str) -> str:  # fixed context for lupdate and subclasses
        return QCoreApplication.translate("SmartTextEdit", text)

    # ---- configuration ---------------------------------------------------------------
    def set_rules(self, rules: Any, call_type: str | None = None) -> None:
        self._rules, self._call_type = rules, call_type
        self.run_lint()

    def set_call_type(self, call_type: str | None) -> None:
        self._call_type = call_type
        self.run_lint()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def is_composing(self) -> bool:
        return self._composing

    # ---- change tracking ---------------------------------------------------------------
    def _on_text_changed(self) -> None:
        if self._rewriting or self._composing:
            return
        self._lint_timer.start()
        self.run_privacy(idle=False)
        self._pii_timer.start(self.pii_idle_ms)

    def inputMethodEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().inputMethodEvent(event)
        was = self._composing
        self._composing = bool(event.preeditString())
        if was and not self._composing:
            self._on_text_changed()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        super().insertFromMimeData(source)
        self.run_privacy(idle=True)  # a pasted number is complete

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.run_privacy(idle=True)
        super().focusOutEvent(event)

    # ---- privacy -----------------------------------------------------------------------
    def run_privacy(self, idle: bool = True) -> None:
        """Mask complete personal numbers in place. With ``idle`` False, a number the cursor
        is still at the end of is left alone (the agent may be typing more digits)."""
        if self._composing or self._rewriting:
            return
        text = self.toPlainText()
        spans = find_pii(text)
        if not spans:
            return
        cur = _py(text, self.textCursor().position())
        done = [s for s in spans if idle or not self._still_typing(text, s.end, cur)]
        if done:
            self._replace(text, done, cur)

    @staticmethod
    def _still_typing(text: str, end: int, cur: int) -> bool:
        return cur == end or (cur == end + 1 and text[end] in _SEPARATORS)

    def _replace(self, text: str, spans: list, cur: int) -> None:
        out, pos, new_cur = [], 0, cur
        for sp in spans:
            rep = mask_span(text[sp.start:sp.end], sp.kind, self._policy or active_policy())
            out += [text[pos:sp.start], rep]
            pos = sp.end
            if cur >= sp.end:
                new_cur += len(rep) - (sp.end - sp.start)
            elif cur > sp.start:
                new_cur = sum(map(len, out))
        out.append(text[pos:])
        new_text = "".join(out)
        bar = self.verticalScrollBar().value()
        self._rewriting = True
        try:
            # setPlainText rebuilds the document: no undo history, no old text buffer
            self.setPlainText(new_text)
            self.document().clearUndoRedoStacks()
            c = self.textCursor()
            c.setPosition(_u16(new_text, max(0, min(new_cur, len(new_text)))))
            self.setTextCursor(c)
            self.verticalScrollBar().setValue(bar)
        finally:
            self._rewriting = False
        self.run_lint()
        self.privacyNotice.emit(PrivacyNotice.describe(spans))

    # ---- copy out: masked ------------------------------------------------------------------
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        text = self.textCursor().selection().toPlainText()
        masked, spans = mask_with_report(text, self._policy or active_policy())
        if spans:
            self.privacyNotice.emit(PrivacyNotice.describe(spans, copied=True))
        md = QMimeData()
        md.setText(masked)
        return md

    # ---- lint --------------------------------------------------------------------------
    def run_lint(self) -> None:
        self._lint_timer.stop()
        if self._composing:
            return
        text = self.toPlainText()
        try:
            found = lint(text, self._rules, self._call_type) if self._rules is not None and text else []
        except ValueError:  # unknown call type: lint against every rule
            found = lint(text, self._rules)
        self._findings = found
        sels = []
        for f in found:
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(_COLORS.get(f.severity, _COLORS["warning"]))
            sel.format = fmt
            c = QTextCursor(self.document())
            c.setPosition(_u16(text, f.start))
            c.setPosition(_u16(text, f.end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = c
            sels.append(sel)
        self.setExtraSelections(sels)
        self.setAccessibleDescription(
            self.tr("{n} wording problem(s); press F2 for the reason").format(n=len(found)) if found else "")
        self.findingsChanged.emit(len(found))

    def finding_at(self, index: int) -> Finding | None:
        """The finding covering Python index ``index`` (its end counts, for a cursor just after it)."""
        for f in self._findings:
            if f.start <= index <= f.end:
                return f
        return None

    def explain(self, f: Finding) -> str:
        head = self.tr("Forbidden wording") if f.severity == "error" else self.tr("Check this wording")
        reason = f.message + (self.tr(" (basis: {basis})").format(basis=f.basis) if f.basis else "")
        return self.tr("{head} “{phrase}”: {reason}\nSay instead: {suggestion}").format(
            head=head, phrase=f.text, reason=reason, suggestion=f.suggestion)

    def tooltip_at(self, pos) -> str:
        """Tooltip text for a viewport point (empty if no finding there)."""
        text = self.toPlainText()
        f = self.finding_at(_py(text, self.cursorForPosition(pos).position()))
        return self.explain(f) if f else ""

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def explain_at_cursor(self) -> str:
        """F2: explain the finding at the cursor, else move to the next finding and explain it."""
        if self._lint_timer.isActive():
            self.run_lint()
        text = self.toPlainText()
        cur = _py(text, self.textCursor().position())
        f = self.finding_at(cur)
        if f is None and self._findings:
            f = next((x for x in self._findings if x.start > cur), self._findings[0])
            c = self.textCursor()
            c.setPosition(_u16(text, f.start))
            c.setPosition(_u16(text, f.end), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(c)
        tip = self.explain(f) if f else self.tr("No wording problem found.")
        QToolTip.showText(self.mapToGlobal(self.cursorRect().bottomLeft()), tip, self)
        self.explained.emit(tip)
        return tip

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_F2 and not event.modifiers():
            self.explain_at_cursor()
            event.accept()
            return
        super().keyPressEvent(event)
