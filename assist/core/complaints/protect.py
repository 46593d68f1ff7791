"""Full values the bank must keep (the callback numbers, the ID number): encrypted at rest.

A complaint row stores every personal field masked (``data``) and, in the ``protected``
column, AES-GCM tokens (``assist.core.privacy.crypto.FieldCipher``) of the full values of
:data:`PROTECTED_FIELDS`. The associated data binds a token to its complaint and field, so a
token copied elsewhere does not decrypt. With no usable keyring (``cipher is None``) the
full value is NOT stored — only the masked form — and the caller gets
:data:`NO_KEYRING_NOTICE` to show (never a silent plaintext fallback).

Revealing a full value is an explicit call, :func:`reveal`, that needs a reason and
appends an audit event (who, when, which field, the masked reason) in the same
transaction. Drafts use :func:`seal_draft` / :func:`open_draft`: the whole form JSON is
encrypted, or, without a cipher, masked (numbers and names) before it is stored.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from assist.core.clock import utc_stamp
from assist.core.complaints.audit import append_audit
from assist.core.complaints.masking import _mask, mask_field, mask_record
from assist.core.complaints.model import ComplaintError
from assist.core.complaints.txn import immediate

PROTECTED_FIELDS = ("contact_phone", "id_doc_no", "agent_phone", "legal_rep_phone")
NO_KEYRING_NOTICE = (
    "系统密钥环不可用：完整号码未保存，仅保存脱敏值（回访时请向客户重新核实）。/ "
    "No system keyring is available: the full number was not stored, only the masked form "
    "(confirm it with the customer at callback)."
)
DRAFT_MASKED_NOTICE = (
    "系统密钥环不可用：草稿中的号码和姓名已脱敏保存，恢复时为脱敏值。/ "
    "No system keyring is available: numbers and names in the draft are stored masked and restore masked."
)
_MASKED_KEY = "_masked"
_NOT_A_FIELD = ("received_at", "created_at", "updated_at", "complainant_type", "source", "status", "level", "extension")


def _aad(complaint_id: str, field: str) -> str:
    return f"complaint:{complaint_id}:{field}"


def is_masked(value: Any) -> bool:
    return isinstance(value, str) and "*" in value


def protect_values(complaint_id: str, data: dict[str, Any], old_tokens: dict[str, str],
                   cipher: Any) -> tuple[dict[str, str], list[str]]:
    """Tokens for the protected fields of ``data`` and the notices to show.

    A value that is already masked (an update of a stored record) keeps its old token; an
    empty value drops it; a full value is encrypted, or dropped with a notice if no cipher.
    """
    tokens: dict[str, str] = {}
    notices: list[str] = []
    for f in PROTECTED_FIELDS:
        v = data.get(f)
        if not isinstance(v, str) or not v.strip():
            continue
        if is_masked(v):
            if f in old_tokens:
                tokens[f] = old_tokens[f]
            continue
        if cipher is None:
            if NO_KEYRING_NOTICE not in notices:
                notices.append(NO_KEYRING_NOTICE)
            continue
        tokens[f] = cipher.encrypt(v.strip(), _aad(complaint_id, f))
    return tokens, notices


def protected_fields(db: Database, complaint_id: str) -> list[str]:
    """Which full values are kept (encrypted) for a complaint."""
    row = db.execute("SELECT protected FROM complaints WHERE id = ?", [complaint_id]).fetchone()
    return sorted(json.loads(row[0] or "{}")) if row else []


def reveal(db: Database, complaint_id: str, field: str, cipher: Any, actor: str, reason: str,
           now: str | None = None) -> str:
    """The full value of a protected field; the reveal is recorded in the audit trail.

    Raises :class:`ComplaintError` without a reason, without a stored full value, or when
    the key cannot decrypt it (the refusal is not audited: nothing was revealed).
    """
    if field not in PROTECTED_FIELDS:
        raise ComplaintError(f"字段 {field} 不保存完整值 / {field} has no full value")
    if not reason.strip():
        raise ComplaintError("查看完整号码须填写原因 / a reason is required to reveal a full value")
    if cipher is None:
        raise ComplaintError("系统密钥环不可用，无法解密 / no keyring: cannot decrypt")
    with immediate(db):
        row = db.execute("SELECT protected FROM complaints WHERE id = ?", [complaint_id]).fetchone()
        token = json.loads(row[0] or "{}").get(field) if row else None
        if not token:
            raise ComplaintError(f"未保存 {field} 的完整值 / no full value stored for {field}")
        try:
            value = cipher.decrypt(token, _aad(complaint_id, field))
        except ValueError as exc:
            raise ComplaintError("无法解密（密钥不匹配）/ cannot decrypt (wrong key)") from exc
        append_audit(db, [{"entity": "complaint", "entity_id": complaint_id, "action": "reveal", "field": field,
                           "old": None, "new": _mask(reason.strip())}],
                     at=now or utc_stamp(), actor=actor)
    return str(value)


def mask_draft(form: dict[str, Any]) -> dict[str, Any]:
    """A draft form with personal fields masked and numbers in any free text masked."""
    out = mask_record(form)
    for k, v in out.items():
        if isinstance(v, str) and k not in _NOT_A_FIELD and v == form.get(k):
            out[k] = _mask(v)
    return out


def seal_draft(draft_id: str, form: dict[str, Any], cipher: Any) -> str:
    """What the ``form`` column stores: an AES-GCM token, or masked JSON without a cipher."""
    if cipher is not None:
        return str(cipher.encrypt(json.dumps(form, ensure_ascii=False, sort_keys=True), f"draft:{draft_id}"))
    return json.dumps({**mask_draft(form), _MASKED_KEY: True}, ensure_ascii=False, sort_keys=True)


def open_draft(draft_id: str, stored: str, cipher: Any) -> tuple[dict[str, Any], str]:
    """``(form, state)``; state is ``encrypted`` | ``masked`` | ``sealed`` (cannot decrypt) | ``plain`` (legacy)."""
    if stored.startswith("v1:"):
        if cipher is None:
            return {}, "sealed"
        try:
            return json.loads(cipher.decrypt(stored, f"draft:{draft_id}")), "encrypted"
        except ValueError:
            return {}, "sealed"
    form = json.loads(stored)
    if form.pop(_MASKED_KEY, False):
        return form, "masked"
    return form, "plain"


__all__ = [
    "DRAFT_MASKED_NOTICE",
    "NO_KEYRING_NOTICE",
    "PROTECTED_FIELDS",
    "mask_draft",
    "mask_field",
    "open_draft",
    "protect_values",
    "protected_fields",
    "reveal",
    "seal_draft",
]
