"""Optional global hotkey (pynput; X11 and Windows). Imported lazily: pynput raises
at import without a display, and is not installed by default."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    fired = Signal()


def start_hotkey(spec: str, on_fire: Callable[[], None]):
    """Start a listener for ``spec`` (pynput syntax, e.g. ``<ctrl>+<alt>+<space>``).

    Returns the listener (with ``stop()``) or None when the hotkey is disabled.
    Raises ImportError/OSError when unavailable (no pynput, no display, Wayland).
    """
    if not spec:
        return None
    from pynput import keyboard

    relay = _Relay()
    relay.fired.connect(on_fire)  # queued onto the GUI thread
    hk = keyboard.HotKey(keyboard.HotKey.parse(spec), relay.fired.emit)
    listener: Any = keyboard.Listener(on_press=lambda k: hk.press(listener.canonical(k)),
                                 on_release=lambda k: hk.release(listener.canonical(k)))
    listener._assist_relay = relay  # keep alive
    listener.start()
    listener.wait()  # returns once the listener receives events (milliseconds)
    return listener
