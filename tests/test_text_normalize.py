from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from harmtrack.text.normalize import normalize_text


def test_normalize_newlines_spaces_and_blank_lines() -> None:
    raw = "Title\r\n\r\n\r\n\r\nBody\u00a0 text\twith  spaces \x07\rNext"
    assert normalize_text(raw) == "Title\n\nBody text with spaces\nNext"


def test_normalize_composes_unicode() -> None:
    assert normalize_text("Cafe\u0301") == "Café"


def test_normalize_keeps_arabic_and_direction_marks() -> None:
    text = "قصف \u200fسوق الأتارب"
    assert normalize_text(text) == text


@given(st.text(max_size=500))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once
    assert "\n\n\n" not in once
