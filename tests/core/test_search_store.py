"""A stored search engine searches exactly like the one it was stored from, and damaged or
foreign bytes are refused (the caller builds the engine again)."""

from __future__ import annotations

import datetime as dt

import pytest

from assist.core.kb import load_kb
from assist.core.search import SearchEngine, docs_from_kb, store

QUERIES = ["xykgs", "挂失", "花被", "tousu乱收费", "xykdaoshua", "ds", "xyk", "信用卡年费怎么收的呀我想问一下",
           "yinhang", "ATM", "zzzzqqq", "", "掌上银行"]


@pytest.fixture(scope="module")
def kb():
    return load_kb("kb")


@pytest.fixture(scope="module")
def built(kb) -> SearchEngine:
    return SearchEngine.build(docs_from_kb(kb), synonyms=kb.synonyms)


def test_round_trip_searches_the_same(kb, built):
    loaded = store.from_bytes(store.to_bytes(built), kb.cards, kb.synonyms)
    assert loaded.docs == built.docs
    for q in QUERIES:
        for kwargs in ({}, {"filters": {"category": "银行卡"}}, {"boosts": {"pinned": [kb.cards[3].id]}}):
            assert loaded.search(q, limit=20, **kwargs) == built.search(q, limit=20, **kwargs), (q, kwargs)


def test_expiry_is_decided_when_loading(kb, built):
    later = store.from_bytes(store.to_bytes(built), kb.cards, kb.synonyms, today=dt.date(2099, 1, 1))
    assert all(d.expired for d in later.docs if any(c.id == d.id and c.expires_at for c in kb.cards))


@pytest.mark.parametrize("damage", [
    lambda b: b[:-1],
    lambda b: b[: len(b) // 2],
    lambda b: b + b"x",
    lambda b: b"ASSX" + b[4:],
    lambda b: b[:8] + b"[" + b[9:],
    lambda b: b[:-40] + bytes(x ^ 0x55 for x in b[-40:]),  # postings changed: the checksum tells
    lambda b: b"",
])
def test_damaged_bytes_are_refused(kb, built, damage):
    with pytest.raises(ValueError):
        store.from_bytes(damage(store.to_bytes(built)), kb.cards, kb.synonyms)


def test_bytes_for_other_cards_are_refused(kb, built):
    data = store.to_bytes(built)
    with pytest.raises(ValueError):
        store.from_bytes(data, kb.cards[:-1], kb.synonyms)
    with pytest.raises(ValueError):
        store.from_bytes(data, list(reversed(kb.cards)), kb.synonyms)
