"""Places the gazetteer does not know: kept by name, placed by the town or province beside them."""

from __future__ import annotations

from datetime import date

import pytest

from harmtrack.eval.compare import distance_km
from harmtrack.extract.extractor import default_extractor
from harmtrack.model import EventClaim

ALEPPO = (36.20124, 37.16117)


def _events(text: str, published: date = date(2016, 9, 20)) -> list[EventClaim]:
    return default_extractor().extract(text, published=published).events


def test_extract_places_unknown_village_placed_by_a_town_takes_its_point_marked_near() -> None:
    text = (
        "An air strike hit the rebel held Urm al-Kubra town, western Aleppo city, Syria, "
        "on Monday, killing at least 20 civilians."
    )
    (event,) = _events(text)
    assert event.location == "Urm al-Kubra"
    assert (event.country, event.admin1, event.geo_precision) == ("SY", "Aleppo", "near")
    assert event.lat is not None and event.lon is not None
    assert distance_km((event.lat, event.lon), ALEPPO) < 5
    (cited,) = [e for e in event.evidence if e.field == "location"]
    assert text[cited.start : cited.end] == "Urm al-Kubra"


def test_extract_places_village_told_twice_is_one_event_at_the_village() -> None:
    """The town that places the village is the same event's, not a second event."""
    text = (
        "On Monday an airstrike hit the Urm al-Kubra town, western Aleppo city.\n\n"
        "The United Nations suspended aid convoys after an air strike on Monday hit relief "
        "trucks near the city of Aleppo, killing around 20 civilians."
    )
    (event,) = _events(text)
    assert event.location == "Urm al-Kubra"
    assert event.killed_low == 20


def test_extract_places_unknown_name_before_town_without_a_known_town_is_not_a_place() -> None:
    """ "X camp" alone may be a base's or a camp's name: the province stays the place."""
    text = (
        "On 1 May 2020, an air strike hit Qarqoor camp in the northern countryside of Idlib, "
        "killing two people."
    )
    (event,) = _events(text, date(2020, 5, 1))
    assert (event.location, event.admin1) == ("Idlib", "Idlib")


def test_extract_places_unknown_village_takes_the_country_of_its_province() -> None:
    """The province named beside the village wins over a dateline abroad."""
    text = (
        "Istanbul, Turkey\nMay 16, 2013\n\n"
        "Assad forces have attacked the village of Khirbet Suda, in rural Homs, and have "
        "murdered at least 18 people."
    )
    (event,) = _events(text, date(2013, 5, 16))
    assert (event.location, event.country, event.admin1) == ("Khirbet Suda", "SY", "Homs")
    assert event.lat is None  # never an invented point
    assert event.killed_low == 18


@pytest.mark.parametrize("town", ["Urm al-Kubra town", "the village of Urm al-Kubra"])
def test_extract_places_unknown_village_evidence_is_exact(town: str) -> None:
    text = f"Warplanes struck {town}, west of Aleppo, killing 3 civilians."
    events = _events(text)
    assert events
    for event in events:
        for evidence in event.evidence:
            assert text[evidence.start : evidence.end] == evidence.quote


def test_extract_places_a_town_named_to_place_another_is_no_event() -> None:
    text = (
        "At least 40 people died in the chemical attack in Douma, about 10 miles east of "
        "Damascus, on Saturday."
    )
    (event,) = _events(text, date(2018, 4, 8))
    assert event.location == "Duma"


def test_extract_places_unknown_village_placed_by_direction_takes_the_towns_point() -> None:
    text = (
        "On 3 May 2020, an airstrike hit a fuel truck in the village of Ishmikh southern of "
        "Bani Walid (Misrata), Libya, killing two people."
    )
    (event,) = _events(text, date(2020, 5, 3))
    assert (event.location, event.geo_precision, event.country) == ("Ishmikh", "near", "LY")
    assert event.lat is not None


@pytest.mark.parametrize(
    "dateline",
    ["BEIRUT:", "BEIRUT, Lebanon (AP) —", "Beirut, Lebanon, Sept 12 (Reuters):", "BEIRUT -"],
)
def test_extract_places_a_dateline_is_where_the_reporter_wrote(dateline: str) -> None:
    text = (
        f"{dateline} An Israeli strike on the town of Nabatieh in south Lebanon killed three "
        "people on Thursday, the health ministry said."
    )
    events = _events(text, date(2024, 9, 13))
    assert [e.location for e in events] == ["Nabatiye et Tahta"]


def test_extract_places_a_namesake_far_from_its_landmark_is_placed_by_the_landmark() -> None:
    """Sinjar (a village of Idlib) is not the Sinjar "west of As-Saan in Hama countryside"."""
    text = (
        "On 6 May 2020, a landmine planted by regime forces exploded in Sinjar area west of "
        "As-Saan in Hama countryside, Syria, injuring a child."
    )
    (event,) = _events(text, date(2020, 5, 6))
    assert (event.location, event.geo_precision, event.admin1) == ("Sinjar", "near", "Hama")


@pytest.mark.parametrize(
    ("text", "location", "killed"),
    [
        # a village of a district, then its province: one event, the village's
        (
            "On 4 May 2020, a PKK IED detonated in Dogankoy village of Pervari, Siirt, Turkey, "
            "killing one Turkish Army soldier.",
            "Dogankoy",
            1,
        ),
        # a province written after a town is its province, even when it resolves to its capital
        (
            "On 30 April 2020, in Parauapebas, Para, Brazil, a man was killed in a drive-by "
            "shooting by two armed men on a motorcycle.",
            "Parauapebas",
            1,
        ),
        # a neighbourhood of the sentence's town is part of it
        (
            "On 30 April 2020, in Belo Horizonte, Minas Gerais, Brazil, three drug traffickers "
            "were killed after exchanging fire with military police forces during an operation "
            "in Braunas neighborhood.",
            "Belo Horizonte",
            3,
        ),
    ],
)
def test_extract_places_a_place_named_with_the_place_it_lies_in_is_one_event(
    text: str, location: str, killed: int
) -> None:
    (event,) = _events(text, date(2020, 5, 9))
    assert (event.location, event.killed_low) == (location, killed)


def test_extract_places_a_family_name_is_no_place() -> None:
    text = (
        "On Monday an airstrike on the home of the al-Sawafiri family in Gaza City killed "
        "nine civilians."
    )
    (event,) = _events(text, date(2023, 11, 3))
    assert event.location == "Gaza"
    assert event.killed_low == 9


def test_extract_places_the_gaza_strip_in_lower_case_is_the_strip() -> None:
    text = (
        "On Monday an airstrike hit a house west of the city of Rafah in the Gaza strip. "
        "The strike killed at least nine members of one family."
    )
    (event,) = _events(text, date(2023, 10, 17))
    assert (event.location, event.killed_low) == ("Rafah", 9)


@pytest.mark.parametrize(
    "where",
    [
        "on the western outskirts of the northern Syrian city of Aleppo",
        "town in the Syrian city of Aleppo",
    ],
)
def test_extract_places_unknown_village_placed_by_a_city_described_at_length(where: str) -> None:
    text = f"An air strike on Monday hit a convoy in the town of Orem al Kubra {where}, killing 20."
    (event,) = _events(text)
    assert (event.location, event.geo_precision) == ("Orem al Kubra", "near")
    assert event.lat is not None and event.lon is not None
    assert distance_km((event.lat, event.lon), ALEPPO) < 5


def test_extract_places_unknown_village_in_a_province_takes_its_city_point_at_admin1() -> None:
    text = "On 5 May 2020, regime forces shelled Fleifelat town in Idleb countryside."
    (event,) = _events(text, date(2020, 5, 6))
    assert (event.location, event.admin1, event.geo_precision) == ("Fleifelat", "Idlib", "admin1")


@pytest.mark.parametrize(
    ("text", "place", "province", "killed"),
    [
        # "the city of Ariha in Idlib governorate": the province named sets Ariha (Syria), not
        # its namesake Jericho (أريحا in both)
        (
            "قتل 5 مدنيين جراء غارات على مدينة أريحا في محافظة إدلب يوم الاثنين.",
            "Ariha",
            "Idlib",
            5,
        ),
        # "the town of Douma in rural Damascus": ريف دمشق is the province Rif Dimashq
        ("قتل 3 مدنيين جراء غارات على بلدة دوما بريف دمشق يوم الأحد.", "Duma", "Rif-dimashq", 3),
    ],
)
def test_extract_places_arabic_names_after_a_place_word(
    text: str, place: str, province: str, killed: int
) -> None:
    (event,) = _events(text, date(2020, 5, 13))
    assert (event.location, event.admin1, event.killed_low) == (place, province, killed)
    (cited,) = [e for e in event.evidence if e.field == "location"]
    assert text[cited.start : cited.end] in ("أريحا", "دوما")


def test_extract_places_arabic_words_without_a_place_word_are_no_place() -> None:
    text = "حذر الاتحاد الأوروبي في بيان من مغبة التصعيد."
    assert default_extractor().places.find(text) == []
