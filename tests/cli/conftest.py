"""Fixtures the command-line tests share with the core tests of the same feature."""

from tests.core.test_kb_check import broken_kb  # noqa: F401 - a fixture, found by pytest here
from tests.core.test_kb_packs import key  # noqa: F401 - a fixture, found by pytest here
