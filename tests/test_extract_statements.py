"""Statements: who condemns, demands, denies or claims, and of whom (codebook's statements)."""

from __future__ import annotations

from datetime import date

import pytest

from harmtrack.extract.extractor import default_extractor
from harmtrack.model import StatementClaim


def _statements(text: str, publisher: str | None = None) -> list[StatementClaim]:
    extraction = default_extractor().extract(text, published=date(2020, 1, 16), publisher=publisher)
    for statement in extraction.statements:
        for evidence in statement.evidence:
            assert text[evidence.start : evidence.end] == evidence.quote
    return extraction.statements


def _triples(statements: list[StatementClaim]) -> set[tuple[str, str, str | None]]:
    return {(s.speaker, s.kind, s.addressee) for s in statements}


def test_extract_statements_a_release_that_calls_attacks_crimes_condemns_their_authors() -> None:
    text = (
        "Press release\nSyrian Coalition\n\nIdlib is being slaughtered today, not only by "
        "Russia, Iran and the Assad regime, but also by the silence of the world."
    )
    found = _triples(_statements(text, "Syrian Coalition"))
    # "Iran" names a country, not the actor iran_militias: it is skipped, the list goes on
    assert found == {
        ("Syrian Coalition", "condemn", "russia"),
        ("Syrian Coalition", "condemn", "syria_gov"),
    }


@pytest.mark.parametrize(
    "text",
    [
        # an actor near the word but not its author
        "The crime has also proved that Russia is determined to side with the Assad regime.",
        # the crimes of one, and a second actor's other deeds
        "Russia is responsible for the crimes of genocide and the Assad regime's use of gas.",
    ],
)
def test_extract_statements_an_accusation_names_only_its_author(text: str) -> None:
    found = _triples(_statements(text, "Syrian Coalition"))
    assert ("Syrian Coalition", "condemn", "syria_gov") not in found


def test_extract_statements_news_relaying_others_implies_nothing() -> None:
    text = "Idlib is being slaughtered by Russia, residents told Reuters."
    assert _statements(text, "Reuters") == []


def test_extract_statements_a_ministry_denial_is_its_sides() -> None:
    text = (
        "Russian jets struck the market in Maarat al-Numan, Syria, killing 25 people. The "
        "Russian Defence Ministry denied that its forces had targeted a marketplace."
    )
    assert ("russia", "deny", None) in _triples(_statements(text))


def test_extract_statements_the_military_claiming_a_strike_is_the_perpetrator() -> None:
    text = (
        "An Israeli strike on a school in Gaza City, Gaza Strip, killed 15 people on Thursday. "
        "The military said it carried out precise strikes on militants."
    )
    assert ("israel", "claim_responsibility", None) in _triples(_statements(text))
