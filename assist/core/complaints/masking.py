"""The ONE place complaint data is masked before it is stored, audited or exported.

``_mask(text)`` hands free text to ``assist.core.privacy.mask`` when that module is
importable (it is built in parallel); until then a small local fallback masks mobile
numbers (3+4), resident IDs (3+4), bank cards (6+4) and 18-character USCC-like IDs are
left alone (they identify organisations, not people). Card/phone digit counts are our
policy (DERIVED, domain.md §4: JR/T 0171 Appendix A digits unverified).

``mask_field(name, value)`` masks a structured personal field by its kind.
The full values that must be kept (callback numbers, ID number) are encrypted beside
the masked record by :mod:`assist.core.complaints.protect` (AES-GCM, key in keyring).
"""

from __future__ import annotations

import re
from typing import Any, Callable

_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?|0086[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_RID = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<!\d)(\d{6})(\d{3,9})(\d{4})(?!\d)")
_AUTH = re.compile(r"((?:密码|口令|验证码|校验码|动态码|CVV2?|CVN2?|安全码)\D{0,4})\d{3,8}", re.I)

PERSONAL_FIELDS: dict[str, str] = {
    "complainant_name": "name", "agent_name": "name", "deceased_name": "name",
    "represented_name": "name", "legal_rep_name": "name",
    "id_doc_no": "id", "agent_id_no": "id", "legal_rep_id_no": "id",
    "contact_phone": "phone", "agent_phone": "phone", "legal_rep_phone": "phone",
    "contact_address": "address", "account_ref": "account",
    "request": "text", "facts": "text", "basis": "text", "decision": "text",
    "decision_basis": "text", "not_accepted_reason": "text",
}


def _fallback_mask(text: str) -> str:
    text = _AUTH.sub(lambda m: m.group(1) + "******", text)
    text = _RID.sub(lambda m: m.group(1)[:3] + "*" * 11 + m.group(3)[-4:], text)
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    return _CARD.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)


def _privacy_masker() -> Callable[[str], str] | None:
    try:
        from assist.core.privacy import mask as pm  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - module still being built; the fallback applies
        return None
    fn = pm if callable(pm) else getattr(pm, "mask_text", None) or getattr(pm, "mask", None)
    return fn if callable(fn) else None


def _mask(text: str) -> str:
    """Mask personal data in free text (privacy module if present, else the fallback)."""
    if not text:
        return text
    fn = _privacy_masker()
    if fn is not None:
        try:
            out = fn(text)
            out = getattr(out, "text", out)
            if isinstance(out, str):
                return _fallback_mask(out)  # belt and braces: fallback is idempotent on masked text
        except Exception:  # noqa: BLE001 - never store unmasked because a helper failed
            pass
    return _fallback_mask(text)


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
