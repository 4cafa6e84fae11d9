"""Tests of choosing a place for a mention from the report's context and cue words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harmtrack.geo.gazetteer import Gazetteer
from harmtrack.geo.mention import name_parts, parse_mention
from harmtrack.geo.place import distance_km
from harmtrack.geo.resolve import PlaceContext, resolve_place
from harmtrack.geo.tables import load_lexicon

SYRIA = PlaceContext(countries=("SY",))


@pytest.fixture(scope="module")
def gazetteer() -> Iterator[Gazetteer]:
    with Gazetteer() as gaz:
        yield gaz


@pytest.mark.parametrize(
    "name", ["Al Atarib", "Atareb", "al-Atarib", "الأتارب", "the town of Atareb"]
)
def test_resolve_al_atarib_within_2_km(gazetteer: Gazetteer, name: str) -> None:
    found = resolve_place(name, PlaceContext(countries=("Syria",)), gazetteer)
    assert found is not None
    assert distance_km(found.place, (36.139, 36.825)) < 2
    assert found.place.admin1 == "Aleppo"
    assert found.geo_precision == "town"
    assert "in the report's country SY" in found.reason


@pytest.mark.parametrize(
    ("context", "admin1"),
    [
        (PlaceContext(countries=("SY",), admin1=("Aleppo",)), "Aleppo"),
        (PlaceContext(countries=("SY",), admin1=("Halab",)), "Aleppo"),
        (PlaceContext(countries=("SY",), admin1=("Hama",)), "Hama"),
        (PlaceContext(countries=("SY",)), "Hama"),  # no division named: the larger town
    ],
)
def test_resolve_picks_the_namesake_in_the_reports_division(
    gazetteer: Gazetteer, context: PlaceContext, admin1: str
) -> None:
    # Two Syrian towns are called Şūrān: a village in Aleppo and a town of 30,000 in Hama.
    found = resolve_place("Suran", context, gazetteer)
    assert found is not None and found.place.admin1 == admin1


def test_resolve_prefers_the_namesake_near_the_reports_other_places(gazetteer: Gazetteer) -> None:
    azaz = resolve_place("Azaz", SYRIA, gazetteer)
    assert azaz is not None
    found = resolve_place("Suran", PlaceContext(countries=("SY",), places=(azaz.place,)), gazetteer)
    assert found is not None and found.place.admin1 == "Aleppo"
    assert f"from {azaz.place.name}" in found.reason


@pytest.mark.parametrize(("country", "expected"), [("LB", "LB"), ("Libya", "LY"), ("لبنان", "LB")])
def test_resolve_picks_the_namesake_in_the_reports_country(
    gazetteer: Gazetteer, country: str, expected: str
) -> None:
    found = resolve_place("Tripoli", PlaceContext(countries=(country,)), gazetteer)
    assert found is not None and found.place.country == expected


@pytest.mark.parametrize(
    ("name", "left", "right", "precision", "expected"),
    [
        ("western rural Aleppo", "", "", "admin1", "Aleppo"),
        ("Aleppo", "in the western rural", "", "admin1", "Aleppo"),
        ("Aleppo's western countryside", "", "", "admin1", "Aleppo"),
        ("Idlib province", "", "", "admin1", "Idlib"),
        ("Idlib", "in", "province on Monday", "admin1", "Idlib"),
        ("Rural Damascus", "", "", "admin1", "Rif-dimashq"),
        ("ريف حلب الغربي", "", "", "admin1", "Aleppo"),
        ("outskirts of Saraqib", "", "", "near", "Saraqib"),
        ("Saraqib", "on the outskirts of", "", "near", "Saraqib"),
        ("east of Saraqib", "", "", "near", "Saraqib"),
        ("Saraqib countryside", "", "", "near", "Saraqib"),
        ("Jisr al-Shughur district", "", "", "admin2", "Jisr ash Shughur"),
        ("Saraqib", "", "", "town", "Saraqib"),
        ("Syria", "", "", "country", "Syria"),
    ],
)
def test_resolve_reads_cue_words(
    gazetteer: Gazetteer, name: str, left: str, right: str, precision: str, expected: str
) -> None:
    found = resolve_place(name, SYRIA, gazetteer, left=left, right=right)
    assert found is not None
    assert (found.geo_precision, found.place.ascii_name) == (precision, expected)


def test_resolve_keeps_a_name_that_contains_a_cue_word(gazetteer: Gazetteer) -> None:
    found = resolve_place("Cape Town", PlaceContext(countries=("ZA",)), gazetteer)
    assert found is not None and found.place.name == "Cape Town"
    assert found.geo_precision == "town"


def test_resolve_falls_back_to_a_named_part(gazetteer: Gazetteer) -> None:
    found = resolve_place("Mogadishu-Hodan", PlaceContext(countries=("SO",)), gazetteer)
    assert found is not None and found.place.name == "Mogadishu"
    assert found.geo_precision == "near"
    assert "part 'Mogadishu'" in found.reason


@pytest.mark.parametrize(
    ("name", "context"),
    [
        ("Qwxzvbnm", SYRIA),
        ("Hass", SYRIA),  # a village below 500 people: only known once a dump is loaded
        ("Salim Mosque", PlaceContext(countries=("PS",))),  # a building, not the town Salim
        ("Saraqeeb", PlaceContext()),  # a spelling variant with no country is a guess
        ("", SYRIA),
        ("the outskirts of", SYRIA),
    ],
)
def test_resolve_returns_none_rather_than_a_guess(
    gazetteer: Gazetteer, name: str, context: PlaceContext
) -> None:
    assert resolve_place(name, context, gazetteer) is None


def test_resolve_spelling_variant_needs_country(gazetteer: Gazetteer) -> None:
    found = resolve_place("Saraqeeb", SYRIA, gazetteer)
    assert found is not None and found.place.ascii_name == "Saraqib"
    assert found.reason.startswith("spelling variant")


def test_resolve_ignores_a_far_small_namesake_outside_the_named_division(
    gazetteer: Gazetteer,
) -> None:
    # Bura is a town in Garissa county; a report about Taita Taveta means another Bura.
    context = PlaceContext(countries=("KE",), admin1=("Taita Taveta",))
    assert resolve_place("Bura", context, gazetteer) is None
    found = resolve_place("Bura", PlaceContext(countries=("KE",)), gazetteer)
    assert found is not None and found.place.admin1 == "Garissa"


@pytest.mark.parametrize(
    ("name", "core", "cues"),
    [
        ("western rural Aleppo", "aleppo", {"admin1"}),
        ("the town of al-Atarib", "al atarib", {"town"}),
        ("Lower Juba", "lower juba", set()),  # a direction word inside a name stays
        ("between Mentao and Namssiguia", "mentao", {"near"}),
        ("North Gaza governorate", "north gaza", {"admin1"}),
        ("Jisr al-Shughur district", "jisr al shughur", {"admin2"}),
    ],
)
def test_parse_mention_splits_cues_from_the_name(name: str, core: str, cues: set[str]) -> None:
    mention = parse_mention(name, load_lexicon())
    assert (mention.core, set(mention.cues)) == (core, cues)


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Mogadishu-Hodan", ["Mogadishu", "Hodan"]),
        ("Al Nuseirat Camp 5", ["Al Nuseirat Camp"]),
        ("the home of a family on Al-Eshreen Street in Al-Nuseirat Camp", ["Al-Nuseirat Camp"]),
        ("Salim Mosque", []),
    ],
)
def test_name_parts_gives_place_like_parts(name: str, parts: list[str]) -> None:
    found = list(name_parts(name, load_lexicon().facility_words))
    assert found[: len(parts)] == parts


def test_resolve_an_article_written_onto_a_towns_name(gazetteer: Gazetteer) -> None:
    found = resolve_place("Alashara", SYRIA, gazetteer, left="near the town of ")
    assert found is not None and found.place.admin1 == "Deir ez-Zor"
    # without the text saying it is a town, a glued name is not split ("Alhurra" is a channel)
    assert resolve_place("Alashara", SYRIA, gazetteer, left="said ") is None
