"""Statements: who condemns, demands, denies or claims what, and of whom."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from harmtrack.extract.frames import Layout
from harmtrack.extract.lexicon import Hit
from harmtrack.extract.tagging import Tags
from harmtrack.model import Evidence, StatementClaim
from harmtrack.vocab.models import Actor, StatementKind

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


# A denial or a claim of responsibility is the belligerent's: "the Russian Defence Ministry
# denied" is Russia's denial, "the military said it carried out" the army's claim. It has no
# addressee (the codebook's addressee is who is condemned or called upon).
_PARTY_KINDS = frozenset({"deny", "claim_responsibility"})


def _speaker(
    text: str,
    tags: Tags,
    start: int,
    sentence_start: int,
    publisher: str | None,
    party: Callable[[str], str | None] | None = None,
) -> _Speaker | None:
    """The subject just before a statement verb: a known source or actor, else a name.

    ``party`` (for denials and claims) gives the belligerent a generic speaker stands for ("the
    military"); a source speaking for a side is then that side.
    """
    window = (sentence_start, start)
    candidates: list[tuple[int, int, str]] = [
        (h.start, h.end, (h.entry.side if party and h.entry.side else h.entry.name))
        for h in tags.sources
        if window[0] <= h.start and h.end <= window[1]
    ]
    if party is not None:
        for generic in tags.generic_actors:
            side = party(generic.entry.kind)
            if side and window[0] <= generic.start and generic.end <= window[1]:
                candidates.append((generic.start, generic.end, side))
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
    kinds: Mapping[str, str] | None = None,
    *,
    publisher_speaks: bool = False,
) -> list[StatementClaim]:
    """One claim per statement verb, speaker and addressee; repeats (title and body) kept once.

    A condemnation that names no one ("condemns all these crimes") is addressed to the
    perpetrators of the events the report tells (``perpetrators``); "the military" that
    denies or claims an attack is the perpetrator of that kind (``kinds``: actor id -> kind).
    When the report is the publisher's own statement (``publisher_speaks``), its accusations
    are condemnations too (see ``_implied``).
    """

    kind_of = dict(kinds or {})

    def parties(kind: str) -> str | None:
        matching = [p for p in perpetrators if kind_of.get(p) == kind]
        return matching[0] if len(matching) == 1 else None

    claims: list[StatementClaim] = []
    seen: set[tuple[str, str, str | None]] = set()
    for hit in tags.statements:
        index = layout.sentence_of(hit.start)
        sentence = layout.sentences[index]
        if _embedded(tags.statements, hit, sentence.start):
            continue
        kind: str = hit.entry.id
        party = parties if kind in _PARTY_KINDS else None
        speaker = _speaker(text, tags, hit.start, sentence.start, publisher, party)
        if speaker is None:
            continue
        # "holds Russia responsible": the addressee may sit inside the verb phrase itself.
        targets: list[tuple[int, int, str] | None] = (
            []
            if kind in _PARTY_KINDS
            else list(_addressees(tags, kind, hit.start, sentence.end, text))
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
    if publisher_speaks and publisher:
        claims += _implied(text, tags, publisher, seen)
    return claims


# The actor an accusation is about: "the crime committed by aircraft of the Russian forces",
# "slaughtered today by Russia, Iran and the Assad regime", "the Assad regime's crimes",
# "Russian jets committed a massacre" (folded text between the word and the actor).
_AGENT_AFTER = re.compile(
    r"^[^.;:]{0,45}?\b(?:by|of)\s+(?:the\s+)?(?:(?!and\b|or\b|but\b)\w+\s+){0,2}?$"
)
_AGENT_BEFORE = re.compile(
    r"^(?:['’]s?\s+(?:\w+\s+){0,2}|\s+(?:\w+\s+){0,3}?(?:committed|commits|committing|"
    r"perpetrated|perpetrates|carried out|carries out|continues|continued)\s+(?:\w+\s+){0,4})$"
)
# Between two actors of one list ("Russia, Iran and the Assad regime": one name between that
# is no actor may be skipped).
_LIST_GAP = re.compile(
    r"^\s*(?:,|&|and|,\s*and)\s*(?:the\s+)?(?:[^\W\d]+\s*(?:,|&|and|,\s*and)\s*(?:the\s+)?)?$"
)


def _accused(folded: str, word: Hit[StatementKind], tags: Tags) -> list[Hit[Actor]]:
    """The actors an accusing word is about, and those listed with the first."""
    after = [a for a in tags.actors if 0 <= a.start - word.end <= 60]
    before = [a for a in tags.actors if 0 <= word.start - a.end <= 60]
    agent_before = (a for a in reversed(before) if _AGENT_BEFORE.match(folded[a.end : word.start]))
    first = next(
        (a for a in after if _AGENT_AFTER.match(folded[word.end : a.start])),
        next(agent_before, None),
    )
    if first is None:
        return []
    found = [first]
    for actor in sorted(tags.actors, key=lambda a: a.start):
        if actor.start > found[-1].end and _LIST_GAP.match(folded[found[-1].end : actor.start]):
            found.append(actor)
    return found


def _implied(
    text: str, tags: Tags, publisher: str, seen: set[tuple[str, str, str | None]]
) -> list[StatementClaim]:
    """In a publisher's own release, words that call an actor's deeds crimes ("the crime
    committed by the Russian forces", "Idlib is being slaughtered by Russia") condemn it."""
    own = next((h for h in tags.sources if h.entry.name == publisher), None)
    speaker = (
        Evidence("speaker", own.start, own.end, text[own.start : own.end], RULE)
        if own
        else Evidence("speaker", 0, 0, "", f"{RULE}:publisher")
    )
    claims = []
    for word in tags.accusations:
        for actor in _accused(tags.folded, word, tags):
            key = (publisher, word.entry.id, actor.entry.id)
            if key in seen:
                continue
            seen.add(key)
            evidence = [
                speaker,
                Evidence("kind", word.start, word.end, text[word.start : word.end], RULE),
                Evidence("addressee", actor.start, actor.end, text[actor.start : actor.end], RULE),
            ]
            claims.append(StatementClaim(publisher, word.entry.id, actor.entry.id, evidence))
    return claims


def _embedded(hits: list[Hit[StatementKind]], hit: Hit[StatementKind], sentence_start: int) -> bool:
    """ "calls on the Council to condemn": the second verb is what is demanded, not said."""
    return any(
        sentence_start <= other.start < hit.start and other.entry.id == "demand" for other in hits
    )
