"""Qt-free core. Nothing under this package may import PySide6 (tests/core/test_no_qt.py)."""
