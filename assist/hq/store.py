"""Receiver storage operations over :mod:`assist.hq.db` (SQLite or PostgreSQL).

Every call is one transaction and reads/writes only the database: nothing is cached,
so any number of receiver processes can serve the same database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

from assist.core.sync import protocol
from assist.hq import projection, schema
from assist.hq.db import Database, connect

TOKEN_PREFIX = "ahq_"


class Forbidden(Exception):
    pass


class Refused(Exception):
    """A record of an all-or-nothing batch was rejected: ``code`` in protocol.REJECT_STATUS."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Device:
    id: str
    branch: str
    name: str
    created_at: str
    revoked_at: str | None


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _version_key(v: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-_+]", v.strip()) if p)


class Store:
    def __init__(self, db: Database | str):
        self.db = connect(db) if isinstance(db, str) else db
        self.pg = self.db.dialect == "postgresql"

    def close(self) -> None:
        self.db.close()

    # -- schema -------------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        done: list[str] = []
        with self.db.tx() as cur:
            if self.pg:
                cur.execute("SELECT pg_advisory_xact_lock(7423001)")
            cur.execute(schema.BOOKKEEPING[self.db.dialect])
            applied = {r[0] for r in cur.execute("SELECT name FROM hq_migrations").fetchall()}
            for name, stmts in schema.MIGRATIONS:
                if name in applied:
                    continue
                for sql in stmts[self.db.dialect]:
                    cur.execute(sql)
                cur.execute("INSERT INTO hq_migrations (name, applied_at) VALUES (?, ?)", [name, now()])
                done.append(name)
        if "0003_supervision" in done:
            self.reproject()   # records received before the read models existed
        return done

    def reproject(self) -> int:
        """Rebuild the read models' rows from every stored call, complaint and notice receipt
        (after the migration that added them; safe to run again: `assist-hq reproject`)."""
        n = 0
        with self.db.tx() as cur:
            rows = cur.execute("SELECT kind, record_id, branch, device_id, payload, received_at FROM records WHERE kind IN "
                               f"({', '.join('?' * len(projection.PROJECTED))}) ORDER BY received_at",
                               list(projection.PROJECTED)).fetchall()
            for kind, rid, branch, dev, payload, at in rows:
                projection.project(cur, kind, rid, branch, dev, payload if isinstance(payload, dict) else json.loads(payload), at)
                n += 1
        return n

    def ping(self) -> bool:
        with self.db.tx() as cur:
            return cur.execute("SELECT COUNT(*) FROM hq_migrations").fetchone()[0] >= len(schema.MIGRATIONS)

    # -- devices ------------------------------------------------------------------------------
    def device_add(self, branch: str, name: str = "") -> tuple[Device, str]:
        if not re.fullmatch(r"[A-Za-z0-9]{1,16}", branch):
            raise ValueError(f"branch code {branch!r} must be 1-16 letters or digits")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        dev = Device("dev-" + secrets.token_hex(6), branch, name, now(), None)
        with self.db.tx() as cur:
            cur.execute("INSERT INTO devices (id, branch, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                        [dev.id, branch, name, token_hash(token), dev.created_at])
        return dev, token

    def device_revoke(self, device_id: str) -> bool:
        with self.db.tx() as cur:
            return cur.execute("UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                               [now(), device_id]).rowcount > 0

    def device_replace(self, old_id: str, new_id: str, actor: str) -> dict[str, int]:
        """A replaced PC: ``new_id`` takes over every record ``old_id`` owns and the status
        changes addressed to it; ``old_id`` is revoked. One transaction, audited."""
        if not actor.strip():
            raise ValueError("say who does this: --actor NAME (recorded in the audit trail)")
        with self.db.tx() as cur:
            rows = {r[0]: r for r in cur.execute("SELECT id, branch, revoked_at FROM devices WHERE id IN (?, ?)",
                                                  [old_id, new_id]).fetchall()}
            if old_id == new_id:
                raise ValueError("OLD and NEW are the same device")
            for d in (old_id, new_id):
                if d not in rows:
                    raise ValueError(f"no device {d}; `assist-hq device list` shows them")
            if rows[new_id][2]:
                raise ValueError(f"device {new_id} is revoked; register the new PC with `assist-hq device add`")
            if rows[old_id][1] != rows[new_id][1]:
                raise ValueError(f"devices are in different branches ({rows[old_id][1]} and {rows[new_id][1]}); "
                                 "records never move between branches")
            moved = cur.execute("UPDATE records SET device_id = ? WHERE device_id = ?", [new_id, old_id]).rowcount
            updates = cur.execute("UPDATE updates SET device_id = ? WHERE device_id = ?", [new_id, old_id]).rowcount
            revoked = cur.execute("UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                                  [now(), old_id]).rowcount
            detail = {"old": old_id, "new": new_id, "branch": rows[old_id][1], "records": moved, "updates": updates,
                      "revoked_old": bool(revoked)}
            cur.execute("INSERT INTO hq_audit (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                        [now(), actor.strip()[:100], "device_replace", json.dumps(detail, ensure_ascii=False)])
        return {"records": moved, "updates": updates}

    def audit(self) -> list[dict[str, Any]]:
        with self.db.tx() as cur:
            rows = cur.execute("SELECT id, at, actor, action, detail FROM hq_audit ORDER BY id").fetchall()
        return [{"id": r[0], "at": r[1], "actor": r[2], "action": r[3], "detail": json.loads(r[4])} for r in rows]

    def device_list(self) -> list[Device]:
        with self.db.tx() as cur:
            rows = cur.execute("SELECT id, branch, name, created_at, revoked_at FROM devices ORDER BY created_at").fetchall()
        return [Device(*r) for r in rows]

    def device_for_token(self, token: str) -> Device | None:
        """The active device holding ``token`` (compared by its sha256; the token itself is never stored)."""
        with self.db.tx() as cur:
            r = cur.execute("SELECT id, branch, name, created_at, revoked_at FROM devices WHERE token_hash = ?",
                            [token_hash(token)]).fetchone()
        return Device(*r) if r else None

    # -- records ------------------------------------------------------------------------------
    def upsert(self, device: Device, records: list[protocol.Record], *, all_or_nothing: bool = False) -> list[protocol.Result]:
        """Keep the latest revision of each (kind, id), judging each record on its own.

        A record belongs to the device that first sent it (``records.device_id``): another
        device's write is rejected (``not_owner``), a record of another branch too
        (``forbidden``); nothing of theirs is changed. With ``all_or_nothing`` (0.1.0 clients)
        the first rejection raises :class:`Refused` and the whole batch is rolled back."""
        out: list[protocol.Result] = []
        at = now()
        payload_sql = "CAST(? AS jsonb)" if self.pg else "?"
        lock = " FOR UPDATE" if self.pg else ""
        insert = (f"INSERT INTO records (kind, record_id, revision, branch, device_id, payload, received_at) "
                  f"VALUES (?, ?, ?, ?, ?, {payload_sql}, ?) ON CONFLICT (kind, record_id) DO NOTHING RETURNING revision")
        select = f"SELECT revision, branch, device_id FROM records WHERE kind = ? AND record_id = ?{lock}"
        update = f"UPDATE records SET revision = ?, payload = {payload_sql}, received_at = ? WHERE kind = ? AND record_id = ?"
        with self.db.tx() as cur:
            for r in sorted(records, key=lambda r: (r.kind, r.id, r.revision)):  # one lock order: no deadlocks
                payload = json.dumps(r.payload, ensure_ascii=False, allow_nan=False)
                row = cur.execute(select, [r.kind, r.id]).fetchone()
                if row is None:
                    if cur.execute(insert, [r.kind, r.id, r.revision, device.branch, device.id, payload, at]).fetchone():
                        if r.kind in projection.PROJECTED:
                            projection.project(cur, r.kind, r.id, device.branch, device.id, r.payload, at)
                        out.append(protocol.Result(r.kind, r.id, r.revision, protocol.STORED, r.revision))
                        continue
                    row = cur.execute(select, [r.kind, r.id]).fetchone()  # another request inserted it just now
                rev, branch, owner = row
                if branch != device.branch:
                    res = self._reject(r, rev, "forbidden", f"record {r.kind} {r.id[:60]} belongs to another branch; "
                                                            f"this device may write only branch {device.branch}")
                elif owner != device.id:
                    res = self._reject(r, rev, "not_owner", f"record {r.kind} {r.id[:60]} belongs to device {owner}, not to "
                                                            f"this device ({device.id}); nothing was changed. If this PC "
                                                            f"replaced {owner}, head office runs `assist-hq device replace "
                                                            f"{owner} {device.id}`, then send it again")
                elif rev < r.revision:
                    cur.execute(update, [r.revision, payload, at, r.kind, r.id])
                    if r.kind in projection.PROJECTED:
                        projection.project(cur, r.kind, r.id, device.branch, device.id, r.payload, at)
                    res = protocol.Result(r.kind, r.id, r.revision, protocol.STORED, r.revision)
                else:  # the same revision, or a newer one this device sent itself (a resend): harmless
                    res = protocol.Result(r.kind, r.id, r.revision, protocol.DUPLICATE, rev)
                if res.status == protocol.REJECTED and all_or_nothing:
                    raise Refused(res.code, res.message)
                out.append(res)
        return out

    @staticmethod
    def _reject(r: protocol.Record, server_rev: int, code: str, message: str) -> protocol.Result:
        return protocol.Result(r.kind, r.id, r.revision, protocol.REJECTED, server_rev, code, message)

    def record_counts(self) -> dict[str, int]:
        with self.db.tx() as cur:
            return {k: n for k, n in cur.execute("SELECT kind, COUNT(*) FROM records GROUP BY kind").fetchall()}

    def records(self, kind: str | None = None) -> list[tuple[str, str, int, str]]:
        """(kind, id, revision, branch) of every record (tests and admin checks)."""
        with self.db.tx() as cur:
            sql = "SELECT kind, record_id, revision, branch FROM records" + (" WHERE kind = ?" if kind else "") + " ORDER BY kind, record_id"
            return [tuple(r) for r in cur.execute(sql, [kind] if kind else []).fetchall()]

    # -- updates (HQ → device) --------------------------------------------------------------------
    def add_update(self, complaint_id: str, status: str, *, reason: str = "", actor: str = "") -> int:
        """Address a status change to the device that sent the complaint."""
        with self.db.tx() as cur:
            row = cur.execute("SELECT device_id, branch, revision FROM records WHERE kind = 'complaint' AND record_id = ?",
                              [complaint_id]).fetchone()
            if row is None:
                raise KeyError(f"no complaint {complaint_id} has been received")
            cur.execute("INSERT INTO updates (device_id, branch, complaint_id, status, reason, actor, at, base_revision) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [row[0], row[1], complaint_id, status, reason, actor, now(), row[2]])
            return int(cur.execute("SELECT MAX(seq) FROM updates WHERE device_id = ?", [row[0]]).fetchone()[0])

    def updates_for(self, device: Device, after: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        with self.db.tx() as cur:
            rows = cur.execute("SELECT seq, complaint_id, status, reason, actor, at, base_revision FROM updates "
                               "WHERE device_id = ? AND branch = ? AND seq > ? ORDER BY seq LIMIT ?",
                               [device.id, device.branch, after, limit]).fetchall()
        items = [dict(zip(("seq", "complaint_id", "status", "reason", "actor", "at", "base_revision"), r)) for r in rows]
        return items, (items[-1]["seq"] if items else after)

    # -- KB packs -----------------------------------------------------------------------------------
    def publish_pack(self, version: str, data: bytes) -> dict[str, Any]:
        sha = hashlib.sha256(data).hexdigest()
        with self.db.tx() as cur:
            if cur.execute("SELECT 1 FROM kb_packs WHERE kb_version = ?", [version]).fetchone():
                raise ValueError(f"KB version {version} is already published; build the pack with a new kb/VERSION")
            cur.execute("INSERT INTO kb_packs (kb_version, sha256, size, data, published_at) VALUES (?, ?, ?, ?, ?)",
                        [version, sha, len(data), data, now()])
        return {"kb_version": version, "sha256": sha, "size": len(data)}

    def latest_pack(self) -> dict[str, Any] | None:
        with self.db.tx() as cur:
            rows = cur.execute("SELECT kb_version, sha256, size, published_at FROM kb_packs").fetchall()
        if not rows:
            return None
        v, sha, size, at = max(rows, key=lambda r: _version_key(r[0]))
        return {"kb_version": v, "sha256": sha, "size": size, "published_at": at}

    def pack_bytes(self, version: str) -> bytes | None:
        with self.db.tx() as cur:
            r = cur.execute("SELECT data FROM kb_packs WHERE kb_version = ?", [version]).fetchone()
        return bytes(r[0]) if r else None
