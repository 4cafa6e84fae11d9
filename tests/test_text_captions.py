"""Photo captions: lines that end with a photo credit tell no event of their own."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.extract.extractor import default_extractor
from harmtrack.text.captions import caption_spans


@pytest.mark.parametrize(
    "line",
    [
        "Civilians in the ruins of Mosul city. (Maranie R. Staab)",
        "A man injured by an air strike is seen at a hospital in Saada on July 29. — Reuters",
        "A man receives treatment at a small hospital on April 4, 2017 AFP",
        "Rescuers at the site in Dnipro on January 14, 2023. Vitalii Matokha / AFP",
        "Rescuers at the site in Aleppo on April 28, 2016. Source: Getty Images",
        "A sign in Khan Sheikhoun on April 5, 2017. © 2017 Abdussamed Dagul/Anadolu Agency",
    ],
)
def test_text_captions_a_line_ending_with_a_credit_is_a_caption(line: str) -> None:
    text = f"Title\n\n{line}\n\nBody text."
    start = text.index(line)
    assert caption_spans(text) == [(start, start + len(line))]


@pytest.mark.parametrize(
    "line",
    [
        "Sep 20, 2016 01:59 (GMT)",
        "Russian jets struck the market in Ariha on Monday, killing 12 civilians.",
        "NAIROBI, Kenya (AP) — A suicide bomber killed 4 people on Monday.",
        "The strike was condemned by the UN (United Nations).",
    ],
)
def test_text_captions_other_lines_are_not(line: str) -> None:
    assert caption_spans(line) == []


@given(st.text(max_size=400))
def test_text_captions_spans_are_lines_of_the_text(text: str) -> None:
    for start, end in caption_spans(text):
        assert 0 <= start < end <= len(text)
        assert "\n" not in text[start:end]


def test_text_captions_a_caption_opens_no_event() -> None:
    text = (
        "Air strike on Ariha market\n\n"
        "Rescuers search the rubble after an air strike on a market in Saraqib on July 20, "
        "2019. (Omar Haj Kadour)\n\n"
        "Russian jets struck the market in Ariha on Monday, killing 12 civilians."
    )
    events = default_extractor().extract(text, published=date(2019, 7, 23)).events
    assert [(e.location, e.killed_low) for e in events] == [("Ariha", 12)]
