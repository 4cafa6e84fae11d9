"""Cue words around a place mention: "rural Aleppo", "outskirts of Saraqib", "Idlib province"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from harmtrack.geo.normalize import fold, has_arabic
from harmtrack.geo.tables import Lexicon

Cue = Literal["admin1", "admin2", "near", "town"]

_POSSESSIVE = re.compile(r"['’]s\b")
# Where a mention splits into parts that may each be a place: "Ar-Raqqa - Tishrine", "X, Y".
_PART_SEPARATORS = re.compile(
    r"\s+[-–—]\s+|[,;()/]|\s+(?:in|at|on|near|by|and|between)\s+", re.IGNORECASE
)
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=[A-Z0-9])")
_MIN_PART_LETTERS = 4


_CueList = tuple[tuple[Cue, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name with its cue words taken off, and the kinds of cue found."""

    core: str  # folded
    cues: frozenset[Cue]  # all cues found, in the name and around it
    outer_cues: frozenset[Cue] = frozenset()  # the cues found around the name only


def parse_mention(name: str, lexicon: Lexicon, *, left: str = "", right: str = "") -> Mention:
    """Split cue words ("rural", "outskirts of", "province") from the place name they frame."""
    before: _CueList = (
        ("near", lexicon.near_before),
        ("admin1", lexicon.admin1_before),
        ("admin2", lexicon.admin2_before),
        ("town", lexicon.town_before),
    )
    after: _CueList = (
        ("admin1", lexicon.admin1_after),
        ("admin2", lexicon.admin2_after),
        ("near", lexicon.near_after),
        ("town", lexicon.town_after),
    )
    noise = lexicon.noise_words
    cues: set[Cue] = set()
    words = fold(_POSSESSIVE.sub("", name)).split()
    if words and words[0] == "between":
        cues.add("near")
        words = " ".join(words[1:]).split(" and ")[0].split()
    words = _strip_cues(words, before, noise, cues, at_start=True, keep=1)
    words = _strip_cues(words, after, noise, cues, at_start=False, keep=1)
    if cues:
        # Arabic puts the direction after the name: ريف حلب الغربي, "Aleppo's western countryside".
        while len(words) > 1 and words[-1] in noise:
            words = words[:-1]
    outer: set[Cue] = set()
    _strip_cues(fold(left).split()[-8:], before, noise, outer, at_start=False, keep=0)
    right_words = fold(_POSSESSIVE.sub("", right)).split()[:5]
    _strip_cues(right_words, after, noise, outer, at_start=True, keep=0)
    return Mention(" ".join(words), frozenset(cues | outer), frozenset(outer))


def _strip_cues(
    words: list[str],
    cue_lists: _CueList,
    noise: frozenset[str],
    cues: set[Cue],
    *,
    at_start: bool,
    keep: int,
) -> list[str]:
    """Remove "(noise)* cue" groups from the start (or "cue (noise)*" from the end) of words.

    Noise words (directions, "the") are only removed together with a cue, so a name such as
    "Lower Juba" keeps its first word. ``keep`` words at least are left for the name.
    """
    while True:
        found = _cue_at_edge(words, cue_lists, noise, at_start, keep)
        if found is None:
            return words
        kind, removed = found
        cues.add(kind)
        words = words[removed:] if at_start else words[: len(words) - removed]
        # Directions between the cue and the name go too: "Aleppo western countryside".
        while len(words) > max(keep, 1) and (words[0] if at_start else words[-1]) in noise:
            words = words[1:] if at_start else words[:-1]


def _cue_at_edge(
    words: list[str], cue_lists: _CueList, noise: frozenset[str], at_start: bool, keep: int
) -> tuple[Cue, int] | None:
    edge = words if at_start else words[::-1]
    for skipped in range(0, min(4, len(edge))):
        if skipped and edge[skipped - 1] not in noise:
            return None
        for kind, phrases in cue_lists:
            for phrase in phrases:
                tokens = phrase.split()
                size = len(tokens)
                window = edge[skipped : skipped + size]
                fits = (window if at_start else window[::-1]) == tokens
                if fits and len(words) - skipped - size >= keep:
                    return kind, skipped + size
    return None


def name_parts(name: str, facility_words: frozenset[str] = frozenset()) -> Iterator[str]:
    """The parts of a mention that may each name a place, in order of appearance.

    Parts are split at separators: " - ", commas, brackets, and "in", "at", "near"…, so
    "the home of the X family on Al-Eshreen Street in Al-Nuseirat Camp 5" gives
    "Al-Nuseirat Camp" among others; a hyphen between capitalised words splits a coder's
    "Mogadishu-Hodan" too. Trailing numbers go ("Camp 5"); parts without a capitalised (or
    Arabic) word are common nouns ("main street"), and parts ending in a facility word are
    buildings ("Salim Mosque"): neither is given.
    """
    seen = {fold(name)}
    pieces = _PART_SEPARATORS.split(name) + _PART_SEPARATORS.split(_INNER_HYPHEN.sub(" - ", name))
    for piece in pieces:
        words = (piece or "").split()
        while words and words[-1].isdigit():
            words.pop()
        if not words or fold(words[-1]) in facility_words:
            continue
        if not any(w[:1].isupper() or has_arabic(w) for w in words):
            continue
        part = " ".join(words)
        key = fold(part)
        if len(key.replace(" ", "")) >= _MIN_PART_LETTERS and key not in seen:
            seen.add(key)
            yield part
