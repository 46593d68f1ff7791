"""The after-call check in the panel database, and the ``call`` record head office receives.

Each function takes the ``Database`` first, so it runs on the DB lane. :func:`record_call`
stores the result (``call_qa``) and queues the call's record for head office in the same
transaction (outbox kind ``call``, masked like everything else: the caller and topic were
masked when the call started, override reasons when they were given, red-line words again here).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlite_utils import Database

from assist.core.privacy import mask
from assist.core.qa.assess import CallRecord, QaContext, QaFinding, QaResult, assess
from assist.core.qa.rubric import Rubric
from assist.core.storage import outbox


def load_record(db: Database, call_id: str) -> CallRecord | None:
    """What the panel recorded about ``call_id`` (events in order, the linked complaints)."""
    row = db.execute("SELECT id, call_type FROM calls WHERE id = ?", [call_id]).fetchone()
    if row is None:
        return None
    events = [{"at": at, "kind": kind, "detail": json.loads(detail or "{}")}
              for at, kind, detail in db.execute("SELECT at, kind, detail FROM call_events WHERE call_id = ? ORDER BY id",
                                                 [call_id])]
    complaints = []
    for e in events:
        if e["kind"] == "complaint_link":
            got = db.execute("SELECT data FROM complaints WHERE id = ?", [e["detail"].get("complaint_id", "")]).fetchone()
            if got:
                complaints.append(json.loads(got[0]))
    return CallRecord.from_events(row[0], row[1] or "", events, complaints)


def find_calls(db: Database, prefix: str = "", since: str = "") -> list[str]:
    """Ids of the calls starting with ``prefix``, or started on or after ``since`` (oldest first)."""
    if prefix:
        return [r[0] for r in db.execute("SELECT id FROM calls WHERE id LIKE ? || '%' ORDER BY started_at", [prefix])]
    return [r[0] for r in db.execute("SELECT id FROM calls WHERE started_at >= ? ORDER BY started_at", [since])]


def assess_call(db: Database, call_id: str, rubric: Rubric, ctx: QaContext) -> QaResult | None:
    rec = load_record(db, call_id)
    return None if rec is None else assess(rec, rubric, ctx)


def stored_result(db: Database, call_id: str) -> QaResult | None:
    row = db.execute("SELECT result FROM call_qa WHERE call_id = ?", [call_id]).fetchone()
    return QaResult.from_json(json.loads(row[0])) if row and row[0] else None


def _utc(at: str | None) -> str | None:
    if not at:
        return at
    try:
        t = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    if t.tzinfo is None:
        t = t.astimezone()
    return t.astimezone(dt.UTC).isoformat(timespec="seconds")


def call_payload(db: Database, call_id: str, result: QaResult | None, *, agent_id: str = "", org_unit: str = "") -> dict[str, Any]:
    """The ``call`` record for head office: when, type, masked caller and topic, who, the linked
    complaints, counts of steps, and the quality check (findings masked)."""
    row = db.execute("SELECT started_at, ended_at, caller_masked, topic, call_type, source FROM calls WHERE id = ?",
                     [call_id]).fetchone()
    if row is None:
        raise KeyError(call_id)
    started, ended, caller, topic, call_type, source = row
    kinds: dict[str, int] = {}
    links = []
    stages: list[str] = []
    for kind, detail in db.execute("SELECT kind, detail FROM call_events WHERE call_id = ? ORDER BY id", [call_id]):
        kinds[kind] = kinds.get(kind, 0) + 1
        d = json.loads(detail or "{}")
        if kind == "complaint_link":
            links.append({"complaint_id": d.get("complaint_id", ""), "ticket_no": d.get("ticket_no", ""), "role": d.get("role", "")})
        elif kind == "stage" and d.get("new"):
            stages.append(d["new"])
    qa = None
    if result is not None:
        qa = result.to_json()
        qa["findings"] = [{**f, "detail": mask(f["detail"]), "text": mask(f["text"])} for f in qa["findings"]]
    return {"call_id": call_id, "started_at": _utc(started), "ended_at": _utc(ended),
            "call_type": result.call_type if result else (call_type or ""), "caller_masked": mask(caller or ""),
            "topic": mask(topic or ""), "source": source or "", "agent_id": agent_id, "org_unit": org_unit,
            "complaints": links, "stages": stages,
            "steps": {"ticks": kinds.get("tick", 0), "scripts": kinds.get("script_use", 0),
                      "overrides": kinds.get("identity_override", 0), "notes": kinds.get("note", 0)},
            "qa": qa}


def record_call(db: Database, call_id: str, result: QaResult | None, *, agent_id: str = "", org_unit: str = "") -> None:
    """Store the result and queue the call record for head office (one transaction).
    A second call for the same call (e.g. after a rubric change) becomes a new revision."""
    payload = call_payload(db, call_id, result, agent_id=agent_id, org_unit=org_unit)
    with db.atomic():
        got = db.execute("SELECT revision FROM call_qa WHERE call_id = ?", [call_id]).fetchone()
        revision = (int(got[0]) if got else 0) + 1
        r = result
        db.execute("INSERT OR REPLACE INTO call_qa (call_id, revision, assessed_at, score, verdict, red_line, rubric_version, "
                   "result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [call_id, revision, r.assessed_at if r else None, r.score if r else None, r.verdict if r else None,
                    int(r.red_line) if r else None, r.rubric_version if r else None,
                    json.dumps(r.to_json(), ensure_ascii=False) if r else None])
        outbox.enqueue(db, "call", call_id, revision, {**payload, "revision": revision})


def after_call(db: Database, call_id: str, rubric: Rubric | None, ctx: QaContext | None, *,
               agent_id: str = "", org_unit: str = "") -> QaResult | None:
    """At the end of a call (DB lane): assess it and queue its record for head office. Without a
    rubric (a broken ``qa.yaml``) the call record still goes, without a check."""
    result = assess_call(db, call_id, rubric, ctx) if rubric is not None and ctx is not None else None
    if db.execute("SELECT 1 FROM calls WHERE id = ?", [call_id]).fetchone():
        record_call(db, call_id, result, agent_id=agent_id, org_unit=org_unit)
    return result


def summary_lines(result: QaResult, limit: int = 6) -> list[QaFinding]:
    """What the agent sees after the call: red lines first, then by weight; at most ``limit``."""
    return sorted(result.findings, key=lambda f: (not f.red_line, -f.weight))[:limit]
