"""Knowledge base: card format, loader, checker, compiled index, signed packs."""

from assist.core.kb.loader import load_kb, parse_card
from assist.core.kb.model import CALL_STAGES, PRIVACY_LEVELS, Block, Card, CardError, KnowledgeBase

__all__ = [
    "CALL_STAGES",
    "PRIVACY_LEVELS",
    "Block",
    "Card",
    "CardError",
    "KnowledgeBase",
    "load_kb",
    "parse_card",
]
