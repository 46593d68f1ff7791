"""The simplest search: case-insensitive substring over title, aliases, tags and body.

Used when the full engine (assist.core.search) is unavailable; same hit shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assist.core.kb.model import Card


@dataclass(frozen=True)
class SimpleHit:
    id: str
    title: str
    score: float
    snippet: str = ""
    highlights: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


class SubstringSearch:
    def __init__(self, cards: list[Card]):
        self.cards = cards

    def search(self, query: str, limit: int = 50, **_: object) -> list[SimpleHit]:
        q = query.strip().lower()
        today = dt.date.today()
        hits: list[tuple[float, SimpleHit]] = []
        for c in self.cards:
            fields = [(c.title, 3.0), (" ".join(c.aliases), 2.0), (" ".join(c.tags), 1.5), (c.plain_body, 1.0)]
            score = 0.0
            for text, w in fields:
                if not q or q in text.lower():
                    score = max(score, w)
            if score <= 0:
                continue
            if c.is_expired(today):
                score -= 10
            body = c.plain_body.replace("\n", " ")
            pos = body.lower().find(q) if q else -1
            start = max(0, pos - 10) if pos >= 0 else 0
            snippet = body[start:start + 60]
            hl_title = [(i, i + len(q))] if q and (i := c.title.lower().find(q)) >= 0 else []
            hl_snip = [(pos - start, pos - start + len(q))] if pos >= 0 else []
            hits.append((score, SimpleHit(c.id, c.title, score, snippet, {"title": hl_title, "snippet": hl_snip})))
        hits.sort(key=lambda t: (-t[0], t[1].title))
        return [h for _, h in hits[:limit]]
