"""Place mentions: candidate names in the text, resolved with the report's context."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from harmtrack.geo.gazetteer import Gazetteer
from harmtrack.geo.normalize import has_arabic, normalize
from harmtrack.geo.place import Place, distance_km
from harmtrack.geo.resolve import PlaceContext, Resolution, resolve_place

RULE = "places@1"

# A capitalised name of up to five words, with the particles of Arabic names ("Maarat al-Numan",
# "Deir ez-Zor", "Ras al Ain", "Khan Sheikhoun") and apostrophes ("Ma'arrat an Nu'man").
_PARTICLE = (
    r"(?:al|el|ad|ash|an|as|at|ar|az|ez|es|et|ech|bin|ibn|abu|um|umm|bani|beni|de|del|la|le)"
)
_WORD = rf"(?:{_PARTICLE}[-‐’'`])?[A-Z][\w'’`]*(?:[-‐][A-Za-z][\w'’`]*)*"
_NAME = re.compile(rf"(?<![\w'’-]){_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{0,4}}")
_NOT_PLACES = frozenset(
    """The A An This That These Those It Its He She They We I In On At By For From With As But And
    Or If When While After Before During Since Until According Meanwhile However Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September
    October November December Press Home Media Department News Statement Report Reports Initial
    Instead Russian Syrian Israeli Turkish Iranian American Ukrainian Local Civil Defence Defense
    Coalition Regime Army Forces Government Ministry Council Security United Nations UN
    Getty Images Photo Photos AFP Reuters Anadolu Xinhua Telegram Facebook Twitter""".split()
)


# A name the gazetteer does not know is still a place when the text says so ("the village of X").
_PLACE_CUE = re.compile(
    r"\b(?:town|towns|city|cities|village|villages|neighbou?rhoods?|district|camp|outskirts|suburb|"
    r"hamlet|locality|municipality|area|areas|region|countryside)\s+of\s+(?:the\s+)?"
    # and the names listed after the first: "the towns of Babilah and Ziyadiyah"
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,3}\s*(?:,\s*(?:and\s+)?|\s+and\s+))*$",
)


# ... or when the word after it says so ("the rebel-held Urm al-Kubra town").
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:town|village|hamlet|camp|neighbou?rhood|suburb)\b")


# "in Mansila (Mansila, Yagha)": a name followed by its divisions in brackets is a place.
_ADMIN_PARENTHESIS = re.compile(
    r"\s*(?:town|village|city|area)?\s*\(\s*(?P<district>[A-Z][^(),]{1,60}),\s*[A-Z][^()]{1,40}\)"
)


# "Urm al-Kubra town, western Aleppo city", "Hroza, near Kupiansk", "Badarok village of
# Chaghcharan district": an unknown village placed
# by a known town next to it; the village is kept by name at that town's point, marked near.
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"

# "Douma, about 10 miles east of Damascus", "Kiwan south of the city of Idlib", "Adra near
# Damascus": the words between a town and another named to say where the first one lies (the
# landmark), over folded text.
LANDMARK = re.compile(
    rf"\b(?:near|outside|close to|{_DIRECTION}\s+(?:outskirts\s+)?of|outskirts of|"
    r"(?:km|kilometres|kilometers|miles)\b[^,;.]{0,25}?\b(?:of|from))\s+(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|syrian|ukrainian)\s+)*"
    r"(?:(?:city|town|village)\s+of\s+)?$"
)
# A village said to lie near a landmark but found farther than this from it, in another
# province, is a namesake (a city is not: the landmark is then the likelier misreading).
_LANDMARK_KM = 40.0
_NAMESAKE_MAX_POPULATION = 1000
_ANCHOR_AFTER = re.compile(
    r"\s*(?:town|village|camp|area)?\s*,?\s*"
    rf"(?:(?:in|near|outside|close\s+to|of|{_DIRECTION}\s+of|"
    # "on the western outskirts of the northern Syrian city of Aleppo"
    rf"(?:on\s+)?(?:the\s+)?(?:{_DIRECTION}\s+)?outskirts\s+of|"
    r"(?:(?:about|some|around)\s+)?\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from))"
    r"\s+)?(?:the\s+)?"
    rf"(?:{_DIRECTION}\s+)?"
    r"(?:(?:[A-Za-z]+\s+){0,2}?(?:town|city)\s+of\s+)?"
    r"(?P<town>[A-Z][\w'’`-]*(?:\s+(?:al|el|ash|as|an|ar)?[-\s]?[A-Z][\w'’`-]*)?)"
    # the town's name ends: a place noun, punctuation, a lower-case word, the end
    r"(?=\s+(?:city|town|district)\b|\s*[,.;()]|\s+[a-z]|\s*$)"
    # "in Idlib province": a division, which places the village in it but not at its city
    r"(?P<division>\s+(?:province|governorate|region|oblast|state|countryside|county)\b)?"
)


_ANCHOR_REACH = 80


_BRACKETED_DIVISIONS = re.compile(
    r"[A-Z][\w'’`-]*\s*(?:town|village|city|area)?\s*\((?P<inside>\s*[A-Z][^(),]{1,60},\s*[A-Z][^()]{1,40})\)"
)


# "the Somali capital", "Yemen's capital", "the capital of Afghanistan", "the capital city, ...".
_CAPITAL = re.compile(
    r"\b(?P<adjective>[A-Z][a-z]+)(?:['’]s)?\s+capital\b(?!\s+(?:of|city\s+of)\b)"
    r"|\bcapital(?:\s+city)?\s+of\s+(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)


_DIVISION_CUE_BEFORE = re.compile(
    r"\b(?:rural|countryside of|province of|governorate of|region of|state of|oblast of)\s+"
    r"(?:the\s+)?$"
    r"|\([^()]*,\s*$",  # "Mansila (Mansila, Yagha)": the last name in brackets is a division
    re.I,
)
_DIVISION_CUE_AFTER = re.compile(
    r"['’]?s?\s+(?:province|governorate|region|oblast|state|countryside|district)\b", re.I
)


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text: resolved against the gazetteer, or kept as written."""

    start: int
    end: int
    name: str  # as written
    resolution: Resolution | None  # None: a place the gazetteer does not know
    country: str | None = None  # for unresolved places: the report's country, when it names one
    # An unknown village given with its district ("Mansila (Seytenga, Seno)"): the resolution is
    # the district's town, a point near the place, not the place itself.
    approximate: bool = False

    @property
    def place(self) -> Place:
        assert self.resolution is not None
        return self.resolution.place

    @property
    def kind(self) -> str:
        """city, admin2, admin1, or unresolved."""
        return self.resolution.place.kind if self.resolution else "unresolved"

    @property
    def key(self) -> str:
        """Two mentions with the same key are the same place."""
        if self.resolution is not None and not self.approximate:
            return f"geonames:{self.resolution.place.geonameid}"
        return "name:" + " ".join(self.name.lower().split())

    @property
    def is_town(self) -> bool:
        return self.kind in ("city", "admin2", "unresolved")


def name_spans(text: str, taken: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans of capitalised names that may be places, minus spans tagged as something else."""
    blocked = list(taken)
    spans = []
    for match in _NAME.finditer(text):
        words = [(w.start(), w.end()) for w in re.finditer(r"\S+", match.group())]
        # Trim known non-places at the edges ("The", "Monday", "Russian").
        while words and match.group()[slice(*words[0])] in _NOT_PLACES:
            words.pop(0)
        while words and match.group()[slice(*words[-1])] in _NOT_PLACES:
            words.pop()
        if not words:
            continue
        start, end = match.start() + words[0][0], match.start() + words[-1][1]
        tail = _LOWER_CASE_PART.match(text, end)
        if tail:  # "the Gaza strip" names the Strip, as "the Gaza Strip" does
            end = tail.end()
        if any(s < end and start < e for s, e in blocked):
            continue
        if len(words) == 1 and _attributive(text, start, end):
            continue
        if _FAMILY_AFTER.match(text, end):  # "the home of the al-Sawafiri family"
            continue
        spans.append((start, end))
    return spans


_LOWER_CASE_PART = re.compile(r"[ \t]+strip\b")
_FAMILY_AFTER = re.compile(r"\s+(?:famil(?:y|ies)|clan)\b", re.I)


# Arabic script has no capitals: a name is read after a word that says a place follows ("مدينة
# خان شيخون", "في محافظة إدلب", "بريف دمشق"), up to three words, the longest that resolves.
_ARABIC_LETTERS = "\u0621-\u064a\u0660-\u0669\u0671-\u06d3"
_ARABIC_PLACE_CUE = re.compile(
    rf"(?<![{_ARABIC_LETTERS}])(?:[وب]?(?:مدينة|مدينتي|بلدة|بلدتي|قرية|قريتي|محافظة|ولاية|ريف|"
    rf"مخيم|مخيمي|حي|أحياء|منطقة|ناحية|مدن|بلدات|قرى))\s+"
)
_ARABIC_DIVISION_CUE = re.compile(r"(?:(?P<rural>ريف)|محافظة|ولاية)\s+$")
_ARABIC_NAME = re.compile(rf"[{_ARABIC_LETTERS}]+(?:[ \t]+[{_ARABIC_LETTERS}]+){{0,2}}")


def arabic_name_spans(text: str, taken: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans of up to three Arabic words that a place word announces, minus tagged spans."""
    blocked = list(taken)
    spans = []
    for cue in _ARABIC_PLACE_CUE.finditer(text):
        name = _ARABIC_NAME.match(text, cue.end())
        if name is None or any(s < name.end() and name.start() < e for s, e in blocked):
            continue
        spans.append((name.start(), name.end()))
    return spans


# "an Indian businessman", "Syrian regime forces": a capitalised word used as an adjective
# before a common noun is no place unless a locative word stands before it ("in Kolofata town").
_LOWER_NEXT = re.compile(r"\s+([a-z][a-z-]+)")
_PLACE_NOUNS = frozenset(
    "town city village villages district province governorate region camp area countryside "
    "neighbourhood neighborhood suburb county state municipality oblast outskirts".split()
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|of|from|to|into|outside|around|between|and|toward|towards)\s+(?:the\s+)?$"
)


_FUNCTION_WORDS = frozenset(
    "on in at and or of to for with by from was were is are has have had that which who where "
    "when as after before during near into since until while but than then also countryside "
    "late early".split()
)


def _attributive(text: str, start: int, end: int) -> bool:
    following = _LOWER_NEXT.match(text, end)
    if following is None or following.group(1) in _PLACE_NOUNS | _FUNCTION_WORDS:
        return False
    return not _LOCATIVE_BEFORE.search(text[max(0, start - 20) : start])


def _without_bracketed_divisions(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """The divisions in brackets after a located place ("Kolofata town (Mayo-Sava, Extreme-Nord)")
    say where it is; they are context, not places struck. After a place that could not be
    located they stay: they are then the best the report gives."""
    inside: list[tuple[int, int]] = []
    for match in _BRACKETED_DIVISIONS.finditer(text):
        head = [m for m in found if m.start <= match.start() < m.end or m.start == match.start()]
        if any(m.resolution is not None for m in head):
            inside.append((match.start("inside"), match.end("inside")))
    return [m for m in found if not any(s <= m.start < e for s, e in inside)]


# A news dateline: where the reporter wrote, not where the event was. "BEIRUT: The ministry
# said ...", "NAIROBI, Kenya (AP) — A suicide ...", "VINNYTSIA, Ukraine, July 14 (Reuters):",
# "Damascus, SANA- Syria reiterated ...", "DNIPRO, UKRAINE - JANUARY 15: People stand ...".
_DATELINE_AFTER = re.compile(
    r"(?:\s*,\s*[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,2})?"  # the country, or the agency
    r"(?:\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # the date
    r"\s*,?\s*(?:\([A-Z][^()\n]{1,80}\)\s*[:—–-]?|[:—–]|-\s|\s-)"
)


def _is_dateline(text: str, mention: PlaceMention) -> bool:
    line_start = text.rfind("\n", 0, mention.start) + 1
    if text[line_start : mention.start].strip():
        return False
    return bool(_DATELINE_AFTER.match(text, mention.end))


def _near_their_landmarks(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "Sinjar area west of As-Saan": a village resolved far from the landmark the text places
    it by, in another province, is a namesake; it is kept by name at the landmark's point,
    marked near."""
    folded = text.lower()
    out: list[PlaceMention] = []
    for index, mention in enumerate(found):
        landmark = found[index + 1] if index + 1 < len(found) else None
        if (
            landmark is not None
            and mention.resolution is not None
            and not mention.approximate
            and mention.kind == "city"
            and landmark.resolution is not None
            and landmark.kind == "city"
            and landmark.start - mention.end <= 90
            and LANDMARK.search(folded[mention.end : landmark.start])
            and distance_km(mention.place, landmark.place) > _LANDMARK_KM
            and mention.place.admin1_code != landmark.place.admin1_code
            and mention.place.population < _NAMESAKE_MAX_POPULATION
        ):
            reason = f"namesake far from {landmark.place.name}; the point of that town"
            near = Resolution(landmark.place, "near", landmark.resolution.score, reason, "")
            mention = PlaceMention(mention.start, mention.end, mention.name, near, approximate=True)
        out.append(mention)
    return out


def _with_country(found: list[PlaceMention], countries: list[str]) -> list[PlaceMention]:
    """Unknown places lie in the country most of the report's known towns lie in, or in the one
    country the report names; otherwise their country stays unknown."""
    towns = Counter(m.place.country for m in found if m.resolution and m.kind == "city")
    country = (
        towns.most_common(1)[0][0] if towns else (countries[0] if len(countries) == 1 else None)
    )
    return [
        PlaceMention(m.start, m.end, m.name, None, country) if m.resolution is None else m
        for m in found
    ]


def _title_case_line(text: str, position: int) -> bool:
    """Whether the line around ``position`` is a headline in title case."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    words = re.findall(
        r"[^\W\d][\w'’-]{3,}", text[line_start : line_end if line_end >= 0 else None]
    )
    capitalised = [w for w in words if w[0].isupper()]
    return len(words) >= 3 and len(capitalised) >= 0.8 * len(words)


def _word_ends(text: str, start: int, end: int) -> list[int]:
    """The ends of the shorter names that start a multi-word name, longest first."""
    ends = [start + m.start() for m in re.finditer(r"[ \t]+", text[start:end])]
    return sorted(ends, reverse=True)


class PlaceFinder:
    """Finds and resolves the places of one report, country and province context first."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def find(
        self,
        text: str,
        taken: Iterable[tuple[int, int]] = (),
        hints: tuple[str, ...] = (),
    ) -> list[PlaceMention]:
        """Places in ``text``; ``hints`` are countries to look in when the text names none
        (where the actors it names operate)."""
        taken = list(taken)
        arabic = arabic_name_spans(text, taken)
        spans = sorted(set(name_spans(text, taken) + arabic))
        # Context comes from every name, also those tagged as actors ("Ukraine", "Israel"); a
        # country named as an actor ("Russia bombed ...") counts only when no other is named.
        every = name_spans(text)
        named_countries: list[str] = []
        named_admin1: list[str] = []
        for start, end in every:
            country = self._country_named(text[start:end])
            if country is None:
                continue
            as_actor = any(s < end and start < e for s, e in taken)
            if not as_actor and country not in named_countries:
                named_countries.append(country)
        # Where the actors named operate is a better guess than the actors' own countries
        # ("Russian jets" strike in Syria or Ukraine, rarely in Russia).
        division_countries: list[str] = []
        for start, end in every:
            name = text[start:end]
            division = self.gazetteer.admin1_by_name(name, None)
            if division is not None and self._names_division(text, start, end, division):
                named_admin1.append(name)
                division_countries.append(division.country)
        for start, end in arabic:
            named = self._arabic_division(text, start, end, text[max(0, start - 60) : start])
            if named is not None:  # "محافظة إدلب": Idlib governorate, as context
                named_admin1.append(named[0].place.name)
                division_countries.append(named[0].place.country)
        if not named_countries:
            # No country named: where the actors operate, else the first province named.
            named_countries = list(hints) or division_countries[:1]
        found = self._resolve(text, spans, named_countries, named_admin1)
        if not named_countries and found:
            # No country named: the first town found sets it, and the others are tried again.
            towns = [m.place.country for m in found if m.kind == "city"]
            if towns:
                found = self._resolve(text, spans, [towns[0]], named_admin1)
        found = _without_bracketed_divisions(text, found)
        found = [m for m in found if not _is_dateline(text, m)]
        found = _near_their_landmarks(text, found)
        return sorted(found + self._capitals(text, found), key=lambda m: m.start)

    def _capitals(self, text: str, found: list[PlaceMention]) -> list[PlaceMention]:
        """ "the Somali capital", "the capital of Yemen": the country's capital city."""
        mentions = []
        for match in _CAPITAL.finditer(text):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            word = match.group("adjective") or match.group("country")
            iso2 = self.gazetteer.country_by_demonym(word) or self._country_named(word)
            capital = self.gazetteer.capital(iso2) if iso2 else None
            if capital is None:
                continue
            reason = f"capital of {iso2} ({match.group()!r})"
            resolution = Resolution(capital, "town", 3.0, reason, capital.name.lower())
            mentions.append(PlaceMention(match.start(), match.end(), match.group(), resolution))
        return mentions

    def _names_division(self, text: str, start: int, end: int, division: Place) -> bool:
        """Whether a name that is a province's is meant as the province: "Dnipro" is a city
        unless the text says "Dnipro region" or "rural Idlib"; a name no city bears is."""
        if _DIVISION_CUE_BEFORE.search(
            text[max(0, start - 40) : start]
        ) or _DIVISION_CUE_AFTER.match(text, end):
            return True
        cities = self.gazetteer.lookup(text[start:end], division.country, kinds=("city",))
        return not any(normalize(c.name) == normalize(text[start:end]) for c in cities)

    def _district_town(self, district: str, context: PlaceContext) -> Resolution | None:
        """The town a district is named after, as a point near an unknown village in it."""
        found = resolve_place(district.strip(), context, self.gazetteer)
        if found is None or found.place.kind != "city":
            return None
        reason = f"unknown place; the point of its district's town {found.place.name}"
        return Resolution(found.place, "admin2", found.score, reason, found.name)

    def _arabic_division(
        self, text: str, start: int, end: int, left: str
    ) -> tuple[Resolution, int] | None:
        """ "محافظة إدلب السورية" (Idlib governorate), "بريف إدلب" (rural Idlib): the province,
        and where its name ends; "ريف دمشق" is itself a province's name (Rif Dimashq)."""
        cue = _ARABIC_DIVISION_CUE.search(left)
        if cue is None:
            return None
        prefixes = ("ريف ", "") if cue.group("rural") else ("",)
        for cut in (end, *_word_ends(text, start, end)):  # the longest run that is a province
            name = text[start:cut]
            for prefix in prefixes:
                division = self.gazetteer.admin1_by_name(prefix + name, None)
                if division is not None:
                    reason = f"division named with a cue ({prefix + name!r})"
                    return Resolution(division, "admin1", 3.0, reason, normalize(name)), cut
        return None

    def _anchor_town(self, anchor: re.Match[str], context: PlaceContext) -> Resolution | None:
        """The known town an unknown village is placed by ("..., western Aleppo city"); for a
        village placed in a province ("Fleifel town in Idleb countryside"), the point of the
        province's main city, no more precise than the province."""
        found = resolve_place(anchor.group("town").strip(), context, self.gazetteer)
        if found is None or found.place.kind != "city":
            return None
        if anchor.group("division"):
            if not found.place.named_like_its_province:
                return None
            reason = f"unknown place in {found.place.admin1}; the point of {found.place.name}"
            return Resolution(found.place, "admin1", found.score, reason, found.name)
        reason = f"unknown place; the point of {found.place.name}, the town it is placed by"
        return Resolution(found.place, "near", found.score, reason, found.name)

    def _country_named(self, name: str) -> str | None:
        """The country a name is, when it is surely one: its own name, or a long alias.

        Short aliases are also towns elsewhere ("Uman" is an old name of Oman, and a town in
        Ukraine), so they do not set a report's country.
        """
        country = self.gazetteer.country_by_name(name)
        if country is None:
            return None
        if normalize(name) == normalize(country.name) or len(name) >= 6:
            return country.country
        return None

    def _resolve(
        self,
        text: str,
        spans: list[tuple[int, int]],
        countries: list[str],
        admin1: list[str],
    ) -> list[PlaceMention]:
        context = PlaceContext(countries=tuple(countries), admin1=tuple(admin1))
        found: list[PlaceMention] = []
        resolved: list[Place] = []
        for start, end in spans:
            left = text[max(0, start - 60) : start]
            right = text[end : end + 40]
            scope = PlaceContext(context.countries, context.admin1, tuple(resolved))
            resolution: Resolution | None = None
            division = self._arabic_division(text, start, end, left)
            if division is not None:
                resolution, end = division
            else:
                resolution = resolve_place(
                    text[start:end], scope, self.gazetteer, left=left, right=right
                )
            if resolution is None and (_title_case_line(text, start) or has_arabic(text[start])):
                # "Death Toll in Russian Strike in Dnipro Rises to 23": in a headline every word
                # is capitalised, so a place runs into the words after it; in Arabic a name has
                # no capitals to end it ("محافظة إدلب السورية").
                for cut in _word_ends(text, start, end):
                    resolution = resolve_place(text[start:cut], scope, self.gazetteer, left=left)
                    if resolution is not None:
                        end, right = cut, text[cut : cut + 40]
                        break
            if resolution is None:
                bracket = _ADMIN_PARENTHESIS.match(right)
                if bracket:
                    near = self._district_town(bracket.group("district"), context)
                    found.append(
                        PlaceMention(start, end, text[start:end], near, approximate=bool(near))
                    )
                else:
                    anchor = _ANCHOR_AFTER.match(text, end, end + _ANCHOR_REACH)
                    near = self._anchor_town(anchor, context) if anchor else None
                    # A name the text calls a place is kept; one followed by "town" only when
                    # a known town places it (else it could be a camp's or a base's name).
                    cued = _PLACE_CUE.search(left) or (near and _PLACE_NOUN_AFTER.match(right))
                    if cued:
                        found.append(
                            PlaceMention(start, end, text[start:end], near, approximate=bool(near))
                        )
                continue
            # A country is context, never an event's place (no invented centroids).
            if resolution.place.kind == "country":
                continue
            if resolution.place.kind == "city":
                resolved.append(resolution.place)
            found.append(PlaceMention(start, end, text[start:end], resolution))
        return _with_country(found, countries)
