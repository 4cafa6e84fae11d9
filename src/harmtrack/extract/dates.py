"""Date mentions, absolute and relative, resolved against the publication date."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from harmtrack.text.datelines import MONTHS, find_dates
from harmtrack.text.datelines import DateMention as FullDate
from harmtrack.vocab.matching import fold

RULE = "dates@1"

_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
# Abbreviations that are also words or names of their own ("The Sun", "Mon State", "Sat down"):
# alone, they are weekdays only with a word that tells a day ("on Sun", "Sat night").
_WORDLIKE_WEEKDAYS = frozenset({"mon", "wed", "sat", "sun"})


def _with_bare_spellings(names: Mapping[str, int]) -> dict[str, int]:
    """Arabic names as written and as often typed, without hamza or madda (ابريل, ايار, اذار)
    and with ه for ة: the spelling variants that ``fold`` unifies."""
    return {spelling: n for name, n in names.items() for spelling in (name, fold(name))}


_AR_WEEKDAYS = _with_bare_spellings(
    {
        "الإثنين": 0,
        "الثلاثاء": 1,
        "الأربعاء": 2,
        "الخميس": 3,
        "الجمعة": 4,
        "السبت": 5,
        "الأحد": 6,
    }
)
_AR_MONTHS = _with_bare_spellings(
    {
        "يناير": 1,
        "كانون الثاني": 1,
        "فبراير": 2,
        "شباط": 2,
        "مارس": 3,
        "آذار": 3,
        "أبريل": 4,
        "نيسان": 4,
        "مايو": 5,
        "أيار": 5,
        "يونيو": 6,
        "حزيران": 6,
        "يوليو": 7,
        "تموز": 7,
        "أغسطس": 8,
        "آب": 8,
        "سبتمبر": 9,
        "أيلول": 9,
        "أكتوبر": 10,
        "تشرين الأول": 10,
        "نوفمبر": 11,
        "تشرين الثاني": 11,
        "ديسمبر": 12,
        "كانون الأول": 12,
    }
)


def _alternatives(names: Iterable[str]) -> str:
    """Names as a regex alternation, the longest first so that none stops inside a longer one."""
    return "|".join(sorted(names, key=lambda name: (-len(name), name)))


# A month's longest name is its whole name ("may" is both); the others are abbreviations.
_FULL_MONTHS = {max((n for n in MONTHS if MONTHS[n] == m), key=len) for m in MONTHS.values()}
# Only an abbreviation keeps its full stop ("Dec. 5"): after "May" or "December" the full stop
# ends the sentence. A name must end its word: "10 Marines" is no 10 March.
_MONTH = (
    rf"(?P<month>(?:{_alternatives(_FULL_MONTHS)})\b"
    rf"|(?:{_alternatives(MONTHS.keys() - _FULL_MONTHS)})\b\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"
_WEEKDAY = "(?P<weekday>" + _alternatives(_WEEKDAYS) + r")\b"
_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

_NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # between 1 and 5 May 2020 / from 1 to 5 May / 1-5 May 2020 / the night of 4-5 May
    (
        "range_days",
        re.compile(
            r"\b(?:between\s+|from\s+)?(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|and|to|until)\s*"
            rf"{_DAY}\s+{_MONTH}{_YEAR}",
            re.I,
        ),
    ),
    # May 1-5, 2020 / May 1 and 2
    (
        "range_days_us",
        re.compile(
            rf"\b{_MONTH}\s+(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|and|to)\s*{_DAY}{_YEAR}",
            re.I,
        ),
    ),
    # November 13 / the 13th of November 2017 (without a year, it comes from the anchor)
    ("day_month", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b{_YEAR}", re.I)),
    (
        "day_month",
        re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}", re.I),
    ),
    # in May 2020 / during April 2019
    ("month_year", re.compile(rf"\b{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    # 28.04.2023 (day first, as written outside the US)
    ("numeric", _NUMERIC),
    (
        "relative",
        re.compile(
            r"\b(?P<word>yesterday|today|tonight|this (?:morning|afternoon|evening)|last night|"
            r"the day before yesterday|(?P<n>two|three|four|five|\d) days ago|last week|"
            r"earlier (?:today|this week)|this week|last month)\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<last>last\s+|this\s+|on\s+|early\s+|late\s+)?{_WEEKDAY}"
            r"(?P<part>\s+(?:morning|afternoon|evening|night))?",
            re.I,
        ),
    ),
    ("ar_relative", re.compile(r"(?<!\w)(?P<word>أمس|الأمس|اليوم|فجر اليوم|مساء أمس)(?!\w)")),
    (
        "ar_weekday",
        re.compile("(?<!\\w)(?:يوم\\s+)?(?P<weekday>" + "|".join(_AR_WEEKDAYS) + ")(?!\\w)"),
    ),
    (
        "ar_day_month",
        re.compile(
            r"(?<!\w)(?P<day>[0-3]?[0-9٠-٩]|[٠-٣]?[٠-٩])\s+(?:من\s+)?(?P<month>"
            + "|".join(sorted(_AR_MONTHS, key=len, reverse=True))
            # "4 نيسان/أبريل 2017": the Levantine name and the other, for one month
            + r")(?:\s*/\s*(?:"
            + "|".join(sorted(_AR_MONTHS, key=len, reverse=True))
            + r"))?(?:\s+(?:عام\s+|لعام\s+)?(?P<year>(?:19|20)\d\d|[١٢][٠٩][٠-٩][٠-٩]))?"
        ),
    ),
)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}
# Kinds of mention that tell a day in words (weekdays, "yesterday") rather than write a date.
_TOLD_IN_WORDS = frozenset({"relative", "weekday", "ar_relative", "ar_weekday"})
_RESTATING_GAP = re.compile(r"[^.!?؟\n]{0,3}")


@dataclass(frozen=True)
class DateMention:
    """A date in the text with its resolved value; ``end`` is set for ranges."""

    start: int
    end: int
    value: date
    precision: str  # day, range, month
    value_end: date | None = None
    relative: bool = False  # resolved against the publication date
    rule: str = "pattern"  # which kind of pattern found it ("full", "day_month", "weekday"...)


def _latest_weekday(weekday: int, anchor: date) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _year_for(month: int, day: int, anchor: date) -> int:
    """The year that puts month/day on or before the anchor (a report tells the past); one day
    of slack allows for a publication date given in another time zone."""
    year = anchor.year
    try:
        if date(year, month, day) > anchor + timedelta(days=1):
            year -= 1
    except ValueError:
        pass
    return year


def _month_number(text: str) -> int | None:
    key = text.lower().rstrip(".")
    return int(key) if key.isdigit() else MONTHS.get(key) or _AR_MONTHS.get(text)


def _make(start: int, end: int, y: int, m: int, d: int, **kw: object) -> DateMention | None:
    try:
        return DateMention(start, end, date(y, m, d), **kw)  # type: ignore[arg-type]
    except ValueError:
        return None


def _relative(word: str, n: str | None, anchor: date, start: int, end: int) -> DateMention | None:
    word = word.lower()
    if word.startswith(("today", "tonight", "earlier today", "اليوم", "فجر")) or word in (
        "this morning",
        "this afternoon",
        "this evening",
    ):
        return DateMention(start, end, anchor, "day", relative=True)
    if word in ("yesterday", "last night", "أمس", "الأمس", "مساء أمس"):
        return DateMention(start, end, anchor - timedelta(days=1), "day", relative=True)
    if word == "the day before yesterday":
        return DateMention(start, end, anchor - timedelta(days=2), "day", relative=True)
    if n is not None:
        days = int(n) if n.isdigit() else _NUMBER_WORDS[n.lower()]
        return DateMention(start, end, anchor - timedelta(days=days), "day", relative=True)
    if word in ("last week",):
        monday = anchor - timedelta(days=anchor.weekday() + 7)
        return DateMention(start, end, monday, "range", monday + timedelta(days=6), relative=True)
    if word in ("this week", "earlier this week"):
        monday = anchor - timedelta(days=anchor.weekday())
        return DateMention(start, end, monday, "range", anchor, relative=True)
    if word == "last month":
        first = (anchor.replace(day=1) - timedelta(days=1)).replace(day=1)
        return DateMention(start, end, first, "month", relative=True)
    return None


def _may_be_another_word(match: re.Match[str]) -> bool:
    """Whether a weekday found without a word before it may be another word: any lower-case one
    ("the sun rose", "we wed"), and an abbreviation that is a word or name of its own ("The Sun",
    "Mon State") unless a part of the day follows ("Sun night")."""
    name = match["weekday"]
    return name[0].islower() or (name.lower() in _WORDLIKE_WEEKDAYS and not match["part"])


def _convert(kind: str, match: re.Match[str], anchor: date | None) -> DateMention | None:
    g = match.groupdict()
    start, end = match.span()
    if kind in ("relative", "ar_relative"):
        return _relative(g["word"], g.get("n"), anchor, start, end) if anchor else None
    if kind in ("weekday", "ar_weekday"):
        if anchor is None:
            return None
        weekday = _WEEKDAYS.get(g["weekday"].lower(), _AR_WEEKDAYS.get(g["weekday"], -1))
        if weekday < 0:
            return None  # an odd case variant ("Sunday" with a dotless ı) is no weekday
        if kind == "weekday" and not g.get("last") and _may_be_another_word(match):
            return None
        value = _latest_weekday(weekday, anchor)
        if (g.get("last") or "").strip().lower() == "last" and value == anchor:
            value -= timedelta(days=7)
        return DateMention(start, end, value, "day", relative=True)
    month = _month_number(g["month"].translate(_AR_DIGITS))
    if month is None:
        return None
    year_text = (g.get("year") or "").translate(_AR_DIGITS)
    if kind == "month_year":
        return _make(start, end, int(year_text), month, 1, precision="month")
    day = int(g["day"].translate(_AR_DIGITS))
    if year_text:
        year = int(year_text)
    elif anchor is not None:
        year = _year_for(month, day, anchor)
    else:
        return None
    if kind.startswith("range"):
        first = _make(start, end, year, month, int(g["day1"]), precision="range")
        last = _make(start, end, year, month, day, precision="range")
        if first is None or last is None or last.value <= first.value:
            return None
        return DateMention(start, end, first.value, "range", last.value, relative=not year_text)
    return _make(start, end, year, month, day, precision="day", relative=not year_text)


def find_date_mentions(text: str, published: date | None) -> list[DateMention]:
    """Every date mention in ``text``; the longest wins where two overlap.

    Dates without a year and relative ones are resolved against ``published``, or, when a report
    has no publication date, against the first full date the text gives.
    """
    full = find_dates(text)
    anchor = published or _first_full_date(text, full)
    # Candidates in order of trust: a written date beats a weekday ("on Monday, November 13").
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        if kind == "day_month" and not any(m.rule == "full" for m in found):
            found.extend(
                DateMention(m.start, m.end, m.value.date(), "day", rule="full") for m in full
            )
        for match in pattern.finditer(text):
            mention = _convert(kind, match, anchor)
            if mention is not None:
                found.append(replace(mention, rule=kind))
    taken: list[DateMention] = []
    for mention in found:
        if all(mention.end <= other.start or mention.start >= other.end for other in taken):
            taken.append(mention)
    taken.sort(key=lambda m: m.start)
    return [
        m
        for i, m in enumerate(taken)
        if i + 1 == len(taken) or not _restates(m, taken[i + 1], text)
    ]


def _restates(mention: DateMention, after: DateMention, text: str) -> bool:
    """Whether a day told in words right before a written date only restates it ("يوم الاثنين 13
    تشرين الثاني", with or without its year), as against a date in the next sentence ("on Monday.
    12 May was calm")."""
    return (
        mention.rule in _TOLD_IN_WORDS
        and mention.precision == "day"
        and after.rule not in _TOLD_IN_WORDS
        and _RESTATING_GAP.fullmatch(text, mention.end, after.start) is not None
    )


def _first_full_date(text: str, full: list[FullDate]) -> date | None:
    """Without a publication date, the first date written with its year anchors the others."""
    candidates = [(m.start, m.value.date()) for m in full]
    for match in _NUMERIC.finditer(text):
        converted = _convert("numeric", match, None)
        if converted is not None:
            candidates.append((match.start(), converted.value))
    return min(candidates)[1] if candidates else None


def month_end(value: date) -> date:
    return value.replace(day=calendar.monthrange(value.year, value.month)[1])
