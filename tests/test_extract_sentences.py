"""Tests for harmtrack.extract.sentences: spans, abbreviations, lines and paragraphs."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.extract.sentences import Sentence, split_sentences


def _texts(text: str) -> list[str]:
    return [sentence.text(text) for sentence in split_sentences(text)]


def test_extract_sentences_spans_end_exclusive() -> None:
    assert split_sentences("Shelling hit Idlib. Five people died.") == [
        Sentence(0, 19, 0),
        Sentence(20, 37, 0),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("He said: 'Enough.' Others agreed.", ["He said: 'Enough.'", "Others agreed."]),
        ("The strike killed 5. 3 more died later.", ["The strike killed 5.", "3 more died later."]),
        ("(AFP) Jets struck. (Later) more came.", ["(AFP) Jets struck.", "(Later) more came."]),
        ("It ended at 5 p.m. Then silence.", ["It ended at 5 p.m.", "Then silence."]),
        ("a lower case. start does not split.", ["a lower case. start does not split."]),
        ("one line without punctuation", ["one line without punctuation"]),
        ("قصفت الطائرات المدينة. قتل خمسة أشخاص.", ["قصفت الطائرات المدينة.", "قتل خمسة أشخاص."]),
        ("هل هذا صحيح؟ نعم.", ["هل هذا صحيح؟", "نعم."]),
        ("", []),
        ("\n\n \n", []),
    ],
)
def test_extract_sentences_split_at_final_punctuation(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. said it was a strike. Nobody agreed.",
            ["The U.S. said it was a strike.", "Nobody agreed."],
        ),
        (
            "He went to the U.N. Security Council. Then home.",
            ["He went to the U.N. Security Council.", "Then home."],
        ),
        ("Dr. Ahmad treated them. He said so.", ["Dr. Ahmad treated them.", "He said so."]),
        (
            "On Nov. 13 jets struck. It was market day.",
            ["On Nov. 13 jets struck.", "It was market day."],
        ),
        ("Gen. Saleh arrived. A. Karim left.", ["Gen. Saleh arrived.", "A. Karim left."]),
        ("See No. 5 for details. Done.", ["See No. 5 for details.", "Done."]),
        (
            "Bombs, e.g. Barrel bombs, fell. Then quiet.",
            ["Bombs, e.g. Barrel bombs, fell.", "Then quiet."],
        ),
    ],
)
def test_extract_sentences_abbreviations_do_not_end_a_sentence(
    text: str, expected: list[str]
) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title line\nBody one. Body two.", ["Title line", "Body one.", "Body two."]),
        (
            "A sentence that runs\non to the next line.",
            ["A sentence that runs", "on to the next line."],
        ),
        (
            "Heading without a full stop\n14 May 2020",
            ["Heading without a full stop", "14 May 2020"],
        ),
        ("Ends with Dr.\nNext line.", ["Ends with Dr.", "Next line."]),
    ],
)
def test_extract_sentences_lines_never_join(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_extract_sentences_paragraph_numbers_count_blank_lines() -> None:
    text = "Para one.\n\nPara two. Same para.\nStill para two.\n\n\nPara three."
    found = split_sentences(text)
    assert [(s.text(text), s.paragraph) for s in found] == [
        ("Para one.", 0),
        ("Para two.", 1),
        ("Same para.", 1),
        ("Still para two.", 1),
        ("Para three.", 2),
    ]


@given(st.text(alphabet=st.sampled_from("ab A.!?؟ \n\"')U.S"), max_size=120))
def test_extract_sentences_spans_are_ordered_lines_within_the_text(text: str) -> None:
    found = split_sentences(text)
    for sentence in found:
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert "\n" not in sentence.text(text)
        assert sentence.text(text).strip()
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start
        assert before.paragraph <= after.paragraph
    assert all(sentence.paragraph >= 0 for sentence in found)


@given(st.text(max_size=300))
def test_extract_sentences_cover_every_word(text: str) -> None:
    """Nothing but whitespace falls between sentences: no text is lost."""
    found = split_sentences(text)
    covered: set[int] = set()
    for sentence in found:
        covered.update(range(sentence.start, sentence.end))
    assert all(char.isspace() for i, char in enumerate(text) if i not in covered)
