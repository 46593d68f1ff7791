"""Call topic → business category (B): the ``topics:`` section of ``kb/taxonomy/complaint.yaml``.

When a complaint is taken during a call, the softphone's topic (``信用卡``, ``房贷提前还款`` …)
suggests the form's 业务类别. Which words point to which class is DATA that compliance staff
edit, never code::

    topics:
      B03:                              # a B_business class, or a sub-class (B0309: B03 and B0309)
        words: [信用卡, 借记卡, 银行卡]   # the topic contains one of these words
        unless: [信用卡中心电话]          # optional: these words cancel the class
        examples:                       # `assist kb check` runs them all (at least one match)
          match: [信用卡, 信用卡年费]     #   topics that must prefill this class
          no_match: [贷款]               #   topics that must not

How a topic is decided (:func:`decide`): every class whose words occur in the topic (and none
of its ``unless`` words) is a candidate; the longest word found decides. Equal-length words of
different classes under one B class give that B class alone; of different B classes, nothing
(the agent chooses). Letters are compared case-insensitively, full-width as half-width.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assist.core.yamlfile import Example, mapping_items, string_list
from assist.core.yamlfile import node_line as line

KEYS = ("words", "unless", "examples")
EXAMPLE_KEYS = ("match", "no_match")
_TOP = re.compile(r"^B\d{2}$")


@dataclass(frozen=True)
class TopicRule:
    code: str                          # B03 or B0309
    words: tuple[str, ...]
    unless: tuple[str, ...] = ()
    match: tuple[Example, ...] = ()
    no_match: tuple[Example, ...] = ()
    line: int = 0

    @property
    def business(self) -> str:
        """The B class (B0309 → B03)."""
        return self.code if _TOP.match(self.code) else self.code[:3]


@dataclass(frozen=True)
class TopicMatch:
    business_B: str
    business_B_sub: str = ""
    word: str = ""                     # the word of the topic that decided it

    @property
    def code(self) -> str:
        return self.business_B_sub or self.business_B


@dataclass(frozen=True)
class Topics:
    rules: tuple[TopicRule, ...] = field(default_factory=tuple)

    def decide(self, topic: str) -> TopicMatch | None:
        return decide(self, topic)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def decide(topics: Topics, topic: str) -> TopicMatch | None:
    """The class a call topic suggests, or None (no word found, or a tie between B classes)."""
    t = normalise(topic)
    if not t.strip():
        return None
    found: list[tuple[int, TopicRule, str]] = []
    for rule in topics.rules:
        if any(normalise(u) in t for u in rule.unless):
            continue
        hits = [w for w in rule.words if normalise(w) in t]
        if hits:
            word = max(hits, key=len)
            found.append((len(normalise(word)), rule, word))
    if not found:
        return None
    best = max(n for n, _r, _w in found)
    top = [(r, w) for n, r, w in found if n == best]
    codes = {r.code for r, _w in top}
    rule, word = top[0]
    if len(codes) == 1:
        return TopicMatch(rule.business, "" if rule.code == rule.business else rule.code, word)
    if len({r.business for r, _w in top}) == 1:
        return TopicMatch(rule.business, "", word)
    return None


def check_examples(topics: Topics) -> list[tuple[int, str]]:
    """Every example run through :func:`decide`: (line, message) per example that goes the wrong way."""
    out: list[tuple[int, str]] = []
    for rule in topics.rules:
        for ex in rule.match:
            got = decide(topics, ex.text)
            if got is None or got.code != rule.code:
                what = f"gives {got.code} (word {got.word!r})" if got else "gives no class"
                out.append((ex.line, f"topics: {rule.code}: the example {ex.text!r} {what}; "
                                     f"add a word to {rule.code}, or an 'unless' word to the class that took it"))
        for ex in rule.no_match:
            got = decide(topics, ex.text)
            if got is not None and got.code == rule.code:
                out.append((ex.line, f"topics: {rule.code}: the no_match example {ex.text!r} gives {rule.code} "
                                     f"(word {got.word!r}); add an 'unless' word or narrow the words"))
    return out


def parse_topics(p: Path, node: yaml.Node, codes: dict[str, dict[str, str]], problems: list[str]) -> Topics:
    """Read the ``topics:`` node (every problem as ``path:line: message`` into ``problems``)."""
    rules: list[TopicRule] = []
    known = {**codes.get("B_business", {}), **codes.get("B_business_sub", {})}
    for k, v in mapping_items(p, node, "topics", problems):
        code = str(k.value)
        if code not in known:
            problems.append(f"{p}:{line(k)}: topics: {code!r} is not a class of B_business or B_business_sub")
            continue
        parts: dict[str, yaml.Node] = {}
        for pk, pv in mapping_items(p, v, f"topics.{code}", problems):
            name = str(pk.value)
            if name not in KEYS:
                problems.append(f"{p}:{line(pk)}: topics.{code}: unknown key {name!r}; known: {', '.join(KEYS)}")
            parts[name] = pv
        if "words" not in parts:
            problems.append(f"{p}:{line(k)}: topics.{code}: needs words: [...] (the topic words that point to {code})")
            continue
        words = string_list(p, parts["words"], f"topics.{code}.words", problems)
        unless = string_list(p, parts["unless"], f"topics.{code}.unless", problems) if "unless" in parts else []
        examples = _examples(p, code, parts.get("examples"), problems)
        if not examples["match"]:
            problems.append(f"{p}:{line(k)}: topics.{code}: give at least one example under examples: match: "
                            f"(a topic that must prefill {code}); `assist kb check` runs them")
        rules.append(TopicRule(code, tuple(words), tuple(unless), tuple(examples["match"]), tuple(examples["no_match"]),
                               line(k)))
    return Topics(tuple(rules))


def _examples(p: Path, code: str, node: yaml.Node | None, problems: list[str]) -> dict[str, list[Example]]:
    out: dict[str, list[Example]] = {"match": [], "no_match": []}
    if node is None:
        return out
    for ek, ev in mapping_items(p, node, f"topics.{code}.examples", problems):
        name = str(ek.value)
        if name not in EXAMPLE_KEYS:
            problems.append(f"{p}:{line(ek)}: topics.{code}.examples: unknown key {name!r}; known: match, no_match")
            continue
        if not isinstance(ev, yaml.SequenceNode):
            problems.append(f"{p}:{line(ev)}: topics.{code}.examples.{name} must be a list, e.g. {name}: [信用卡年费]")
            continue
        for item in ev.value:
            text = str(getattr(item, "value", "")).strip()
            if not isinstance(item, yaml.ScalarNode) or not text:
                problems.append(f"{p}:{line(item)}: topics.{code}.examples.{name}: each example must be non-empty text")
                continue
            out[name].append(Example(text, line(item)))
    return out
