"""The matcher's pure parts: blocking window, component scores, vetoes and the choice."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from harmtrack.errors import IncidentError
from harmtrack.incidents.match import (
    Candidate,
    ClaimFacts,
    best_match,
    jaccard,
    profile,
    score,
    tokens,
    window,
)
from harmtrack.incidents.rules import default_rules, read_rules
from harmtrack.store.incidents import ClaimRecord
from tests.records import SARAQIB, event

RULES = default_rules()


def candidate(incident_id: int, *claims: ClaimRecord, **row: Any) -> Candidate:
    """An incident holding ``claims``, as the candidate search returns it."""
    first = claims[0]
    values = {
        "id": incident_id,
        "date": first.get("date"),
        "date_end": first.get("date_end"),
        "admin1": first.get("admin1"),
        "lat": first.get("lat"),
        "lon": first.get("lon"),
        "geo_precision": first.get("geo_precision"),
        "profile": profile(claims),
        "overrides": {},
        "merged_into": None,
    }
    values.update(row)
    return Candidate.of(values)


def facts(record: ClaimRecord) -> ClaimFacts:
    return ClaimFacts.of(record)


def test_match_same_strike_told_by_another_source_scores_high() -> None:
    scored = score(facts(event(2)), candidate(1, event(1)), RULES)
    assert scored is not None and scored.total >= RULES.threshold
    assert scored.components["place"] == 1.0 and scored.components["date"] == 1.0
    assert scored.to_dict()["km"] == 0.0


def test_match_another_town_the_same_day_is_never_the_same_incident() -> None:
    saraqib = event(2, location="Saraqib", admin1="Idlib", lat=SARAQIB[0], lon=SARAQIB[1])
    assert score(facts(saraqib), candidate(1, event(1)), RULES) is None


@pytest.mark.parametrize(("shift_km", "place"), [(0.5, 1.0), (3.0, 0.8), (8.0, 0.5), (15.0, None)])
def test_match_place_score_falls_with_distance(shift_km: float, place: float | None) -> None:
    lat = 36.13907 + shift_km / 111.2
    moved = event(2, location="Somewhere Else", lat=lat, quotes=(("location", "Somewhere"),))
    scored = score(facts(moved), candidate(1, event(1)), RULES)
    assert (scored.components["place"] if scored else None) == place


def test_match_unplaced_points_compare_names() -> None:
    hroza = {"location": "Hroza", "lat": None, "lon": None, "geo_precision": "admin1"}
    a = event(1, quotes=(("location", "Hroza"),), **hroza)
    b = event(2, quotes=(("location", "Hroza"),), **hroza)
    other = event(3, quotes=(("location", "Kupiansk"),), **{**hroza, "location": "Kupiansk"})
    assert score(facts(b), candidate(1, a), RULES).components["place"] == 1.0  # type: ignore[union-attr]
    # Different names in one province: only the weak province score.
    assert score(facts(other), candidate(1, a), RULES).components["place"] == 0.25  # type: ignore[union-attr]
    assert score(facts(other), candidate(1, a, admin1="Idlib"), RULES) is None


def test_match_dates_a_day_apart_score_lower_two_days_never() -> None:
    next_day = score(facts(event(2, date="2017-11-14")), candidate(1, event(1)), RULES)
    assert next_day is not None and next_day.components["date"] == RULES.date.adjacent < 1
    assert score(facts(event(2, date="2017-11-15")), candidate(1, event(1)), RULES) is None


def test_match_a_range_overlapping_the_day_scores_as_overlap() -> None:
    week = event(2, date="2017-11-10", date_end="2017-11-16", date_precision="week")
    scored = score(facts(week), candidate(1, event(1)), RULES)
    assert scored is not None and scored.components["date"] == 0.4


def test_match_two_events_of_one_report_never_merge() -> None:
    # Same document, same place, next day: two events the extractor kept apart.
    later = event(2, document_id=1, date="2017-11-14")
    assert score(facts(later), candidate(1, event(1, document_id=1)), RULES) is None


def test_match_window_is_none_without_country_date_or_for_vague_dates() -> None:
    assert window(facts(event(1, country=None)), RULES) is None
    assert window(facts(event(1, date=None)), RULES) is None
    year = event(1, date="2017-01-01", date_end="2017-12-31", date_precision="range")
    assert window(facts(year), RULES) is None
    assert window(facts(event(1)), RULES) == (date(2017, 11, 12), date(2017, 11, 14))


def test_match_best_match_takes_the_highest_score_then_the_oldest_incident() -> None:
    claim = facts(event(9, target_site="market"))
    weaker = candidate(1, event(1, target_site="school", perpetrator="unknown"))
    stronger = candidate(2, event(2))
    twin = candidate(3, event(3))
    chosen = best_match(claim, [twin, weaker, stronger], RULES)
    assert chosen is not None and chosen[0].id == 2


def test_match_below_the_threshold_starts_a_new_incident() -> None:
    different = event(
        2,
        date="2017-11-14",
        event_type="Battles",
        sub_event_type="Armed clash",
        perpetrator="hts",
        target_site="military",
        lat=36.13907 + 7 / 111.2,
        location="Kafr Nuran",
        quotes=(("location", "Kafr Nuran"),),
    )
    assert best_match(facts(different), [candidate(1, event(1))], RULES) is None


def test_match_tokens_and_jaccard() -> None:
    a = tokens(["Russian jets fired vacuum missiles", "over 40 civilians were killed"])
    assert a == {"russian", "jets", "fired", "vacuum", "missiles"}
    assert jaccard(a, tokens(["vacuum missiles"])) == pytest.approx(2 / 5)
    assert jaccard(a, frozenset()) == 0.0


def test_match_rules_file_is_validated_listing_every_problem(tmp_path) -> None:
    bad = tmp_path / "matching.yaml"
    bad.write_text("window_days: -1\nthreshold: 2\n")
    with pytest.raises(IncidentError) as caught:
        read_rules(bad)
    message = str(caught.value)
    assert "window_days" in message and "threshold" in message and "weights" in message
