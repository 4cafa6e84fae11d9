"""Find vocabulary terms in text in one pass (Aho-Corasick over folded text), plus their regexes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from harmtrack.vocab.matching import fold, pattern_regex, term_key, term_lang
from harmtrack.vocab.models import Term

T = TypeVar("T")

# Arabic proclitics a term may carry (conjunction, preposition, article), as in vocab.matching.
_AR_PROCLITICS = re.compile(
    "[\u0648\u0641]?(?:[\u0628\u0643]?\u0627\u0644|\u0644\u0644|[\u0628\u0644\u0643])?"
)
_AR_ARTICLE_PROCLITICS = re.compile("[\u0648\u0641]?(?:[\u0628\u0643]?\u0627\u0644|\u0644\u0644)")
_SEPARATORS = str.maketrans({"-": " ", "\n": " ", "\t": " "})


def search_form(text: str) -> str:
    """The text as terms are looked for in it: folded, hyphens and line breaks as spaces.

    Every step maps one character to one character, so offsets in it are offsets in ``text``.
    """
    return fold(text).translate(_SEPARATORS)


@dataclass(frozen=True)
class Hit(Generic[T]):
    """A vocabulary entry found in text."""

    start: int
    end: int
    entry: T
    term: str  # the term or pattern that matched
    weight: float = 1.0
    ambiguous: bool = False


@dataclass(frozen=True)
class _Key(Generic[T]):
    entry: T
    term: Term
    arabic: bool


class Lexicon(Generic[T]):
    """All terms of some vocabulary entries, ready to be found in text."""

    def __init__(
        self,
        terms: Iterable[tuple[T, Term]],
        patterns: Iterable[tuple[T, str]] = (),
    ) -> None:
        self._folded: ahocorasick.Automaton = ahocorasick.Automaton()
        self._exact: ahocorasick.Automaton = ahocorasick.Automaton()
        for entry, term in terms:
            automaton = self._exact if term.case_sensitive else self._folded
            key = term_key(term.text, case_sensitive=term.case_sensitive).translate(_SEPARATORS)
            arabic = term_lang(term.text) == "ar"
            keys = [key]
            if arabic and key.startswith("\u0627\u0644"):
                # ل + ال is written لل: "للجيش" is "to the army".
                keys.append("\u0644\u0644" + key[2:])
            for variant in keys:
                found = automaton.get(variant, [])
                found.append(_Key(entry, term, arabic))
                automaton.add_word(variant, found)
        for automaton in (self._folded, self._exact):
            if len(automaton):
                automaton.make_automaton()
        self._patterns = [(entry, pattern, pattern_regex(pattern)) for entry, pattern in patterns]

    def find(self, text: str, searched: str | None = None) -> list[Hit[T]]:
        """Every hit in ``text`` (``searched`` is its ``search_form``, when already computed)."""
        searched = searched if searched is not None else search_form(text)
        hits: list[Hit[T]] = []
        for automaton, haystack in (
            (self._folded, searched),
            (self._exact, text.translate(_SEPARATORS)),
        ):
            if not len(automaton):
                continue
            for last, keys in automaton.iter(haystack):
                for key in keys:
                    hit = self._accept(haystack, last, key)
                    if hit is not None:
                        hits.append(hit)
        for entry, pattern, regex in self._patterns:
            for match in regex.finditer(searched):
                if match.end() > match.start():
                    hits.append(Hit(match.start(), match.end(), entry, pattern))
        return hits

    @staticmethod
    def _accept(haystack: str, last: int, key: _Key[T]) -> Hit[T] | None:
        length = len(term_key(key.term.text, case_sensitive=key.term.case_sensitive))
        start, end = last - length + 1, last + 1
        if end < len(haystack) and haystack[end].isalnum():
            return None
        if key.arabic:
            word_start = start
            while word_start > 0 and haystack[word_start - 1].isalpha():
                word_start -= 1
            prefix = haystack[word_start:start]
            has_article = key.term.text.startswith("ال")
            proclitics = _AR_ARTICLE_PROCLITICS if has_article and prefix else _AR_PROCLITICS
            if (
                prefix
                and not proclitics.fullmatch(prefix + ("ال" if has_article else ""))
                and not proclitics.fullmatch(prefix)
            ):
                return None
            start = word_start
        elif start > 0 and haystack[start - 1].isalnum():
            return None
        return Hit(start, end, key.entry, key.term.text, key.term.weight, key.term.ambiguous)


def longest_first(hits: Iterable[Hit[T]]) -> list[Hit[T]]:
    """Hits without overlaps: at each place the longest hit wins (then the heavier one)."""
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start), -h.weight))
    kept: list[Hit[T]] = []
    for hit in ordered:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept
