"""Event frames: which date and which type an event takes when its report tells several."""

from __future__ import annotations

from datetime import date

import pytest

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


def test_extract_frames_the_day_before_a_speakers_verb_is_the_telling() -> None:
    text = (
        "Gunmen stormed the village of Gaigorou, Niger, on Saturday evening. A municipal "
        "official on Sunday confirmed that 19 people were killed in the attack on Gaigorou."
    )
    (event,) = _events(text, date(2021, 4, 19))
    assert event.date == "2021-04-17"


def test_extract_frames_a_title_takes_the_leads_date_and_joins_its_events() -> None:
    """An undated title names the province; the body's towns on the lead's day are the events."""
    text = (
        "Air Attacks Leave Dozens of Civilians Dead in Idlib\n\n"
        "On July 22, 2019, warplanes struck the crowded vegetable market of Saraqib in Idlib "
        "province, Syria, killing eight people and wounding dozens more, local rescuers said."
    )
    events = _events(text, date(2019, 7, 23))
    assert [(e.location, e.date) for e in events] == [("Saraqib", "2019-07-22")]


def test_extract_frames_a_protest_nobody_was_hurt_in_is_not_civilian_harm() -> None:
    text = (
        "On Friday, thousands of protesters demonstrated in the city of Idlib, Syria, against "
        "the Assad regime and its allies, local activists said."
    )
    (event,) = _events(text, date(2018, 9, 8))
    assert event.event_type == "Protests"
    assert event.civilian is False
    (cited,) = [e for e in event.evidence if e.field == "civilian"]
    assert text[cited.start : cited.end] == cited.quote and cited.quote


def test_extract_frames_a_protests_actor_is_the_protesters() -> None:
    text = (
        "On Friday, thousands of protesters demonstrated in the city of Idlib, Syria, against "
        "the Assad regime and its airstrikes, local activists said."
    )
    (event,) = _events(text, date(2018, 9, 8))
    assert event.perpetrator == "protesters"
    assert event.weapon is None


@pytest.mark.parametrize(
    ("place", "actor"),
    [("Saada, Yemen", "saudi_coalition"), ("Raqqa, Syria", "us_coalition")],
)
def test_extract_frames_an_ambiguous_actor_is_the_one_that_operates_there(
    place: str, actor: str
) -> None:
    text = f"Coalition warplanes struck a market in {place} on Monday, killing 13 people."
    (event,) = _events(text, date(2019, 7, 30))
    assert event.perpetrator == actor


def test_extract_frames_a_weapon_belongs_to_its_clause() -> None:
    text = (
        "On Wednesday, Assad regime air force bombed the village of Ishtabraq in western rural "
        "Idlib, Syria, while the village of Qandiya was hit with barrel bombs.\n\n"
        "Another child was killed in heavy artillery shelling on the village of Jadraya, while "
        "two other children were killed in similar attacks on the town of Babilah."
    )
    weapons = {e.location: e.weapon for e in _events(text, date(2018, 5, 16))}
    assert weapons["Ishtabraq"] == "airstrike"  # the air force's, not the barrel bombs
    assert weapons["Qandiya"] == "barrel_bomb"
    assert weapons["Babilah"] == "artillery"  # "similar attacks": the other clause's weapon


@pytest.mark.parametrize(("agent", "weapon"), [("a nerve agent", "chemical"), ("sarin", "sarin")])
def test_extract_frames_an_unnamed_nerve_agent_is_an_unspecified_chemical(
    agent: str, weapon: str
) -> None:
    text = f"On Tuesday a warplane attacked Khan Sheikhoun, Syria, with {agent}, killing 90 people."
    (event,) = _events(text, date(2017, 4, 5))
    assert (event.sub_event_type, event.weapon) == ("Chemical weapon", weapon)


@pytest.mark.parametrize(
    ("text", "site"),
    [
        (
            "Shopping mall attacked in Kremenchuk, Ukraine, on Monday: 20 people were killed.",
            "market",
        ),
        (
            "On 26 April, aerial bombardment of the central market place in Darkush, Syria, "
            "killed 40 people.",
            "market",
        ),
        # the car of a car bomb is the weapon, not the site
        ("8 dead in car bomb at Azaz market on Sunday", "market"),
        # "was the target of", and a gathering an attack fell on
        (
            "Gunmen shot dead seven volunteers in Sarmin on Saturday. The civil defence centre in "
            "Sarmin was the target of the attack.",
            "civil_defence",
        ),
        (
            "Airstrikes on Sanaa on Saturday, during a funeral ceremony, killed 140 people.",
            "other",
        ),
        # a site the codebook names, told in a sentence that retells the attack, over "other"
        (
            "A suicide bomber struck a government ministry in Kabul on Wednesday, killing four "
            "people. The attack took place inside a mosque of the ministry.",
            "place_of_worship",
        ),
    ],
)
def test_extract_frames_the_site_struck(text: str, site: str) -> None:
    (event,) = _events(text, date(2022, 6, 28))
    assert event.target_site == site


def test_extract_frames_a_bound_told_first_is_not_lowered_by_a_smaller_count() -> None:
    text = (
        "At least 30 inmates were killed in a riot at the prison in Guanare on Friday. "
        "One guard was killed as well."
    )
    (event,) = _events(text, date(2020, 5, 3))
    assert (event.killed_low, event.killed_high) == (30, None)


def test_extract_frames_a_vague_figure_gives_way_to_an_exact_one() -> None:
    text = (
        "Security forces killed a number of protesters in Guanare on Friday. "
        "One civilian death was confirmed."
    )
    (event,) = _events(text, date(2020, 5, 3))
    assert (event.killed_low, event.killed_high) == (1, 1)


def test_extract_frames_a_city_named_like_its_province_after_in_is_the_province() -> None:
    (event,) = _events(
        "On 4 May 2020, gunmen shot dead a shopkeeper in Tell Rifaat in Aleppo.", date(2020, 5, 5)
    )
    assert (event.location, event.admin1, event.killed_low) == ("Tall Rif'at", "Aleppo", 1)


def test_extract_frames_an_unknown_place_in_a_province_takes_its_city_point_at_admin1() -> None:
    text = (
        "On 6 May 2020, a roadside bomb killed 3 civilians in the area of Zerghunkhel "
        "district, Kabul."
    )
    (event,) = _events(text, date(2020, 5, 7))
    assert (event.location, event.country, event.admin1) == ("Zerghunkhel", "AF", "Kabul")
    assert event.geo_precision == "admin1"
    assert event.lat == pytest.approx(34.528, abs=0.01)


def test_extract_frames_an_unknown_village_told_after_its_town_is_that_event() -> None:
    text = (
        "On 3 March 2021, in Hpapun township (Hpapun District, Kayin State), the military "
        "attacked a rebel-held area with a fighter jet. The aircraft dropped six bombs in the "
        "area of Htee Moo Khee village and killed a farmer."
    )
    (event,) = _events(text, date(2021, 3, 5))
    assert (event.location, event.admin1, event.geo_precision) == (
        "Htee Moo Khee",
        "Kayin",
        "admin2",
    )
    assert (event.sub_event_type, event.killed_low, event.civilian) == (
        "Air/drone strike",
        1,
        True,
    )


def test_extract_frames_a_range_told_first_is_the_figure() -> None:
    text = (
        "On Monday, between five and eight civilians, including up to three children and four "
        "women, were reportedly killed in an airstrike on a house in Khan Yunis. Later "
        "reports said 8 people were killed."
    )
    (event,) = _events(text, date(2023, 10, 10))
    assert (event.killed_low, event.killed_high) == (5, 8)


def test_extract_frames_a_lead_bound_stands_against_higher_claims_later() -> None:
    """The most conservative figure the report supports: its own 'at least 12', not a
    higher count some sources gave."""
    text = (
        "At least 12 civilians were killed in an air strike on a school in Jabalia on "
        "Thursday. Some sources said 20 people were killed."
    )
    (event,) = _events(text, date(2023, 11, 3))
    assert (event.killed_low, event.killed_high) == (12, None)


def test_extract_frames_a_city_named_like_its_province_after_of_is_the_province() -> None:
    text = (
        "On Monday warplanes launched four airstrikes on the centre of Kafr Nabl of Idlib's "
        "southern countryside, killing more than 20 civilians."
    )
    (event,) = _events(text, date(2019, 7, 22))
    assert (event.location, event.killed_low) == ("Kafranbel", 20)


def test_extract_frames_a_headline_place_runs_into_the_words_after_it() -> None:
    text = (
        "Death Toll in Russian Strike in Dnipro Rises to 23\n\n"
        "Rescuers searched the rubble of an apartment block in Dnipro on Saturday, Jan. 14, "
        "after a missile strike."
    )
    (event,) = _events(text, date(2023, 1, 15))
    assert (event.location, event.killed_low) == ("Dnipro", 23)


def test_extract_frames_province_wide_figures_go_to_the_days_one_town() -> None:
    text = (
        "A rocket reduced a village cafe in eastern Ukraine to rubble on Thursday 5 October, "
        "killing at least 51 civilians.\n\n"
        "Rescuers searched the remains of the cafe in the village of Hroza, located in the "
        "Kharkiv region, after the attack."
    )
    (event,) = _events(text, date(2023, 10, 6))
    assert (event.location, event.killed_low) == ("Hroza", 51)


def test_extract_frames_a_lead_without_a_town_tells_the_first_town_named() -> None:
    text = (
        "A long-range missile slammed into a regional railway station filled with refugees on "
        "Friday, killing at least 50 and wounding more than 100.\n\n"
        "Images from the scene showed suitcases and strollers spotted with blood.\n\n"
        "Officials in Kramatorsk said the missile strike hit the station at 10:30."
    )
    (event,) = _events(text, date(2022, 4, 8))
    assert (event.location, event.killed_low, event.injured_low) == ("Kramatorsk", 50, 100)


def test_extract_frames_a_tally_since_a_date_is_no_event() -> None:
    text = (
        "An RSF drone strike on a market in Nyala killed 40 people on Wednesday.\n\n"
        "Sudan has seen deadly clashes between the army and the RSF in Khartoum since April 15, "
        "resulting in at least 3,000 deaths."
    )
    events = _events(text, date(2023, 9, 14))
    assert [(e.location, e.killed_low) for e in events] == [("Nyala", 40)]
