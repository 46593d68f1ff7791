"""The compiled index also keeps the built search engine and the search character table: a warm
start loads both (no engine build, no pypinyin or zhconv in the process), a changed card or a
damaged entry is rebuilt, never fatal."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assist.core import finder
from assist.core.kb import index as kb_index
from assist.core.search import SearchEngine

from .test_kb_index import CARD, age_files, make_kb

ROOT = Path(__file__).resolve().parents[2]

# The panel's start-up path: the KB through the compiled index, then its Finder (what app.py does).
WARM = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from assist.core.finder import Finder
    from assist.core.kb.index import load_compiled
    from assist.paths import Paths
    f = Finder(load_compiled(sys.argv[2], Paths.from_basedir(Path(sys.argv[1])).kb_index_file))
    hits = {q: [h.id for h in f.search(q)] for q in ("xykgs", "信用卡挂失", "掛失", "tousu乱收费", "ds")}
    mods = sorted(m for m in sys.modules if m.split(".")[0] in ("pypinyin", "zhconv"))
    print(json.dumps({"modules": mods, "hits": hits}, ensure_ascii=False))
""")


def run_panel_start(base: Path, kb: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", WARM, str(base), str(kb)], cwd=ROOT, check=True,
                         capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_warm_start_imports_neither_pypinyin_nor_zhconv(tmp_path):
    base = tmp_path / "base"
    cold = run_panel_start(base, ROOT / "kb")  # builds the index, the table and the engine
    assert cold["modules"]  # building needs them
    warm = run_panel_start(base, ROOT / "kb")
    assert warm["modules"] == []
    assert warm["hits"] == cold["hits"]
    assert warm["hits"]["xykgs"][0] == "card-loss-credit" and warm["hits"]["掛失"]  # Traditional folded too


def derived_rows(idx: Path) -> dict[str, str]:
    con = sqlite3.connect(idx)
    try:
        return {name: key for name, key in con.execute("SELECT name, key FROM derived")}
    finally:
        con.close()


def test_engine_is_stored_reused_and_rebuilt_when_a_card_changes(tmp_path, monkeypatch):
    kb_dir = make_kb(tmp_path / "kb", 4)
    idx = tmp_path / "idx.sqlite3"
    builds: list[int] = []
    real = SearchEngine.build.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(SearchEngine, "build", classmethod(lambda cls, docs, synonyms=(): builds.append(1) or real(cls, docs, synonyms)))

    f = finder.Finder(kb_index.load_compiled(kb_dir, idx))
    assert builds == [1] and set(derived_rows(idx)) == {finder.ENGINE, finder.TABLE}
    finder.Finder(kb_index.load_compiled(kb_dir, idx))
    assert builds == [1]  # loaded, not built

    (kb_dir / "cards" / "c1.md").write_text(CARD.format(id="card-1", title="改过的标题"), encoding="utf-8")
    age_files(kb_dir)
    f = finder.Finder(kb_index.load_compiled(kb_dir, idx))
    assert builds == [1, 1]
    assert [h.id for h in f.search("改过的标题")][:1] == ["card-1"]


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_damaged_stored_engine_is_rebuilt(tmp_path, damage):
    kb_dir = make_kb(tmp_path / "kb", 3)
    idx = tmp_path / "idx.sqlite3"
    finder.Finder(kb_index.load_compiled(kb_dir, idx))
    con = sqlite3.connect(idx)
    if damage is None:  # cut the engine in half
        (data,) = con.execute("SELECT data FROM derived WHERE name=?", (finder.ENGINE,)).fetchone()
        damage = bytes(data)[: len(data) // 2]
    con.execute("UPDATE derived SET data=?", (damage,))  # the character table too
    con.commit()
    con.close()
    f = finder.Finder(kb_index.load_compiled(kb_dir, idx))
    assert [h.id for h in f.search("卡片1")][:1] == ["card-1"]
    con = sqlite3.connect(idx)
    assert all(len(bytes(d)) > 1000 for (d,) in con.execute("SELECT data FROM derived"))  # stored again
    con.close()


def test_unreadable_derived_store_is_not_fatal(tmp_path):
    kb_dir = make_kb(tmp_path / "kb", 2)
    store = kb_index.DerivedStore(tmp_path / "missing" / "idx.sqlite3", "root", "key")
    assert store.get("x", "k") is None
    store.put("x", "k", b"data")  # no folder: logged, not raised
    kb = kb_index.load_compiled(kb_dir, tmp_path / "idx.sqlite3")
    assert isinstance(kb, kb_index.CompiledKB) and kb.store is not None
    (tmp_path / "idx.sqlite3").write_bytes(b"not a database" * 50)
    assert kb.store.get("x", "k") is None
    kb.store.put("x", "k", b"data")
    assert len(finder.Finder(kb).engine) == 2


def test_engine_key_follows_synonyms(tmp_path):
    kb_dir = make_kb(tmp_path / "kb", 2)
    idx = tmp_path / "idx.sqlite3"
    before = kb_index.load_compiled(kb_dir, idx)
    (kb_dir / "synonyms.yaml").write_text("groups:\n  - [卡片, 牌子]\n", encoding="utf-8")
    after = kb_index.load_compiled(kb_dir, idx)
    assert before.store is not None and after.store is not None and before.store.kb_key != after.store.kb_key
    assert [h.id for h in finder.Finder(after).search("牌子1")][:1] == ["card-1"]


def test_trim_heap_is_harmless():
    kb_index.trim_heap()
    kb_index.trim_heap()  # twice: the libc function is looked up once


def test_engine_built_by_other_code_is_rebuilt(tmp_path, monkeypatch):
    from assist.core.search import store

    kb_dir = make_kb(tmp_path / "kb", 2)
    idx = tmp_path / "idx.sqlite3"
    finder.Finder(kb_index.load_compiled(kb_dir, idx))
    before = derived_rows(idx)[finder.ENGINE]
    monkeypatch.setattr(store, "fingerprint", lambda: "other-code")
    finder.Finder(kb_index.load_compiled(kb_dir, idx))
    after = derived_rows(idx)[finder.ENGINE]
    assert before != after and "other-code" in after
