"""Synthetic identifiers with correct check digits, for tests, demos and benchmarks.

Values are random (seeded ``random.Random``), never taken from real records. Use
these instead of typing numbers into fixtures; do not commit real people's numbers.
"""

from __future__ import annotations

import datetime as _dt
import random

from stdnum import luhn
from stdnum.cn import ric, uscc

_REGIONS = ("110105", "310104", "440305", "320106", "510107", "330106", "420106", "610113")
_BINS = ("622202", "621700", "622848", "621661", "622588", "621483", "625807", "436742")
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _date(rng: random.Random, lo: int, hi: int) -> _dt.date:
    start = _dt.date(lo, 1, 1).toordinal()
    return _dt.date.fromordinal(rng.randint(start, _dt.date(hi, 12, 31).toordinal()))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def id18(rng: random.Random, want_x: bool | None = None) -> str:
    """A valid 18-character resident ID; ``want_x`` forces (or forbids) an X check."""
    while True:
        body = rng.choice(_REGIONS) + _date(rng, 1940, 2006).strftime("%Y%m%d") + _digits(rng, 3)
        check = ric.calc_check_digit(body + "0")
        if want_x is None or want_x == (check == "X"):
            return body + check


def id15(rng: random.Random) -> str:
    """A legacy 15-digit ID (birth date 1930-1999, YYMMDD)."""
    return rng.choice(_REGIONS) + _date(rng, 1930, 1999).strftime("%y%m%d") + _digits(rng, 3)


def bank_card(rng: random.Random, length: int = 16) -> str:
    body = rng.choice(_BINS) + _digits(rng, length - 7)
    return body + luhn.calc_check_digit(body)


def mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + _digits(rng, 9)


def landline(rng: random.Random) -> tuple[str, str]:
    """``(area code with 0, local number)``."""
    area = rng.choice(("010", "021", "020", "022", "0571", "0755", "0512", "0351"))
    local = rng.choice("2345678") + _digits(rng, 7 if len(area) == 3 else rng.choice((6, 7)))
    return area, local


def uscc_code(rng: random.Random, first: str | None = None) -> str:
    """A GB 32100 code; ``first`` sets the registration authority (e.g. 'Y', '9')."""
    head = (first or rng.choice("1591Y")) + rng.choice("123")
    body = head + rng.choice(_REGIONS) + "".join(rng.choice(_USCC_ALPHABET) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def wrong_check(value: str, alphabet: str = "0123456789") -> str:
    """``value`` with its last character replaced by a different one."""
    return value[:-1] + next(c for c in alphabet if c != value[-1])
