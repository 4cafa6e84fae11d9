"""Casualty figures: a quantity, the victims it counts, and the role a nearby word gives it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from harmtrack.extract.lexicon import Hit, Lexicon, longest_first
from harmtrack.extract.numbers import NumberReader, Quantity
from harmtrack.vocab.loader import Vocabulary
from harmtrack.vocab.models import Term, VictimNoun

RULE = "casualties@1"

# What may stand between a figure (with its victim noun) and a role word after it:
# "16 people have died", "hundreds more were injured", "five others were reportedly killed".
_RIGHT_GAP = re.compile(
    r"^(?:[\s,]*(?:'s|more|other|others|of them|people|persons|were|was|have|has|had|been|are|is|"
    r"be|being|reportedly|also|all|already|later|subsequently|confirmed|who|were all|found|left|"
    r"among|the|"
    r"reported|(?:reported|said|believed|thought|feared|confirmed) to have been|"
    r"(?:was|were|been) shot and|(?:in|at|inside|near|from)(?:\s+[^\W\d][\w'-]*){1,4}|"
    r"of(?:\s+(?!us\b|them\b|whom\b|which\b|those\b|these\b)[^\W\d]+){1,4}|"
    r"تم|قد|وقد|من|ما|بين))*[\s,]*$"
)
# What may stand between a role word and the figure it governs: "killed at least 27",
# "the death toll rose to 14", "killing 10", "left 3 dead".
_LEFT_GAP = re.compile(
    r"^(?:[\s:,]*(?:to|has|have|had|risen|rose|reached|climbed|increased|jumped|stood|stands|"
    r"at|is|was|now|of|a total of|total|the|some|including|نحو|الي|عن))*[\s:,]*$"
)
# "were killed and hundreds ..." is a passive; "have killed at least 18" is not.
_AUXILIARY = re.compile(r"\b(?:were|was|been|are|is|be|being|have|has|had)\b")
_PASSIVE_BEFORE = re.compile(r"\b(?:were|was|been|are|is|be|being)\s*$")
_SUBGROUP_BEFORE = re.compile(
    r"(?:including|among them|among whom|of them|of whom|among those|بينهم|منهم|من بينهم)"
    r"[\s,:]*$"
)
_SUBGROUP_ROLE = re.compile(r"among\s+(?:the\s+)?$")
_SUBGROUP_WORD = re.compile(r"\b(?:including|among them|among whom|of whom|of them|بينهم|منهم)\b")
# A subgroup clause inside a figure's phrase: "13 people, including 6 children, were killed".
_INSERTED = re.compile(r",?\s*(?:including|among them|among whom|of whom)\b[^.;]*?,")
_FAMILY = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?[\w'-]+(?:\s+[\w'-]+)?\s+family\b")
_VICTIM_GAP = re.compile(r"^\s*(?:of\s+)?(?:more\s+|other\s+|[\w/-]+\s+){0,3}$")
# Between a figure with a role and a bare figure that shares it: "... in Kafranbel and three".
_ELLIPSIS_GAP = re.compile(r"^[^.;:]*?(?:\band\b|,)\s*(?:another\s+)?$")
# Coders' notes state the figure they coded ("Fatalities coded as 0 (VoJ reported 7)"): that is
# the claim the note makes, whatever other figures it reports.
_CODED = re.compile(
    r"\b(?:fatalities|deaths|fatality)\s+(?:were\s+|was\s+|are\s+)?coded\s+(?:as|to|at)\s+"
    r"(\d{1,6})\b"
)
_TOLL_GAP = re.compile(
    r"^[^.;]*?\b(?:rose|risen|rises|rising|climbed|climbs|reached|reaches|jumped|increased|"
    r"stands|stood|is|was|now|hit|hits)\b(?:\s+(?:to|at|by))?[\s:,]*$"
)
_MAX_TOLL = 140
# A figure, a noun the vocabulary does not list, and a passive: "three drug traffickers were
# killed", "two aid workers were wounded".
_NOUN_PASSIVE_GAP = re.compile(
    r"^(?:\s+[a-z][a-z/-]*){1,2}\s+(?:were|was|have been|had been|has been)"
    r"(?:\s+(?:also|reportedly|all|later))?\s+$"
)
# "killing the driver", "killed the owner of the house": one victim, the object of the verb.
_DEFINITE_OBJECT = re.compile(
    r"\b(?:killed|killing|kills|executed|executing|beheaded|murdered|murdering|shot dead|"
    r"wounded|wounding|injured|injuring)\s+(the)\s+(?:[^\W\d]+\s+){0,2}$"
)
# One person killed, told by the singular verb: "X (24 years old) was also reportedly killed".
_ONE_KILLED = re.compile(
    r"(?<![\w'])(?P<subject>[\w'-]+)(?:\s+\([^()]{0,40}\))?\s*,?\s+(?:was|has been|had been)\s+"
    r"(?:(?:also|reportedly|allegedly|likely|later|subsequently|then|confirmed|tragically|"
    r"instantly|immediately|shot and)\s+)*(?:killed|shot dead|martyred|executed|murdered|slain|"
    r"assassinated)\b"
)
_NO_ONE_BEFORE = re.compile(r"\bno\s+$")  # "no one was killed"
_NO_ONE = frozenset(
    "one anyone anybody nobody none no who which that whether what it this he she".split()
)
_MAX_RIGHT = 60
_MAX_LEFT = 40


@dataclass(frozen=True)
class CasualtyMention:
    """A figure for the killed or the injured, with its evidence span."""

    start: int
    end: int
    role: str  # killed, injured
    low: int | None
    high: int | None
    civilian: bool | None
    subgroup: bool  # part of a figure given elsewhere ("including 5 children")
    vague: bool
    explicit: bool = False  # a coder's own statement of the figure ("fatalities coded as 10")
    verb_first: bool = False  # the role word governs it from before ("killed 12 civilians")
    # Told only by a singular verb ("X was killed"): it counts in a frame but opens none.
    implied: bool = False


class CasualtyReader:
    """Reads casualty figures from sentences, following the vocabulary's convention table."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.numbers = NumberReader(vocab.quantities)
        self.roles: Lexicon[str] = Lexicon(
            (role, term) for role, terms in vocab.quantities.roles.items() for term in terms
        )
        self.victims: Lexicon[VictimNoun] = Lexicon(
            (noun, Term(text=noun.text)) for noun in vocab.quantities.victim_nouns
        )
        self.articles = tuple(vocab.quantities.indefinite_articles)

    def read(
        self,
        text: str,
        folded: str,
        start: int,
        end: int,
        exclude: Sequence[tuple[int, int]] = (),
    ) -> list[CasualtyMention]:
        """Casualty mentions in one sentence, ``text[start:end]``; ``folded`` is its search form.

        ``exclude``: spans whose numbers are no counts (dates: "on Oct. 5, 3 people ...").
        """
        piece = folded[start:end]
        quantities = [
            q
            for q in self.numbers.find(folded, start, end)
            if not _is_year(q)
            and not any(s < q.end and q.start < e for s, e in exclude)
            and not _NO_ONE_BEFORE.search(folded, max(0, q.start - 4), q.start)
        ]
        roles = longest_first(h for h in self.roles.find(piece, piece))
        victims = longest_first(h for h in self.victims.find(piece, piece))
        quantities += self._singulars(piece, start, victims, quantities)
        found: list[CasualtyMention] = [
            CasualtyMention(
                start + m.start(),
                start + m.end(),
                "killed",
                int(m.group(1)),
                int(m.group(1)),
                None,
                False,
                False,
                explicit=True,
            )
            for m in _CODED.finditer(piece)
        ]
        coded = [(m.start, m.end) for m in found]
        quantities = [q for q in quantities if not any(s <= q.start < e for s, e in coded)]
        unread: list[Quantity] = []
        for quantity in sorted(quantities, key=lambda q: q.start):
            mention = self._mention(folded, start, quantity, quantities, roles, victims)
            if mention is None and found:
                mention = self._elided(folded, quantity, found[-1], victims, start)
            if mention is None:
                unread.append(quantity)
                continue
            if (
                unread
                and not mention.verb_first  # "two children, and injuring five": not one role
                and self._joined(folded, start, unread[-1], mention, victims)
            ):
                # "35 civilians and two unidentified people were killed": one role, two groups.
                mention = _summed(_alone(unread[-1], mention), mention)
            elif found and _sums(folded, found[-1], mention):
                # "killing one aid worker and around 20 civilians": the total is both groups.
                mention = _summed(found.pop(), mention)
            found.append(mention)
        return found + _one_named(piece, start, found)

    @staticmethod
    def _joined(
        folded: str,
        offset: int,
        quantity: Quantity,
        mention: CasualtyMention,
        victims: list[Hit[VictimNoun]],
    ) -> bool:
        """ "35 civilians and two others were killed": a figure and its victims, then "and"."""
        noun = next((v for v in victims if 0 <= v.start + offset - quantity.end <= 20), None)
        if noun is None or not _VICTIM_GAP.match(folded[quantity.end : noun.start + offset]):
            return False
        return bool(_JOINED.match(folded[noun.end + offset : mention.start]))

    def _elided(
        self,
        folded: str,
        quantity: Quantity,
        previous: CasualtyMention,
        victims: list[Hit[VictimNoun]],
        offset: int,
    ) -> CasualtyMention | None:
        """ "killed six civilians in Kafranbel and three in Maasran": the role carries over."""
        gap = folded[previous.end : quantity.start]
        if len(gap) > 45 or not _ELLIPSIS_GAP.match(gap):
            return None
        victim = next((v for v in victims if 0 <= v.start + offset - quantity.end <= 2), None)
        end = victim.end + offset if victim else quantity.end
        civilian = victim.entry.civilian if victim else previous.civilian
        piece = folded[offset:]
        roles = longest_first(h for h in self.roles.find(piece, piece))
        subgroup = previous.subgroup or _in_subgroup(piece, quantity.start - offset, roles)
        return CasualtyMention(
            quantity.start,
            end,
            previous.role,
            quantity.low,
            quantity.high,
            civilian,
            subgroup,
            quantity.vague,
        )

    def _singulars(
        self, piece: str, offset: int, victims: list[Hit[VictimNoun]], quantities: list[Quantity]
    ) -> list[Quantity]:
        """ "a civilian was killed": an indefinite article before a singular victim noun is one."""
        out = []
        for hit in victims:
            if hit.entry.count is not None:
                out += _dual(hit, offset, quantities)
                continue
            before = piece[: hit.start]
            # "a civilian", "a young child", "a 76-year-old villager" (folded: "a 76 year old")
            # Words between may be an age ("a 76 year old"), not a count ("a total of 51").
            article = re.search(
                r"(?:^|\s)(" + "|".join(self.articles) + r")\s+"
                r"(?:(?!of\b|total\b|and\b|or\b)[^\W\d]+\s+|\d+\s+(?=years?\b|months?\b)){0,3}$",
                before,
            )
            opening = article or _DEFINITE_OBJECT.search(before)
            if opening and hit.entry.text[-1:] != "s" and self.articles:
                begin, end = offset + opening.start(1), offset + hit.end
                # "a mother and two children": another count inside is no singular's.
                if not any(begin <= q.start < end or q.start <= begin < q.end for q in quantities):
                    out.append(Quantity(begin, end, 1, 1))
        return out

    def _mention(
        self,
        folded: str,
        offset: int,
        quantity: Quantity,
        quantities: list[Quantity],
        roles: list[Hit[str]],
        victims: list[Hit[VictimNoun]],
    ) -> CasualtyMention | None:
        local_start, local_end = quantity.start - offset, quantity.end - offset
        piece = folded[offset:]
        others = [q for q in quantities if q is not quantity]
        # "a civilian": a singular's span ends with its victim noun.
        own = next((v for v in victims if local_start <= v.start and v.end == local_end), None)
        victim = own or next((v for v in victims if v.start >= local_end - 1), None)
        if (
            victim is not None
            and victim is not own
            and (
                victim.start - local_end > 25
                or not _VICTIM_GAP.match(piece[local_end : victim.start])
                or any(local_end <= q.start - offset < victim.start for q in others)
            )
        ):
            victim = None
        noun_end = max(local_end, victim.end) if victim else local_end
        civilian = victim.entry.civilian if victim else None
        # "three civilian members", "five family members": nouns in a row are one noun
        for noun in victims if victim is not None else ():
            if noun.start > noun_end and not piece[noun_end : noun.start].strip():
                noun_end = noun.end
                civilian = noun.entry.civilian if civilian is None else civilian
        family = _FAMILY.match(piece, noun_end)
        if family:  # "13 members of the al-Qatnani family were killed"
            noun_end = family.end()
        role, span_start, span_end, subgroup = self._role(
            piece, local_start, noun_end, roles, others, offset
        )
        if role is None:
            return None
        subgroup = subgroup or _in_subgroup(piece, local_start, roles)
        return CasualtyMention(
            offset + min(span_start, local_start),
            offset + max(span_end, noun_end),
            role,
            quantity.low,
            quantity.high,
            civilian,
            subgroup,
            quantity.vague,
            verb_first=span_start < local_start,
        )

    @staticmethod
    def _role(
        piece: str,
        q_start: int,
        q_end: int,
        roles: list[Hit[str]],
        others: list[Quantity],
        offset: int,
    ) -> tuple[str | None, int, int, bool]:
        def free(a: int, b: int) -> bool:
            inserted = [m.span() for m in _INSERTED.finditer(piece, a, b)]
            return not any(
                a <= q.start - offset < b
                and not any(s <= q.start - offset < e for s, e in inserted)
                for q in others
            )

        for hit in roles:  # a role word after the figure: "40 civilians were killed"
            # The reach is measured without an inserted subgroup ("27 civilians, including up to
            # three children and four women, were killed").
            gap = _INSERTED.sub(" ", piece[q_end : hit.start]) if hit.start >= q_end else ""
            if hit.start >= q_end and len(gap) <= _MAX_RIGHT:
                # Arabic "قتل 40 مدنيا وأصيب ...": a role verb led by the conjunction و opens the
                # next clause; it does not describe the figure before it.
                conjunction = piece[hit.start] == "\u0648" and not hit.term.startswith("\u0648")
                gap_ok = (_RIGHT_GAP.match(gap) or _NOUN_PASSIVE_GAP.match(gap)) and free(
                    q_end, hit.start
                )
                # "raped a woman, killed at least 6 civilians": an active verb that governs the
                # figure right after it is not told of the one before.
                governs_next = not _AUXILIARY.search(gap) and any(
                    q.start - offset >= hit.end and not piece[hit.end : q.start - offset].strip()
                    for q in others
                )
                if gap_ok and not conjunction and not governs_next:
                    return (
                        _usable(hit),
                        hit.start,
                        hit.end,
                        bool(_SUBGROUP_ROLE.search(piece[q_end : hit.start])),
                    )
                break
        for hit in reversed(roles):  # a role word before it: "killing at least 10"
            toll = hit.term in ("death toll", "toll", "حصيلة القتلى")
            reach = _MAX_TOLL if toll else _MAX_LEFT
            if hit.end <= q_start and q_start - hit.end <= reach:
                gap = piece[hit.end : q_start]
                # "The death toll of the Oct. 5 strike on the village has risen to 55"
                gap_ok = bool(_LEFT_GAP.match(gap) or (toll and _TOLL_GAP.match(gap)))
                if gap_ok and free(hit.end, q_start):
                    if _PASSIVE_BEFORE.search(piece[max(0, hit.start - 12) : hit.start]):
                        return (
                            None,
                            0,
                            0,
                            False,
                        )  # "were killed and hundreds ...": not this figure's
                    return _usable(hit), hit.start, hit.end, False
                break
        return None, 0, 0, False


# Two victim groups joined by "and", with nothing (no place) between: "12 civilians and 3 fighters".
_JOINED = re.compile(r"^\s*,?\s+and\s+$")


def _sums(folded: str, first: CasualtyMention, second: CasualtyMention) -> bool:
    """Whether two figures of one role count different victims that make up one total."""
    return (
        first.verb_first  # "killed 12 civilians and 3 fighters", not "3 were killed and 4 ..."
        and first.role == second.role
        and first.subgroup == second.subgroup
        and not (first.explicit or second.explicit)
        and bool(_JOINED.match(folded[first.end : second.start]))
    )


def _alone(quantity: Quantity, role_from: CasualtyMention) -> CasualtyMention:
    """The first group of "35 civilians and two others were killed", given the second's role."""
    return CasualtyMention(
        quantity.start,
        quantity.end,
        role_from.role,
        quantity.low,
        quantity.high,
        None,
        role_from.subgroup,
        quantity.vague,
    )


def _summed(first: CasualtyMention, second: CasualtyMention) -> CasualtyMention:
    def add(a: int | None, b: int | None) -> int | None:
        return a + b if a is not None and b is not None else None

    civilian = first.civilian if first.civilian == second.civilian else None
    if first.civilian or second.civilian:  # civilians among the dead: the victims were civilians
        civilian = True
    return CasualtyMention(
        min(first.start, second.start),
        max(first.end, second.end),
        second.role,
        add(first.low, second.low),
        add(first.high, second.high),
        civilian,
        first.subgroup and second.subgroup,
        first.vague or second.vague,
        verb_first=first.verb_first,
    )


def _one_named(piece: str, offset: int, found: list[CasualtyMention]) -> list[CasualtyMention]:
    """ "Omar Abu Shawish (36) was killed", "the driver was also killed": a singular verb tells
    of one dead, whoever the subject is, when no figure of the sentence already tells it."""
    out = []
    for match in _ONE_KILLED.finditer(piece):
        if match.group("subject") in _NO_ONE:
            continue
        start, end = offset + match.start(), offset + match.end()
        if any(m.start < end and start < m.end for m in found):
            continue
        out.append(CasualtyMention(start, end, "killed", 1, 1, None, False, False, implied=True))
    return out


def _dual(hit: Hit[VictimNoun], offset: int, quantities: list[Quantity]) -> list[Quantity]:
    """ "قتل طفلان": a noun that carries its own number (an Arabic dual) is that many, unless a
    figure is written with it."""
    start, end = offset + hit.start, offset + hit.end
    if any(q.start < end + 2 and start - 2 < q.end for q in quantities):
        return []
    return [Quantity(start, end, hit.entry.count, hit.entry.count)]


def _in_subgroup(piece: str, start: int, roles: list[Hit[str]]) -> bool:
    """Whether a figure lies in an "including ..." list: "27 civilians, including 5 children
    and 3 women" (no role word between the list's opening word and the figure)."""
    if _SUBGROUP_BEFORE.search(piece[max(0, start - 25) : start]):
        return True
    opened = list(_SUBGROUP_WORD.finditer(piece, max(0, start - 80), start))
    if not opened:
        return False
    since = opened[-1].end()
    return ";" not in piece[since:start] and not any(since <= r.start < start for r in roles)


def _usable(hit: Hit[str]) -> str | None:
    return hit.entry if hit.entry in ("killed", "injured") else None


def _is_year(quantity: Quantity) -> bool:
    return (
        quantity.low is not None and quantity.low == quantity.high and 1900 <= quantity.low <= 2100
    )
