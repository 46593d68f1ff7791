"""Search engine behaviour on a tiny in-test KB (no files, no Qt)."""

from __future__ import annotations

import pytest

from assist.core.search import Boosts, Doc, Filters, SearchEngine

DOCS = [
    Doc("card-loss-credit", "信用卡挂失", aliases=("信用卡丢了",), tags=("挂失", "信用卡"),
        body="客户信用卡遗失或被盗，核身后立即办理挂失。", category="银行卡/挂失", call_stages=("业务处理",)),
    Doc("card-loss-debit", "借记卡挂失", aliases=("丢卡", "卡丢了"), tags=("挂失",),
        body="临时挂失后卡片立即止付。", category="银行卡/挂失", call_stages=("身份核验", "业务处理")),
    Doc("huabei-repay", "花呗还款", aliases=("花呗怎么还",), tags=("还款",),
        body="花呗账单可以在支付宝里还款。", category="消费信贷/花呗", call_stages=("业务处理",)),
    Doc("bank-hours", "银行营业时间", tags=("网点",), body="网点营业时间一般为工作日九点到五点。",
        category="网点服务", call_stages=("开场",)),
    Doc("transfer-limit", "手机银行转账限额", aliases=("转账额度",), tags=("转账", "限额"),
        body="手机银行单笔转账限额可在设置中调整。", category="电子银行/转账", call_stages=("业务处理",)),
    Doc("fraud-otp", "绝不索要验证码", aliases=("验证码诈骗",), tags=("反诈",),
        body="任何情况下都不向客户索要短信验证码。", category="反诈骗", call_stages=("风险提示",)),
    Doc("old-loss", "旧版挂失流程", tags=("挂失",), body="已废止的挂失流程。", category="银行卡/挂失",
        expired=True),
    Doc("wealth-risk", "理财风险评估", aliases=("风评",), tags=("理财",), body="购买理财前须完成风险评估。",
        category="理财/销售", call_stages=("风险提示",)),
]
SYNONYMS = [["挂失", "丢卡", "卡丢了"], ["限额", "额度"], ["借记卡", "储蓄卡"]]


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    return SearchEngine.build(DOCS, synonyms=SYNONYMS)


def ids(hits) -> list[str]:
    return [h.id for h in hits]


def test_pinyin_initials(engine):
    assert ids(engine.search("xykgs"))[0] == "card-loss-credit"
    assert ids(engine.search("jjkgs"))[0] == "card-loss-debit"


def test_full_pinyin(engine):
    assert ids(engine.search("guashi"))[:3].count("card-loss-credit") == 1
    assert ids(engine.search("huabei"))[0] == "huabei-repay"
    assert "bank-hours" in ids(engine.search("yinhang"))[:2]  # 行 read háng
    assert ids(engine.search("yinhangyingye"))[0] == "bank-hours"


def test_polyphonic_other_reading(engine):
    # 行 also reads xíng: an agent who types yinxing still finds 银行
    assert "bank-hours" in ids(engine.search("yinxing"))[:3]


def test_mixed_pinyin_and_characters(engine):
    assert ids(engine.search("xyk挂失"))[0] == "card-loss-credit"
    assert ids(engine.search("信用kagua"))[0] == "card-loss-credit"


def test_homophone_typo(engine):
    assert ids(engine.search("花被还款"))[0] == "huabei-repay"
    assert ids(engine.search("花被"))[0] == "huabei-repay"


@pytest.mark.parametrize("query, expected", [("挂", "card-loss-credit"), ("花呗", "huabei-repay"), ("理财", "wealth-risk"), ("验证", "fraud-otp")])
def test_one_and_two_character_queries(engine, query, expected):
    assert expected in ids(engine.search(query))[:3]


def test_terms_in_any_order(engine):
    assert ids(engine.search("挂失 信用卡"))[0] == "card-loss-credit"
    assert ids(engine.search("限额转账"))[0] == "transfer-limit"


def test_typos_missing_extra_wrong(engine):
    assert ids(engine.search("信卡挂失"))[0] == "card-loss-credit"  # missing
    assert ids(engine.search("信用卡卡挂失"))[0] == "card-loss-credit"  # extra
    assert ids(engine.search("信用卡挂矢"))[0] == "card-loss-credit"  # wrong


def test_typo_tolerance_does_not_flood(engine):
    hits = engine.search("信用卡挂失")
    assert len(hits) < len(DOCS)
    assert "bank-hours" not in ids(hits)


def test_synonyms_and_aliases(engine):
    assert ids(engine.search("卡丢了"))[0] == "card-loss-debit"  # alias
    assert "transfer-limit" in ids(engine.search("手机银行转账额度"))[:1]
    assert "card-loss-debit" in ids(engine.search("储蓄卡挂失"))[:2]  # synonym of 借记卡


def test_title_outranks_body(engine):
    # 止付 is only in a body; 挂失 in titles: title matches come first
    hits = ids(engine.search("挂失"))
    assert hits.index("card-loss-debit") < len(hits)
    assert ids(engine.search("风评"))[0] == "wealth-risk"


def test_traditional_and_full_width(engine):
    assert ids(engine.search("信用卡掛失"))[0] == "card-loss-credit"
    assert ids(engine.search("銀行營業時間"))[0] == "bank-hours"
    assert ids(engine.search("ＸＹＫＧＳ"))[0] == "card-loss-credit"
    assert ids(engine.search(" 信用卡，挂失！"))[0] == "card-loss-credit"


def test_highlight_title_literal(engine):
    hit = engine.search("挂失")[0]
    start, end = hit.highlights["title"][0]
    assert hit.title[start:end] == "挂失"
    assert any(hit.snippet[s:e] == "挂失" for s, e in hit.highlights["snippet"])


def test_highlight_pinyin_match(engine):
    hit = engine.search("xykgs")[0]
    assert [hit.title[s:e] for s, e in hit.highlights["title"]] == ["信用卡挂失"]
    hit = engine.search("huabei")[0]
    assert [hit.title[s:e] for s, e in hit.highlights["title"]] == ["花呗"]
    hit = engine.search("花被")[0]
    assert [hit.title[s:e] for s, e in hit.highlights["title"]] == ["花呗"]


def test_filters_category_prefix_and_stage(engine):
    hits = engine.search("挂失", filters=Filters(category="银行卡"))
    assert hits and all(h.category.startswith("银行卡/") for h in hits)
    hits = engine.search("挂失", filters={"call_stage": "身份核验"})
    assert ids(hits) == ["card-loss-debit"]
    assert engine.search("挂失", filters={"category": "理财"}) == []
    assert engine.search("挂失", filters={"category": "银行"}) == []  # prefix by path segment


def test_expired_last_and_switch_off(engine):
    hits = ids(engine.search("挂失流程"))
    assert hits[-1] == "old-loss"
    off = ids(engine.search("挂失流程", boosts=Boosts.off()))
    assert off[0] == "old-loss"


def test_pinned_and_usage_boosts_on_off(engine):
    base = ids(engine.search("挂失", boosts=Boosts.off()))
    second = base[1]
    pinned = ids(engine.search("挂失", boosts={"pinned": [second]}))
    assert pinned[0] == second
    used = ids(engine.search("挂失", boosts={"usage": {second: 9.0}, "usage_weight": 1.0}))
    assert used[0] == second
    assert ids(engine.search("挂失", boosts=Boosts.off())) == base


def test_empty_query_pinned_then_most_used(engine):
    b = Boosts(pinned=("fraud-otp",), usage={"bank-hours": 1.0, "huabei-repay": 5.0, "nope": 9.0})
    assert ids(engine.search("", boosts=b)) == ["fraud-otp", "huabei-repay", "bank-hours"]
    assert ids(engine.search("  ，", boosts=b, limit=2)) == ["fraud-otp", "huabei-repay"]
    assert engine.search("") == []
    hits = engine.search("", boosts=b, filters={"category": "网点服务"})
    assert ids(hits) == ["bank-hours"]


def test_deterministic(engine):
    a = [(h.id, h.score) for h in engine.search("卡")]
    b = [(h.id, h.score) for h in SearchEngine.build(DOCS, synonyms=SYNONYMS).search("卡")]
    assert a == b


def test_hit_json_shape(engine):
    d = engine.search("xykgs")[0].as_json()
    assert set(d) == {"id", "title", "score", "highlights"}
    assert set(d["highlights"]) == {"title", "snippet"}


# ------------------------------------------------------- customer sentences (long, untyped)
SENTENCE_DOCS = [
    Doc("s-repay-early", "我的花呗可以提前还款吗"),
    Doc("s-limit", "我的花呗额度怎么提高"),
    Doc("s-bill", "我的花呗账单怎么查看"),
    Doc("s-close", "我的花呗怎么关闭"),
    Doc("s-card", "我的银行卡怎么绑定"),
]


def test_sentence_coverage_weights_rare_characters_over_chatter():
    engine = SearchEngine.build(SENTENCE_DOCS)
    cov = engine.query_coverage("我的额度")
    assert cov["额"] > cov["我"] and cov["度"] > cov["的"]
    assert engine.query_coverage("鑫")["鑫"] == engine.index.max_idf  # unseen character


def test_sentence_query_ranks_card_covering_its_content_words():
    engine = SearchEngine.build(SENTENCE_DOCS)
    # A whole customer sentence (> 6 units, no Latin): reworded, chatter around the content words.
    assert ids(engine.search("请问一下我的花呗能不能早点提前把钱还掉呢"))[0] == "s-repay-early"
    assert ids(engine.search("你好我想知道我的花呗额度要怎么样才能提高"))[0] == "s-limit"
    # Deterministic: same query, same order and scores.
    a = engine.search("我想知道我的花呗账单在哪里可以查看")
    b = engine.search("我想知道我的花呗账单在哪里可以查看")
    assert [(h.id, h.score) for h in a] == [(h.id, h.score) for h in b] and a[0].id == "s-bill"
