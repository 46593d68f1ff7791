"""A broken database never stops a command with a traceback and is never silently replaced
(issue 14): exit 2 with one line naming the file; `assist db` checks, recovers, starts fresh."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assist.app import main
from assist.core.storage import health
from assist.paths import Paths
from assist.schema import SCHEMA_SETS
from assist.schema import open_app_db as open_db
from assist.settings import Settings
from tests.conftest import REPO


def _setup(basedir: Path) -> Path:
    """A database that was set up on this PC (the settings remember it)."""
    assert main(["--basedir", str(basedir), "complaints", "list"]) == 0
    import gc

    gc.collect()  # a connection left open in this process would checkpoint over the broken file later
    paths = Paths.from_basedir(basedir)
    assert Settings.load(paths.settings_file).get("storage.db_initialised_at")
    return paths.db_file


def _corrupt_page(path: Path, table: str | None = None) -> None:
    """Fill the database, then overwrite one page: ``table``'s root page, or one in the middle."""
    db = open_db(path)
    from tests.sync.conftest import fill

    fill(db, 20)
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0] if table else None
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    data = bytearray(path.read_bytes())
    at = 4096 * (root - 1) if root else 4096 * (len(data) // 4096 // 2)
    data[at:at + 4096] = bytes(range(256)) * 16
    path.write_bytes(bytes(data))


BREAKS = {
    "zero bytes": lambda p: p.write_bytes(b""),
    "not a database": lambda p: p.write_bytes(b"this is not SQLite at all\n" * 100),
    "damaged complaints table": lambda p: _corrupt_page(p, "complaints"),
    "missing": lambda p: p.unlink(),
}
COMMANDS = [["complaints", "list"], ["audit", "verify"], ["sync", "--status"], ["calls", "list"], ["kb", "misses"],
            ["privacy", "purge", "--older-than", "30", "--dry-run"]]


@pytest.mark.parametrize("how", sorted(BREAKS))
def test_cli_commands_exit_2_with_one_line(basedir, how, capsys):
    path = _setup(basedir)
    capsys.readouterr()
    BREAKS[how](path)
    before = path.read_bytes() if path.exists() else None
    for cmd in COMMANDS:
        if how == "damaged complaints table" and cmd[0] != "complaints":
            continue  # the other commands read pages that are intact: they still work
        rc = main(["--basedir", str(basedir), *cmd])
        out, err = capsys.readouterr()
        assert rc == 2, (cmd, out, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert str(path) in err and "nothing was changed" in err
        assert (path.read_bytes() if path.exists() else None) == before   # the file is untouched
        assert not path.exists() if how == "missing" else True


def test_a_real_process_prints_no_traceback(basedir):
    path = _setup(basedir)
    path.write_bytes(b"")
    r = subprocess.run([sys.executable, "-m", "assist", "--basedir", str(basedir), "complaints", "list"], cwd=REPO,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "is empty (0 bytes)" in r.stderr
    assert path.stat().st_size == 0


def test_doctor_reports_an_empty_database(basedir, capsys):
    path = _setup(basedir)
    path.write_bytes(b"")
    assert main(["--basedir", str(basedir), "doctor"]) == 1
    assert "is empty (0 bytes)" in capsys.readouterr().err
    assert path.stat().st_size == 0


def test_db_check_recover_and_fresh(basedir, capsys):
    path = _setup(basedir)
    _corrupt_page(path)
    damaged = path.read_bytes()
    assert main(["--basedir", str(basedir), "db", "check"]) == 2
    assert "is damaged" in capsys.readouterr().err
    assert main(["--basedir", str(basedir), "db", "recover"]) == 0
    out = capsys.readouterr().out
    assert "recovered" in out and "kept as" in out
    kept = [p for p in path.parent.iterdir() if ".broken-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged        # nothing deleted
    assert main(["--basedir", str(basedir), "db", "check"]) == 0
    db = open_db(path)
    assert db.execute("SELECT COUNT(*) FROM complaints").fetchone()[0] <= 20
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] > 0
    db.conn.close()
    assert main(["--basedir", str(basedir), "complaints", "list"]) == 0
    capsys.readouterr()

    path.write_bytes(b"")
    assert main(["--basedir", str(basedir), "db", "recover"]) == 2
    assert main(["--basedir", str(basedir), "db", "fresh"]) == 0
    assert "the old file is kept as" in capsys.readouterr().out
    assert path.stat().st_size > 0 and main(["--basedir", str(basedir), "db", "check"]) == 0


def test_missing_database_is_reported_only_once_it_was_set_up(basedir, capsys):
    assert main(["--basedir", str(basedir), "db", "check"]) == 0          # a new PC: nothing to report
    path = _setup(basedir)
    path.unlink()
    assert main(["--basedir", str(basedir), "complaints", "list"]) == 2
    assert "set up on this PC before and is now missing" in capsys.readouterr().err
    assert not path.exists()
    assert main(["--basedir", str(basedir), "db", "fresh"]) == 0 and path.exists()


def test_recovery_without_readable_schema_changes_nothing(tmp_path):
    p = tmp_path / "x.sqlite3"
    p.write_bytes(health.SQLITE_MAGIC + os.urandom(8192))
    rep = health.recover(p, SCHEMA_SETS)
    assert not rep.ok and rep.error
    assert sorted(x.name for x in tmp_path.iterdir()) == ["x.sqlite3"]
