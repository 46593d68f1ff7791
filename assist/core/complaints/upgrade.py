"""Data repairs run by named migrations (``migrations.py``) when a database from an older
release is opened. Each repair writes a new revision with its audit and outbox rows, so the
change is visible in the complaint's history and reaches head office like any other."""

from __future__ import annotations

import datetime as dt
import json

from sqlite_utils import Database

UPGRADE_ACTOR = "system:upgrade"


def keep_original_receipt(db: Database) -> list[str]:
    """0.1.0 → 0.2: a restart on new facts overwrote ``received_at``; restore the first receipt
    from revision 1. Returns the ids of the complaints repaired."""
    from assist.core.complaints import repo

    repaired = []
    rows = db.execute("SELECT id, data FROM complaints WHERE data LIKE '%\"restarted\"%'").fetchall()
    for cid, raw in rows:
        data = json.loads(raw)
        if not any(isinstance(r, dict) and r.get("outcome") == "restarted" for r in data.get("repeats") or []):
            continue
        first = db.execute("SELECT data FROM complaint_revisions WHERE complaint_id = ? ORDER BY revision LIMIT 1", [cid]).fetchone()
        original = json.loads(first[0]).get("received_at") if first else None
        if not original or original == data.get("received_at"):
            continue
        now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        repo._write(db, {**data, "received_at": original}, actor=UPGRADE_ACTOR, now=now, action="upgrade", premasked=True)
        repaired.append(cid)
    return repaired
