"""A write transaction that takes the write lock up front (BEGIN IMMEDIATE).

A deferred BEGIN that reads and then writes can fail with SQLITE_BUSY without waiting
when another panel wrote in between; IMMEDIATE waits (busy_timeout) instead. Nested
use becomes a savepoint.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlite_utils import Database


@contextlib.contextmanager
def immediate(db: Database) -> Iterator[Database]:
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:  # a failed COMMIT must not leave later writes in a savepoint forever
                db.conn.execute("ROLLBACK")
            raise
