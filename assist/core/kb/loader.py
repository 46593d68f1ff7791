"""Parse card files (Markdown + YAML front matter) and load a KB folder.

A broken card never stops the load: it becomes a :class:`CardError` and the
rest of the KB still loads. Deeper checks (dangling ``related`` ids, forbidden
phrases, personal data…) live in :mod:`assist.core.kb.checker`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from assist.core.kb.model import (
    BLOCK_KINDS,
    CALL_STAGES,
    CARD_KINDS,
    DIRECTIONS,
    PRIVACY_LEVELS,
    REMINDER_KINDS,
    Block,
    Card,
    CardError,
    KnowledgeBase,
)
from assist.core.text import clean
from assist.core.yamlfile import Loader, error_at, parse

CARD_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
KNOWN_FIELDS = {
    "id", "title", "aliases", "category", "tags", "call_stages", "privacy_level",
    "legal_basis", "related", "version", "owner", "reviewed_by", "reviewed_at",
    "effective_from", "expires_at", "unverified", "kind", "must_read",
}
REQUIRED_FIELDS = ("id", "title", "category", "privacy_level", "version", "owner")
FENCE_RE = re.compile(r"^(`{3,}|~{3,})\s*(\S*)\s*(.*)$")


def _split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front-matter text, body, body's first line number)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 2
    return None, text, 1


def _as_list(value: Any, field: str, errors: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v) for v in value)
    errors.append(f"field '{field}' must be a list of strings, e.g. {field}: [甲, 乙]")
    return ()


def _as_date(value: Any, field: str, errors: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors.append(f"field '{field}' is not a date: {value!r}; write it as YYYY-MM-DD")
        return None


def _parse_attrs(rest: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    try:
        parts = shlex.split(rest)
    except ValueError:
        parts = rest.split()
    for part in parts:
        if "=" in part:
            k, v = part.split("=", 1)
            attrs[k.strip()] = v.strip()
        elif part:
            attrs.setdefault("name", part)
    return attrs


def parse_blocks(body: str, first_line: int, rel: str) -> tuple[list[Block], list[CardError]]:
    blocks: list[Block] = []
    errors: list[CardError] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i].strip())
        if not m:
            i += 1
            continue
        fence, info, rest = m.group(1), m.group(2), m.group(3)
        start = i
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence[0] * len(fence)):
            j += 1
        if j >= len(lines):
            errors.append(CardError(rel, first_line + start, f"code block opened with {fence} is never closed; add a closing {fence} line",
                                    code="unclosed-block"))
            break
        text = "\n".join(lines[start + 1:j]).strip("\n")
        lineno = first_line + start
        if info in BLOCK_KINDS:
            attrs = _parse_attrs(rest)
            if info == "script":
                name, stage = attrs.get("name", ""), attrs.get("stage", "")
                if not name:
                    errors.append(CardError(rel, lineno, "script block has no name; write ```script name=开场问候 stage=开场", code="script-name"))
                if stage not in CALL_STAGES:
                    errors.append(CardError(rel, lineno, f"script block has stage {stage!r}; use one of {', '.join(CALL_STAGES)}", code="script-stage"))
                if attrs.get("direction", "") not in ("", *DIRECTIONS):
                    errors.append(CardError(rel, lineno, f"script block has direction {attrs['direction']!r}; use 呼入 (inbound) "
                                                         "or 外呼 (outbound), or leave it out for both", code="script-direction"))
                blocks.append(Block("script", text, name=name, stage=stage, line=lineno, attrs=tuple(attrs.items())))
            else:
                kind = attrs.get("kind", attrs.get("name", "info"))
                if kind not in REMINDER_KINDS:
                    errors.append(CardError(rel, lineno, f"reminder kind {kind!r} is unknown; use one of {', '.join(REMINDER_KINDS)}", code="reminder-kind"))
                blocks.append(Block("reminder", text, name=attrs.get("title", ""), reminder_kind=kind, line=lineno, attrs=tuple(attrs.items())))
            if not text.strip():
                errors.append(CardError(rel, lineno, f"{info} block is empty", code="empty-block"))
        i = j + 1
    return blocks, errors


def _node_key_lines(node: Any, offset: int) -> dict[str, int]:
    out: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            if isinstance(k, yaml.ScalarNode):
                out.setdefault(str(k.value), offset + k.start_mark.line)
    return out


def parse_card(text: str, rel: str) -> tuple[Card | None, list[CardError]]:
    """Parse one card file. Returns (card or None, problems)."""
    errs: list[CardError] = []
    text = text.lstrip("\ufeff")
    cleaned = clean(text)
    if cleaned.changed:
        bad = next(i for i, (a, b) in enumerate(zip(text.replace("\r\n", "\n"), cleaned.text + "\0")) if a != b)
        line = text.replace("\r\n", "\n").count("\n", 0, bad) + 1
        errs.append(CardError(rel, line, f"{cleaned.removed} control character(s) removed and {cleaned.replaced} invalid "
                                         "character(s) replaced; save the file as plain UTF-8 text", severity="warning",
                              code="text-cleaned"))
    text = cleaned.text
    fm_text, body, body_line = _split_front_matter(text)
    if fm_text is None:
        return None, [CardError(rel, 1, "no YAML front matter: the file must start with a '---' line, the fields, and a closing '---' line",
                                code="no-front-matter")]
    loader = Loader(fm_text)
    try:  # compose once: the node tree gives both the data and each field's line
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        line, problem = error_at(exc, 2)
        return None, [CardError(rel, line, f"front matter is not valid YAML: {problem}", code="bad-yaml")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, [CardError(rel, 2, "front matter must be a mapping of field: value lines", code="bad-yaml")]
    lines = _node_key_lines(node, 2)

    def at(field: str) -> int:
        return lines.get(field, 1)

    for key in data:
        if str(key) not in KNOWN_FIELDS:
            errs.append(CardError(rel, at(str(key)), f"unknown field '{key}'; known fields: {', '.join(sorted(KNOWN_FIELDS))}", code="unknown-field"))
    for key in REQUIRED_FIELDS:
        if data.get(key) in (None, "", []):
            errs.append(CardError(rel, at(key) if key in lines else 1, f"missing required field '{key}'", code=f"missing-{key}"))
    cid = str(data.get("id") or "")
    if cid and not CARD_ID_RE.match(cid):
        errs.append(CardError(rel, at("id"), f"id {cid!r} must be 2–64 lowercase letters, digits or '-', e.g. card-loss-debit", code="bad-id"))
    problems: list[tuple[str, str]] = []

    def collect(field: str, fn: Callable[..., Any], *a: Any) -> Any:
        msgs: list[str] = []
        val = fn(data.get(field), field, msgs, *a)
        problems.extend((field, m) for m in msgs)
        return val

    aliases = collect("aliases", _as_list)
    tags = collect("tags", _as_list)
    stages = collect("call_stages", _as_list)
    legal = collect("legal_basis", _as_list)
    related = collect("related", _as_list)
    reviewed_at = collect("reviewed_at", _as_date)
    eff = collect("effective_from", _as_date)
    exp = collect("expires_at", _as_date)
    for field, msg in problems:
        errs.append(CardError(rel, at(field), msg, code="bad-field"))
    for st in stages:
        if st not in CALL_STAGES:
            errs.append(CardError(rel, at("call_stages"), f"call stage {st!r} is unknown; use {', '.join(CALL_STAGES)}", code="bad-stage"))
    level = str(data.get("privacy_level") or "C1")
    if level not in PRIVACY_LEVELS:
        errs.append(CardError(rel, at("privacy_level"), f"privacy_level {level!r} must be C1, C2 or C3 (JR/T 0171-2020)", code="bad-privacy-level"))
    try:
        version = int(data.get("version") or 1)
    except (TypeError, ValueError):
        errs.append(CardError(rel, at("version"), f"version {data.get('version')!r} must be a whole number", code="bad-field"))
        version = 1
    kind = str(data.get("kind") or "card")
    if kind not in CARD_KINDS:
        errs.append(CardError(rel, at("kind"), f"kind {kind!r} is unknown; use {' or '.join(CARD_KINDS)} (a 风险提示函 is kind: notice)", code="bad-kind"))
        kind = "card"
    must_read = data.get("must_read", False)
    if not isinstance(must_read, bool):
        errs.append(CardError(rel, at("must_read"), "must_read must be true or false", code="bad-field"))
        must_read = False
    elif must_read and kind != "notice":
        errs.append(CardError(rel, at("must_read"), "must_read is for notices only (kind: notice)", code="bad-field"))
        must_read = False
    if kind == "notice" and eff is None:
        errs.append(CardError(rel, at("kind"), "a notice needs effective_from (YYYY-MM-DD): the day agents must see it from", code="notice-effective"))
    blocks, block_errs = parse_blocks(body, body_line, rel)
    errs.extend(block_errs)
    if not cid or not data.get("title"):
        return None, errs
    card = Card(
        id=cid, title=str(data["title"]).strip(), body=body.strip("\n"), category=str(data.get("category") or ""),
        aliases=aliases, tags=tags, call_stages=stages, privacy_level=level, legal_basis=legal, related=related,
        version=version, owner=str(data.get("owner") or ""), reviewed_by=str(data.get("reviewed_by") or ""),
        reviewed_at=reviewed_at, effective_from=eff, expires_at=exp, unverified=str(data.get("unverified") or ""),
        kind=kind, must_read=must_read, blocks=tuple(blocks), path=rel, line_of=dict(lines) | {"__body__": body_line},
    )
    return card, errs


def load_synonyms(kb_dir: Path) -> tuple[list[list[str]], list[CardError]]:
    path = kb_dir / "synonyms.yaml"
    if not path.exists():
        return [], []
    rel = str(path)
    try:
        data = parse(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        line, problem = error_at(exc)
        return [], [CardError(rel, line, f"not valid YAML: {problem}", code="bad-yaml")]
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        return [], [CardError(rel, 1, "synonyms file must have a top-level 'groups:' list of lists", code="bad-synonyms")]
    out = [[str(w) for w in g] for g in groups if isinstance(g, list) and len(g) >= 2]
    return out, []


def add_card(card: Card, rel: str, cards: list[Card], seen: dict[str, str], errors: list[CardError]) -> None:
    """Append ``card`` unless its id is taken (then report the duplicate where it stands)."""
    if card.id in seen:
        errors.append(CardError(rel, card.line_of.get("id", 1), f"duplicate id '{card.id}', already used by {seen[card.id]}", code="duplicate-id"))
        return
    seen[card.id] = rel
    cards.append(card)


def card_files(kb_dir: Path) -> list[tuple[str, str]]:
    """(path, rel) of every card file under ``kb_dir/cards`` (or ``kb_dir``), in path order: the
    files ``rglob("*.md")`` finds (symlinked folders are not entered), README.md left out; ``rel``
    starts at the KB folder's name (``kb/cards/x.md``). Plain strings, no Path objects: 20,000
    files are listed in a few tens of milliseconds."""
    cards_dir = kb_dir / "cards" if (kb_dir / "cards").is_dir() else kb_dir
    top = [kb_dir.name] if kb_dir.name else []
    if cards_dir != kb_dir:
        top.append("cards")
    windows = os.name == "nt"  # pathlib compares and matches case-insensitively there
    found: list[tuple[tuple[str, ...], str, str]] = []

    def scan(folder: str, parts: tuple[str, ...]) -> None:
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except PermissionError:
            return
        for e in entries:
            name = e.name
            if (name.lower() if windows else name).endswith(".md") and name.lower() != "readme.md":
                here = (*parts, name)
                found.append((tuple(p.lower() for p in here) if windows else here, e.path, os.sep.join((*top, *here))))
            try:
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                scan(e.path, (*parts, name))

    scan(str(cards_dir), ())
    found.sort()
    return [(path, rel) for _key, path, rel in found]


def iter_card_files(kb_dir: Path) -> list[Path]:
    return [Path(path) for path, _rel in card_files(kb_dir)]


def load_kb(kb_dir: str | Path) -> KnowledgeBase:
    """Load every card under ``kb_dir/cards`` (or ``kb_dir`` itself). Never raises for bad cards."""
    root = Path(kb_dir)
    cards: list[Card] = []
    errors: list[CardError] = []
    seen: dict[str, str] = {}
    for path in iter_card_files(root):
        rel = str(path.relative_to(root.parent)) if root.parent != path else str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(CardError(rel, 1, f"cannot read file: {exc}; save it as UTF-8", code="unreadable"))
            continue
        card, errs = parse_card(text, rel)
        errors.extend(errs)
        if card is not None:
            add_card(card, rel, cards, seen, errors)
    synonyms, syn_errs = load_synonyms(root)
    errors.extend(syn_errs)
    version = "dev"
    vfile = root / "VERSION"
    if vfile.exists():
        version = vfile.read_text(encoding="utf-8").strip() or "dev"
    return KnowledgeBase(cards=cards, errors=errors, root=str(root), version=version, synonyms=synonyms)
