"""The head-office protocol, version 1 (documented in docs/protocol/openapi.yaml).

Shared by the client (assist.core.sync) and the reference receiver (assist.hq), and
importable without httpx or Starlette. Everything is JSON; errors are
``{"error": {"code": ..., "message": ...}}``.

A record is identified by ``(kind, id)``; ``revision`` orders its versions. Ids must be
unique per kind across every device: complaint ids are UUIDs; locally numbered ids
(audit rows, search misses, calls) are prefixed by the client with its installation
UUID (``<install>:<local id>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

API = "/v1"
KINDS = ("complaint", "audit", "script_use", "search_miss", "call")
MAX_BATCH = 500                  # records per push
MAX_BODY = 1024 * 1024           # bytes per request (receiver default)
MAX_ID = 200

# Per-record results of a push.
STORED, DUPLICATE, CONFLICT = "stored", "duplicate", "conflict"
RESULTS = (STORED, DUPLICATE, CONFLICT)


class ProtocolError(ValueError):
    """A body does not follow the protocol; ``code`` is the error code to answer with."""

    def __init__(self, message: str, code: str = "bad_request"):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Record:
    kind: str
    id: str
    revision: int
    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "revision": self.revision, "payload": self.payload}


@dataclass(frozen=True)
class Result:
    kind: str
    id: str
    revision: int
    status: str             # stored | duplicate | conflict
    server_revision: int


@dataclass(frozen=True)
class Update:
    """A status change head office made to one of this device's complaints."""

    seq: int
    complaint_id: str
    status: str
    reason: str
    actor: str
    at: str
    base_revision: int


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _need(obj: Any, key: str, typ: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise ProtocolError(f"{where}: field '{key}' is missing")
    v = obj[key]
    if not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
        name = typ.__name__ if isinstance(typ, type) else "/".join(t.__name__ for t in typ)
        raise ProtocolError(f"{where}: field '{key}' must be {name}, got {type(v).__name__}")
    return v


def parse_push(body: Any) -> tuple[str, list[Record]]:
    """Validate a push body ``{"branch": str, "records": [...]}``; return (branch, records)."""
    if not isinstance(body, dict):
        raise ProtocolError("body must be a JSON object with 'branch' and 'records'")
    branch = _need(body, "branch", str, "body")
    items = _need(body, "records", list, "body")
    if not items:
        raise ProtocolError("body: 'records' is empty")
    if len(items) > MAX_BATCH:
        raise ProtocolError(f"body: {len(items)} records in one batch; at most {MAX_BATCH}", "too_many_records")
    out, seen = [], set()
    for i, it in enumerate(items):
        where = f"records[{i}]"
        kind = _need(it, "kind", str, where)
        if kind not in KINDS:
            raise ProtocolError(f"{where}: unknown kind {kind[:40]!r}; one of {', '.join(KINDS)}")
        rid = _need(it, "id", str, where)
        if not rid or len(rid) > MAX_ID:
            raise ProtocolError(f"{where}: 'id' must be 1..{MAX_ID} characters")
        rev = _need(it, "revision", int, where)
        if rev < 1:
            raise ProtocolError(f"{where}: 'revision' must be >= 1")
        payload = _need(it, "payload", dict, where)
        if (kind, rid, rev) in seen:
            continue  # the same record twice in one batch: harmless, keep one
        seen.add((kind, rid, rev))
        out.append(Record(kind, rid, rev, payload))
    return branch, out


def parse_results(body: Any) -> list[Result]:
    items = _need(body, "results", list, "response")
    out = []
    for i, it in enumerate(items):
        where = f"results[{i}]"
        status = _need(it, "status", str, where)
        if status not in RESULTS:
            raise ProtocolError(f"{where}: unknown status {status!r}")
        out.append(Result(_need(it, "kind", str, where), _need(it, "id", str, where), _need(it, "revision", int, where),
                          status, _need(it, "server_revision", int, where)))
    return out


def parse_updates(body: Any) -> tuple[list[Update], int]:
    items = _need(body, "updates", list, "response")
    out = []
    for i, it in enumerate(items):
        w = f"updates[{i}]"
        out.append(Update(_need(it, "seq", int, w), _need(it, "complaint_id", str, w), _need(it, "status", str, w),
                          str(it.get("reason") or ""), str(it.get("actor") or ""), str(it.get("at") or ""),
                          int(it.get("base_revision") or 0)))
    return out, int(_need(body, "next", int, "response"))
