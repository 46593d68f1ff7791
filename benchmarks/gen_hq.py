"""Data generator for the head-office web view: N complaints and M calls (with their after-call
checks), spread over branches, agents and two years, straight into a receiver database.

    .venv/bin/python -m benchmarks.gen_hq --db postgresql://… --complaints 100000 --calls 1000000

Rows go in by COPY (PostgreSQL) or executemany (SQLite), but every read-model row is built by
the receiver's own builders (``assist.hq.projection``: call_row, complaint_row, the register
entries), so the tables look exactly as if the records had been pushed. Deterministic (seed).
All text is synthetic and masked like real payloads.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assist.hq import projection
from assist.hq.store import Store, token_hash

END = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
DAYS = 730
RED_SHARE = 0.04
CALL_TYPES = ("咨询", "投诉", "挂失", "理财", "信贷", "反诈", "保险", "催收")
FINDINGS = [  # (item, label, red_line, weight, rule, detail)
    ("red-lines-in-notes", "备注中的红线用语", True, 30, "sec-ask-otp", "通话备注「验证码念一下」索要短信验证码"),
    ("red-lines-in-notes", "备注中的红线用语", True, 30, "mkt-guaranteed-return", "通话备注「保本保收益」承诺保本收益"),
    ("identity-before-content", "先核身再谈账户（C2/C3 内容）", True, 30, "card-loss-debit", "未核验身份即使用C2话术：借记卡挂失"),
    ("complaint-registered", "投诉来电登记投诉单", True, 25, "", "投诉来电未登记投诉单（也未关联已有投诉）"),
    ("required-disclosures", "必备告知", False, 15, "recording-notice", "缺少告知：录音提示"),
    ("required-disclosures", "必备告知", False, 15, "staff-id", "缺少告知：报工号"),
    ("callback-scheduled", "承诺回电须约定时间", False, 10, "", "承诺回电/答复但未约定时间，也未登记投诉单"),
    ("checklist-complete", "通话清单完成", False, 10, "confirm-understood", "清单未完成：确认客户已了解（结束）"),
    ("stages-covered", "通话经过各阶段", False, 5, "", "未经过阶段：风险提示"),
]
FLAGS = ("监管", "信访", "舆情", "司法", "群体", "过激", "催收", "销售误导", "重复投诉", "特殊群体")
A = ("A01", "A02", "A0301", "A0302", "A0303", "A04", "A05")
B = ("B01", "B02", "B03", "B04", "B07", "B08", "B09", "B12", "B99")
C = tuple(f"C{i:02d}" for i in range(1, 13)) + ("C99",)
PRODUCTS = ("白金信用卡", "借记卡", "个人消费贷", "稳健理财1号", "手机银行", "", "", "")
STATUSES = ("受理", "处理中", "已答复", "已办结", "已办结", "已办结", "核查中", "已撤回")


def _utc(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds")


def call_payload(rng: random.Random, cid: str, branch: str, agent: str) -> dict[str, Any]:
    start = END - dt.timedelta(seconds=rng.randrange(DAYS * 86400))
    # about 4 % of calls with a red line, 40 % with something else missed (stages, checklist, disclosures …)
    red_items = [f for f in FINDINGS if f[2]]
    others = [f for f in FINDINGS if not f[2]]
    picked = rng.sample(others, rng.choices((0, 1, 2), weights=(60, 30, 10))[0])
    if rng.random() < RED_SHARE:
        picked.append(rng.choice(red_items))
    findings = [{"item": i, "label": lab, "red_line": red, "weight": w, "detail": d, "card": "tip-closing", "rule": r,
                 "text": ""} for i, lab, red, w, r, d in picked]
    score = max(0, 100 - sum({f["item"]: f["weight"] for f in findings}.values()))
    red = any(f["red_line"] for f in findings)
    return {"call_id": cid, "started_at": _utc(start), "ended_at": _utc(start + dt.timedelta(seconds=rng.randrange(60, 900))),
            "call_type": rng.choice(CALL_TYPES), "caller_masked": f"13{rng.randrange(10)}****{rng.randrange(10000):04d}",
            "topic": "信用卡", "agent_id": agent, "org_unit": f"{branch}分行", "complaints": [], "stages": [],
            "steps": {"ticks": rng.randrange(8), "scripts": rng.randrange(4), "overrides": 0, "notes": 1},
            "qa": {"score": score, "verdict": "红线" if red else ("合格" if score >= 80 else "待改进"), "red_line": red,
                   "findings": findings, "rubric_version": "1", "assessed_at": _utc(start)}}


def complaint_payload(rng: random.Random, cid: str, branch: str, agent: str, k: int) -> dict[str, Any]:
    received = END - dt.timedelta(seconds=rng.randrange(DAYS * 86400))
    status = rng.choice(STATUSES)
    flags = rng.sample(FLAGS, rng.choices((0, 1, 2), weights=(80, 15, 5))[0])
    return {"id": cid, "ticket_no": f"{branch}-PC1-{received:%Y%m%d}-{k % 10000:04d}", "revision": 1, "status": status,
            "level": rng.choices(("普通", "复杂", "重大"), weights=(85, 14, 1))[0], "risk_flags": flags,
            "received_at": received.strftime("%Y-%m-%dT%H:%M"), "due_date": (received + dt.timedelta(days=15)).date().isoformat(),
            "channel_A": rng.choice(A), "business_B": rng.choice(B), "reason_C": rng.choice(C),
            "product_name": rng.choice(PRODUCTS), "complainant_name": "张*", "contact_phone": "138****5678",
            "request": "退还费用", "facts": "客户称未被告知收费即被扣费，要求退还并说明原因。", "org_unit": f"{branch}分行",
            "agent_id": agent, "source": "客服热线"}


def generate(store: Store, *, complaints: int, calls: int, branches: int, agents: int, seed: int = 7,
             log: Any = print) -> dict[str, Any]:
    rng = random.Random(seed)
    at = _utc(END)
    brs = [f"B{i:02d}" for i in range(1, branches + 1)]
    devs = {b: f"dev-{b.lower()}" for b in brs}
    rows: dict[str, list[tuple]] = {t: [] for t in ("devices", "records", "hq_calls", "hq_complaints", "hq_agents",
                                                    "hq_register", "hq_register_hits", "hq_notices", "hq_notice_reads")}
    for b in brs:
        rows["devices"].append((devs[b], b, f"PC {b}", token_hash(f"bench-{b}"), at, None))
    register: dict[str, dict[str, Any]] = {}
    hits: list[tuple[str, str, str, str]] = []
    seen_agents: dict[tuple[str, str], str] = {}

    def add(kind: str, rid: str, branch: str, payload: dict[str, Any], entries: list[dict[str, Any]]) -> None:
        rows["records"].append((kind, rid, 1, branch, devs[branch], json.dumps(payload, ensure_ascii=False), at))
        for e in entries:
            r = register.get(e["entry_key"])
            if r is None:
                r = register[e["entry_key"]] = {**e, "hits": 0, "first": e["seen"], "last": e["seen"], "examples": []}
            r["hits"] += 1
            r["first"], r["last"] = min(r["first"], e["seen"]), max(r["last"], e["seen"])
            if len(r["examples"]) < projection.EXAMPLES:
                r["examples"].append(e["example"])
            hits.append((kind, rid, e["entry_key"], at))

    t0 = time.perf_counter()
    for k in range(calls):
        b = rng.choice(brs)
        agent = f"{b}A{rng.randrange(agents):03d}"
        rid = f"inst-{b}:call-{k:07d}"
        p = call_payload(rng, rid, b, agent)
        row = projection.call_row(rid, b, devs[b], p, at)
        rows["hq_calls"].append(tuple(row.values()))
        seen_agents[(b, agent)] = max(seen_agents.get((b, agent), ""), row["started_at"])
        add("call", rid, b, p, projection.call_register_entries(rid, b, p))
    for k in range(complaints):
        b = rng.choice(brs)
        agent = f"{b}A{rng.randrange(agents):03d}"
        cid = f"00000000-0000-4000-8000-{k:012d}"
        p = complaint_payload(rng, cid, b, agent, k)
        row = projection.complaint_row(cid, b, p)
        rows["hq_complaints"].append(tuple(row.values()))
        add("complaint", cid, b, p, projection.complaint_register_entries(cid, b, p))
    ids = {}
    for i, (key, r) in enumerate(register.items(), 1):
        ids[key] = i
        rows["hq_register"].append((i, key, r["source"], r["issue"], r["issue_label"], r["product"], r["branch"], r["team"],
                                    r["hits"], r["first"], r["last"], json.dumps(r["examples"], ensure_ascii=False),
                                    "", "", "待评估", "", "", at))
    rows["hq_register_hits"] = [(k, rid, ids[key], a) for k, rid, key, a in hits]
    rows["hq_agents"] = [(b, a, last) for (b, a), last in seen_agents.items()]
    for n in range(5):
        nid = f"notice-bench-{n}"
        body = {"id": nid, "title": f"风险提示函 {n}", "risk": "……", "say": ["……"], "dont_say": ["……"],
                "effective_from": "2026-11-01", "must_read": True, "expires_at": None, "legal_basis": [], "issued_by": "消保部",
                "version": 1}
        rows["hq_notices"].append((nid, 1, body["title"], 1, "2026-11-01", "published", json.dumps(body, ensure_ascii=False),
                                   f"2026.11.{n + 2}", "bench", at, at, "bench", at))
        for (b, a) in seen_agents:
            if rng.random() < 0.6:
                rows["hq_notice_reads"].append((nid, 1, b, a, devs[b], at, at if rng.random() < 0.8 else None))
    log(f"built {calls:,} calls, {complaints:,} complaints, {len(register):,} register entries, {len(hits):,} hits, "
        f"{len(seen_agents):,} agents in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    _load(store, rows)
    log(f"loaded in {time.perf_counter() - t0:.1f} s")
    return {"branches": brs, "register": len(register), "agents": len(seen_agents)}


COLUMNS = {
    "devices": "id, branch, name, token_hash, created_at, revoked_at",
    "records": "kind, record_id, revision, branch, device_id, payload, received_at",
    "hq_calls": ", ".join(projection.call_row("x", "b", "d", {}, "t")),
    "hq_complaints": ", ".join(projection.complaint_row("x", "b", {})),
    "hq_agents": "branch, agent_id, last_seen",
    "hq_register": "id, entry_key, source, issue, issue_label, product, branch, team, hits, first_seen, last_seen, examples, "
                   "owner, due_date, status, measures, updated_by, updated_at",
    "hq_register_hits": "kind, record_id, register_id, seen_at",
    "hq_notices": "id, version, title, must_read, effective_from, status, body, kb_version, created_by, created_at, updated_at, "
                  "published_by, published_at",
    "hq_notice_reads": "notice_id, version, branch, agent_id, device_id, read_at, acknowledged_at",
}


def _chunks(it: list[tuple], n: int = 50_000) -> Iterator[list[tuple]]:
    for i in range(0, len(it), n):
        yield it[i:i + n]


def _load(store: Store, rows: dict[str, list[tuple]]) -> None:
    if store.pg:
        import psycopg

        with psycopg.connect(store.db.conninfo, autocommit=False) as conn:  # type: ignore[attr-defined]
            with conn.cursor() as cur:
                for table, data in rows.items():
                    with cur.copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as cp:
                        for r in data:
                            cp.write_row(r)
                cur.execute("SELECT setval(pg_get_serial_sequence('hq_register', 'id'), (SELECT COALESCE(MAX(id), 1) FROM hq_register))")
            conn.commit()
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE")   # what autovacuum leaves a steady database like
        return
    with store.db.tx() as cur:
        for table, data in rows.items():
            cols = COLUMNS[table]
            sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(cols.split(',')))})"
            for chunk in _chunks(data):
                for r in chunk:
                    cur.execute(sql, r)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="receiver database URL (migrated here)")
    ap.add_argument("--complaints", type=int, default=100_000)
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--branches", type=int, default=40)
    ap.add_argument("--agents", type=int, default=60, help="agents per branch")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    store = Store(args.db)
    store.migrate()
    generate(store, complaints=args.complaints, calls=args.calls, branches=args.branches, agents=args.agents, seed=args.seed)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
