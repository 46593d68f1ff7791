"""Complaint privacy: full callback numbers encrypted at rest, masked-only without a keyring,
audited reveal, drafts never in plaintext (issue 6 "fields that must keep the full value")."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from assist.core.complaints import repo
from assist.core.complaints.audit import verify_audit
from assist.core.complaints.model import ComplaintError
from assist.core.complaints.protect import DRAFT_MASKED_NOTICE, NO_KEYRING_NOTICE
from assist.core.privacy.crypto import FieldCipher
from assist.schema import open_app_db as open_db
from tests.conftest import kb_rules

PHONE, RID = "13812345678", "11010519491231002X"
FORM = dict(agent_id="A001", org_unit="北京分行", source="客服热线", received_at="2026-03-02T09:30",
            complainant_type="本人", complainant_name="张三丰", contact_phone=PHONE,
            id_doc_type="居民身份证", id_doc_no=RID, respondent_org="朝阳支行", channel_A="A0302",
            business_B="B03", reason_C="C07", request="退还年费", facts="未告知即扣年费", demand_D=["D02"])


def raw_bytes(path) -> bytes:
    out = b""
    for suffix in ("", "-wal", "-shm"):
        p = path.with_name(path.name + suffix)
        if p.exists():
            out += p.read_bytes()
    return out


def save(db, cipher, form=FORM):
    return repo.save_complaint(db, form, **kb_rules(), actor="A001", branch="0101", device="PC7", now="2026-03-02T10:00:00", cipher=cipher)


@pytest.fixture
def dbfile(tmp_path):
    return tmp_path / "assist.sqlite3"


def test_full_values_round_trip_encrypted_and_never_in_the_file(dbfile, memory_keyring):
    cipher = FieldCipher.from_keyring(keyring)
    db = open_db(dbfile)
    s = save(db, cipher)
    assert s.notices == () and set(s.protected) == {"contact_phone", "id_doc_no"}
    assert repo.get_complaint(db, s.id)["contact_phone"] == "138****5678"
    assert repo.reveal(db, s.id, "contact_phone", cipher, actor="A001", reason="回访客户") == PHONE
    assert repo.reveal(db, s.id, "id_doc_no", cipher, actor="A001", reason="核实身份") == RID
    raw = raw_bytes(dbfile)
    for secret in (PHONE, RID, "张三丰"):
        assert secret.encode() not in raw, secret
    # the token is bound to its complaint and field
    tok = db.execute("SELECT protected FROM complaints").fetchone()[0]
    assert "v1:" in tok and PHONE not in tok
    # a status change keeps the encrypted value
    repo.change_status(db, s.id, "处理中", actor="A001")
    assert repo.reveal(db, s.id, "contact_phone", cipher, actor="A001", reason="再次回访") == PHONE
    assert verify_audit(db) == []


def test_reveal_is_audited_and_needs_a_reason(dbfile):
    cipher = FieldCipher.generate()
    db = open_db(dbfile)
    s = save(db, cipher)
    with pytest.raises(ComplaintError):
        repo.reveal(db, s.id, "contact_phone", cipher, actor="A001", reason=" ")
    with pytest.raises(ComplaintError):
        repo.reveal(db, s.id, "contact_phone", FieldCipher.generate(), actor="A001", reason="错误密钥")
    repo.reveal(db, s.id, "contact_phone", cipher, actor="B002", reason="回访 13900001111")
    ev = [h for h in repo.history(db, s.id) if h["action"] == "reveal"]
    assert len(ev) == 1 and ev[0]["actor"] == "B002" and ev[0]["field"] == "contact_phone"
    assert "13900001111" not in ev[0]["new"] and "回访" in ev[0]["new"]
    assert verify_audit(db) == []


def test_no_keyring_stores_masked_only_and_says_why(dbfile):
    keyring.set_keyring(fail.Keyring())
    cipher = FieldCipher.maybe_from_keyring(keyring)
    assert cipher is None
    db = open_db(dbfile)
    s = save(db, cipher)
    assert s.notices == (NO_KEYRING_NOTICE,) and s.protected == ()
    assert "密钥环" in s.notices[0] and "keyring" in s.notices[0]
    assert db.execute("SELECT protected FROM complaints").fetchone()[0] == "{}"
    with pytest.raises(ComplaintError):
        repo.reveal(db, s.id, "contact_phone", FieldCipher.generate(), actor="A001", reason="回访")
    raw = raw_bytes(dbfile)
    assert PHONE.encode() not in raw and RID.encode() not in raw
    assert b"138****5678" in raw


def test_drafts_encrypted_with_a_cipher_restore_exactly(dbfile):
    cipher = FieldCipher.generate()
    db = open_db(dbfile)
    owner = repo.new_owner_id()
    form = {**FORM, "facts": "卡号6222021234567890被盗刷"}
    repo.save_draft(db, "d1", owner, form, "facts", cipher=cipher)
    (d,) = repo.load_drafts(db, cipher=cipher)
    assert d.form == form and d.cursor_field == "facts" and d.state == "encrypted"
    raw = raw_bytes(dbfile)
    for secret in (PHONE, RID, "6222021234567890", "张三丰", "盗刷"):
        assert secret.encode() not in raw, secret
    # without the key the draft cannot be read (not silently empty-restored as plaintext)
    (sealed,) = repo.load_drafts(db)
    assert sealed.state == "sealed" and sealed.form == {}


def test_drafts_without_a_cipher_are_masked(dbfile):
    db = open_db(dbfile)
    owner = repo.new_owner_id()
    form = {**FORM, "facts": "卡号6222021234567890被盗刷", "product_name": "白金卡"}
    repo.save_draft(db, "d1", owner, form, "facts", cipher=None)
    (d,) = repo.load_drafts(db)
    assert d.state == "masked" and d.cursor_field == "facts"
    assert d.form["contact_phone"] == "138****5678" and "6222021234567890" not in d.form["facts"]
    assert d.form["product_name"] == "白金卡" and d.form["request"] == "退还年费"
    raw = raw_bytes(dbfile)
    for secret in (PHONE, RID, "6222021234567890"):
        assert secret.encode() not in raw, secret
    assert "keyring" in DRAFT_MASKED_NOTICE


def test_record_masking_uses_the_one_privacy_policy():
    """Numbers in records are masked by the privacy module's policy (a setting), never by a second
    policy of their own; a value that is not a valid number keeps nothing in clear."""
    from assist.core.complaints.masking import mask_field
    from assist.core.privacy import masking

    assert mask_field("contact_phone", "13812345678") == "138****5678"
    assert mask_field("account_ref", "6222021234567890123") == "622202*********0123"
    assert mask_field("id_doc_no", "110105194912310021") == "110***********0021"
    assert not any(c.isdigit() for c in mask_field("contact_phone", "138123"))   # half typed: nothing kept
    assert mask_field("contact_phone", "010-62345678") == "010-******78"
    masking.set_policy(masking.MaskPolicy(mobile_head=2, mobile_tail=2, id_head=1, id_tail=1))
    try:
        assert mask_field("contact_phone", "13812345678") == "13*******78"
        assert mask_field("id_doc_no", "110105194912310021") == "1****************1"
    finally:
        masking.set_policy(None)
