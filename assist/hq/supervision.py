"""What the head-office pages show and change (事后监督), over the read models of
:mod:`assist.hq.projection`. Every function takes the signed-in :class:`~assist.hq.auth.User`:
an account with a branch sees only that branch (:class:`NotAllowed` otherwise), and edits are
checked against the role and written to ``hq_audit``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from assist.hq.auth import User, iso, now
from assist.hq.projection import NEAR_DUE_DAYS

PAGE = 50
REVIEW_VERDICTS = ("合格", "不合格", "需辅导")
REGISTER_STATUSES = ("待评估", "整改中", "已整改", "已关闭", "接受风险")
DEFAULT_SAMPLE = 0.05
ACTIVE_DAYS = 90
TEXT_MAX = 2000


class NotAllowed(Exception):
    """The signed-in account may not see or change this (HTTP 403)."""


class BadInput(ValueError):
    """A form value is wrong; ``field`` names it (the message says what to do)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE))


def _audit(cur: Any, user: User, action: str, detail: dict[str, Any]) -> None:
    cur.execute("INSERT INTO hq_audit (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                [iso(now()), user.name, action, json.dumps(detail, ensure_ascii=False)])


def _scope(user: User, branch: str | None, col: str = "branch") -> tuple[str, list[Any]]:
    """A WHERE fragment for the branches the user may see (and the filter asked for)."""
    if user.branch:
        if branch and branch != user.branch:
            raise NotAllowed(f"this account sees only branch {user.branch}")
        return f"{col} = ?", [user.branch]
    if branch:
        return f"{col} = ?", [branch]
    return "1 = 1", []


def _dicts(cur: Any, keys: tuple[str, ...], rows: list[Any]) -> list[dict[str, Any]]:
    return [dict(zip(keys, r)) for r in rows]


def _text(field: str, value: str, limit: int = TEXT_MAX) -> str:
    from assist.core.text import clean_text

    v = clean_text(value or "").strip()
    if len(v) > limit:
        raise BadInput(field, f"{field}: 最多 {limit} 个字符（现为 {len(v)}）")
    return v


def _date(field: str, value: str) -> str:
    v = (value or "").strip()
    if not v:
        return ""
    try:
        return dt.date.fromisoformat(v).isoformat()
    except ValueError:
        raise BadInput(field, f"{field}: 日期请写成 YYYY-MM-DD（例如 2026-12-31）") from None


# ---- settings ------------------------------------------------------------------------------------

def sample_rate(cur: Any) -> float:
    row = cur.execute("SELECT value FROM hq_settings WHERE key = 'qa.sample_rate'").fetchone()
    try:
        return float(row[0]) if row else DEFAULT_SAMPLE
    except ValueError:
        return DEFAULT_SAMPLE


def set_sample_rate(store: Any, user: User, percent: str) -> float:
    if not user.can_set_sample:
        raise NotAllowed("only QA or compliance staff set the sample rate")
    try:
        pct = float(str(percent).strip().rstrip("%"))
    except ValueError:
        raise BadInput("sample_rate", "抽样比例请填 0 到 100 之间的数字（百分比）") from None
    if not 0 <= pct <= 100:
        raise BadInput("sample_rate", "抽样比例请填 0 到 100 之间的数字（百分比）")
    rate = round(pct / 100, 4)
    with store.db.tx() as cur:
        cur.execute("INSERT INTO hq_settings (key, value) VALUES ('qa.sample_rate', ?) ON CONFLICT (key) DO UPDATE SET "
                    "value = excluded.value", [str(rate)])
        _audit(cur, user, "sample_rate", {"rate": rate})
    return rate


# ---- 复听 queue ------------------------------------------------------------------------------------

CALL_COLS = ("call_id", "branch", "agent_id", "org_unit", "call_type", "started_at", "score", "verdict", "red_line",
             "findings", "review_verdict", "reviewer", "reviewed_at")


def queue(store: Any, user: User, *, branch: str | None = None, status: str = "todo", page: int = 1) -> tuple[Page, float]:
    """Calls to re-listen to: every call with a red-line finding, plus the sample of the rest
    (a stable random share of calls: bucket of the call id below the configured rate).
    ``status``: todo (not yet reviewed), done, all. Red lines first, newest first.

    Read as two streams, each along its own index (red lines; sampled calls without one), so
    the count and a page stay cheap with millions of calls."""
    where, args = _scope(user, branch, "c.branch")
    reviewed = {"todo": " AND NOT EXISTS (SELECT 1 FROM hq_reviews r WHERE r.call_id = c.call_id)",
                "done": " AND EXISTS (SELECT 1 FROM hq_reviews r WHERE r.call_id = c.call_id)"}.get(status, "")
    offset = (max(page, 1) - 1) * PAGE
    with store.db.tx() as cur:
        rate = sample_rate(cur)
        threshold = round(rate * 10000)
        streams = [(f"{where} AND c.red_line = 1{reviewed}", args),
                   (f"{where} AND c.sample < ? AND c.red_line = 0{reviewed}", [*args, threshold])]
        counts = []
        for cond, a in streams:   # counted along the indexes; the (few) reviewed calls subtracted by a join
            base = cond.replace(reviewed, "")
            n = int(cur.execute(f"SELECT COUNT(*) FROM hq_calls c WHERE {base}", a).fetchone()[0])
            done = int(cur.execute(f"SELECT COUNT(*) FROM hq_reviews r JOIN hq_calls c ON c.call_id = r.call_id WHERE {base}",
                                   a).fetchone()[0]) if status in ("todo", "done") else 0
            counts.append(n - done if status == "todo" else done if status == "done" else n)
        rows: list[Any] = []
        skip = offset
        for (cond, a), n in zip(streams, counts):
            if skip >= n:
                skip -= n
                continue
            rows += cur.execute(f"SELECT c.call_id, c.branch, c.agent_id, c.org_unit, c.call_type, c.started_at, c.score, "
                                f"c.verdict, c.red_line, c.findings, r.verdict, r.reviewer, r.reviewed_at FROM hq_calls c "
                                f"LEFT JOIN hq_reviews r ON r.call_id = c.call_id WHERE {cond} "
                                f"ORDER BY c.started_at DESC, c.call_id LIMIT ? OFFSET ?", [*a, PAGE - len(rows), skip]).fetchall()
            skip = 0
            if len(rows) >= PAGE:
                break
    return Page(_dicts(cur, CALL_COLS, rows), sum(counts), max(page, 1)), rate


def call_detail(store: Any, user: User, call_id: str) -> dict[str, Any] | None:
    with store.db.tx() as cur:
        row = cur.execute("SELECT c.call_id, c.branch, c.agent_id, c.org_unit, c.call_type, c.started_at, c.score, c.verdict, "
                          "c.red_line, c.findings, r.verdict, r.reviewer, r.reviewed_at, r.comment, c.sample, c.ended_at "
                          "FROM hq_calls c LEFT JOIN hq_reviews r ON r.call_id = c.call_id WHERE c.call_id = ?", [call_id]).fetchone()
        if row is None:
            return None
        out = dict(zip((*CALL_COLS, "review_comment", "sample", "ended_at"), row))
        if not user.sees(out["branch"]):
            raise NotAllowed(f"call of branch {out['branch']}; this account sees only branch {user.branch}")
        p = cur.execute("SELECT payload FROM records WHERE kind = 'call' AND record_id = ?", [call_id]).fetchone()
        rate = sample_rate(cur)
    payload = (p[0] if isinstance(p[0], dict) else json.loads(p[0])) if p else {}
    out["payload"] = payload
    out["qa"] = payload.get("qa") or {}
    out["why"] = "红线" if out["red_line"] else ("抽样" if out["sample"] < rate * 10000 else "")
    return out


def review(store: Any, user: User, call_id: str, verdict: str, comment: str) -> None:
    if not user.can_review:
        raise NotAllowed("this account may not review calls")
    if verdict not in REVIEW_VERDICTS:
        raise BadInput("verdict", f"复听结论请选择：{'、'.join(REVIEW_VERDICTS)}")
    comment = _text("comment", comment, 1000)
    from assist.core.privacy import mask

    comment = mask(comment)   # QA notes must not bring personal numbers into head office
    if call_detail(store, user, call_id) is None:
        raise BadInput("call_id", "没有这通电话")
    with store.db.tx() as cur:
        cur.execute("INSERT INTO hq_reviews (call_id, verdict, comment, reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (call_id) DO UPDATE SET verdict = excluded.verdict, comment = excluded.comment, "
                    "reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at",
                    [call_id, verdict, comment, user.name, iso(now())])
        _audit(cur, user, "call_review", {"call_id": call_id, "verdict": verdict})


# ---- complaints ------------------------------------------------------------------------------------

COMPLAINT_COLS = ("id", "branch", "ticket_no", "status", "level", "flags", "high_risk", "is_open", "received_at", "due_date",
                  "channel_a", "business_b", "reason_c", "product", "org_unit")


def high_risk(store: Any, user: User, *, branch: str | None = None, today: dt.date | None = None,
              page: int = 1) -> tuple[Page, dict[str, int]]:
    """High-risk complaints (flags 监管/舆情/过激/群体, level 重大) and open ones due within
    ``NEAR_DUE_DAYS`` days or overdue, by branch, soonest due first. Also the count per branch."""
    today = today or dt.datetime.now(dt.UTC).date()
    near = (today + dt.timedelta(days=NEAR_DUE_DAYS)).isoformat()
    where, args = _scope(user, branch)
    cond = f"{where} AND (high_risk = 1 OR (is_open = 1 AND due_date <> '' AND due_date <= ?))"
    args = [*args, near]
    with store.db.tx() as cur:
        counts = {b: int(n) for b, n in cur.execute(f"SELECT branch, COUNT(*) FROM hq_complaints WHERE {cond} GROUP BY branch "
                                                    "ORDER BY branch", args).fetchall()}
        rows = cur.execute(f"SELECT {', '.join(COMPLAINT_COLS)} FROM hq_complaints WHERE {cond} "
                           "ORDER BY branch, is_open DESC, due_date, id LIMIT ? OFFSET ?",
                           [*args, PAGE, (max(page, 1) - 1) * PAGE]).fetchall()
    out = _dicts(None, COMPLAINT_COLS, rows)
    for r in out:
        r["why"] = complaint_reasons(r, today)
    return Page(out, sum(counts.values()), max(page, 1)), counts


def complaint_reasons(r: dict[str, Any], today: dt.date) -> list[str]:
    from assist.hq.projection import HIGH_RISK_FLAGS

    why = [f for f in (r.get("flags") or "").split(",") if f in HIGH_RISK_FLAGS]
    if r.get("level") == "重大":
        why.append("重大")
    if r.get("is_open") and r.get("due_date"):
        try:
            left = (dt.date.fromisoformat(r["due_date"]) - today).days
        except ValueError:
            left = None
        if left is not None and left < 0:
            why.append(f"已超期 {-left} 天")
        elif left is not None and left <= NEAR_DUE_DAYS:
            why.append(f"D-{left}")
    return why


def complaint_detail(store: Any, user: User, complaint_id: str) -> dict[str, Any] | None:
    with store.db.tx() as cur:
        row = cur.execute(f"SELECT {', '.join(COMPLAINT_COLS)} FROM hq_complaints WHERE id = ?", [complaint_id]).fetchone()
        if row is None:
            return None
        out = dict(zip(COMPLAINT_COLS, row))
        if not user.sees(out["branch"]):
            raise NotAllowed(f"complaint of branch {out['branch']}; this account sees only branch {user.branch}")
        p = cur.execute("SELECT payload, revision FROM records WHERE kind = 'complaint' AND record_id = ?", [complaint_id]).fetchone()
    out["payload"] = (p[0] if isinstance(p[0], dict) else json.loads(p[0])) if p else {}
    out["revision"] = p[1] if p else 0
    out["why"] = complaint_reasons(out, dt.datetime.now(dt.UTC).date())
    return out


# ---- 风险隐患清单 ------------------------------------------------------------------------------------

REGISTER_COLS = ("id", "source", "issue", "issue_label", "product", "branch", "team", "hits", "first_seen", "last_seen",
                 "examples", "owner", "due_date", "status", "measures", "updated_by", "updated_at")


def _register_rows(rows: list[Any]) -> list[dict[str, Any]]:
    out = _dicts(None, REGISTER_COLS, rows)
    for r in out:
        r["examples"] = json.loads(r["examples"] or "[]")
    return out


def register(store: Any, user: User, *, branch: str | None = None, status: str = "", source: str = "",
             page: int = 1, limit: int | None = PAGE) -> Page:
    where, args = _scope(user, branch)
    cond = f"{where} AND hits > 0"
    if status:
        cond += " AND status = ?"
        args.append(status)
    if source:
        cond += " AND source = ?"
        args.append(source)
    with store.db.tx() as cur:
        total = int(cur.execute(f"SELECT COUNT(*) FROM hq_register WHERE {cond}", args).fetchone()[0])
        sql = f"SELECT {', '.join(REGISTER_COLS)} FROM hq_register WHERE {cond} ORDER BY hits DESC, last_seen DESC, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args = [*args, limit, (max(page, 1) - 1) * limit]
        rows = cur.execute(sql, args).fetchall()
    return Page(_register_rows(rows), total, max(page, 1))


def register_entry(store: Any, user: User, entry_id: int) -> dict[str, Any] | None:
    with store.db.tx() as cur:
        rows = cur.execute(f"SELECT {', '.join(REGISTER_COLS)} FROM hq_register WHERE id = ?", [entry_id]).fetchall()
    if not rows:
        return None
    e = _register_rows(rows)[0]
    if not user.sees(e["branch"]):
        raise NotAllowed(f"entry of branch {e['branch']}; this account sees only branch {user.branch}")
    return e


def update_register(store: Any, user: User, entry_id: int, form: dict[str, str]) -> dict[str, Any]:
    if not user.can_edit:
        raise NotAllowed("only compliance staff edit the register")
    e = register_entry(store, user, entry_id)
    if e is None:
        raise BadInput("id", "没有这条隐患")
    status = form.get("status", e["status"])
    if status not in REGISTER_STATUSES:
        raise BadInput("status", f"状态请选择：{'、'.join(REGISTER_STATUSES)}")
    owner = _text("owner", form.get("owner", ""), 60)
    due = _date("due_date", form.get("due_date", ""))
    measures = _text("measures", form.get("measures", ""))
    if status in ("整改中",) and not (owner and due):
        raise BadInput("owner", "“整改中”的隐患需要责任人和整改期限")
    with store.db.tx() as cur:
        cur.execute("UPDATE hq_register SET owner = ?, due_date = ?, status = ?, measures = ?, updated_by = ?, updated_at = ? "
                    "WHERE id = ?", [owner, due, status, measures, user.name, iso(now()), entry_id])
        _audit(cur, user, "register_edit", {"id": entry_id, "status": status, "owner": owner, "due_date": due})
    return {**e, "owner": owner, "due_date": due, "status": status, "measures": measures}


# ---- notices: read receipts ----------------------------------------------------------------------

def read_rates(store: Any, user: User, notice_id: str, version: int, must_read: bool) -> list[dict[str, Any]]:
    """Per branch: agents seen in the last ``ACTIVE_DAYS`` days, how many read (a must-read
    notice: acknowledged) this version, and the rate."""
    since = iso(now() - dt.timedelta(days=ACTIVE_DAYS))
    where, args = _scope(user, None, "a.branch")
    done = "acknowledged_at IS NOT NULL" if must_read else "read_at IS NOT NULL"
    with store.db.tx() as cur:
        known = dict(cur.execute(f"SELECT a.branch, COUNT(*) FROM hq_agents a WHERE {where} AND a.last_seen >= ? "
                                 "GROUP BY a.branch", [*args, since]).fetchall())
        where2, args2 = _scope(user, None, "branch")
        read = dict(cur.execute(f"SELECT branch, COUNT(*) FROM hq_notice_reads WHERE {where2} AND notice_id = ? AND version = ? "
                                f"AND {done} GROUP BY branch", [*args2, notice_id, version]).fetchall())
        devices = [r[0] for r in cur.execute("SELECT DISTINCT branch FROM devices WHERE revoked_at IS NULL").fetchall()]
    out = []
    for b in sorted(set(known) | set(read) | {d for d in devices if user.sees(d)}):
        k, r = int(known.get(b, 0)), int(read.get(b, 0))
        k = max(k, r)
        out.append({"branch": b, "agents": k, "read": r, "rate": (r / k) if k else 0.0})
    return out
