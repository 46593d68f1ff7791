"""Masking of the spans ``find_pii`` reports, by a configurable house policy.

Numbers are masked digit by digit (separators, ``+86`` and parentheses are kept), so
a masked number has the same length and shape as the original; e-mail and secrets
change length. A masked text contains no span ``find_pii`` would report again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from assist.core.privacy import checks
from assist.core.privacy.checks import (
    BANK_CARD,
    EMAIL,
    ID_CARD,
    LANDLINE,
    MOBILE,
    SECRET,
    USCC,
)
from assist.core.privacy.detect import PiiSpan, find_pii


@dataclass(frozen=True)
class MaskPolicy:
    """How much of each kind stays visible. HOUSE POLICY, not JR/T 0171 (unverified)."""

    card_head: int = 6
    card_tail: int = 4
    mobile_head: int = 3
    mobile_tail: int = 4
    id_head: int = 3
    id_tail: int = 4
    landline_keep_area: bool = True
    landline_tail: int = 2
    email_head: int = 1
    uscc_head: int = 2
    uscc_tail: int = 2
    mask_char: str = "*"
    secret_text: str = "[已隐去]"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> MaskPolicy:
        """Build from a settings-like mapping; unknown keys are ignored."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


DEFAULT_POLICY = MaskPolicy()
_active: MaskPolicy = DEFAULT_POLICY


def set_policy(policy: MaskPolicy | None) -> None:
    """Make ``policy`` what ``mask()`` uses when none is passed (the app applies the settings)."""
    global _active
    _active = policy or DEFAULT_POLICY


def active_policy() -> MaskPolicy:
    return _active


def parse_head_tail(value: str) -> tuple[int, int]:
    """``"6+4"`` → (6, 4): how many characters stay visible at the start and the end."""
    head, sep, tail = str(value).replace(" ", "").partition("+")
    if not sep or not head.isdigit() or not tail.isdigit():
        raise ValueError(f"{value!r} is not HEAD+TAIL, e.g. 6+4")
    return int(head), int(tail)


def _keep_ends(raw: str, head: int, tail: int, ch: str, skip: int = 0) -> str:
    """Mask the significant characters of ``raw`` except the first ``head`` and
    last ``tail``; the first ``skip`` significant characters (a prefix) are kept."""
    idx = [i for i, c in enumerate(raw) if c.isalnum()]
    body = idx[skip:]
    if head + tail >= len(body):  # policy would reveal everything: hide the middle half
        head = tail = len(body) // 4
    hide = set(body[head: len(body) - tail])
    return "".join(ch if i in hide else c for i, c in enumerate(raw))


def mask_span(raw: str, kind: str, policy: MaskPolicy | None = None) -> str:
    """The masked form of one value ``raw`` of kind ``kind``."""
    policy = policy or _active
    p, ch = policy, policy.mask_char
    if kind == SECRET:
        return p.secret_text
    if kind == BANK_CARD:
        return _keep_ends(raw, p.card_head, p.card_tail, ch)
    if kind == ID_CARD:
        return _keep_ends(raw, p.id_head, p.id_tail, ch)
    if kind == USCC:
        return _keep_ends(raw, p.uscc_head, p.uscc_tail, ch)
    if kind == MOBILE:
        ndigits = sum(c.isdigit() for c in raw)   # a country prefix (86, 0086) is kept as it is
        return _keep_ends(raw, p.mobile_head, p.mobile_tail, ch, skip=max(0, ndigits - 11))
    if kind == LANDLINE:
        compact = "".join(c for c in raw if c.isdigit())
        area = checks.landline_area_len(compact) if p.landline_keep_area else 0
        return _keep_ends(raw, 0, p.landline_tail, ch, skip=area)
    if kind == EMAIL:
        local, _, domain = raw.partition("@")
        head = local[: max(0, min(p.email_head, len(local) - 1))]
        return f"{head}{ch * 3}@{domain}"
    return ch * len(raw)


def mask_with_report(text: str, policy: MaskPolicy | None = None) -> tuple[str, list[PiiSpan]]:
    """``(masked_text, spans)``; spans refer to the ORIGINAL text (for "what was masked")."""
    spans = find_pii(text)
    if not spans:
        return text, spans
    policy = policy or _active
    out: list[str] = []
    pos = 0
    for sp in spans:
        out.append(text[pos:sp.start])
        out.append(mask_span(text[sp.start:sp.end], sp.kind, policy))
        pos = sp.end
    out.append(text[pos:])
    return "".join(out), spans


def mask(text: str, policy: MaskPolicy | None = None) -> str:
    """``text`` with every span ``find_pii`` reports masked by ``policy`` (house defaults)."""
    return mask_with_report(text, policy)[0]
