"""Applying what head office sends: complaint status changes and signed KB packs.

Status changes go through ``complaints.repo.change_status`` so each becomes a new local
revision with its audit entries and an outbox row (head office then receives the
result). A change that the lifecycle refuses (e.g. the complaint was closed here
meanwhile) is stored as a conflict for the agent, never forced.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from assist.core.sync import local, protocol


def apply_updates(db: Database, updates: list[protocol.Update], next_cursor: int) -> dict[str, int]:
    """Apply each update and advance the cursor, one transaction per update (DB lane)."""
    from assist.core.complaints import repo
    from assist.core.complaints.txn import immediate

    applied = refused = 0
    for u in updates:
        with immediate(db):
            try:
                cur = db.execute("SELECT revision, status FROM complaints WHERE id = ?", [u.complaint_id]).fetchone()
                if cur is None:
                    raise ValueError("this complaint is not on this PC")
                if cur[1] != u.status:
                    repo.change_status(db, u.complaint_id, u.status, actor=f"总部/HQ {u.actor}".strip(),
                                       at=u.at or None, reason=u.reason)
                applied += 1
            except Exception as exc:  # noqa: BLE001 - ComplaintError, TransitionError, anything else: a conflict
                refused += 1
                local.record_conflict(db, "hq_status", u.complaint_id, int(cur[0]) if cur else 0, u.base_revision,
                                      f"总部要求改为“{u.status}”未能执行 / head office status {u.status!r} not applied: {exc}")
            local.set_state(db, {"pull.cursor": str(u.seq)})
    local.set_state(db, {"pull.cursor": str(max(next_cursor, int(local.get_state(db, "pull.cursor", "0") or 0)))})
    return {"applied": applied, "refused": refused}


def cursor(db: Database) -> int:
    return int(local.get_state(db, "pull.cursor", "0") or 0)


def pull_pack(transport: Any, store_dir: Path, trusted_keys: list[str], refused: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """Download and import a newer KB pack. Returns (import result or None, refused-marker).

    Not a DB function (runs on the sync worker). A pack that fails verification is
    remembered by its sha256 so it is not downloaded again every round."""
    from assist.core.kb import packs

    info = transport.latest_pack()
    if not info:
        return None, refused
    version, sha = str(info.get("kb_version", "")), str(info.get("sha256", ""))
    active = packs.status(store_dir).get("active")
    if not version or (active and packs.version_key(version) <= packs.version_key(str(active))) or sha == refused:
        return None, refused
    Path(store_dir).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=store_dir, prefix=".download-") as tmp:
        f = transport.download_pack(version, sha, Path(tmp) / "pack.zip")
        try:
            return packs.import_pack(f, store_dir, trusted_keys), None
        except packs.PackError as exc:
            from assist.core.sync.transport import SyncError

            err = SyncError("kb_pack", f"pack {version}: {exc}", retryable=False)
            err.refused_sha = sha  # type: ignore[attr-defined]
            raise err from exc
