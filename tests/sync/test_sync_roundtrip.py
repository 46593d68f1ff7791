"""End to end against a real receiver process: push, acknowledgements, status, pull of
head-office status changes and KB packs, conflicts, the `assist sync` command."""

from __future__ import annotations

import json
import shutil

import keyring
import pytest

from assist.core.complaints import repo
from assist.core.storage import outbox
from assist.core.sync import local
from assist.core.sync.status import read_status
from tests.conftest import REPO
from tests.sync.conftest import assert_exactly_once, fill, make_client


def test_push_acknowledges_marks_synced_and_reports_status(hq_db, hq_store, receivers, client_db):
    rx = receivers(hq_db)
    _dev, token = hq_store.device_add("0101", "PC7")
    ids = fill(client_db, 5, edits=1)
    before = read_status(client_db)
    assert before.state == "waiting" and before.waiting > 0 and before.last_success_at is None

    report = make_client(client_db, rx.url, token, batch=40).run_round()

    assert report.ok and report.error is None and report.batches > 1
    assert_exactly_once(hq_store, client_db)
    assert {s for (s,) in client_db.execute("SELECT sync_state FROM complaints")} == {"synced"}
    st = read_status(client_db)
    assert st.state == "synced" and st.online is True and st.waiting == 0 and st.last_success_at
    assert hq_store.records("complaint") == sorted(("complaint", i, r, "0101") for i, r in ids.items())


def test_same_batch_twice_is_harmless(hq_db, hq_store, receivers, client_db):
    rx = receivers(hq_db)
    _, token = hq_store.device_add("0101")
    fill(client_db, 2)
    batch = local.next_batch(client_db, 500)
    c = make_client(client_db, rx.url, token)
    with c.transport_factory() as t:
        first = t.push("0101", [r for _, r in batch])
        second = t.push("0101", [r for _, r in batch])
    assert {r.status for r in first} == {"stored"}
    assert {r.status for r in second} == {"duplicate"}
    local.apply_results(client_db, batch, second)
    assert_exactly_once(hq_store, client_db)


def test_a_conflict_answer_is_kept_for_the_agent_not_dropped(client_db):
    """A receiver may answer `conflict` (it holds a newer revision from elsewhere; the reference
    receiver refuses another device's write instead, see test_sync_hostile): the row leaves the
    outbox and the agent sees the conflict."""
    from assist.core.sync import protocol

    outbox.enqueue(client_db, "complaint", "c-1", 2, {"status": "受理", "revision": 2})
    batch = local.next_batch(client_db, 10)
    out = local.apply_results(client_db, batch, [protocol.Result("complaint", "c-1", 2, protocol.CONFLICT, 3)])
    assert out["conflicts"] == 1 and out["acked"] == 1
    conflicts = local.open_conflicts(client_db)
    assert len(conflicts) == 1 and conflicts[0]["server_revision"] == 3 and conflicts[0]["local_revision"] == 2
    st = read_status(client_db)
    assert st.conflicts == 1 and st.waiting == 0


def test_head_office_status_change_becomes_a_local_revision(hq_db, hq_store, receivers, client_db):
    rx = receivers(hq_db)
    _, token = hq_store.device_add("0101")
    (cid, rev), = fill(client_db, 1, edits=0).items()
    client = make_client(client_db, rx.url, token)
    assert client.run_round().ok
    hq_store.add_update(cid, "处理中", actor="总部投诉岗")
    hq_store.add_update(cid, "已办结", actor="总部投诉岗")   # not allowed from 处理中: refused, kept for the agent

    report = client.run_round()

    assert report.ok and report.updates_applied == 1 and report.updates_refused == 1
    row = client_db.execute("SELECT status, revision, sync_state FROM complaints WHERE id = ?", [cid]).fetchone()
    assert row == ("处理中", rev + 1, "pending")
    assert any(h["action"] == "status" and "总部" in h["actor"] for h in repo.history(client_db, cid))
    assert "已办结" in local.open_conflicts(client_db)[0]["message"]
    assert client.run_round().ok   # pushes the new revision; the cursor means nothing is applied twice
    assert ("complaint", cid, rev + 1, "0101") in hq_store.records("complaint")
    assert client_db.execute("SELECT sync_state FROM complaints WHERE id = ?", [cid]).fetchone()[0] == "synced"


def test_kb_pack_is_pulled_verified_and_activated(hq_db, hq_store, receivers, client_db, tmp_path):
    from assist.core.kb import packs

    rx = receivers(hq_db)
    _, token = hq_store.device_add("0101")
    kb = tmp_path / "kb"
    (kb / "cards").mkdir(parents=True)
    (kb / "VERSION").write_text("2027.1.0\n", encoding="utf-8")
    (kb / "cards" / "a.md").write_text("# 测试\n", encoding="utf-8")
    for rel in (*packs.REQUIRED_FILES, "rules/lexicon.yaml"):   # every pack carries its complaint rules
        (kb / rel).parent.mkdir(exist_ok=True)
        shutil.copy(REPO / "kb" / rel, kb / rel)
    pub = packs.keygen(tmp_path / "key")
    packs.build_pack(kb, tmp_path / "key", tmp_path / "p.zip")
    hq_store.publish_pack("2027.1.0", (tmp_path / "p.zip").read_bytes())
    store = tmp_path / "kbstore"

    untrusted = make_client(client_db, rx.url, token, kb_store=store, trusted_keys=[packs.keygen(tmp_path / "k2")]).run_round()
    assert not untrusted.ok and untrusted.error.code == "kb_pack" and packs.active_kb_dir(store) is None
    assert "untrusted" in read_status(client_db).error_en

    client_db.execute("DELETE FROM sync_state WHERE key = 'kb.refused'")
    report = make_client(client_db, rx.url, token, kb_store=store, trusted_keys=[pub]).run_round()
    assert report.ok and report.kb_imported == "2027.1.0"
    assert (packs.active_kb_dir(store) / "cards" / "a.md").exists()
    assert make_client(client_db, rx.url, token, kb_store=store, trusted_keys=[pub]).run_round().kb_imported is None


def test_assist_sync_command(tmp_path, receivers, basedir, capsys):
    from assist.app import main
    from assist.hq.store import Store
    from assist.settings import Settings

    hq_db = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    hq_store = Store(hq_db)
    hq_store.migrate()
    rx = receivers(hq_db)
    _, token = hq_store.device_add("0101")
    settings_file = basedir / "config" / "settings.toml"
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(f'[sync]\nurl = "{rx.url}"\n[org]\nbranch_code = "0101"\n', encoding="utf-8")
    assert Settings.load(settings_file).get("sync.url") == rx.url

    assert main(["--basedir", str(basedir), "--lang", "en", "sync", "--once"]) == 1   # no token yet
    assert "no_token" in capsys.readouterr().err
    keyring.set_password("assist", "sync-token", token)
    from assist.schema import open_app_db as open_db

    db = open_db(basedir / "data" / "assist.sqlite3")
    fill(db, 2)
    db.conn.close()
    assert main(["--basedir", str(basedir), "--lang", "en", "sync", "--once", "--json"]) == 0
    st = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert st["state"] == "synced" and st["waiting"] == 0 and st["online"] is True

    rx.stop()
    assert main(["--basedir", str(basedir), "sync", "--attempts", "2"]) == 1
    out = capsys.readouterr()
    assert "无法连接总部服务器" in out.out and "offline" in out.err
    logs = "".join(p.read_text(encoding="utf-8") for p in (basedir / "logs").glob("*"))
    assert token not in logs and token[:12] not in logs  # the device token never reaches the logs


@pytest.mark.parametrize("lang,word", [("zh_CN", "待上传"), ("en", "waiting")])
def test_status_lines_in_both_languages(client_db, lang, word):
    assert any(word in line for line in read_status(client_db).lines(lang))
