"""The labelled set: every sentence's spans are found exactly; masking leaves nothing behind."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from assist.core.privacy import KINDS, find_pii, mask
from tests.core.test_privacy_datagen import OUT, generate

DATA = Path(__file__).parent / "data" / "privacy_labelled.jsonl"
ROWS = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


def test_data_file_is_the_generator_output():
    assert DATA == OUT
    assert ROWS == generate(), "regenerate with: .venv/bin/python tests/core/test_privacy_datagen.py"


def test_set_is_large_and_covers_every_kind():
    assert len(ROWS) >= 300
    kinds = Counter(k for r in ROWS for k, _, _ in r["spans"])
    assert set(kinds) == set(KINDS)
    assert sum(1 for r in ROWS if not r["spans"]) >= 60  # look-alikes and wrong check digits


def test_exact_spans_for_every_sentence():
    wrong = []
    for r in ROWS:
        got = [list(sp.as_tuple()) for sp in find_pii(r["text"])]
        if got != r["spans"]:
            wrong.append((r["text"], r["spans"], got))
    assert not wrong, f"{len(wrong)} of {len(ROWS)} sentences differ, first: {wrong[:3]}"


def test_masked_text_has_no_full_value_and_nothing_left_to_find():
    for r in ROWS:
        masked = mask(r["text"])
        for kind, s, e in r["spans"]:
            value = r["text"][s:e]
            assert _digits(value) not in _digits(masked) or kind == "email", (r["text"], masked)
            if kind == "secret":
                assert "[已隐去]" in masked
            if kind == "email":
                assert value not in masked
        assert find_pii(masked) == [], masked
        if not r["spans"]:
            assert masked == r["text"]
