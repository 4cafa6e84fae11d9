"""The whole extractor never raises on odd text, and its evidence always points into the text."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from harmtrack.extract.extractor import default_extractor

WORDS = st.sampled_from(
    [
        "airstrike",
        "killed",
        "wounded",
        "at least",
        "dozens",
        "civilians",
        "in",
        "the town of",
        "Atareb",
        "Idlib",
        "Aleppo",
        "province",
        "Russian",
        "jets",
        "on Monday",
        "5 May 2020",
        "market",
        "hospital",
        "condemns",
        "calls on",
        "UN Security Council",
        "twenty-one",
        "between",
        "and",
        "including",
        "children",
        "قتل",
        "مدنيا",
        "غارة",
        "الأتارب",
        ",",
        ".",
        "\n",
        "(",
        ")",
        "Sunday",
        "Hama",
        "shelling",
        "barrel bombs",
        "Mr.",
        "1,200",
        "3.5",
        "ſept",
        "K",
        "İ",
        "the",
        "village of",
        "Xyzzy",
        "capital",
        "Somali",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=60))
def test_extract_never_raises_and_evidence_is_exact(parts: list[str]) -> None:
    text = " ".join(parts)
    extraction = default_extractor().extract(text, published=date(2020, 5, 6), publisher="X")
    for claim in [*extraction.events, *extraction.statements]:
        for evidence in claim.evidence:
            assert 0 <= evidence.start <= evidence.end <= len(text)
            assert text[evidence.start : evidence.end] == evidence.quote
