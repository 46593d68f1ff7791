"""Cards and rules say the same thing: every phrase a card tells agents not to say is one the
linter flags, and cards name the risk cues exactly as rules/risk.yaml does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assist.core.complaints.risk import ESCALATION_CARDS, FLAGS, load_risk_rules
from assist.core.guidance import lint, load_rules
from assist.core.kb.loader import iter_card_files, parse_card

REPO = Path(__file__).resolve().parents[2]

# (card id, a phrase the card says agents must not say). Kept by hand: when a card gains a
# "don't say" phrase, add it here and the test shows whether a rule catches it.
FORBIDDEN_IN_CARDS = [
    ("tip-taboo-alternatives", "上级规定，我有什么办法"), ("tip-taboo-alternatives", "你找谁都没用"),
    ("tip-taboo-alternatives", "到别处办去"), ("tip-taboo-alternatives", "快点说"),
    ("tip-taboo-alternatives", "已经下班了，明天再来"), ("tip-taboo-alternatives", "我不是说过了吗"),
    ("tip-taboo-alternatives", "真麻烦"), ("tip-taboo-alternatives", "还能坑你吗"),
    ("tip-taboo-alternatives", "回去让本人来办"),
    ("wealth-no-promise", "保本"), ("wealth-no-promise", "保收益"), ("wealth-no-promise", "无风险"),
    ("wealth-no-promise", "零风险"), ("wealth-no-promise", "稳赚"), ("wealth-no-promise", "包赚"),
    ("wealth-no-promise", "收益有保证"), ("wealth-no-promise", "基本不会亏"),
    ("wealth-no-promise", "跟存款一样安全"), ("wealth-no-promise", "银行产品肯定没问题"),
    ("wealth-no-promise", "从来没亏过"),
    ("rights-no-guaranteed-return", "肯定不亏"),
    ("tip-empathy-apology", "是我们的错"), ("tip-empathy-apology", "肯定是销售人员骗了您"),
    ("tip-empathy-apology", "我们一定赔您"),
    ("escalate-banner", "去了也没用"),
    ("privacy-refusal-no-block", "不授权就什么都办不了"),
    ("wealth-dual-recording", "录音不重要"),
]


@pytest.fixture(scope="module")
def cards():
    out = {}
    for path in iter_card_files(REPO / "kb"):
        card, _ = parse_card(path.read_text(encoding="utf-8"), str(path))
        if card:
            out[card.id] = (card, path.read_text(encoding="utf-8"))
    return out


@pytest.mark.parametrize("card_id,phrase", FORBIDDEN_IN_CARDS)
def test_phrases_cards_forbid_are_flagged(cards, card_id, phrase):
    assert card_id in cards
    assert phrase in cards[card_id][1], f"“{phrase}” is not in {card_id} any more: update this list"
    assert lint(phrase, load_rules(REPO / "kb")), f"{card_id} forbids “{phrase}” but no rule flags it"


@pytest.mark.parametrize("card_id", ["escalate-overview", "tip-escalation-signals"])
def test_cards_name_every_risk_cue_as_the_rules_do(cards, card_id):
    body = cards[card_id][1].split("---", 2)[2]
    named = set(re.findall(r"\*\*([^*：]{2,6})\*\*[：:]", body))
    assert set(FLAGS) <= named, set(FLAGS) - named
    assert named - set(FLAGS) <= {"重大"}, named - set(FLAGS)


def test_every_escalation_card_exists(cards):
    rules = load_risk_rules(REPO / "kb" / "rules" / "risk.yaml")
    assert {f.name for f in rules.flags} == set(FLAGS)
    for flag, card_id in ESCALATION_CARDS.items():
        assert card_id in cards, (flag, card_id)
