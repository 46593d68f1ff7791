"""Compiled index: same result as a plain load, and only changed files are re-parsed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from assist.core.kb import index as kb_index
from assist.core.kb import load_kb

FIXTURE = Path(__file__).parent / "data" / "kb_broken"
CARD = """---
id: {id}
title: {title}
category: 银行卡/挂失
aliases: [丢卡]
privacy_level: C2
version: 1
owner: 消保部
reviewed_at: 2026-11-01
expires_at: 2027-11-01
---

正文 {title}

```script name=问候 stage=开场
{{客户称呼|您}}好。
```
"""


@pytest.fixture
def counting(monkeypatch):
    calls: list[str] = []
    real = kb_index.parse_card

    def spy(text, rel):
        calls.append(rel)
        return real(text, rel)

    monkeypatch.setattr(kb_index, "parse_card", spy)
    return calls


def make_kb(root: Path, n: int = 5) -> Path:
    (root / "cards").mkdir(parents=True)
    (root / "VERSION").write_text("2026.11.1\n", encoding="utf-8")
    for i in range(n):
        (root / "cards" / f"c{i}.md").write_text(CARD.format(id=f"card-{i}", title=f"卡片{i}"), encoding="utf-8")
    age_files(root)
    return root


def age_files(root: Path, seconds: int = 3600) -> None:
    """Pretend the files were written an hour ago (so the mtime fast path applies)."""
    t = time.time() - seconds
    for p in root.rglob("*.md"):
        os.utime(p, (t, t))


def test_same_result_as_plain_load(tmp_path):
    kb_dir = tmp_path / "kb"
    shutil.copytree(FIXTURE, kb_dir)
    plain = load_kb(kb_dir)
    cold = kb_index.load_compiled(kb_dir, tmp_path / "idx.sqlite3")
    warm = kb_index.load_compiled(kb_dir, tmp_path / "idx.sqlite3")
    for kb in (cold, warm):
        assert kb.cards == plain.cards
        assert [c.line_of for c in kb.cards] == [c.line_of for c in plain.cards]
        assert kb.errors == plain.errors
        assert (kb.version, kb.synonyms) == (plain.version, plain.synonyms)


def test_only_changed_files_are_reparsed(tmp_path, counting):
    kb_dir = make_kb(tmp_path / "kb")
    idx = tmp_path / "cache" / "idx.sqlite3"
    kb, stats = kb_index.compile_kb(kb_dir, idx)
    assert len(kb.cards) == 5 and len(counting) == 5 and stats["parsed"] == 5

    counting.clear()
    kb, stats = kb_index.compile_kb(kb_dir, idx)
    assert counting == [] and len(kb.cards) == 5
    kb, stats = kb_index.compile_kb(kb_dir, idx)
    assert counting == [] and stats == {"parsed": 0, "hashed": 0, "reused": 5, "dropped": 0}  # not even read

    # change one, touch another without changing it, remove a third, add a fourth
    (kb_dir / "cards" / "c1.md").write_text(CARD.format(id="card-1", title="改过的标题"), encoding="utf-8")
    os.utime(kb_dir / "cards" / "c2.md")
    (kb_dir / "cards" / "c3.md").unlink()
    (kb_dir / "cards" / "new.md").write_text(CARD.format(id="card-new", title="新卡片"), encoding="utf-8")
    kb, stats = kb_index.compile_kb(kb_dir, idx)
    assert sorted(counting) == ["kb/cards/c1.md", "kb/cards/new.md"]
    assert stats["dropped"] == 1 and stats["parsed"] == 2
    titles = {c.id: c.title for c in kb.cards}
    assert titles["card-1"] == "改过的标题" and "card-3" not in titles and "card-new" in titles


def test_parser_change_rebuilds(tmp_path, counting, monkeypatch):
    kb_dir = make_kb(tmp_path / "kb", 2)
    idx = tmp_path / "idx.sqlite3"
    kb_index.compile_kb(kb_dir, idx)
    monkeypatch.setattr(kb_index, "parser_fingerprint", lambda: "different")
    counting.clear()
    kb_index.compile_kb(kb_dir, idx)
    assert len(counting) == 2


def test_corrupt_index_is_rebuilt(tmp_path):
    kb_dir = make_kb(tmp_path / "kb", 3)
    idx = tmp_path / "idx.sqlite3"
    idx.write_bytes(b"this is not a database" * 100)
    kb = kb_index.load_compiled(kb_dir, idx)
    assert len(kb.cards) == 3
    assert kb_index.compile_kb(kb_dir, idx)[1]["parsed"] == 0
