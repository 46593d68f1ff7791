"""Faults: random 500/503, dropped connections and stalls past the timeout; the client
SIGKILLed mid-batch; the receiver SIGKILLed mid-request. After recovery head office
holds every record exactly once at its latest revision and the outbox is empty.

benchmarks/bench_sync_faults.py runs this module 5 times in a row.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import REPO
from tests.sync.conftest import assert_exactly_once, fill, make_client

FAULTS = "tests.sync.faultapp:create_app"


def _until_empty(client, db, rounds: int = 30):
    reports = []
    for _ in range(rounds):
        reports.append(client.run_round())
        if reports[-1].ok and db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0:
            return reports
    raise AssertionError(f"outbox not empty after {rounds} rounds: {[r.error and r.error.code for r in reports]}")


def test_random_errors_drops_and_stalls(hq_db, hq_store, receivers, client_db):
    seed = int(os.environ.get("ASSIST_FAULT_SEED", time.time_ns() % 10_000))
    faults = {"error": 0.12, "busy": 0.12, "drop": 0.12, "stall": 0.06, "stall_s": 1.0, "seed": seed}
    rx = receivers(hq_db, app=FAULTS, start_faults=json.dumps(faults))
    _, token = hq_store.device_add("0101")
    fill(client_db, 12, edits=2)
    client = make_client(client_db, rx.url, token, batch=20, read_timeout=0.6)

    reports = _until_empty(client, client_db)

    assert sum(r.retries for r in reports) > 0, f"no fault was injected (seed {seed})"
    assert_exactly_once(hq_store, client_db)
    assert {s for (s,) in client_db.execute("SELECT sync_state FROM complaints")} == {"synced"}


def test_client_sigkilled_mid_batch(tmp_path, hq_db, hq_store, receivers, client_db):
    rx = receivers(hq_db, app=FAULTS, start_faults=json.dumps({"slow_after_s": 0.4}))
    _, token = hq_store.device_add("0101")
    fill(client_db, 10, edits=1)
    path = str(tmp_path / "client.sqlite3")
    proc = subprocess.Popen([sys.executable, "-m", "tests.sync.client_proc", path, rx.url, token, "15"], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while not hq_store.records() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)                 # the next batch is in flight (the server answers after 0.4 s)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert hq_store.records() and client_db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] > 0

    _until_empty(make_client(client_db, rx.url, token, batch=500), client_db)
    assert_exactly_once(hq_store, client_db)


@pytest.mark.parametrize("when", ["before_commit", "after_commit"])
def test_receiver_sigkilled_mid_request(when, tmp_path, receivers, client_db):
    from assist.hq.store import Store

    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    store = Store(url)
    store.migrate()
    _, token = store.device_add("0101")
    key = "slow_before_s" if when == "before_commit" else "slow_after_s"
    rx = receivers(url, app=FAULTS, start_faults=json.dumps({key: 30}))
    fill(client_db, 4, edits=1)
    client = make_client(client_db, rx.url, token, batch=1000, read_timeout=60, backoff=None)
    client.backoff.max_attempts = 1
    out: list = []
    t = threading.Thread(target=lambda: out.append(client.run_round()))
    t.start()
    if when == "after_commit":
        deadline = time.monotonic() + 20
        while not store.records() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.records()
    else:
        time.sleep(1.0)
        assert not store.records()
    rx.kill()
    t.join(20)
    assert out and not out[0].ok and out[0].error.code in ("dropped", "offline")
    assert client_db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] > 0   # nothing acknowledged, nothing lost

    rx.start(faults="")
    _until_empty(client, client_db)
    assert_exactly_once(store, client_db)
    store.close()
