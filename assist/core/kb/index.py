"""Compiled KB index: the panel starts from parsed cards cached in SQLite.

One row per card file, keyed by (KB root, relative path), holding the file's
size, mtime and sha256 and the parse result as JSON (never pickle). At start-up:

* size + mtime unchanged (and the file was not modified within ~2 s of being
  indexed, git's "racy" rule) → the row is reused without reading the file;
* otherwise the file is read and hashed; same sha256 → reused, only the stat
  fields are refreshed; a different hash → parsed again;
* rows for files that are gone are dropped.

A change to the parser or the card model (``loader.py``/``model.py``) or to the row
format (``FORMAT``) changes the parser fingerprint and rebuilds everything. A broken or
unwritable index never stops the panel: it is rebuilt, or the KB is loaded without it.

Rows are compact (:mod:`assist.core.kb.index_rows`): a card's fields in order between
separator characters, and on loading, values that repeat across cards are shared, so 20,000
cards load in a fraction of a second and take about half the memory they did. The file also keeps data derived from the KB (:class:`DerivedStore`: the search
engine, the search character table), keyed by what it was built from.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import hashlib
import json
import logging
import os
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assist.core.kb import index_rows, loader, model
from assist.core.kb.loader import add_card, card_files, load_synonyms, parse_card
from assist.core.kb.model import Card, CardError, KnowledgeBase

log = logging.getLogger(__name__)
FORMAT = 2  # 2: delimited card rows (index_rows), the derived data table
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


# ---- rows ----------------------------------------------------------------------------

_card_to_json = index_rows.encode  # names kept from format 1 (rows were JSON objects then)


def _card_from_json(text: str | None) -> Card | None:
    return index_rows.Decoder().card(text)


def _errors_to_json(errors: list[CardError]) -> str:
    return json.dumps([dataclasses.astuple(e) for e in errors], ensure_ascii=False)


def _errors_from_json(text: str) -> list[CardError]:
    return [CardError(*e) for e in json.loads(text)] if text != "[]" else []


# ---- the index ---------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    root TEXT NOT NULL, rel TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    indexed_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, card TEXT, errors TEXT NOT NULL,
    PRIMARY KEY (root, rel));
CREATE TABLE IF NOT EXISTS derived (
    root TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (root, name));
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
        con.execute("DELETE FROM derived")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('parser', ?)", (fp,))
        con.execute("COMMIT")
    return con


def trim_heap() -> None:
    """Give the memory a load has freed back to the system (glibc's ``malloc_trim``; a no-op
    elsewhere). Loading 20,000 cards frees about 60 MB of row text in many small blocks that the
    C allocator would otherwise keep: about 16 MB of the panel's resident memory at 20,000 cards."""
    global _TRIM
    if _TRIM is None:
        _TRIM = False
        if sys.platform.startswith("linux"):
            try:
                _TRIM = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
            except (OSError, AttributeError):
                pass
    if _TRIM:
        _TRIM(0)


_TRIM: Any = None


def _parse_file(data: bytes, rel: str) -> tuple[Card | None, list[CardError]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [CardError(rel, 1, f"cannot read file: {exc}; save it as UTF-8", code="unreadable")]
    return parse_card(text, rel)


@dataclass
class CompiledKB(KnowledgeBase):
    """A KB loaded through the compiled index, with the index's store for data derived from it."""

    store: DerivedStore | None = None


class DerivedStore:
    """Data derived from one compiled KB (the search engine) or from nothing in it (the search
    character table, ``root=""``), kept in the index file beside the cards. Each entry records
    the key it was built for; :meth:`get` returns it only for the same key. A broken, locked or
    read-only file is never an error here: the caller builds the data again."""

    def __init__(self, index_file: Path, root: str, kb_key: str) -> None:
        self.index_file = index_file
        self.root = root
        self.kb_key = kb_key  # changes with any card file, the synonyms or the parser

    def get(self, name: str, key: str, *, shared: bool = False) -> bytes | None:
        try:
            con = sqlite3.connect(self.index_file.resolve().as_uri() + "?mode=ro", uri=True)
            try:
                row = con.execute("SELECT key, data FROM derived WHERE root=? AND name=?",
                                  ("" if shared else self.root, name)).fetchone()
            finally:
                con.close()
        except sqlite3.Error as exc:
            log.warning("kb index %s: %s unreadable (%s)", self.index_file, name, exc)
            return None
        return bytes(row[1]) if row is not None and row[0] == key else None

    def put(self, name: str, key: str, data: bytes, *, shared: bool = False) -> None:
        try:
            con = sqlite3.connect(self.index_file, isolation_level=None)
            try:
                con.execute("INSERT OR REPLACE INTO derived VALUES (?,?,?,?)", ("" if shared else self.root, name, key, data))
            finally:
                con.close()
        except sqlite3.Error as exc:
            log.warning("kb index %s: %s not stored (%s)", self.index_file, name, exc)


def compile_kb(kb_dir: str | Path, index_file: str | Path) -> tuple[CompiledKB, dict[str, int]]:
    """Load the KB through the index; returns (kb, stats: parsed/hashed/reused/dropped)."""
    root = Path(kb_dir)
    key = str(root.resolve())
    stats = {"parsed": 0, "hashed": 0, "reused": 0, "dropped": 0}
    index_file = Path(index_file)
    con = _open(index_file)
    key_parts: list[str] = [parser_fingerprint()]  # what the KB key is made of
    decode = index_rows.Decoder().card
    rows: dict[str, tuple[Any, ...]] = {}
    try:
        rows = {r[0]: r for r in con.execute(  # rel → (rel, size, mtime_ns, indexed_ns, sha256, card, errors)
            "SELECT rel, size, mtime_ns, indexed_ns, sha256, card, errors FROM files WHERE root=?", (key,))}
        cards: list[Card] = []
        errors: list[CardError] = []
        seen: dict[str, str] = {}
        now = time.time_ns()
        con.execute("BEGIN")
        present: set[str] = set()
        for path, rel in card_files(root):
            present.add(rel)
            try:
                st = os.stat(path)
                row = rows.get(rel)
                if row and row[1] == st.st_size and row[2] == st.st_mtime_ns and st.st_mtime_ns + RACY_NS < row[3]:
                    sha, card_json, errs_json = row[4], row[5], row[6]
                    stats["reused"] += 1
                else:
                    with open(path, "rb") as fh:
                        data = fh.read()
                    sha = hashlib.sha256(data).hexdigest()
                    stats["hashed"] += 1
                    if row and row[4] == sha:
                        card_json, errs_json = row[5], row[6]
                        stats["reused"] += 1
                    else:
                        card, errs = _parse_file(data, rel)
                        card_json, errs_json = _card_to_json(card), _errors_to_json(errs)
                        stats["parsed"] += 1
                    con.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?)",
                                (key, rel, st.st_size, st.st_mtime_ns, now, sha, card_json, errs_json))
            except OSError as exc:
                errors.append(CardError(rel, 1, f"cannot read file: {exc}", code="unreadable"))
                key_parts += (rel, "unreadable")
                continue
            key_parts += (rel, sha)
            if errs_json != "[]":
                errors.extend(_errors_from_json(errs_json))
            card = decode(card_json)
            if card is not None:
                if card.id in seen:
                    add_card(card, rel, cards, seen, errors)  # reports the duplicate id
                else:
                    seen[card.id] = rel
                    cards.append(card)
        for rel in set(rows) - present:
            con.execute("DELETE FROM files WHERE root=? AND rel=?", (key, rel))
            stats["dropped"] += 1
        for (other,) in con.execute("SELECT DISTINCT root FROM files WHERE root<>?", (key,)).fetchall():
            if not os.path.isdir(other):  # e.g. a pack version pruned after an import
                con.execute("DELETE FROM files WHERE root=?", (other,))
                con.execute("DELETE FROM derived WHERE root=?", (other,))
        con.execute("COMMIT")
    finally:
        con.close()
    del rows  # the row text (about 60 MB at 20,000 cards) is garbage now
    trim_heap()
    synonyms, syn_errs = load_synonyms(root)
    errors.extend(syn_errs)
    key_parts.append(json.dumps(synonyms, ensure_ascii=False))
    vfile = root / "VERSION"
    version = (vfile.read_text(encoding="utf-8").strip() if vfile.exists() else "") or "dev"
    kb_key = hashlib.sha256("\0".join(key_parts).encode()).hexdigest()[:32]
    store = DerivedStore(index_file, key, kb_key)
    return CompiledKB(cards=cards, errors=errors, root=str(root), version=version, synonyms=synonyms, store=store), stats


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
