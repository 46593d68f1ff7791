"""One background-task helper: run a future's callbacks on the GUI thread.

    run_in_background(lane.submit(fn, arg), on_success, on_failure)

Callbacks run on the GUI thread (a queued signal); never touch widgets elsewhere.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("assist.tasks")


class _Bridge(QObject):
    done = Signal(object, object)  # result, exception


_pending: set[_Bridge] = set()


def run_in_background(
    future: cf.Future[Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
) -> None:
    bridge = _Bridge()
    _pending.add(bridge)

    def deliver(result: Any, exc: BaseException | None) -> None:
        _pending.discard(bridge)
        if exc is not None:
            if on_failure is not None:
                on_failure(exc)
            else:
                log.error("background task failed", extra={"fields": {"error": type(exc).__name__}})
        elif on_success is not None:
            on_success(result)
        bridge.deleteLater()

    bridge.done.connect(deliver)

    def _cb(f: cf.Future[Any]) -> None:
        if f.cancelled():
            bridge.done.emit(None, cf.CancelledError())
            return
        exc = f.exception()
        bridge.done.emit(None if exc else f.result(), exc)

    future.add_done_callback(_cb)


def run_in_thread(fn: Callable[..., Any], *args: Any) -> cf.Future[Any]:
    """Run ``fn`` on a daemon thread (CPU or network work that must not block the GUI and must
    not hold up quitting); pair it with :func:`run_in_background` to get the result back."""
    import threading

    fut: cf.Future[Any] = cf.Future()

    def work() -> None:
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            fut.set_exception(exc)

    threading.Thread(target=work, name=f"assist-{getattr(fn, '__name__', 'task')}", daemon=True).start()
    return fut


def release_clipboard() -> None:
    """Hand the clipboard's content to a C++-owned copy before the application ends.

    Mime data we created from Python (masked copies) would otherwise be deleted by Qt's
    exit handlers after Python is gone, which crashes the process on exit. The user keeps
    what they copied.
    """
    from PySide6.QtGui import QGuiApplication

    cb = QGuiApplication.clipboard()
    if cb is None:
        return
    in_process = QGuiApplication.platformName() in ("offscreen", "minimal")  # ownsClipboard() is False there
    if cb.ownsClipboard() or (in_process and cb.mimeData() is not None):
        cb.setText(cb.text())


def plain_text_labels(root) -> None:
    """Show every label under ``root`` as plain text: labels display typed queries, softphone
    topics and names, which must never be interpreted as HTML. A label that needs rich text
    sets ``Qt.RichText`` explicitly (and shows only fixed strings)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    for label in root.findChildren(QLabel):
        if label.textFormat() == Qt.TextFormat.AutoText:
            label.setTextFormat(Qt.TextFormat.PlainText)
