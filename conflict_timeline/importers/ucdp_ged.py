"""UCDP Georeferenced Event Dataset (GED) CSV: one event of organised lethal violence a row.

Every event becomes a strike by side A. ``date_start``/``date_end`` are the earliest and
latest possible dates, so the span covers both days whole. The best estimate of deaths is
the record's ``killed``; the low and high estimates and the deaths by side are kept in the
summary. Some releases ship without a header row: they are read in the standard 49-column
layout.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date
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
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
    "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low", "gwnoa", "gwnob",
)
REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "best")

VIOLENCE_TYPES = {"1": "state-based", "2": "non-state", "3": "one-sided"}
UCDP_SOURCE = {"name": "UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data Program",
               "url": "https://ucdp.uu.se"}

_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")


def ged_date(text: str) -> str:
    """``2022-02-24`` (or ``2022-02-24 00:00:00.000`` as some releases write it)."""
    match = _DATE.fullmatch(text)
    if match is None:
        raise CellError(f"expected a date such as 2022-02-24, got {text!r}")
    try:
        return date.fromisoformat(match.group(1)).isoformat()
    except ValueError as exc:
        raise CellError(f"{text!r} is not a real date: {exc}") from None


def has_header(text: str) -> bool:
    """A headerless release starts with an event, not with the column names."""
    # the first row as csv_rows will read it: a CR alone ends a line there too
    try:
        cells = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:  # not valid CSV: csv_rows reports it, located
        return False
    return bool(cells) and cells[0].strip().casefold() == "id"


class UcdpGedImporter:
    name: ClassVar[str] = "ucdp-ged"
    summary: ClassVar[str] = "a UCDP GED event CSV, with or without its header row"
    default_tz: ClassVar[str] = "UTC"

    def read(self, text: str, session: ImportSession) -> Iterator[Candidate]:
        columns = None if has_header(text) else COLUMNS
        for row in csv_rows(text, session, columns=columns, required=REQUIRED):
            candidate = _strike(row, session)
            if candidate is not None:
                yield candidate


def _strike(row: CsvRow, session: ImportSession) -> Candidate | None:
    errors = 0

    def cell(column: str, read, *args):
        nonlocal errors
        try:
            return read(row.get(column), *args)
        except CellError as exc:
            session.problem(row.line, column, str(exc))
            errors += 1
            return None

    start, end = cell("date_start", ged_date), cell("date_end", ged_date)
    deaths = {c: cell(c, count_cell) for c in ("best", "low", "high", "deaths_a", "deaths_b",
                                               "deaths_civilians", "deaths_unknown")}
    lat = cell("latitude", float_cell, -90, 90)
    lon = cell("longitude", float_cell, -180, 180)
    if start and end and end < start:
        session.problem(row.line, "date_end", f"the latest possible date {end} is before the "
                        f"earliest {start}")
        errors += 1
    if not row.get("id"):
        session.problem(row.line, "id", "empty: every GED event has an id")
        errors += 1
    if errors:
        session.skip(row.line, "a value cannot be read (see the problems)")
        return None
    violence = VIOLENCE_TYPES.get(row.get("type_of_violence"))
    side_a, side_b = row.get("side_a"), row.get("side_b")
    place = row.get("where_coordinates")
    data: dict[str, Any] = {
        "id": f"ucdp-ged-{row.get('id')}",
        "kind": "strike",
        "tz": session.tz,
        "when": start if start == end else f"{start}/{end}",
        "title": f"{(violence or 'organised').capitalize()} violence: {side_a} against "
                 f"{side_b}" + (f" at {place}" if place else ""),
        "summary": _summary(row, deaths),
        "by": side_a,
        "actors": [side_b] if side_b else [],
        "casualties": {"killed": deaths["best"]} if deaths["best"] is not None else None,
        "location": drop_empty({"country": row.get("country"), "region": row.get("adm_1"),
                                "place": place, "lat": lat, "lon": lon}),
        "sources": [{"name": name} for name in split_list(row.get("source_office"))]
        + [{**UCDP_SOURCE, "name": f"{UCDP_SOURCE['name']}, event {row.get('id')}"}],
        "tags": [f"ucdp:{violence}"] if violence else [],
    }
    return Candidate(drop_empty(data), row.line, {
        "id": "id", "when": "date_start", "by": "side_a", "title": "side_a",
        "casualties": "best", "location": "where_coordinates", "sources": "source_office",
    })


def _summary(row: CsvRow, deaths: dict[str, int | None]) -> str:
    def n(column: str) -> str:
        return "unknown" if deaths[column] is None else str(deaths[column])

    parts = [f"Deaths: best estimate {n('best')} (low {n('low')}, high {n('high')}); "
             f"side A {n('deaths_a')}, side B {n('deaths_b')}, civilians "
             f"{n('deaths_civilians')}, unknown {n('deaths_unknown')}."]
    if row.get("conflict_name"):
        parts.append(f"Conflict: {row.get('conflict_name')}.")
    if row.get("where_description"):
        parts.append(f"Where: {row.get('where_description')}.")
    if row.get("source_headline"):
        parts.append(f"Headlines: {row.get('source_headline')}")
    return " ".join(parts)
