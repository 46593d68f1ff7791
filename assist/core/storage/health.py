"""A broken database file is reported, never silently replaced (issue 14).

- :func:`check_file` looks at the file without opening it as a database: missing (when the
  settings remember that one was initialised), unreadable, empty (0 bytes: always reported,
  the app never leaves one), or not an SQLite file.
- :func:`open_checked` is ``open_db`` behind that check; any ``sqlite3.DatabaseError`` while
  opening becomes a :class:`DbProblem` (kind ``corrupt``) naming the file.
- :func:`integrity` runs ``PRAGMA quick_check`` (the panel does at start).
- :func:`move_aside` keeps the old file (and its -wal/-shm) under a new name.
- :func:`recover` copies what SQLite can still read into a new file, table by table and row by
  row, reading around damaged pages (the ``sqlite3`` command's ``.recover`` needs the
  sqlite_dbpage table, which the SQLite builds of Debian 12 and of Python lack: its output has
  no rows there). The damaged file is moved aside, never deleted.

Qt-free; used by the panel's dialog (``ui/db_problem.py``), ``assist db`` and every command.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
KINDS = ("missing", "unreadable", "empty", "corrupt")


@dataclass
class DbProblem(Exception):
    kind: str           # missing | unreadable | empty | corrupt
    path: Path
    detail: str = ""    # technical detail (SQLite's words), English

    def __post_init__(self) -> None:
        super().__init__(self.one_line())

    def what(self) -> str:
        return {
            "missing": "was set up on this PC before and is now missing",
            "unreadable": "cannot be read",
            "empty": "is empty (0 bytes): its data is gone",
            "corrupt": "is damaged",
        }[self.kind]

    def one_line(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        fix = {"missing": "`assist db fresh` starts a new one",
               "empty": "`assist db fresh` moves it aside and starts a new one"}.get(
            self.kind, "`assist db recover` copies what can be read into a new file; `assist db fresh` moves it aside "
                       "and starts a new one")
        return f"the database {self.path} {self.what()}{detail}; nothing was changed. {fix}"


@dataclass
class Recovery:
    ok: bool
    method: str                         # "row copy"
    moved_to: Path | None = None        # where the damaged file was kept
    tables: dict[str, int] = field(default_factory=dict)   # rows recovered per table
    lost_rows: int = 0                  # rows found without their table (lost_and_found)
    error: str = ""


def check_file(path: Path, *, initialised: bool) -> DbProblem | None:
    path = Path(path)
    if not path.exists():
        return DbProblem("missing", path) if initialised else None
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        return DbProblem("unreadable", path, exc.strerror or str(exc))
    if not head:
        return DbProblem("empty", path)
    if not head.startswith(SQLITE_MAGIC):
        return DbProblem("corrupt", path, "not an SQLite database file (wrong header)")
    return None


def open_checked(path: Path, sets: Sequence[Migrations], *, initialised: bool, migrate: bool = True) -> Database:
    """``open_db(path, sets)`` after :func:`check_file`; raises :class:`DbProblem`, never creates a
    file in place of one that was lost."""
    from assist.core.storage.db import open_db

    problem = check_file(path, initialised=initialised)
    if problem is not None:
        raise problem
    try:
        return open_db(path, sets, migrate=migrate)
    except PermissionError as exc:
        raise DbProblem("unreadable", Path(path), exc.strerror or str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise DbProblem("corrupt", Path(path), str(exc)) from None


def integrity(path: Path) -> DbProblem | None:
    """``PRAGMA quick_check`` on a read-only connection (nothing is written)."""
    try:
        con = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check(5)")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return DbProblem("corrupt", Path(path), str(exc))
    if rows != ["ok"]:
        return DbProblem("corrupt", Path(path), "; ".join(rows)[:300])
    return None


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def move_aside(path: Path) -> Path | None:
    """Rename the file (and its -wal/-shm) to ``<name>.broken-<time>``; None if there is none."""
    path = Path(path)
    if not path.exists():
        return None
    dest = path.with_name(f"{path.name}.broken-{_stamp()}")
    n = 1
    while dest.exists():
        n += 1
        dest = path.with_name(f"{path.name}.broken-{_stamp()}-{n}")
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, f"{dest}{suffix}")
    os.replace(path, dest)
    return dest


def _copy_table(src: sqlite3.Connection, new: sqlite3.Connection, name: str) -> None:
    """Every row of one table that can still be read. Rows are read in rowid order; at a damaged
    page the read restarts past it (skipping 1, 2, 4, … rowids), so one bad page loses only its
    own rows, not the rest of the table."""
    q = '"' + name.replace('"', '""') + '"'
    last, skip = -(2**63), 1
    while True:
        try:
            for row in src.execute(f"SELECT rowid, * FROM {q} WHERE rowid > ? ORDER BY rowid", [last]):
                last, skip = row[0], 1
                try:
                    new.execute(f"INSERT INTO {q} VALUES ({', '.join('?' * (len(row) - 1))})", row[1:])
                except sqlite3.DatabaseError:
                    continue
            return
        except sqlite3.OperationalError as exc:
            if "rowid" in str(exc):  # a WITHOUT ROWID table: read it in one go
                try:
                    for row in src.execute(f"SELECT * FROM {q}"):
                        new.execute(f"INSERT OR IGNORE INTO {q} VALUES ({', '.join('?' * len(row))})", row)
                except sqlite3.DatabaseError:
                    pass
                return
            raise
        except sqlite3.DatabaseError:
            if last >= 2**63 - 1 - skip or skip > 2**40:
                return
            last, skip = (last + skip if last > -(2**63) else 0), skip * 2


def _copy_rows(old: Path, new: sqlite3.Connection) -> None:
    """Every table the schema still lists, every row that can be read (SQLite's own
    ``.recover`` needs the sqlite_dbpage table, which Debian's and Python's builds lack)."""
    src = sqlite3.connect(f"file:{old.as_posix()}?mode=ro", uri=True)
    try:
        schema = src.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
        for typ, name, sql in schema:
            if typ != "table" or name.startswith("sqlite_"):
                continue
            try:
                new.execute(sql)
            except sqlite3.DatabaseError:
                continue
            _copy_table(src, new, name)
        for typ, _name, sql in schema:
            if typ in ("index", "trigger"):
                try:
                    new.execute(sql)
                except sqlite3.DatabaseError:
                    pass  # e.g. a unique index the surviving rows no longer satisfy
    finally:
        src.close()


def recover(path: Path, sets: Sequence[Migrations]) -> Recovery:
    """Copy what can be read into a new file, keep the damaged one beside it, and put the new
    one in its place. On failure nothing is moved and the reason is in ``error``."""
    path = Path(path)
    tmp = path.with_name(f"{path.name}.recovering-{_stamp()}")
    method = "row copy"
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("BEGIN")
            _copy_rows(path, con)
            con.execute("COMMIT")
            names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            counts = {n: con.execute('SELECT COUNT(*) FROM "' + n.replace('"', '""') + '"').fetchone()[0] for n in names}
            if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise RuntimeError("the recovered copy does not pass SQLite's integrity check")
        finally:
            con.close()
        lost = counts.pop("lost_and_found", 0)
        if not any(counts.values()) and not lost:
            raise RuntimeError("nothing could be read from the file")
        from assist.core.storage.db import open_db

        open_db(tmp, sets).conn.close()  # the schema the app needs (missing migrations are applied)
    except (OSError, RuntimeError, sqlite3.DatabaseError) as exc:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        return Recovery(False, method, error=str(exc)[:300])
    moved = move_aside(path)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)
    if sys.platform != "win32":
        os.chmod(path, 0o600)
    return Recovery(True, method, moved, counts, lost)
