"""One worker lane for all database work (Anki's single-worker executor).

sqlite3 connections are thread-bound in spirit; every DB call goes through
``lane.submit(fn, *args)`` which runs on one background thread and returns a
``concurrent.futures.Future``. The UI turns futures into Qt signals
(assist.ui.tasks); CLI code may call ``lane.call(...)`` to wait.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable
from typing import Any, TypeVar

from sqlite_utils import Database

T = TypeVar("T")


class DbLane:
    def __init__(self, opener: Callable[[], Database]):
        self._pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="assist-db")
        self._db: Database | None = None
        self._opener = opener
        self.closed = False

    def _get(self) -> Database:
        if self._db is None:
            self._db = self._opener()
        return self._db

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> cf.Future[T]:
        return self._pool.submit(lambda: fn(self._get(), *args, **kwargs))

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self.submit(fn, *args, **kwargs).result()

    def close(self) -> None:
        self.closed = True

        def _close(db: Database) -> None:
            db.conn.close()

        if self._db is not None:
            self._pool.submit(lambda: _close(self._db)).result()  # type: ignore[arg-type]
            self._db = None
        self._pool.shutdown(wait=True)
