"""Head office's statistics (事后监督): complaints by JR/T 0169 A/B/C channel, business and reason,
per branch and ISO week, and the root cause and fix of each reason (Art 26), kept by compliance.
Scoped and audited as everything in :mod:`assist.hq.supervision`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assist.hq.auth import User, iso, now
from assist.hq.projection import label
from assist.hq.supervision import BadInput, NotAllowed, _audit, _date, _scope, _text

FIX_STATUSES = ("未开始", "整改中", "已整改", "持续监测")


def weeks_back(n: int, today: dt.date | None = None) -> tuple[str, str]:
    from assist.hq.projection import iso_week

    today = today or dt.datetime.now(dt.UTC).date()
    return iso_week((today - dt.timedelta(weeks=n - 1)).isoformat()), iso_week(today.isoformat())


def stats(store: Any, user: User, *, week_from: str, week_to: str, branch: str | None = None) -> dict[str, Any]:
    where, args = _scope(user, branch)
    cond = f"{where} AND week >= ? AND week <= ?"
    args = [*args, week_from, week_to]
    out: dict[str, Any] = {}
    dims = (("channel_a", "A_channel", "channel"), ("business_b", "B_business", "business"), ("reason_c", "C_reason", "reason"))
    with store.db.tx() as cur:
        if store.pg:   # one pass over the rows for all four groupings
            got = cur.execute(f"SELECT branch, week, channel_a, business_b, reason_c, COUNT(*) FROM hq_complaints WHERE {cond} "
                              "GROUP BY GROUPING SETS ((branch, week), (channel_a), (business_b), (reason_c))", args).fetchall()
            matrix = [(b, w, n) for b, w, _a, _b, _c, n in got if b is not None]
            by = {name: sorted(((r[2 + i], r[5]) for r in got if r[2 + i] is not None), key=lambda x: -x[1])
                  for i, (_col, _dim, name) in enumerate(dims)}
        else:
            matrix = cur.execute(f"SELECT branch, week, COUNT(*) FROM hq_complaints WHERE {cond} GROUP BY branch, week",
                                 args).fetchall()
            by = {name: cur.execute(f"SELECT {col}, COUNT(*) FROM hq_complaints WHERE {cond} GROUP BY {col} ORDER BY 2 DESC",
                                    args).fetchall() for col, _dim, name in dims}
        for _col, dim, name in dims:
            out[name] = [{"code": c or "—", "label": label(dim, c), "count": int(n)} for c, n in by[name]]
        causes = {r[0]: r for r in cur.execute("SELECT category, root_cause, fix_action, fix_status, owner, due_date, updated_by, "
                                                "updated_at FROM hq_root_causes").fetchall()}
    weeks = sorted({w for _b, w, _n in matrix})
    branches = sorted({b for b, _w, _n in matrix})
    cell = {(b, w): int(n) for b, w, n in matrix}
    out["weeks"], out["branches"] = weeks, branches
    out["matrix"] = [{"branch": b, "cells": [cell.get((b, w), 0) for w in weeks], "total": sum(cell.get((b, w), 0) for w in weeks)}
                     for b in branches]
    out["total"] = sum(cell.values())
    keys = ("category", "root_cause", "fix_action", "fix_status", "owner", "due_date", "updated_by", "updated_at")
    out["causes"] = [{**r, **(dict(zip(keys, causes[r["code"]])) if r["code"] in causes else
                              {"root_cause": "", "fix_action": "", "fix_status": "未开始", "owner": "", "due_date": ""})}
                     for r in out["reason"]]
    return out


def set_root_cause(store: Any, user: User, category: str, form: dict[str, str]) -> None:
    if not user.can_edit:
        raise NotAllowed("only compliance staff record root causes and fixes")
    if not category or len(category) > 10:
        raise BadInput("category", "类别编号不正确")
    status = form.get("fix_status", "未开始")
    if status not in FIX_STATUSES:
        raise BadInput("fix_status", f"整改状态请选择：{'、'.join(FIX_STATUSES)}")
    vals = [_text("root_cause", form.get("root_cause", "")), _text("fix_action", form.get("fix_action", "")), status,
            _text("owner", form.get("owner", ""), 60), _date("due_date", form.get("due_date", "")), user.name, iso(now())]
    with store.db.tx() as cur:
        cur.execute("INSERT INTO hq_root_causes (category, root_cause, fix_action, fix_status, owner, due_date, updated_by, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (category) DO UPDATE SET "
                    "root_cause = excluded.root_cause, fix_action = excluded.fix_action, fix_status = excluded.fix_status, "
                    "owner = excluded.owner, due_date = excluded.due_date, updated_by = excluded.updated_by, "
                    "updated_at = excluded.updated_at", [category, *vals])
        _audit(cur, user, "root_cause", {"category": category, "fix_status": status})
