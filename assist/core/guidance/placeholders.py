"""Placeholders in script blocks (syntax: kb/README.md).

    {工号}                    value from settings or the call; asked inline when unknown
    {客户称呼|您}              with a fallback
    {答复方式:短信/电话/书面}   a choice the agent picks
    {光标}                    where the cursor goes after pasting (removed from the text)

Names are Chinese characters, letters, digits or '_'; braces must balance.

``{今天}`` is computed here. ``{答复期限}`` is NOT: it is the complaint's due date from the deadline
engine (``assist.core.complaints.deadlines.script_due``), passed in as ``deadline``; without one
it stays unfilled (a script never promises a date nobody computed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

CURSOR = "光标"
DEADLINE = "答复期限"
COMPUTED = ("答复期限", "今天")
KNOWN_NAMES = ("工号", "坐席姓名", "机构名称", "客户称呼", "受理编号", "答复期限", "今天", CURSOR)
NAME_RE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9_]+$")
_BRACED = re.compile(r"\{([^{}\n]*)\}")


@dataclass(frozen=True)
class Placeholder:
    name: str
    start: int  # offsets of the whole "{…}" in the text
    end: int
    default: str | None = None  # {名|默认}
    choices: tuple[str, ...] = ()  # {名:甲/乙/丙}

    @property
    def is_cursor(self) -> bool:
        return self.name == CURSOR


@dataclass(frozen=True)
class Rendered:
    text: str
    cursor: int | None  # offset in ``text`` of the {光标} mark, if any
    missing: list[str] = field(default_factory=list)  # names with no value and no fallback (in order, unique)


def _split(body: str) -> tuple[str, str | None, tuple[str, ...]]:
    """'名|默认' / '名:甲/乙' / '名' -> (name, default, choices); whichever of | or : comes first wins."""
    bar, colon = body.find("|"), body.find(":")
    if bar >= 0 and (colon < 0 or bar < colon):
        return body[:bar].strip(), body[bar + 1:], ()
    if colon >= 0:
        return body[:colon].strip(), None, tuple(c.strip() for c in body[colon + 1:].split("/"))
    return body.strip(), None, ()


def parse(text: str) -> list[Placeholder]:
    """Well-formed placeholders in order; malformed ones are skipped (see :func:`validate`)."""
    out = []
    for m in _BRACED.finditer(text):
        name, default, choices = _split(m.group(1))
        if NAME_RE.match(name) and (not choices or _choices_ok(choices)):
            out.append(Placeholder(name, m.start(), m.end(), default, choices))
    return out


def validate(text: str) -> list[tuple[int, str]]:
    """Problems as (offset, message): unbalanced braces, empty or bad names, empty choices."""
    problems: list[tuple[int, str]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "{":
            if open_at is not None:
                problems.append((open_at, "placeholder '{' is not closed before the next '{'"))
            open_at = i
        elif ch == "}":
            if open_at is None:
                problems.append((i, "'}' without a matching '{'"))
            else:
                problems.extend(_check_one(text, open_at, i + 1))
                open_at = None
        elif ch == "\n" and open_at is not None:
            problems.append((open_at, "placeholder '{' is not closed on the same line"))
            open_at = None
    if open_at is not None:
        problems.append((open_at, "placeholder '{' is not closed"))
    cursors = [p for p in parse(text) if p.is_cursor]
    if len(cursors) > 1:
        problems.append((cursors[1].start, "{光标} appears more than once; keep one cursor mark"))
    return sorted(problems)


def _choices_ok(choices: tuple[str, ...]) -> bool:
    """At least two options, at most one of them empty (an empty option means 'leave out')."""
    return len(choices) >= 2 and sum(1 for c in choices if not c) <= 1 and any(choices)


def _check_one(text: str, start: int, end: int) -> list[tuple[int, str]]:
    raw = text[start:end]
    name, _default, choices = _split(raw[1:-1])
    if not name:
        return [(start, f"placeholder {raw} has an empty name")]
    if not NAME_RE.match(name):
        return [(start, f"placeholder {raw}: name '{name}' may only use Chinese characters, letters, digits or '_'")]
    if choices and not _choices_ok(choices):
        return [(start, f"placeholder {raw}: a choice needs at least two options, e.g. {{{name}:甲/乙}}"
                        " (one may be empty to mean 'leave out': {名:甲/})")]
    if name == CURSOR and raw != "{光标}":
        return [(start, f"placeholder {raw}: the cursor mark takes no fallback or choices")]
    return []


def format_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def computed_values(today: dt.date | None = None, deadline: dt.date | None = None) -> dict[str, str]:
    """``{今天}``, and ``{答复期限}`` when the deadline engine gave a date."""
    today = today or dt.date.today()
    out = {"今天": format_date(today)}
    if deadline is not None:
        out[DEADLINE] = format_date(deadline)
    return out


def slot(p: Placeholder) -> str:
    """How an unfilled placeholder reads in a sentence shown to the agent: 【受理编号】, 【短信/电话】."""
    return "【" + ("/".join(c for c in p.choices if c) if p.choices else p.name) + "】"


def render(text: str, values: dict[str, str] | None = None, today: dt.date | None = None,
           deadline: dt.date | None = None, unfilled: Callable[[Placeholder], str] | None = None) -> Rendered:
    """Fill placeholders. Unknown ones without a fallback stay as written (or as ``unfilled(p)``
    says, e.g. :func:`slot`) and are listed in ``missing``.
    ``deadline`` (from the deadline engine) fills ``{答复期限}``; a value given for it wins."""
    vals = {**computed_values(today, deadline), **{k: str(v) for k, v in (values or {}).items() if v not in (None, "")}}
    out: list[str] = []
    pos = 0
    cursor: int | None = None
    missing: list[str] = []
    length = 0
    for p in parse(text):
        chunk = text[pos:p.start]
        out.append(chunk)
        length += len(chunk)
        pos = p.end
        if p.is_cursor:
            if cursor is None:
                cursor = length
            continue
        if p.name in vals:
            rep = vals[p.name]
        elif p.default is not None:
            rep = p.default
        else:
            rep = unfilled(p) if unfilled is not None else text[p.start:p.end]
            if p.name not in missing:
                missing.append(p.name)
        out.append(rep)
        length += len(rep)
    out.append(text[pos:])
    return Rendered("".join(out), cursor, missing)


def as_fields(text: str) -> str:
    """A rendered script for reading: the placeholders still unfilled shown as 〔名称〕 (a choice as
    〔名称：甲／乙〕), the cursor mark dropped — never raw braces on screen."""
    out, pos = [], 0
    for p in parse(text):
        out.append(text[pos:p.start])
        pos = p.end
        if not p.is_cursor:
            out.append("〔" + p.name + ("：" + "／".join(p.choices) if p.choices else "") + "〕")
    out.append(text[pos:])
    return "".join(out)
