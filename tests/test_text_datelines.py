from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.text.datelines import find_dates


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Tuesday, 14 November 2017 11:25", datetime(2017, 11, 14, 11, 25), "minute"),
        ("November 13, 2017", datetime(2017, 11, 13), "day"),
        ("Monday, November 13, 2017 at 5:30 pm", datetime(2017, 11, 13, 17, 30), "minute"),
        ("13th Nov. 2017", datetime(2017, 11, 13), "day"),
        ("Sept. 3rd, 2019", datetime(2019, 9, 3), "day"),
        ("2017-11-13T09:30", datetime(2017, 11, 13, 9, 30), "minute"),
        ("posted 2017-11-13", datetime(2017, 11, 13), "day"),
        ("12 am on 1 January 2020 12:05 am", datetime(2020, 1, 1, 0, 5), "minute"),
    ],
)
def test_find_dates_formats(text: str, expected: datetime, precision: str) -> None:
    (mention,) = find_dates(text)
    assert mention.value == expected.replace(tzinfo=UTC)
    assert mention.precision == precision


@pytest.mark.parametrize(
    "text", ["31 February 2017", "on Monday, November 13", "in 2017", "13/11/2017"]
)
def test_find_dates_ignores_impossible_or_yearless_dates(text: str) -> None:
    assert find_dates(text) == []


@given(st.text(max_size=300))
def test_find_dates_spans_point_into_the_text(text: str) -> None:
    mentions = find_dates(text)
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
