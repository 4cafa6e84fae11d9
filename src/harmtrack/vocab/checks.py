"""Checks across entries of the vocabulary: unique ids, unique terms, references that exist."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from harmtrack.vocab.models import (
    Actor,
    EventCue,
    EventType,
    GenericActor,
    Quantities,
    Source,
    Term,
    Weapon,
)


@dataclass(frozen=True)
class Problem:
    """One bad entry: the file, where in it, and what is wrong."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


class Named(Protocol):
    """An entry with an id and terms (actors, weapons, cues, statement kinds, sources...)."""

    @property
    def id(self) -> str: ...

    @property
    def aliases(self) -> tuple[Term, ...]: ...


@dataclass(frozen=True)
class Located:
    """Terms of one entry, with the place the entry was read from (for messages)."""

    where: str
    owner: str
    terms: Sequence[Term]


def duplicate_ids(file: str, section: str, ids: Sequence[str]) -> Iterator[Problem]:
    """Every id used by more than one entry of a section."""
    seen: dict[str, int] = {}
    for index, entry_id in enumerate(ids):
        if entry_id in seen:
            where = f"{section}[{index}] (id {entry_id!r})"
            yield Problem(file, where, f"duplicate id, first used by {section}[{seen[entry_id]}]")
        else:
            seen[entry_id] = index


def duplicate_terms(file: str, located: Iterable[Located]) -> Iterator[Problem]:
    """A term may appear once per entry, and in two entries only when every use is ambiguous."""
    uses: dict[str, list[tuple[Located, Term]]] = defaultdict(list)
    for place in located:
        keys_here: set[str] = set()
        for term in place.terms:
            if term.key in keys_here:
                yield Problem(file, place.where, f"term {term.text!r} is listed twice")
                continue
            keys_here.add(term.key)
            uses[term.key].append((place, term))
    for entries in uses.values():
        owners = sorted({place.owner for place, _ in entries})
        if len(owners) > 1 and not all(term.ambiguous for _, term in entries):
            place, term = entries[-1]
            yield Problem(
                file,
                place.where,
                f"term {term.text!r} belongs to {', '.join(owners)}; "
                "mark it `ambiguous: true` in each of them or keep it in one",
            )


def section_terms(file: str, sections: Mapping[str, Sequence[Named]]) -> Iterator[Problem]:
    """The duplicate-term check over every entry of the given sections of one file."""
    yield from duplicate_terms(
        file,
        [
            Located(f"{section}[{index}] (id {entry.id!r})", entry.id, entry.aliases)
            for section, entries in sections.items()
            for index, entry in enumerate(entries)
        ],
    )


def event_type_pair(
    taxonomy: Mapping[str, Sequence[str]], event_type: str | None, sub_event_type: str | None
) -> str | None:
    """Why a (type, sub-type) pair is not ACLED's, or None when it is (both null is allowed)."""
    if event_type is None:
        return None if sub_event_type is None else "sub_event_type given without event_type"
    if event_type not in taxonomy:
        return f"unknown ACLED event_type {event_type!r}"
    if sub_event_type is not None and sub_event_type not in taxonomy[event_type]:
        return f"unknown ACLED sub_event_type {sub_event_type!r} for {event_type!r}"
    return None


def taxonomy_problems(file: str, types: Sequence[EventType]) -> Iterator[Problem]:
    """Event type names are unique, and so are the sub-types within a type."""
    yield from duplicate_ids(file, "event_types", [t.name for t in types])
    for index, event_type in enumerate(types):
        seen: set[str] = set()
        for sub in event_type.sub_event_types:
            if sub in seen:
                where = f"event_types[{index}] ({event_type.name!r})"
                yield Problem(file, where, f"sub_event_type {sub!r} is listed twice")
            seen.add(sub)


def actor_problems(
    file: str, actors: Sequence[Actor], generic: Sequence[GenericActor]
) -> Iterator[Problem]:
    yield from duplicate_ids(file, "actors", [a.id for a in actors])
    ids = {a.id for a in actors}
    acled_owner: dict[str, str] = {}
    for index, actor in enumerate(actors):
        where = f"actors[{index}] (id {actor.id!r})"
        for ally in actor.allied_with:
            if ally == actor.id or ally not in ids:
                yield Problem(file, where, f"allied_with {ally!r} is not another actor id")
        for name in actor.acled_names:
            if acled_owner.setdefault(name, actor.id) != actor.id:
                owner = acled_owner[name]
                yield Problem(file, where, f"ACLED name {name!r} is already given to {owner!r}")
    located = [Located(f"actors[{i}] (id {a.id!r})", a.id, a.aliases) for i, a in enumerate(actors)]
    located += [
        Located(f"generic[{i}] (kind {g.kind!r})", f"generic {g.kind}", g.aliases)
        for i, g in enumerate(generic)
    ]
    yield from duplicate_terms(file, located)


def weapon_problems(
    file: str, weapons: Sequence[Weapon], taxonomy: Mapping[str, Sequence[str]] | None
) -> Iterator[Problem]:
    yield from duplicate_ids(file, "weapons", [w.id for w in weapons])
    ids = {w.id for w in weapons}
    for index, weapon in enumerate(weapons):
        where = f"weapons[{index}] (id {weapon.id!r})"
        if weapon.broader is not None and (
            weapon.broader == weapon.id or weapon.broader not in ids
        ):
            yield Problem(file, where, f"broader {weapon.broader!r} is not another weapon id")
        if taxonomy is not None:
            why = event_type_pair(taxonomy, weapon.event_type, weapon.sub_event_type)
            if why:
                yield Problem(file, where, why)
    yield from section_terms(file, {"weapons": weapons})


def cue_problems(
    file: str, cues: Sequence[EventCue], taxonomy: Mapping[str, Sequence[str]] | None
) -> Iterator[Problem]:
    yield from duplicate_ids(file, "cues", [c.id for c in cues])
    for index, cue in enumerate(cues):
        why = (
            None
            if taxonomy is None
            else event_type_pair(taxonomy, cue.event_type, cue.sub_event_type)
        )
        if why:
            yield Problem(file, f"cues[{index}] (id {cue.id!r})", why)
    yield from section_terms(file, {"cues": cues})


def source_problems(
    file: str, sources: Sequence[Source], actor_ids: set[str] | None
) -> Iterator[Problem]:
    yield from duplicate_ids(file, "sources", [s.id for s in sources])
    domain_owner: dict[str, str] = {}
    for index, source in enumerate(sources):
        where = f"sources[{index}] (id {source.id!r})"
        if actor_ids is not None and source.side is not None and source.side not in actor_ids:
            yield Problem(file, where, f"side {source.side!r} is not an actor id")
        for domain in source.domains:
            if domain_owner.setdefault(domain, source.id) != source.id:
                yield Problem(
                    file, where, f"domain {domain!r} already belongs to {domain_owner[domain]!r}"
                )
    yield from section_terms(file, {"sources": sources})


def quantity_problems(file: str, quantities: Quantities) -> Iterator[Problem]:
    """Each wording has one reading: no quantifier, bound, noun or role word is given twice."""
    sections: dict[str, list[str]] = {
        "vague": [v.text for v in quantities.vague],
        "bounds": [b.text for b in quantities.bounds],
        "victim_nouns": [n.text for n in quantities.victim_nouns],
        "ranges": [t.text for t in quantities.ranges],
        "exact_groups": [t.text for t in quantities.exact_groups],
    }
    for section, texts in sections.items():
        seen: set[str] = set()
        for index, text in enumerate(texts):
            if text.casefold() in seen:
                yield Problem(file, f"{section}[{index}]", f"{text!r} is listed twice")
            seen.add(text.casefold())
    for vague in quantities.vague:
        if vague.low is not None and vague.high is not None and vague.low > vague.high:
            yield Problem(file, f"vague {vague.text!r}", "low is greater than high")
    yield from duplicate_terms(
        file, [Located(f"roles.{role}", role, terms) for role, terms in quantities.roles.items()]
    )
