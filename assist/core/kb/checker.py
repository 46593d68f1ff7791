"""``assist kb check``: every problem in a KB folder as ``path:line: message``.

Schema problems come from the loader (:func:`parse_card`); this module adds the
cross-file and content checks: duplicate and dangling ids, placeholders, dates,
legal basis on consumer-protection cards, red lines in scripts, personal data
anywhere in a card, that every rule/synonym/taxonomy YAML file parses, and that
every rule's examples go the right way (lint rules, disclosures, risk cues, call topics, and the example
calls of the after-call quality rubric ``rules/qa.yaml``).

The placeholder validator, phrase linter, risk rules and PII finder are the same
objects the panel uses (``assist.core.guidance``, ``assist.core.complaints.risk``,
``assist.core.privacy``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from assist.core.kb.loader import iter_card_files, load_synonyms, parse_card
from assist.core.kb.model import Card, CardError
from assist.core.yamlfile import error_at, parse

CONSUMER_CATEGORIES = ("消费者权益保护", "投诉处理")
CONSUMER_TAG = "消保"
PII_KINDS_RE = re.compile(r"id|card|phone|mobile|身份证|银行卡|手机", re.I)


class KBUnusable(Exception):
    """The input cannot be checked at all (missing folder, not a KB)."""


def display_path(path: Path) -> str:
    """Path as printed: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, max(0, offset)) + 1


class _Tools:
    """The detector, validator and linter the checker shares with the panel and the CLI."""

    def __init__(self, kb_dir: Path, problems: list[CardError]):
        from assist.core.complaints.risk import check_risk_examples, load_risk_rules
        from assist.core.guidance.lint import check_examples, lint, load_rules
        from assist.core.guidance.placeholders import validate
        from assist.core.privacy import find_pii
        from assist.core.yamlfile import RulesError

        self.validate = validate
        self.find_pii = find_pii
        self.rules: Any = None
        rules_dir = kb_dir / "rules"
        if rules_dir.is_dir():  # else: no rules to lint against
            if (rules_dir / "call_types.yaml").exists() or (rules_dir / "lint").is_dir():   # call guidance
                try:
                    self.rules = load_rules(kb_dir)
                except RulesError as exc:  # a broken rules file is a finding, not a crash
                    problems.append(CardError(display_path(Path(exc.path)), exc.line, exc.message, code="bad-rules"))
            if self.rules is not None:
                problems.extend(CardError(display_path(Path(e.path)), e.line, e.message, code="rule-example")
                                for e in check_examples(self.rules))
            if not (rules_dir / "risk.yaml").is_file():
                problems.append(CardError(display_path(rules_dir / "risk.yaml"), 1, "the complaint risk rules are missing: "
                                          "every KB carries rules/risk.yaml (copy it from the bundled KB)", code="missing-rules"))
            else:
                try:
                    risk = load_risk_rules(rules_dir / "risk.yaml")
                except RulesError as exc:
                    problems.append(CardError(display_path(Path(exc.path)), exc.line, exc.message, code="bad-rules"))
                else:
                    problems.extend(CardError(display_path(Path(e.path)), e.line, e.message, code="rule-example")
                                    for e in check_risk_examples(risk))
        tax_file = kb_dir / "taxonomy" / "complaint.yaml"
        if not rules_dir.is_dir() and not tax_file.parent.is_dir():
            pass   # cards only (a draft folder): `assist kb pack` asks for the rule files
        elif not tax_file.is_file():
            problems.append(CardError(display_path(tax_file), 1, "the complaint taxonomy is missing: every KB carries "
                                      "taxonomy/complaint.yaml (copy it from the bundled KB)", code="missing-taxonomy"))
        else:
            from assist.core.complaints.taxonomy import TaxonomyError, load_taxonomy
            from assist.core.complaints.topics import check_examples as check_topic_examples

            try:
                taxonomy = load_taxonomy(tax_file)
            except TaxonomyError as exc:
                for problem in exc.problems:
                    where, _, message = problem.partition(": ")
                    path, _, line = where.rpartition(":")
                    problems.append(CardError(display_path(Path(path)), int(line) if line.isdigit() else 1, message,
                                              code="bad-taxonomy"))
            else:   # the call-topic examples, run through the form's own decision
                problems.extend(CardError(display_path(tax_file), ln, message, code="topic-example")
                                for ln, message in check_topic_examples(taxonomy.topics))
        rules = self.rules
        self.lint: Callable[[str], list[tuple[int, int, str]]] = (
            lambda text: [(f.start, f.end, _finding_msg(f)) for f in lint(text, rules, text_kind="script")]
            if rules is not None else [])


def _finding_msg(f: Any) -> str:
    msg = f"red line '{f.text}' in script [{f.rule}]: {f.message}".rstrip(": ")
    return msg + (f"; say instead: {f.suggestion}" if f.suggestion else "")


def _block_text_line(lines: list[str], fence_line: int) -> int:
    """First file line of a block's text (the loader strips leading blank lines)."""
    n = fence_line  # index of the line after the fence (0-based)
    while n < len(lines) and lines[n] == "":
        n += 1
    return n + 1


def _check_card_content(card: Card, rel: str, text: str, tools: _Tools, out: list[CardError]) -> None:
    lines = text.splitlines()
    for block in card.scripts:
        first = _block_text_line(lines, block.line)
        for offset, msg in tools.validate(block.text):
            out.append(CardError(rel, first + block.text.count("\n", 0, offset), msg, code="placeholder"))
        for start, _end, msg in tools.lint(block.text):
            out.append(CardError(rel, first + block.text.count("\n", 0, start), msg, code="forbidden-phrase"))


def _check_pii(rel: str, text: str, tools: _Tools, out: list[CardError]) -> None:
    for span in tools.find_pii(text):
        kind = str(getattr(span, "kind", "pii"))
        if not PII_KINDS_RE.search(kind):
            continue
        shown = text[span.start:span.end]
        masked = shown[:3] + "*" * max(0, len(shown) - 7) + shown[-4:] if len(shown) > 7 else "***"
        out.append(CardError(rel, line_at(text, span.start),
                             f"personal data ({kind}) '{masked}' in card; write examples masked, e.g. 6222 **** **** 1234", code="pii"))


def _field_value_line(card: Card, lines: list[str], field: str, value: str) -> int:
    start = card.line_of.get(field, 1)
    end = card.line_of.get("__body__", len(lines) + 1)
    for n in range(start, end):
        if n - 1 < len(lines) and re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", lines[n - 1]):
            return n
    return start


def _check_card_meta(card: Card, rel: str, lines: list[str], ids: dict[str, str], today: dt.date, out: list[CardError]) -> None:
    at = card.line_of.get
    for rid in card.related:
        if rid not in ids:
            out.append(CardError(rel, _field_value_line(card, lines, "related", rid), f"related id '{rid}' does not exist in this KB", code="dangling-related"))
    if card.expires_at and card.expires_at < today:
        out.append(CardError(rel, at("expires_at", 1), f"card expired on {card.expires_at}; review it and move expires_at forward, or remove it",
                             severity="warning", code="expired"))
    if card.effective_from and card.effective_from > today:
        out.append(CardError(rel, at("effective_from", 1), f"card is not effective until {card.effective_from}", severity="warning", code="not-yet-effective"))
    consumer = any(card.category == c or card.category.startswith(c + "/") for c in CONSUMER_CATEGORIES) or CONSUMER_TAG in card.tags
    if consumer and not any(x.strip() for x in card.legal_basis):
        out.append(CardError(rel, at("legal_basis", at("category", 1)), "consumer-protection card has no legal_basis; name the regulation and article",
                             code="missing-legal-basis"))


def _check_yaml_files(kb_dir: Path, out: list[CardError]) -> None:
    files = [kb_dir / "synonyms.yaml"] + sorted(
        p for sub in ("rules", "taxonomy") if (kb_dir / sub).is_dir() for p in (kb_dir / sub).rglob("*") if p.suffix in (".yaml", ".yml"))
    for path in files:
        if not path.is_file():
            continue
        rel = display_path(path)
        try:
            parse(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            out.append(CardError(rel, 1, f"cannot read file: {exc}; save it as UTF-8", code="unreadable"))
        except yaml.YAMLError as exc:
            line, problem = error_at(exc)
            out.append(CardError(rel, line, f"not valid YAML: {problem}", code="bad-yaml"))
    _syn, syn_errs = load_synonyms(kb_dir)
    out.extend(e for e in syn_errs if e.code != "bad-yaml")  # YAML errors already reported above


def check_kb(kb_dir: str | Path, today: dt.date | None = None) -> list[CardError]:
    """Check a whole KB folder; errors and warnings sorted by path and line.

    Raises :class:`KBUnusable` when ``kb_dir`` is not a folder.
    """
    root = Path(kb_dir)
    if not root.is_dir():
        raise KBUnusable(f"{root}: not a folder" if root.exists() else f"{root}: no such folder")
    today = today or dt.date.today()
    out: list[CardError] = []
    tools = _Tools(root, out)
    parsed: list[tuple[Card, str, str]] = []
    ids: dict[str, str] = {}
    for path in iter_card_files(root):
        rel = display_path(path)
        try:
            text = path.read_text(encoding="utf-8").lstrip("\ufeff")
        except (OSError, UnicodeDecodeError) as exc:
            out.append(CardError(rel, 1, f"cannot read file: {exc}; save it as UTF-8", code="unreadable"))
            continue
        card, errs = parse_card(text, rel)
        out.extend(errs)
        _check_pii(rel, text, tools, out)
        if card is None:
            continue
        if card.id in ids:
            out.append(CardError(rel, card.line_of.get("id", 1), f"duplicate id '{card.id}', already used by {ids[card.id]}", code="duplicate-id"))
        else:
            ids[card.id] = rel
        _check_card_content(card, rel, text, tools, out)
        parsed.append((card, rel, text))
    for card, rel, text in parsed:
        _check_card_meta(card, rel, text.splitlines(), ids, today, out)
    _check_yaml_files(root, out)
    _check_call_type_cards(root, tools.rules, ids, out)
    _check_qa_rubric(root, tools.rules, {c.id: c for c, _r, _t in parsed}, out)
    return sorted(set(out), key=lambda e: (e.path, e.line, e.severity != "error", e.message))


def _check_call_type_cards(root: Path, rules: Any, ids: dict[str, str], out: list[CardError]) -> None:
    """Every card a call type lists in rules/call_types.yaml must exist."""
    if rules is None:
        return
    path = display_path(root / "rules" / "call_types.yaml")
    for ct in getattr(rules, "call_types", {}).values():
        for cid in getattr(ct, "cards", ()):
            if cid not in ids:
                out.append(CardError(path, ct.line or 1, f"call type '{ct.name}' lists card '{cid}', which does not exist; "
                                                        "fix the id or remove it from cards:", code="dangling-call-card"))


def _check_qa_rubric(root: Path, rules: Any, cards: dict[str, Card], out: list[CardError]) -> None:
    """``rules/qa.yaml`` loads, names cards that exist, and every example call goes the right way."""
    from assist.core.qa.fixtures import check_qa_examples
    from assist.core.qa.rubric import load_rubric, rubric_path
    from assist.core.yamlfile import RulesError

    path = rubric_path(root)
    if rules is None or not path.is_file():
        return
    try:
        rubric = load_rubric(root, classes=rules.lexicon.classes, call_types=set(rules.call_types))
    except RulesError as exc:
        out.append(CardError(display_path(Path(exc.path)), exc.line, exc.message, code="bad-rules"))
        return
    out.extend(CardError(display_path(Path(e.path)), e.line, e.message, code="qa-example")
               for e in check_qa_examples(rubric, rules, cards))


def summarize(problems: list[CardError]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.severity == "error")
    return errors, len(problems) - errors
