"""How vocabulary terms meet text: the length-preserving fold and a reference regex per term."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Lang = Literal["ar", "en"]

# One character in, one character out, so that an offset in the folded text is the same offset in
# the stored text and evidence spans need no mapping back.
_FOLD_TABLE = {
    **dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u00b4`\u2032"), "'"),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-"),
    # Arabic spelling variants that writers use interchangeably.
    **dict.fromkeys(map(ord, "\u0623\u0625\u0622\u0671"), "\u0627"),  # أ إ آ ٱ -> ا
    ord("\u0649"): "\u064a",  # ى -> ي
    ord("\u06cc"): "\u064a",  # Persian yeh -> ي
    ord("\u0629"): "\u0647",  # ة -> ه
    ord("\u06a9"): "\u0643",  # Persian kaf -> ك
}

# Proclitics that attach to an Arabic word: a conjunction و ف, then a preposition ب ل ك and/or the
# article ال (ل + ال is written لل).
_AR_ARTICLE = "(?:[\u0628\u0643]?\u0627\u0644|\u0644\u0644)"
_AR_PREFIX = f"(?:[\u0648\u0641]?(?:{_AR_ARTICLE}|[\u0628\u0644\u0643])?)"
_AR_ARTICLE_PREFIX = f"(?:[\u0648\u0641]?{_AR_ARTICLE})"


_ARABIC_VARIANTS = {k: v for k, v in _FOLD_TABLE.items() if 0x0600 <= k <= 0x06FF}
_SEPARATORS = re.compile(r"[\s-]+")


def fold(text: str) -> str:
    """Lower-case and unify apostrophes, dashes and Arabic letter variants, keeping the length."""
    chars = []
    for char in text.translate(_FOLD_TABLE):
        lower = char.lower()
        chars.append(lower if len(lower) == 1 else char)
    return "".join(chars)


def term_lang(text: str) -> Lang:
    """``ar`` when the text contains Arabic letters, else ``en``."""
    return "ar" if any("ARABIC" in unicodedata.name(c, "") for c in text if c.isalpha()) else "en"


@lru_cache(maxsize=8192)
def term_regex(text: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """The reference matcher of a term, to run over ``fold(text)`` (the raw text if case-sensitive).

    A term matches whole words only; a space or hyphen in the term matches any run of spaces and
    hyphens ("al-Shabaab" finds "al Shabaab"); an Arabic term may carry the proclitics و ف ب ل ك and
    the article ال (a term written with ال requires it).
    """
    key = text if case_sensitive else fold(text)
    words = [re.escape(word) for word in _SEPARATORS.split(key) if word]
    body = r"[\s-]+".join(words)
    if term_lang(text) == "ar":
        if key.startswith("\u0627\u0644") and len(words[0]) > 2:
            body = _AR_ARTICLE_PREFIX + body[2:]
        else:
            body = _AR_PREFIX + body
    return re.compile(r"(?<!\w)" + body + r"(?!\w)")


def term_key(text: str, *, case_sensitive: bool = False) -> str:
    """What two terms must share to be the same term: folded, with hyphens and spaces alike."""
    key = text if case_sensitive else fold(text)
    return " ".join(word for word in _SEPARATORS.split(key) if word)


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """Compile a vocabulary regex the one way the files promise: case-insensitive, over folded text.

    Arabic letter variants in the pattern are folded like the text, so patterns may be written with
    their usual spelling (أ, ة, ى).
    """
    return re.compile(pattern.translate(_ARABIC_VARIANTS), re.IGNORECASE)
