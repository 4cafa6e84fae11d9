"""Tests for harmtrack.extract.casualties: figures, their role and victims, in made-up sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.extract.casualties import CasualtyMention, CasualtyReader
from harmtrack.extract.lexicon import search_form
from harmtrack.vocab.loader import load_vocabulary

# (words, role, low, high, civilian, subgroup)
Found = tuple[str, str, int | None, int | None, bool | None, bool]


@pytest.fixture(scope="module")
def reader() -> CasualtyReader:
    return CasualtyReader(load_vocabulary())


def _mentions(
    reader: CasualtyReader, text: str, start: int = 0, end: int | None = None
) -> list[CasualtyMention]:
    return reader.read(text, search_form(text), start, len(text) if end is None else end)


def _read(reader: CasualtyReader, text: str) -> list[Found]:
    return [
        (text[m.start : m.end], m.role, m.low, m.high, m.civilian, m.subgroup)
        for m in _mentions(reader, text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the role word before the figure
        (
            "The shell hit the square, killing 10.",
            [("killing 10", "killed", 10, 10, None, False)],
        ),
        (
            "Jets hit the market, killing at least 12 civilians.",
            [("killing at least 12 civilians", "killed", 12, None, True, False)],
        ),
        (
            "The death toll rose to 14.",
            [("death toll rose to 14", "killed", 14, 14, None, False)],
        ),
        (
            "The death toll has risen to 9 people.",
            [("death toll has risen to 9 people", "killed", 9, 9, None, False)],
        ),
        (
            "Gunmen killed a family of five.",
            [("killed a family of five", "killed", 5, 5, None, False)],
        ),
        # the role word after it
        (
            "40 civilians were killed in the raid.",
            [("40 civilians were killed", "killed", 40, 40, True, False)],
        ),
        (
            "Two fighters died in the clash.",
            [("Two fighters died", "killed", 2, 2, False, False)],
        ),
        (
            "Between 12 and 19 civilians were killed.",
            [("Between 12 and 19 civilians were killed", "killed", 12, 19, True, False)],
        ),
        (
            "Up to 30 people were wounded.",
            [("Up to 30 people were wounded", "injured", None, 30, None, False)],
        ),
        (
            "10 were hospitalized.",
            [("10 were hospitalized", "injured", 10, 10, None, False)],
        ),
        (  # cases of asphyxiation count as injured
            "12 cases of asphyxiation were recorded.",
            [("12 cases of asphyxiation", "injured", 12, 12, None, False)],
        ),
        # "a"/"an" before a singular victim noun is one
        (
            "Shelling killed a civilian.",
            [("killed a civilian", "killed", 1, 1, True, False)],
        ),
        # an age between the article and the noun is no count; a total is no singular
        (
            "Jets killed a 76-year-old villager.",
            [("killed a 76-year-old villager", "killed", 1, 1, True, False)],
        ),
        (
            "A total of 51 people were killed.",
            [("51 people were killed", "killed", 51, 51, None, False)],
        ),
        # victims named by a group and its organisation, with a verb phrase between
        (
            "56 BH/IS fighters were killed.",
            [("56 BH/IS fighters were killed", "killed", 56, 56, False, False)],
        ),
        (
            "2 members of LaQ were found dead.",
            [("2 members of LaQ were found dead", "killed", 2, 2, None, False)],
        ),
        (
            "1 soldier was shot and killed.",
            [("1 soldier was shot and killed", "killed", 1, 1, False, False)],
        ),
        (
            "HTS executed an individual from Afrin.",
            [("executed an individual", "killed", 1, 1, None, False)],
        ),
        # a coder's own figure, in both wordings ACLED uses
        (
            "An IED exploded. Total fatalities coded to 10.",
            [("fatalities coded to 10", "killed", 10, 10, None, False)],
        ),
        # a perfect tense is active: the figure is this verb's
        (
            "Assad forces have murdered at least 18 people.",
            [("murdered at least 18 people", "killed", 18, None, None, False)],
        ),
        # a year is not a figure
        (
            "The strike killed 5 in 2019.",
            [("killed 5", "killed", 5, 5, None, False)],
        ),
        # a body found is one dead
        (
            "A man's body was found in the river.",
            [("A man's body", "killed", 1, 1, None, False)],
        ),
        (
            "A detainee was pronounced dead in custody.",
            [("A detainee was pronounced dead", "killed", 1, 1, None, False)],
        ),
        # a group's name between the figure and its noun
        (
            "3 Liwa al Hamzah fighters were killed.",
            [("3 Liwa al Hamzah fighters were killed", "killed", 3, 3, False, False)],
        ),
        # one victim named with "the" after the verb
        (
            "The bomb exploded, killing the driver.",
            [("killing the driver", "killed", 1, 1, None, False)],
        ),
        (
            "A soldier opened fire, killing the father and a son.",
            [("killing the father and a son", "killed", 2, 2, True, False)],
        ),
        # a singular verb tells of one dead, whoever is named; "no one" is nobody
        (
            "Omar Abu Shawish (36) was killed in the camp.",
            [("Shawish (36) was killed", "killed", 1, 1, None, False)],
        ),
        ("No one was killed.", []),
        (
            "By morning 18 people have already been killed.",
            [("18 people have already been killed", "killed", 18, 18, None, False)],
        ),
        # a noun of two words, and the family the victims came from
        (
            "At least three civilian members of the Haddad family were killed.",
            [
                (
                    "At least three civilian members of the Haddad family were killed",
                    "killed",
                    3,
                    None,
                    True,
                    False,
                )
            ],
        ),
        (
            "Five children from the Al-Astal family were killed.",
            [("Five children from the Al-Astal family were killed", "killed", 5, 5, True, False)],
        ),
        (
            "Seventeen civilians were reported to have been killed.",
            [
                (
                    "Seventeen civilians were reported to have been killed",
                    "killed",
                    17,
                    17,
                    True,
                    False,
                )
            ],
        ),
        # a subgroup before another role's verb is not added to that role's figure
        (
            "The strike killed six people, including two children, and injured three women.",
            [
                ("killed six people", "killed", 6, 6, None, False),
                ("injured three women", "injured", 3, 3, True, False),
            ],
        ),
        # an active verb tells of the figure after it, not the one before the comma
        (
            "Robbers assaulted a woman, killed at least 4 residents and injured 2 more.",
            [
                ("killed at least 4 residents", "killed", 4, None, True, False),
                ("injured 2", "injured", 2, 2, None, False),
            ],
        ),
    ],
)
def test_extract_casualties_role_before_or_after(
    reader: CasualtyReader, text: str, expected: list[Found]
) -> None:
    assert _read(reader, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shelling killed 5 and injured 12 in the town.",
            [
                ("killed 5", "killed", 5, 5, None, False),
                ("injured 12", "injured", 12, 12, None, False),
            ],
        ),
        (
            "Over 30 civilians were killed and hundreds more were injured.",
            [
                ("Over 30 civilians were killed", "killed", 30, None, True, False),
                ("hundreds more were injured", "injured", 100, None, None, False),
            ],
        ),
        (
            "Two people were killed and 3 were injured.",
            [
                ("Two people were killed", "killed", 2, 2, None, False),
                ("3 were injured", "injured", 3, 3, None, False),
            ],
        ),
        (
            "A woman was killed and 3 soldiers were wounded.",
            [
                ("A woman was killed", "killed", 1, 1, True, False),
                ("3 soldiers were wounded", "injured", 3, 3, False, False),
            ],
        ),
    ],
)
def test_extract_casualties_killed_and_injured_in_one_sentence(
    reader: CasualtyReader, text: str, expected: list[Found]
) -> None:
    assert _read(reader, text) == expected


def test_extract_casualties_vague_figure_is_marked(reader: CasualtyReader) -> None:
    (mention,) = _mentions(reader, "The attack killed dozens of civilians.")
    assert (mention.role, mention.low, mention.high, mention.vague) == ("killed", 12, None, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The strike killed 27 people, including 5 children killed in their homes.",
            [
                ("killed 27 people", "killed", 27, 27, None, False),
                ("5 children killed", "killed", 5, 5, True, True),
            ],
        ),
        (
            "Shelling killed 18 people; among them 4 children were killed.",
            [
                ("killed 18 people", "killed", 18, 18, None, False),
                ("4 children were killed", "killed", 4, 4, True, True),
            ],
        ),
        (
            "3 children were among the dead.",
            [("3 children were among the dead", "killed", 3, 3, True, True)],
        ),
    ],
)
def test_extract_casualties_subgroup_is_marked(
    reader: CasualtyReader, text: str, expected: list[Found]
) -> None:
    assert _read(reader, text) == expected


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "The strike killed 27 civilians, including 5 children.",
            ("killed 27 civilians", "killed", 27, 27, True, False),
        ),
        (
            "The strike killed 27 civilians, among them 5 women.",
            ("killed 27 civilians", "killed", 27, 27, True, False),
        ),
        ("قتل 12 شخصا بينهم 4 أطفال", ("قتل 12 شخصا", "killed", 12, 12, None, False)),
    ],
)
def test_extract_casualties_total_counts_not_the_subgroup(
    reader: CasualtyReader, text: str, total: Found
) -> None:
    assert [found for found in _read(reader, text) if not found[-1]] == [total]


@pytest.mark.parametrize(
    "text",
    [
        "The strike left 12 dead and wounded.",  # one figure for both roles: neither
        "12 people were killed or wounded.",
        "The strike caused 12 casualties.",
        "7 people were rescued from the rubble.",
        "3 people are missing after the strike.",
        "Shelling displaced 200 families.",
        "Police arrested 5 people.",
        "The convoy carried 40 tonnes of flour.",
    ],
)
def test_extract_casualties_unassigned_and_not_counted(reader: CasualtyReader, text: str) -> None:
    assert _read(reader, text) == []


@pytest.mark.parametrize(
    ("noun", "civilian"),
    [
        ("civilians", True),
        ("children", True),
        ("women", True),
        ("aid workers", True),
        ("people", None),
        ("men", None),
        ("soldiers", False),
        ("fighters", False),
        ("policemen", False),
    ],
)
def test_extract_casualties_civilian_flag_from_victim_noun(
    reader: CasualtyReader, noun: str, civilian: bool | None
) -> None:
    text = f"Shelling killed 4 {noun}."
    assert _read(reader, text) == [(f"killed 4 {noun}", "killed", 4, 4, civilian, False)]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("A civilian was killed.", "killed"),
        ("A young child was injured.", "injured"),
    ],
)
def test_extract_casualties_singular_victim_gives_civilian_flag(
    reader: CasualtyReader, text: str, role: str
) -> None:
    assert [(m.role, m.low, m.civilian) for m in _mentions(reader, text)] == [(role, 1, True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jets killed six civilians in Hass and three in Ariha.",
            [
                ("killed six civilians", "killed", 6, 6, True, False),
                ("three", "killed", 3, 3, True, False),
            ],
        ),
        (
            "Jets killed 3 civilians in Hass, 2 in Ariha and 4 in Sarmin.",
            [
                ("killed 3 civilians", "killed", 3, 3, True, False),
                ("2", "killed", 2, 2, True, False),
                ("4", "killed", 4, 4, True, False),
            ],
        ),
        (
            "Shelling wounded 4 people in Hass and 2 soldiers in Ariha.",
            [
                ("wounded 4 people", "injured", 4, 4, None, False),
                ("2 soldiers", "injured", 2, 2, False, False),
            ],
        ),
    ],
)
def test_extract_casualties_role_carries_over_coordination(
    reader: CasualtyReader, text: str, expected: list[Found]
) -> None:
    assert _read(reader, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a و-led role verb opens the next clause: 30 is not "injured"
            "قتل 30 مدنيا وأصيب 12 آخرون",
            [
                ("قتل 30 مدنيا", "killed", 30, 30, True, False),
                ("وأصيب 12", "injured", 12, 12, None, False),
            ],
        ),
        ("استشهد 5 أطفال", [("استشهد 5 أطفال", "killed", 5, 5, True, False)]),
        ("أصيب 10 أشخاص", [("أصيب 10 أشخاص", "injured", 10, 10, None, False)]),
        ("قتل 4 عناصر", [("قتل 4 عناصر", "killed", 4, 4, False, False)]),
        ("قتل نحو 20 شخصا", [("قتل نحو 20 شخصا", "killed", 20, 20, None, False)]),
        ("قتل ٧ مدنيين", [("قتل ٧ مدنيين", "killed", 7, 7, True, False)]),
        pytest.param(
            "ارتفعت حصيلة القتلى إلى 14",
            [("حصيلة القتلى إلى 14", "killed", 14, 14, None, False)],
        ),
        # a dual carries its own number; with a figure written, the figure counts
        ("قتل طفلان في القصف", [("قتل طفلان", "killed", 2, 2, True, False)]),
        ("قتل 3 طفلين", [("قتل 3 طفلين", "killed", 3, 3, True, False)]),
    ],
)
def test_extract_casualties_arabic(
    reader: CasualtyReader, text: str, expected: list[Found]
) -> None:
    assert _read(reader, text) == expected


def test_extract_casualties_reads_one_sentence_with_document_offsets(
    reader: CasualtyReader,
) -> None:
    text = "Jets struck at dawn. A woman was killed and 3 soldiers were wounded. 7 people died."
    start, end = text.index("A woman"), text.index(" 7 people")
    found = _mentions(reader, text, start, end)
    assert [(text[m.start : m.end], m.role, m.low) for m in found] == [
        ("A woman was killed", "killed", 1),
        ("3 soldiers were wounded", "injured", 3),
    ]


_WORDS = (
    "killed", "killing", "were", "wounded", "injured", "and", "at least", "a", "an", "civilian",
    "civilians", "children", "soldiers", "people", "including", "among them", "dead", "death toll",
    "rose to", "missing", "in", "Hass", "three", "12", "2019", "dozens", "a family of", "five", ",",
    "قتل", "وأصيب", "40", "مدنيا", "بينهم", "أطفال", "حصيلة القتلى", "إلى", "طفلان",
)  # fmt: skip


@given(st.lists(st.sampled_from(_WORDS), max_size=20).map(" ".join))
def test_extract_casualties_any_sentence_gives_valid_mentions(
    reader: CasualtyReader, text: str
) -> None:
    for mention in _mentions(reader, text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.role in ("killed", "injured")
        assert mention.low is None or mention.low >= 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one role over two victim groups: the total is both
        (
            "Thirty five civilians and two unidentified people were killed in raids.",
            [("Thirty five civilians and two unidentified people were killed", 37, 37)],
        ),
        (
            "An air strike hit relief trucks, killing at least one aid worker and around 20 "
            "civilians.",
            [("killing at least one aid worker and around 20 civilians", 21, None)],
        ),
        (
            "The strike killed 12 civilians and 3 fighters.",
            [("killed 12 civilians and 3 fighters", 15, 15)],
        ),
        # figures for different places are not summed
        (
            "Jets killed six civilians in Kafranbel and three in Maasran.",
            [("killed six civilians", 6, 6), ("three", 3, 3)],
        ),
        # nor is a second clause's figure, nor the perpetrator counted as a victim
        (
            "3 civilians were killed and 4 soldiers were killed later.",
            [("3 civilians were killed", 3, 3), ("4 soldiers were killed", 4, 4)],
        ),
        (
            "An unknown gunman shot and killed a QSD fighter in Raqqa city.",
            [("killed a QSD fighter", 1, 1)],
        ),
    ],
)
def test_extract_casualties_groups_joined_by_and_are_summed(
    reader: CasualtyReader, text: str, expected: list[tuple[str, int | None, int | None]]
) -> None:
    found = [(quote, low, high) for quote, role, low, high, *_ in _read(reader, text)]
    assert found == expected
