"""Placeholder syntax from kb/README.md: parse, validate, render."""

from __future__ import annotations

import datetime as dt

import pytest

from assist.core.guidance.placeholders import Placeholder, parse, render, validate

TODAY = dt.date(2026, 11, 26)
SCRIPT = "{客户称呼|您}好，工号{工号}为您服务。我们将通过{答复方式:短信/电话/书面}在{答复期限}前答复您。{光标}"


def test_parse_all_forms():
    ps = parse(SCRIPT)
    assert [p.name for p in ps] == ["客户称呼", "工号", "答复方式", "答复期限", "光标"]
    assert ps[0].default == "您" and ps[1].default is None
    assert ps[2].choices == ("短信", "电话", "书面")
    assert ps[4].is_cursor
    assert all(SCRIPT[p.start:p.end].startswith("{") and SCRIPT[p.start:p.end].endswith("}") for p in ps)
    assert parse("{a_1}")[0] == Placeholder("a_1", 0, 5)


def test_render_fills_values_fallbacks_and_the_engine_deadline():
    r = render(SCRIPT, {"工号": "1024", "答复方式": "短信", "客户称呼": "王先生"}, today=TODAY, deadline=dt.date(2026, 12, 9))
    assert r.text == "王先生好，工号1024为您服务。我们将通过短信在2026年12月9日前答复您。"
    assert r.cursor == len(r.text) and r.missing == []


def test_no_deadline_means_no_promised_date():
    """{答复期限} is never invented (it used to be today + 15 whatever the case)."""
    r = render(SCRIPT, {"工号": "1024", "答复方式": "短信"}, today=TODAY)
    assert "{答复期限}" in r.text and r.missing == ["答复期限"]


def test_render_keeps_unknown_placeholders_and_lists_them():
    r = render("{客户称呼|您}好，{工号}号，{工号}。{光标}再见{答复方式:短信/电话}", {}, today=TODAY)
    assert r.text == "您好，{工号}号，{工号}。再见{答复方式:短信/电话}"
    assert r.missing == ["工号", "答复方式"]
    assert r.text[r.cursor:] == "再见{答复方式:短信/电话}"


def test_render_today_and_no_cursor():
    r = render("今天是{今天}", today=dt.date(2027, 1, 5))
    assert r.text == "今天是2027年1月5日" and r.cursor is None
    assert render("{今天}", {"今天": "明天"}, today=TODAY).text == "明天"  # a given value wins
    assert render("{客户称呼|您}", {"客户称呼": ""}).text == "您"  # empty = unknown


@pytest.mark.parametrize(("text", "offset", "words"), [
    ("您好{工号", 2, "not closed"),
    ("您好}", 2, "without a matching"),
    ("a{}b", 1, "empty name"),
    ("{|您}", 0, "empty name"),
    ("x{工 号}", 1, "may only use"),
    ("{名-字}", 0, "may only use"),
    ("{方式:短信}", 0, "at least two options"),
    ("{方式:/}", 0, "at least two options"),
    ("{a{b}}", 0, "not closed before"),
    ("{光标}{光标}", 4, "more than once"),
    ("{光标|这里}", 0, "cursor mark"),
    ("{工号\n}", 0, "same line"),
])
def test_validate_reports_offset_and_reason(text, offset, words):
    problems = validate(text)
    assert problems, text
    assert problems[0][0] == offset and words in problems[0][1]


def test_validate_accepts_well_formed_scripts():
    assert validate(SCRIPT) == []
    assert validate("没有占位符的话术。") == []
    assert validate("{是否带卡:和这张卡/}") == []  # one empty option = leave out
