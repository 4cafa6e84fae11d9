from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from harmtrack.text.metadata import (
    DateCandidate,
    choose_publication_date,
    header_end,
    read_header,
)


def test_read_header_of_the_seed(seed_path: Path) -> None:
    header = read_header(seed_path.read_text())
    assert header.title is not None and header.title.startswith(
        "Syrian Coalition Condemns Horrific"
    )
    assert header.publisher == "Syrian Coalition"
    assert {c.value.date().isoformat() for c in header.dates} == {"2017-11-13", "2017-11-14"}


def test_publication_date_rule_takes_the_release_own_date(seed_path: Path) -> None:
    chosen = choose_publication_date(read_header(seed_path.read_text()).dates)
    assert chosen is not None
    assert chosen.value == datetime(2017, 11, 13, tzinfo=UTC)
    assert chosen.precision == "day"


def test_publication_date_prefers_precision_on_the_same_day() -> None:
    day = DateCandidate(datetime(2020, 5, 1, tzinfo=UTC), "day", "header")
    minute = DateCandidate(datetime(2020, 5, 1, 9, 15, tzinfo=UTC), "minute", "html")
    assert choose_publication_date([day, minute]) == minute


def test_read_header_news_dateline() -> None:
    body = "BEIRUT, Nov 13, 2017 (Reuters) - " + "Air strikes killed civilians in a market. " * 6
    header = read_header("Air strikes hit Syrian market\n\n" + body)
    assert header.title == "Air strikes hit Syrian market"
    assert [(c.value.date().isoformat(), c.origin) for c in header.dates] == [
        ("2017-11-13", "dateline")
    ]


def test_read_header_statement_with_office_signature() -> None:
    text = (
        "Statement\nSyrian Network for Human Rights\nPress Office\n12 March 2019\n\nBody "
        + "x " * 120
    )
    header = read_header(text)
    assert header.publisher == "Syrian Network for Human Rights"
    assert header.title is None  # label, publisher, office and date are not titles
    assert [c.value.date().isoformat() for c in header.dates] == ["2019-03-12"]


def test_read_header_without_label_has_no_publisher() -> None:
    assert read_header("Some headline about a strike\n\n" + "Body text. " * 40).publisher is None


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # a news lead is body even when it is short of a paragraph
        (
            "Air strikes killed 43 people in northwest Syria on Monday, most of them in a crowded"
            " market, a war monitor reported, in the latest violence.\n\nThirty five civilians...",
            "Air strikes killed",
        ),
        # a title (no full stop) and a dateline stay header
        (
            "Renewed Assad Regime Airstrikes on Idlib & Hama Leave Civilian Casualties Wednesday\n"
            "May 16, 2018\n\n" + "Renewed airstrikes by the Assad regime killed civilians. " * 5,
            "Renewed airstrikes by",
        ),
    ],
)
def test_text_metadata_header_ends_where_the_body_begins(text: str, body: str) -> None:
    assert text[header_end(text) :].startswith(body)
