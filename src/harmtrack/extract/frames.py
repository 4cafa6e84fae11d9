"""Event frames: a trigger opens one per place and day; arguments come from its sentences."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from harmtrack.extract.casualties import CasualtyMention
from harmtrack.extract.dates import DateMention
from harmtrack.extract.lexicon import Hit
from harmtrack.extract.places import PlaceMention
from harmtrack.extract.sentences import Sentence
from harmtrack.extract.sublocations import without_landmarks, without_sublocations
from harmtrack.extract.tagging import Tags
from harmtrack.geo.place import distance_km
from harmtrack.geo.resolve import Resolution
from harmtrack.vocab.models import EventCue, Weapon

# A casualty figure right before a place ("six civilians in Kafranbel") belongs to that place
# when no more than this many characters stand between them.
_FIGURE_TO_PLACE = 30


@dataclass
class Frame:
    """One candidate event: where its evidence lies and the mentions it has gathered."""

    anchor: int  # index of the sentence whose trigger opened it
    sentences: list[int]
    cues: list[Hit[EventCue]]
    place: PlaceMention | None
    division: PlaceMention | None = None
    date: DateMention | None = None
    casualties: list[CasualtyMention] = field(default_factory=list)
    header: bool = False  # opened in the title or header block
    # Sentences that tell its event again without opening one ("the attack took place inside
    # a mosque"): where its date, site and weapon may also be read.
    retold: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """The sentences of a document and which mentions lie in which sentence."""

    sentences: list[Sentence]
    starts: list[int]
    body_start: int  # index of the first body sentence (after the header block)
    captions: frozenset[int] = frozenset()  # sentences of photo captions: no events open there

    def sentence_of(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.starts, position) - 1)


def layout(
    sentences: list[Sentence], header_end: int, captions: Sequence[tuple[int, int]] = ()
) -> Layout:
    starts = [s.start for s in sentences]
    body = next((i for i, s in enumerate(sentences) if s.start >= header_end), len(sentences))
    pictured = frozenset(
        i for i, s in enumerate(sentences) if any(a <= s.start < b for a, b in captions)
    )
    return Layout(sentences, starts, body, pictured)


def _in(layout: Layout, items: list, index: int) -> list:
    return [m for m in items if layout.sentence_of(m.start) == index]


def _is_trigger(cue: Hit[EventCue]) -> bool:
    return cue.weight >= 0.5 and not (cue.ambiguous and cue.entry.priority == 1)


def open_frames(
    layout: Layout,
    tags: Tags,
    places: list[PlaceMention],
    casualties: list[CasualtyMention],
) -> list[Frame]:
    """One frame per trigger sentence and struck place; figures go to their place."""
    frames: list[Frame] = []
    folded = tags.folded
    for index in range(len(layout.sentences)):
        if index in layout.captions:
            continue
        cues = [c for c in _in(layout, tags.cues, index) if _is_trigger(c)]
        weapons: list[Hit[Weapon]] = [
            w for w in _in(layout, tags.weapons, index) if w.entry.sub_event_type
        ]
        figures = _in(layout, casualties, index)
        if not cues and not weapons:
            _retell(frames, layout, tags, places, index)
            continue
        if all(c.entry.priority == 1 for c in cues) and not weapons and _all_implied(figures):
            _retell(frames, layout, tags, places, index)
            continue  # a generic word alone ("explosions were heard") is no event
        here = _in(layout, places, index)
        towns = without_landmarks(_distinct([p for p in here if p.is_town]), folded)
        towns = without_sublocations(towns, folded)
        if not towns and frames and cues and all(_definite(folded, c) for c in cues):
            _retell(frames, layout, tags, places, index)  # "the strike took place on October 8"
            continue
        divisions = [p for p in here if p.kind == "admin1"]
        header = index < layout.body_start
        division = divisions[0] if divisions else None
        if not towns:
            frames.append(Frame(index, [index], cues, division, division, None, figures, header))
            continue
        by_town = _figures_by_town(towns, figures)
        for town in towns:
            frames.append(
                Frame(index, [index], cues, town, division, None, by_town[town.start], header)
            )
    return frames


def _retell(
    frames: list[Frame], layout: Layout, tags: Tags, places: list[PlaceMention], index: int
) -> None:
    """ "The Wednesday afternoon attack took place inside a mosque": a sentence that names the
    event opened last ("the attack", no other town than its) tells more of it."""
    told = _in(layout, tags.cues, index)
    if not frames or not told or not all(_definite(tags.folded, c) for c in told):
        return
    last = frames[-1]
    towns = {p.key for p in _in(layout, places, index) if p.is_town}
    near = layout.sentences[index].paragraph - layout.sentences[last.anchor].paragraph <= 1
    if near and (not towns or (last.place is not None and towns == {last.place.key})):
        last.retold.append(index)


def _all_implied(figures: list[CasualtyMention]) -> bool:
    return all(f.implied for f in figures)


_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|its|their|same|such)\s+(?:\w+\s+)?$")


def _definite(folded: str, cue: Hit[EventCue]) -> bool:
    """A trigger that refers back ("the strike", "this crime") rather than telling a new event."""
    return bool(_DEFINITE.search(folded[max(0, cue.start - 30) : cue.start]))


def _distinct(towns: list[PlaceMention]) -> list[PlaceMention]:
    seen: set[str] = set()
    out = []
    for town in towns:
        if town.key not in seen:
            seen.add(town.key)
            out.append(town)
    return out


def _figures_by_town(
    towns: list[PlaceMention], figures: list[CasualtyMention]
) -> dict[int, list[CasualtyMention]]:
    """Split a sentence's figures among its towns ("six in Kafranbel and three in Maasran")."""
    out: dict[int, list[CasualtyMention]] = {t.start: [] for t in towns}
    if len(towns) == 1:
        out[towns[0].start] = list(figures)
        return out
    ordered = sorted(figures, key=lambda f: f.start)
    for index, figure in enumerate(ordered):
        # The town told after a figure and before the next one is its town ("35 were killed in
        # raids on the town of X, while six more were killed in Y"); else the one just before.
        next_start = ordered[index + 1].start if index + 1 < len(ordered) else None
        after = [
            t
            for t in towns
            if t.start >= figure.end and (next_start is None or t.start < next_start)
        ]
        near_after = [t for t in after if t.start - figure.end <= _FIGURE_TO_PLACE]
        before = [t for t in towns if t.end <= figure.start]
        chosen = (near_after or after or before[-1:] or towns)[0]
        out[chosen.start].append(figure)
    return out


def attach_followers(
    frames: list[Frame], layout: Layout, casualties: list[CasualtyMention]
) -> None:
    """Figures in sentences without a trigger go to the frame before ("The attack killed 44")."""
    framed = {i for f in frames for i in f.sentences}
    for figure in casualties:
        index = layout.sentence_of(figure.start)
        if index in framed:
            continue
        previous = [f for f in frames if f.anchor < index and not f.header]
        if not previous:
            continue
        last_anchor = previous[-1].anchor
        if (
            index - last_anchor > 3
            or layout.sentences[index].paragraph - layout.sentences[last_anchor].paragraph > 1
        ):
            continue
        targets = [f for f in previous if f.anchor == last_anchor]
        # Several towns in the trigger sentence: a later figure cannot tell which one it is for,
        # unless it is the coder's own statement of the event's toll ("fatalities coded as 10").
        if len(targets) > 1 and figure.explicit:
            targets = targets[:1]
        if len(targets) == 1:
            targets[0].casualties.append(figure)
            if index not in targets[0].sentences:
                targets[0].sentences.append(index)
    for frame in frames:
        frame.sentences += [i for i in frame.retold if i not in frame.sentences]


def place_frames(frames: list[Frame], layout: Layout, places: list[PlaceMention]) -> list[Frame]:
    """Frames without a town take the town of the frame before them in the text, or the report's
    only town; frames that still have no place are dropped (never a guessed point)."""
    towns = _distinct([p for p in places if p.is_town])
    out: list[Frame] = []
    last_town: PlaceMention | None = None
    for frame in frames:
        if frame.place is not None and frame.place.is_town:
            last_town = frame.place
            out.append(frame)
            continue
        paragraph = layout.sentences[frame.anchor].paragraph
        if last_town is not None and _near(layout, last_town, paragraph):
            frame.place = last_town
        elif len(towns) == 1:
            frame.place = towns[0]
        elif frame.place is None:
            divisions = {p.key: p for p in places if p.kind == "admin1"}
            if len(divisions) == 1:
                frame.place = next(iter(divisions.values()))
        if frame.place is not None:
            if frame.division is None and frame.place.resolution is None:
                frame.division = _division_for(frame.place, places)
            out.append(frame)
    lead = next((f for f in frames if not f.header), None)
    if lead is not None and lead.place is None and lead.casualties:
        # "A missile slammed into a Donbas railroad station, killing at least 50 ... A
        # Kramatorsk resident confirmed the strike": a lead that names no town tells the event
        # of the first town the report then names, when that town has no figures of its own.
        later = [f for f in out if f.anchor > lead.anchor and not f.header]
        first = later[0] if later else None
        if first and first.place is not None and first.place.is_town and not first.casualties:
            _join(first, lead)
    return out


def _division_for(mention: PlaceMention, places: list[PlaceMention]) -> PlaceMention | None:
    """The province an unknown village lies in: the one named nearest before it, else after."""
    divisions = [p for p in places if p.kind == "admin1"]
    before = [d for d in divisions if 0 < mention.start - d.start <= 300]
    after = [d for d in divisions if 0 < d.start - mention.start <= 150]
    if before or after:
        return before[-1] if before else after[0]
    # No province named near it: the province of the nearest known place ("in Saqba and Irbin").
    known = [p for p in places if p.resolution is not None]
    return min(known, key=lambda p: abs(p.start - mention.start), default=None)


def _near(layout: Layout, mention: PlaceMention, paragraph: int) -> bool:
    return abs(layout.sentences[layout.sentence_of(mention.start)].paragraph - paragraph) <= 1


# Frames on the same day this close, one of them without figures of its own, are one event
# told twice ("an air strike on Gaza ... the strike on the Shati camp killed 12").
_SAME_EVENT_KM = 30.0


def absorb_echoes(frames: list[Frame]) -> list[Frame]:
    """Fold a figureless frame into a frame of the same day nearby that has figures."""
    kept = list(frames)
    for frame in list(frames):
        if frame.casualties or frame not in kept:
            continue
        host = next((f for f in kept if f is not frame and _echo_of(frame, f)), None)
        if host is not None:
            _join(host, frame)
            kept.remove(frame)
            if _narrower(frame.place, host.place):
                host.place = frame.place
    return kept


def fold_villages(frames: list[Frame], layout: Layout) -> list[Frame]:
    """ "In Hpapun township, the military attacked ... The aircraft dropped nine bombs in the
    area of Mae Kaw Law village and killed a villager": a village the gazetteer does not know,
    told in the sentence after a known town's frame that has no figures of its own, is where
    that town's event happened. One frame: the village by name at the town's point."""
    kept = list(frames)
    for village in list(frames):
        if village.place is None or village.place.resolution is not None:
            continue
        before = [f for f in kept if f.anchor < village.anchor and not f.header]
        town = before[-1] if before else None
        if (
            town is None
            or town.casualties
            or town.place is None
            or town.place.resolution is None
            or town.place.approximate
            or town.place.kind != "city"
            or town.place.place.named_like_its_province
            or village.anchor - town.anchor > 2
            or layout.sentences[village.anchor].paragraph != layout.sentences[town.anchor].paragraph
            or _day(town) != _day(village)
            or (village.division is not None and not _same_province(village.division, town.place))
        ):
            continue
        found = town.place.resolution
        reason = f"unknown place; the point of {found.place.name}, the town it is told in"
        near = Resolution(found.place, "admin2", found.score, reason, found.name)
        mention = village.place
        _join(town, village)
        town.place = PlaceMention(mention.start, mention.end, mention.name, near, approximate=True)
        kept.remove(village)
    return kept


def _day(frame: Frame) -> object:
    return (frame.date.value, frame.date.value_end) if frame.date else None


def _same_province(division: PlaceMention, town: PlaceMention) -> bool:
    if division.resolution is None:
        return False
    return (division.place.country, division.place.admin1_code) == (
        town.place.country,
        town.place.admin1_code,
    )


def drop_summaries(frames: list[Frame]) -> list[Frame]:
    """A province-wide frame on a day that also has town frames in that province summarises
    them ("the bombardment of rural Idlib killed 20"): the towns are the events."""

    def day(frame: Frame) -> object:
        return frame.date.value if frame.date else None

    def province(frame: Frame) -> tuple[str | None, str | None] | None:
        place = frame.place
        if place is None or place.resolution is None:
            division = frame.division
            if division is None or division.resolution is None:
                return None
            return division.place.country, division.place.admin1_code
        return place.place.country, place.place.admin1_code

    def provincial(frame: Frame) -> bool:
        """A division, or a city that bears its province's name ("Idlib", "Hama"): both are
        how reports name a whole province."""
        place = frame.place
        if place is None or place.resolution is None or place.approximate:
            return False
        return not place.is_town or place.place.named_like_its_province

    towns: dict[tuple[object, object], list[Frame]] = {}
    for f in frames:
        if f.place is not None and f.place.is_town and not provincial(f):
            towns.setdefault((day(f), province(f)), []).append(f)
    kept = []
    for f in frames:
        inside = towns.get((day(f), province(f)), []) if provincial(f) else []
        if not inside:
            kept.append(f)
        elif (
            len(inside) == 1
            and f.casualties
            and not inside[0].casualties
            and sum(len(v) for k, v in towns.items() if k[0] == day(f)) == 1
        ):
            # "a Russian rocket ... in eastern Ukraine, killing at least 51 ... the village of
            # Hroza, in the Kharkiv region": the day's one town, told without figures of its
            # own, is where the province-wide figures are.
            _join(inside[0], f)
    return kept


def _echo_of(frame: Frame, other: Frame) -> bool:
    if not other.casualties or frame.place is None or other.place is None:
        return False
    same_day = (frame.date.value if frame.date else None) == (
        other.date.value if other.date else None
    )
    if not same_day or frame.place.resolution is None or other.place.resolution is None:
        return False
    a, b = frame.place.place, other.place.place
    if a.kind == "admin1":
        return a.country == b.country and a.admin1_code == b.admin1_code
    return distance_km(a, b) <= _SAME_EVENT_KM


def _narrower(place: PlaceMention | None, other: PlaceMention | None) -> bool:
    """An unknown village placed by a town ("Urm al-Kubra town, western Aleppo city") says more
    than that town: told of twice, the event is at the village."""
    if place is None or other is None or not place.approximate or other.resolution is None:
        return False
    return not other.approximate and place.place.geonameid == other.place.geonameid


def _join(target: Frame, frame: Frame) -> None:
    target.cues += frame.cues
    target.casualties += [c for c in frame.casualties if c not in target.casualties]
    target.sentences += [i for i in frame.sentences if i not in target.sentences]
    target.division = target.division or frame.division
    target.date = target.date or frame.date


def merge_frames(frames: list[Frame]) -> list[Frame]:
    """Frames of the same place and day are one event; the body's frame leads, the title's joins."""
    merged: dict[tuple[object, ...], Frame] = {}
    order: list[tuple[object, ...]] = []
    for frame in sorted(frames, key=lambda f: (f.header, f.anchor)):
        assert frame.place is not None
        day = (frame.date.value, frame.date.value_end) if frame.date else None
        key = (frame.place.key, day)
        loose = (frame.place.key, None)
        same_place = next((f for k, f in merged.items() if k[0] == key[0]), None)
        target = merged.get(key) or merged.get(loose)
        if target is None and (day is None or frame.header):
            # An undated frame, or the title's, is the same event as the body's at that place.
            target = same_place
        if target is None:
            merged[key] = frame
            order.append(key)
            continue
        _join(target, frame)
    return [merged[k] for k in order]
