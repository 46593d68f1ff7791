"""What an agent types (issue 15): pinyin mixed with Chinese, nonsense, two or three initials,
and highlights that mark only what matched. On the starter KB and on a small in-test KB."""

from __future__ import annotations

import pytest

from assist.core.kb import load_kb
from assist.core.search import Doc, SearchEngine, docs_from_kb
from assist.core.search.engine import SCREENFUL
from assist.core.search.gate import initial_tier
from assist.core.search.names import initial_strings
from assist.core.search.pinyin import initials


@pytest.fixture(scope="module")
def kb_engine() -> SearchEngine:
    kb = load_kb("kb")
    return SearchEngine.build(docs_from_kb(kb), synonyms=kb.synonyms)


def ids(hits) -> list[str]:
    return [h.id for h in hits]


def marked(hit, field: str = "title") -> list[str]:
    text = hit.title if field == "title" else hit.snippet
    return [text[a:b] for a, b in hit.highlights[field]]


# ---- pinyin and Chinese in one query ---------------------------------------------------

@pytest.mark.parametrize("query, card", [
    ("tousu乱收费", "fee-disclosure"),        # 投诉 + 乱收费 (an alias of the fee card)
    ("xykdaoshua", "dispute-unauthorized"),   # 信用卡 (initials) + 盗刷 (pinyin) typed together
    ("xyk挂失", "card-loss-credit"),
    ("信用kagua", "card-loss-credit"),
    ("daoshua", "dispute-unauthorized"),
])
def test_mixed_pinyin_and_chinese_find_the_card(kb_engine, query, card):
    assert card in ids(kb_engine.search(query, limit=3))


def test_a_mixed_query_ranks_like_the_same_query_in_chinese(kb_engine):
    assert ids(kb_engine.search("tousu乱收费"))[0] == ids(kb_engine.search("投诉乱收费"))[0] == "fee-disclosure"


def test_mixed_query_highlights_the_spelled_words(kb_engine):
    hit = next(h for h in kb_engine.search("xykdaoshua") if h.id == "dispute-unauthorized")
    assert marked(hit) == ["盗刷"]


# ---- nonsense finds nothing --------------------------------------------------------------

@pytest.mark.parametrize("query", ["zzzzqqq", "qqqzzz", "zzzzzz", "qxqxqx", "bbbbbbb", "zzzz乱码"])
def test_nonsense_finds_nothing(kb_engine, query):
    assert kb_engine.search(query, limit=50) == []


# ---- two or three initials ---------------------------------------------------------------

@pytest.mark.parametrize("query", ["ds", "xy", "tk", "xyk", "bds", "dsq", "zhs", "sj"])
def test_two_or_three_initials_show_at_most_a_screenful(kb_engine, query):
    assert len(kb_engine.search(query, limit=50)) <= SCREENFUL


@pytest.mark.parametrize("query", ["d", "x", "zh", "sh"])
def test_one_initial_finds_nothing_yet(kb_engine, query):
    assert kb_engine.search(query, limit=50) == []


def test_exact_initials_of_a_title_come_first(kb_engine):
    hits = kb_engine.search("ds", limit=50)
    assert hits[0].id == "dispute-unauthorized"  # 盗刷/非本人交易处理: a part of the title is exactly ds
    top = kb_engine.search("xyk", limit=50)
    assert all(h.title.startswith("信用卡") for h in top[:4])  # titles that start with 信用卡 first


def test_results_for_initials_are_in_tier_order(kb_engine):
    for query in ("ds", "xyk", "jj", "sj"):
        docs = {d.id: d for d in kb_engine.docs}
        tiers = [initial_tier(query, *initial_strings(docs[h.id].title, docs[h.id].aliases))
                 for h in kb_engine.search(query, limit=50, boosts={"expired_last": False})]
        assert None not in tiers and tiers == sorted(tiers), query


DOCS = [
    Doc("a", "盗刷/非本人交易处理"),
    Doc("b", "电商平台退款"),
    Doc("c", "财产安全权：资金安全与防盗刷"),
    Doc("d", "电话投诉受理"),  # 投 reads tóu: ds must not find 投诉
    Doc("e", "消保提示：理性投资"),  # 提 reads tí: bds must not find 保提示
    Doc("f", "短时间多次登录", aliases=("登录失败",)),
    Doc("g", "银行卡挂失"),
] + [Doc(f"x{i}", f"第{i}号电商退款说明") for i in range(12)]  # many titles with d-s inside


@pytest.fixture(scope="module")
def small() -> SearchEngine:
    return SearchEngine.build(DOCS)


def test_initials_ranking_on_a_small_kb(small):
    hits = small.search("ds", limit=50)
    assert len(hits) == SCREENFUL
    assert ids(hits)[:3] == ["a", "b", "f"]  # a part is ds; then titles that start with ds
    assert "d" not in ids(small.search("ds", limit=50) + small.search("dst", limit=50))


def test_highlights_only_on_matched_units(small, kb_engine):
    assert small.search("bds") == []  # 保提示 is b-t-s, not b-d-s
    for query in ("ds", "xyk", "bds", "yhk"):
        for hit in kb_engine.search(query, limit=50):
            for text in marked(hit):
                letters = [initials(c) for c in text]
                assert len(text) == len(query) and all(q in ls for q, ls in zip(query, letters)), (query, hit.title, text)


def test_initials_of_a_title_and_its_parts():
    whole, parts, aliases, tags = initial_strings("盗刷/非本人交易处理", ("银行卡",), ("止付",))
    assert tags == "|zf|"
    assert whole == "|dsfbrjycl|" and parts == "|ds|fbrjycl|"
    assert set(aliases.strip("|").split("|")) == {"yhk", "yxk", "yhq", "yxq"}  # 行 xíng/háng, 卡 kǎ/qiǎ
    assert initial_tier("ds", whole, parts, aliases) == 0
    assert initial_tier("yh", whole, parts, aliases) == 3
    assert initial_tier("fb", whole, parts, aliases) == 2
    assert initial_tier("jy", whole, parts, aliases) == 4
    assert initial_tier("zz", whole, parts, aliases) is None


def test_typed_ascii_words_still_find_their_cards():
    engine = SearchEngine.build([Doc("u", "USSD转账说明"), Doc("w", "WiFi环境下登录"), Doc("a", "ATM吞卡"), Doc("z", "转账限额")])
    for query, card in (("ussd", "u"), ("USSD", "u"), ("wifi", "w"), ("atm", "a"), ("ATM", "a")):
        assert ids(engine.search(query))[:1] == [card], query
