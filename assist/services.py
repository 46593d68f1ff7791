"""The services the composition root (:mod:`assist.app`) builds and hands out, typed (Qt-free).

- :class:`KbRules`: the rules of one KB folder (guidance, complaint risk, taxonomy); commands
  that need only the rules get these without loading the cards.
- :class:`KbServices`: everything that depends on the active knowledge base — the cards, the
  search (``Finder``), the guidance rules, the complaint risk rules and the taxonomy. The panel
  and the command line get it from the same builder, so they always judge with the same rules.
- :class:`KbHolder`: the panel's current set; a KB reload swaps the whole set at once and tells
  whoever listens, so no controller writes into another one.
- :class:`PanelServices`: what the panel's controllers need.
- Protocols for what a controller calls, so a test can hand in a fake with the same shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from assist.core.complaints.risk import RiskRules
    from assist.core.complaints.taxonomy import Taxonomy
    from assist.core.guidance.rules import RuleSet
    from assist.core.kb.model import KnowledgeBase
    from assist.core.search.model import Hit
    from assist.core.storage.lane import DbLane
    from assist.core.sync.service import SyncService


class SearchService(Protocol):
    """The search as the panel uses it (``assist.core.finder.Finder``)."""

    pinned: list[str]

    def search(self, query: str, limit: int = 50, filters: dict[str, Any] | None = None) -> Sequence[Hit]: ...

    def suggest(self, query: str, n: int = 3) -> list[str]: ...

    def is_browsing(self) -> bool: ...

    def note_open(self, card_id: str) -> None: ...


class SettingsLike(Protocol):
    def get(self, key: str) -> Any: ...

    def set(self, key: str, value: Any) -> None: ...

    def save(self) -> None: ...

    def is_managed(self, key: str) -> bool: ...


class TranslationsLike(Protocol):
    language: str

    def install(self, lang: str | None) -> Any: ...


def local_now() -> dt.datetime:
    """The wall clock of this PC, with its UTC offset (what the agent sees)."""
    return dt.datetime.now().astimezone()


@dataclass(frozen=True)
class KbRules:
    """The rules of one KB folder, as the panel and every command use them."""

    guidance: RuleSet | None       # call guidance and the linter; None: did not load (the panel runs without)
    risk: RiskRules                # complaint risk flags and Art 29 cues (rules/risk.yaml)
    taxonomy: Taxonomy             # complaint classes and lists (taxonomy/complaint.yaml)


@dataclass(frozen=True)
class KbServices:
    kb: KnowledgeBase
    finder: SearchService
    rules: RuleSet | None          # None: the rules folder does not load (the panel runs without call guidance)
    risk_rules: RiskRules
    taxonomy: Taxonomy

    @property
    def version(self) -> str:
        return self.kb.version


class KbHolder:
    """The active KB services of a running panel. ``swap`` replaces the whole set and calls the
    listeners (on the caller's thread: the GUI thread in the panel)."""

    def __init__(self, current: KbServices):
        self.current = current
        self._listeners: list[Callable[[KbServices, KbServices], None]] = []

    def subscribe(self, fn: Callable[[KbServices, KbServices], None]) -> None:
        self._listeners.append(fn)

    def swap(self, new: KbServices) -> None:
        old, self.current = self.current, new
        for fn in list(self._listeners):
            fn(old, new)


@dataclass
class PanelServices:
    """Everything the panel needs, built once by :func:`assist.app.build_panel_services`."""

    settings: SettingsLike
    kbs: KbHolder
    lane: DbLane
    store: Any                                   # assist.core.storage.panel (functions taking a Database)
    translations: TranslationsLike | None = None
    icon_path: str = ""
    clock: Callable[[], dt.datetime] = field(default=local_now)
    cipher_factory: Callable[[], Any] = field(default=lambda: None)   # -> FieldCipher | None (no keyring)
    sync_factory: Callable[[], SyncService] | None = None
    reload_kb: Callable[[], KbServices] | None = None                  # builds the set of the active KB
    clipboard: Any = None                        # .setText(str); None = the system clipboard

    # shortcuts to the current KB set (read at use time: a reload replaces it)
    @property
    def kb(self) -> KnowledgeBase:
        return self.kbs.current.kb

    @property
    def search(self) -> SearchService:
        return self.kbs.current.finder
