"""evaluate(), the eval input loaders and the CLI entry points (no Qt, tiny files)."""

from __future__ import annotations

import argparse
import json

import pytest

from assist.cli.search import register, register_kb_eval
from assist.core.search import Doc, SearchEngine, evaluate
from assist.core.search.evaluate import EvalInputError, load_eval_kb, load_queries

KEYS = {"recall@1", "recall@5", "mrr@10", "p50_ms", "p95_ms", "build_s", "queries"}


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_evaluate_metrics():
    docs = [Doc("a", "信用卡挂失"), Doc("b", "花呗还款"), Doc("c", "银行营业时间")]
    res = evaluate(docs, [("xykgs", ["a"]), ("花被", ["b"]), ("完全无关", ["c"])])
    assert set(res) == KEYS
    assert res["queries"] == 3
    assert res["recall@1"] == pytest.approx(2 / 3, abs=1e-3)
    assert res["mrr@10"] == pytest.approx(2 / 3, abs=1e-3)
    eng = SearchEngine.build(docs)
    assert evaluate(eng, [{"query": "guashi", "relevant": ["a"]}])["recall@1"] == 1.0


def test_load_jsonl_kb_text_and_title_body(tmp_path):
    p = _write(tmp_path / "kb.jsonl", [{"id": "x1", "text": "怎么还款"}, {"id": "x2", "title": "挂失", "body": "正文"}])
    docs, syn = load_eval_kb(p)
    assert [(d.id, d.title, d.body) for d in docs] == [("x1", "怎么还款", ""), ("x2", "挂失", "正文")]
    assert syn == []


def test_bad_input_names_file_and_line(tmp_path):
    p = tmp_path / "kb.jsonl"
    p.write_text('{"id": "x1", "text": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"kb.jsonl:2: not valid JSON"):
        load_eval_kb(p)
    q = _write(tmp_path / "q.jsonl", [{"query": "a", "relevant": ["x1"]}, {"query": "b"}])
    with pytest.raises(EvalInputError, match=r"q.jsonl:2: 'relevant'"):
        load_queries(q)


def _parser():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command")
    register(sub)
    kb = sub.add_parser("kb").add_subparsers(dest="kb_command")
    register_kb_eval(kb)
    return p


def test_cli_kb_eval_json_and_exit_codes(tmp_path, capsys):
    kb = _write(tmp_path / "kb.jsonl", [{"id": "a", "text": "信用卡挂失"}, {"id": "b", "text": "花呗还款"}])
    q = _write(tmp_path / "q.jsonl", [{"query": "xykgs", "relevant": ["a"]}])
    args = _parser().parse_args(["kb", "eval", "--kb", str(kb), "--queries", str(q), "--json"])
    assert args.func(args, None) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == KEYS and out["recall@1"] == 1.0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"query": "x", "relevant": ["a"]}\nnot json\n', encoding="utf-8")
    args = _parser().parse_args(["kb", "eval", "--kb", str(kb), "--queries", str(bad)])
    assert args.func(args, None) == 2
    assert "bad.jsonl:2" in capsys.readouterr().err


def test_cli_search_json(tmp_path, capsys):
    from assist.core.kb.model import Card, KnowledgeBase

    class Ctx:
        def load_kb(self):
            return KnowledgeBase(cards=[Card(id="card-a", title="信用卡挂失", body="正文")], errors=[])

    args = _parser().parse_args(["search", "xykgs", "--json", "--limit", "3"])
    assert args.func(args, Ctx()) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["id"] == "card-a" and set(out[0]) == {"id", "title", "score", "highlights"}
    assert out[0]["highlights"]["title"] == [[0, 5]]
