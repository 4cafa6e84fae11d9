"""The schema of the vocabulary files: one frozen pydantic model per kind of entry."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from harmtrack.vocab.matching import Lang, pattern_regex, term_key, term_lang


def _clean_text(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    if value != value.strip() or "  " in value or "\n" in value:
        raise ValueError(f"{value!r} has stray whitespace")
    if unicodedata.normalize("NFC", value) != value:
        raise ValueError(f"{value!r} is not NFC-normalized")
    return value


_REGEX_SYNTAX = re.compile(r"[\\\[\](){}?*+|.^$]")


def _valid_regex(value: str) -> str:
    if not _REGEX_SYNTAX.search(value):
        raise ValueError(f"regex {value!r} has no regex syntax: list it as a term")
    try:
        compiled = pattern_regex(value)
    except re.error as exc:
        raise ValueError(f"regex {value!r} does not compile: {exc}") from None
    if compiled.fullmatch(""):
        raise ValueError(f"regex {value!r} matches the empty string")
    if unicodedata.normalize("NFC", value) != value:
        raise ValueError(f"regex {value!r} is not NFC-normalized")
    return value


CleanText = Annotated[str, AfterValidator(_clean_text)]
Regex = Annotated[str, AfterValidator(_valid_regex)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
Domain = Annotated[str, Field(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")]

ActorKind = Literal[
    "state_military",
    "police",
    "state_security",
    "pro_government_militia",
    "paramilitary",
    "coalition",
    "peacekeepers",
    "rebel",
    "jihadist",
    "militia",
    "private_military",
    "gang",
    "political",
    "protesters",
    "rioters",
    "unknown",
]
SourceKind = Literal["ngo", "media", "government", "armed_group", "un", "monitor", "other"]
StatementKindId = Literal["condemn", "demand", "deny", "claim_responsibility", "call_investigation"]
CasualtyRole = Literal["killed", "injured", "unassigned", "not_counted"]


class Frozen(BaseModel):
    """Base of every vocabulary model: immutable, and unknown keys are errors (they are typos)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Term(Frozen):
    """A word or phrase to find in text; written in a file as a plain string or as a mapping.

    ``ambiguous`` marks a term that may name more than one entry (context must decide) and is the
    only way one term may belong to two entries of a file; ``weight`` (0-1] says how far to trust
    it.
    ``case_sensitive`` is for acronyms that are also common words ("IS", "AA").
    """

    text: CleanText
    weight: float = Field(default=1.0, gt=0, le=1)
    ambiguous: bool = False
    case_sensitive: bool = False
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data

    @property
    def lang(self) -> Lang:
        return term_lang(self.text)

    @property
    def key(self) -> str:
        """What two terms must share to be the same term."""
        return term_key(self.text, case_sensitive=self.case_sensitive)


Terms = Annotated[tuple[Term, ...], Field(min_length=1)]


class Lexeme(Frozen):
    """An entry found in text by its terms (plain strings) and optional regex patterns."""

    id: Id
    name: CleanText
    aliases: Terms
    patterns: tuple[Regex, ...] = ()
    note: str | None = None


class EventType(Frozen):
    """One of ACLED's event types with its sub-event types, spelled as ACLED spells them."""

    name: CleanText
    sub_event_types: Annotated[tuple[CleanText, ...], Field(min_length=1)]


class Actor(Lexeme):
    """An armed actor (or crowd) with a canonical id used as perpetrator, target or speaker."""

    kind: ActorKind
    country: CountryCode | None = None
    operates_in: tuple[CountryCode, ...] = ()
    allied_with: tuple[Id, ...] = ()
    acled_names: tuple[CleanText, ...] = ()


class GenericActor(Frozen):
    """Words that name an actor by kind only ("the army"); the event's country resolves them."""

    kind: ActorKind
    aliases: Terms


class Weapon(Lexeme):
    """A means of attack; the ACLED type it implies when it is the means (null: context decides)."""

    event_type: CleanText | None = None
    sub_event_type: CleanText | None = None
    broader: Id | None = None


class TargetSite(Lexeme):
    """What was hit; ``civilian_object`` is false for military sites, null when it depends."""

    civilian_object: bool | None


class EventCue(Frozen):
    """Trigger terms that open an event frame of one ACLED type (null type: from context).

    ``priority`` 3 = specific (wins), 2 = typical, 1 = generic (only when nothing else is found).
    """

    id: Id
    event_type: CleanText | None
    sub_event_type: CleanText | None
    priority: int = Field(ge=1, le=3)
    terms: Terms
    patterns: tuple[Regex, ...] = ()
    note: str | None = None

    @property
    def aliases(self) -> tuple[Term, ...]:
        return self.terms


class VagueQuantity(Frozen):
    """A vague quantifier ("dozens") and the figures the convention gives it."""

    text: CleanText
    low: int | None = Field(ge=0)
    high: int | None = Field(ge=0)
    note: str | None = None


class Bound(Frozen):
    """A modifier of a number ("at least", "up to") and which end of the range the number fixes."""

    text: CleanText
    keeps: Literal["low", "high", "both"]
    position: Literal["before", "after"] = "before"
    note: str | None = None


class Template(Frozen):
    """A phrase with number slots, e.g. ``between {n} and {m}`` or ``a family of {n}``."""

    text: CleanText
    note: str | None = None


class VictimNoun(Frozen):
    """A noun that counts victims; ``count`` when the noun carries its own number (Arabic duals)."""

    text: CleanText
    civilian: bool | None
    count: int | None = Field(default=None, ge=1)


class Quantities(Frozen):
    """The quantity convention table and the words that give a number its role."""

    vague: Annotated[tuple[VagueQuantity, ...], Field(min_length=1)]
    bounds: Annotated[tuple[Bound, ...], Field(min_length=1)]
    ranges: Annotated[tuple[Template, ...], Field(min_length=1)]
    exact_groups: tuple[Template, ...] = ()
    indefinite_articles: tuple[CleanText, ...] = ()
    number_words: dict[Lang, dict[CleanText, int]]
    multipliers: dict[Lang, dict[CleanText, int]] = Field(default_factory=dict)
    victim_nouns: Annotated[tuple[VictimNoun, ...], Field(min_length=1)]
    roles: dict[CasualtyRole, Terms]

    @model_validator(mode="after")
    def _templates_have_slots(self) -> Quantities:
        for template in self.ranges:
            if template.text.count("{n}") != 1 or template.text.count("{m}") != 1:
                raise ValueError(f"range {template.text!r} needs one {{n}} and one {{m}}")
        for template in self.exact_groups:
            if template.text.count("{n}") != 1 or "{m}" in template.text:
                raise ValueError(f"group {template.text!r} needs exactly one {{n}}")
        return self


class StatementKind(Frozen):
    """A kind of statement from the codebook and the verbs that make one.

    ``implied_by``: words that make the statement without its verb when a report is the
    publisher's own (a release that calls an actor's attack "a crime" condemns that actor).
    """

    id: StatementKindId
    name: CleanText
    cues: Terms
    patterns: tuple[Regex, ...] = ()
    implied_by: Terms = ()

    @property
    def aliases(self) -> tuple[Term, ...]:
        return self.cues


class Addressee(Lexeme):
    """A body that statements are often addressed to (UN Security Council, the world at large)."""


class Source(Lexeme):
    """A publisher: who speaks, on whose side, and the names and web domains it goes by."""

    kind: SourceKind
    full_name: CleanText | None = None
    side: Id | None = None
    country: CountryCode | None = None
    domains: tuple[Domain, ...] = ()
