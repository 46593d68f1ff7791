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
- Hostile input (issue 14): a paste is cleaned (``assist.core.text``: control characters,
  lone surrogates) and refused with a notice when the field would exceed ``max_length``;
  a text longer than ``SYNC_SCAN_MAX`` is scanned (PII and lint) on a worker thread, and
  the result is applied only if the text did not change meanwhile, so the GUI thread never
  waits for a scan.
"""

from __future__ import annotations

import concurrent.futures as cf
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from assist.core.guidance.lint import Finding, lint
from assist.core.privacy import find_pii, mask_span, mask_with_report
from assist.core.privacy.masking import active_policy
from assist.core.text import TEXT_MAX, clean
from assist.ui.privacy_notice import PrivacyNotice
from assist.ui.tasks import run_in_background

LINT_DEBOUNCE_MS = 150
PII_IDLE_MS = 800  # a number at the cursor is masked after this pause (the agent may still be typing it)
SYNC_SCAN_MAX = 2_000  # characters scanned on the GUI thread (~1 ms); longer texts on the scan worker
MAX_MARKS = 500  # wavy underlines drawn at most (the findings list keeps all)
_SEPARATORS = " -"
_COLORS = {"error": QColor("#d32f2f"), "warning": QColor("#ef6c00")}
_scan_pool: cf.ThreadPoolExecutor | None = None


def _scanner() -> cf.ThreadPoolExecutor:
    """One worker thread for the scans of every text field (never the DB lane)."""
    global _scan_pool
    if _scan_pool is None:
        _scan_pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="assist-scan")
    return _scan_pool


def _u16(text: str, i: int) -> int:
    """Python index -> Qt (UTF-16) position (C speed: the prefix encoded as UTF-16)."""
    return len(text[:i].encode("utf-16-le", "surrogatepass")) // 2


def _py(text: str, pos: int) -> int:
    """Qt (UTF-16) position -> Python index."""
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):  # no characters beyond the BMP
        return max(0, min(pos, len(text)))
    u = 0
    for i, ch in enumerate(text):
        if u >= pos:
            return i
        u += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def _scan(text: str, rules: Any, call_type: str | None) -> tuple[list, list[Finding]]:
    """PII spans and lint findings of ``text`` (runs on the scan worker; pure)."""
    spans = find_pii(text)
    found: list[Finding] = []
    if rules is not None and text:
        try:
            found = lint(text, rules, call_type)
        except ValueError:  # unknown call type: lint against every rule
            found = lint(text, rules)
    return spans, found


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
        self.max_length = TEXT_MAX
        self._gen = 0                  # bumped on every change: a scan result for an older text is dropped
        self._scan_busy = False
        self._scan_again = False       # a change came while a scan ran
        self._scan_mask = False        # the pending scan should mask what it finds (idle)
        self.scans_dropped = 0         # results dropped because the text changed (benchmarks, tests)
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

    def tr(self, text: str) -> str:  # type: ignore[override]  # fixed context for lupdate and subclasses
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
    def _large(self) -> bool:
        return self.document().characterCount() > SYNC_SCAN_MAX

    def _on_text_changed(self) -> None:
        self._gen += 1
        if self._rewriting or self._composing:
            return
        self._lint_timer.start()
        if not self._large():
            self.run_privacy(idle=False)
        self._pii_timer.start(self.pii_idle_ms)

    def inputMethodEvent(self, event) -> None:
        super().inputMethodEvent(event)
        was = self._composing
        self._composing = bool(event.preeditString())
        if was and not self._composing:
            self._on_text_changed()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste plain text only, cleaned; refused with a notice if the field would get too long."""
        raw = source.text() if source.hasText() else ""
        replaced = len(self.textCursor().selectedText())
        room = self.max_length - (self.document().characterCount() - 1 - replaced)
        if len(raw) > max(room, 0) * 2 + 16:  # clearly too long: do not even clean it
            self._refuse(len(raw), room)
            return
        cleaned = clean(raw)
        if len(cleaned.text) > room:
            self._refuse(len(cleaned.text), room)
            return
        self.textCursor().insertText(cleaned.text)
        self.ensureCursorVisible()
        if cleaned.changed:
            self.privacyNotice.emit(self.tr("Pasted text cleaned: {n} control character(s) removed.")
                                    .format(n=cleaned.removed + cleaned.replaced))
        self.run_privacy(idle=True)  # a pasted number is complete

    def _refuse(self, length: int, room: int) -> None:
        self.privacyNotice.emit(self.tr("Nothing was pasted: the text has {n} characters and this field has room for "
                                        "{room} more (at most {max}). Paste a shorter part.")
                                .format(n=f"{length:,}", room=f"{max(room, 0):,}", max=f"{self.max_length:,}"))

    def focusOutEvent(self, event) -> None:
        self.run_privacy(idle=True)
        super().focusOutEvent(event)

    # ---- privacy -----------------------------------------------------------------------
    def run_privacy(self, idle: bool = True) -> None:
        """Mask complete personal numbers in place. With ``idle`` False, a number the cursor
        is still at the end of is left alone (the agent may be typing more digits)."""
        if self._composing or self._rewriting:
            return
        if self._large():
            self._schedule_scan(mask=idle)
            return
        text = self.toPlainText()
        self._apply_privacy(text, find_pii(text), idle)

    def _apply_privacy(self, text: str, spans: list, idle: bool) -> None:
        if not spans:
            return
        cur = _py(text, self.textCursor().position())
        done = [s for s in spans if idle or not self._still_typing(text, s.end, cur)]
        if done:
            self._replace(text, done, cur)

    # ---- scans of long texts on the worker -------------------------------------------------
    def _schedule_scan(self, mask: bool) -> None:
        self._scan_mask = self._scan_mask or mask
        if self._scan_busy:
            self._scan_again = True
            return
        self._scan_busy, self._scan_again = True, False
        gen, text, want_mask = self._gen, self.toPlainText(), self._scan_mask
        self._scan_mask = False
        fut: cf.Future = cf.Future()
        # connect first, then start: once the worker runs it competes for the GIL
        def done(res: Any) -> None:
            if shiboken6.isValid(self):
                self._scan_done(gen, text, want_mask, res)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self._scan_failed(exc)

        run_in_background(fut, done, failed)
        rules, call_type = self._rules, self._call_type

        def work() -> None:
            try:
                fut.set_result(_scan(text, rules, call_type))
            except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
                fut.set_exception(exc)

        _scanner().submit(work)

    def _scan_failed(self, exc: BaseException) -> None:
        self._scan_busy = False

    def _scan_done(self, gen: int, text: str, mask: bool, result: tuple[list, list[Finding]]) -> None:
        self._scan_busy = False
        if gen != self._gen or self._composing:  # the text changed meanwhile: this result is stale
            self.scans_dropped += 1
            self._scan_mask = self._scan_mask or mask
            self._lint_timer.start()              # scan again once typing pauses
            return
        spans, found = result
        self._show_findings(text, found)
        if mask:
            self._apply_privacy(text, spans, idle=True)
        if self._scan_again:
            self._schedule_scan(False)

    def scan_pending(self) -> bool:
        """A worker scan is running or due (tests and benchmarks wait for it to settle)."""
        return self._scan_busy or self._scan_again or self._lint_timer.isActive() or self._pii_timer.isActive()

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
    def createMimeDataFromSelection(self) -> QMimeData:
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
        if self._large():
            self._schedule_scan(mask=False)
            return
        text = self.toPlainText()
        try:
            found = lint(text, self._rules, self._call_type) if self._rules is not None and text else []
        except ValueError:  # unknown call type: lint against every rule
            found = lint(text, self._rules)
        self._show_findings(text, found)

    def _show_findings(self, text: str, found: list[Finding]) -> None:
        self._findings = found
        sels = []
        for f in found[:MAX_MARKS]:
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

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F2 and not event.modifiers():
            self.explain_at_cursor()
            event.accept()
            return
        super().keyPressEvent(event)
