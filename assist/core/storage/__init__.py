"""SQLite storage through sqlite-utils: one file, WAL, synchronous=FULL, owner-only.

Storage imports no feature: the application's migration sets come from :mod:`assist.schema`.
"""

from assist.core.storage.db import CORE_SETS, open_db, schema_state
from assist.core.storage.lane import DbLane

__all__ = ["CORE_SETS", "DbLane", "open_db", "schema_state"]
