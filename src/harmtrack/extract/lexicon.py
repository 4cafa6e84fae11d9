"""Find vocabulary terms in text in one pass (Aho-Corasick over folded text), plus their regexes."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
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
# Where a term has a space or hyphen, text may have any run of them, as for term_regex.
_SEPARATOR_RUN = re.compile(r"[\s-]+")
_LONGER_RUN = re.compile(r"[\s-]{2,}")


def search_form(text: str) -> str:
    """The text as terms are looked for in it: folded, hyphens and line breaks as spaces.

    Every step maps one character to one character, so offsets in it are offsets in ``text``.
    """
    return fold(text).translate(_SEPARATORS)


@dataclass(frozen=True)
class _Squeezed:
    """A haystack with each run of spaces and hyphens as one space, where a term's key (one space
    between words) finds "al - Shabaab" and "popular  market" as term_regex does. Unlike
    ``search_form`` it may be shorter than the haystack: ``original`` maps its offsets back."""

    text: str
    starts: tuple[int, ...]  # offsets in ``text`` right after a run that lost characters (and 0)
    removed: tuple[int, ...]  # how many characters the runs before ``starts[i]`` lost in all

    def original(self, offset: int) -> int:
        """The haystack's offset of the character at ``offset`` in ``text`` (a run's space stands
        for the run's first character)."""
        return offset + self.removed[bisect_right(self.starts, offset) - 1]


@lru_cache(maxsize=8)
def _squeeze(haystack: str) -> _Squeezed:
    """The squeezed ``haystack``, kept for a while: a text is searched with every vocabulary."""
    starts, removed = [0], [0]
    for run in _LONGER_RUN.finditer(haystack):
        # The run's first character stays as its space; the character after the run follows.
        starts.append(run.start() - removed[-1] + 1)
        removed.append(removed[-1] + len(run.group()) - 1)
    return _Squeezed(_SEPARATOR_RUN.sub(" ", haystack), tuple(starts), tuple(removed))


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
            key = term_key(term.text, case_sensitive=term.case_sensitive)
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
        for automaton, haystack in ((self._folded, searched), (self._exact, text)):
            if not len(automaton):
                continue
            squeezed = _squeeze(haystack)
            for last, keys in automaton.iter(squeezed.text):
                for key in keys:
                    hit = self._accept(squeezed, last, key)
                    if hit is not None:
                        hits.append(hit)
        for entry, pattern, regex in self._patterns:
            for match in regex.finditer(searched):
                if match.end() > match.start():
                    hits.append(Hit(match.start(), match.end(), entry, pattern))
        return hits

    @staticmethod
    def _accept(squeezed: _Squeezed, last: int, key: _Key[T]) -> Hit[T] | None:
        haystack = squeezed.text
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
        return Hit(
            squeezed.original(start),
            squeezed.original(end - 1) + 1,
            key.entry,
            key.term.text,
            key.term.weight,
            key.term.ambiguous,
        )


def longest_first(hits: Iterable[Hit[T]]) -> list[Hit[T]]:
    """Hits without overlaps: at each place the longest hit wins (then the heavier one)."""
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start), -h.weight))
    kept: list[Hit[T]] = []
    for hit in ordered:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept
