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

import json
import math
from dataclasses import dataclass
from typing import Any

from assist.core.text import clean_text, text_problem

API = "/v1"
KINDS = ("complaint", "audit", "script_use", "search_miss", "call", "notice_ack")
MAX_BATCH = 500                  # records per push
MAX_BODY = 1024 * 1024           # bytes per request (receiver default)
MAX_ID = 200
MAX_BRANCH = 16
MAX_REVISION = 2**53             # integers stay exact in every JSON implementation
MAX_INT = 2**53                  # any integer in a payload: -2^53..2^53
MAX_DEPTH = 32                   # nesting of objects/arrays inside a payload
MAX_STRING = 20_000              # characters in one payload string (form fields are at most 10,000)
MAX_KEY = 200                    # characters in one payload key
MAX_CURSOR = 2**53               # `after` of GET /updates

# Per-record results of a push.
STORED, DUPLICATE, CONFLICT, REJECTED = "stored", "duplicate", "conflict", "rejected"
RESULTS = (STORED, DUPLICATE, CONFLICT, REJECTED)
# Why a record was rejected (``code``) and the HTTP status a whole-batch answer would carry.
REJECT_STATUS = {"bad_record": 400, "forbidden": 403, "not_owner": 409}


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
    status: str             # stored | duplicate | conflict | rejected
    server_revision: int
    code: str = ""          # rejected: bad_record | forbidden | not_owner
    message: str = ""       # rejected: what is wrong and how to fix it
    index: int | None = None  # rejected: position of the record in the request's ``records``

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "id": self.id, "revision": self.revision, "status": self.status,
                               "server_revision": self.server_revision}
        if self.status == REJECTED:
            out.update(code=self.code, message=self.message, index=self.index)
        return out


@dataclass(frozen=True)
class Batch:
    """A parsed push: the records that are well formed, and those rejected with a reason."""

    branch: str
    records: list[Record]
    rejected: list[Result]
    per_record: bool        # the client asked for per-record outcomes (else all or nothing)
    positions: dict[tuple[str, str, int], int] | None = None  # (kind, id, revision) -> index in the request


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


class NonFinite:
    """What ``NaN``/``Infinity`` in a body decode to: refused where they appear (not JSON numbers)."""

    def __init__(self, token: str):
        self.token = token


def _parse_int(s: str) -> int | NonFinite:
    return int(s) if len(s) <= 30 else NonFinite(f"{s[:10]}… ({len(s)} digits)")


def loads(data: bytes) -> Any:
    """Decode a request body. ``NaN``/``Infinity`` and huge integers become :class:`NonFinite`
    (refused per record, never stored). Raises ProtocolError for what is not JSON at all."""
    try:
        return json.loads(data, parse_constant=NonFinite, parse_int=_parse_int)
    except RecursionError:
        raise ProtocolError(f"body is nested too deeply; payloads may nest at most {MAX_DEPTH} levels") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"body is not valid JSON: {clean_text(str(exc))[:200]}") from None


def payload_problem(payload: Any) -> str | None:
    """Why a payload cannot be stored, or None: depth, string and key lengths, clean text
    (as ``assist.core.text.clean_text`` leaves it), finite numbers within ±2^53. Iterative."""
    stack: list[tuple[Any, int, str]] = [(payload, 1, "payload")]
    while stack:
        obj, depth, path = stack.pop()
        if isinstance(obj, dict) or isinstance(obj, list):
            if depth > MAX_DEPTH:
                return f"{path}: nested deeper than {MAX_DEPTH} levels"
            if isinstance(obj, dict):
                for k, v in obj.items():
                    why = text_problem(k, MAX_KEY)
                    if why:
                        return f"{path}: a key has {why}"
                    stack.append((v, depth + 1, f"{path}.{clean_text(k)[:40]}"))
            else:
                stack.extend((v, depth + 1, f"{path}[{i}]") for i, v in enumerate(obj))
        elif isinstance(obj, str):
            why = text_problem(obj, MAX_STRING)
            if why:
                return f"{path}: {why}"
        elif isinstance(obj, NonFinite):
            return f"{path}: {obj.token} is not a JSON number (NaN, Infinity and integers over 30 digits are refused)"
        elif isinstance(obj, bool) or obj is None:
            continue
        elif isinstance(obj, int):
            if not -MAX_INT <= obj <= MAX_INT:
                return f"{path}: integer outside -2^53..2^53"
        elif isinstance(obj, float):
            if not math.isfinite(obj):
                return f"{path}: number out of range (a float overflowed to infinity)"
    return None


def _echo(v: Any, limit: int = MAX_ID) -> str:
    return clean_text(v)[:limit] if isinstance(v, str) else ""


def _record(it: Any, i: int) -> Record | Result:
    """One record of a push, or the reason it is rejected (code bad_record)."""
    where = f"records[{i}]"
    kind, rid, rev = (it.get("kind"), it.get("id"), it.get("revision")) if isinstance(it, dict) else (None, None, None)

    def bad(why: str) -> Result:
        ok_rev = rev if isinstance(rev, int) and not isinstance(rev, bool) and 0 <= rev <= MAX_REVISION else 0
        return Result(_echo(kind, 40), _echo(rid), ok_rev, REJECTED, 0, "bad_record", f"{where}: {why}", i)

    if not isinstance(it, dict):
        return bad("must be an object with kind, id, revision and payload")
    for key, typ in (("kind", str), ("id", str), ("revision", int), ("payload", dict)):
        if key not in it:
            return bad(f"field '{key}' is missing")
        v = it[key]
        if isinstance(v, NonFinite):
            return bad(f"field '{key}': {v.token} is not a valid value")
        if not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
            return bad(f"field '{key}' must be {typ.__name__}, got {type(v).__name__}")
    kind, rid, rev = str(it["kind"]), str(it["id"]), int(it["revision"])
    if kind not in KINDS:
        return bad(f"unknown kind {_echo(kind, 40)!r}; one of {', '.join(KINDS)}")
    why = text_problem(rid, MAX_ID)
    if not rid or why:
        return bad(f"'id' must be 1..{MAX_ID} characters of clean text" + (f" ({why})" if why else ""))
    if not 1 <= rev <= MAX_REVISION:
        return bad(f"'revision' must be from 1 to 2^53 ({MAX_REVISION}), got {str(rev)[:30]}")
    why = payload_problem(it["payload"])
    if why:
        return bad(why)
    return Record(kind, rid, rev, it["payload"])


def parse_batch(body: Any) -> Batch:
    """Validate a push body ``{"branch": str, "records": [...], "per_record": bool?}``.

    The body as a whole must be right (ProtocolError otherwise); each record is judged on its
    own: a bad one becomes a ``rejected`` result (code ``bad_record``) with the reason."""
    if not isinstance(body, dict):
        raise ProtocolError("body must be a JSON object with 'branch' and 'records'")
    branch = _need(body, "branch", str, "body")
    if not branch or text_problem(branch, MAX_BRANCH):
        raise ProtocolError(f"body: 'branch' must be 1..{MAX_BRANCH} characters of clean text")
    items = _need(body, "records", list, "body")
    per_record = body.get("per_record", False)
    if not isinstance(per_record, bool):
        raise ProtocolError("body: 'per_record' must be true or false")
    if not items:
        raise ProtocolError("body: 'records' is empty")
    if len(items) > MAX_BATCH:
        raise ProtocolError(f"body: {len(items)} records in one batch; at most {MAX_BATCH}", "too_many_records")
    out: list[Record] = []
    rejected: list[Result] = []
    seen: set[tuple[str, str, int]] = set()
    positions: dict[tuple[str, str, int], int] = {}
    for i, it in enumerate(items):
        rec = _record(it, i)
        if isinstance(rec, Result):
            rejected.append(rec)
            continue
        if (rec.kind, rec.id, rec.revision) in seen:
            continue  # the same record twice in one batch: harmless, keep one
        seen.add((rec.kind, rec.id, rec.revision))
        positions[(rec.kind, rec.id, rec.revision)] = i
        out.append(rec)
    return Batch(branch, out, rejected, per_record, positions)


def parse_push(body: Any) -> tuple[str, list[Record]]:
    """All or nothing: (branch, records), or ProtocolError naming the first bad record."""
    batch = parse_batch(body)
    if batch.rejected:
        raise ProtocolError(batch.rejected[0].message)
    return batch.branch, batch.records


def parse_results(body: Any) -> list[Result]:
    items = _need(body, "results", list, "response")
    out = []
    for i, it in enumerate(items):
        where = f"results[{i}]"
        status = _need(it, "status", str, where)
        if status not in RESULTS:
            raise ProtocolError(f"{where}: unknown status {status!r}")
        index = it.get("index")
        out.append(Result(_need(it, "kind", str, where), _need(it, "id", str, where), _need(it, "revision", int, where),
                          status, _need(it, "server_revision", int, where), str(it.get("code") or ""),
                          clean_text(str(it.get("message") or ""))[:500],
                          index if isinstance(index, int) and not isinstance(index, bool) else None))
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
