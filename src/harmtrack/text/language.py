"""Language identification, offline (lingua ships its models in its wheel)."""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

# The languages of the reports Harmtrack's users work with; a short list keeps lingua small
# (tens of MB, under a second to load) and accurate.
LANGUAGES = (
    Language.ENGLISH,
    Language.ARABIC,
    Language.FRENCH,
    Language.GERMAN,
    Language.ITALIAN,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.TURKISH,
    Language.PERSIAN,
    Language.HEBREW,
    Language.SOMALI,
    Language.SWAHILI,
)
_SAMPLE = 3000
_MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*LANGUAGES)
        .with_minimum_relative_distance(0.1)
        .build()
    )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or unclear."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < _MIN_CONFIDENCE:
        return None
    code: IsoCode639_1 = values[0].language.iso_code_639_1
    return str(code.name).lower()
