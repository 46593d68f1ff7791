"""One sync round: push the outbox in batches, pull status updates, pull a newer KB pack.

Qt-free and network-bound: run it on a worker thread, never on the GUI thread. All
database work goes through ``db_call(fn, *args)`` — ``lane.call`` in the panel (the
one DB lane), or a direct call in the CLI — so the network never holds the DB lane.

Guarantees: a row leaves the outbox only in the transaction that records the server's
acknowledgement of it; a lost answer means the row is sent again, which the server
treats as a duplicate (idempotent by kind + id + revision).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from assist.core.sync import local, pull, status
from assist.core.sync.backoff import Backoff
from assist.core.sync.transport import SyncError

log = logging.getLogger("assist.sync")


class Transport(Protocol):
    def push(self, branch: str, records: list[Any]) -> list[Any]: ...
    def updates(self, after: int, limit: int = 200) -> tuple[list[Any], int]: ...
    def latest_pack(self) -> dict[str, Any] | None: ...
    def download_pack(self, version: str, sha256: str, dest: Path) -> Path: ...
    def close(self) -> None: ...


DbCall = Callable[..., Any]


@dataclass
class RoundReport:
    ok: bool = True
    pushed: int = 0
    conflicts: int = 0
    rejected: int = 0           # records head office did not accept (parked with the reason)
    updates_applied: int = 0
    updates_refused: int = 0
    kb_imported: str | None = None
    error: SyncError | None = None
    batches: int = 0
    retries: int = 0
    batch_seconds: list[float] = field(default_factory=list)


@dataclass
class SyncClient:
    transport_factory: Callable[[], Transport]
    db_call: DbCall
    branch: str
    batch_size: int = 200
    backoff: Backoff = field(default_factory=Backoff)
    kb_store: Path | None = None
    trusted_keys: list[str] = field(default_factory=list)
    pull_updates: bool = True
    clock: Callable[[], float] | None = None   # monotonic seconds, for batch latency figures

    def _retrying(self, what: str, fn: Callable[[], Any], on_fail: Callable[[SyncError], None] | None = None,
                  report: RoundReport | None = None) -> Any:
        attempt = 0
        while True:
            attempt += 1
            try:
                return fn()
            except SyncError as exc:
                if on_fail is not None:
                    on_fail(exc)
                if not exc.retryable or attempt >= self.backoff.max_attempts:
                    raise
                if report is not None:
                    report.retries += 1
                d = self.backoff.wait(attempt, exc.retry_after)
                log.info("sync retry", extra={"fields": {"what": what, "code": exc.code, "attempt": attempt, "wait_s": round(d, 2)}})

    def _note_failure(self, seqs: list[int], exc: SyncError) -> None:
        self.db_call(local.note_failure, seqs, exc.code, str(exc))

    def push_all(self, transport: Transport, report: RoundReport) -> None:
        size = self.batch_size
        while True:
            batch = self.db_call(local.next_batch, size)
            if not batch:
                return
            records = [r for _, r in batch]
            seqs = [s for s, _ in batch]
            t0 = self.clock() if self.clock else None
            try:
                results = self._retrying("push", partial(transport.push, self.branch, records),
                                         partial(self._note_failure, seqs), report)
            except SyncError as exc:
                if exc.code == "too_large" and size > 1:
                    size = max(1, size // 2)   # 413: halve and go on
                    continue
                if exc.status == 409 or (exc.status in (400, 422) and "records[" in str(exc)):
                    # a receiver that refuses whole batches: halve until the refused record is
                    # alone, then park it with the reason so it never blocks the rows behind it
                    if len(batch) > 1:
                        size = max(1, len(batch) // 2)
                        continue
                    self.db_call(local.park_and_remove, seqs[0], exc.code, str(exc))
                    report.rejected += 1
                    continue
                raise
            size = min(self.batch_size, size * 2)
            if t0 is not None and self.clock:
                report.batch_seconds.append(self.clock() - t0)
            outcome = self.db_call(local.apply_results, batch, results)
            report.batches += 1
            report.pushed += outcome["acked"] - outcome.get("rejected", 0)   # accepted (stored, duplicate, conflict)
            report.conflicts += outcome["conflicts"]
            report.rejected += outcome.get("rejected", 0)
            if outcome["acked"] == 0:
                raise SyncError("bad_response", "the server acknowledged none of the records sent", retryable=True)

    def pull_all(self, transport: Transport, report: RoundReport) -> None:
        while self.pull_updates:
            after = self.db_call(pull.cursor)
            updates, nxt = self._retrying("updates", partial(transport.updates, after), report=report)
            if not updates:
                if nxt > after:
                    self.db_call(local.set_state, {"pull.cursor": str(nxt)})
                break
            got = self.db_call(pull.apply_updates, updates, nxt)
            report.updates_applied += got["applied"]
            report.updates_refused += got["refused"]
        if self.kb_store is not None:
            refused = self.db_call(local.get_state, "kb.refused")
            try:
                result, _ = self._retrying("kb", partial(pull.pull_pack, transport, self.kb_store, self.trusted_keys, refused))
            except SyncError as exc:
                sha = getattr(exc, "refused_sha", None)
                if sha:
                    self.db_call(local.set_state, {"kb.refused": sha})
                raise
            if result:
                report.kb_imported = result["version"]
                self.db_call(local.set_state, {"kb.version": result["version"]})

    def run_round(self) -> RoundReport:
        """Push, then pull. Never raises SyncError: the outcome is in the report and the status."""
        report = RoundReport()
        at = local.now_iso()
        transport = None
        try:
            transport = self.transport_factory()
            self.push_all(transport, report)
            self.pull_all(transport, report)
        except SyncError as exc:
            report.ok, report.error = False, exc
        finally:
            if transport is not None:
                transport.close()
        err = report.error
        online = err is None or err.code not in ("offline", "timeout", "dropped", "tls", "not_configured", "no_token")
        self.db_call(status.save_outcome, at, online=online, error=(err.code, str(err)[:200]) if err else None)
        log.info("sync round", extra={"fields": {"ok": report.ok, "pushed": report.pushed, "conflicts": report.conflicts,
                                      "rejected": report.rejected,
                                      "updates": report.updates_applied, "code": err.code if err else None}})
        return report
