"""Tests for harmtrack.extract.lexicon: one-pass matching of terms over folded text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.extract.lexicon import Hit, Lexicon, longest_first, search_form
from harmtrack.vocab.matching import fold, term_regex
from harmtrack.vocab.models import Term

TERMS = [
    ("market", Term(text="market")),
    ("market", Term(text="popular market")),
    ("shabaab", Term(text="al-Shabaab")),
    ("is", Term(text="IS", case_sensitive=True)),
    ("russia", Term(text="Russian", weight=0.5)),
    ("russian_jets", Term(text="Russian jets")),
    ("airstrike", Term(text="air strike")),
    ("cox", Term(text="Cox's Bazar")),
    ("children", Term(text="أطفال")),
    ("souq", Term(text="سوق")),
    ("army", Term(text="الجيش")),
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon[str]:
    return Lexicon(TERMS, patterns=[("barrel_bomb", r"barrel[\s-]+bombs?")])


def _hits(lexicon: Lexicon[str], text: str) -> list[tuple[str, str]]:
    """(entry, words as written) of every hit, in text order."""
    hits = sorted(lexicon.find(text), key=lambda h: (h.start, h.end, h.entry))
    return [(hit.entry, text[hit.start : hit.end]) for hit in hits]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jets hit the market at noon", [("market", "market")]),
        ("Jets hit the MARKET", [("market", "MARKET")]),
        ("on market-day jets came", [("market", "market")]),
        ("the market's stalls burned", [("market", "market")]),
        ("the supermarket burned", []),
        ("the markets burned", []),
        ("market1 is a code", []),
    ],
)
def test_extract_lexicon_whole_words_only(
    lexicon: Lexicon[str], text: str, expected: list[tuple[str, str]]
) -> None:
    assert _hits(lexicon, text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("fighters of al-Shabaab attacked", "al-Shabaab"),
        ("fighters of al Shabaab attacked", "al Shabaab"),
        ("fighters of AL‐SHABAAB attacked", "AL‐SHABAAB"),  # U+2010 hyphen, folded
        ("fighters of al\nShabaab attacked", "al\nShabaab"),
    ],
)
def test_extract_lexicon_hyphen_space_and_line_break_are_alike(
    lexicon: Lexicon[str], text: str, words: str
) -> None:
    assert _hits(lexicon, text) == [("shabaab", words)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an air-strike hit", [("airstrike", "air-strike")]),
        ("an air strike hit", [("airstrike", "air strike")]),
        ("an airstrike hit", []),
        ("fighters of alShabaab attacked", []),
    ],
)
def test_extract_lexicon_separator_is_needed_where_the_term_has_one(
    lexicon: Lexicon[str], text: str, expected: list[tuple[str, str]]
) -> None:
    assert _hits(lexicon, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IS fighters attacked", [("is", "IS")]),
        ("it is said", []),
        ("Is it true", []),
        ("ISIS fighters attacked", []),
    ],
)
def test_extract_lexicon_case_sensitive_terms(
    lexicon: Lexicon[str], text: str, expected: list[tuple[str, str]]
) -> None:
    assert _hits(lexicon, text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("قصف سوق المدينة", "سوق"),
        ("قصف السوق", "السوق"),
        ("قصف والسوق", "والسوق"),
        ("قصف بسوق", "بسوق"),
        ("قصف وبسوق", "وبسوق"),
        ("قصف بالسوق", "بالسوق"),
        ("قصف لسوق", "لسوق"),
        ("قصف للسوق", "للسوق"),
        ("قصف فالسوق", "فالسوق"),
        ("قصف كسوق", "كسوق"),
        ("قصف تسوق", None),  # not a proclitic: another word
        ("قصف مسوق", None),
        ("قتل اطفال", "اطفال"),  # hamza folded
        ("قتل والأطفال", "والأطفال"),
    ],
)
def test_extract_lexicon_arabic_proclitics(
    lexicon: Lexicon[str], text: str, words: str | None
) -> None:
    found = [w for _, w in _hits(lexicon, text)]
    assert found == ([words] if words else [])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("قصف الجيش", "الجيش"),
        ("قصف والجيش", "والجيش"),
        ("قصف بالجيش", "بالجيش"),
        ("قصف جيش", None),  # a term written with ال requires it
        ("قصف وجيش", None),
        pytest.param(
            "قصف للجيش",
            "للجيش",
        ),
    ],
)
def test_extract_lexicon_arabic_article_terms(
    lexicon: Lexicon[str], text: str, words: str | None
) -> None:
    assert [w for _, w in _hits(lexicon, text)] == ([words] if words else [])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("when RUSSIAN   jets fired", "RUSSIAN   jets"),
        ("fighters of al - Shabaab", "al - Shabaab"),
        ("fighters of al\r\nShabaab", "al\r\nShabaab"),
        ("fighters of al\u00a0Shabaab", "al\u00a0Shabaab"),  # a no-break space
        ("jets hit the popular  market", "popular  market"),
        ("an air -\n strike hit", "air -\n strike"),
    ],
)
def test_extract_lexicon_runs_of_separators(lexicon: Lexicon[str], text: str, words: str) -> None:
    assert words in [text[h.start : h.end] for h in lexicon.find(text)]


def test_extract_lexicon_spans_after_runs_of_separators_are_exact(lexicon: Lexicon[str]) -> None:
    # Runs before, inside and after the hits shift every later offset in the squeezed copy.
    text = "In  the   POPULAR \n MARKET --  IS  fighters of al -- Shabaab,  قصف   والأطفال"
    assert _hits(lexicon, text) == [
        ("market", "POPULAR \n MARKET"),
        ("market", "MARKET"),
        ("is", "IS"),
        ("shabaab", "al -- Shabaab"),
        ("children", "والأطفال"),
    ]


def test_extract_lexicon_patterns_run_over_folded_text(lexicon: Lexicon[str]) -> None:
    assert _hits(lexicon, "Helicopters dropped Barrel-Bombs") == [("barrel_bomb", "Barrel-Bombs")]


def test_extract_lexicon_hit_carries_term_and_weight(lexicon: Lexicon[str]) -> None:
    (hit,) = lexicon.find("the Russian said")
    assert (hit.start, hit.end, hit.entry, hit.term, hit.weight) == (
        4,
        11,
        "russia",
        "Russian",
        0.5,
    )


def test_extract_lexicon_spans_map_back_to_the_original(lexicon: Lexicon[str]) -> None:
    # Curly apostrophe, en dash, capitals, hamza and a character whose lower() is longer
    # ("İ") before the hits: folding keeps every offset.
    text = "İstanbul — In COX’S BAZAR the POPULAR MARKET; قصف والأطفال"
    assert _hits(lexicon, text) == [
        ("cox", "COX’S BAZAR"),
        ("market", "POPULAR MARKET"),
        ("market", "MARKET"),
        ("children", "والأطفال"),
    ]


@pytest.mark.parametrize(
    ("hits", "kept"),
    [
        (  # the longest wins
            [Hit(0, 7, "russia", "Russian"), Hit(0, 12, "russian_jets", "Russian jets")],
            ["russian_jets"],
        ),
        (  # a hit inside a longer one is dropped
            [Hit(4, 18, "market", "popular market"), Hit(12, 18, "market2", "market")],
            ["market"],
        ),
        (  # same span: the heavier wins
            [Hit(0, 6, "light", "market", 0.4), Hit(0, 6, "heavy", "market", 0.9)],
            ["heavy"],
        ),
        (  # no overlap: both stay, in text order
            [Hit(10, 16, "b", "market"), Hit(0, 6, "a", "market")],
            ["a", "b"],
        ),
        (  # partial overlap: the one that starts first stays
            [Hit(0, 8, "a", "x"), Hit(5, 20, "b", "y")],
            ["a"],
        ),
    ],
)
def test_extract_lexicon_longest_first(hits: list[Hit[str]], kept: list[str]) -> None:
    assert [hit.entry for hit in longest_first(hits)] == kept


@given(st.text())
def test_extract_lexicon_search_form_keeps_offsets(text: str) -> None:
    searched = search_form(text)
    assert len(searched) == len(text)
    assert not any(char in searched for char in "-\n\t")


_WORDS = (
    "market", "Market", "popular", "super", "al", "Shabaab", "IS", "is", "air", "strike",
    "Russian", "jets", "Cox's", "Bazar", "سوق", "والسوق", "بسوق", "تسوق", "الجيش", "والجيش",
    "أطفال", "x1", "the",
)  # fmt: skip


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))
    gap = st.text(st.sampled_from(" -\n\t\u00a0"), min_size=1, max_size=3)
    gaps = draw(st.lists(gap, min_size=len(words), max_size=len(words)))
    return "".join(w + g for w, g in zip(words, gaps, strict=True))


@given(_sentences())
def test_extract_lexicon_agrees_with_reference_matcher(lexicon: Lexicon[str], text: str) -> None:
    """With any run of separators between words, the one-pass lexicon finds what term_regex
    finds."""
    expected = set()
    for entry, term in TERMS:
        haystack = text if term.case_sensitive else fold(text)
        rx = term_regex(term.text, case_sensitive=term.case_sensitive)
        expected |= {(entry, m.start(), m.end()) for m in rx.finditer(haystack)}
    found = {(h.entry, h.start, h.end) for h in lexicon.find(text) if h.entry != "barrel_bomb"}
    assert found == expected
