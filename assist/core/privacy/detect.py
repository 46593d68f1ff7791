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


_MAX_PIECE = 19  # the longest compact value classify_digits accepts (a 19-digit card)
_MIN_PIECE = 10  # the shortest (a landline)


def _digit_spans(text: str) -> list[PiiSpan]:
    """Cut each digit run into the longest pieces that pass a check. Only pieces of 10-19
    compact characters can pass, so each group start tries at most 19 ends: linear in the
    length of the run (trying every sub-run was cubic on long runs of spaced digits)."""
    out: list[PiiSpan] = []
    for m in _RUN.finditer(text):
        run_start, run_end = m.span()
        plus = text[run_start] == "+"
        paren = text[run_start] == "("
        groups = [(g.start(), g.end()) for g in _GROUP.finditer(text, run_start, run_end)]
        if paren and len(groups) >= 2:  # "(010) 8888 1234": the area code is its own group
            groups = [(run_start, groups[0][1])] + groups[1:]
        n = len(groups)
        # the run without separators, and where each group starts in it
        compact_run = "".join(text[s:e] for s, e in groups).translate(_STRIP).upper()
        acc = [0] * (n + 1)
        for k, (s, e) in enumerate(groups):
            acc[k + 1] = acc[k] + (e - s) - (1 if paren and k == 0 else 0)
        i = 0
        hi = 0  # the largest j with acc[j] - acc[i] <= _MAX_PIECE (moves forward only)
        while i < n:
            hi = max(hi, i)
            while hi < n and acc[hi + 1] - acc[i] <= _MAX_PIECE:
                hi += 1
            a = acc[i]
            lead = plus and i == 0
            lengths = checks.possible_lengths(compact_run[a:a + 1], lead)
            for j in range(hi, i, -1):
                b = acc[j]
                if b - a < _MIN_PIECE:
                    i += 1
                    break
                if b - a not in lengths or compact_run.find("X", a, b - 1) >= 0:
                    continue
                kind = checks.classify_digits(compact_run[a:b], plus=lead)
                if paren and i == 0 and kind not in (LANDLINE, None):
                    kind = None
                if kind is None:
                    continue
                s, e = groups[i][0], groups[j - 1][1]
                if lead:
                    s = run_start
                if kind in (BANK_CARD, ID_CARD) and _SERIAL_BEFORE.search(text, max(0, s - 12), s):
                    i = j  # a serial (流水号, IMEI, …): 1 random number in 10 passes Luhn, many a date check
                    break
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
# Serial numbers named as such are not cards, even when they pass Luhn by chance (1 in 10).
_SERIAL_BEFORE = re.compile(
    r"(?:(?:订单|工单|流水|受理|编|交易|参考|批次|凭证|合同|保单|会员|序列|设备|快递|运单|物流|发票|申请|业务|回执)号(?:码)?"
    r"|(?<![A-Za-z])(?:IMEI|MEID|SN|S/N|serial(?:\s*no\.?)?)"
    r")[ ]*(?:是|为|:|：|=)?[ ]*$", re.IGNORECASE)
_UNIONPAY = re.compile(r"(?<![0-9A-Za-z._-])(62\d(?:[ -]?\d){13,16})(?![0-9A-Za-z])")


def _named_id_spans(text: str) -> list[PiiSpan]:
    """Numbers named as ID numbers ("身份证号：…"), also with a wrong check digit. They come before
    the digit classification: a mistyped ID that happens to pass Luhn is still an ID, and is
    masked as one (ID 3+4 keeps fewer digits than card 6+4)."""
    return [PiiSpan(ID_CARD, m.start(1), m.end(1)) for m in _ID_CONTEXT.finditer(text)]


def _possible_spans(text: str) -> list[PiiSpan]:
    out = [PiiSpan(BANK_CARD, m.start(1), m.end(1)) for m in _CARD_CONTEXT.finditer(text)]
    for m in _UNIONPAY.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(1))
        if (16 <= digits <= 19 and not _is_amount(text, m.start(1), m.end(1))
                and not _REFERENCE_BEFORE.search(text, max(0, m.start(1) - 6), m.start(1))
                and not _SERIAL_BEFORE.search(text, max(0, m.start(1) - 12), m.start(1))):
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
        _named_id_spans(folded),
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
