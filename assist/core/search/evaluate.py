"""Offline evaluation: load a KB (folder or JSONL) and a query file, report
Recall@1/@5, MRR@10, latency p50/p95 and index build time."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from assist.core.search.engine import SearchEngine
from assist.core.search.model import Doc


class EvalInputError(ValueError):
    """Bad evaluation input; the message names the file and line."""


def _read_jsonl(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalInputError(f"{path}: cannot read: {exc}") from None
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalInputError(f"{path}:{no}: not valid JSON: {exc.msg}") from None
        if not isinstance(obj, dict):
            raise EvalInputError(f"{path}:{no}: expected a JSON object")
        yield no, obj


def load_eval_kb(path: str | Path) -> tuple[list[Doc], list[list[str]]]:
    """Docs and synonyms from a KB folder, or from JSONL lines of {"id","text"} or
    {"id","title","body"} (optional aliases, tags, category)."""
    p = Path(path)
    if p.is_dir():
        from assist.core.kb import load_kb
        from assist.core.search.model import docs_from_kb

        kb = load_kb(p)
        return docs_from_kb(kb), kb.synonyms
    if not p.exists():
        raise EvalInputError(f"{p}: no such file or folder")
    docs: list[Doc] = []
    seen: set[str] = set()
    for no, obj in _read_jsonl(p):
        did = obj.get("id")
        title = obj.get("title", obj.get("text"))
        if not isinstance(did, str) or not did:
            raise EvalInputError(f"{p}:{no}: missing string field 'id'")
        if not isinstance(title, str):
            raise EvalInputError(f"{p}:{no}: needs a string 'text' or 'title'")
        if did in seen:
            raise EvalInputError(f"{p}:{no}: duplicate id {did!r}")
        seen.add(did)
        docs.append(
            Doc(
                id=did,
                title=title,
                body=str(obj.get("body") or ""),
                aliases=tuple(str(a) for a in obj.get("aliases") or ()),
                tags=tuple(str(t) for t in obj.get("tags") or ()),
                category=str(obj.get("category") or ""),
            )
        )
    if not docs:
        raise EvalInputError(f"{p}: no KB entries")
    return docs, []


def load_queries(path: str | Path) -> list[tuple[str, list[str]]]:
    p = Path(path)
    if not p.exists():
        raise EvalInputError(f"{p}: no such file")
    out: list[tuple[str, list[str]]] = []
    for no, obj in _read_jsonl(p):
        q, rel = obj.get("query"), obj.get("relevant")
        if not isinstance(q, str):
            raise EvalInputError(f"{p}:{no}: missing string field 'query'")
        if not isinstance(rel, list) or not all(isinstance(r, str) for r in rel):
            raise EvalInputError(f"{p}:{no}: 'relevant' must be a list of ids")
        out.append((q, rel))
    if not out:
        raise EvalInputError(f"{p}: no queries")
    return out


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def evaluate(
    engine_or_docs: SearchEngine | Sequence[Doc],
    queries: Sequence[tuple[str, Sequence[str]]] | Sequence[dict[str, Any]],
    synonyms: Sequence[Sequence[str]] = (),
    warmup: int = 20,
) -> dict[str, Any]:
    """Metrics over the top 10 of each query. ``queries``: (query, relevant ids)
    pairs or {"query", "relevant"} dicts."""
    build_s = 0.0
    if isinstance(engine_or_docs, SearchEngine):
        engine = engine_or_docs
    else:
        t0 = time.perf_counter()
        engine = SearchEngine.build(engine_or_docs, synonyms=synonyms)
        build_s = time.perf_counter() - t0
    pairs = [(q["query"], q["relevant"]) if isinstance(q, dict) else (q[0], q[1]) for q in queries]
    for q, _rel in pairs[:warmup]:
        engine.search(q, limit=10, boosts={"expired_last": False})
    r1 = r5 = mrr = 0.0
    times: list[float] = []
    for q, rel in pairs:
        relset = set(rel)
        t0 = time.perf_counter()
        hits = engine.search(q, limit=10, boosts={"expired_last": False})
        times.append((time.perf_counter() - t0) * 1000)
        for rank, h in enumerate(hits, 1):
            if h.id in relset:
                r1 += rank == 1
                r5 += rank <= 5
                mrr += 1.0 / rank
                break
    n = max(1, len(pairs))
    return {
        "recall@1": round(r1 / n, 4),
        "recall@5": round(r5 / n, 4),
        "mrr@10": round(mrr / n, 4),
        "p50_ms": round(_pct(times, 0.5), 3),
        "p95_ms": round(_pct(times, 0.95), 3),
        "build_s": round(build_s, 3),
        "queries": len(pairs),
    }
