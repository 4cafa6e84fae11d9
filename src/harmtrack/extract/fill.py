"""Fill an event's fields from its frame: type, perpetrator, weapon, target, figures, civilians."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from harmtrack.extract.casualties import CasualtyMention
from harmtrack.extract.frames import Frame, Layout
from harmtrack.extract.lexicon import Hit
from harmtrack.extract.tagging import Tags
from harmtrack.vocab.loader import Vocabulary
from harmtrack.vocab.models import Actor, EventCue, GenericActor, TargetSite, Weapon

_AGENT_BEFORE = re.compile(r"\b(?:by|from|of)\s+(?:the\s+)?(?:\w+\s+){0,2}$")
_SPEAKER_AFTER = re.compile(
    r"^\W*(?:\w+\s+){0,2}(?:said|says|stated|reported|claimed|announced|denied|denies|accused|"
    r"blamed|told|confirmed|added|noted|warned)\b"
)
_SPEAKER_BEFORE = re.compile(r"\b(?:according to|said|told|blamed|accused)\s+(?:the\s+)?$")
# "attack on Ukraine", "war against Israel": the actor is the target or the place.
_TARGET_BEFORE = re.compile(
    r"\b(?:on|against|in|into|at|over|across|toward|towards)\s+(?:the\s+)?$"
)
# "Ukraine suffered enormous losses", "Syria came under attack": the actor is the victim.
_VICTIM_AFTER = re.compile(
    r"^\W*(?:\w+\s+){0,2}(?:suffered|suffers|lost|loses|mourns?|came under|comes under|"
    r"(?:was|were|has been|have been)\s+(?:hit|attacked|targeted|struck|shelled|bombed))\b"
)
_CIVILIAN_WORD = re.compile(r"\bcivilians?\b|مدني")


@dataclass(frozen=True)
class Choice:
    """A chosen value and the span it was read from."""

    value: object
    start: int
    end: int


def _within(layout: Layout, items: Sequence, sentences: list[int]) -> list:
    wanted = set(sentences)
    return [m for m in items if layout.sentence_of(m.start) in wanted]


def event_type(
    frame: Frame, weapon: Hit[Weapon] | None, vocab: Vocabulary, layout: Layout
) -> tuple[str, str] | None:
    """The ACLED type: the strongest cue; but when the trigger's own sentence names the weapon
    and a cue ("An artillery attack ... killed 13"), the strongest of that sentence
    (the sentences joined to an event add detail, sometimes of other attacks: "near-daily drone
    strikes"). A weapon settles a cue that leaves the sub-type open."""
    cues = sorted(frame.cues, key=lambda c: (-c.entry.priority, c.start))
    typed: list[Hit[EventCue]] = [c for c in cues if c.entry.event_type]
    own = [c for c in typed if layout.sentence_of(c.start) == frame.anchor]
    if own and weapon is not None and layout.sentence_of(weapon.start) == frame.anchor:
        typed = own
    best = typed[0] if typed else None
    if weapon is not None and weapon.entry.sub_event_type and weapon.entry.event_type:
        weak = best is None or best.entry.sub_event_type is None or best.entry.priority == 1
        # A bomb or a missile that kills or destroys is an explosion, not an "attack on
        # civilians" or "property destruction" ("bombed the home, killing ..."); clashes fought
        # with artillery stay clashes, and a specific cue outranks the weapon.
        explosive = weapon.entry.event_type == "Explosions/Remote violence"
        harm = (
            best is not None
            and best.entry.priority < 3
            and (
                best.entry.event_type == "Violence against civilians"
                or best.entry.sub_event_type == "Looting/property destruction"
            )
        )
        if weak or (explosive and harm):
            return weapon.entry.event_type, weapon.entry.sub_event_type
    if best is None:
        return None
    assert best.entry.event_type is not None
    sub = best.entry.sub_event_type
    if sub is None:
        subs = vocab.taxonomy.get(best.entry.event_type, ())
        sub = subs[0] if subs else None
    return best.entry.event_type, sub or ""


def weapon(
    frame: Frame, layout: Layout, tags: Tags, sub_event_type: str | None = None
) -> Hit[Weapon] | None:
    """The most specific weapon named in the frame's sentences (thermobaric over airstrike);
    once the event's sub-type is known, a weapon that makes that kind of event is preferred
    (sarin, not the aircraft, for a chemical attack)."""
    hits: list[Hit[Weapon]] = _within(layout, tags.weapons, frame.sentences)
    if sub_event_type is not None:
        hits = [h for h in hits if h.entry.sub_event_type == sub_event_type] or hits
    if not hits:
        return None
    broader = {h.entry.broader for h in hits if h.entry.broader}
    specific = [h for h in hits if h.entry.id not in broader]
    in_anchor = [h for h in specific if layout.sentence_of(h.start) == frame.anchor]
    # "... bombed Ishtabraq, while the village of Qandiya was hit with barrel bombs": a weapon
    # of another clause of the sentence is another town's.
    clause = _clause_of(frame, layout, tags.folded)
    if clause and _SIMILAR.search(tags.folded, *clause):
        clause = None  # "... killed in similar attacks on Babilah": the other clause's weapon
    elsewhere = [h for h in in_anchor if clause and not clause[0] <= h.start < clause[1]]
    own = [h for h in in_anchor if h not in elsewhere]
    pool = own or [h for h in specific if h not in elsewhere]
    if not pool:
        return None
    return max(pool, key=lambda h: (h.entry.sub_event_type is not None, h.weight, -h.start))


_CLAUSE_BREAK = re.compile(r",?\s+while\s+|;\s+|,\s+whereas\s+")
_SIMILAR = re.compile(r"\b(?:similar|same|likewise)\b")


def _clause_of(frame: Frame, layout: Layout, folded: str) -> tuple[int, int] | None:
    """The clause of the frame's sentence that names its place, when the sentence has several."""
    place = frame.place
    sentence = layout.sentences[frame.anchor]
    if place is None or not sentence.start <= place.start < sentence.end:
        return None
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(folded, sentence.start, sentence.end)]
    if not breaks:
        return None
    start = max((b for b in breaks if b <= place.start), default=sentence.start)
    end = min((b for b in breaks if b > place.start), default=sentence.end)
    return start, end


# A site is the target when the text makes it the object of the attack: "hit the market",
# "shelling on a school", "the hospital was bombed"; not "civil defence teams rescued ...".
_STRUCK_BEFORE = re.compile(
    r"\b(?:hit|hits|hitting|struck|strikes?|striking|targeted|targeting|targets|bombed|bombing|"
    r"shelled|shelling|attacked|attacking|attacks?|raided|stormed|destroyed|destroying|damaged|"
    r"damaging|on|at|against|near|inside|in|into|"
    r"(?:bombardment|bombing|shelling)\s+of)"
    r"[\s\"“‘']+(?:\w+[\s\"“‘']+){0,4}$"
)
# "airstrikes on October 8, during a funeral ceremony": the gathering an attack fell on; not
# "they buried their comrades during a funeral".
_STRUCK_DURING = re.compile(
    r"\b(?:strikes?|airstrikes?|raids?|attacks?|attacked|bombing|bombed|shelling|shelled)\b"
    r"[^.;]{0,40}?\bduring\s+(?:\w+\s+){0,2}$"
)
# "... the hospital was bombed"; a headline drops the auxiliary: "Shopping mall attacked".
_STRUCK_AFTER = re.compile(
    r"^\W*(?:(?:\w+\s+){0,3}(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?|\s*)"
    r"(?:hit|struck|targeted|bombed|shelled|destroyed|damaged|attacked)\b"
    # "The civil defence centre in Sarmin was the target of a raid"
    r"|^\W*(?:(?:\w+\s+){0,3}(?:was|were)\s+(?:the\s+)?targets?\s+of)\b"
)


def target(frame: Frame, layout: Layout, tags: Tags) -> Hit[TargetSite] | None:
    """What was struck: the first site the frame's sentences make the object of the attack,
    preferring the trigger's own sentence, and a site the codebook names over an "other" one
    ("a blast at a government ministry building ... inside a mosque of the Interior Ministry")."""
    fallback: Hit[TargetSite] | None = None
    for sentences in ([frame.anchor], frame.sentences):
        hits = _struck(tags, _within(layout, tags.targets, sentences))
        if not hits:
            continue
        trigger = min((c.start for c in frame.cues), default=0)
        after = [h for h in hits if h.start >= trigger] or hits
        named = [h for h in after if h.entry.id != "other" and h.weight >= 0.5]
        if named:
            return named[0]
        fallback = fallback or after[0]
    return fallback


def _struck(tags: Tags, sites: list[Hit[TargetSite]]) -> list[Hit[TargetSite]]:
    """The sites the text makes the object of an attack."""
    folded = tags.folded
    return [
        h
        for h in sites
        if (
            _STRUCK_BEFORE.search(folded[max(0, h.start - 50) : h.start])
            or _STRUCK_DURING.search(folded[max(0, h.start - 90) : h.start])
            or _STRUCK_AFTER.match(folded[h.end : h.end + 50])
        )
        # "a car bomb at the market": the car is the weapon, not what was struck
        and not any(w.start <= h.start < w.end for w in tags.weapons)
    ]


def _agent_score(
    text: str, folded: str, hit: Hit[Actor] | Hit[GenericActor], cues: list[Hit[EventCue]]
) -> float:
    score = 1.0 + hit.weight
    before = folded[max(0, hit.start - 40) : hit.start]
    after = folded[hit.end : hit.end + 40]
    if _AGENT_BEFORE.search(before):
        score += 2.0
    if any(0 <= c.start - hit.end <= 25 for c in cues):
        score += 2.0
    if _SPEAKER_AFTER.match(after) or _SPEAKER_BEFORE.search(before):
        score -= 3.0
    if _TARGET_BEFORE.search(before) or _VICTIM_AFTER.match(after):
        score -= 2.0
    if hit.ambiguous:
        score -= 0.5
    return score


def perpetrator(
    frame: Frame, layout: Layout, tags: Tags, text: str, country: str | None, vocab: Vocabulary
) -> Choice | None:
    """The agent of the attack: the actor the text makes do it, else a generic actor of the
    event's country ("the army" in Syria is the Syrian government's), else None (unknown)."""
    rounds = [[frame.anchor], frame.sentences]
    if frame.anchor - 1 >= layout.body_start:
        rounds.append([frame.anchor - 1])
    # The title and the lead sentence name the perpetrator too.
    rounds.append(list(range(0, min(layout.body_start + 1, len(layout.sentences)))))
    for sentences in rounds:
        hits: list[Hit[Actor]] = _within(layout, tags.actors, sentences)
        scored = [(_agent_score(text, tags.folded, h, frame.cues), h) for h in hits]
        scored = [(s, h) for s, h in scored if s > 0.5]
        if scored:
            best = max(scored, key=lambda pair: (pair[0], -pair[1].start))[1]
            return Choice(_where_it_operates(best, country, vocab), best.start, best.end)
        generic: list[Hit[GenericActor]] = _within(layout, tags.generic_actors, sentences)
        for hit in generic:
            actor = _actor_of_kind(vocab, hit.entry.kind, country)
            if actor is not None and _agent_score(text, tags.folded, hit, frame.cues) > 0.5:
                return Choice(actor, hit.start, hit.end)
    return None


def _where_it_operates(hit: Hit[Actor], country: str | None, vocab: Vocabulary) -> str:
    """An ambiguous name ("the coalition") is the actor of that name that operates where the
    event is: the Saudi-led coalition in Yemen, the US-led one in Syria."""
    if not hit.ambiguous or country is None or country in hit.entry.operates_in:
        return hit.entry.id
    term = hit.term.casefold()
    namesakes = [
        actor.id
        for actor in vocab.actors
        if country in actor.operates_in
        and any(alias.text.casefold() == term for alias in actor.aliases)
    ]
    return namesakes[0] if len(namesakes) == 1 else hit.entry.id


def _actor_of_kind(vocab: Vocabulary, kind: str, country: str | None) -> str | None:
    if country is None:
        return None
    matches = [a.id for a in vocab.actors if a.kind == kind and a.country == country]
    return matches[0] if len(matches) == 1 else None


@dataclass(frozen=True)
class Figures:
    low: int | None
    high: int | None
    evidence: list[CasualtyMention]


def figures(mentions: list[CasualtyMention], role: str) -> Figures:
    """Consolidate one frame's figures for a role, the most conservative reading.

    A coder's own figure ("fatalities coded as 10") wins. Otherwise the lead figure, the first
    the report states, decides when it is a range ("between 5 and 8") or a firm bound ("at
    least 12"): later counts from other sources neither raise nor lower it. An exact lead
    ("13 killed") gives low = it and high = the largest exact figure after it ("the toll rose
    to 14"). With only bounds, the largest lower bound. Vague words ("a number of") give way to
    any exact figure. Subgroups ("including 5 children") count only when no total is given.
    """
    chosen = [m for m in mentions if m.role == role]
    coded = [m for m in chosen if m.explicit]
    if coded:
        return Figures(coded[-1].low, coded[-1].high, [coded[-1]])
    totals = [m for m in chosen if not m.subgroup] or chosen
    if not totals:
        return Figures(None, None, [])
    exact = [m for m in totals if m.low is not None and m.low == m.high and not m.vague]
    lead = min((m for m in totals if m.low is not None), key=lambda m: m.start, default=None)
    if lead is not None and lead.high != lead.low and not lead.vague:
        # A range or a firm bound. "at least 47 prisoners were killed ... One officer was
        # killed": the smaller counts are parts of it; "at least 12 ... some sources said 20":
        # the higher ones are other claims. A vague lead ("a number of civilians were killed ...
        # one civilian death") gives way.
        return Figures(lead.low, lead.high, [lead])
    if exact:
        # The first figure stated is the report's; a later, higher one ("the toll rose to 14")
        # widens the range upwards. Stray small counts later on do not lower it.
        first = min(exact, key=lambda m: m.start)
        assert first.low is not None
        highest = max(exact, key=lambda m: m.low or 0)
        evidence = (
            [first] if highest is first or (highest.low or 0) <= first.low else [first, highest]
        )
        return Figures(first.low, max(first.low, highest.low or 0), evidence)
    ranged = [m for m in totals if m.low is not None and m.high is not None]
    if ranged:
        best = min(ranged, key=lambda m: m.low or 0)
        return Figures(best.low, best.high, [best])
    bounded = [m for m in totals if m.low is not None]
    if bounded:
        best = max(bounded, key=lambda m: m.low or 0)
        return Figures(best.low, None, [best])
    uppers = [m for m in totals if m.high is not None]
    if uppers:
        best = min(uppers, key=lambda m: m.high or 0)
        return Figures(None, best.high, [best])
    return Figures(None, None, [])


def civilian(
    frame: Frame, layout: Layout, folded: str, target_hit: Hit[TargetSite] | None
) -> Choice | None:
    """True when the report says the victims or the people targeted were civilians."""
    for mention in frame.casualties:
        if mention.civilian:
            return Choice(True, mention.start, mention.end)
    for index in sorted(set(frame.sentences)):
        sentence = layout.sentences[index]
        match = _CIVILIAN_WORD.search(folded, sentence.start, sentence.end)
        if match:
            return Choice(True, match.start(), match.end())
    military = [m for m in frame.casualties if m.civilian is False]
    if military and len(military) == len(frame.casualties):
        return Choice(False, military[0].start, military[0].end)
    if target_hit is not None and target_hit.entry.civilian_object is False:
        return Choice(False, target_hit.start, target_hit.end)
    return None
