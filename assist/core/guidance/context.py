"""Context tests that keep the linter precise: negation, quotes, reported speech, questions.

All functions take the whole text and the span of a candidate match. They are heuristics
for Chinese call-centre text, written to be explainable to a compliance officer.
"""

from __future__ import annotations

import re

SENTENCE_END = "。！？!?；;\n"
CLAUSE_END = SENTENCE_END + "，,：:"
NEG_WINDOW = 15
QUOTE_REACH = 200  # a quotation longer than this is treated as unclosed (typo), not as a quote  # characters before a phrase searched for a negation

# words that contain a negation character but do not negate what follows
_NOT_NEGATION = re.compile(
    r"不管|不论|无论|不仅|不但|不只|不光|不错|不少|不久|不断|非常|没问题|毫无疑问|无疑|"
    r"(?:不用|不必|不要|别|无需|无须)(?:担心|害怕|怕|顾虑|犹豫)|不怕|别怕|"
    r"不(?:好意思|客气|便)|并不难")
_NEGATION = re.compile(
    r"不|非|没|未|无|别|勿|莫|禁止|严禁|杜绝|避免|防止|拒绝|谨防|警惕|切忌|并非|绝非|"
    r"暗示|明示|宣称|所谓|误导|号称|谎称|虚假")  # the last group: naming someone else's claim
# after the phrase: the claim is named in order to reject it ("保本的说法是错误的")
_AFTER_REJECT = re.compile(
    r"^[^。！？!?；;\n]{0,6}?(?:说法|字眼|表述|话术|字样|宣传语|之类的话|这类话)|"
    r"^[^。！？!?；;\n，,]{0,6}?(?:是不对|是错误|是不存在|不存在|是不可能|不可能的|不成立|是违规|违规的|"
    r"是误导|不实|是虚假|虚假宣传|是不允许|不允许|被禁止|是禁止)")
_QUESTION_TAIL = re.compile(r"^[^。！？!?；;\n，,]*?(?:吗|么[？?]|[？?])")
_SPEAKER = (r"(?:客户|顾客|来电人|来电客户|持卡人|对方|用户|消费者|投资者|家属|他|她)"
            r"(?:刚才|之前|一直|还|也|又|反复|再次|曾)?")
_SPEECH = (r"(?:问|说|称|讲|表示|提到|提出|反映|反馈|询问|咨询|质问|认为|觉得|以为|听说|声称|坚持|"
           r"担心|怀疑|转述|抱怨|描述)(?!呼|谓|赞|职)")
_REPORTED = re.compile(_SPEAKER + _SPEECH + r"(?:道|了|过|是)?[:：]?")
_AGENT_TURN = re.compile(
    r"我(?:们)?(?:已|已经)?(?:跟您|向您|给您|和您|跟客户|向客户)?(?:说|答|回答|告诉|解释|说明|回复|表示|强调|提醒)"
    r"|(?:已|已经)?(?:告知|答复|回复|解释|说明|提示|提醒)(?:客户|对方|他|她)")
_PLACEHOLDER = re.compile(r"\{[^{}\n]*\}")
_OPEN_CLOSE = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》"}


def clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in CLAUSE_END:
        i -= 1
    return i


def sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in SENTENCE_END:
        i -= 1
    return i


def is_negated(text: str, start: int, end: int) -> bool:
    """A negation shortly before the phrase in the same clause, or a rejection right after it."""
    lo = max(clause_start(text, start), start - NEG_WINDOW)
    before = _NOT_NEGATION.sub(lambda m: "□" * len(m.group()), text[lo:start])
    if _NEGATION.search(before):
        return True
    return bool(_AFTER_REJECT.search(text[end:end + 20]))


def is_question(text: str, start: int, end: int) -> bool:
    """The clause holding the phrase is a question ("这个保本吗？")."""
    return bool(_QUESTION_TAIL.search(text[end:end + 30]))


def in_quotes(text: str, start: int) -> bool:
    """Inside quotation marks opened earlier in the same paragraph and not yet closed."""
    para = max(text.rfind("\n", 0, start) + 1, start - QUOTE_REACH)
    seg = text[para:start]
    for o, c in _OPEN_CLOSE.items():
        if seg.rfind(o) > seg.rfind(c):
            return True
    return seg.count('"') % 2 == 1


def in_reported_speech(text: str, start: int) -> bool:
    """After "客户问…/客户说…" in the same sentence, before the agent's own answer starts."""
    s = sentence_start(text, start)
    seg = _PLACEHOLDER.sub(lambda m: "□" * len(m.group()), text[s:start])
    last = None
    for m in _REPORTED.finditer(seg):
        last = m
    if last is None:
        return False
    return not _AGENT_TURN.search(seg[last.end():])
