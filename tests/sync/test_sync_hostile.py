"""Hostile input stops nothing (issue 14), against real receiver processes on SQLite and
PostgreSQL: a NUL in a complaint, out-of-range values, another device's write. Each record
is judged on its own; a refused one is parked on the branch PC with the reason and never
blocks the records behind it; nothing is deleted and it can be fixed and resent."""

from __future__ import annotations

import json

import httpx
import pytest

from assist.core.complaints import repo
from assist.core.storage import outbox
from assist.core.sync import local, protocol
from assist.core.sync.status import read_status
from assist.schema import open_app_db as open_db
from tests.conftest import kb_rules
from tests.sync.conftest import FORM, fill, make_client


def _legacy_nul_row(db, cid: str = "c-legacy") -> None:
    """An outbox row as 0.1.0 queued it: a NUL pasted into a complaint field (no cleaning then)."""
    payload = json.dumps({"id": cid, "facts": "未告知\u0000即扣年费", "revision": 1}, ensure_ascii=False)
    db.execute("INSERT INTO outbox (kind, record_id, revision, payload, created_at) VALUES ('complaint', ?, 1, ?, "
               "'2026-03-02T09:00:00+00:00')", [cid, payload])


def test_nul_in_a_complaint_does_not_block_sync(hq_db, hq_store, receivers, client_db):
    rx = receivers(hq_db)
    _, token = hq_store.device_add("0101")
    _legacy_nul_row(client_db)                       # first in the queue
    ids = fill(client_db, 4, edits=0)                # records queued behind it
    s = repo.save_complaint(client_db, {**FORM, "facts": "粘贴\x00的文字\ud800"}, **kb_rules(), actor="A001", branch="0101", device="PC7")

    report = make_client(client_db, rx.url, token, batch=3).run_round()

    assert report.ok and report.rejected == 1
    held = {i: rev for k, i, rev, _ in hq_store.records("complaint")}
    assert held == {**ids, s.id: s.revision}         # every other record arrived
    assert repo.get_complaint(client_db, s.id)["facts"] == "粘贴的文字\ufffd"   # cleaned where it entered
    parked = local.open_rejected(client_db)
    assert [(r["record_id"], r["code"]) for r in parked] == [("c-legacy", "bad_record")]
    assert "U+0000" in parked[0]["message"] and "facts" in parked[0]["message"]
    st = read_status(client_db)
    assert st.rejected == 1 and st.waiting == 0 and st.state == "synced"
    assert any("assist sync --rejected" in line for line in st.lines("zh_CN"))

    # fix and resend: the same boundary cleaning, then it arrives; the parked row is kept
    assert local.resend_rejected(client_db, parked[0]["id"])["cleaned"] is True
    assert make_client(client_db, rx.url, token).run_round().ok
    assert ("complaint", "c-legacy", 1, "0101") in hq_store.records("complaint")
    assert local.open_rejected(client_db) == [] and read_status(client_db).rejected == 0
    assert client_db.execute("SELECT COUNT(*) FROM sync_rejected").fetchone()[0] == 1


OUT_OF_RANGE = {
    "revision 2^63": b'{"kind": "audit", "id": "r1", "revision": 9223372036854775808, "payload": {}}',
    "revision 2^53 + 1": b'{"kind": "audit", "id": "r2", "revision": 9007199254740993, "payload": {}}',
    "revision 0": b'{"kind": "audit", "id": "r3", "revision": 0, "payload": {}}',
    "revision of 40 digits": b'{"kind": "audit", "id": "r4", "revision": 1234567890123456789012345678901234567890, "payload": {}}',
    "lone surrogate in the id": b'{"kind": "audit", "id": "x\\ud800", "revision": 1, "payload": {}}',
    "lone surrogate in the payload": b'{"kind": "audit", "id": "r5", "revision": 1, "payload": {"facts": "\\udfff"}}',
    "lone surrogate in a key": b'{"kind": "audit", "id": "r6", "revision": 1, "payload": {"\\ud83d": 1}}',
    "NUL in the payload": b'{"kind": "audit", "id": "r7", "revision": 1, "payload": {"facts": "a\\u0000b"}}',
    "NaN": b'{"kind": "audit", "id": "r8", "revision": 1, "payload": {"amount": NaN}}',
    "Infinity": b'{"kind": "audit", "id": "r9", "revision": 1, "payload": {"amount": -Infinity}}',
    "float overflow": b'{"kind": "audit", "id": "r10", "revision": 1, "payload": {"amount": 1e400}}',
    "integer over 2^53": b'{"kind": "audit", "id": "r11", "revision": 1, "payload": {"n": 18446744073709551616}}',
    "payload 40 deep": b'{"kind": "audit", "id": "r12", "revision": 1, "payload": {"a": ' + b"[" * 40 + b"]" * 40 + b"}}",
    "string too long": b'{"kind": "audit", "id": "r13", "revision": 1, "payload": {"facts": "' + b"x" * 20_001 + b'"}}',
    "id too long": b'{"kind": "audit", "id": "' + b"i" * 201 + b'", "revision": 1, "payload": {}}',
}


@pytest.mark.parametrize("case", sorted(OUT_OF_RANGE))
def test_out_of_range_values_are_400_never_500(hq_db, hq_store, receivers, case):
    rx = receivers(hq_db)
    _, token = hq_store.device_add("0101")
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    good = b'{"kind": "audit", "id": "fine", "revision": 1, "payload": {"x": "ok"}}'
    bad = OUT_OF_RANGE[case]
    with httpx.Client(base_url=rx.url, timeout=10) as c:
        # a 0.1.0 client (all or nothing): 400 naming the record, nothing written
        r = c.post("/v1/records", content=b'{"branch": "0101", "records": [' + good + b", " + bad + b"]}", headers=auth)
        assert r.status_code == 400, r.text
        assert r.json()["error"]["code"] == "bad_request" and "records[1]" in r.json()["error"]["message"]
        assert hq_store.records() == []
        # per record: the good one is stored, the bad one rejected with status 400's reason
        r = c.post("/v1/records", content=b'{"branch": "0101", "per_record": true, "records": [' + good + b", " + bad + b"]}",
                   headers=auth)
        assert r.status_code == 200, r.text
        results = protocol.parse_results(r.json())
        assert [x.status for x in results] == ["stored", "rejected"]
        assert results[1].code == "bad_record" and results[1].index == 1 and results[1].message.startswith("records[1]")
        assert protocol.REJECT_STATUS[results[1].code] == 400
        assert [i for _, i, _, _ in hq_store.records()] == ["fine"]
        assert c.get("/v1/health").status_code == 200


def test_whole_body_limits_are_400(hq_db, hq_store, receivers):
    rx = receivers(hq_db)
    _, token = hq_store.device_add("0101")
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    deep = b'{"branch": "0101", "records": [{"kind": "audit", "id": "d", "revision": 1, "payload": {"a": ' \
        + b"[" * 2000 + b"]" * 2000 + b"}}]}"
    with httpx.Client(base_url=rx.url, timeout=10) as c:
        r = c.post("/v1/records", content=deep, headers=auth)
        assert r.status_code == 400 and "nested too deeply" in r.json()["error"]["message"]
        assert c.post("/v1/records", content=b'{"branch": "\\ud800", "records": []}', headers=auth).status_code == 400
        assert c.get("/v1/updates?after=9007199254740993", headers=auth).status_code == 400
        assert c.get("/v1/updates?after=\u00b2", headers=auth).status_code == 400
        r = c.delete("/v1/records", headers=auth)
        assert r.status_code == 405 and r.headers["Allow"] == "POST"
    if hq_db.startswith("postgresql"):   # revision is BIGINT: 2^53 itself is stored
        _, tok = hq_store.device_add("0101")
        with httpx.Client(base_url=rx.url, timeout=10) as c:
            r = c.post("/v1/records", json={"branch": "0101", "records": [
                {"kind": "audit", "id": "big", "revision": 2**53, "payload": {}}]}, headers={"Authorization": f"Bearer {tok}"})
            assert r.status_code == 200 and r.json()["results"][0]["status"] == "stored"


def test_another_devices_record_is_never_overwritten(hq_db, hq_store, receivers, client_db, tmp_path):
    rx = receivers(hq_db)
    dev_a, tok_a = hq_store.device_add("0101", "A")
    dev_b, tok_b = hq_store.device_add("0101", "B")
    (cid, rev), = fill(client_db, 1, edits=0).items()             # B's complaint
    assert make_client(client_db, rx.url, tok_b).run_round().ok
    fill(client_db, 2, edits=0)                                    # B has more to send

    # device A pushes B's record id at a higher revision
    a_db = open_db(tmp_path / "a.sqlite3")
    outbox.enqueue(a_db, "complaint", cid, rev + 5, {"id": cid, "status": "已办结", "facts": "篡改"})
    report_a = make_client(a_db, rx.url, tok_a).run_round()
    assert report_a.ok and report_a.rejected == 1
    parked = local.open_rejected(a_db)
    assert parked[0]["code"] == "not_owner" and dev_b.id in parked[0]["message"] and "device replace" in parked[0]["message"]
    with hq_store.db.tx() as cur:
        owner, held_rev = cur.execute("SELECT device_id, revision FROM records WHERE record_id = ?", [cid]).fetchone()
    assert (owner, held_rev) == (dev_b.id, rev)                    # nothing changed

    # B's own next revision is stored (not answered `duplicate`), and status updates go to B
    data = repo.get_complaint(client_db, cid)
    s = repo._write(client_db, {**data, "facts": "补充"}, actor="A001", now="2026-03-02T12:00:00")
    report_b = make_client(client_db, rx.url, tok_b).run_round()
    assert report_b.ok and report_b.rejected == 0 and report_b.pushed >= 3
    assert ("complaint", cid, s.revision, "0101") in hq_store.records("complaint")
    hq_store.add_update(cid, "处理中", actor="总部")
    with hq_store.db.tx() as cur:
        assert cur.execute("SELECT device_id FROM updates").fetchall() == [(dev_b.id,)]

    # the legacy all-or-nothing answer for the same write is 409 with the reason
    with httpx.Client(base_url=rx.url, timeout=10) as c:
        r = c.post("/v1/records", json={"branch": "0101", "records": [{"kind": "complaint", "id": cid, "revision": 99,
                                                                          "payload": {}}]},
                   headers={"Authorization": f"Bearer {tok_a}"})
        assert r.status_code == 409 and r.json()["error"]["code"] == "not_owner"

    # head office replaces B by A explicitly (audited): A may now write, and gets the updates
    assert client_db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0   # B has sent everything
    with hq_store.db.tx() as cur:
        n_b = cur.execute("SELECT COUNT(*) FROM records WHERE device_id = ?", [dev_b.id]).fetchone()[0]
    assert n_b >= 3
    assert hq_store.device_replace(dev_b.id, dev_a.id, "总部运维 王工") == {"records": n_b, "updates": 1}
    audit = hq_store.audit()
    assert audit[-1]["action"] == "device_replace" and audit[-1]["actor"] == "总部运维 王工"
    assert audit[-1]["detail"]["old"] == dev_b.id and audit[-1]["detail"]["new"] == dev_a.id
    local.resend_rejected(a_db, parked[0]["id"])
    assert make_client(a_db, rx.url, tok_a).run_round().ok
    assert (("complaint", cid, rev + 5, "0101")) in hq_store.records("complaint")
    assert next(d for d in hq_store.device_list() if d.id == dev_b.id).revoked_at
    a_db.conn.close()


def test_device_replace_command(hq_db, hq_store, capsys):
    from assist.hq.cli import main

    old, _ = hq_store.device_add("0101", "old PC")
    new, _ = hq_store.device_add("0101", "new PC")
    other, _ = hq_store.device_add("0202")
    assert main(["--db", hq_db, "device", "replace", old.id, other.id, "--actor", "x"]) == 1
    assert "different branches" in capsys.readouterr().err
    assert main(["--db", hq_db, "device", "replace", old.id, new.id, "--actor", "运维"]) == 0
    assert f"{new.id} now owns" in capsys.readouterr().out
    assert main(["--db", hq_db, "audit"]) == 0
    assert "device_replace" in capsys.readouterr().out


def test_receiver_sqlite_file_is_owner_only(tmp_path):
    from assist.hq.store import Store

    s = Store(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    s.migrate()
    s.close()
    assert (tmp_path / "hq.sqlite3").stat().st_mode & 0o777 == 0o600
