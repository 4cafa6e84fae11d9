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
_NOT_SPEAKERS = frozenset(
    "it he she they we this that these on in at monday tuesday wednesday thursday friday "
    "saturday sunday yesterday today however meanwhile".split()
)


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
    pronoun = _PRONOUN_SPEAKER.search(text[sentence_start:start]) if publisher else None
    if publisher and pronoun is not None:
        words = pronoun.group().rstrip()
        begin = sentence_start + pronoun.start()
        return _Speaker(publisher, begin, begin + len(words))
    match = _NAME_BEFORE.search(text, sentence_start, start)
    if match:
        name = match.group(1).strip()
        name = re.sub(r"^(?:the|and|of|for)\s+", "", name, flags=re.I).strip()
        if name and name[0].isupper() and name.lower() not in _NOT_SPEAKERS:
            if publisher and name.lower() in publisher.lower():
                name = publisher
            return _Speaker(name, match.start(1), match.start(1) + len(match.group(1).rstrip()))
    return None


# Where the list of those called upon ends: "call on the Council and the Envoy to Syria to take
# measures" (an infinitive verb, lower case, after "to").
_INFINITIVE = re.compile(r"\bto\s+(?!the\b|syria\b)[a-z]{3,}")
_PRONOUN_SPEAKER = re.compile(r"\b(?:we|it|the coalition)\s+(?:\w+\s+){0,2}$", re.I)


def _addressees(
    tags: Tags, kind: str, start: int, end: int, text: str
) -> list[tuple[int, int, str]]:
    """Whom it is addressed to: the bodies called on (all of a list), or the actors condemned."""
    stop = _INFINITIVE.search(text, start, end) if kind == "demand" else None
    limit = stop.start() if stop else end
    bodies = [(h.start, h.end, h.entry.name) for h in tags.addressees if start <= h.start < limit]
    actors = [(h.start, h.end, h.entry.id) for h in tags.actors if start <= h.start < limit]
    if kind == "demand":
        return sorted(bodies) or sorted(actors)[:1]
    found = sorted(actors + bodies)
    return found[:1]


def read_statements(
    text: str,
    layout: Layout,
    tags: Tags,
    publisher: str | None,
    perpetrators: tuple[str, ...] = (),
) -> list[StatementClaim]:
    """One claim per statement verb, speaker and addressee; repeats (title and body) kept once.

    A condemnation that names no one ("condemns all these crimes") is addressed to the
    perpetrators of the events the report tells (``perpetrators``).
    """
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
        targets: list[tuple[int, int, str] | None] = list(
            _addressees(tags, kind, hit.start, sentence.end, text)
        )
        if not targets and kind == "condemn" and perpetrators:
            targets = [(0, 0, p) for p in perpetrators]
        for target in targets or [None]:
            key = (speaker.value, kind, target[2] if target else None)
            if key in seen:
                continue
            seen.add(key)
            evidence = [
                Evidence(
                    "speaker", speaker.start, speaker.end, text[speaker.start : speaker.end], RULE
                ),
                Evidence("kind", hit.start, hit.end, text[hit.start : hit.end], RULE),
            ]
            if target and target[1] > target[0]:
                evidence.append(
                    Evidence("addressee", target[0], target[1], text[target[0] : target[1]], RULE)
                )
            elif target:
                evidence.append(Evidence("addressee", 0, 0, "", f"{RULE}:perpetrator-of-event"))
            claims.append(
                StatementClaim(speaker.value, kind, target[2] if target else None, evidence)
            )
    return claims


def _embedded(hits: list[Hit[StatementKind]], hit: Hit[StatementKind], sentence_start: int) -> bool:
    """ "calls on the Council to condemn": the second verb is what is demanded, not said."""
    return any(
        sentence_start <= other.start < hit.start and other.entry.id == "demand" for other in hits
    )
