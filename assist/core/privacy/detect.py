"""Find personal data in free text: ``find_pii(text) -> list[PiiSpan]``.

How it works (no ``\\b``: it fails between digits and CJK characters):

1. The text is mapped 1:1 to ASCII for full-width digits, letters, ``+ - ( )``
   and spaces, so offsets never move.
2. *Secrets* are found by context (a keyword such as 密码/验证码/CVV/有效期,
   an optional 是/为/：, then the value); only the value is the span.
3. *Digit runs* are maximal sequences of digits joined by single spaces or
   dashes (optionally ``+`` first, ``X`` last, ``(0xx)`` for landlines) that do
   not touch letters, ``_``, ``@`` or ``-``/``.`` + alphanumeric (ticket numbers,
   product codes, decimals). A run is cut, on separator boundaries only, into
   the longest pieces that pass a check (``checks.classify_digits``); a piece
   is never part of a longer digit group, so look-alikes inside long codes are
   not flagged. Amounts (a currency sign before, 元/万/… after) are skipped.
4. E-mail addresses and USCCs containing letters are found by their own
   patterns. Overlaps are resolved in the order secret > email > digits > uscc.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from assist.core.privacy import checks
from assist.core.privacy.checks import BANK_CARD, EMAIL, ID_CARD, LANDLINE, SECRET, USCC


@dataclass(frozen=True)
class PiiSpan:
    """One piece of personal data: ``text[start:end]`` is of kind ``kind``."""

    kind: str
    start: int
    end: int

    def as_tuple(self) -> tuple[str, int, int]:
        return (self.kind, self.start, self.end)


def _fold_table() -> dict[int, str]:
    table = {0xFF10 + i: str(i) for i in range(10)}
    table.update({0xFF21 + i: chr(0x41 + i) for i in range(26)})
    table.update({0xFF41 + i: chr(0x61 + i) for i in range(26)})
    for src, dst in {"\u3000": " ", "\u00a0": " ", "\t": " ", "＋": "+", "－": "-", "‐": "-",
                     "‑": "-", "–": "-", "—": "-", "（": "(", "）": ")", "＠": "@", "．": "."}.items():
        table[ord(src)] = dst
    return table


_FOLD = _fold_table()

_RUN = re.compile(
    r"(?<![A-Za-z0-9_@+])(?<![A-Za-z0-9][-.])"
    r"(?:\+|\(0\d{2,3}\) ?)?"            # +86… or (010) 8888 1234
    r"\d(?:[ -]?\d)*+[Xx]?+"
    r"(?![A-Za-z0-9_@])(?![-.][A-Za-z0-9])"
)
_GROUP = re.compile(r"\d+[Xx]?")
_AMOUNT_BEFORE = re.compile(r"(?:[￥¥$＄]|RMB|CNY|人民币)\s*$", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"\s*(?:元|块|圆|万|亿|角|RMB|CNY|%|％)", re.IGNORECASE)

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9])"
)
_USCC_TOKEN = re.compile(r"(?<![A-Za-z0-9])[0-9A-Za-z]{18}(?![A-Za-z0-9])")

_CONNECT = r"[ ]*(?:是|为|:|：|=|号|码)?[ ]*(?:是|为|:|：)?[ ]*"
_ASCII_KEY = r"(?<![A-Za-z])"
_PW_KEYS = (
    r"(?:支付|交易|登录|登陆|查询|取款|网银|手机银行|银行卡|卡|初始|新|原|服务|账户|账号)?密码|口令"
    rf"|{_ASCII_KEY}(?:password|passwd|pwd)"
)
_CODE_KEYS = (
    r"动态码|(?:短信)?验证码|校验码|安全码"
    rf"|{_ASCII_KEY}(?:PIN|OTP|CVV2?|CVN2?|CVC2?)"
)
_PW_CHARS = r"[A-Za-z0-9!#$%^&*~_.@\-]"
_UNIT_AFTER = r"(?![0-9]|[ ]?(?:秒|分钟|分|次|位|元|天|小时|个|遍|条|号))"
_SECRET = re.compile(
    rf"(?:{_CODE_KEYS}){_CONNECT}"
    rf"(?P<code>(?<![0-9])(?:\d(?: \d){{3,7}}|\d{{3,8}}){_UNIT_AFTER})"
    rf"|(?:{_PW_KEYS}){_CONNECT}"
    rf"(?P<pw>(?<![0-9A-Za-z])(?:\d(?: \d){{3,7}}|{_PW_CHARS}*\d{_PW_CHARS}*(?<![.\-])){_UNIT_AFTER}(?![A-Za-z]))"
    rf"|有效期(?:至|到|截至|截止)?{_CONNECT}"
    r"(?P<exp>(?:0[1-9]|1[0-2]|[1-9])[ ]?[/\-][ ]?(?:20)?\d\d(?![0-9/\-])"
    r"|(?:20)?\d\d[ ]?(?:[/\-]|年)[ ]?(?:0?[1-9]|1[0-2])月?(?![0-9/\-日号])"
    r"|(?:0[1-9]|1[0-2])\d\d(?![0-9]))",
    re.IGNORECASE,
)
_PW_MAX = 32


def _is_amount(text: str, start: int, end: int) -> bool:
    return bool(_AMOUNT_BEFORE.search(text, max(0, start - 4), start)) or bool(
        _AMOUNT_AFTER.match(text, end)
    )


def _digit_spans(text: str) -> list[PiiSpan]:
    out: list[PiiSpan] = []
    for m in _RUN.finditer(text):
        run_start, run_end = m.span()
        plus = text[run_start] == "+"
        paren = text[run_start] == "("
        groups = [(g.start(), g.end()) for g in _GROUP.finditer(text, run_start, run_end)]
        if paren and len(groups) >= 2:  # "(010) 8888 1234": the area code is its own group
            groups = [(run_start, groups[0][1])] + groups[1:]
        i, n = 0, len(groups)
        while i < n:
            for j in range(n, i, -1):
                s, e = groups[i][0], groups[j - 1][1]
                raw = text[s:e]
                compact = raw.translate(_STRIP).upper()
                if "X" in compact[:-1]:
                    continue
                kind = checks.classify_digits(compact, plus=plus and i == 0)
                if paren and i == 0 and kind not in (LANDLINE, None):
                    kind = None
                if kind is None:
                    continue
                if plus and i == 0:
                    s = run_start
                if not _is_amount(text, s, e):
                    out.append(PiiSpan(kind, s, e))
                i = j
                break
            else:
                i += 1
    return out


_STRIP = str.maketrans("", "", " -()+")


def _secret_spans(text: str) -> list[PiiSpan]:
    out = []
    for m in _SECRET.finditer(text):
        g = next(k for k in ("code", "pw", "exp") if m.group(k) is not None)
        s, e = m.span(g)
        if 3 <= e - s <= _PW_MAX:
            out.append(PiiSpan(SECRET, s, e))
    return out


# Mistyped numbers: an agent on the phone often gets one digit wrong, and a number whose check
# digit fails is still somebody's card or ID. These are caught by context (a keyword before it)
# or, for cards, by the UnionPay prefix (domain.md §5: "62 + 16–19 digits + Luhn fail = possible
# card"). They are reported with the same kinds, so they are masked the same way.
_DIGITS_SEP = r"\d(?:[ -]?\d){%d,%d}"
_CARD_CONTEXT = re.compile(
    r"(?:卡号|银行卡号?|信用卡号?|借记卡号?|储蓄卡号?|账号|帐号|账户号?|帐户号?|card\s*no\.?)" + _CONNECT
    + r"(" + _DIGITS_SEP % (11, 18) + r")(?![0-9])", re.IGNORECASE)
_ID_CONTEXT = re.compile(
    r"(?:身份证号?码?|证件号码?|身份证件号码?|ID\s*no\.?)" + _CONNECT
    + r"(\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx]|\d{15}|\d{17}[\dXx])(?![0-9A-Za-z])", re.IGNORECASE)
_REFERENCE_BEFORE = re.compile(r"(?:订单|工单|流水|受理|编|单|交易|参考|批次|凭证|合同|保单)号?(?:码)?[ ]*(?:是|为|:|：)?[ ]*$")
_UNIONPAY = re.compile(r"(?<![0-9A-Za-z._-])(62\d(?:[ -]?\d){13,16})(?![0-9A-Za-z])")


def _possible_spans(text: str) -> list[PiiSpan]:
    out = [PiiSpan(BANK_CARD, m.start(1), m.end(1)) for m in _CARD_CONTEXT.finditer(text)]
    out += [PiiSpan(ID_CARD, m.start(1), m.end(1)) for m in _ID_CONTEXT.finditer(text)]
    for m in _UNIONPAY.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(1))
        if (16 <= digits <= 19 and not _is_amount(text, m.start(1), m.end(1))
                and not _REFERENCE_BEFORE.search(text, max(0, m.start(1) - 6), m.start(1))):
            out.append(PiiSpan(BANK_CARD, m.start(1), m.end(1)))
    return out


def find_pii(text: str) -> list[PiiSpan]:
    """All personal data in ``text``, sorted by start, never overlapping."""
    if not text:
        return []
    folded = text.translate(_FOLD)
    ordered: list[list[PiiSpan]] = [
        _secret_spans(folded),
        [PiiSpan(EMAIL, *m.span()) for m in _EMAIL.finditer(folded)],
        _digit_spans(folded),
        [PiiSpan(USCC, *m.span()) for m in _USCC_TOKEN.finditer(folded)
         if not m.group().isdigit() and checks.is_uscc(m.group())],
        _possible_spans(folded),  # last: valid numbers above keep their exact spans
    ]
    taken: list[PiiSpan] = []
    starts: list[int] = []  # taken[i].start, kept sorted with taken
    for spans in ordered:
        for sp in spans:
            i = bisect.bisect_left(starts, sp.start)
            if i > 0 and taken[i - 1].end > sp.start:
                continue
            if i < len(taken) and taken[i].start < sp.end:
                continue
            starts.insert(i, sp.start)
            taken.insert(i, sp)
    return taken


def contains_pii(text: str) -> bool:
    """True if ``text`` holds anything ``find_pii`` would report."""
    return bool(find_pii(text))
