"""Tests for harmtrack.extract.dates: written, yearless, relative and Arabic dates."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.extract.dates import DateMention, find_date_mentions

PUBLISHED = date(2020, 5, 13)  # a Wednesday

Found = tuple[str, date, date | None, str, bool]


def _found(text: str, published: date | None = PUBLISHED) -> list[Found]:
    """(words, value, value_end, precision, relative) of every mention, in text order."""
    return [
        (text[m.start : m.end], m.value, m.value_end, m.precision, m.relative)
        for m in find_date_mentions(text, published)
    ]


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Jets struck the town on 3 May 2019 at dawn.", "3 May 2019", date(2019, 5, 3)),
        ("On May 3, 2019 jets struck the town.", "May 3, 2019", date(2019, 5, 3)),
        ("On 3rd May 2019, jets struck.", "3rd May 2019", date(2019, 5, 3)),
        ("On Nov. 5, 2019 shells fell.", "Nov. 5, 2019", date(2019, 11, 5)),
        ("Posted 2019-05-03 by the press office.", "2019-05-03", date(2019, 5, 3)),
        ("Sunday, 3 May 2020 at dawn", "Sunday, 3 May 2020", date(2020, 5, 3)),
        ("Statement of 28.04.2019.", "28.04.2019", date(2019, 4, 28)),
        ("Statement of 5.6.2019.", "5.6.2019", date(2019, 6, 5)),  # day first
    ],
)
def test_extract_dates_absolute(text: str, words: str, value: date) -> None:
    assert _found(text) == [(words, value, None, "day", False)]


@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire of 31.02.2020 held.",
        "The order 13.13.2020 was signed.",
        "On 30 February, nothing happened.",
        "Fighting went on through 2019.",
        "The sun rose over the camp and we wed in spring.",  # lower-case "sun", "wed"
    ],
)
def test_extract_dates_impossible_or_absent(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "published", "words", "value"),
    [
        ("On 10 May, shelling hit the market.", PUBLISHED, "10 May", date(2020, 5, 10)),
        ("On May 10, shelling hit the market.", PUBLISHED, "May 10", date(2020, 5, 10)),
        ("On 13 May, shelling hit the market.", PUBLISHED, "13 May", date(2020, 5, 13)),
        ("On the 10th of May, shells fell.", PUBLISHED, "the 10th of May", date(2020, 5, 10)),
        # after the publication date: the same day of the previous year
        ("On 28 December, shelling hit.", date(2020, 1, 5), "28 December", date(2019, 12, 28)),
        ("On 21 May, shelling hit.", PUBLISHED, "21 May", date(2019, 5, 21)),
        ("قصف في 10 مايو", PUBLISHED, "10 مايو", date(2020, 5, 10)),
        ("قصف في 3 كانون الثاني", PUBLISHED, "3 كانون الثاني", date(2020, 1, 3)),
    ],
)
def test_extract_dates_yearless_resolved_against_publication(
    text: str, published: date, words: str, value: date
) -> None:
    assert _found(text, published) == [(words, value, None, "day", True)]


def test_extract_dates_yearless_date_after_publication_is_last_year() -> None:
    assert _found("On 20 May, shelling hit.") == [("20 May", date(2019, 5, 20), None, "day", True)]


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("On Monday, jets struck.", "On Monday", date(2020, 5, 11)),
        ("It happened on Friday.", "on Friday", date(2020, 5, 8)),
        ("On Sunday the market was hit.", "On Sunday", date(2020, 5, 10)),
        # the publication day itself is the latest Wednesday; "last Wednesday" the one before
        ("On Wednesday, jets struck.", "On Wednesday", date(2020, 5, 13)),
        ("Last Wednesday, jets struck.", "Last Wednesday", date(2020, 5, 6)),
        ("Jets struck last Monday.", "last Monday", date(2020, 5, 11)),
        ("Late Tuesday night, jets struck.", "Late Tuesday night", date(2020, 5, 12)),
    ],
)
def test_extract_dates_weekday_is_latest_on_or_before_publication(
    text: str, words: str, value: date
) -> None:
    assert _found(text) == [(words, value, None, "day", True)]


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Shelling hit the town yesterday.", "yesterday", date(2020, 5, 12)),
        ("Shelling hit the town today.", "today", date(2020, 5, 13)),
        ("Shelling is expected tonight.", "tonight", date(2020, 5, 13)),
        ("Shelling hit the town last night.", "last night", date(2020, 5, 12)),
        ("Shelling hit the town this morning.", "this morning", date(2020, 5, 13)),
        ("It began the day before yesterday.", "the day before yesterday", date(2020, 5, 11)),
        ("It began three days ago.", "three days ago", date(2020, 5, 10)),
        ("It began 2 days ago.", "2 days ago", date(2020, 5, 11)),
    ],
)
def test_extract_dates_relative_words(text: str, words: str, value: date) -> None:
    assert _found(text) == [(words, value, None, "day", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Raids went on last week.", ("last week", date(2020, 5, 4), date(2020, 5, 10), "range")),
        (
            "Raids went on earlier this week.",
            ("earlier this week", date(2020, 5, 11), date(2020, 5, 13), "range"),
        ),
        ("Raids went on last month.", ("last month", date(2020, 4, 1), None, "month")),
        pytest.param(
            "Raids went on this week.",
            ("this week", date(2020, 5, 11), date(2020, 5, 13), "range"),
        ),
    ],
)
def test_extract_dates_relative_periods(
    text: str, expected: tuple[str, date, date | None, str]
) -> None:
    assert _found(text) == [(*expected, True)]


@pytest.mark.parametrize(
    ("text", "words", "first", "last", "relative"),
    [
        ("Shelling between 1 and 5 May 2020.", "between 1 and 5 May 2020", 1, 5, False),
        ("Shelling between 1 and 5 May, 2020.", "between 1 and 5 May, 2020", 1, 5, False),
        ("Shelling on 4-5 May 2020.", "4-5 May 2020", 4, 5, False),
        ("Shelling on 4–5 May 2020.", "4–5 May 2020", 4, 5, False),
        ("Shelling from 4 to 5 May 2020.", "from 4 to 5 May 2020", 4, 5, False),
        ("Shelling on May 1-3, 2020.", "May 1-3, 2020", 1, 3, False),
        ("Shelling on May 1 and 2.", "May 1 and 2", 1, 2, True),
        ("Shelling from 1 to 5 May hit the town.", "from 1 to 5 May", 1, 5, True),
        ("Shelling on the night of 4-5 May hit the town.", "4-5 May", 4, 5, True),
    ],
)
def test_extract_dates_day_ranges(
    text: str, words: str, first: int, last: int, relative: bool
) -> None:
    assert _found(text) == [(words, date(2020, 5, first), date(2020, 5, last), "range", relative)]


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Arrests rose in April 2019.", "April 2019", date(2019, 4, 1)),
        ("Arrests rose during Sept 2019.", "Sept 2019", date(2019, 9, 1)),
        ("Arrests rose since January, 2020.", "January, 2020", date(2020, 1, 1)),
    ],
)
def test_extract_dates_month_and_year_has_month_precision(
    text: str, words: str, value: date
) -> None:
    assert _found(text) == [(words, value, None, "month", False)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Jets struck on 10 Dec. at dawn.", "10 Dec."),  # the abbreviation's own full stop
        ("Jets struck on Sept. 10 at dawn.", "Sept. 10"),
        ("Jets struck on 4-5 Nov. at dawn.", "4-5 Nov."),
        # a sentence's full stop after a whole month name is no part of the date
        ("Jets struck on 10 May.", "10 May"),
        ("Jets struck on 10 December.", "10 December"),
        ("Jets struck on the 10th of May.", "the 10th of May"),
        ("Jets struck on 4-5 May.", "4-5 May"),
        ("Jets struck from 4 to 5 June.", "from 4 to 5 June"),
    ],
)
def test_extract_dates_span_ends_with_the_date(text: str, words: str) -> None:
    assert [text[m.start : m.end] for m in find_date_mentions(text, PUBLISHED)] == [words]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Jets struck on the 10th of May 2020.", "the 10th of May 2020"),
        ("Jets struck on the 10th of May, 2020.", "the 10th of May, 2020"),
        ("Jets struck on 10 of May 2020.", "10 of May 2020"),
        ("Jets struck on Sunday, the 10th of May 2020.", "Sunday, the 10th of May 2020"),
    ],
)
def test_extract_dates_day_of_month_with_year(text: str, words: str) -> None:
    assert _found(text) == [(words, date(2020, 5, 10), None, "day", False)]


@pytest.mark.parametrize(
    "text",
    [
        "Jets killed 10 Marines.",  # a month's name must end its word: no 10 March
        "Jets killed 3 Junior officers.",
        "Jets struck on 31 of February 2020.",  # no such day (February 2020 may stay)
    ],
)
def test_extract_dates_no_day_in_a_longer_word_or_impossible_date(text: str) -> None:
    assert [m for m in _found(text) if m[3] == "day"] == []


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("قصفت الطائرات البلدة يوم الاثنين", "يوم الاثنين", date(2020, 5, 11)),
        ("قصفت الطائرات البلدة الإثنين", "الإثنين", date(2020, 5, 11)),
        ("قصفت الطائرات البلدة الأربعاء", "الأربعاء", date(2020, 5, 13)),
        ("قصفت الطائرات البلدة الاربعاء", "الاربعاء", date(2020, 5, 13)),
        ("قصفت الطائرات البلدة يوم الجمعة", "يوم الجمعة", date(2020, 5, 8)),
        ("قصفت الطائرات البلدة يوم الأحد", "يوم الأحد", date(2020, 5, 10)),
        ("قصفت الطائرات البلدة أمس", "أمس", date(2020, 5, 12)),
        ("قصفت الطائرات البلدة بالأمس", "بالأمس", None),  # a proclitic: not the word alone
        ("قصفت الطائرات البلدة مساء أمس", "مساء أمس", date(2020, 5, 12)),
        ("قصفت الطائرات البلدة اليوم", "اليوم", date(2020, 5, 13)),
        ("قصفت الطائرات البلدة فجر اليوم", "فجر اليوم", date(2020, 5, 13)),
    ],
)
def test_extract_dates_arabic_relative_and_weekdays(
    text: str, words: str, value: date | None
) -> None:
    expected = [(words, value, None, "day", True)] if value else []
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("قصف في 10 أيار 2020", "10 أيار 2020", date(2020, 5, 10)),
        ("قصف في ١٠ أيار ٢٠٢٠", "١٠ أيار ٢٠٢٠", date(2020, 5, 10)),
        ("قصف في 10 من أيار 2020", "10 من أيار 2020", date(2020, 5, 10)),
        ("قصف في 13 تشرين الثاني 2017", "13 تشرين الثاني 2017", date(2017, 11, 13)),
        ("قصف في 2 أبريل 2019", "2 أبريل 2019", date(2019, 4, 2)),
        # the Levantine and the other name of one month, slashed
        ("قصف بتاريخ 4 نيسان/أبريل 2017", "4 نيسان/أبريل 2017", date(2017, 4, 4)),
        # a weekday right before the written date only restates it
        ("قصف يوم الأحد 10 أيار 2020", "10 أيار 2020", date(2020, 5, 10)),
        # the common spelling without hamza or madda names the same month
        ("قصف في 2 ابريل 2019", "2 ابريل 2019", date(2019, 4, 2)),
        ("قصف في 10 ايار 2020", "10 ايار 2020", date(2020, 5, 10)),
        ("قصف في 7 اكتوبر 2023", "7 اكتوبر 2023", date(2023, 10, 7)),
        ("قصف في 15 اذار 2011", "15 اذار 2011", date(2011, 3, 15)),
        ("قصف في 4 اب 2020", "4 اب 2020", date(2020, 8, 4)),
        ("قصف في 1 تشرين الاول 2019", "1 تشرين الاول 2019", date(2019, 10, 1)),
        ("قصف في 3 ايلول 2019", "3 ايلول 2019", date(2019, 9, 3)),
    ],
)
def test_extract_dates_arabic_written_dates(text: str, words: str, value: date) -> None:
    assert _found(text) == [(words, value, None, "day", False)]


@pytest.mark.parametrize(
    "text",
    ["قصف يوم الاثنين 11 أيار", "قصف يوم الإثنين، 11 ايار", "قصف أمس 11 أيار"],
)
def test_extract_dates_arabic_weekday_before_yearless_date_is_dropped(text: str) -> None:
    assert [m[1:] for m in _found(text)] == [(date(2020, 5, 11), None, "day", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a sentence ends between them: each tells its own day
            "Jets struck on Monday. 12 May was calm.",
            [
                ("on Monday", date(2020, 5, 11), None, "day", True),
                ("12 May", date(2020, 5, 12), None, "day", True),
            ],
        ),
        (  # a written date restates none before it
            "Shelling on 1 May, 3 May 2020 and 4 May.",
            [
                ("1 May", date(2020, 5, 1), None, "day", True),
                ("3 May 2020", date(2020, 5, 3), None, "day", False),
                ("4 May", date(2020, 5, 4), None, "day", True),
            ],
        ),
    ],
)
def test_extract_dates_only_a_day_told_in_words_restates_the_next(
    text: str, expected: list[Found]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "published", "words", "value"),
    [
        ("On Monday, November 13, jets struck.", date(2017, 11, 14), "Monday, November 13", 13),
        ("On Monday, November 13, jets struck.", date(2018, 1, 2), "Monday, November 13", 13),
        # the written date wins even when the weekday does not agree with it
        ("On Monday, November 14, jets struck.", date(2017, 11, 20), "Monday, November 14", 14),
    ],
)
def test_extract_dates_weekday_with_written_date_gives_the_written_date(
    text: str, published: date, words: str, value: int
) -> None:
    assert _found(text, published) == [(words, date(2017, 11, value), None, "day", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jets struck on 3 May 2020. On 1 May, shells fell. Yesterday, drones came.",
            [
                ("3 May 2020", date(2020, 5, 3), None, "day", False),
                ("1 May", date(2020, 5, 1), None, "day", True),
                ("Yesterday", date(2020, 5, 2), None, "day", True),
            ],
        ),
        (
            "Report of 12.05.2020: on 1 May, and again yesterday.",
            [
                ("12.05.2020", date(2020, 5, 12), None, "day", False),
                ("1 May", date(2020, 5, 1), None, "day", True),
                ("yesterday", date(2020, 5, 11), None, "day", True),
            ],
        ),
        (
            "Shelling on 3 May 2020. On Tuesday, more shells fell.",
            [
                ("3 May 2020", date(2020, 5, 3), None, "day", False),
                ("On Tuesday", date(2020, 4, 28), None, "day", True),
            ],
        ),
        (  # the first date in the text anchors, not the earliest or the latest
            "On 1 May shells fell. Reported 3 June 2019; updated 12.05.2020.",
            [
                ("1 May", date(2019, 5, 1), None, "day", True),
                ("3 June 2019", date(2019, 6, 3), None, "day", False),
                ("12.05.2020", date(2020, 5, 12), None, "day", False),
            ],
        ),
        ("Yesterday, and on Monday, and on 1 May, shells fell.", []),
    ],
)
def test_extract_dates_without_publication_anchor_on_first_full_date(
    text: str, expected: list[Found]
) -> None:
    assert _found(text, None) == expected


@pytest.mark.parametrize("text", ["Shelling on 5 Auguſt.", "Shelling on 5 ſept 2020."])
def test_extract_dates_unicode_case_variants_do_not_crash(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "According to The Sun, jets struck the port.",
        "The Sun reported that jets struck the port.",
        "Fighting spread across Mon State.",
        "Sat in the ruins, he waited.",
    ],
)
def test_extract_dates_abbreviation_that_is_a_word_is_no_weekday_alone(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Jets struck on Sun.", "on Sun", date(2020, 5, 10)),
        ("Jets struck last Sat.", "last Sat", date(2020, 5, 9)),
        ("Jets struck Sun night.", "Sun night", date(2020, 5, 10)),
        ("Jets struck Gaza Thurs, killing ten.", "Thurs", date(2020, 5, 7)),  # no other word
        ("Sun 10 May: jets struck.", "Sun 10 May", date(2020, 5, 10)),
        ("Mon, May 11: jets struck.", "Mon, May 11", date(2020, 5, 11)),
    ],
)
def test_extract_dates_weekday_abbreviations(text: str, words: str, value: date) -> None:
    assert _found(text) == [(words, value, None, "day", True)]


def _check_spans(text: str, mentions: list[DateMention]) -> None:
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.precision in ("day", "range", "month")
        if mention.value_end is not None:
            assert mention.value_end > mention.value
    for before, after in itertools.pairwise(mentions):
        assert before.end <= after.start


# Characters that re.I matches to an ASCII letter but lower() does not turn into one: they are
# the crash documented by test_extract_dates_unicode_case_variants_do_not_crash.
_CASE_TRAPS = "ſKİı"
_PUBLISHED = st.none() | st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31))
_WORDS = (
    "on", "the", "of", "last", "between", "and", "from", "to", "-", "–", ",", "1", "3rd", "13",
    "31", "2020", "1999", "May", "May.", "Nov.", "december", "Marines", "Monday", "Sun", "The",
    "tuesday", "night", "yesterday", "today", "days", "ago", "two", "week", "month", "12.05.2020",
    "31.02.2020", "يوم", "الاثنين", "أمس", "اليوم", "أيار", "ايار", "تشرين", "الثاني", "الاول",
    "من", "١٠", "٢٠٢٠",
)  # fmt: skip


@given(st.text(alphabet=st.characters(exclude_characters=_CASE_TRAPS), max_size=200), _PUBLISHED)
def test_extract_dates_any_text_gives_valid_spans(text: str, published: date | None) -> None:
    _check_spans(text, find_date_mentions(text, published))


@given(st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join), _PUBLISHED)
def test_extract_dates_date_like_text_gives_valid_spans(text: str, published: date | None) -> None:
    _check_spans(text, find_date_mentions(text, published))
