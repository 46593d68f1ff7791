"""The ONE place complaint data is masked before it is stored, audited or exported.

``_mask(text)`` is ``assist.core.privacy.mask``: the same detector and masking policy as
everywhere else (a setting; house policy, JR/T 0171 Appendix A digits unverified).

``mask_field(name, value)`` masks a structured personal field by its kind.
The full values that must be kept (callback numbers, ID number) are encrypted beside
the masked record by :mod:`assist.core.complaints.protect` (AES-GCM, key in keyring).
"""

from __future__ import annotations

import re
from typing import Any

from assist.core.privacy import mask as privacy_mask


PERSONAL_FIELDS: dict[str, str] = {
    "complainant_name": "name", "agent_name": "name", "deceased_name": "name",
    "represented_name": "name", "legal_rep_name": "name",
    "id_doc_no": "id", "agent_id_no": "id", "legal_rep_id_no": "id",
    "contact_phone": "phone", "agent_phone": "phone", "legal_rep_phone": "phone",
    "contact_address": "address", "account_ref": "account",
    "request": "text", "facts": "text", "basis": "text", "decision": "text",
    "decision_basis": "text", "not_accepted_reason": "text", "arising_event": "text", "review_decision": "text",
    "extension_reason": "text",
}


def _mask(text: str) -> str:
    """Mask personal data in free text: the privacy module's detector and house policy."""
    return privacy_mask(text) if text else text


def mask_name(name: str) -> str:
    name = name.strip()
    if len(name) <= 1:
        return name
    return name[0] + "*" * (len(name) - 1) if len(name) <= 3 else name[:2] + "*" * (len(name) - 2)


def mask_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 7:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return "*" * len(digits)


def mask_id(value: str) -> str:
    """3+4 like the privacy module's house policy (ID 3+4, card 6+4 is applied there)."""
    v = value.strip()
    return v[:3] + "*" * (len(v) - 7) + v[-4:] if len(v) > 10 else "*" * len(v)


def _privacy_span(kind: str, value: str) -> str | None:
    """The privacy module's mask for one structured value, if it is importable."""
    try:
        from assist.core.privacy import checks
        from assist.core.privacy.masking import mask_span
    except Exception:  # noqa: BLE001 - fallback below
        return None
    const = getattr(checks, kind, None)
    if const is None:
        return None
    try:
        out = mask_span(value, const)
    except Exception:  # noqa: BLE001
        return None
    return out if isinstance(out, str) and out != value else None


def mask_field(field: str, value: Any) -> Any:
    kind = PERSONAL_FIELDS.get(field)
    if kind is None or not isinstance(value, str) or not value:
        return value
    if kind == "name":
        return mask_name(value)
    if kind == "phone":
        digits = re.sub(r"\D", "", value)
        return _privacy_span("MOBILE" if digits[-11:-10] == "1" else "LANDLINE", value) or mask_phone(value)
    if kind == "id":
        return _privacy_span("ID_CARD", value.strip()) or mask_id(re.sub(r"\s", "", value))
    if kind == "account":
        return _privacy_span("BANK_CARD", value.strip()) or mask_id(re.sub(r"\s", "", value))
    if kind == "address":
        return value[:6] + "***" if len(value) > 6 else value
    return _mask(value)


def mask_record(data: dict[str, Any]) -> dict[str, Any]:
    return {k: mask_field(k, v) for k, v in data.items()}
