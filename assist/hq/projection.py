"""Read models of the head-office web view, kept in step with ``records`` in the same transaction.

``records`` holds every record as received (JSON). The pages need indexed columns instead, so
each stored ``call``, ``complaint`` and ``notice_ack`` record is also written to:

- ``hq_calls``        one row per call: branch, agent, type, score, verdict, red line, a sample
                      bucket (0..9999 from the call id, so the 复听 sample is stable)
- ``hq_complaints``   one row per complaint: flags, level, high risk, open, due date, week, A/B/C
- ``hq_agents``       agents seen per branch (the read-receipt denominators)
- ``hq_register``     the 风险隐患清单: one entry per (source, issue, product, branch, team), its
                      count, first and last seen and up to ``EXAMPLES`` masked examples; the
                      entries a record counts in are ``hq_register_hits`` (a new revision moves them)
- ``hq_notice_reads`` notice receipts per agent

The row builders are pure (the benchmark's data generator uses them too).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from typing import Any

from assist.core.privacy import mask

HIGH_RISK_FLAGS = ("监管", "舆情", "过激", "群体")
OPEN_STATUSES = ("受理", "处理中", "核查中")
REGISTER_MIN_WEIGHT = 10      # a finding enters the register when it is a red line or weighs at least this
EXAMPLES = 3
NEAR_DUE_DAYS = 3


def sample_bucket(call_id: str) -> int:
    return int(hashlib.sha256(call_id.encode("utf-8")).hexdigest()[:8], 16) % 10000


def iso_week(when: str) -> str:
    try:
        d = dt.date.fromisoformat(str(when)[:10])
    except ValueError:
        return ""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


@lru_cache(maxsize=1)
def taxonomy() -> Any:
    """The complaint taxonomy head office labels codes with: that of the KB it publishes
    (``ASSIST_HQ_KB``, set by ``assist-hq serve --kb``), else the one shipped with Assist."""
    import logging
    import os

    from assist.core.complaints.taxonomy import TaxonomyError, load_taxonomy
    from assist.paths import _bundle_root

    kb = os.environ.get("ASSIST_HQ_KB") or str(_bundle_root() / "kb")
    try:
        return load_taxonomy(kb)
    except (OSError, TaxonomyError) as exc:   # labels are a nicety: codes are shown without them
        logging.getLogger("assist.hq").error("taxonomy unavailable", extra={"fields": {"error": str(exc)[:200]}})
        return None


def label(dim: str, code: str) -> str:
    t = taxonomy()
    return (t.label(dim, code) if t is not None and code else None) or ""


def _s(v: Any, n: int = 200) -> str:
    return str(v if v is not None else "")[:n]


def call_row(record_id: str, branch: str, device_id: str, p: dict[str, Any], received_at: str) -> dict[str, Any]:
    qa: dict[str, Any] = p["qa"] if isinstance(p.get("qa"), dict) else {}
    findings: list[Any] = qa["findings"] if isinstance(qa.get("findings"), list) else []
    score = qa.get("score")
    return {"call_id": record_id, "branch": branch, "device_id": device_id, "agent_id": _s(p.get("agent_id"), 40),
            "org_unit": _s(p.get("org_unit"), 80), "call_type": _s(p.get("call_type"), 20),
            "started_at": _s(p.get("started_at") or received_at, 40), "ended_at": _s(p.get("ended_at"), 40) or None,
            "score": score if isinstance(score, int) and not isinstance(score, bool) else None,
            "verdict": _s(qa.get("verdict"), 10), "red_line": int(bool(qa.get("red_line"))), "findings": len(findings),
            "sample": sample_bucket(record_id), "received_at": received_at}


def complaint_row(record_id: str, branch: str, p: dict[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    flags = [str(f) for f in p.get("risk_flags") or [] if isinstance(f, str)]
    level = _s(p.get("level"), 10)
    status = _s(p.get("status"), 10)
    received = _s(p.get("received_at"), 40)
    return {"id": record_id, "branch": branch, "ticket_no": _s(p.get("ticket_no"), 60), "status": status, "level": level,
            "flags": ",".join(flags)[:200], "high_risk": int(level == "重大" or any(f in HIGH_RISK_FLAGS for f in flags)),
            "is_open": int(status in OPEN_STATUSES or not status), "received_at": received,
            "due_date": _s(p.get("due_date"), 10), "week": iso_week(received), "channel_a": _s(p.get("channel_A"), 10),
            "business_b": _s(p.get("business_B"), 10), "reason_c": _s(p.get("reason_C"), 10),
            "product": mask(_s(p.get("product_name"), 60)), "org_unit": _s(p.get("org_unit"), 80),
            "updated_at": _s(p.get("updated_at"), 40)}


def call_register_entries(record_id: str, branch: str, p: dict[str, Any]) -> list[dict[str, Any]]:
    """The register entries a call's findings count in (red lines, and findings that weigh enough)."""
    qa: dict[str, Any] = p["qa"] if isinstance(p.get("qa"), dict) else {}
    out: dict[str, dict[str, Any]] = {}
    seen = _s(p.get("started_at"), 40) or _s(p.get("ended_at"), 40)
    for f in qa.get("findings") or []:
        if not isinstance(f, dict):
            continue
        weight: int = f["weight"] if isinstance(f.get("weight"), int) else 0
        if not f.get("red_line") and weight < REGISTER_MIN_WEIGHT:
            continue
        item, rule = _s(f.get("item"), 64), _s(f.get("rule"), 64)
        issue = f"{item}:{rule}" if rule else item
        product, team = _s(p.get("call_type"), 20), _s(p.get("org_unit"), 80)
        key = "|".join(("finding", issue, product, branch, team))
        if key in out:
            continue
        out[key] = {"entry_key": key, "source": "finding", "issue": issue,
                    "issue_label": (_s(f.get("label"), 60) + (f" · {rule}" if rule else ""))[:120], "product": product,
                    "branch": branch, "team": team, "seen": seen,
                    "example": mask(f"通话 {record_id[:8]} {seen[:10]}：{_s(f.get('detail'), 120)}")[:160]}
    return list(out.values())


def complaint_register_entries(record_id: str, branch: str, p: dict[str, Any]) -> list[dict[str, Any]]:
    reason = _s(p.get("reason_C"), 10) or _s(p.get("ins_issue"), 20)
    if not reason:
        return []
    b = _s(p.get("business_B"), 10)
    product = mask(_s(p.get("product_name"), 60)) or (f"{b} {label('B_business', b)}".strip() if b else "") or _s(p.get("ins_line"), 20)
    team = _s(p.get("org_unit"), 80)
    key = "|".join(("complaint", reason, product, branch, team))
    seen = _s(p.get("received_at"), 40) or _s(p.get("created_at"), 40)
    facts = _s(p.get("facts"), 80)
    return [{"entry_key": key, "source": "complaint", "issue": reason,
             "issue_label": (f"{reason} {label('C_reason', reason)}".strip())[:120], "product": product, "branch": branch,
             "team": team, "seen": seen, "example": mask(f"{_s(p.get('ticket_no'), 60)}：{facts}")[:160]}]


def _upsert(cur: Any, table: str, row: dict[str, Any], key: str) -> None:
    cols = list(row)
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != key)
    cur.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                f"ON CONFLICT ({key}) DO UPDATE SET {sets}", list(row.values()))


def _agent(cur: Any, branch: str, agent_id: str, seen: str) -> None:
    if agent_id:
        cur.execute("INSERT INTO hq_agents (branch, agent_id, last_seen) VALUES (?, ?, ?) ON CONFLICT (branch, agent_id) "
                    "DO UPDATE SET last_seen = CASE WHEN excluded.last_seen > hq_agents.last_seen THEN excluded.last_seen "
                    "ELSE hq_agents.last_seen END", [branch, agent_id, seen])


def _register(cur: Any, kind: str, record_id: str, entries: list[dict[str, Any]], at: str) -> None:
    old = {r[0] for r in cur.execute("SELECT register_id FROM hq_register_hits WHERE kind = ? AND record_id = ?",
                                     [kind, record_id]).fetchall()}
    new: set[int] = set()
    for e in entries:
        seen = e["seen"] or at
        row = cur.execute("SELECT id, examples, first_seen, last_seen FROM hq_register WHERE entry_key = ?", [e["entry_key"]]).fetchone()
        if row is None:
            rid = cur.execute("INSERT INTO hq_register (entry_key, source, issue, issue_label, product, branch, team, hits, "
                              "first_seen, last_seen, examples, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) RETURNING id",
                              [e["entry_key"], e["source"], e["issue"], e["issue_label"], e["product"], e["branch"], e["team"],
                               seen, seen, json.dumps([e["example"]], ensure_ascii=False), at]).fetchone()[0]
        else:
            rid = row[0]
            if rid not in old:
                examples = [e["example"], *[x for x in json.loads(row[1] or "[]") if x != e["example"]]][:EXAMPLES]
                cur.execute("UPDATE hq_register SET examples = ?, first_seen = ?, last_seen = ? WHERE id = ?",
                            [json.dumps(examples, ensure_ascii=False), min(row[2], seen), max(row[3], seen), rid])
        new.add(int(rid))
    for rid in new - old:
        cur.execute("INSERT INTO hq_register_hits (kind, record_id, register_id, seen_at) VALUES (?, ?, ?, ?)",
                    [kind, record_id, rid, at])
        cur.execute("UPDATE hq_register SET hits = hits + 1 WHERE id = ?", [rid])
    for rid in old - new:
        cur.execute("DELETE FROM hq_register_hits WHERE kind = ? AND record_id = ? AND register_id = ?", [kind, record_id, rid])
        cur.execute("UPDATE hq_register SET hits = hits - 1 WHERE id = ?", [rid])


def project(cur: Any, kind: str, record_id: str, branch: str, device_id: str, payload: dict[str, Any], at: str) -> None:
    """Bring the read models in line with a record just stored (same transaction)."""
    if kind == "call":
        row = call_row(record_id, branch, device_id, payload, at)
        _upsert(cur, "hq_calls", row, "call_id")
        _agent(cur, branch, row["agent_id"], row["started_at"])
        _register(cur, "call", record_id, call_register_entries(record_id, branch, payload), at)
    elif kind == "complaint":
        row = complaint_row(record_id, branch, payload)
        _upsert(cur, "hq_complaints", row, "id")
        _agent(cur, branch, _s(payload.get("agent_id"), 40), row["received_at"] or at)
        _register(cur, "complaint", record_id, complaint_register_entries(record_id, branch, payload), at)
    elif kind == "notice_ack":
        nid, agent = _s(payload.get("notice_id"), 64), _s(payload.get("agent_id"), 40)
        version = payload.get("version") if isinstance(payload.get("version"), int) else 1
        if not nid or not agent:
            return
        cur.execute("INSERT INTO hq_notice_reads (notice_id, version, branch, agent_id, device_id, read_at, acknowledged_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (notice_id, version, branch, agent_id) DO UPDATE SET "
                    "device_id = excluded.device_id, read_at = excluded.read_at, "
                    "acknowledged_at = COALESCE(excluded.acknowledged_at, hq_notice_reads.acknowledged_at)",
                    [nid, version, branch, agent, device_id, _s(payload.get("read_at"), 40) or at,
                     _s(payload.get("acknowledged_at"), 40) or None])
        _agent(cur, branch, agent, _s(payload.get("read_at"), 40) or at)


PROJECTED = ("call", "complaint", "notice_ack")
