"""Connections for the receiver: SQLite (embedded default) or PostgreSQL (psycopg 3).

SQL is written once with ``?`` placeholders; for PostgreSQL they become ``%s``.
Only connections are pooled — no application state is kept in memory, so several
receiver processes can share one PostgreSQL database.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class Database:
    dialect: str

    def tx(self) -> contextlib.AbstractContextManager[Any]:
        raise NotImplementedError

    def close(self) -> None:
        pass


class Cursor:
    """A thin cursor adapter: ``execute(sql_with_?, params)`` for either dialect."""

    def __init__(self, cur: Any, pg: bool):
        self._cur, self._pg = cur, pg

    def execute(self, sql: str, params: Any = ()) -> Cursor:
        self._cur.execute(sql.replace("?", "%s") if self._pg else sql, list(params))
        return self

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall()

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, path: str):
        self.path = path
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if path != ":memory:":  # owner-only, like the panel's database (SQLite gives -wal/-shm the same mode)
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            if sys.platform != "win32":
                os.chmod(path, 0o600)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()

    @contextlib.contextmanager
    def tx(self) -> Iterator[Cursor]:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield Cursor(conn.cursor(), False)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()


class PostgresDatabase(Database):
    dialect = "postgresql"

    def __init__(self, conninfo: str, pool_size: int = 8):
        import psycopg

        self._psycopg = psycopg
        self.conninfo = conninfo
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(pool_size)

    def _connect(self) -> Any:
        return self._psycopg.connect(self.conninfo, connect_timeout=10, autocommit=True)

    @contextlib.contextmanager
    def tx(self) -> Iterator[Cursor]:
        with self._slots:
            try:
                conn = self._pool.get_nowait()
            except queue.Empty:
                conn = self._connect()
            ok = False
            try:
                with conn.transaction():
                    with conn.cursor() as cur:
                        yield Cursor(cur, True)
                ok = True
            finally:
                if ok and not conn.closed:
                    self._pool.put(conn)
                else:
                    with contextlib.suppress(Exception):
                        conn.close()

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return


def connect(url: str) -> Database:
    """``sqlite:///path/to/file.sqlite3`` or a file path; ``postgresql://…`` for PostgreSQL."""
    if url.startswith(("postgresql://", "postgres://")) or url.startswith("host="):
        return PostgresDatabase(url)
    if url.startswith("sqlite:///"):
        return SqliteDatabase(url[len("sqlite:///"):])  # sqlite:////abs/path, sqlite:///rel/path
    if "://" in url:
        raise ValueError(f"unsupported database URL {url.split('://')[0]}://…; use sqlite:///FILE or postgresql://…")
    return SqliteDatabase(url)
