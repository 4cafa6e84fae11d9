"""Reads and writes of incidents and their claim links (SQL Core: the matcher's hot path)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    CursorResult,
    RowMapping,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from harmtrack.model import EVENT_FIELDS, INCIDENT_FIELDS
from harmtrack.store.tables import (
    ClaimRow,
    DocumentRow,
    EvidenceRow,
    IncidentClaimRow,
    IncidentRow,
    SourceRow,
)

INCIDENTS = cast(Table, IncidentRow.__table__)
LINKS = cast(Table, IncidentClaimRow.__table__)
_CLAIMS = cast(Table, ClaimRow.__table__)
_DOCUMENTS = cast(Table, DocumentRow.__table__)
_SOURCES = cast(Table, SourceRow.__table__)
_EVIDENCE = cast(Table, EvidenceRow.__table__)

STATEMENT_FIELDS = ("speaker", "statement_kind", "addressee")
FIGURE_COLUMNS = tuple(
    f"{role}_{part}" for role in ("killed", "injured") for part in ("low", "best", "high")
)
#: What lists and exports read of an incident: all but the matcher's profile, which is large.
SUMMARY_COLUMNS = ("id", *INCIDENT_FIELDS, *FIGURE_COLUMNS, "grade", "status", "sources", "zones")
_CHUNK = 500  # ids per IN (...) list: well under every backend's limit on bound parameters


@dataclass(frozen=True)
class Quote:
    """One evidence span of a claim: the field it supports and the words."""

    field: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class ClaimRecord:
    """A claim with what matching and consolidation need of its document, evidence and link."""

    id: int
    kind: str
    document_id: int
    record_id: str | None
    publisher: str | None
    origin: str
    origin_kind: str
    final_url: str | None
    published: date | None
    values: dict[str, Any]  # event fields (dates as ``date``) or statement fields
    quotes: tuple[Quote, ...] = ()
    incident_id: int | None = None
    link: dict[str, Any] | None = field(default=None, compare=False)

    def get(self, name: str) -> Any:
        return self.values.get(name)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


# Statements are built once and reused: building a SQLAlchemy statement costs more than running
# it on SQLite, and the matcher runs several per claim.


@cache
def _record_query(by: str) -> Select[Any]:
    """Claims with their document's facts and their link, selected ``by`` document, incident or
    id (bound parameters ``document_id``, ``incident_id``, ``claim_ids``)."""
    columns = [_CLAIMS.c[name] for name in (*EVENT_FIELDS, *STATEMENT_FIELDS)]
    query = (
        select(
            _CLAIMS.c.id,
            _CLAIMS.c.kind,
            _CLAIMS.c.document_id,
            _DOCUMENTS.c.record_id,
            _SOURCES.c.name.label("publisher"),
            _DOCUMENTS.c.origin,
            _DOCUMENTS.c.origin_kind,
            _DOCUMENTS.c.final_url,
            _DOCUMENTS.c.published_at,
            LINKS.c.incident_id,
            LINKS.c.link,
            *columns,
        )
        .select_from(_CLAIMS)
        .join(_DOCUMENTS, _DOCUMENTS.c.id == _CLAIMS.c.document_id)
        .outerjoin(_SOURCES, _SOURCES.c.id == _DOCUMENTS.c.source_id)
        .outerjoin(LINKS, LINKS.c.claim_id == _CLAIMS.c.id)
        .order_by(_CLAIMS.c.id)
    )
    return query.where(_selector(by))


@cache
def _quote_query(by: str) -> Select[Any]:
    return (
        select(
            _EVIDENCE.c.claim_id,
            _EVIDENCE.c.field,
            _EVIDENCE.c.start_char,
            _EVIDENCE.c.end_char,
            _EVIDENCE.c.quote,
        )
        .select_from(_EVIDENCE)
        .join(_CLAIMS, _CLAIMS.c.id == _EVIDENCE.c.claim_id)
        .outerjoin(LINKS, LINKS.c.claim_id == _CLAIMS.c.id)
        .where(_selector(by))
        .order_by(_EVIDENCE.c.id)
    )


def _selector(by: str) -> Any:
    if by == "document":
        return _CLAIMS.c.document_id == bindparam("document_id")
    if by == "incident":
        return LINKS.c.incident_id == bindparam("incident_id")
    return _CLAIMS.c.id.in_(bindparam("claim_ids", expanding=True))


def _record(row: RowMapping, quotes: list[Quote]) -> ClaimRecord:
    names = EVENT_FIELDS if row["kind"] == "event" else STATEMENT_FIELDS
    published = row["published_at"]
    return ClaimRecord(
        id=row["id"],
        kind=row["kind"],
        document_id=row["document_id"],
        record_id=row["record_id"],
        publisher=row["publisher"],
        origin=row["origin"],
        origin_kind=row["origin_kind"],
        final_url=row["final_url"],
        published=published.date() if published is not None else None,
        values={name: row[name] for name in names},
        quotes=tuple(quotes),
        incident_id=row["incident_id"],
        link=row["link"],
    )


def _records(
    session: Session, by: str, params: dict[str, Any], quotes: bool = True
) -> list[ClaimRecord]:
    connection = session.connection()
    rows = list(connection.execute(_record_query(by), params).mappings())
    if not rows or not quotes:
        return [_record(row, []) for row in rows]
    found: dict[int, list[Quote]] = {}
    for claim_id, name, start, end, quote in connection.execute(_quote_query(by), params):
        found.setdefault(claim_id, []).append(Quote(name, start, end, quote))
    return [_record(row, found.get(row["id"], [])) for row in rows]


def claims_of_document(session: Session, document_id: int) -> list[ClaimRecord]:
    """A document's claims (events and statements) in the extractor's order."""
    return _records(session, "document", {"document_id": document_id})


def claims_of_incident(
    session: Session, incident_id: int, *, quotes: bool = True
) -> list[ClaimRecord]:
    """The claims linked to an incident, oldest claim first (without their quotes: faster)."""
    return _records(session, "incident", {"incident_id": incident_id}, quotes)


def claims_by_id(session: Session, claim_ids: Sequence[int]) -> list[ClaimRecord]:
    records: list[ClaimRecord] = []
    for chunk in _chunks(list(claim_ids)):
        records += _records(session, "ids", {"claim_ids": list(chunk)})
    return records


# The candidate search. Both queries are range scans of an index (country, date) or (date): their
# cost depends on how many incidents fall in the window, not on how many are stored.

CANDIDATE_COLUMNS = (
    INCIDENTS.c.id,
    INCIDENTS.c.date,
    INCIDENTS.c.date_end,
    INCIDENTS.c.admin1,
    INCIDENTS.c.lat,
    INCIDENTS.c.lon,
    INCIDENTS.c.geo_precision,
    INCIDENTS.c.profile,
    INCIDENTS.c.overrides,
    INCIDENTS.c.merged_into,
)
_KM_PER_DEGREE = 111.0  # a little under the true 111.2, so that boxes err on the large side


@dataclass(frozen=True)
class Around:
    """Where a claim is, for dropping far candidates in SQL: a point and a distance. Incidents
    placed at a ``coarse`` precision (no town's point) or without a point are kept."""

    lat: float
    lon: float
    km: float
    coarse: tuple[str, ...]

    def box(self) -> dict[str, Any]:
        dlat = self.km / _KM_PER_DEGREE
        widest = min(89.0, abs(self.lat) + dlat)
        dlon = min(180.0, self.km / (_KM_PER_DEGREE * math.cos(math.radians(widest))))
        # No wrap at the antimeridian: incidents across it are not compared by distance.
        return {
            "lat0": self.lat - dlat,
            "lat1": self.lat + dlat,
            "lon0": self.lon - dlon,
            "lon1": self.lon + dlon,
        }


def _near_box(coarse: tuple[str, ...]) -> Any:
    c = INCIDENTS.c
    return or_(
        c.geo_precision.is_(None),
        c.geo_precision.in_(coarse),
        c.lat.is_(None),
        c.lon.is_(None),
        and_(
            c.lat.between(bindparam("lat0"), bindparam("lat1")),
            c.lon.between(bindparam("lon0"), bindparam("lon1")),
        ),
    )


@cache
def _candidate_query(variant: str, coarse: tuple[str, ...] = ()) -> Select[Any]:
    c = INCIDENTS.c
    extra: list[Any] = [c.merged_into.is_(None)]
    if variant == "around":
        extra.append(_near_box(coarse))
    elif variant == "admin1":
        extra.append(or_(c.admin1 == bindparam("admin1"), c.admin1.is_(None)))
    by_day = select(*CANDIDATE_COLUMNS).where(
        c.country == bindparam("country"),
        c.date >= bindparam("first"),
        c.date <= bindparam("last"),
        *extra,
    )
    by_range = select(*CANDIDATE_COLUMNS).where(
        c.country == bindparam("country"),
        c.date_end >= bindparam("first"),
        c.date_end <= bindparam("last_end"),
        c.date <= bindparam("last"),
        *extra,
    )
    # UNION ALL, not UNION: PostgreSQL cannot compare JSON columns to drop duplicates.
    query = union_all(by_day, by_range).subquery()
    return select(query).order_by(query.c.id)


def candidates(
    session: Session,
    country: str,
    first: date,
    last: date,
    max_span_days: int,
    *,
    around: Around | None = None,
    admin1: str | None = None,
) -> list[RowMapping]:
    """Live incidents of ``country`` whose dates reach into ``first``..``last``.

    Single-day incidents (no ``date_end``) are found by their date; incidents with a range, by
    their end, which lies at most ``max_span_days`` after their start. Each half is a range scan
    of its index, so the cost follows the incidents in the window, not the size of the table.
    ``around`` drops incidents placed at a town farther away; ``admin1`` drops those of another
    first-level division (both are checked by SQLite on the rows of the index range).
    """
    params: dict[str, Any] = {
        "country": country,
        "first": first,
        "last": last,
        "last_end": last + timedelta(days=max_span_days),
    }
    statement = _candidate_query("plain")
    if around is not None:
        statement = _candidate_query("around", around.coarse)
        params.update(around.box())
    elif admin1 is not None:
        statement, params["admin1"] = _candidate_query("admin1"), admin1
    rows = session.connection().execute(statement, params).mappings()
    # A range incident whose start and end both fall in the window is found twice.
    return list({row["id"]: row for row in rows}.values())


def incidents_dated(session: Session, first: date, last: date) -> list[RowMapping]:
    """Live incidents of any country dated ``first``..``last`` (for statements without a place)."""
    query = (
        select(*CANDIDATE_COLUMNS, INCIDENTS.c.country)
        .where(
            INCIDENTS.c.date >= first,
            INCIDENTS.c.date <= last,
            INCIDENTS.c.merged_into.is_(None),
        )
        .order_by(INCIDENTS.c.id)
    )
    return list(session.execute(query).mappings())


# Incidents and links.


@cache
def _incident_statements() -> dict[str, Any]:
    key: BindParameter[int] = bindparam("incident_key")
    return {
        "insert": insert(INCIDENTS),
        "select": select(INCIDENTS).where(INCIDENTS.c.id == key),
        "update": update(INCIDENTS).where(INCIDENTS.c.id == key),
        "delete": delete(INCIDENTS).where(INCIDENTS.c.id == key),
        "link": insert(LINKS),
    }


def new_incident(session: Session, **values: Any) -> int:
    """Insert an incident (consolidation fills its fields, when not given); returns its id."""
    statement = _incident_statements()["insert"]
    result = cast(CursorResult[Any], session.connection().execute(statement, values))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def incident(session: Session, incident_id: int) -> RowMapping | None:
    statement = _incident_statements()["select"]
    rows = session.connection().execute(statement, {"incident_key": incident_id})
    return rows.mappings().first()


def write_incident(session: Session, incident_id: int, values: dict[str, Any]) -> None:
    statement = _incident_statements()["update"]
    session.connection().execute(statement, {"incident_key": incident_id, **values})


def delete_incident(session: Session, incident_id: int) -> None:
    statement = _incident_statements()["delete"]
    session.connection().execute(statement, {"incident_key": incident_id})


def link(session: Session, incident_id: int, claim_id: int, how: dict[str, Any]) -> None:
    values = {"incident_id": incident_id, "claim_id": claim_id, "link": how}
    session.connection().execute(_incident_statements()["link"], values)


def relink(
    session: Session, claim_ids: Iterable[int], incident_id: int, how: dict[str, Any]
) -> None:
    """Move claims to another incident, saying how."""
    ids = list(claim_ids)
    for chunk in _chunks(ids):
        session.execute(
            update(LINKS)
            .where(LINKS.c.claim_id.in_(chunk))
            .values(incident_id=incident_id, link=how)
        )


def unlink(session: Session, claim_ids: Iterable[int]) -> None:
    ids = list(claim_ids)
    for chunk in _chunks(ids):
        session.execute(delete(LINKS).where(LINKS.c.claim_id.in_(chunk)))


def count_links(session: Session, incident_id: int) -> int:
    query = select(func.count()).select_from(LINKS).where(LINKS.c.incident_id == incident_id)
    return int(session.scalar(query) or 0)


def unlinked_claim_ids(session: Session, kind: str) -> list[int]:
    """Claims of ``kind`` (event, statement) that no incident holds, oldest first."""
    query = (
        select(_CLAIMS.c.id)
        .outerjoin(LINKS, LINKS.c.claim_id == _CLAIMS.c.id)
        .where(_CLAIMS.c.kind == kind, LINKS.c.id.is_(None))
        .order_by(_CLAIMS.c.id)
    )
    return list(session.scalars(query))


def count_incidents(session: Session) -> int:
    """Live incidents (not merged into another)."""
    query = select(func.count()).select_from(INCIDENTS).where(INCIDENTS.c.merged_into.is_(None))
    return int(session.scalar(query) or 0)


def live_incident_ids(session: Session) -> list[int]:
    query = select(INCIDENTS.c.id).where(INCIDENTS.c.merged_into.is_(None)).order_by(INCIDENTS.c.id)
    return list(session.scalars(query))


@dataclass(frozen=True)
class IncidentFilter:
    """What `harmtrack incidents` and the API list; every condition is on the values in force."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None  # an event type or a sub-event type
    sub_event_type: str | None = None
    perpetrator: str | None = None
    grade: str | None = None
    status: str | None = None
    min_killed: int | None = None  # on the best figure
    text: str | None = None  # words of the place, division, actor, weapon or target site
    located: bool = False  # only incidents with a point
    limit: int | None = None
    offset: int = 0


_TEXT_COLUMNS = ("location", "admin1", "perpetrator", "weapon", "target_site", "sub_event_type")


def _same(column: Any, value: str) -> Any:
    """Equal, ignoring case."""
    return func.lower(column) == value.lower()


def _text_match(words: str, ascii_like: bool) -> Any:
    """Every word appears in one of the text columns, ignoring case. SQLite's LIKE already
    ignores the case of ASCII letters (as its lower() does, and no more), so the columns are not
    lowered there: a scan of the whole table costs a third less."""
    clauses = []
    for word in words.split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        columns = [INCIDENTS.c[name] for name in _TEXT_COLUMNS]
        if ascii_like:
            clauses.append(or_(*(c.like(pattern, escape="\\") for c in columns)))
        else:
            clauses.append(or_(*(c.ilike(pattern, escape="\\") for c in columns)))
    return and_(*clauses)


def _where(flt: IncidentFilter, dialect: str) -> list[Any]:
    c = INCIDENTS.c
    where: list[Any] = [c.merged_into.is_(None)]
    if flt.since is not None:
        where.append(func.coalesce(c.date_end, c.date) >= flt.since)
    if flt.until is not None:
        where.append(c.date <= flt.until)
    if flt.country:
        where.append(c.country == flt.country.upper())
    if flt.admin1:
        where.append(_same(c.admin1, flt.admin1))
    if flt.event_type:
        where.append(
            or_(_same(c.event_type, flt.event_type), _same(c.sub_event_type, flt.event_type))
        )
    if flt.sub_event_type:
        where.append(_same(c.sub_event_type, flt.sub_event_type))
    if flt.perpetrator:
        where.append(c.perpetrator == flt.perpetrator)
    if flt.grade:
        where.append(c.grade == flt.grade)
    if flt.status:
        where.append(c.status == flt.status)
    if flt.min_killed is not None:
        where.append(c.killed_best >= flt.min_killed)
    if flt.text and flt.text.strip():
        where.append(_text_match(flt.text, ascii_like=dialect == "sqlite"))
    if flt.located:
        where.extend((c.lat.is_not(None), c.lon.is_not(None)))
    return where


def list_incidents(
    session: Session, flt: IncidentFilter, columns: Sequence[str] | None = None
) -> list[RowMapping]:
    """The incidents ``flt`` selects, by date then id; ``columns`` (default: all) to read less."""
    chosen = [INCIDENTS.c[name] for name in columns] if columns else [INCIDENTS]
    query = select(*chosen).where(*_where(flt, session.get_bind().dialect.name))
    query = query.order_by(INCIDENTS.c.date, INCIDENTS.c.id).offset(flt.offset)
    if flt.limit is not None:
        query = query.limit(flt.limit)
    return list(session.connection().execute(query).mappings())


def count_matching(session: Session, flt: IncidentFilter) -> int:
    """How many incidents ``flt`` selects, ignoring its limit and offset."""
    dialect = session.get_bind().dialect.name
    query = select(func.count()).select_from(INCIDENTS).where(*_where(flt, dialect))
    return int(session.scalar(query) or 0)


@dataclass(frozen=True)
class Facets:
    """The distinct values present among live incidents, for filter menus, and the first and
    last days they start on."""

    countries: list[str]
    event_types: list[str]
    sub_event_types: list[str]
    perpetrators: list[str]
    grades: list[str]
    first_date: date | None
    last_date: date | None


def facets(session: Session) -> Facets:
    c = INCIDENTS.c
    live = c.merged_into.is_(None)

    def distinct(column: Any) -> list[str]:
        query = select(column).where(live, column.is_not(None)).distinct().order_by(column)
        return [str(v) for v in session.scalars(query)]

    # Two queries: each reads one end of the (merged_into, date) index; together, the whole.
    first = session.scalar(select(func.min(c.date)).where(live))
    last = session.scalar(select(func.max(c.date)).where(live))
    return Facets(
        countries=distinct(c.country),
        event_types=distinct(c.event_type),
        sub_event_types=distinct(c.sub_event_type),
        perpetrators=distinct(c.perpetrator),
        grades=distinct(c.grade),
        first_date=first,
        last_date=last,
    )


def document_text(session: Session, document_id: int) -> tuple[str, date | None]:
    """A document's stored text and its publication day."""
    row = session.execute(
        select(_DOCUMENTS.c.text, _DOCUMENTS.c.published_at).where(_DOCUMENTS.c.id == document_id)
    ).one()
    return row.text, row.published_at.date() if row.published_at is not None else None


def documents_with_unlinked_claims(session: Session) -> list[int]:
    """Documents holding claims that no incident holds, in the order of their first claim."""
    query = (
        select(_CLAIMS.c.document_id, func.min(_CLAIMS.c.id).label("first"))
        .outerjoin(LINKS, LINKS.c.claim_id == _CLAIMS.c.id)
        .where(LINKS.c.id.is_(None))
        .group_by(_CLAIMS.c.document_id)
        .order_by("first")
    )
    return [row.document_id for row in session.execute(query)]


def incident_places(session: Session) -> list[tuple[int, float | None, float | None, Any]]:
    """Every live incident's id, point and date (what zone flagging needs)."""
    query = select(INCIDENTS.c.id, INCIDENTS.c.lat, INCIDENTS.c.lon, INCIDENTS.c.date).where(
        INCIDENTS.c.merged_into.is_(None)
    )
    return [tuple(row) for row in session.connection().execute(query)]
