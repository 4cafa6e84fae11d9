"""The extractor: a fixed sequence of small components from text to event and statement claims."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from harmtrack.extract import fill
from harmtrack.extract.casualties import CasualtyMention, CasualtyReader
from harmtrack.extract.dates import DateMention, find_date_mentions
from harmtrack.extract.frame_dates import date_frames, drop_tallies
from harmtrack.extract.frames import (
    Frame,
    Layout,
    absorb_echoes,
    attach_followers,
    drop_summaries,
    fold_villages,
    layout,
    merge_frames,
    open_frames,
    place_frames,
)
from harmtrack.extract.places import PlaceFinder, PlaceMention
from harmtrack.extract.sentences import split_sentences
from harmtrack.extract.statements import read_statements
from harmtrack.extract.tagging import Tagger, Tags
from harmtrack.geo.gazetteer import Gazetteer
from harmtrack.model import EventClaim, Evidence, Extraction
from harmtrack.text.captions import caption_spans
from harmtrack.text.metadata import header_end
from harmtrack.vocab.loader import Vocabulary, load_vocabulary

VERSION = "0.1"


class Extractor:
    """Turns a text into claims. Build once; ``extract`` is pure and deterministic."""

    def __init__(self, vocab: Vocabulary | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.vocab = vocab or load_vocabulary()
        self.tagger = Tagger(self.vocab)
        self.casualties = CasualtyReader(self.vocab)
        self.places = PlaceFinder(gazetteer or Gazetteer())
        self.actor_kinds = {actor.id: actor.kind for actor in self.vocab.actors}
        self.name = f"harmtrack-extract {VERSION} (vocabulary {self.vocab.version})"

    def extract(
        self,
        text: str,
        *,
        published: date | None = None,
        publisher: str | None = None,
    ) -> Extraction:
        tags = self.tagger.tag(text)
        tags = _without_publisher(tags, text, publisher)
        doc = layout(split_sentences(text), header_end(text), caption_spans(text))
        dates = find_date_mentions(text, published)
        taken = [(h.start, h.end) for h in tags.actors]
        taken += [(h.start, h.end) for h in tags.sources]
        taken += [(h.start, h.end) for h in tags.generic_actors]
        hints = tuple(dict.fromkeys(c for h in tags.actors for c in h.entry.operates_in))
        places = self.places.find(text, taken, hints)
        figures: list[CasualtyMention] = []
        spans = [(d.start, d.end) for d in dates]
        for sentence in doc.sentences:
            figures += self.casualties.read(text, tags.folded, sentence.start, sentence.end, spans)
        frames = open_frames(doc, tags, places, figures)
        attach_followers(frames, doc, figures)
        frames = merge_frames(date_frames_placed(frames, doc, places, dates, text))
        frames = drop_summaries(absorb_echoes(fold_villages(frames, doc)))
        events = [self._event(frame, doc, tags, text, published) for frame in frames]
        _civilian_from_report(events, figures, text)
        _inherit_perpetrators(events, frames)
        perpetrators = tuple(dict.fromkeys(e.perpetrator for e in events if e.perpetrator))
        statements = read_statements(
            text,
            doc,
            tags,
            publisher,
            tuple(p for p in perpetrators if p != "unknown"),
            self.actor_kinds,
            publisher_speaks=self._speaks_for_itself(publisher),
        )
        return Extraction(events, statements, self.name)

    def _speaks_for_itself(self, publisher: str | None) -> bool:
        """Whether a publisher's reports are its own statements (a press release, an NGO's
        report), not news that relays others' words."""
        source = next((s for s in self.vocab.sources if s.name == publisher), None)
        return source is not None and source.kind != "media"

    def _event(
        self, frame: Frame, doc: Layout, tags: Tags, text: str, published: date | None
    ) -> EventClaim:
        assert frame.place is not None
        rule = f"frames@{VERSION}"
        event = EventClaim()
        evidence: list[Evidence] = []

        def cite(field_name: str, start: int, end: int, component: str = rule) -> None:
            evidence.append(Evidence(field_name, start, end, text[start:end], component))

        _place(event, frame.place, frame.division, cite)
        if frame.date is not None:
            event.date = frame.date.value.isoformat()
            event.date_precision = frame.date.precision
            if frame.date.value_end is not None:
                event.date_end = frame.date.value_end.isoformat()
            cite("date", frame.date.start, frame.date.end, "dates@1")
        elif published is not None:
            event.date, event.date_precision = published.isoformat(), "day"
            cite("date", 0, 0, "dates@1:publication-date")
        weapon = fill.weapon(frame, doc, tags)
        kind = fill.event_type(frame, weapon, self.vocab, doc)
        if kind is not None:
            event.event_type, event.sub_event_type = kind
            weapon = fill.weapon(frame, doc, tags, kind[1])
            cue = max(frame.cues, key=lambda c: c.entry.priority) if frame.cues else None
            if cue is not None:
                cite("event_type", cue.start, cue.end)
                cite("sub_event_type", cue.start, cue.end)
        said = next((e for e in evidence if e.field == "event_type"), None)
        if event.event_type == "Protests":
            weapon = None  # a protest has no weapon; the ones a report names are another event's
        if weapon is not None:
            event.weapon = weapon.entry.id
            cite("weapon", weapon.start, weapon.end)
        elif event.sub_event_type == "Air/drone strike" and said is not None:
            # An air strike that names no weapon: the codebook's unspecified air-delivered one.
            event.weapon = "airstrike"
            cite("weapon", said.start, said.end, f"frames@{VERSION}:air-strike")
        who = fill.perpetrator(frame, doc, tags, text, event.country, self.vocab)
        if event.event_type == "Protests" and said is not None:
            # ACLED's actor of a protest is the protesters, not the government they protest.
            event.perpetrator = "protesters"
            cite("perpetrator", said.start, said.end, f"frames@{VERSION}:protest")
        else:
            event.perpetrator = str(who.value) if who else "unknown"
            if who:
                cite("perpetrator", who.start, who.end)
        site = fill.target(frame, doc, tags)
        if site is not None:
            event.target_site = site.entry.id
            cite("target_site", site.start, site.end)
        for role in ("killed", "injured"):
            counted = fill.figures(frame.casualties, role)
            setattr(event, f"{role}_low", counted.low)
            setattr(event, f"{role}_high", counted.high)
            for mention in counted.evidence:
                cite(f"{role}_low", mention.start, mention.end, "casualties@1")
        civilian = fill.civilian(frame, doc, tags.folded, site)
        unhurt = event.killed_low is None and event.injured_low is None
        if event.event_type == "Protests" and unhurt:
            # A protest nobody was hurt in harmed no civilians (the codebook's field is about
            # those killed, injured or targeted): false, read from the cue that made it one.
            event.civilian = False
            if said is not None:
                cite("civilian", said.start, said.end, f"frames@{VERSION}:protest")
        elif civilian is not None:
            event.civilian = bool(civilian.value)
            cite("civilian", civilian.start, civilian.end)
        event.evidence = evidence
        return event


def _civilian_from_report(
    events: list[EventClaim], figures: list[CasualtyMention], text: str
) -> None:
    """A report that counts civilian victims tells of civilian harm: its events that say nothing
    either way about their victims are coded civilian, citing the report's civilian figure."""
    civilian = next((f for f in figures if f.civilian), None)
    if civilian is None:
        return
    for event in events:
        if event.civilian is None:
            event.civilian = True
            event.evidence.append(
                Evidence(
                    "civilian",
                    civilian.start,
                    civilian.end,
                    text[civilian.start : civilian.end],
                    "frames@0.1:report-civilians",
                )
            )


def _inherit_perpetrators(events: list[EventClaim], frames: list[Frame]) -> None:
    """ "... killed in similar attacks on Babilah": an event whose own sentences name no
    perpetrator takes that of the nearest event told before it in the report."""
    for index, event in enumerate(events):
        if event.perpetrator != "unknown":
            continue
        earlier = [
            i
            for i in range(len(events))
            if i != index
            and events[i].perpetrator != "unknown"
            and frames[i].anchor <= frames[index].anchor
        ]
        if earlier:
            previous = events[max(earlier, key=lambda i: frames[i].anchor)]
            event.perpetrator = previous.perpetrator
            event.evidence += [e for e in previous.evidence if e.field == "perpetrator"]


def date_frames_placed(
    frames: list[Frame],
    doc: Layout,
    places: list[PlaceMention],
    dates: list[DateMention],
    text: str,
) -> list[Frame]:
    placed = place_frames(drop_tallies(frames, doc, dates, text), doc, places)
    date_frames(placed, doc, dates, text)
    return placed


def _place(
    event: EventClaim,
    mention: PlaceMention,
    division: PlaceMention | None,
    cite: Callable[..., None],
) -> None:
    cite("location", mention.start, mention.end, "places@1")
    if mention.approximate:
        # The village as written, at the point of its district's town or of the town it is
        # placed by, and saying so.
        place = mention.place
        event.location, event.country, event.admin1 = mention.name, place.country, place.admin1
        event.lat, event.lon = round(place.lat, 5), round(place.lon, 5)
        event.geo_precision = mention.resolution.geo_precision if mention.resolution else "admin2"
        return
    if mention.resolution is None:
        # Not in the gazetteer: the name as written, its province when the report names one,
        # and no point (a user's full GeoNames dump may resolve it later).
        event.location = mention.name
        # The province the report gives it ("Khirbet Suda, in rural Homs") says its country
        # better than the report's other towns (a dateline's "Istanbul, Turkey").
        event.country = division.place.country if division else mention.country
        event.admin1 = division.place.admin1 if division else None
        event.geo_precision = "admin1" if division else None
        return
    place = mention.place
    event.country = place.country
    event.admin1 = place.admin1
    event.location = place.ascii_name or place.name
    event.lat, event.lon = round(place.lat, 5), round(place.lon, 5)
    precision = mention.resolution.geo_precision
    event.geo_precision = "admin1" if precision == "country" else precision


def _without_publisher(tags: Tags, text: str, publisher: str | None) -> Tags:
    """In a Syrian Coalition release, "the Coalition calls on" names the publisher, not an actor."""
    if not publisher:
        return tags
    name = publisher.lower()
    actors = [h for h in tags.actors if text[h.start : h.end].lower() not in name]
    return replace(tags, actors=actors)


@lru_cache(maxsize=4)
def default_extractor(home: Path | None = None) -> Extractor:
    """The extractor with the shipped vocabulary and gazetteer, built once per process.

    ``home`` is the data directory whose gazetteer holds the places a user added from GeoNames
    dumps (``harmtrack gazetteer load``); without it only the bundled places are known.
    """
    return Extractor(gazetteer=Gazetteer(home))
