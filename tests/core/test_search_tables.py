"""The compact character table: the same readings and Traditional → Simplified map as pypinyin
and zhconv, which it replaces at run time; broken bytes are refused, never half-read."""

from __future__ import annotations

import pytest

from assist.core.search import tables


@pytest.fixture(scope="module")
def table() -> tables.CharTable:
    return tables.CharTable.from_bytes(tables.build().to_bytes())


def test_readings_match_pypinyin_for_every_cjk_character(table):
    from pypinyin import Style, pinyin

    differ = []
    for a, b in tables.RANGES:
        for cp in range(a, b):
            ch = chr(cp)
            got = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
            want = tuple(dict.fromkeys(s.replace("ê", "e") for s in (got[0] if got else []) if s.isalpha()))
            if table.readings(ch) != want:
                differ.append((ch, table.readings(ch), want))
    assert differ == []
    assert table.readings("a") == () and table.readings("1") == ()


def test_simplified_matches_zhconv(table):
    from zhconv import zhconv

    t2s = {k: v for k, v in zhconv.getdict("zh-cn").items() if len(k) == 1 and len(v) == 1}
    for a, b in tables.RANGES:
        for cp in range(a, b):
            assert table.simplified(chr(cp)) == t2s.get(chr(cp), chr(cp))
    assert table.simplified("銀") == "银" and table.simplified("x") == "x"


def test_readings_in_common_use_count_for_initials(table):
    assert table.common_readings("提") == ("ti",)  # dī (提防) is too rare: bds is not 保提示
    assert table.common_readings("投") == ("tou",)
    assert set(table.common_readings("行")) == {"xing", "hang"}  # 银行 is yh
    assert set(table.common_readings("重")) == {"zhong", "chong"}  # 重置 is cz
    assert table.initials("行") == "hx" and table.initials("a") == ""


def test_syllables_include_the_v_spellings(table):
    assert {"lv", "nv", "lve", "a", "zhuang"} <= set(table.syllables)


@pytest.mark.parametrize("damage", [
    lambda b: b[:-1],                      # cut short
    lambda b: b[:100],
    lambda b: b"XXXX" + b[4:],             # not a table
    lambda b: b[:8] + b"!" + b[9:],        # header is not JSON
    lambda b: b.replace(b'"format": 2', b'"format": 9', 1),  # another format
    lambda b: b"",
])
def test_broken_bytes_are_refused(table, damage):
    with pytest.raises(ValueError):
        tables.CharTable.from_bytes(damage(table.to_bytes()))


def test_source_key_names_the_library_versions():
    from importlib import metadata

    key = tables.source_key()
    assert key.startswith(f"chartable{tables.FORMAT}:")
    for dist in ("pypinyin", "zhconv"):
        assert f"{dist}={metadata.version(dist)}" in key
