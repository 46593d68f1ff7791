"""Free text at the boundary: one cleaning function for everything typed, pasted or received.

Every place where free text enters the app calls :func:`clean_text` (form fields through
``Complaint.from_dict``, IPC messages, CLI input, KB card files, outbox payloads, pastes into
the panel's text fields), and the head-office receiver refuses what it would have changed
(:func:`text_problem`), so the two sides agree on what "clean" means:

- NUL and every other control character (Unicode category Cc) are removed, except tab and
  newline; ``\\r\\n`` and a lone ``\\r`` become ``\\n``;
- a lone surrogate (half of a UTF-16 pair: unencodable, PostgreSQL and SQLite reject it) is
  replaced by U+FFFD;
- the length is bounded per field: too long text is never cut silently — :class:`TextTooLong`
  names the field, the length and the limit.

Pure and Qt-free; linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# C0 controls except \t (09) and \n (0A); DEL; C1 controls. \r is handled first.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?")
REPLACEMENT = "\ufffd"

#: Default bounds (characters). Head office uses the same numbers (protocol.MAX_STRING).
LINE_MAX = 200          # one-line fields: names, codes, numbers, references
TEXT_MAX = 10_000       # multi-line fields: facts, request, notes
DOCUMENT_MAX = 5_000_000  # a whole file given to `assist lint` / `assist privacy`


class TextTooLong(ValueError):
    """``field`` holds ``length`` characters; at most ``limit`` are allowed."""

    def __init__(self, field: str, length: int, limit: int):
        self.field, self.length, self.limit = field, length, limit
        where = f"{field}: " if field else ""
        super().__init__(f"{where}{length:,} characters; at most {limit:,} are allowed — shorten the text")


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: int      # control characters removed (\r of \r\n not counted)
    replaced: int     # lone surrogates replaced by U+FFFD

    @property
    def changed(self) -> bool:
        return bool(self.removed or self.replaced)


def clean(value: str, *, field: str = "", limit: int | None = None) -> Cleaned:
    """Clean ``value`` and say what changed. Raises :class:`TextTooLong` past ``limit``
    (counted after cleaning)."""
    if not isinstance(value, str):
        raise TypeError(f"{field or 'text'} must be text, not {type(value).__name__}")
    text = value
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    text, removed = _CONTROL.subn("", text)
    replaced = 0
    if not text.isascii():
        text, replaced = _SURROGATE.subn(REPLACEMENT, text)
    if limit is not None and len(text) > limit:
        raise TextTooLong(field, len(text), limit)
    return Cleaned(text, removed, replaced)


def clean_text(value: str, *, field: str = "", limit: int | None = None) -> str:
    """``value`` without control characters (tab and newline kept) or lone surrogates."""
    return clean(value, field=field, limit=limit).text


def clean_tree(obj: Any) -> Any:
    """Every string (keys included) of a JSON-like structure cleaned; other values unchanged."""
    if isinstance(obj, str):
        return clean_text(obj)
    if isinstance(obj, dict):
        return {clean_text(k) if isinstance(k, str) else k: clean_tree(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean_tree(v) for v in obj]
    return obj


def text_problem(value: str, limit: int | None = None) -> str | None:
    """Why ``value`` is not clean text (what :func:`clean_text` would change, or too long), or None.
    The receiver uses this to refuse a record instead of storing what the panel never sends."""
    if limit is not None and len(value) > limit:
        return f"{len(value):,} characters; at most {limit:,}"
    m = _CONTROL.search(value)
    if m:
        return f"control character U+{ord(m.group()):04X} at position {m.start()}"
    i = value.find("\r")
    if i >= 0:
        return f"carriage return (U+000D) at position {i}; lines end with \\n"
    if not value.isascii():
        m = _SURROGATE.search(value)
        if m:
            return f"lone surrogate U+{ord(m.group()):04X} at position {m.start()} (not valid Unicode)"
    return None


def read_text(data: bytes, *, source: str, limit: int = DOCUMENT_MAX) -> str:
    """Decode UTF-8 input (a file or standard input given to a command) and clean it.
    Raises ValueError naming ``source`` and the line of the first invalid byte."""
    if len(data) > limit * 4:
        raise TextTooLong(source, len(data), limit)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValueError(f"{source}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None
    return clean_text(text, field=source, limit=limit)
