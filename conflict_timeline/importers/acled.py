"""ACLED (Armed Conflict Location & Event Data) CSV exports.

Air/drone strikes and shelling/artillery/missile attacks become strikes, agreements become
negotiations. Rows of other types are not among the four kinds: they are skipped and counted
by ACLED type, or imported as the nearest kind when asked (``include_other``), tagged with
their type. A row's date is as precise as ACLED says (``time_precision``): that day, the
ACLED week (Saturday to Friday) containing it, or its month — never a false exact day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from .base import (
    Candidate,
    CellError,
    CsvRow,
    ImportSession,
    count_cell,
    csv_rows,
    drop_empty,
    float_cell,
    split_list,
)

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
REQUIRED = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
            "actor1")

STRIKE_TYPES = {
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
}
AGREEMENT = ("Strategic developments", "Agreement")
# --include-other: the nearest of the four kinds for each ACLED event type
NEAREST_KIND = {
    "Battles": "strike",
    "Explosions/Remote violence": "strike",
    "Violence against civilians": "strike",
    "Riots": "strike",
    "Protests": "statement",
    "Strategic developments": "statement",
}
ACLED_SOURCE = {"name": "ACLED (Armed Conflict Location & Event Data)",
                "url": "https://acleddata.com"}

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y")


def event_span(precision: str, day: date) -> str:
    """The `when` an ACLED date means at its time_precision (1 day, 2 week, 3 month)."""
    if precision == "1":
        return day.isoformat()
    if precision == "2":  # ACLED weeks run Saturday to Friday
        saturday = day - timedelta(days=(day.weekday() - 5) % 7)
        return f"{saturday.isoformat()}/{(saturday + timedelta(days=6)).isoformat()}"
    if precision == "3":
        return f"{day:%Y-%m}"
    raise CellError(f"expected 1 (day), 2 (week) or 3 (month), got {precision!r}")


def event_date(text: str) -> date:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(f"expected a date such as 2024-03-05 or 05 March 2024, got {text!r}")


class AcledImporter:
    name: ClassVar[str] = "acled"
    summary: ClassVar[str] = "an ACLED CSV export (strikes and agreements)"
    default_tz: ClassVar[str] = "UTC"

    def read(self, text: str, session: ImportSession) -> Iterator[Candidate]:
        for row in csv_rows(text, session, required=REQUIRED):
            types = (row.get("event_type"), row.get("sub_event_type"))
            if types in STRIKE_TYPES:
                kind = "strike"
            elif types == AGREEMENT:
                kind = "negotiation"
            elif session.options.include_other and types[0] in NEAREST_KIND:
                kind = NEAREST_KIND[types[0]]
            else:
                session.skip(row.line, f"not one of the four kinds: ACLED type {types[0]} / "
                             f"{types[1]} (--include-other imports it as the nearest kind)")
                continue
            candidate = _candidate(row, kind, session)
            if candidate is not None:
                yield candidate


def _candidate(row: CsvRow, kind: str, session: ImportSession) -> Candidate | None:
    errors = 0

    def cell(column: str, read, *args):
        nonlocal errors
        try:
            return read(row.get(column), *args)
        except CellError as exc:
            session.problem(row.line, column, str(exc))
            errors += 1
            return None

    day = cell("event_date", event_date)
    when = cell("time_precision", event_span, day) if day is not None else None
    killed = cell("fatalities", count_cell)
    lat = cell("latitude", float_cell, -90, 90)
    lon = cell("longitude", float_cell, -180, 180)
    published = cell("timestamp", _upload_time)
    if errors:
        session.skip(row.line, "a value cannot be read (see the problems)")
        return None
    event_type, sub_type = row.get("event_type"), row.get("sub_event_type")
    actor1, actor2 = row.get("actor1"), row.get("actor2")
    data: dict[str, Any] = {
        "id": row.get("event_id_cnty"),
        "kind": kind,
        "tz": session.tz,
        "when": when,
        "title": _title(sub_type, actor1, actor2, row.get("location"), kind),
        "summary": row.get("notes"),
        "location": drop_empty({"country": row.get("country"), "region": row.get("admin1"),
                                "place": row.get("location"), "lat": lat, "lon": lon}),
        "sources": [{"name": name} for name in split_list(row.get("source"))]
        + [drop_empty({**ACLED_SOURCE, "name": f"{ACLED_SOURCE['name']}, event "
                       f"{row.get('event_id_cnty')}", "published": published})],
        "tags": _tags(row, event_type, sub_type),
    }
    others = split_list(row.get("assoc_actor_1")) + ([actor2] if actor2 else []) \
        + split_list(row.get("assoc_actor_2"))
    if kind == "strike":
        data |= {"by": actor1, "actors": others,
                 "casualties": {"killed": killed} if killed is not None else None}
    elif kind == "negotiation":
        data |= {"parties": [a for a in (actor1, actor2) if a], "outcome": "agreed",
                 "actors": split_list(row.get("assoc_actor_1"))
                 + split_list(row.get("assoc_actor_2"))}
    else:
        data |= {"speaker": actor1, "actors": others}
    return Candidate(drop_empty(data), row.line, {
        "id": "event_id_cnty", "when": "event_date", "title": "sub_event_type",
        "summary": "notes", "by": "actor1", "speaker": "actor1", "parties": "actor1",
        "casualties": "fatalities", "location": "admin1", "sources": "source",
    })


def _upload_time(text: str) -> str | None:
    """ACLED's ``timestamp``: when the row was last uploaded, in POSIX seconds."""
    if not text:
        return None
    if not text.isdigit():
        raise CellError(f"expected POSIX seconds such as 1709856000, got {text!r}")
    try:
        return datetime.fromtimestamp(int(text), UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        raise CellError(f"{text!r} is not a time this tool can read") from None


def _title(sub_type: str, actor1: str, actor2: str, place: str, kind: str) -> str:
    if kind == "negotiation":
        title = f"{sub_type}: {actor1}" + (f" and {actor2}" if actor2 else "")
    else:
        title = f"{sub_type}: {actor1}" if actor1 else sub_type
    return title + (f" in {place}" if place else "")


def _tags(row: CsvRow, event_type: str, sub_type: str) -> list[str]:
    tags = [f"acled:{event_type}", f"acled:{sub_type}"]
    if row.get("civilian_targeting"):
        tags.append("acled:civilian-targeting")
    tags.extend(f"acled-tag:{t}" for t in split_list(row.get("tags")))
    return tags
