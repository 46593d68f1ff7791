"""Load: 50 simulated devices × 200 complaints each, concurrently, into two receiver
instances sharing one PostgreSQL. Every complaint must arrive exactly once.

    .venv/bin/python benchmarks/bench_sync_load.py [--devices 50] [--complaints 200] [--batch 20] [--workers 1]

Starts a throw-away PostgreSQL in a temp folder (as in tests/sync), two uvicorn
receivers on random ports, and one thread per device running the real client
(SyncClient + HttpTransport) over its own SQLite outbox. Prints throughput and batch
latency (p50/p95/max); exit 1 if any complaint is missing or duplicated.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assist.core.storage import outbox
from assist.hq.store import Store
from assist.schema import open_app_db as open_db
from tests.sync.conftest import Postgres, Receiver, fast_backoff, make_client

PAYLOAD = {"status": "受理", "level": "普通", "business_B": "B03", "channel_A": "A0302", "reason_C": "C07",
           "complainant_name": "张**", "contact_phone": "138****5678", "request": "退还年费并道歉",
           "facts": "未告知即扣年费，已经第二次投诉了。" * 8, "demand_D": ["D02"]}


def _device_db(n: int, tmp: Path, i: int):
    db = open_db(tmp / f"dev{i}.sqlite3")
    with db.atomic():
        for k in range(n):
            cid = str(uuid.uuid4())
            outbox.enqueue(db, "complaint", cid, 1, {**PAYLOAD, "id": cid, "revision": 1, "seq": k})
    return db


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--devices", type=int, default=50)
    ap.add_argument("--complaints", type=int, default=200)
    ap.add_argument("--batch", type=int, default=20)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn workers per receiver instance")
    args = ap.parse_args(argv)

    pg = Postgres()
    receivers: list[Receiver] = []
    try:
        url = pg.new_database()
        store = Store(url)
        store.migrate()
        tmp = Path(tempfile.mkdtemp(prefix="assist-load-"))
        for _ in range(2):
            r = Receiver(url, log=tmp / f"rx{len(receivers)}.log", env={"WEB_CONCURRENCY": str(args.workers)})
            receivers.append(r)
            r.start()
        tokens = [store.device_add(f"{1000 + i % 10}", f"PC{i}") for i in range(args.devices)]
        dbs = [_device_db(args.complaints, tmp, i) for i in range(args.devices)]
        clients = [make_client(db, receivers[i % 2].url, tok, branch=dev.branch, batch=args.batch, read_timeout=30,
                               backoff=fast_backoff(i), clock=time.perf_counter)
                   for i, (db, (dev, tok)) in enumerate(zip(dbs, tokens))]
        print(f"{args.devices} devices × {args.complaints} complaints, batches of {args.batch}, "
              f"2 receivers × {args.workers} worker(s), one PostgreSQL", flush=True)
        t0 = time.perf_counter()
        with cf.ThreadPoolExecutor(max_workers=args.devices) as ex:
            reports = list(ex.map(lambda c: c.run_round(), clients))
        took = time.perf_counter() - t0
        lat = sorted(s * 1000 for r in reports for s in r.batch_seconds)
        held = store.records("complaint")
        expected = args.devices * args.complaints
        ids = [i for _, i, _, _ in held]
        failed = [r.error.code for r in reports if not r.ok]
        left = sum(db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] for db in dbs)
        print(f"sent {expected} complaints in {took:.2f}s: {expected / took:.0f} records/s, {len(lat)} batches "
              f"({len(lat) / took:.0f} batches/s), retries {sum(r.retries for r in reports)}")
        print(f"batch latency ms: p50 {statistics.median(lat):.1f}  p95 {lat[int(len(lat) * 0.95) - 1]:.1f}  max {lat[-1]:.1f}")
        ok = len(held) == expected == len(set(ids)) and not failed and left == 0
        print(f"head office holds {len(held)} complaints ({len(set(ids))} distinct), outboxes left {left}, "
              f"failed devices {len(failed)}: {'OK — all arrived exactly once' if ok else 'FAIL'}")
        store.close()
        return 0 if ok else 1
    finally:
        for r in receivers:
            r.stop()
        pg.stop()


if __name__ == "__main__":
    sys.exit(main())
