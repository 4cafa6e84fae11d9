"""Statements: who condemns, demands, denies or claims what, and of whom."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmtrack.extract.frames import Layout
from harmtrack.extract.lexicon import Hit
from harmtrack.extract.tagging import Tags
from harmtrack.model import Evidence, StatementClaim
from harmtrack.vocab.models import StatementKind

RULE = "statements@1"

_NAME_BEFORE = re.compile(
    r"((?:[A-Z][\w.'’-]*|of|for|the|and)(?:\s+(?:[A-Z][\w.'’-]*|of|for|the|and)){0,6})"
    r"\s*(?:,[^,]{0,60},\s*)?(?:\s+(?:has|have|had|also|strongly|firmly|again|once again|"
    r"further|then|later))*\s*$"
)
_EMBEDDING = re.compile(r"\b(?:to|and)\s+$")


@dataclass(frozen=True)
class _Speaker:
    value: str
    start: int
    end: int


def _speaker(
    text: str, tags: Tags, start: int, sentence_start: int, publisher: str | None
) -> _Speaker | None:
    """The subject just before a statement verb: a known source or actor, else a name."""
    window = (sentence_start, start)
    candidates: list[tuple[int, int, str]] = [
        (h.start, h.end, h.entry.name)
        for h in tags.sources
        if window[0] <= h.start and h.end <= window[1]
    ]
    for actor in tags.actors:
        if window[0] <= actor.start and actor.end <= window[1]:
            mentioned = text[actor.start : actor.end].lower()
            is_publisher = publisher is not None and mentioned in publisher.lower()
            candidates.append(
                (
                    actor.start,
                    actor.end,
                    publisher if publisher and is_publisher else actor.entry.id,
                )
            )
    if candidates:
        start_, end_, value = max(candidates, key=lambda c: c[1])
        if start - end_ <= 60:
            return _Speaker(value, start_, end_)
    match = _NAME_BEFORE.search(text, sentence_start, start)
    if match:
        name = match.group(1).strip()
        name = re.sub(r"^(?:the|and|of|for)\s+", "", name, flags=re.I).strip()
        if name and name[0].isupper() and name.lower() not in ("it", "he", "she", "they", "we"):
            if publisher and name.lower() in publisher.lower():
                name = publisher
            return _Speaker(name, match.start(1), match.start(1) + len(match.group(1).rstrip()))
    return None


def _addressee(tags: Tags, kind: str, start: int, end: int) -> tuple[int, int, str] | None:
    """Whom it is addressed to: the body called on, or the actor condemned, after the verb."""
    bodies = [(h.start, h.end, h.entry.name) for h in tags.addressees if start <= h.start < end]
    actors = [(h.start, h.end, h.entry.id) for h in tags.actors if start <= h.start < end]
    ordered = sorted(bodies + actors) if kind == "demand" else sorted(actors + bodies)
    if kind == "demand" and bodies:
        return min(bodies)
    return ordered[0] if ordered else None


def read_statements(
    text: str, layout: Layout, tags: Tags, publisher: str | None
) -> list[StatementClaim]:
    """One claim per statement verb with a speaker; repeats (title and body) kept once."""
    claims: list[StatementClaim] = []
    seen: set[tuple[str, str, str | None]] = set()
    for hit in tags.statements:
        index = layout.sentence_of(hit.start)
        sentence = layout.sentences[index]
        if _embedded(tags.statements, hit, sentence.start):
            continue
        speaker = _speaker(text, tags, hit.start, sentence.start, publisher)
        if speaker is None:
            continue
        kind: str = hit.entry.id
        # "holds Russia responsible": the addressee may sit inside the verb phrase itself.
        addressee = _addressee(tags, kind, hit.start, sentence.end)
        key = (speaker.value, kind, addressee[2] if addressee else None)
        if key in seen:
            continue
        seen.add(key)
        evidence = [
            Evidence(
                "speaker", speaker.start, speaker.end, text[speaker.start : speaker.end], RULE
            ),
            Evidence("kind", hit.start, hit.end, text[hit.start : hit.end], RULE),
        ]
        if addressee:
            evidence.append(
                Evidence(
                    "addressee", addressee[0], addressee[1], text[addressee[0] : addressee[1]], RULE
                )
            )
        claims.append(
            StatementClaim(speaker.value, kind, addressee[2] if addressee else None, evidence)
        )
    return claims


def _embedded(hits: list[Hit[StatementKind]], hit: Hit[StatementKind], sentence_start: int) -> bool:
    """ "calls on the Council to condemn": the second verb is what is demanded, not said."""
    return any(
        sentence_start <= other.start < hit.start and other.entry.id == "demand" for other in hits
    )
