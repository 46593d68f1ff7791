"""Every script block of the shipped KB passes the linter and the placeholder validator."""

from __future__ import annotations

from pathlib import Path

from assist.core.guidance import lint, load_rules
from assist.core.guidance.placeholders import validate
from assist.core.kb import load_kb

REPO = Path(__file__).resolve().parents[2]


def test_shipped_scripts_are_compliant():
    kb = load_kb(REPO / "kb")
    rules = load_rules(REPO / "kb")
    problems = []
    for card in kb.cards:
        for block in card.scripts:
            for f in lint(block.text, rules):
                problems.append(f"{card.path} [{block.name}] {f.rule}: {block.text[f.start:f.end]!r}")
            for off, msg in validate(block.text):
                problems.append(f"{card.path} [{block.name}] @{off}: {msg}")
    assert problems == []
