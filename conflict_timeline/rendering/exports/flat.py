"""A record as one flat row of named cells: the stable columns CSV, Timesketch and the
details of the other exports share. Lists are joined with ``; ``; a column a record's kind
does not have is empty."""

from __future__ import annotations

from typing import Any

from ...records import (
    CountValue,
    Negotiation,
    Pause,
    RecordBase,
    Statement,
    Strike,
    Weapon,
    count_cell,
    count_text,
    count_total,
)
from ..machine import span_dict

COMMON_COLUMNS = (
    "id", "kind", "when", "tz", "start", "end", "precision", "zone", "title", "summary",
    "actors", "country", "region", "place", "lat", "lon",
)
KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    "strike": ("by", "targets", "target_description", "weapons", "launched", "intercepted",
               "killed", "wounded"),
    "statement": ("speaker", "quote", "venue", "refers_to", "stance"),
    "negotiation": ("parties", "mediators", "topics", "outcome", "venue"),
    "pause": ("claimed_by", "declared_on", "binds", "scope_targets", "scope_regions",
              "arrangement", "amends", "repeat"),
}
TRAILING_COLUMNS = ("tags", "sources", "source_urls")
COLUMNS: tuple[str, ...] = tuple(dict.fromkeys(
    COMMON_COLUMNS + tuple(c for cols in KIND_COLUMNS.values() for c in cols) + TRAILING_COLUMNS
))

Cell = str | int | float | None


def joined(values: list[Any] | None) -> str | None:
    return "; ".join(str(v) for v in values) if values else None


def weapon_words(weapon: Weapon) -> str:
    words = f"{weapon.model} ({weapon.type.value})" if weapon.model else weapon.type.value
    counts = [f"{count_text(n)} {label}" for n, label in ((weapon.launched, "launched"),
                                              (weapon.intercepted, "intercepted"))
              if n is not None]
    if counts:
        words += ": " + ", ".join(counts)
    if weapon.launched_from:
        words += f", from {weapon.launched_from}"
    return words


def _total(values: list[CountValue | None]) -> int | str | None:
    known = [v for v in values if v is not None]
    return count_cell(count_total(known)) if known else None


def flat_fields(record: RecordBase) -> dict[str, Cell]:
    """Every column of :data:`COLUMNS`, in that order."""
    span = span_dict(record.span)
    loc = record.location
    row: dict[str, Cell] = dict.fromkeys(COLUMNS)
    row.update(
        id=record.id, kind=record.kind, when=str(record.when), tz=record.tz,
        start=span["start"], end=span["end"], precision=span["precision"], zone=span["zone"],
        title=record.title, summary=record.summary, actors=joined(record.actors),
        country=loc.country if loc else None, region=loc.region if loc else None,
        place=loc.place if loc else None, lat=loc.lat if loc else None,
        lon=loc.lon if loc else None, tags=joined(record.tags),
        sources=joined([s.name for s in record.sources]),
        source_urls=joined([s.url for s in record.sources if s.url]),
    )
    if isinstance(record, Strike):
        row.update(
            by=record.by, targets=joined([t.value for t in record.targets]),
            target_description=record.target_description,
            weapons=" | ".join(weapon_words(w) for w in record.weapons) or None,
            launched=_total([w.launched for w in record.weapons]),
            intercepted=_total([w.intercepted for w in record.weapons]),
            killed=count_cell(record.casualties.killed) if record.casualties else None,
            wounded=count_cell(record.casualties.wounded) if record.casualties else None,
        )
    elif isinstance(record, Statement):
        row.update(speaker=record.speaker, quote=record.quote, venue=record.venue,
                   refers_to=joined(record.refers_to),
                   stance=record.stance and record.stance.value)
    elif isinstance(record, Negotiation):
        row.update(parties=joined(record.parties), mediators=joined(record.mediators),
                   topics=joined(record.topics), outcome=record.outcome and record.outcome.value,
                   venue=record.venue)
    elif isinstance(record, Pause):
        row.update(claimed_by=record.claimed_by,
                   declared_on=str(record.declared_on) if record.declared_on else None,
                   binds=joined(record.binds) if record.binds else "(nobody)",
                   scope_targets=_scope(record.scope.targets, [t.value for t in
                                                               record.scope.targets or []]),
                   scope_regions=_scope(record.scope.regions, record.scope.regions or []),
                   arrangement=record.arrangement, amends=record.amends,
                   repeat=record.repeat)
    return row


def _scope(axis: list | None, values: list[str]) -> str:
    if axis is None:
        return "(any)"
    return joined(values) or "(none)"


def kind_details(record: RecordBase) -> list[tuple[str, str]]:
    """The kind's own fields that are set, as (column, text) pairs, for prose exports."""
    row = flat_fields(record)
    return [(column, str(row[column])) for column in KIND_COLUMNS[record.kind]
            if row[column] is not None]
