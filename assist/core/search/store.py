"""A built search engine as bytes, so a panel with an unchanged KB loads it instead of building it.

The bytes hold the index (a few flat arrays per field), the per-card name data and the plain
card bodies; the cards themselves come from the KB the caller loaded. Layout: ``ASSE``, a
4-byte header length, a JSON header (format, card ids, strings, array sizes, a CRC-32 of the
arrays), then the arrays' raw bytes. JSON and plain arrays only (never pickle): a damaged or
foreign blob raises ValueError and the caller builds the engine again. Postings are not checked
one by one (4 million at 20,000 cards): the checksum and the sizes stand for them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assist.core.search.engine import SearchEngine, synonym_map
from assist.core.search.index import Index, ids_code
from assist.core.search.model import Doc

if TYPE_CHECKING:
    from assist.core.kb.model import Card

FORMAT = 4  # of the bytes; the code that builds what is stored is covered by fingerprint()
MAGIC = b"ASSE"
_FIELDS = ("name", "tags", "body")
_ARRAYS = (("sat", "d"), ("starts", "I"), ("ids", ""), ("idf", "d"), ("codes", "Q"))  # ids: index.ids_code


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """FORMAT and the source of every module whose output is stored (keys, names, folding,
    readings): a stored engine built by other code is not loaded, whatever FORMAT says."""
    from assist.core.search import engine, index, names, pinyin, tables, text

    h = hashlib.sha256(f"format={FORMAT}".encode())
    for mod in (engine, index, names, pinyin, tables, text, sys.modules[__name__]):
        src = getattr(mod, "__file__", None)
        try:
            h.update(Path(src).read_bytes() if src else mod.__name__.encode())
        except OSError:
            h.update(mod.__name__.encode())
    return h.hexdigest()[:16]


def to_bytes(engine: SearchEngine) -> bytes:
    parts = engine.index.parts()
    strings: dict[str, Any] = {
        "ids": [d.id for d in engine.docs],
        "bodies": [d.body for d in engine.docs],
        "joined": engine._joined,
        "tagtext": engine._tagtext,
        "initials": [x for t in engine._initials for x in t],
        "keys": {f: parts[f]["keys"] for f in _FIELDS},  # null for a field numbered by codes
    }
    arrays = [parts[f][name] if parts[f][name] is not None else array(code) for f in _FIELDS for name, code in _ARRAYS]
    if any(a.typecode != (code or ids_code(len(engine.docs))) for a, (_n, code) in zip(arrays, _ARRAYS * len(_FIELDS))):
        raise ValueError("search engine arrays of unexpected types")
    raw = b"".join(a.tobytes() for a in arrays)
    head = json.dumps({"format": FORMAT, "byteorder": sys.byteorder, "n": len(engine.docs), "strings": strings,
                       "sizes": [len(a) for a in arrays], "crc": zlib.crc32(raw)},
                      ensure_ascii=False, separators=(",", ":")).encode()
    return MAGIC + struct.pack("<I", len(head)) + head + raw


def _docs(cards: Sequence[Card], bodies: list[str], today: dt.date) -> list[Doc]:
    out: list[Doc] = []
    for c, body in zip(cards, bodies):
        doc = object.__new__(Doc)  # a frozen dataclass: set its fields without 8 object.__setattr__ calls
        doc.__dict__.update(id=c.id, title=c.title, aliases=c.aliases, tags=c.tags, body=body,  # cards hold tuples
                            category=c.category, call_stages=c.call_stages, expired=c.is_expired(today))
        out.append(doc)
    return out


def from_bytes(data: bytes, cards: Sequence[Card], synonyms: Iterable[Sequence[str]] = (),
               today: dt.date | None = None) -> SearchEngine:
    """The engine stored by :func:`to_bytes` for these ``cards`` (in the same order);
    ValueError when the bytes are damaged, of another format or for other cards."""
    try:
        if data[:4] != MAGIC:
            raise ValueError("not a stored search engine")
        (n,) = struct.unpack_from("<I", data, 4)
        head = json.loads(data[8:8 + n].decode())
        if head.get("format") != FORMAT or head.get("byteorder") != sys.byteorder:
            raise ValueError("stored search engine of another format")
        strings, sizes = head["strings"], head["sizes"]
        pos = 8 + n
        view = memoryview(data)
        if zlib.crc32(view[pos:]) != head["crc"]:  # postings are trusted below: check them whole
            raise ValueError("stored search engine is damaged (checksum)")
        arrays: list[array[Any]] = []
        for (_f, (_name, code)), size in zip(((f, a) for f in _FIELDS for a in _ARRAYS), sizes, strict=True):
            a = array(code or ids_code(head["n"]))
            end = pos + size * a.itemsize
            if end > len(data):
                raise ValueError("stored search engine cut short")
            a.frombytes(view[pos:end])
            arrays.append(a)
            pos = end
        if pos != len(data):
            raise ValueError("stored search engine has trailing bytes")
        ids, bodies = strings["ids"], strings["bodies"]
        if ids != [c.id for c in cards] or len(bodies) != len(cards) or head["n"] != len(cards):
            raise ValueError("stored search engine is for other cards")
        parts: dict[str, Any] = {"n_docs": len(cards)}
        k = len(_ARRAYS)
        for i, f in enumerate(_FIELDS):
            sat, starts, post, idf, codes = arrays[k * i:k * i + k]
            keys = strings["keys"][f]
            n_keys = len(keys) if keys is not None else len(codes)
            if (len(sat) != len(cards) or len(starts) != n_keys + 1 or len(idf) != n_keys or starts[-1] != len(post)
                    or (keys is not None and len(codes))):
                raise ValueError("stored search engine: sizes do not match")
            parts[f] = {"keys": keys, "codes": codes if keys is None else None, "sat": sat, "starts": starts,
                        "ids": post, "idf": idf}
        flat = strings["initials"]
        initials = list(zip(flat[::4], flat[1::4], flat[2::4], flat[3::4], strict=True))
        joined, tagtext = strings["joined"], strings["tagtext"]
        if not (len(initials) == len(joined) == len(tagtext) == len(cards)):
            raise ValueError("stored search engine: sizes do not match")
        index = Index.from_parts(parts)
    except (KeyError, TypeError, IndexError, struct.error) as exc:  # (bad JSON or UTF-8 is a ValueError already)
        raise ValueError(f"damaged stored search engine: {exc}") from exc
    docs = _docs(cards, bodies, today or dt.date.today())
    return SearchEngine(docs, index, synonym_map(synonyms), joined, tagtext, initials)
