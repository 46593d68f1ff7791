"""Plain data classes for knowledge cards. See kb/README.md for the file format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CALL_STAGES = ("开场", "身份核验", "业务处理", "风险提示", "结束")
PRIVACY_LEVELS = ("C1", "C2", "C3")
BLOCK_KINDS = ("script", "reminder")
REMINDER_KINDS = ("privacy", "risk", "fraud", "info")
CARD_KINDS = ("card", "notice")  # notice: a 风险提示函 from head office (kb/README.md, issue 16)
DIRECTIONS = ("呼入", "外呼")  # a call's direction: inbound, outbound (a script's `direction=`, a call type's)


@dataclass(frozen=True)
class Block:
    """A fenced ``script`` or ``reminder`` block inside a card body."""

    kind: str  # "script" | "reminder"
    text: str
    name: str = ""
    stage: str = ""  # call stage for scripts
    reminder_kind: str = ""  # privacy | risk | fraud | info
    line: int = 0  # 1-based line of the opening fence in the file
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def direction(self) -> str:
        """``direction=呼入|外呼`` of a script: it is offered only on calls of that direction ("" = both)."""
        return dict(self.attrs).get("direction", "")


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    body: str  # Markdown body (blocks included verbatim)
    category: str = ""
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    call_stages: tuple[str, ...] = ()
    privacy_level: str = "C1"
    legal_basis: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    version: int = 1
    owner: str = ""
    reviewed_by: str = ""
    reviewed_at: dt.date | None = None
    effective_from: dt.date | None = None
    expires_at: dt.date | None = None
    unverified: str = ""
    kind: str = "card"  # card | notice (风险提示函: shown first on the panel until read)
    must_read: bool = False  # notice: the agent must acknowledge it explicitly
    blocks: tuple[Block, ...] = ()
    path: str = ""  # relative path of the source file
    line_of: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def scripts(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "script")

    @property
    def reminders(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "reminder")

    @property
    def is_notice(self) -> bool:
        return self.kind == "notice"

    def is_expired(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        return self.expires_at is not None and self.expires_at < today

    def is_effective(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        return self.effective_from is None or self.effective_from <= today

    @property
    def plain_body(self) -> str:
        """Body text without Markdown markup noise, for search and snippets."""
        out = []
        for ln in self.body.splitlines():
            s = ln.strip()
            if s.startswith("```"):
                continue
            s = s.lstrip("#>*- ").strip().replace("**", "").replace("`", "")
            out.append(s)
        return "\n".join(x for x in out if x)


@dataclass(frozen=True)
class CardError:
    """One problem in one file: printed as ``path:line: message``."""

    path: str
    line: int
    message: str
    severity: str = "error"  # "error" | "warning"
    code: str = ""

    def __str__(self) -> str:
        sev = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}: {sev}{self.message}"


@dataclass
class KnowledgeBase:
    cards: list[Card]
    errors: list[CardError]
    root: str = ""
    version: str = "dev"
    synonyms: list[list[str]] = field(default_factory=list)

    def by_id(self) -> dict[str, Card]:
        return {c.id: c for c in self.cards}
