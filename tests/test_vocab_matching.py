"""Tests for harmtrack.vocab.matching, and for the shipped vocabulary on sentences written here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.vocab.loader import Vocabulary, load_vocabulary
from harmtrack.vocab.matching import fold, pattern_regex, term_key, term_lang, term_regex
from harmtrack.vocab.models import Term


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


@given(st.text())
def test_vocab_matching_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Assad’s Forces", "assad's forces"),
        ("air–strike", "air-strike"),
        ("أدانت الأمم المتحدة", "ادانت الامم المتحده"),
        ("İstanbul", "İstanbul"),  # lower() would lengthen it: left as is
    ],
)
def test_vocab_matching_fold_unifies_variants(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("Russian jets", "when RUSSIAN   jets fired", True),
        ("Russian jets", "Russian jetski", False),
        ("al-Shabaab", "fighters of al Shabaab attacked", True),
        ("Assad's forces", "Assad’s forces shelled the town", True),
        ("الطيران الروسي", "غارات نفذها الطيران الروسي على", True),
        ("الطيران الروسي", "قصف والطيران الروسي", True),
        ("غارة", "استهدفت الغارة السوق", True),
        ("سوق", "قصف لسوق المدينة", True),
        ("سوق", "تسوق", False),
    ],
)
def test_vocab_matching_term_regex(term: str, text: str, found: bool) -> None:
    assert bool(term_regex(term).search(fold(text))) is found


def test_vocab_matching_case_sensitive_term_runs_on_raw_text() -> None:
    rx = term_regex("IS", case_sensitive=True)
    assert rx.search("IS militants attacked") and not rx.search("it is said")


def test_vocab_matching_keys_and_language() -> None:
    assert term_key("Saudi-led  Coalition") == term_key("saudi led coalition")
    assert term_lang("قوات النظام") == "ar" and term_lang("Tatmadaw") == "en"


def test_vocab_matching_pattern_folds_arabic_spelling() -> None:
    assert pattern_regex("غارة إسرائيلية").search(fold("غارة اسرائيليه"))


Entry = tuple[str, Sequence[Term], Sequence[str]]


def _mentioned(sentence: str, entries: Iterable[Entry]) -> set[str]:
    """The keys of the entries a sentence mentions, by the reference matcher (no context)."""
    folded = fold(sentence)
    found = set()
    for key, terms, patterns in entries:
        for term in terms:
            text = sentence if term.case_sensitive else folded
            if term_regex(term.text, case_sensitive=term.case_sensitive).search(text):
                found.add(key)
        if any(pattern_regex(p).search(folded) for p in patterns):
            found.add(key)
    return found


def _found(vocab: Vocabulary, sentence: str) -> dict[str, set[str]]:
    return {
        "actors": _mentioned(sentence, ((a.id, a.aliases, a.patterns) for a in vocab.actors)),
        "weapons": _mentioned(sentence, ((w.id, w.aliases, w.patterns) for w in vocab.weapons)),
        "targets": _mentioned(sentence, ((t.id, t.aliases, t.patterns) for t in vocab.targets)),
        "cues": _mentioned(
            sentence, ((c.sub_event_type or "", c.terms, c.patterns) for c in vocab.event_cues)
        ),
        "statements": _mentioned(sentence, ((k.id, k.cues, k.patterns) for k in vocab.statements)),
    }


@pytest.mark.parametrize(
    ("sentence", "field", "expected"),
    [
        ("Vacuum bombs dropped by Russian warplanes hit a crowded souq.", "actors", "russia"),
        ("Vacuum bombs dropped by Russian warplanes hit a crowded souq.", "weapons", "thermobaric"),
        ("Vacuum bombs dropped by Russian warplanes hit a crowded souq.", "targets", "market"),
        (
            "Vacuum bombs dropped by Russian warplanes hit a crowded souq.",
            "cues",
            "Air/drone strike",
        ),
        ("Regime helicopters dropped barrel bombs on the field hospital.", "actors", "syria_gov"),
        ("Regime helicopters dropped barrel bombs on the field hospital.", "targets", "medical"),
        ("The Tatmadaw shelled a village.", "actors", "myanmar_military"),
        ("The Tatmadaw shelled a village.", "cues", "Shelling/artillery/missile attack"),
        ("An IED planted by al-Shabab hit a bus.", "cues", "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at a checkpoint.", "cues", "Suicide bomb"),
        ("Dozens suffered suffocation after a chlorine attack.", "cues", "Chemical weapon"),
        ("Police fired tear gas to disperse the protesters.", "cues", "Protest with intervention"),
        ("Gunmen abducted two traders on the road.", "cues", "Abduction/forced disappearance"),
        ("استهدف الطيران الروسي بغارة جوية أطراف البلدة", "actors", "russia"),
        (
            "استهدف الطيران الروسي بغارة جوية أطراف البلدة",
            "cues",
            "Air/drone strike",
        ),
        ("أصابت قذيفة خيمة في مخيم للنازحين", "targets", "displacement_camp"),
        ("قصفت قوات الدعم السريع حيا سكنيا بالمدفعية", "actors", "rsf"),
        ("The Coalition strongly condemns the massacre.", "statements", "condemn"),
        ("It calls on the UN Security Council to act.", "statements", "demand"),
        ("يدين الائتلاف الوطني المجزرة", "statements", "condemn"),
    ],
)
def test_vocab_matching_shipped_vocabulary_finds(
    vocab: Vocabulary, sentence: str, field: str, expected: str
) -> None:
    assert expected in _found(vocab, sentence)[field]


def test_vocab_matching_march_the_month_is_not_a_protest(vocab: Vocabulary) -> None:
    cues = _found(vocab, "On 3 March the town was quiet.")["cues"]
    assert "Peaceful protest" not in cues
    assert "Peaceful protest" in _found(vocab, "Hundreds joined a march in the capital.")["cues"]


def test_vocab_matching_every_pattern_compiles_once(vocab: Vocabulary) -> None:
    groups = (vocab.actors, vocab.weapons, vocab.targets, vocab.event_cues, vocab.statements)
    patterns = [p for group in groups for entry in group for p in entry.patterns]
    assert patterns and all(isinstance(pattern_regex(p), re.Pattern) for p in patterns)
