"""Pieces without a server: backoff, Retry-After, protocol validation, the retry loop
(fake transport, injected sleep), the OpenAPI file matching the receiver's routes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from assist.core.storage import outbox
from assist.core.sync import protocol
from assist.core.sync.backoff import Backoff, parse_retry_after
from assist.core.sync.client import SyncClient
from assist.core.sync.status import read_status
from assist.core.sync.transport import SyncError

REPO = Path(__file__).resolve().parents[2]


def test_backoff_grows_with_full_jitter_caps_and_honours_retry_after():
    b = Backoff(base=1, factor=2, cap=10, rng=random.Random(3))
    for attempt in range(1, 8):
        for _ in range(50):
            assert 0 <= b.delay(attempt) <= min(10, 2 ** (attempt - 1))
    assert b.delay(1, retry_after=7) >= 7 and b.delay(1, retry_after=500) == 10
    assert parse_retry_after("3") == 3 and parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert 9 <= parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=lambda: 1445412480.0) <= 11


def test_protocol_validation_messages():
    with pytest.raises(protocol.ProtocolError, match="records\\[0\\]: field 'id' is missing"):
        protocol.parse_push({"branch": "1", "records": [{"kind": "audit", "revision": 1, "payload": {}}]})
    with pytest.raises(protocol.ProtocolError, match="at most 500"):
        protocol.parse_push({"branch": "1", "records": [{}] * 501})
    rec = {"kind": "audit", "id": "x", "revision": 1, "payload": {}}
    assert len(protocol.parse_push({"branch": "1", "records": [rec, rec]})[1]) == 1


class FlakyTransport:
    def __init__(self, failures: list[SyncError]):
        self.failures, self.calls = failures, 0

    def push(self, branch, records):
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return [protocol.Result(r.kind, r.id, r.revision, protocol.STORED, r.revision) for r in records]

    def updates(self, after, limit=200):
        return [], after

    def close(self):
        pass


def test_retry_loop_waits_at_least_retry_after_and_gives_up_on_auth():
    from assist.schema import open_app_db as open_db

    db = open_db(None)
    outbox.enqueue(db, "audit", "1", 1, {"a": 1})
    slept: list[float] = []
    t = FlakyTransport([SyncError("busy", "503", retryable=True, retry_after=4), SyncError("timeout", "t", retryable=True)])
    c = SyncClient(lambda: t, lambda fn, *a, **k: fn(db, *a, **k), "0101",
                   backoff=Backoff(base=0.1, rng=random.Random(1), sleep=slept.append))
    r = c.run_round()
    assert r.ok and r.pushed == 1 and r.retries == 2 and slept[0] >= 4 and slept[1] <= 0.2
    assert read_status(db).state == "synced"

    outbox.enqueue(db, "audit", "2", 1, {"a": 2})
    t2 = FlakyTransport([SyncError("auth", "HTTP 401: unknown device token")])
    r2 = SyncClient(lambda: t2, lambda fn, *a, **k: fn(db, *a, **k), "0101", backoff=Backoff(sleep=slept.append)).run_round()
    st = read_status(db)
    assert not r2.ok and t2.calls == 1 and st.state == "error" and st.waiting == 1
    assert "令牌" in st.error_zh and "token" in st.error_en
    assert db.execute("SELECT attempts FROM outbox").fetchone()[0] == 1


def test_openapi_documents_every_route_and_error_shape():
    spec = yaml.safe_load((REPO / "docs" / "protocol" / "openapi.yaml").read_text(encoding="utf-8"))
    from assist.hq.app import create_app

    app = create_app("sqlite:///:memory:", migrate=False).app
    routes = {r.path for r in app.routes if not r.path.startswith("/hq")}   # /hq: the staff web view (HTML)
    assert routes == set(spec["paths"])
    assert set(spec["components"]["schemas"]["Record"]["properties"]["kind"]["enum"]) == set(protocol.KINDS)
    assert spec["components"]["schemas"]["Error"]["required"] == ["error"]
    assert set(spec["components"]["schemas"]["Result"]["properties"]["status"]["enum"]) == set(protocol.RESULTS)


def test_sync_token_is_refused_by_a_plaintext_keyring(basedir, capsys, monkeypatch):
    """As for the data key: a keyring backend that stores plaintext never gets the token."""
    import io

    import keyring

    from assist.app import main
    from assist.core.sync import service
    from tests.conftest import MemoryKeyring

    plaintext = type("PlaintextKeyring", (MemoryKeyring,), {})()
    keyring.set_keyring(plaintext)
    monkeypatch.setattr("sys.stdin", io.StringIO("ahq_secret_token\n"))
    assert main(["--basedir", str(basedir), "sync", "--set-token"]) == 1
    err = capsys.readouterr().err
    assert "plaintext" in err and "nothing was written" in err
    assert plaintext.store == {}
    plaintext.store[(service.KEYRING_SERVICE, service.KEYRING_USER)] = "ahq_put_there_by_someone_else"
    with pytest.raises(SyncError) as e:
        service.get_token()
    assert e.value.code == "no_token" and "plaintext" in str(e.value)
