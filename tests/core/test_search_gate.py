"""Typo tolerance without flooding: a typed query must be covered by a card to show it."""

import pytest

from assist.core.kb import load_kb
from assist.core.search import SearchEngine, docs_from_kb
from assist.core.search.engine import allowed_misses


@pytest.fixture(scope="module")
def engine():
    kb = load_kb("kb")
    return SearchEngine.build(docs_from_kb(kb), synonyms=kb.synonyms)


@pytest.mark.parametrize("query", ["qqqzzzxxq", "qqqzzz", "黑洞引力波", "火星开户", "量子纠缠", "挂丝"])
def test_nonsense_and_unrelated_queries_find_nothing(engine, query):
    assert engine.search(query, limit=10) == []


@pytest.mark.parametrize("query, title", [
    ("信用卡挂号", "信用卡挂失"),   # one wrong character
    ("借卡挂失", "借记卡挂失"),     # one missing character
    ("xykgs", "信用卡挂失"),         # initials
    ("xyk挂失", "信用卡挂失"),       # mixed
    ("卡丢了怎么办", "借记卡挂失"),  # the customer's words; 了怎么办 do not count
    ("ATM", "ATM吞卡"),              # a literal ASCII word
    ("掌上银行", "手机银行登录失败"),  # through kb/synonyms.yaml
])
def test_tolerated_queries_still_find_the_card(engine, query, title):
    assert title in [h.title for h in engine.search(query, limit=5)]


def test_miss_budget_grows_with_the_query():
    assert [allowed_misses(n) for n in (1, 2, 3, 5, 6, 8)] == [0, 0, 1, 1, 2, 2]
