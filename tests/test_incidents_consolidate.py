"""Consolidation rules: low / best / high, independent sources, grades, fields."""

from __future__ import annotations

import pytest

from harmtrack.incidents.consolidate import consolidate, figures, source_key, with_overrides
from harmtrack.model import Figures
from tests.records import event, statement


def test_consolidate_low_is_lowest_high_is_highest_best_is_most_specific() -> None:
    claims = [
        event(1, killed_low=40, published="2017-11-13"),  # "over 40": one bound
        event(2, killed_low=53, killed_high=53, geo_precision="near", published="2017-11-14"),
        event(3, killed_low=61, killed_high=61, published="2017-11-15"),
    ]
    # Town precision beats "near"; an exact figure beats "at least 40".
    assert figures(claims, "killed") == Figures(low=40, best=61, high=61)


def test_consolidate_best_prefers_the_most_recent_report_among_equals() -> None:
    claims = [
        event(1, killed_low=50, killed_high=50, published="2017-11-15"),
        event(2, killed_low=47, killed_high=47, published="2017-11-14"),
    ]
    assert figures(claims, "killed") == Figures(low=47, best=50, high=50)


def test_consolidate_a_claim_giving_only_a_high_bound_counts_that_figure() -> None:
    claims = [event(1, killed_high=30), event(2, killed_low=12, killed_high=12)]
    assert figures(claims, "killed") == Figures(low=12, best=12, high=30)


def test_consolidate_no_figure_at_all_is_unknown_not_zero() -> None:
    assert figures([event(1), event(2)], "injured") == Figures(None, None, None)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ({"publisher": "Monitor A"}, {"publisher": " monitor  a "}, True),
        ({"publisher": "Monitor A"}, {"publisher": "Monitor B"}, False),
        (
            {"publisher": None, "origin": "https://www.example.org/a", "origin_kind": "url"},
            {"publisher": None, "origin": "https://example.org/b", "origin_kind": "url"},
            True,
        ),
        ({"publisher": None, "origin": "a/x.txt"}, {"publisher": None, "origin": "a/y.txt"}, False),
    ],
)
def test_consolidate_source_key_counts_one_publisher_once(a: dict, b: dict, same: bool) -> None:
    assert (source_key(event(1, **a)) == source_key(event(2, **b))) is same


def test_consolidate_two_releases_of_one_publisher_are_one_source_and_weak() -> None:
    result = consolidate([event(1, publisher="Monitor A"), event(2, publisher="Monitor A")])
    assert (result.sources, result.grade) == (1, "weak")


def test_consolidate_two_publishers_are_fair() -> None:
    result = consolidate([event(1, publisher="Monitor A"), event(2, publisher="Monitor B")])
    assert (result.sources, result.grade) == (2, "fair")


def test_consolidate_different_perpetrators_are_contested() -> None:
    result = consolidate(
        [
            event(1, publisher="A", perpetrator="russia"),
            event(2, publisher="B", perpetrator="syria_gov"),
            event(3, publisher="C", perpetrator="unknown"),  # says nothing: no dispute
        ]
    )
    assert result.grade == "contested"
    assert result.contested == ["sources name different perpetrators: russia, syria_gov"]
    assert result.fields["perpetrator"] == "russia"  # the most specific claim's (oldest of equals)


def test_consolidate_a_linked_denial_makes_a_single_source_contested() -> None:
    result = consolidate([event(1)], [statement(9, 1, "deny", "Russian Ministry of Defence")])
    assert result.grade == "contested" and "denies" in result.contested[0]
    assert consolidate([event(1)], [statement(9, 1, "condemn")]).grade == "weak"


def test_consolidate_fields_come_from_the_most_specific_claim() -> None:
    province = event(
        1, location="Aleppo", geo_precision="admin1", lat=36.2, lon=37.1, weapon="thermobaric"
    )
    town = event(2, weapon=None, target_site=None)
    result = consolidate([province, town])
    assert result.fields["location"] == "Al Atarib" and result.fields["lat"] == 36.13907
    # A field the most specific claim leaves empty comes from the next claim that has it.
    assert result.fields["weapon"] == "thermobaric" and result.fields["target_site"] == "market"


def test_consolidate_the_date_comes_from_the_most_precise_date() -> None:
    month = event(1, date="2017-11-01", date_end="2017-11-30", date_precision="month")
    day = event(2, geo_precision="near")
    fields = consolidate([month, day]).fields
    assert (fields["date"].isoformat(), fields["date_precision"]) == ("2017-11-13", "day")


def test_consolidate_overrides_win_over_the_claims() -> None:
    columns = consolidate([event(1, killed_low=40)]).columns()
    applied = with_overrides(
        columns, {"killed_best": 58, "date": "2017-11-12", "grade": "confirmed"}
    )
    assert applied["killed_best"] == 58 and applied["grade"] == "confirmed"
    assert applied["date"].isoformat() == "2017-11-12" and applied["killed_low"] == 40
