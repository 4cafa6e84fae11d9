"""Tests for harmtrack.extract.numbers: the codebook's quantities table, number words, Arabic."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.extract.numbers import NumberReader, Quantity
from harmtrack.vocab.loader import load_vocabulary
from harmtrack.vocab.matching import fold

Found = tuple[str, int | None, int | None, bool]


@pytest.fixture(scope="module")
def reader() -> NumberReader:
    return NumberReader(load_vocabulary().quantities)


def _read(reader: NumberReader, text: str) -> list[Found]:
    """(words, low, high, vague) of every quantity; fold keeps offsets, so spans cut ``text``."""
    return [(text[q.start : q.end], q.low, q.high, q.vague) for q in reader.find(fold(text))]


# One case per row of the codebook's "Quantities" table (CODING.md), in its order.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("40 were killed", ("40", 40, 40, False)),
        ("40 people were killed", ("40", 40, 40, False)),
        ("at least 40 were killed", ("at least 40", 40, None, False)),
        ("At least 40 were killed", ("At least 40", 40, None, False)),
        ("no fewer than 40 were killed", ("no fewer than 40", 40, None, False)),
        ("over 40 were killed", ("over 40", 40, None, False)),
        ("more than 40 were killed", ("more than 40", 40, None, False)),
        ("40+ people were killed", ("40+", 40, None, False)),
        ("up to 40 were killed", ("up to 40", None, 40, False)),
        ("as many as 40 were killed", ("as many as 40", None, 40, False)),
        ("between 12 and 19 were killed", ("between 12 and 19", 12, 19, False)),
        ("12 to 19 were killed", ("12 to 19", 12, 19, False)),
        ("12-19 were killed", ("12-19", 12, 19, False)),
        ("12–19 were killed", ("12–19", 12, 19, False)),  # en dash
        ("one civilian was killed", ("one", 1, 1, False)),
        ("two civilians were killed", ("two", 2, 2, False)),
        ("Seventeen people were killed", ("Seventeen", 17, 17, False)),
        ("a family of five was killed", ("a family of five", 5, 5, False)),
        ("tens of people were killed", ("tens", 10, None, True)),
        ("dozens of people were killed", ("dozens", 12, None, True)),
        ("scores of people were killed", ("scores", 20, None, True)),
        ("hundreds of people were killed", ("hundreds", 100, None, True)),
        ("thousands of people were killed", ("thousands", 1000, None, True)),
        ("several people were killed", ("several", 3, None, True)),
        ("a number of people were killed", ("a number of", 2, None, True)),
        ("some people were killed", ("some", 2, None, True)),
        ("many people were killed", ("many", None, None, True)),
        ("there were casualties", ("casualties", None, None, True)),
    ],
)
def test_extract_numbers_codebook_table(reader: NumberReader, text: str, expected: Found) -> None:
    assert _read(reader, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no less than 40", ("no less than 40", 40, None, False)),
        ("upwards of 40", ("upwards of 40", 40, None, False)),
        ("in excess of 40", ("in excess of 40", 40, None, False)),
        ("40 or more", ("40 or more", 40, None, False)),
        ("at most 40", ("at most 40", None, 40, False)),
        ("no more than 40", ("no more than 40", None, 40, False)),
        ("about 40", ("about 40", 40, 40, False)),
        ("nearly 40", ("nearly 40", 40, 40, False)),
        ("some 40 people", ("some 40", 40, 40, False)),  # "some" before a number keeps it
        ("at least forty-five", ("at least forty-five", 45, None, False)),
        ("up to five", ("up to five", None, 5, False)),
        ("five or six civilians", ("five or six", 5, 6, False)),
        ("between 12 to 19", ("between 12 to 19", 12, 19, False)),
        ("from 12 to 19", ("from 12 to 19", 12, 19, False)),
        ("between 1,200 and 1,500", ("between 1,200 and 1,500", 1200, 1500, False)),
        ("family of 7", ("family of 7", 7, 7, False)),
    ],
)
def test_extract_numbers_other_bounds_and_ranges(
    reader: NumberReader, text: str, expected: Found
) -> None:
    assert _read(reader, text) == [expected]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("twenty-one", 21),
        ("twenty one", 21),
        ("Twenty-One", 21),
        ("THIRTY", 30),
        ("two hundred and five", 205),
        ("two hundred five", 205),
        ("one hundred", 100),
        ("twelve hundred", 1200),
        ("three thousand", 3000),
        ("three thousand five hundred", 3500),
        ("two thousand and twenty", 2020),
        ("1,200", 1200),
        ("1,200,000", 1200000),
        ("3 hundred", 300),
    ],
)
def test_extract_numbers_compounds_are_one_number(
    reader: NumberReader, text: str, value: int
) -> None:
    assert _read(reader, f"killing {text} people") == [(text, value, value, False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("خمسة", ("خمسة", 5, 5, False)),
        ("عشرون", ("عشرون", 20, 20, False)),
        ("أحد عشر", ("أحد عشر", 11, 11, False)),
        ("ثلاث عشرة", ("ثلاث عشرة", 13, 13, False)),
        ("خمسة وعشرون", ("خمسة وعشرون", 25, 25, False)),
        ("ثلاثة وعشرين", ("ثلاثة وعشرين", 23, 23, False)),
        ("مائة وخمسون", ("مائة وخمسون", 150, 150, False)),
        ("مئتان", ("مئتان", 200, 200, False)),
        ("ألفين", ("ألفين", 2000, 2000, False)),
        ("ثلاثة آلاف", ("ثلاثة آلاف", 3000, 3000, False)),
        ("40", ("40", 40, 40, False)),
        ("٤٠", ("٤٠", 40, 40, False)),
        ("١٢٥", ("١٢٥", 125, 125, False)),
        ("ما لا يقل عن 40", ("ما لا يقل عن 40", 40, None, False)),
        ("40 على الأقل", ("40 على الأقل", 40, None, False)),
        ("أكثر من 40", ("أكثر من 40", 40, None, False)),
        ("ما يصل إلى 40", ("ما يصل إلى 40", None, 40, False)),
        ("نحو 40", ("نحو 40", 40, 40, False)),
        ("حوالي 40", ("حوالي 40", 40, 40, False)),
        ("بين 12 و19", ("بين 12 و19", 12, 19, False)),
        ("من 12 إلى 19", ("من 12 إلى 19", 12, 19, False)),
        ("عائلة من خمسة", ("عائلة من خمسة", 5, 5, False)),
        ("عشرات", ("عشرات", 10, None, True)),
        ("مئات", ("مئات", 100, None, True)),
        ("عدة", ("عدة", 3, None, True)),
        pytest.param(
            "بين 12 و 19",
            ("بين 12 و 19", 12, 19, False),
        ),
    ],
)
def test_extract_numbers_arabic(reader: NumberReader, text: str, expected: Found) -> None:
    assert _read(reader, f"قتل {text} مدنيين") == [expected]


def test_extract_numbers_several_figures_in_order(reader: NumberReader) -> None:
    text = "killing 5 people, wounding at least twenty and leaving dozens homeless"
    assert _read(reader, text) == [
        ("5", 5, 5, False),
        ("at least twenty", 20, None, False),
        ("dozens", 12, None, True),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a dozen", 12),
        ("half a dozen", 6),
        ("a couple of", 2),
        ("a pair of", 2),
        ("اثنا عشر", 12),
    ],
)
def test_extract_numbers_multiword_number_words(
    reader: NumberReader, text: str, value: int
) -> None:
    assert _read(reader, f"{text} people") == [(text, value, value, False)]


@pytest.mark.parametrize("text", ["a  number of people", "a-number-of people", "عدد  من الناس"])
def test_extract_numbers_vague_words_across_spaces(reader: NumberReader, text: str) -> None:
    assert [(q.low, q.high, q.vague) for q in reader.find(fold(text))] == [(2, None, True)]


def test_extract_numbers_very_long_digit_run(reader: NumberReader) -> None:
    # A run of digits longer than any count (an ID, a garbled table) is no figure, and no crash.
    assert reader.find("ref " + "7" * 5000) == []
    assert [(q.low, q.high) for q in reader.find("ref 1234567 people")] == [(1234567, 1234567)]


def test_extract_numbers_decimal_is_not_a_count(reader: NumberReader) -> None:
    assert _read(reader, "a 3.5 km road") == []


def _check(text: str, found: list[Quantity]) -> None:
    for quantity in found:
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert quantity.low is None or quantity.low >= 0
        assert quantity.high is None or quantity.high >= 0
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start


_WORDS = (
    "at least", "up to", "more than", "between", "and", "to", "or", "-", "+", "from", "some",
    "a family of", "a number of", "dozens", "many", "twenty", "one", "five", "hundred",
    "thousand", "million", "40", "1,200", "12", "0", "٤٠", "خمسة", "وعشرون", "بين", "و19",
    "من", "إلى", "نحو", "عشرات", "آلاف", "people", "killed", "2020",
)  # fmt: skip


@given(st.text(max_size=200))
def test_extract_numbers_any_text_gives_valid_quantities(reader: NumberReader, text: str) -> None:
    folded = fold(text)
    _check(folded, reader.find(folded))


@given(st.lists(st.sampled_from(_WORDS), max_size=20).map(" ".join))
def test_extract_numbers_number_like_text_gives_valid_quantities(
    reader: NumberReader, text: str
) -> None:
    folded = fold(text)
    _check(folded, reader.find(folded))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three and six children", [(3, 3), (6, 6)]),
        ("two hundred and five people", [(205, 205)]),
        ("between four and five civilians", [(4, 5)]),
    ],
)
def test_extract_numbers_and_joins_only_hundreds(
    reader: NumberReader, text: str, expected: list[tuple[int, int]]
) -> None:
    assert [(q.low, q.high) for q in reader.find(fold(text))] == expected
