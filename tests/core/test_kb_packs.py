"""Signed packs: round trip, tampering, wrong key, truncation, older version, rollback."""

from __future__ import annotations

import io
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from assist.core.kb import packs
from assist.core.kb.packs import PackError
from tests.conftest import REPO

REPO_KB = Path(__file__).resolve().parents[2] / "kb"
CARD = "---\nid: card-{n}\ntitle: 卡片{n}\ncategory: 银行卡/挂失\nprivacy_level: C1\nversion: 1\nowner: 消保部\n---\n正文{n}\n"


def make_kb(root: Path, version: str, n: int = 3) -> Path:
    (root / "cards" / "银行卡").mkdir(parents=True)
    (root / "VERSION").write_text(version + "\n", encoding="utf-8")
    (root / "synonyms.yaml").write_text("groups:\n  - [挂失, 丢卡]\n", encoding="utf-8")
    for i in range(n):
        (root / "cards" / "银行卡" / f"card-{i}.md").write_text(CARD.format(n=i), encoding="utf-8")
    for rel in ("rules/risk.yaml", "rules/lexicon.yaml", "taxonomy/complaint.yaml"):   # packs.REQUIRED_FILES
        (root / rel).parent.mkdir(exist_ok=True)
        shutil.copy(REPO / "kb" / rel, root / rel)
    return root


@pytest.fixture
def key(tmp_path):
    k = tmp_path / "keys" / "head-office.key"
    k.parent.mkdir()
    pub = packs.keygen(k)
    return k, pub


def build(tmp_path, key_file, version, name=None):
    out = tmp_path / (name or f"kb-{version}.zip")
    kb = make_kb(tmp_path / f"src-{out.stem}", version)
    packs.build_pack(kb, key_file, out)
    return out


def test_keygen_owner_only(key):
    k, pub = key
    assert stat.S_IMODE(k.stat().st_mode) == 0o600
    assert packs.read_public_key(Path(f"{k}.pub")) == pub
    with pytest.raises(PackError, match="already exists"):
        packs.keygen(k)


def test_round_trip_status_and_rollback(tmp_path, key):
    k, pub = key
    store = tmp_path / "store"
    assert packs.active_kb_dir(store) is None
    info = packs.import_pack(build(tmp_path, k, "2026.11.1"), store, [pub])
    active = packs.active_kb_dir(store)
    assert info["version"] == "2026.11.1" and active is not None
    assert (active / "VERSION").read_text(encoding="utf-8").strip() == "2026.11.1"
    assert (active / "cards" / "银行卡" / "card-2.md").read_text(encoding="utf-8") == CARD.format(n=2)

    packs.import_pack(build(tmp_path, k, "2026.12.0"), store, [pub])
    st = packs.status(store)
    assert (st["active"], st["previous"]) == ("2026.12.0", "2026.11.1")

    assert packs.rollback(store)["version"] == "2026.11.1"
    assert (packs.active_kb_dir(store) / "VERSION").read_text(encoding="utf-8").strip() == "2026.11.1"
    assert packs.rollback(store)["version"] is None  # back to the bundled KB
    assert packs.active_kb_dir(store) is None
    with pytest.raises(PackError, match="nothing to roll back"):
        packs.rollback(store)


def refused(store, pack, keys, match):
    before = packs.active_kb_dir(store)
    state = (store / "active.json").read_bytes()
    with pytest.raises(PackError, match=match):
        packs.import_pack(pack, store, keys)
    assert packs.active_kb_dir(store) == before and (store / "active.json").read_bytes() == state
    assert not [p for p in (store / "versions").iterdir() if p.name.startswith(".")]  # no partial folder left


@pytest.fixture
def installed(tmp_path, key):
    k, pub = key
    store = tmp_path / "store"
    packs.import_pack(build(tmp_path, k, "2026.11.1"), store, [pub])
    return store, k, pub


def test_every_flipped_byte_is_refused(tmp_path, installed):
    store, k, pub = installed
    good = build(tmp_path, k, "2027.1.0").read_bytes()
    # every byte of a small pack: headers, timestamps, content, manifest, signature, seal
    for pos in range(0, len(good), max(1, len(good) // 400)):
        bad = tmp_path / "bad.zip"
        bad.write_bytes(good[:pos] + bytes([good[pos] ^ 0x01]) + good[pos + 1:])
        refused(store, bad, [pub], None)


def rezip(src: Path, dst: Path, change) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            name, data = change(info.filename, zin.read(info))
            if name is not None:
                zout.writestr(name, data)
    dst.write_bytes(buf.getvalue())


def test_tampered_content_is_refused_even_if_resealed(tmp_path, installed):
    """Each layer on its own: a content change is caught by the seal, and, with a
    valid seal (only a key holder could make one), still by the manifest hashes."""
    store, k, pub = installed
    src = build(tmp_path, k, "2027.1.0")
    bad = tmp_path / "tampered.zip"
    rezip(src, bad, lambda n, d: (n, d.replace("正文".encode(), "正义".encode()) if n.endswith("card-1.md") else d))
    refused(store, bad, [pub], "seal")
    packs._seal(bad, packs.load_private_key(k))
    refused(store, bad, [pub], "content hash differs.*modified")


def test_untrusted_key_unsigned_truncated_older(tmp_path, installed):
    store, k, pub = installed
    other = tmp_path / "keys" / "other.key"
    packs.keygen(other)
    refused(store, build(tmp_path, other, "2027.1.0"), [pub], "untrusted key")
    refused(store, build(tmp_path, k, "2027.2.0"), [], "no trusted keys")

    good = build(tmp_path, k, "2027.3.0").read_bytes()
    for cut in (len(good) - 1, len(good) - 30, len(good) // 2, 10):
        short = tmp_path / "short.zip"
        short.write_bytes(good[:cut])
        refused(store, short, [pub], "damaged or incomplete|cut")

    unsigned = tmp_path / "unsigned.zip"
    rezip(build(tmp_path, k, "2027.4.0"), unsigned, lambda n, d: (None if n == "signature.json" else n, d))
    refused(store, unsigned, [pub], "unsigned")

    refused(store, build(tmp_path, k, "2026.11.1", "same.zip"), [pub], "the same as")
    refused(store, build(tmp_path, k, "2026.9.30", "older.zip"), [pub], "older than")


def test_path_traversal_refused(tmp_path, installed):
    store, k, pub = installed
    src = build(tmp_path, k, "2028.1.0")
    bad = tmp_path / "evil.zip"
    rezip(src, bad, lambda n, d: ("content/../../evil.txt" if n == "content/VERSION" else n, d))
    refused(store, bad, [pub], "unsafe path")
    assert not list(tmp_path.rglob("evil.txt"))


def test_version_order():
    assert packs.version_key("2026.10.1") > packs.version_key("2026.9.30")
    assert packs.version_key("2027.1") > packs.version_key("2026.12.31")


def test_a_kb_without_its_complaint_rules_is_not_packed_nor_imported(tmp_path, key):
    """The panel and the commands judge complaints with the active KB's risk rules and taxonomy:
    a pack without them would leave both without rules, so it is refused at both ends."""
    k, pub = key
    kb = make_kb(tmp_path / "kb", "2026.1.0")
    (kb / "taxonomy" / "complaint.yaml").unlink()
    with pytest.raises(packs.PackError, match=r"taxonomy/complaint\.yaml"):
        packs.build_pack(kb, k, tmp_path / "p.zip")
    # a pack built by an older version without the check
    shutil.copy(REPO / "kb" / "taxonomy" / "complaint.yaml", kb / "taxonomy" / "complaint.yaml")
    (kb / "rules" / "risk.yaml").unlink()
    monkey = packs.REQUIRED_FILES
    try:
        packs.REQUIRED_FILES = ()
        packs.build_pack(kb, k, tmp_path / "old.zip")
    finally:
        packs.REQUIRED_FILES = monkey
    with pytest.raises(packs.PackError, match=r"rules/risk\.yaml"):
        packs.import_pack(tmp_path / "old.zip", tmp_path / "store", [pub])
    assert not (tmp_path / "store" / "active.json").exists()
