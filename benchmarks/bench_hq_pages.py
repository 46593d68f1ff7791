"""Head-office pages under load: every page of /hq/ with 100,000 complaints and 1,000,000 calls
on PostgreSQL (target: each answers in under 300 ms).

    .venv/bin/python -m benchmarks.bench_hq_pages [--complaints 100000] [--calls 1000000] [--runs 15]

Starts a throw-away PostgreSQL in a temp folder (as tests/sync do), fills it with the data
generator (benchmarks/gen_hq.py), starts one real receiver (uvicorn) on it, signs in a
compliance officer and a team leader, and times each page over HTTP (full round trip: session
check, queries, template). Prints p50 / p95 / max per page; exit 1 if a p95 is over the target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assist.hq.auth import COOKIE, Accounts
from assist.hq.store import Store
from benchmarks.gen_hq import generate
from tests.sync.conftest import Postgres, Receiver

TARGET_MS = 300.0
PW = "bench password 2026"


def _login(url: str, name: str) -> dict[str, str]:
    r = httpx.post(url + "/hq/login", data={"name": name, "password": PW, "next": "/hq/"}, follow_redirects=False)
    token = r.cookies.get(COOKIE)
    if not token:
        raise SystemExit(f"login as {name} failed: {r.status_code}")
    return {"Cookie": f"{COOKIE}={token}"}


def _time(client: httpx.Client, url: str, headers: dict[str, str], runs: int) -> tuple[list[float], int]:
    out, status = [], 0
    client.get(url, headers=headers)  # warm (connection, plan cache)
    for _ in range(runs):
        t0 = time.perf_counter()
        r = client.get(url, headers=headers)
        out.append((time.perf_counter() - t0) * 1000)
        status = r.status_code
    return out, status


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--complaints", type=int, default=100_000)
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--branches", type=int, default=40)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args(argv)
    pg = Postgres()
    rx = None
    try:
        url = pg.new_database()
        store = Store(url)
        store.migrate()
        info = generate(store, complaints=args.complaints, calls=args.calls, branches=args.branches, agents=60)
        acc = Accounts(store.db)
        acc.add("bench", "compliance", "", PW)
        acc.add("leader", "team-leader", info["branches"][0], PW)
        with store.db.tx() as cur:
            call_id = cur.execute("SELECT call_id FROM hq_calls WHERE red_line = 1 LIMIT 1").fetchone()[0]
            cid = cur.execute("SELECT id FROM hq_complaints WHERE high_risk = 1 LIMIT 1").fetchone()[0]
            eid = cur.execute("SELECT id FROM hq_register ORDER BY hits DESC LIMIT 1").fetchone()[0]
            sizes = {t: cur.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                     for t in ("records", "hq_calls", "hq_complaints", "hq_register", "hq_register_hits", "hq_agents")}
        store.close()
        print("rows: " + ", ".join(f"{t} {n:,}" for t, n in sizes.items()))
        rx = Receiver(url, log=Path(tempfile.mkdtemp()) / "rx.log").start()
        who = {"compliance": _login(rx.url, "bench"), "team leader": _login(rx.url, "leader")}
        b0 = info["branches"][0]
        pages = [
            ("compliance", "/hq/"), ("compliance", "/hq/queue"), ("compliance", "/hq/queue?page=200"),
            ("compliance", "/hq/queue?status=all&branch=" + b0), ("compliance", f"/hq/calls/{call_id}"),
            ("compliance", "/hq/complaints"), ("compliance", "/hq/complaints?page=20"), ("compliance", f"/hq/complaints/{cid}"),
            ("compliance", "/hq/stats"), ("compliance", "/hq/stats?from=2024-W49&to=2026-W49"),
            ("compliance", "/hq/register"), ("compliance", "/hq/register?status=待评估&source=finding"),
            ("compliance", f"/hq/register/{eid}"), ("compliance", "/hq/notices"), ("compliance", "/hq/notices/notice-bench-0"),
            ("team leader", "/hq/"), ("team leader", "/hq/queue"), ("team leader", "/hq/complaints"), ("team leader", "/hq/stats"),
            ("team leader", "/hq/register"), ("team leader", "/hq/notices/notice-bench-0"),
        ]
        worst = 0.0
        print(f"{'who':12} {'page':42} {'p50':>8} {'p95':>8} {'max':>8}  status")
        with httpx.Client(base_url=rx.url, timeout=30) as client:
            for role, path in pages:
                ms, status = _time(client, path, who[role], args.runs)
                p95 = statistics.quantiles(ms, n=20, method="inclusive")[18] if len(ms) >= 2 else ms[0]
                worst = max(worst, p95)
                print(f"{role:12} {path[:42]:42} {statistics.median(ms):7.1f}  {p95:7.1f}  {max(ms):7.1f}  {status}")
                if status != 200:
                    print(f"  ! {path} answered {status}")
                    worst = float("inf")
        print(f"worst p95 {worst:.1f} ms (target < {TARGET_MS:.0f} ms)")
        return 0 if worst < TARGET_MS else 1
    finally:
        if rx is not None:
            rx.stop()
        pg.stop()


if __name__ == "__main__":
    sys.exit(main())
