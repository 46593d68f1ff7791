"""Knowledge base: card format, loader, checker, compiled index, signed packs."""

from assist.core.kb.model import Block, Card, CardError, KnowledgeBase, CALL_STAGES, PRIVACY_LEVELS
from assist.core.kb.loader import load_kb, parse_card

__all__ = [
    "Block", "Card", "CardError", "KnowledgeBase", "CALL_STAGES", "PRIVACY_LEVELS",
    "load_kb", "parse_card",
]
