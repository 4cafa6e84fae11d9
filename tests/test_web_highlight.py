"""Evidence highlighting: escaped text, marks by character span, overlapping and nested spans."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from harmtrack.web.highlight import Span, highlight


def _plain(html: str) -> str:
    """The text a browser shows: marks removed, entities decoded."""
    text = re.sub(r"</?mark[^>]*>", "", html)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&#34;", '"'), ("&#39;", "'")):
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")


def test_web_highlight_marks_a_span() -> None:
    html, anchors = highlight("over 40 civilians were killed", [Span("1-0", "killed_low", 5, 17)])
    assert str(html) == (
        'over <mark class="ev" data-field="killed_low" data-ev="1-0" id="ev-1-0">'
        "40 civilians</mark> were killed"
    )
    assert anchors == {"1-0": "ev-1-0"}


def test_web_highlight_overlapping_spans_share_pieces() -> None:
    text = "vacuum missiles hit the market"
    spans = [Span("a", "weapon", 0, 15), Span("b", "event_type", 0, 15), Span("c", "x", 7, 30)]
    html, anchors = highlight(text, spans)
    marks = re.findall(r'<mark class="ev" data-field="([^"]*)" data-ev="([^"]*)"', str(html))
    assert marks == [("weapon event_type", "a b"), ("weapon event_type x", "a b c"), ("x", "c")]
    assert anchors == {"a": "ev-a", "b": "ev-a", "c": "ev-c"}
    assert _plain(str(html)) == text


def test_web_highlight_escapes_the_text_and_the_field_names() -> None:
    text = 'Kafr <script>alert(1)</script> & <img src=x onerror="alert(1)">'
    html, _ = highlight(text, [Span("1", '"><b>', 5, 13)])
    assert "<script>" not in str(html) and "<img" not in str(html) and "<b>" not in str(html)
    assert "&lt;script&gt;" in str(html) and "&amp;" in str(html)
    assert _plain(str(html)) == text


def test_web_highlight_skips_empty_and_outside_spans() -> None:
    html, anchors = highlight("abc", [Span("1", "date", 0, 0), Span("2", "x", 2, 9)])
    assert str(html) == "abc" and anchors == {}


@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=6),
)
def test_web_highlight_never_changes_the_text(text: str, bounds: list[tuple[int, int]]) -> None:
    spans = [Span(str(n), "f", a, b) for n, (a, b) in enumerate(bounds)]
    html, anchors = highlight(text, spans)
    assert _plain(str(html)) == text
    assert "<" not in re.sub(r"</?mark[^>]*>", "", str(html))
    valid = {s.key for s in spans if 0 <= s.start < s.end <= len(text)}
    assert set(anchors) == valid
