"""What the panel and ``assist sync`` show: online/offline, records waiting, last
successful sync, last error in words (Chinese and English), open conflicts.

"Waiting" counts RECORDS, not outbox rows: one saved complaint queues its revision, one audit
row per changed field and perhaps a call event, and is still one record for the agent
(:func:`waiting_records`). The row count stays available as ``waiting_rows``."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

from assist.core.storage import outbox
from assist.core.sync.local import get_state, set_state

# code -> (简体中文, English)
MESSAGES: dict[str, tuple[str, str]] = {
    "not_configured": ("未设置总部同步地址（sync.url），数据仅保存在本机", "No head-office address (sync.url) is set; data stays on this PC"),
    "no_token": ("本机尚未登记设备令牌，请联系管理员执行 assist sync --set-token", "No device token stored; ask the administrator (assist sync --set-token)"),
    "offline": ("无法连接总部服务器，数据已保存在本机，恢复网络后自动上传", "Cannot reach head office; data is kept here and sent when the network is back"),
    "timeout": ("总部服务器响应超时，稍后自动重试", "Head office did not answer in time; will retry"),
    "dropped": ("与总部的连接中断，稍后自动重试", "The connection to head office broke; will retry"),
    "tls": ("总部服务器证书校验失败，请检查 CA 证书设置（sync.ca_bundle）",
            "Head office's certificate is not trusted; check the CA bundle setting (sync.ca_bundle)"),
    "auth": ("设备令牌无效或已被吊销，请联系管理员重新登记本机", "The device token is wrong or revoked; ask the administrator to register this PC again"),
    "forbidden": ("本机无权上传这些记录（网点不符），请检查网点代码设置",
                  "This PC may not send these records (branch mismatch); check the branch code setting"),
    "busy": ("总部服务器繁忙，稍后自动重试", "Head office is busy; will retry"),
    "server_error": ("总部服务器出错，稍后自动重试", "Head office had an error; will retry"),
    "bad_request": ("总部拒绝了上传的数据格式，请联系技术支持", "Head office refused the data format; contact support"),
    "too_large": ("单次上传过大，已自动分小批重试", "A batch was too large; retried in smaller batches"),
    "bad_response": ("总部返回了无法识别的应答", "Head office sent an answer this version cannot read"),
    "not_found": ("总部服务器地址不对（找不到接口 /v1）", "Wrong head-office address (no /v1 interface there)"),
    "kb_pack": ("知识库更新包未能导入", "The knowledge-base pack could not be imported"),
    "conflict": ("有记录在总部已有更新版本，未覆盖，请核对", "Head office has a newer version of some records; nothing was overwritten, please check"),
    "not_owner": ("总部拒收：该记录属于另一台设备", "Head office refused: the record belongs to another device"),
    "rejected": ("有记录未被总部接收，已单独保存，请查看原因后修正并重新发送",
                 "Some records were not accepted by head office; they are kept here: check the reason, fix and resend"),
}


def words(code: str, detail: str = "") -> tuple[str, str]:
    zh, en = MESSAGES.get(code, ("同步失败", "Sync failed"))
    return (f"{zh}（{detail}）", f"{en} ({detail})") if detail else (zh, en)


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    online: bool | None          # None = never tried
    waiting: int                 # records not yet acknowledged (distinct records, see waiting_records)
    last_success_at: str | None  # ISO UTC of the last round that finished without error
    last_attempt_at: str | None
    error_code: str | None
    error_zh: str | None
    error_en: str | None
    conflicts: int               # open conflicts for the agent to check
    kb_version: str | None = None
    rejected: int = 0            # records head office did not accept (parked, not yet resent)
    waiting_rows: int = 0        # outbox rows behind ``waiting`` (revisions, audit rows, events)

    @property
    def state(self) -> str:
        """One word for the panel: waiting | synced | offline | error | off."""
        if not self.configured:
            return "off"
        if self.error_code in ("offline", "timeout", "dropped", "busy", "server_error"):
            return "offline"
        if self.error_code:
            return "error"
        return "waiting" if self.waiting else "synced"

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "state": self.state}

    def lines(self, lang: str = "zh_CN") -> list[str]:
        zh = lang.startswith("zh")
        online = {True: ("在线", "online"), False: ("离线", "offline"), None: ("未连接过", "never connected")}[self.online]
        out = [f"{'状态' if zh else 'state'}: {online[0] if zh else online[1]}",
               f"{'待上传' if zh else 'waiting'}: {self.waiting}",
               f"{'上次成功同步' if zh else 'last successful sync'}: {self.last_success_at or ('从未' if zh else 'never')}"]
        if self.conflicts:
            out.append(f"{'待核对冲突' if zh else 'conflicts to check'}: {self.conflicts}")
        if self.rejected:
            out.append(f"{'总部未接收' if zh else 'not accepted by head office'}: {self.rejected}"
                       + ("（assist sync --rejected 查看原因）" if zh else " (see `assist sync --rejected`)"))
        if self.error_code:
            out.append(f"{'错误' if zh else 'error'}: {self.error_zh if zh else self.error_en}")
        return out


# The record an outbox row belongs to: an audit row to the record it audits (a complaint's
# field changes are that complaint), every other row to its own kind and id.
_RECORD_KEY = ("CASE WHEN kind = 'audit' AND json_extract(payload, '$.entity_id') IS NOT NULL "
               "THEN json_extract(payload, '$.entity') || ':' || json_extract(payload, '$.entity_id') "
               "ELSE kind || ':' || record_id END")


def _record_key(kind: str, record_id: str, payload: str) -> str:
    if kind == "audit":
        try:
            p = json.loads(payload)
        except ValueError:
            p = None
        if isinstance(p, dict) and p.get("entity_id") is not None:
            return f"{p.get('entity')}:{p.get('entity_id')}"
    return f"{kind}:{record_id}"


def waiting_records(db: Database) -> int:
    """How many records wait for head office: distinct records, not outbox rows (a complaint's
    revisions and the audit rows of its changes count once, with the complaint)."""
    try:
        return int(db.execute(f"SELECT COUNT(DISTINCT {_RECORD_KEY}) FROM outbox").fetchone()[0])
    except sqlite3.OperationalError:   # an SQLite built without JSON functions
        return len({_record_key(k, r, p) for k, r, p in db.execute("SELECT kind, record_id, payload FROM outbox")})


def read_status(db: Database, *, configured: bool = True) -> SyncStatus:
    """The sync status for the panel (run on the DB lane: ``lane.call(read_status)``)."""
    st = {k: v for k, v in db.execute("SELECT key, value FROM sync_state WHERE key LIKE 'status.%'")}
    online = st.get("status.online")
    conflicts = db.execute("SELECT COUNT(*) FROM sync_conflicts WHERE resolved_at IS NULL").fetchone()[0]
    rejected = db.execute("SELECT COUNT(*) FROM sync_rejected WHERE resent_at IS NULL").fetchone()[0]
    return SyncStatus(configured=configured, online=None if online is None else online == "1",
                      waiting=waiting_records(db), last_success_at=st.get("status.last_success_at"),
                      last_attempt_at=st.get("status.last_attempt_at"), error_code=st.get("status.error_code"),
                      error_zh=st.get("status.error_zh"), error_en=st.get("status.error_en"), conflicts=int(conflicts),
                      kb_version=get_state(db, "kb.version"), rejected=int(rejected),
                      waiting_rows=outbox.pending_count(db))


def save_outcome(db: Database, at: str, *, online: bool, error: tuple[str, str] | None) -> None:
    """Remember a round's outcome (error = (code, detail) or None for success)."""
    values: dict[str, str | None] = {"status.online": "1" if online else "0", "status.last_attempt_at": at}
    if error is None:
        values.update({"status.last_success_at": at, "status.error_code": None, "status.error_zh": None, "status.error_en": None})
    else:
        zh, en = words(*error)
        values.update({"status.error_code": error[0], "status.error_zh": zh, "status.error_en": en})
    set_state(db, values)
