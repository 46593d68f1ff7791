"""The Qt binding itself: PySide6 6.12.0 dropped a reference to ``None`` on every call that returns
nothing; on Python 3.11 (not immortal ``None``) the panel died with "none_dealloc" after a few
thousand label updates. The pinned version must not."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_calls_that_return_nothing_keep_the_reference_to_none(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.setVisible(False)
    assert sys.getrefcount(None) - before >= -10   # a little noise from the interpreter, never -4000
