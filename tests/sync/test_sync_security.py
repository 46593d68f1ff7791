"""Receiver security and robustness: 401/403/400/413 with a message in the error body,
and the server keeps serving; a device reads only what is addressed to it; TLS with a
CA made by the test and verified by the client through the CA-bundle setting."""

from __future__ import annotations

import httpx
import pytest

from assist.core.sync.transport import SyncError
from tests.sync.conftest import fill, make_client

REC = {"kind": "complaint", "id": "c-1", "revision": 1, "payload": {"status": "受理"}}


def _err(r: httpx.Response, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()["error"]
    assert body["code"] and body["message"]
    return body["message"]


def test_tokens_branches_and_bodies(hq_db, hq_store, receivers):
    rx = receivers(hq_db)
    dev, token = hq_store.device_add("0101")
    _, other_token = hq_store.device_add("0202")
    url = rx.url + "/v1/records"
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(timeout=10) as c:
        assert "missing device token" in _err(c.post(url, json={"branch": "0101", "records": [REC]}), 401)
        assert "unknown" in _err(c.post(url, json={"branch": "0101", "records": [REC]}, headers={"Authorization": "Bearer nope"}), 401)
        assert "branch 0101" in _err(c.post(url, json={"branch": "0202", "records": [REC]}, headers=auth), 403)
        assert c.post(url, json={"branch": "0101", "records": [REC]}, headers=auth).status_code == 200
        # another branch's device may not overwrite a 0101 record, even with a newer revision
        theirs = {"Authorization": f"Bearer {other_token}"}
        msg = _err(c.post(url, json={"branch": "0202", "records": [{**REC, "revision": 9}]}, headers=theirs), 403)
        assert "another branch" in msg
        assert hq_store.records() == [("complaint", "c-1", 1, "0101")]

        assert "not valid JSON" in _err(c.post(url, content=b"{nope", headers={**auth, "Content-Type": "application/json"}), 400)
        assert "'records' is missing" in _err(c.post(url, json={"branch": "0101"}, headers=auth), 400)
        assert "records[0]: field 'revision' must be int" in _err(
            c.post(url, json={"branch": "0101", "records": [{**REC, "revision": "1"}]}, headers=auth), 400)
        assert "unknown kind" in _err(c.post(url, json={"branch": "0101", "records": [{**REC, "kind": "x"}]}, headers=auth), 400)
        big = {"branch": "0101", "records": [{**REC, "payload": {"facts": "字" * 600_000}}]}
        assert "limit" in _err(c.post(url, json=big, headers=auth), 413)
        assert "no such endpoint" in _err(c.get(rx.url + "/v2/records"), 404)
        assert "after" in _err(c.get(rx.url + "/v1/updates?after=-1", headers=auth), 400)

        assert hq_store.device_revoke(dev.id)
        assert "revoked" in _err(c.post(url, json={"branch": "0101", "records": [REC]}, headers=auth), 401)
        assert c.get(rx.url + "/v1/health").json()["status"] == "ok"   # still serving
    log = rx.log.read_text(encoding="utf-8")
    assert '"msg": "request"' in log and token not in log and "受理" not in log and "字字" not in log


def test_updates_reach_only_the_device_that_sent_the_complaint(hq_db, hq_store, receivers, client_db):
    rx = receivers(hq_db)
    _, mine = hq_store.device_add("0101")
    _, neighbour = hq_store.device_add("0101")
    (cid, _), = fill(client_db, 1, edits=0).items()
    assert make_client(client_db, rx.url, mine).run_round().ok
    hq_store.add_update(cid, "处理中")
    with httpx.Client(timeout=10) as c:
        theirs = c.get(rx.url + "/v1/updates", headers={"Authorization": f"Bearer {neighbour}"}).json()
        own = c.get(rx.url + "/v1/updates", headers={"Authorization": f"Bearer {mine}"}).json()
    assert theirs["updates"] == [] and [u["complaint_id"] for u in own["updates"]] == [cid]


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    import trustme
    d = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert.private_key_pem.write_to_path(str(d / "key.pem"))
    cert.cert_chain_pems[0].write_to_path(str(d / "cert.pem"))
    ca.cert_pem.write_to_path(str(d / "ca.pem"))
    return d


def test_tls_verified_with_the_configured_ca_bundle(tmp_path, receivers, client_db, tls_files):
    from assist.hq.store import Store

    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    store = Store(url)
    store.migrate()
    _, token = store.device_add("0101")
    ca = str(tls_files / "ca.pem")
    rx = receivers(url, tls=(str(tls_files / "cert.pem"), str(tls_files / "key.pem"), ca))
    assert rx.url.startswith("https://")
    fill(client_db, 1, edits=0)

    untrusted = make_client(client_db, rx.url, token).run_round()           # system CAs do not know the test CA
    assert not untrusted.ok and untrusted.error.code == "tls"
    assert client_db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] > 0

    ok = make_client(client_db, rx.url, token, ca_bundle=ca).run_round()
    assert ok.ok and client_db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0
    with pytest.raises(SyncError, match="does not exist"):
        make_client(client_db, rx.url, token, ca_bundle=str(tmp_path / "missing.pem")).transport_factory()
    store.close()
