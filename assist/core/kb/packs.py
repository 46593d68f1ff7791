"""Signed, versioned KB packs (head office → branches) and the active-KB switch.

A pack is a zip::

    manifest.json    {"format", "kb_version", "built_at", "key", "files": {rel: {"sha256", "size"}}}
    signature.json   {"alg": "ed25519", "key": <base64 public key>, "sig": <base64 signature of manifest.json bytes>}
    content/<rel>    every file of the KB folder, each hashed in the manifest
    (zip comment)    "ASSIST-SEAL1 " + Ed25519 signature of every byte before the comment

The seal makes any flipped byte (zip headers, timestamps…) fail, not only bytes of
content; the manifest signature and hashes make the content itself verifiable.

Imported packs live in ``<store>/versions/<name>/kb``; ``<store>/active.json`` names
the active one and the history for rollback, and is only ever replaced with
``os.replace`` (atomic), after the new folder is complete and verified.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import stat
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = 1
KEEP_HISTORY = 3
_SKIP = re.compile(r"(^|/)(\.[^/]*|__pycache__)(/|$)")


# What the panel and the commands read from the active KB besides cards (assist.app.build_kb_rules).
REQUIRED_FILES = ("rules/risk.yaml", "taxonomy/complaint.yaml")


class PackError(Exception):
    """A pack (or key) is refused; the message says why, for the agent or admin."""


# ---- keys -----------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def public_b64(key: Ed25519PublicKey) -> str:
    return _b64(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def keygen(out: Path) -> str:
    """Write a new private key to ``out`` (mode 0600) and ``out.pub``; return the public key."""
    if out.exists():
        raise PackError(f"{out} already exists; refusing to overwrite a key")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    os.chmod(out, 0o600)
    pub = public_b64(key.public_key())
    Path(f"{out}.pub").write_text(pub + "\n", encoding="ascii")
    return pub


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise PackError(f"{path}: not an unencrypted Ed25519 private key from `assist kb keygen` ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError(f"{path}: not an Ed25519 private key")
    return key


def parse_public_key(text: str) -> Ed25519PublicKey:
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(text.encode())
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("not Ed25519")
            return key
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except ValueError as exc:
        raise PackError(f"not an Ed25519 public key (base64 of 32 bytes expected): {exc}") from None


def read_public_key(path: Path) -> str:
    """The public key in ``path`` (base64 or PEM), returned as base64 of the raw 32 bytes."""
    return public_b64(parse_public_key(path.read_text(encoding="ascii", errors="replace")))


def key_id(pub_b64: str) -> str:
    return hashlib.sha256(pub_b64.encode()).hexdigest()[:12]


# ---- versions ---------------------------------------------------------------------------

def version_key(v: str) -> tuple[Any, ...]:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-_+]", v.strip()) if p)


def kb_version(kb_dir: Path) -> str:
    f = kb_dir / "VERSION"
    return (f.read_text(encoding="utf-8").strip() if f.exists() else "") or "dev"


# ---- building ----------------------------------------------------------------------------

def _kb_files(kb_dir: Path) -> list[tuple[str, Path]]:
    out = []
    for p in sorted(kb_dir.rglob("*")):
        rel = p.relative_to(kb_dir).as_posix()
        if p.is_file() and not p.is_symlink() and not _SKIP.search(rel):
            out.append((rel, p))
    return out


def build_pack(kb_dir: Path, key_file: Path, out: Path) -> dict[str, Any]:
    """Write a signed pack of ``kb_dir`` to ``out``; return the manifest."""
    if not (kb_dir / "VERSION").is_file():
        raise PackError(f"{kb_dir}/VERSION is missing: a pack needs a KB version")
    lacking = [r for r in REQUIRED_FILES if not (kb_dir / r).is_file()]
    if lacking:
        raise PackError(f"{kb_dir} has no {', '.join(lacking)}: every KB carries its complaint rules (copy them from the bundled KB)")
    key = load_private_key(key_file)
    files = _kb_files(kb_dir)
    manifest = {
        "format": FORMAT,
        "kb_version": kb_version(kb_dir),
        "built_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "key": public_b64(key.public_key()),
        "files": {rel: {"sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "size": p.stat().st_size} for rel, p in files},
    }
    mbytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    sig = {"alg": "ed25519", "key": manifest["key"], "sig": _b64(key.sign(mbytes))}
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", mbytes)
        zf.writestr("signature.json", json.dumps(sig, indent=1))
        for rel, p in files:
            zf.write(p, f"content/{rel}")
    _seal(tmp, key)
    os.replace(tmp, out)
    return manifest


_SEAL_TAG = b"ASSIST-SEAL1 "
_SEAL_CTX = b"assist-kb-pack-seal-v1\0"


def _seal(path: Path, key: Ed25519PrivateKey) -> None:
    """Sign every byte of the zip (headers and timestamps too) into its end comment,
    so that flipping any byte of the file is detected, not only bytes of the content."""
    data = path.read_bytes()
    if data[-2:] != b"\0\0":
        raise PackError("internal error: the zip already has a comment")
    prefix = data[:-2]
    comment = _SEAL_TAG + base64.b64encode(key.sign(_SEAL_CTX + hashlib.sha256(prefix).digest()))
    path.write_bytes(prefix + len(comment).to_bytes(2, "little") + comment)


def _check_seal(data: bytes, signer: Ed25519PublicKey) -> None:
    at = data.rfind(_SEAL_TAG)
    comment = data[at:] if at >= 2 else b""
    if not comment or data[at - 2:at] != len(comment).to_bytes(2, "little"):
        raise PackError("the pack's seal is missing or cut: the file is damaged or incomplete (truncated copy?)")
    try:
        signer.verify(base64.b64decode(comment[len(_SEAL_TAG):], validate=True), _SEAL_CTX + hashlib.sha256(data[:at - 2]).digest())
    except (InvalidSignature, ValueError):
        raise PackError("the pack's seal does not match its bytes: the file was modified or damaged after signing") from None


# ---- verifying and importing ---------------------------------------------------------------

def _safe_rel(name: str) -> str:
    p = PurePosixPath(name)
    if "\\" in name or p.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")) or ":" in p.parts[0]:
        raise PackError(f"pack contains an unsafe path {name!r}; refusing")
    return name


def _verify_signature(mbytes: bytes, sig: dict[str, Any], trusted: list[str]) -> Ed25519PublicKey:
    """The trusted key that signed ``mbytes``; PackError when none did."""
    try:
        raw = base64.b64decode(sig["sig"], validate=True)
        signer = str(sig.get("key", ""))
    except (KeyError, TypeError, ValueError):
        raise PackError("the pack's signature.json is malformed") from None
    trusted_norm = set()
    for k in trusted:
        try:
            trusted_norm.add(public_b64(parse_public_key(k)))
        except PackError:
            continue
    if signer not in trusted_norm:
        raise PackError(f"the pack is signed by an untrusted key (id {key_id(signer)}); ask head office for the right pack, "
                        "or `assist kb trust` its public key")
    key = parse_public_key(signer)
    try:
        key.verify(raw, mbytes)
    except InvalidSignature:
        raise PackError("the signature does not match the manifest: the pack was modified after signing") from None
    return key


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> bytes:
    if info.file_size != size:
        raise PackError(f"{info.filename}: size differs from the manifest; the pack was modified")
    with zf.open(info) as fh:
        return fh.read(size + 1)


def verify_pack(file: Path, trusted_keys: list[str]) -> tuple[dict[str, Any], dict[str, bytes], bytes, bytes]:
    """Check everything; return (manifest, {rel: bytes}, manifest bytes, signature bytes)."""
    if not trusted_keys:
        raise PackError("no trusted keys configured; run `assist kb trust KEYFILE.pub` with head office's public key first")
    raw = Path(file).read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            if len(set(names)) != len(names):
                raise PackError("pack contains duplicate entries; refusing")
            by_name = {i.filename: i for i in infos}
            if "manifest.json" not in by_name:
                raise PackError("not a KB pack: manifest.json is missing")
            if "signature.json" not in by_name:
                raise PackError("the pack is unsigned (signature.json is missing); refusing")
            for i in infos:
                if stat.S_ISLNK(i.external_attr >> 16):
                    raise PackError(f"pack contains a symbolic link {i.filename!r}; refusing")
                if i.filename not in ("manifest.json", "signature.json"):
                    if not i.filename.startswith("content/") or i.is_dir():
                        raise PackError(f"pack contains an unexpected entry {i.filename!r}; refusing")
                    _safe_rel(i.filename[len("content/"):])
            mbytes = zf.read("manifest.json")
            sbytes = zf.read("signature.json")
            try:
                sig = json.loads(sbytes)
            except ValueError:
                raise PackError("the pack's signature.json is malformed") from None
            _check_seal(raw, _verify_signature(mbytes, sig if isinstance(sig, dict) else {}, trusted_keys))
            manifest = json.loads(mbytes)  # signed, so trusted from here
            if manifest.get("format") != FORMAT:
                raise PackError(f"pack format {manifest.get('format')!r} is not supported by this version of Assist")
            files: dict[str, dict[str, Any]] = manifest["files"]
            listed = {f"content/{_safe_rel(r)}" for r in files}
            present = {n for n in names if n.startswith("content/")}
            if listed != present:
                extra, missing = sorted(present - listed), sorted(listed - present)
                raise PackError(f"pack content differs from its manifest (extra: {extra[:3]}, missing: {missing[:3]})")
            data: dict[str, bytes] = {}
            for rel, meta in files.items():
                blob = _read_member(zf, by_name[f"content/{rel}"], int(meta["size"]))
                if hashlib.sha256(blob).hexdigest() != meta["sha256"]:
                    raise PackError(f"{rel}: content hash differs from the manifest; the pack was modified")
                data[rel] = blob
            lacking = [r for r in REQUIRED_FILES if r not in data]
            if lacking:
                raise PackError(f"the pack has no {', '.join(lacking)}: every KB carries its complaint rules; "
                                "build the pack from a KB that has them (`assist kb check` says what is missing)")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, struct.error) as exc:
        raise PackError(f"the pack is damaged or incomplete (truncated copy?): {exc}") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise PackError(f"the pack's manifest is malformed: {exc}") from None
    return manifest, data, mbytes, sbytes


# ---- the store ------------------------------------------------------------------------------

def _read_state(store: Path) -> dict[str, Any]:
    try:
        state = json.loads((store / "active.json").read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_state(store: Path, state: dict[str, Any]) -> None:
    tmp = store / "active.json.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(state, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, store / "active.json")


def _entry(store: Path, name: str | None) -> dict[str, Any]:
    if not name:
        return {}
    try:
        info: dict[str, Any] = json.loads((store / "versions" / name / "info.json").read_text(encoding="utf-8"))
        return info
    except (OSError, ValueError):
        return {"name": name}


def active_kb_dir(store_dir: Path) -> Path | None:
    """The folder of the active imported KB, or None (then the bundled KB is used)."""
    name = _read_state(Path(store_dir)).get("active")
    d = Path(store_dir) / "versions" / str(name) / "kb" if name else None
    return d if d is not None and d.is_dir() else None


def status(store_dir: Path) -> dict[str, Any]:
    store = Path(store_dir)
    state = _read_state(store)
    cur = _entry(store, state.get("active"))
    hist = state.get("history") or []
    prev = _entry(store, hist[-1]) if hist else {}
    d = active_kb_dir(store)
    return {"active": cur.get("version"), "active_dir": str(d) if d else None, "built_at": cur.get("built_at"),
            "imported_at": cur.get("imported_at"), "previous": prev.get("version"), "history": hist}


def import_pack(file: Path, store_dir: Path, trusted_keys: list[str]) -> dict[str, Any]:
    """Verify ``file`` and make it the active KB; the active KB is untouched on any refusal."""
    store = Path(store_dir)
    manifest, data, mbytes, sbytes = verify_pack(Path(file), list(trusted_keys))
    version = str(manifest["kb_version"])
    state = _read_state(store)
    current = _entry(store, state.get("active")).get("version")
    if current and version_key(version) <= version_key(str(current)):
        word = "the same as" if version_key(version) == version_key(str(current)) else "older than"
        raise PackError(f"pack version {version} is {word} the active KB version {current}; refusing (only newer packs are imported)")
    now = dt.datetime.now(dt.UTC)
    name = re.sub(r"[^\w.\-]", "_", f"{version}-{now:%Y%m%dT%H%M%S%f}")
    versions = store / "versions"
    tmp = versions / f".{name}.partial"
    versions.mkdir(parents=True, exist_ok=True)
    try:
        for rel, blob in data.items():
            target = tmp / "kb" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        (tmp / "manifest.json").write_bytes(mbytes)
        (tmp / "signature.json").write_bytes(sbytes)
        info = {"name": name, "version": version, "built_at": manifest.get("built_at"), "imported_at": now.isoformat(timespec="seconds"),
                "key": key_id(str(manifest.get("key", ""))), "source": str(file)}
        (tmp / "info.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, versions / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    history = (list(state.get("history") or []) + ([state["active"]] if state.get("active") else []))[-KEEP_HISTORY:]
    _write_state(store, {"active": name, "history": history})
    _prune(store, {name, *history})
    return {"version": version, "previous": current, "dir": str(versions / name / "kb")}


def rollback(store_dir: Path) -> dict[str, Any]:
    """Make the previous KB active again (the bundled KB when no older pack is kept)."""
    store = Path(store_dir)
    state = _read_state(store)
    if not state.get("active"):
        raise PackError("nothing to roll back: no imported KB is active (the bundled KB is in use)")
    history = list(state.get("history") or [])
    prev = history.pop() if history else None
    _write_state(store, {"active": prev, "history": history, "rolled_back_from": state["active"]})
    return {"version": _entry(store, prev).get("version"), "from": _entry(store, state["active"]).get("version")}


def _prune(store: Path, keep: set[str]) -> None:
    for d in (store / "versions").iterdir():
        if d.name not in keep and not d.name.startswith("."):
            shutil.rmtree(d, ignore_errors=True)
