"""Free text at the boundary (issue 14): one cleaning function for form fields, IPC messages,
CLI input, KB content and outbox payloads; the receiver refuses what it would change."""

from __future__ import annotations

import json

import pytest

from assist import ipc
from assist.core.complaints.model import Complaint
from assist.core.complaints.taxonomy import load_taxonomy
from assist.core.complaints.validation import validate
from assist.core.kb.loader import parse_card
from assist.core.storage import outbox
from assist.core.text import (
    LINE_MAX,
    TEXT_MAX,
    TextTooLong,
    clean,
    clean_text,
    clean_tree,
    read_text,
    text_problem,
)
from assist.schema import open_app_db as open_db
from tests.conftest import KB


@pytest.mark.parametrize("raw, want", [
    ("退\x00款", "退款"),
    ("a\x01b\x07c\x1bd\x7fe\x85f", "abcdef"),
    ("tab\tand\nnewline", "tab\tand\nnewline"),
    ("windows\r\nline\rold mac", "windows\nline\nold mac"),
    ("lone \ud800 surrogate \udfff", "lone \ufffd surrogate \ufffd"),
    ("正常文字 😀", "正常文字 😀"),
])
def test_clean_text(raw, want):
    assert clean_text(raw) == want
    assert text_problem(want) is None
    if raw != want:
        assert text_problem(raw)


def test_clean_reports_what_changed_and_bounds_length():
    c = clean("a\x00\x00b\ud800")
    assert (c.text, c.removed, c.replaced, c.changed) == ("ab\ufffd", 2, 1, True)
    with pytest.raises(TextTooLong) as e:
        clean_text("x" * 201, field="topic", limit=LINE_MAX)
    assert "topic" in str(e.value) and "201" in str(e.value) and "200" in str(e.value)
    assert text_problem("x" * 5, limit=4).startswith("5 characters")


def test_clean_tree_cleans_keys_and_values_only():
    assert clean_tree({"k\x00": ["v\x00", 1, None, {"x": "\ud800"}]}) == {"k": ["v", 1, None, {"x": "\ufffd"}]}


def test_read_text_names_the_line_of_bad_bytes():
    with pytest.raises(ValueError, match=r"notes.txt:2: not UTF-8"):
        read_text(b"ok\n\xff\xfe", source="notes.txt")
    assert read_text("\ufeff退款\x00\r\n".encode(), source="-") == "退款\n"


def test_complaint_form_fields_are_cleaned_and_bounded():
    c = Complaint.from_dict({"facts": "未告知\x00即扣年费\ud800", "complainant_name": "张三\x1b", "demand_D": ["D02\x00"]})
    assert (c.facts, c.complainant_name, c.demand_D) == ("未告知即扣年费\ufffd", "张三", ["D02"])
    errs = {e.key: e for e in validate({"facts": "事" * (TEXT_MAX + 1), "complainant_name": "张" * (LINE_MAX + 1)}, load_taxonomy(KB))}
    assert "facts.too_long" in errs and "complainant_name.too_long" in errs
    assert str(TEXT_MAX) in errs["facts.too_long"].message and "主要事实" in errs["facts.too_long"].message


def test_ipc_message_strings_are_cleaned_and_bounded():
    msg = ipc.parse_message(json.dumps({"cmd": "open", "query": "退\u0000款\ud800"}).encode())
    assert msg["query"] == "退款\ufffd"
    with pytest.raises(ValueError, match=r"topic.*at most 200"):
        ipc.parse_message(json.dumps({"cmd": "call_start", "topic": "x" * 201}).encode())


def test_kb_card_text_is_cleaned_with_a_warning_naming_the_line():
    text = "---\nid: c-1\ntitle: 挂失\x00\ncategory: x\nprivacy_level: public\nversion: 1\nowner: a\n---\n正文\n"
    card, errs = parse_card(text, "cards/c.md")
    assert card is not None and card.title == "挂失"
    warn = [e for e in errs if e.code == "text-cleaned"]
    assert len(warn) == 1 and warn[0].line == 3 and warn[0].severity == "warning" and "UTF-8" in warn[0].message


def test_outbox_payloads_are_cleaned_when_queued():
    db = open_db(None)
    outbox.enqueue(db, "complaint", "c-1", 1, {"facts": "a\x00b", "x\ud800": 1})
    assert outbox.peek(db)[0]["payload"] == {"facts": "ab", "x\ufffd": 1}
