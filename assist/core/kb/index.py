"""Compiled KB index: the panel starts from parsed cards cached in SQLite.

One row per card file, keyed by (KB root, relative path), holding the file's
size, mtime and sha256 and the parse result as JSON (never pickle). At start-up:

* size + mtime unchanged (and the file was not modified within ~2 s of being
  indexed, git's "racy" rule) → the row is reused without reading the file;
* otherwise the file is read and hashed; same sha256 → reused, only the stat
  fields are refreshed; a different hash → parsed again;
* rows for files that are gone are dropped.

A change to the parser or the card model (``loader.py``/``model.py``) changes the
parser fingerprint and rebuilds everything. A broken or unwritable index never
stops the panel: it falls back to :func:`load_kb`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from assist.core.kb import loader, model
from assist.core.kb.loader import add_card, iter_card_files, load_synonyms, parse_card
from assist.core.kb.model import Block, Card, CardError, KnowledgeBase

log = logging.getLogger(__name__)
FORMAT = 1
RACY_NS = 2_000_000_000


def parser_fingerprint() -> str:
    h = hashlib.sha256(f"format={FORMAT}".encode())
    for mod in (loader, model):
        src = getattr(mod, "__file__", None)
        try:
            h.update(Path(src).read_bytes() if src else b"")
        except OSError:
            h.update(str(mod.__name__).encode())
    return h.hexdigest()[:16]


# ---- JSON (de)serialisation of cards ------------------------------------------------

def _card_to_json(card: Card | None) -> str | None:
    if card is None:
        return None
    d = dataclasses.asdict(card)
    for k in ("reviewed_at", "effective_from", "expires_at"):
        d[k] = d[k].isoformat() if d[k] else None
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def _card_from_json(text: str | None) -> Card | None:
    if text is None:
        return None
    d: dict[str, Any] = json.loads(text)
    for k in ("reviewed_at", "effective_from", "expires_at"):
        d[k] = dt.date.fromisoformat(d[k]) if d[k] else None
    for k in ("aliases", "tags", "call_stages", "legal_basis", "related"):
        d[k] = tuple(d[k])
    d["blocks"] = tuple(_fast(Block, {**b, "attrs": tuple(tuple(a) for a in b["attrs"])}) for b in d["blocks"])
    return _fast(Card, d)


def _fast(cls: type, fields: dict[str, Any]) -> Any:
    """Build a frozen dataclass from trusted cached fields without its per-field
    ``object.__setattr__`` __init__ (3x faster for 20,000 cards). The fields were
    produced by ``dataclasses.asdict`` of the same class (the parser fingerprint
    covers model.py), so nothing is skipped but the cost."""
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


def _errors_to_json(errors: list[CardError]) -> str:
    return json.dumps([dataclasses.astuple(e) for e in errors], ensure_ascii=False)


def _errors_from_json(text: str) -> list[CardError]:
    return [CardError(*e) for e in json.loads(text)]


# ---- the index ---------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    root TEXT NOT NULL, rel TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    indexed_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, card TEXT, errors TEXT NOT NULL,
    PRIMARY KEY (root, rel));
"""


def _open(index_file: Path) -> sqlite3.Connection:
    index_file.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(index_file, isolation_level=None)
    con.executescript(_SCHEMA)
    fp = parser_fingerprint()
    row = con.execute("SELECT value FROM meta WHERE key='parser'").fetchone()
    if row is None or row[0] != fp:
        con.execute("BEGIN")
        con.execute("DELETE FROM files")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('parser', ?)", (fp,))
        con.execute("COMMIT")
    return con


def _parse_file(path: Path, data: bytes, rel: str) -> tuple[Card | None, list[CardError]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [CardError(rel, 1, f"cannot read file: {exc}; save it as UTF-8", code="unreadable")]
    return parse_card(text, rel)


def compile_kb(kb_dir: str | Path, index_file: str | Path) -> tuple[KnowledgeBase, dict[str, int]]:
    """Load the KB through the index; returns (kb, stats: parsed/hashed/reused/dropped)."""
    root = Path(kb_dir)
    key = str(root.resolve())
    stats = {"parsed": 0, "hashed": 0, "reused": 0, "dropped": 0}
    con = _open(Path(index_file))
    try:
        rows = {r[0]: r[1:] for r in con.execute(
            "SELECT rel, size, mtime_ns, indexed_ns, sha256, card, errors FROM files WHERE root=?", (key,))}
        cards: list[Card] = []
        errors: list[CardError] = []
        seen: dict[str, str] = {}
        now = time.time_ns()
        con.execute("BEGIN")
        present: set[str] = set()
        for path in iter_card_files(root):
            rel = str(path.relative_to(root.parent)) if root.parent != path else str(path)
            present.add(rel)
            try:
                st = path.stat()
                row = rows.get(rel)
                if row and row[0] == st.st_size and row[1] == st.st_mtime_ns and st.st_mtime_ns + RACY_NS < row[2]:
                    card_json, errs_json = row[4], row[5]
                    stats["reused"] += 1
                else:
                    data = path.read_bytes()
                    sha = hashlib.sha256(data).hexdigest()
                    stats["hashed"] += 1
                    if row and row[3] == sha:
                        card_json, errs_json = row[4], row[5]
                        stats["reused"] += 1
                    else:
                        card, errs = _parse_file(path, data, rel)
                        card_json, errs_json = _card_to_json(card), _errors_to_json(errs)
                        stats["parsed"] += 1
                    con.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?)",
                                (key, rel, st.st_size, st.st_mtime_ns, now, sha, card_json, errs_json))
            except OSError as exc:
                errors.append(CardError(rel, 1, f"cannot read file: {exc}", code="unreadable"))
                continue
            errors.extend(_errors_from_json(errs_json))
            card = _card_from_json(card_json)
            if card is not None:
                add_card(card, rel, cards, seen, errors)
        for rel in set(rows) - present:
            con.execute("DELETE FROM files WHERE root=? AND rel=?", (key, rel))
            stats["dropped"] += 1
        for (other,) in con.execute("SELECT DISTINCT root FROM files WHERE root<>?", (key,)).fetchall():
            if not os.path.isdir(other):  # e.g. a pack version pruned after an import
                con.execute("DELETE FROM files WHERE root=?", (other,))
        con.execute("COMMIT")
    finally:
        con.close()
    synonyms, syn_errs = load_synonyms(root)
    errors.extend(syn_errs)
    vfile = root / "VERSION"
    version = (vfile.read_text(encoding="utf-8").strip() if vfile.exists() else "") or "dev"
    return KnowledgeBase(cards=cards, errors=errors, root=str(root), version=version, synonyms=synonyms), stats


def load_compiled(kb_dir: str | Path, index_file: str | Path) -> KnowledgeBase:
    """The panel's start-up path: :func:`compile_kb`, falling back to a plain load."""
    index_file = Path(index_file)
    for attempt in (1, 2):
        try:
            kb, stats = compile_kb(kb_dir, index_file)
            log.debug("kb index %s: %s", index_file, stats)
            return kb
        except (sqlite3.DatabaseError, json.JSONDecodeError, TypeError, KeyError, ValueError) as exc:
            log.warning("kb index %s unusable (%s); rebuilding", index_file, exc)
            if attempt == 1:
                _remove(index_file)
        except OSError as exc:
            log.warning("kb index %s not writable (%s); loading without it", index_file, exc)
            break
    return loader.load_kb(kb_dir)


def _remove(index_file: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.unlink(f"{index_file}{suffix}")
        except FileNotFoundError:
            pass
        except OSError:
            pass
