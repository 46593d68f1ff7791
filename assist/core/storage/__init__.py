"""SQLite storage through sqlite-utils: one file, WAL, synchronous=FULL, owner-only."""

from assist.core.storage.db import open_db, schema_state, SCHEMA_SETS
from assist.core.storage.lane import DbLane

__all__ = ["open_db", "schema_state", "SCHEMA_SETS", "DbLane"]
