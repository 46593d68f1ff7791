"""Personal data: find it, mask it, encrypt what must be kept (pure; no Qt, no network).

    find_pii(text) -> list[PiiSpan]        # sorted, non-overlapping (kind, start, end)
    contains_pii(text) -> bool
    mask(text, policy=None) -> str
    mask_with_report(text, policy=None) -> (masked, spans)

Kinds: id_card, bank_card, mobile, landline, email, uscc, secret (see ``checks``).

**The masking policy is house policy** (``MaskPolicy`` defaults: card first 6 + last 4,
mobile 3 + 4, ID first 3 + last 4, landline area code + last 2, e-mail first character
+ domain, USCC first 2 + last 2, secrets replaced by ``[已隐去]``). JR/T 0171-2020
Appendix A (信息屏蔽) is informative and its digit counts were NOT verified
(domain.md §4): treat the numbers as configurable, not as the standard's.
Field encryption lives in ``assist.core.privacy.crypto`` (imported on demand).
"""

from assist.core.privacy.checks import (
    BANK_CARD,
    EMAIL,
    ID_CARD,
    KINDS,
    LANDLINE,
    MOBILE,
    SECRET,
    USCC,
)
from assist.core.privacy.detect import PiiSpan, contains_pii, find_pii
from assist.core.privacy.masking import MaskPolicy, mask, mask_span, mask_with_report

__all__ = [
    "BANK_CARD", "EMAIL", "ID_CARD", "KINDS", "LANDLINE", "MOBILE", "SECRET", "USCC",
    "MaskPolicy", "PiiSpan", "contains_pii", "find_pii", "mask", "mask_span", "mask_with_report",
]
