"""Plain data for search: what is indexed (Doc), what comes back (Hit), and the
filters and boosts a caller passes in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assist.core.kb.model import KnowledgeBase

Range = tuple[int, int]


@dataclass(frozen=True)
class Doc:
    id: str
    title: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    body: str = ""
    category: str = ""
    call_stages: tuple[str, ...] = ()
    expired: bool = False


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    score: float
    highlights: dict[str, list[Range]] = field(default_factory=dict)
    snippet: str = ""
    category: str = ""
    expired: bool = False
    pinned: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "score": round(self.score, 4),
            "highlights": {k: [list(r) for r in v] for k, v in self.highlights.items()},
        }


@dataclass(frozen=True)
class Filters:
    """Keep only cards in a category (path prefix, '/' separated) and/or a call stage."""

    category: str | None = None
    call_stage: str | None = None
    include_expired: bool = True

    @classmethod
    def coerce(cls, value: Filters | Mapping[str, Any] | None) -> Filters | None:
        if value is None or isinstance(value, Filters):
            return value
        return cls(**dict(value))

    def accepts(self, doc: Doc) -> bool:
        if self.category:
            cat = self.category.strip("/")
            if not (doc.category == cat or doc.category.startswith(cat + "/")):
                return False
        if self.call_stage and self.call_stage not in doc.call_stages:
            return False
        if not self.include_expired and doc.expired:
            return False
        return True


@dataclass(frozen=True)
class Boosts:
    """Ranking boosts; each one can be switched off.

    * ``pinned``: ids shown first for an empty query and multiplied by
      ``pinned_factor`` when they match a query;
    * ``usage``: card id → usage score (frequency/recency, already decayed by the
      caller); a matching card's score is multiplied by ``1 + usage_weight * u``
      where ``u`` is the usage score divided by the largest one;
    * ``expired_last``: expired cards sort after every current card.
    """

    pinned: tuple[str, ...] = ()
    usage: Mapping[str, float] = field(default_factory=dict)
    expired_last: bool = True
    pinned_factor: float = 1.3
    usage_weight: float = 0.25

    @classmethod
    def coerce(cls, value: Boosts | Mapping[str, Any] | None) -> Boosts:
        if value is None:
            return cls()
        if isinstance(value, Boosts):
            return value
        d = dict(value)
        if "pinned" in d:
            d["pinned"] = tuple(d["pinned"] or ())
        return cls(**d)

    @classmethod
    def off(cls) -> Boosts:
        return cls(expired_last=False)


def docs_from_kb(kb: KnowledgeBase, today: dt.date | None = None) -> list[Doc]:
    """One Doc per card of a loaded knowledge base (body as plain text)."""
    out: list[Doc] = []
    for c in kb.cards:
        out.append(
            Doc(
                id=c.id,
                title=c.title,
                aliases=tuple(c.aliases),
                tags=tuple(c.tags),
                body=c.plain_body,
                category=c.category,
                call_stages=tuple(c.call_stages),
                expired=c.is_expired(today),
            )
        )
    return out


def as_id_set(ids: Collection[str] | None) -> frozenset[str]:
    return frozenset(ids or ())
