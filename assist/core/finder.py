"""What the panel calls: the search engine plus the user's boosts (pinned, usage), which
can be switched off in settings, and a browse list for an empty query before any use.

A KB loaded through the compiled index (``kb.index.CompiledKB``) brings the index's store:
the engine built for the same cards, and the search character table, are loaded from there,
so a warm start neither builds the engine nor imports pypinyin or zhconv. Anything missing or
damaged there is built again and stored.
"""

from __future__ import annotations

import logging
from typing import Any

from assist.core.kb.index import CompiledKB, DerivedStore, trim_heap
from assist.core.kb.model import KnowledgeBase
from assist.core.search import SearchEngine, docs_from_kb, store, tables
from assist.core.search.model import Hit

log = logging.getLogger(__name__)
ENGINE = "search-engine"
TABLE = "search-chartable"


def _install_table(derived: DerivedStore) -> None:
    """The search character table from the index (built, and stored there, when it is not there)."""
    key = tables.source_key()
    blob = derived.get(TABLE, key, shared=True)
    table = None
    if blob is not None:
        try:
            table = tables.CharTable.from_bytes(blob)
        except ValueError as exc:
            log.warning("search character table unusable (%s); building it", exc)
    if table is None:
        derived.put(TABLE, key, tables.current().to_bytes(), shared=True)  # current() builds one if needed
    elif not tables.installed():
        tables.install(table)


def engine_for(kb: KnowledgeBase) -> SearchEngine:
    """The search engine for ``kb``: loaded from its compiled index when built there for the
    same cards, else built (and stored there)."""
    derived = kb.store if isinstance(kb, CompiledKB) else None
    if derived is None:
        return SearchEngine.build(docs_from_kb(kb), synonyms=kb.synonyms)
    _install_table(derived)
    key = f"{derived.kb_key}:{store.fingerprint()}:{tables.source_key()}"
    blob = derived.get(ENGINE, key)
    if blob is not None:
        try:
            engine = store.from_bytes(blob, kb.cards, kb.synonyms)
        except ValueError as exc:
            log.warning("stored search engine unusable (%s); building it", exc)
        else:
            del blob
            trim_heap()
            return engine
    engine = SearchEngine.build(docs_from_kb(kb), synonyms=kb.synonyms)
    derived.put(ENGINE, key, store.to_bytes(engine))
    trim_heap()
    return engine


class Finder:
    def __init__(self, kb: KnowledgeBase, *, usage: dict[str, float] | None = None, pinned: list[str] | None = None,
                 boost_usage: bool = True, boost_pinned: bool = True):
        self.kb = kb
        # shared, not copied: a finder rebuilt for a new KB keeps this session's opens
        self.usage = usage if usage is not None else {}
        self.pinned = pinned if pinned is not None else []
        self.boost_usage = boost_usage
        self.boost_pinned = boost_pinned
        self.engine = engine_for(kb)
        self.engine.search("xyk")  # warm the pinyin tables now, not on the agent's first keystroke
        self._choices: list[str] | None = None

    def boosts(self) -> dict[str, Any]:
        return {
            "pinned": self.pinned if self.boost_pinned else [],
            "usage": self.usage if self.boost_usage else {},
        }

    def search(self, query: str, limit: int = 50, filters: dict[str, Any] | None = None) -> list[Hit]:
        hits = self.engine.search(query, limit=limit, filters=filters, boosts=self.boosts())
        if not hits and not query.strip():
            return self.browse(limit, filters)
        return hits

    def is_browsing(self) -> bool:
        """True when an empty query has no pinned or used cards to show (a fresh install)."""
        return not (self.pinned and self.boost_pinned) and not (self.usage and self.boost_usage)

    def browse(self, limit: int = 50, filters: dict[str, Any] | None = None) -> list[Hit]:
        """The KB by category and title, current cards first: what a new agent sees before any use."""
        cat = (filters or {}).get("category") or ""
        cards = [c for c in self.kb.cards if not cat or c.category == cat or c.category.startswith(cat + "/")]
        cards.sort(key=lambda c: (c.is_expired(), c.category, c.title))
        return [Hit(c.id, c.title, 0.0, {}, c.plain_body.replace("\n", " ")[:60], c.category, c.is_expired())
                for c in cards[:limit]]

    def note_open(self, card_id: str) -> None:
        self.usage[card_id] = self.usage.get(card_id, 0.0) + 1.0

    def suggest(self, query: str, n: int = 3) -> list[str]:
        """Closest card titles for the empty state (rapidfuzz over titles and aliases; a full scan,
        ~60 ms at 20,000 cards, so the panel asks only after the agent pauses)."""
        from rapidfuzz import fuzz, process

        if self._choices is None:
            self._choices = [" ".join((c.title, *c.aliases)) for c in self.kb.cards]
        res = process.extract(query, self._choices, scorer=fuzz.partial_ratio, limit=n, score_cutoff=40)
        return [self.kb.cards[i].title for _choice, _score, i in res]
