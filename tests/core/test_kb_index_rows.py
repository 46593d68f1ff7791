"""Card rows of the compiled index give back equal cards (delimited form, and JSON for cards the
delimited form cannot hold), and the fast file listing equals the rglob listing it replaced."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest

from assist.core.kb import index_rows, load_kb
from assist.core.kb.loader import card_files, iter_card_files
from assist.core.kb.model import Block, Card


def same(a: Card, b: Card) -> bool:
    return a == b and a.line_of == b.line_of and type(a.version) is type(b.version)


def test_every_starter_card_round_trips_delimited():
    kb = load_kb("kb")
    decoder = index_rows.Decoder()
    for card in kb.cards:
        text = index_rows.encode(card)
        assert text is not None and text.startswith(index_rows.US)
        assert same(decoder.card(text), card)


BASE = Card(id="c-1", title="标题", body="正文\n```script name=问候 stage=开场\n您好\n```", category="银行卡/挂失",
            aliases=("丢卡",), tags=("挂失", "银行卡"), call_stages=("开场",), legal_basis=("办法",),
            related=("c-2",), version=3, owner="消保部", reviewed_at=dt.date(2026, 11, 1), expires_at=None,
            blocks=(Block("script", "您好", name="问候", stage="开场", line=9, attrs=(("name", "问候"), ("stage", "开场"))),),
            path="kb/cards/c.md", line_of={"id": 2, "title": 3, "__body__": 12})


@pytest.mark.parametrize("change, delimited", [
    ({}, True),
    ({"aliases": (), "tags": (), "blocks": (), "line_of": {}, "reviewed_at": None}, True),
    ({"kind": "notice", "must_read": True}, True),   # a 风险提示函 card keeps its kind and must-read flag
    ({"title": "带\x1f分隔符"}, False),             # a YAML escape can put one in a title
    ({"aliases": ("",)}, False),                     # an empty item: () and ("",) would read the same
    ({"body": "a\x1eb\x1dc\x1cd"}, False),
    ({"blocks": (Block("reminder", "x", reminder_kind="risk", attrs=(("kind", ""),)),)}, False),
])
def test_cards_round_trip(change, delimited):
    card = dataclasses.replace(BASE, **change)
    text = index_rows.encode(card)
    assert text is not None and text.startswith(index_rows.US) is delimited
    assert same(index_rows.Decoder().card(text), card)


def test_repeated_values_are_shared_between_cards():
    decoder = index_rows.Decoder()
    a = decoder.card(index_rows.encode(BASE))
    b = decoder.card(index_rows.encode(dataclasses.replace(BASE, id="c-2", title="另一张")))
    assert a.tags is b.tags and a.line_of is b.line_of and a.owner is b.owner and a.reviewed_at is b.reviewed_at


@pytest.mark.parametrize("text", [index_rows.US + "x" + index_rows.US * 3, "[1, 2]", "not json"])
def test_broken_rows_raise(text):
    with pytest.raises((ValueError, TypeError, KeyError)):
        index_rows.Decoder().card(text)


def test_card_files_lists_what_rglob_listed(tmp_path):
    root = tmp_path / "kb"
    for rel in ["cards/a.md", "cards/a-b.md", "cards/a/b.md", "cards/a/README.md", "cards/Z.md", "cards/x.MD",
                "cards/.hidden.md", "cards/deep/er/c.md", "cards/dir.md/inner.md", "cards/notes.txt"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "linked.md").write_text("x", encoding="utf-8")
    os.symlink(root / "elsewhere", root / "cards" / "link")  # a symlinked folder is not entered
    os.symlink(root / "elsewhere" / "linked.md", root / "cards" / "file-link.md")
    cards_dir = root / "cards"
    old = sorted(p for p in cards_dir.rglob("*.md") if p.name.lower() != "readme.md")
    assert iter_card_files(root) == old
    assert card_files(root) == [(str(p), str(p.relative_to(root.parent))) for p in old]
    assert card_files(Path("kb"))[0][1].startswith("kb" + os.sep + "cards" + os.sep)
