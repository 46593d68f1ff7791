"""The ONE place complaint data is masked before it is stored, audited or exported.

``_mask(text)`` is ``assist.core.privacy.mask``: the same detector and masking policy as
everywhere else (a setting; house policy, JR/T 0171 Appendix A digits unverified).

``mask_field(name, value)`` masks a structured personal field by its kind: numbers by the
privacy module's policy (no second policy here), names and addresses by the rules below.
The full values that must be kept (callback numbers, ID number) are encrypted beside
the masked record by :mod:`assist.core.complaints.protect` (AES-GCM, key in keyring).
"""

from __future__ import annotations

import re
from typing import Any

from assist.core.privacy import checks
from assist.core.privacy import mask as privacy_mask
from assist.core.privacy.masking import mask_span

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


def mask_field(field: str, value: Any) -> Any:
    """Numbers are masked by the privacy module's policy (a setting: one policy for the panel, the
    logs and the records), whatever their check digits say: an account number is not a Luhn card
    number, and a mistyped ID number is still personal data."""
    kind = PERSONAL_FIELDS.get(field)
    if kind is None or not isinstance(value, str) or not value:
        return value
    if kind == "name":
        return mask_name(value)
    if kind == "phone":
        compact = re.sub(r"\D", "", value)
        if len(compact) < 7:
            return mask_span(value, "other")          # too short to be a number: nothing kept
        return mask_span(value, checks.MOBILE if compact[-11:-10] == "1" else checks.LANDLINE)
    if kind == "id":
        return mask_span(value.strip(), checks.ID_CARD)
    if kind == "account":
        return mask_span(value.strip(), checks.BANK_CARD)
    if kind == "address":
        return value[:6] + "***" if len(value) > 6 else value
    return _mask(value)


def mask_record(data: dict[str, Any]) -> dict[str, Any]:
    return {k: mask_field(k, v) for k, v in data.items()}
