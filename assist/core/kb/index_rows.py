"""How the compiled index (:mod:`assist.core.kb.index`) stores one parsed card in its row.

Decoding 20,000 cards is most of a warm start, so the usual row is not JSON but the card's
fields in order, separated by ASCII separator characters (``\\x1f`` between fields, ``\\x1e``
inside a list, ``\\x1d`` between blocks, ``\\x1c`` inside a block's attributes): Python's
``str.split`` reads it several times faster than ``json.loads`` reads the same Chinese text.
Card text never holds these characters (the loader removes control characters), but a card that
does (a YAML escape such as ``"\\x1f"``), has an empty list item, or a card model this module
does not know is stored as a JSON array instead. Never pickle.

On decoding, strings, tuples, dates and line tables that repeat across cards (categories,
owners, stages, legal bases, field line numbers) are shared between the cards of one load:
cards are frozen and nothing changes them after loading.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from assist.core.kb.model import Block, Card

US, RS, GS, FS = "\x1f", "\x1e", "\x1d", "\x1c"
_SEPARATORS = frozenset(US + RS + GS + FS)
_CARD_FIELDS = tuple(f.name for f in dataclasses.fields(Card))
_BLOCK_FIELDS = tuple(f.name for f in dataclasses.fields(Block))
_DATES = ("reviewed_at", "effective_from", "expires_at")
_INTS = ("version",)
_BOOLS = ("must_read",)  # "1" or ""
_TUPLES = ("aliases", "related")  # mostly unique per card
_SHARED_TUPLES = ("tags", "call_stages", "legal_basis")  # repeat across cards
_SHARED = ("category", "privacy_level", "owner", "reviewed_by", "unverified", "kind")
_PLAIN = ("id", "title", "body", "path")
_BLOCK_SHARED = ("kind", "name", "stage", "reminder_kind")
_AT = {name: i for i, name in enumerate(_CARD_FIELDS)}
_AT_SHARED = tuple(_AT[k] for k in _SHARED if k in _AT)
_AT_SHARED_TUPLES = tuple(_AT[k] for k in _SHARED_TUPLES if k in _AT)
_AT_TUPLES = tuple(_AT[k] for k in _TUPLES if k in _AT)
_AT_DATES = tuple(_AT[k] for k in _DATES if k in _AT)
_AT_BOOLS = tuple(_AT[k] for k in _BOOLS if k in _AT)
_AT_VERSION, _AT_BLOCKS, _AT_LINES = _AT.get("version", -1), _AT.get("blocks", -1), _AT.get("line_of", -1)
# The delimited form is used only for the card model it was written for.
_DELIMITED = set(_CARD_FIELDS) == {*_DATES, *_INTS, *_BOOLS, *_TUPLES, *_SHARED_TUPLES, *_SHARED, *_PLAIN, "blocks", "line_of"} \
    and _BLOCK_FIELDS == ("kind", "text", "name", "stage", "reminder_kind", "line", "attrs")


def _clean(s: Any) -> bool:
    return isinstance(s, str) and _SEPARATORS.isdisjoint(s)


def _items(values: tuple[Any, ...]) -> str | None:
    if all(_clean(v) and v for v in values):
        return RS.join(values)
    return None


def _delimited(card: Card) -> str | None:
    out: list[str] = []
    for name in _CARD_FIELDS:
        v = getattr(card, name)
        if name in _DATES:
            out.append(v.isoformat() if v else "")
        elif name in _INTS:
            if type(v) is not int:
                return None
            out.append(str(v))
        elif name in _BOOLS:
            if type(v) is not bool:
                return None
            out.append("1" if v else "")
        elif name == "blocks":
            blocks = []
            for b in v:
                attrs = [RS.join(a) for a in b.attrs]
                fields = [b.kind, b.text, b.name, b.stage, b.reminder_kind]
                if type(b.line) is not int or not all(map(_clean, fields)) or not all(
                        len(a) == 2 and all(x and _clean(x) for x in a) for a in b.attrs):
                    return None
                blocks.append(RS.join([*fields, str(b.line), FS.join(attrs)]))
            out.append(GS.join(blocks))
        elif name == "line_of":
            if not all(k and _clean(k) and type(n) is int for k, n in v.items()):
                return None
            out.append(RS.join(f"{k}{RS}{n}" for k, n in v.items()))
        elif isinstance(v, tuple):
            joined = _items(v)
            if joined is None:
                return None
            out.append(joined)
        elif _clean(v):
            out.append(v)
        else:
            return None
    return US + US.join(out)


def encode(card: Card | None) -> str | None:
    if card is None:
        return None
    text = _delimited(card) if _DELIMITED else None
    if text is not None:
        return text
    out: list[Any] = []
    for name in _CARD_FIELDS:
        v = getattr(card, name)
        if name in _DATES:
            v = v.isoformat() if v else None
        elif name == "blocks":
            v = [[list(map(list, b.attrs)) if f == "attrs" else getattr(b, f) for f in _BLOCK_FIELDS] for b in v]
        elif name == "line_of":
            v = [x for kv in v.items() for x in kv]
        elif isinstance(v, tuple):
            v = list(v)
        out.append(v)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def fast(cls: type, fields: dict[str, Any]) -> Any:
    """Build a frozen dataclass from trusted cached fields without its per-field
    ``object.__setattr__`` __init__ (3x faster for 20,000 cards). The fields were
    produced from an instance of the same class (the parser fingerprint covers
    model.py), so nothing is skipped but the cost."""
    obj: Any = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


class Decoder:
    """Turns rows back into cards (one decoder per load, so equal values are shared).
    ValueError (or TypeError/KeyError) for a row that is not a card."""

    def __init__(self) -> None:
        self.memo: dict[Any, Any] = {}
        self.dates: dict[str, dt.date] = {}
        self.lists: dict[str, tuple[Any, ...]] = {}
        self.lines: dict[Any, dict[str, int]] = {}

    def card(self, text: str | None) -> Card | None:
        if text is None:
            return None
        if text[:1] == US:
            return self._from_delimited(text)
        return self._from_json(text)

    def _date(self, text: str | None) -> dt.date | None:
        if not text:
            return None
        d = self.dates.get(text)
        if d is None:
            d = self.dates[text] = dt.date.fromisoformat(text)
        return d

    def _shared_list(self, raw: str) -> tuple[str, ...]:
        t = self.lists.get(raw)
        if t is None:
            sd = self.memo.setdefault
            items = raw.split(RS) if raw else []
            t = self.lists[raw] = tuple(map(sd, items, items))
        return t

    def _block(self, raw: str) -> Block:
        kind, text, name, stage, reminder_kind, line, attrs = raw.split(RS, 6)
        head = (kind, name, stage, reminder_kind)
        head = self.memo.setdefault(head, head)
        pairs = self.lists.get(FS + attrs)
        if pairs is None:
            pairs = self.lists[FS + attrs] = tuple(tuple(a.split(RS)) for a in attrs.split(FS)) if attrs else ()
        b = object.__new__(Block)  # see fast()
        b.__dict__.update(kind=head[0], text=text, name=head[1], stage=head[2], reminder_kind=head[3],
                          line=int(line), attrs=pairs)
        return b

    def _from_delimited(self, text: str) -> Card:
        v: list[Any] = text[1:].split(US)
        if len(v) != len(_CARD_FIELDS):
            raise ValueError("card row has the wrong number of fields")
        sd, dates, shared_list = self.memo.setdefault, self.dates, self._shared_list
        for i in _AT_SHARED:
            v[i] = sd(v[i], v[i])
        for i in _AT_SHARED_TUPLES:
            v[i] = shared_list(v[i])
        for i in _AT_TUPLES:
            v[i] = tuple(v[i].split(RS)) if v[i] else ()
        for i in _AT_DATES:
            v[i] = (dates.get(v[i]) or self._date(v[i])) if v[i] else None
        v[_AT_VERSION] = int(v[_AT_VERSION])
        for i in _AT_BOOLS:
            v[i] = v[i] == "1"
        v[_AT_BLOCKS] = tuple(map(self._block, v[_AT_BLOCKS].split(GS))) if v[_AT_BLOCKS] else ()
        raw = v[_AT_LINES]
        lines = self.lines.get(raw)
        if lines is None:
            flat = raw.split(RS) if raw else []
            keys = flat[::2]
            lines = self.lines[raw] = dict(zip(map(sd, keys, keys), map(int, flat[1::2]), strict=True))
        v[_AT_LINES] = lines
        card = object.__new__(Card)  # see fast()
        card.__dict__.update(zip(_CARD_FIELDS, v))
        return card

    def _from_json(self, text: str) -> Card:
        d: dict[str, Any] = dict(zip(_CARD_FIELDS, json.loads(text), strict=True))
        for k in _DATES:
            d[k] = dt.date.fromisoformat(d[k]) if d[k] else None
        for k in (*_TUPLES, *_SHARED_TUPLES):
            if k in d:
                d[k] = tuple(d[k])
        d["blocks"] = tuple(fast(Block, {**dict(zip(_BLOCK_FIELDS, b, strict=True)),
                                         "attrs": tuple(tuple(a) for a in b[_BLOCK_FIELDS.index("attrs")])})
                            for b in d["blocks"])
        flat = d["line_of"]
        d["line_of"] = dict(zip(flat[::2], flat[1::2], strict=True))
        card: Card = fast(Card, d)
        return card
