"""Sync fixtures: real receiver processes (uvicorn) on 127.0.0.1 random ports, a real
PostgreSQL started in a temporary folder, and client databases full of complaints.

The PostgreSQL variant skips when the server binaries are missing, and FAILS in strict
mode (ASSIST_STRICT=1 / CI=true): `.ci/run` installs Debian's `postgresql`.
"""

from __future__ import annotations

import glob
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from assist.core.sync.backoff import Backoff
from assist.core.sync.client import SyncClient
from assist.core.sync.transport import HttpTransport, Timeouts
from assist.hq.store import Store
from assist.schema import open_app_db as open_db
from tests.conftest import REPO, STRICT, kb_rules

FORM = dict(agent_id="A001", org_unit="北京分行", source="客服热线", received_at="2026-03-02T09:30",
            complainant_type="本人", complainant_name="张三丰", contact_phone="13812345678",
            id_doc_type="居民身份证", id_doc_no="11010519491231002X",
            respondent_org="北京分行朝阳支行", channel_A="A0302", business_B="B03", reason_C="C07",
            request="退还年费", facts="未告知即扣年费。", demand_D=["D02"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    """A receiver process: ``uvicorn --factory APP`` with the database in ASSIST_HQ_DB."""

    def __init__(self, db_url: str, *, app: str = "assist.hq.app:create_app", faults: str = "", tls: tuple[str, str] | None = None,
                 log: Path | None = None, env: dict[str, str] | None = None):
        self.db_url, self.app, self.faults, self.tls, self.env = db_url, app, faults, tls, env or {}
        self.port = free_port()
        if log is None:
            fd, name = tempfile.mkstemp(prefix="assist-hq-", suffix=".log")
            os.close(fd)
            log = Path(name)
        self.log = log
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self, faults: str | None = None) -> Receiver:
        if faults is not None:
            self.faults = faults
        cmd = [sys.executable, "-m", "uvicorn", "--factory", self.app, "--host", "127.0.0.1", "--port", str(self.port),
               "--log-level", "warning", "--no-access-log"]
        if self.tls:
            cmd += ["--ssl-certfile", self.tls[0], "--ssl-keyfile", self.tls[1]]
        env = {**os.environ, "ASSIST_HQ_DB": self.db_url, "ASSIST_HQ_FAULTS": self.faults, **self.env}
        with open(self.log, "ab") as err:
            self.proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + 20
        verify: object = False
        if self.tls and len(self.tls) > 2:
            import ssl

            verify = ssl.create_default_context(cafile=self.tls[2])  # type: ignore[misc]
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"receiver exited {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/v1/health", timeout=1, verify=verify).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"receiver did not become healthy: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


# ---- PostgreSQL in a temporary folder ----------------------------------------------------------

def _pg_bin() -> Path | None:
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(d, "initdb").exists():
            return Path(d)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class Postgres:
    def __init__(self) -> None:
        bindir = _pg_bin()
        if bindir is None:
            msg = "PostgreSQL server binaries (initdb, pg_ctl) are not installed (.ci/run installs Debian's postgresql)"
            if STRICT:
                pytest.fail("strict mode: " + msg, pytrace=False)
            pytest.skip(msg)
        self.bin = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="assist-pg-"))
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # postgres refuses to run as root
            import pwd

            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                pytest.fail("running as root and there is no 'postgres' user to run PostgreSQL as", pytrace=False)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        data = self.dir / "data"
        self._run([str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run([str(self.bin / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(self.dir / "pg.log"), "-w", "-t", "30", "start"])

    def _run(self, cmd: list[str]) -> None:
        r = subprocess.run(self.as_user + cmd, capture_output=True, text=True, cwd=self.dir)
        if r.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {r.stdout[-1000:]} {r.stderr[-1000:]}")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        import psycopg

        name = f"hq_{random.getrandbits(40):x}"
        with psycopg.connect(self.url(), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(self.as_user + [str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    pg = Postgres()
    yield pg
    pg.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_db(request, tmp_path) -> str:
    """A fresh receiver database URL (both backends; PostgreSQL may skip, see the module doc)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture
def hq_store(hq_db):
    s = Store(hq_db)
    s.migrate()
    yield s
    s.close()


@pytest.fixture
def receivers(tmp_path):
    """Start receivers with ``receivers(db_url, **kw)``; all are stopped at the end."""
    started: list[Receiver] = []

    def start(db_url: str, **kw) -> Receiver:
        faults = kw.pop("start_faults", None)
        kw.setdefault("log", tmp_path / f"receiver-{len(started)}.log")
        r = Receiver(db_url, **kw)
        started.append(r)
        return r.start(faults)

    yield start
    for r in started:
        r.stop()


# ---- clients -------------------------------------------------------------------------------------

def fast_backoff(seed: int = 1, attempts: int = 8) -> Backoff:
    return Backoff(base=0.02, cap=0.2, max_attempts=attempts, rng=random.Random(seed))


def make_client(db, url: str, token: str, *, branch: str = "0101", batch: int = 25, read_timeout: float = 5.0,
                ca_bundle: str = "", backoff: Backoff | None = None, **kw) -> SyncClient:
    def transport():
        return HttpTransport(url, token, ca_bundle=ca_bundle, timeouts=Timeouts(connect=2, read=read_timeout, write=5, pool=2))

    return SyncClient(transport, lambda fn, *a, **k: fn(db, *a, **k), branch, batch_size=batch,
                      backoff=backoff or fast_backoff(), **kw)


def fill(db, n: int = 10, edits: int = 1) -> dict[str, int]:
    """Save ``n`` complaints (each edited ``edits`` more times); return {id: latest revision}."""
    from assist.core.complaints import repo

    out = {}
    for i in range(n):
        s = repo.save_complaint(db, {**FORM, "request": f"退还年费{i}"}, **kb_rules(), actor="A001", branch="0101", device="PC7",
                                now="2026-03-02T10:00:00")
        for k in range(edits):
            data = repo.get_complaint(db, s.id)
            s = repo._write(db, {**data, "facts": f"补充说明{k}"}, actor="A001", now="2026-03-02T11:00:00")
        out[s.id] = s.revision
    return out


def expected_keys(db) -> dict[tuple[str, str], int]:
    """What head office must hold for this client DB: {(kind, wire id): latest revision}."""
    from assist.core.sync.local import install_id

    inst = install_id(db)
    keys = {("complaint", cid): rev for cid, rev in db.execute("SELECT id, revision FROM complaints")}
    keys.update({("audit", f"{inst}:{aid}"): 1 for (aid,) in db.execute("SELECT id FROM audit_log")})
    return keys


def assert_exactly_once(store: Store, db) -> None:
    held = store.records()
    keys = [(k, i) for k, i, _, _ in held]
    assert len(keys) == len(set(keys))
    assert {(k, i): rev for k, i, rev, _ in held} == expected_keys(db)
    assert db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0


@pytest.fixture
def client_db(tmp_path):
    db = open_db(tmp_path / "client.sqlite3")
    yield db
    db.conn.close()
