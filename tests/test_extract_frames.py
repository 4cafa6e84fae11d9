"""Event frames: which date and which type an event takes when its report tells several."""

from __future__ import annotations

from datetime import date

from harmtrack.extract.extractor import default_extractor
from harmtrack.model import EventClaim


def _events(text: str, published: date) -> list[EventClaim]:
    return default_extractor().extract(text, published=published).events


def test_extract_frames_the_day_a_source_spoke_is_not_the_event_date() -> None:
    text = (
        "A government official told Xinhua on Friday that a Houthi missile attack in Marib, "
        "Yemen, killed 13 people late on Thursday night."
    )
    (event,) = _events(text, date(2021, 10, 29))
    assert event.date == "2021-10-28"


def test_extract_frames_the_day_of_a_count_is_not_the_event_date() -> None:
    text = (
        "As of Tuesday morning, 18 people were killed in the missile attack on a shopping mall "
        "in Kremenchuk on Monday, June 27, the governor said."
    )
    (event,) = _events(text, date(2022, 6, 28))
    assert event.date == "2022-06-27"


def test_extract_frames_the_day_reported_is_the_date_when_there_is_no_other() -> None:
    text = (
        "As reported on 2 May 2020, 20 Taliban militants were killed by Afghan military "
        "airstrikes in the limits of Qalat city, Zabul."
    )
    (event,) = _events(text, date(2020, 5, 5))
    assert event.date == "2020-05-02"


def test_extract_frames_the_trigger_sentence_sets_the_type_over_background() -> None:
    text = (
        "An artillery attack by the Rapid Support Forces killed 13 people in a mosque in the "
        "besieged city of El-Fasher on Wednesday, two eyewitnesses told AFP on Thursday.\n\n"
        "The RSF has launched near-daily artillery and drone strikes on El-Fasher."
    )
    (event,) = _events(text, date(2025, 10, 9))
    assert (event.sub_event_type, event.weapon) == (
        "Shelling/artillery/missile attack",
        "artillery",
    )
    assert event.date == "2025-10-08"
