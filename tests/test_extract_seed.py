"""The seed report gives the one event and the two statements a human coder writes down."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from harmtrack.eval.compare import distance_km
from harmtrack.extract.extractor import default_extractor
from harmtrack.model import Extraction, RawInput
from harmtrack.text.reader import read_document


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> tuple[str, Extraction]:
    raw = RawInput(str(seed_path), "file", seed_path.read_bytes(), datetime.now(UTC))
    document = read_document(raw)
    assert document.published_at is not None
    extraction = default_extractor().extract(
        document.text, published=document.published_at.date(), publisher=document.publisher
    )
    return document.text, extraction


@pytest.fixture(scope="module")
def seed_path() -> Path:
    return Path(__file__).resolve().parents[1] / "examples" / "reports" / "atareb-2017-11-13.txt"


def test_extract_seed_gives_exactly_one_event(seed) -> None:
    _, extraction = seed
    (event,) = extraction.events
    assert (event.date, event.date_precision) == ("2017-11-13", "day")
    assert (event.country, event.admin1, event.location) == ("SY", "Aleppo", "Al Atarib")
    assert event.lat is not None and event.lon is not None
    assert distance_km((event.lat, event.lon), (36.139, 36.825)) < 2
    assert event.geo_precision == "town"
    assert (event.event_type, event.sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert (event.perpetrator, event.weapon, event.target_site) == (
        "russia",
        "thermobaric",
        "market",
    )
    assert (event.killed_low, event.killed_high) == (40, None)
    assert (event.injured_low, event.injured_high) == (100, None)
    assert event.civilian is True


def test_extract_seed_statements(seed) -> None:
    _, extraction = seed
    found = {(s.speaker, s.kind, s.addressee) for s in extraction.statements}
    assert found == {
        ("Syrian Coalition", "condemn", "russia"),
        ("Syrian Coalition", "demand", "UN Security Council"),
    }


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("date", "Monday, November 13"),
        ("location", "Atareb"),
        ("perpetrator", "aircraft of the Russian occupation forces"),
        ("weapon", "vacuum missiles"),
        ("target_site", "popular market"),
        ("killed_low", "over 40 civilians were killed"),
        ("injured_low", "hundreds more were injured"),
    ],
)
def test_extract_seed_evidence_points_at_the_words(seed, field: str, words: str) -> None:
    text, extraction = seed
    (event,) = extraction.events
    cited = [e for e in event.evidence if e.field == field]
    assert cited, f"no evidence for {field}"
    for evidence in cited:
        assert text[evidence.start : evidence.end] == evidence.quote
        assert evidence.rule
    assert words in {e.quote for e in cited}


def test_extract_statement_evidence_points_at_the_words(seed) -> None:
    text, extraction = seed
    for statement in extraction.statements:
        assert {e.field for e in statement.evidence} == {"speaker", "kind", "addressee"}
        for evidence in statement.evidence:
            assert text[evidence.start : evidence.end] == evidence.quote


def test_extract_without_publication_date_still_dates_written_dates() -> None:
    extraction = default_extractor().extract(
        "On 5 May 2020, Russian warplanes bombed the market of Saraqib in Idlib province, "
        "killing 7 civilians."
    )
    (event,) = extraction.events
    assert event.date == "2020-05-05" and event.location == "Saraqib"
    assert event.killed_low == 7 and event.perpetrator == "russia"


def test_extract_two_towns_two_tolls() -> None:
    text = (
        "Russian jets killed six civilians in Kafr Nabl and three civilians in Maarat al-Numan "
        "in Idlib province on Monday."
    )
    extraction = default_extractor().extract(text, published=date(2019, 5, 14))
    tolls = {e.location: e.killed_low for e in extraction.events}
    assert tolls == {"Kafranbel": 6, "Ma'arrat an Nu'man": 3}
    assert {e.date for e in extraction.events} == {"2019-05-13"}


def test_extract_the_capital_of_a_country_named_by_its_adjective() -> None:
    extraction = default_extractor().extract(
        "A suicide car bomb killed at least eight people in the Somali capital on Saturday.",
        published=date(2021, 9, 25),
    )
    (event,) = extraction.events
    assert (event.location, event.country, event.killed_low) == ("Mogadishu", "SO", 8)
    assert (event.sub_event_type, event.date) == ("Suicide bomb", "2021-09-25")
    (cited,) = [e for e in event.evidence if e.field == "location"]
    assert cited.quote == "Somali capital"


def test_extract_unknown_village_takes_its_district_towns_point() -> None:
    text = (
        "On 5 May 2020, unidentified gunmen attacked the village of Xoqeyla "
        "(Afgooye, Lower Shabelle), killing 2 civilians."
    )
    (event,) = default_extractor().extract(text).events
    assert (event.location, event.country, event.geo_precision) == ("Xoqeyla", "SO", "admin2")
    assert event.lat is not None and distance_km((event.lat, event.lon), (2.138, 45.121)) < 1
