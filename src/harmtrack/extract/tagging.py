"""Tag a text once with every vocabulary: actors, weapons, targets, cues, statements, sources."""

from __future__ import annotations

from dataclasses import dataclass, field

from harmtrack.extract.lexicon import Hit, Lexicon, longest_first, search_form
from harmtrack.vocab.loader import Vocabulary
from harmtrack.vocab.models import (
    Actor,
    Addressee,
    EventCue,
    GenericActor,
    Source,
    StatementKind,
    TargetSite,
    Weapon,
)


@dataclass(frozen=True)
class Tags:
    """Vocabulary hits in one text, each list without overlaps (longest first)."""

    folded: str
    actors: list[Hit[Actor]]
    generic_actors: list[Hit[GenericActor]]
    weapons: list[Hit[Weapon]]
    targets: list[Hit[TargetSite]]
    cues: list[Hit[EventCue]]
    statements: list[Hit[StatementKind]]
    addressees: list[Hit[Addressee]]
    sources: list[Hit[Source]]
    accusations: list[Hit[StatementKind]] = field(default_factory=list)


class Tagger:
    """The vocabulary compiled into matchers; build once, use for many texts."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.actors: Lexicon[Actor] = Lexicon(
            ((a, t) for a in vocab.actors for t in a.aliases),
            ((a, p) for a in vocab.actors for p in a.patterns),
        )
        self.generic: Lexicon[GenericActor] = Lexicon(
            (g, t) for g in vocab.generic_actors for t in g.aliases
        )
        self.weapons: Lexicon[Weapon] = Lexicon(
            ((w, t) for w in vocab.weapons for t in w.aliases),
            ((w, p) for w in vocab.weapons for p in w.patterns),
        )
        self.targets: Lexicon[TargetSite] = Lexicon(
            ((s, t) for s in vocab.targets for t in s.aliases),
            ((s, p) for s in vocab.targets for p in s.patterns),
        )
        self.cues: Lexicon[EventCue] = Lexicon(
            ((c, t) for c in vocab.event_cues for t in c.terms),
            ((c, p) for c in vocab.event_cues for p in c.patterns),
        )
        self.statements: Lexicon[StatementKind] = Lexicon(
            ((k, t) for k in vocab.statements for t in k.cues),
            ((k, p) for k in vocab.statements for p in k.patterns),
        )
        self.accusations: Lexicon[StatementKind] = Lexicon(
            (k, t) for k in vocab.statements for t in k.implied_by
        )
        self.addressees: Lexicon[Addressee] = Lexicon(
            ((a, t) for a in vocab.addressees for t in a.aliases),
            ((a, p) for a in vocab.addressees for p in a.patterns),
        )
        self.sources: Lexicon[Source] = Lexicon(
            ((s, t) for s in vocab.sources for t in s.aliases),
            ((s, p) for s in vocab.sources for p in s.patterns),
        )

    def tag(self, text: str) -> Tags:
        folded = search_form(text)
        sources = longest_first(self.sources.find(text, folded))
        # A publisher's own name ("the Syrian Coalition") is a speaker, not an armed actor.
        actors = [
            hit
            for hit in longest_first(self.actors.find(text, folded))
            if not any(s.start <= hit.start and hit.end <= s.end for s in sources)
        ]
        return Tags(
            folded=folded,
            actors=actors,
            generic_actors=longest_first(self.generic.find(text, folded)),
            weapons=longest_first(self.weapons.find(text, folded)),
            targets=longest_first(self.targets.find(text, folded)),
            cues=longest_first(self.cues.find(text, folded)),
            statements=longest_first(self.statements.find(text, folded)),
            addressees=longest_first(self.addressees.find(text, folded)),
            sources=sources,
            accusations=longest_first(self.accusations.find(text, folded)),
        )
