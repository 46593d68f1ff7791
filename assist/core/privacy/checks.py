"""Check-digit and format rules for the identifiers the detector knows.

All functions take a *compact* string (digits, plus ``X`` or letters where the
format allows them; separators already removed) and return a bool or a kind.
python-stdnum supplies the check-digit arithmetic only: its ``validate``
functions are stricter than reality (``cn.ric`` needs the region code in its own
table, ``cn.uscc`` rejects a letter in the first position; domain.md §5).
"""

from __future__ import annotations

import datetime as _dt
import re

from stdnum import luhn
from stdnum.cn import ric, uscc

ID_CARD = "id_card"
BANK_CARD = "bank_card"
MOBILE = "mobile"
LANDLINE = "landline"
EMAIL = "email"
USCC = "uscc"
SECRET = "secret"

#: Every kind, in the order used for documentation and reports.
KINDS: tuple[str, ...] = (ID_CARD, BANK_CARD, MOBILE, LANDLINE, EMAIL, USCC, SECRET)

_ID18 = re.compile(r"[1-9]\d{5}(?:18|19|20)\d{2}\d{4}\d{3}[\dX]")
_ID15 = re.compile(r"[1-9]\d{14}")
_MOBILE = re.compile(r"(?:0086|86)?(1[3-9]\d{9})")
# 0 + area code (010, 02x, or 0 + 3 digits from 3-9) + local number (7-8 digits, not 0/1 first)
_LANDLINE = re.compile(r"0(?:10|2\d|[3-9]\d\d)[2-9]\d{6,7}")
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC = re.compile(r"[1-9A-HJ-NPQRTUWXY][0-9A-HJ-NPQRTUWXY]\d{6}[0-9A-HJ-NPQRTUWXY]{10}")


def _real_date(y: int, m: int, d: int) -> bool:
    try:
        _dt.date(y, m, d)
    except ValueError:
        return False
    return True


def is_id18(s: str) -> bool:
    """18-character resident ID: format, real birth date, MOD 11-2 check."""
    if len(s) != 18 or not _ID18.fullmatch(s):
        return False
    if not _real_date(int(s[6:10]), int(s[10:12]), int(s[12:14])):
        return False
    return ric.calc_check_digit(s) == s[17]


def is_id15(s: str) -> bool:
    """Legacy 15-digit resident ID (YYMMDD birth date in 19xx, no check digit)."""
    if len(s) != 15 or not _ID15.fullmatch(s):
        return False
    return _real_date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))


# Payment-card issuer prefixes (ISO/IEC 7812 major industry identifier): 3 (Amex, JCB,
# Diners), 4-5 (Visa, Mastercard), 6 (UnionPay 62, Discover), 2221-2720 (Mastercard 2-series),
# 9 (old domestic 19-digit debit cards such as 9558). Excludes date-based serials (20240315…).
_CARD_PREFIX = re.compile(r"[3-6]|9|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)")


def is_bank_card(s: str) -> bool:
    """13-19 digits with a card issuer prefix, passing Luhn (ISO/IEC 7812)."""
    return (13 <= len(s) <= 19 and s.isdigit() and _CARD_PREFIX.match(s) is not None
            and luhn.checksum(s) == 0)


def is_mobile(s: str) -> bool:
    """Mainland mobile, optionally with an 86 / 0086 prefix (the + is outside ``s``)."""
    return _MOBILE.fullmatch(s) is not None


def is_landline(s: str) -> bool:
    return _LANDLINE.fullmatch(s) is not None


def is_uscc(s: str) -> bool:
    """GB 32100 code: our format rules + stdnum's GB/T 17710 MOD 31 check digit."""
    s = s.upper()
    if len(s) != 18 or not _USCC.fullmatch(s) or s[17] not in _USCC_ALPHABET:
        return False
    return uscc.calc_check_digit(s[:17]) == s[17]


def landline_area_len(s: str) -> int:
    """Length of the leading 0 + area code of a compact landline number."""
    return 3 if s[1] == "1" or s[1] == "2" else 4


def classify_digits(s: str, plus: bool = False) -> str | None:
    """Kind of a compact digit string (``X`` allowed last), or None.

    ``plus`` says the string was written with a leading ``+``: then only a
    mobile number with a country prefix is accepted.
    Priority for ambiguous lengths: id_card > mobile > landline > bank_card > uscc.
    """
    if plus:
        return MOBILE if len(s) in (13, 15) and is_mobile(s) else None
    n = len(s)
    if n == 18 and is_id18(s):
        return ID_CARD
    if n == 15 and is_id15(s):
        return ID_CARD
    if n in (11, 13, 15) and is_mobile(s):
        return MOBILE
    if 10 <= n <= 12 and is_landline(s):
        return LANDLINE
    if is_bank_card(s):
        return BANK_CARD
    if n == 18 and is_uscc(s):
        return USCC
    return None


# Which lengths classify_digits can accept, by the first character (a cheap pre-filter that
# keeps the detector fast on long digit runs; tests check it agrees with classify_digits).
_ANY = frozenset(range(13, 20)) | {15, 18}
_LENGTHS_BY_FIRST: dict[str, frozenset[int]] = {
    "0": frozenset({10, 11, 12, 15}),          # landline; 0086 + mobile
    "1": frozenset({11, 15, 18}),              # mobile; ID; USCC
    "7": frozenset({15, 18}),                  # ID; USCC
    "8": frozenset({13, 15, 18}),              # 86 + mobile; ID; USCC
    **{d: _ANY for d in "234569"},             # cards 13-19 (2-series, 3-6, 9); ID; USCC
}
_PLUS_LENGTHS = frozenset({13, 15})
_NONE: frozenset[int] = frozenset()


def possible_lengths(first: str, plus: bool = False) -> frozenset[int]:
    """The lengths a compact string starting with ``first`` can have and still be classified."""
    if plus:
        return _PLUS_LENGTHS if first in "08" else _NONE
    return _LENGTHS_BY_FIRST.get(first, _NONE)
