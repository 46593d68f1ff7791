"""What the panel and `assist search` call: the search engine plus the user's boosts.

Uses assist.core.search (pinyin, synonyms, typo tolerance) when present, else the
plain substring search. Boosts (pinned, usage) can be switched off in settings.
"""

from __future__ import annotations

from typing import Any

from assist.core.kb.model import KnowledgeBase
from assist.core.kb.substring import SubstringSearch


class Finder:
    def __init__(self, kb: KnowledgeBase, *, usage: dict[str, float] | None = None, pinned: list[str] | None = None,
                 boost_usage: bool = True, boost_pinned: bool = True):
        self.kb = kb
        self.usage = dict(usage or {})
        self.pinned = list(pinned or [])
        self.boost_usage = boost_usage
        self.boost_pinned = boost_pinned
        self.engine: Any
        try:
            from assist.core.search import SearchEngine, docs_from_kb
        except ImportError:
            self.engine = SubstringSearch(kb.cards)
            self.kind = "substring"
        else:
            self.engine = SearchEngine.build(docs_from_kb(kb), synonyms=kb.synonyms)
            self.kind = "engine"

    def boosts(self) -> dict[str, Any]:
        return {
            "pinned": self.pinned if self.boost_pinned else [],
            "usage": self.usage if self.boost_usage else {},
        }

    def search(self, query: str, limit: int = 50, filters: dict | None = None) -> list:
        if self.kind == "substring":
            return self.engine.search(query, limit=limit)
        return self.engine.search(query, limit=limit, filters=filters, boosts=self.boosts())

    def note_open(self, card_id: str) -> None:
        self.usage[card_id] = self.usage.get(card_id, 0.0) + 1.0

    def suggest(self, query: str, n: int = 3) -> list[str]:
        """Closest card titles for the empty state (rapidfuzz over titles and aliases)."""
        from rapidfuzz import fuzz, process

        choices = {c.id: " ".join((c.title, *c.aliases)) for c in self.kb.cards}
        titles = {c.id: c.title for c in self.kb.cards}
        res = process.extract(query, choices, scorer=fuzz.partial_ratio, limit=n, score_cutoff=40)
        return [titles[key] for _choice, _score, key in res]
