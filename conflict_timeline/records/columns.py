"""The columnar (Parquet) layout of records, derived from the record models.

One wide table: a column for every field of every kind (NULL where a kind has no such
field), ``kind``, and for each field that is a span (``when``, a pause's ``declared_on``)
its resolved span as typed columns: start and end as UTC timestamps, precision and zone.
The text as written (``when``, ``declared_on``, ``tz``) is kept too, so a record read back
is the record that was written.

Nothing here lists the fields: the layout is computed from the models' ``model_fields``,
so a field added to a model is a column of the next file written. How a field's type maps
to a column type:

========================  =================================================
model field               column
========================  =================================================
``str``                   ``VARCHAR``
an enum, a ``Literal``    ``VARCHAR`` (its values are the column's vocabulary)
``float`` / ``int``       ``DOUBLE`` / ``BIGINT``
``bool``                  ``BOOLEAN``
a count                   ``STRUCT(min BIGINT, max BIGINT, written VARCHAR)``
``list[X]``               ``X[]`` (a LIST)
a nested model            ``STRUCT(...)`` of its fields
========================  =================================================

A count keeps its bounds for the engine (``max`` NULL: no upper bound) and, in
``written``, the JSON of the form it was written in (``111``, ``"over 100"``,
``{"min": 90}``), from which the record is rebuilt. Bounds beyond ``BIGINT`` are stored at
its limit; ``written`` keeps them exact.
"""

from __future__ import annotations

import json
import types
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime, timedelta
from enum import Enum
from functools import lru_cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .counts import CountRange, count_bounds, parse_count
from .models import KINDS, Negotiation, Pause, RecordBase, Statement, Strike
from .spans import Precision, TimeSpan, zone_label

FORMAT_KEY = "conflict_timeline_format"
FORMAT_VERSION = "1"

# the models in the order their kinds are listed, for the order of the columns
_MODELS: tuple[type[RecordBase], ...] = (Strike, Statement, Negotiation, Pause)

# Fields whose text is a span, and the prefix of their span columns. The models validate
# these into a span (``record.span``, ``declared_span``); their annotation says only
# ``str``, so they are named here.
SPAN_FIELDS: dict[str, str] = {"when": "span", "declared_on": "declared_on"}

_BIGINT_MAX = 2**63 - 1
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def sql_text(value: str) -> str:
    """``value`` as an SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def sql_name(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------------------------------
# column types: what a cell holds, how a record's value becomes one and back, and the
# checks of its values the engine can make


@dataclass(frozen=True)
class Check:
    """A condition on a row that is a problem when true, for the field it names."""

    field: str
    condition: str  # SQL, true for a bad row (NULL counts as not bad)
    message: str  # may name the row's kind as {kind}


class ColumnType:
    sql: str
    converts = False  # whether cells differ from the record's JSON form

    def to_cell(self, value: Any) -> Any:
        return value

    def from_cell(self, cell: Any) -> Any:
        return cell

    def checks(self, expr: str, path: str, depth: int = 0) -> list[Check]:
        return []


@dataclass(frozen=True)
class Scalar(ColumnType):
    sql: str
    vocabulary: tuple[str, ...] | None = None

    def checks(self, expr: str, path: str, depth: int = 0) -> list[Check]:
        if not self.vocabulary:
            return []
        words = ", ".join(sql_text(w) for w in self.vocabulary)
        return [Check(path, f"{expr} IS NOT NULL AND {expr} NOT IN ({words})",
                      f"not one of {', '.join(self.vocabulary)}")]


@dataclass(frozen=True)
class CountCell(ColumnType):
    sql: str = "STRUCT(min BIGINT, max BIGINT, written VARCHAR)"
    converts = True

    def to_cell(self, value: Any) -> Any:
        if value is None:
            return None
        low, high = count_bounds(parse_count(value))
        return {"min": min(low, _BIGINT_MAX),
                "max": None if high is None else min(high, _BIGINT_MAX),
                "written": json.dumps(value, ensure_ascii=False)}

    def from_cell(self, cell: Any) -> Any:
        return None if cell is None else json.loads(cell["written"])

    def checks(self, expr: str, path: str, depth: int = 0) -> list[Check]:
        return [
            Check(path, f"{expr} IS NOT NULL AND ({expr}.written IS NULL OR {expr}.min IS NULL)",
                  "a count needs its 'written' form and its 'min'"),
            Check(path, f"{expr}.max < {expr}.min", "a count's max is below its min"),
        ]


@dataclass(frozen=True)
class ListOf(ColumnType):
    item: ColumnType

    @property
    def sql(self) -> str:  # type: ignore[override]
        return f"{self.item.sql}[]"

    @property
    def converts(self) -> bool:  # type: ignore[override]
        return self.item.converts

    def to_cell(self, value: Any) -> Any:
        return None if value is None else [self.item.to_cell(v) for v in value]

    def from_cell(self, cell: Any) -> Any:
        return None if cell is None else [self.item.from_cell(c) for c in cell]

    def checks(self, expr: str, path: str, depth: int = 0) -> list[Check]:
        each = f"x{depth}"
        return [Check(inner.field, f"len(list_filter({expr}, lambda {each}: "
                                   f"coalesce({inner.condition}, false))) > 0", inner.message)
                for inner in self.item.checks(each, f"{path}[]", depth + 1)]


@dataclass(frozen=True)
class Member:
    """A field of a model: its column type, and whether the model needs it."""

    name: str
    type: ColumnType
    required: bool


@dataclass(frozen=True)
class StructOf(ColumnType):
    members: tuple[Member, ...]

    @property
    def sql(self) -> str:  # type: ignore[override]
        return "STRUCT(" + ", ".join(f"{sql_name(m.name)} {m.type.sql}"
                                     for m in self.members) + ")"

    @property
    def converts(self) -> bool:  # type: ignore[override]
        return True  # keys a record left out are dropped on the way back

    def to_cell(self, value: Any) -> Any:
        if value is None:
            return None
        return {m.name: m.type.to_cell(value[m.name]) if m.type.converts else value[m.name]
                for m in self.members if m.name in value}

    def from_cell(self, cell: Any) -> Any:
        if cell is None:
            return None
        return {m.name: m.type.from_cell(cell[m.name]) for m in self.members
                if not (cell.get(m.name) is None and not m.required)}

    def checks(self, expr: str, path: str, depth: int = 0) -> list[Check]:
        out = []
        for m in self.members:
            inner = f"({expr}).{sql_name(m.name)}"
            if m.required:
                out.append(Check(f"{path}.{m.name}", f"{expr} IS NOT NULL AND {inner} IS NULL",
                                 "missing, and required"))
            out.extend(m.type.checks(inner, f"{path}.{m.name}", depth))
        return out


def column_type(annotation: Any) -> ColumnType:
    """The column type of a model field's annotation."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return column_type(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = get_args(annotation)
        if CountRange in args:
            return CountCell()
        present = [a for a in args if a is not type(None)]
        if len(present) == 1:
            return column_type(present[0])
        raise TypeError(f"no column type for the union {annotation!r}")
    if origin is Literal:
        return Scalar("VARCHAR", tuple(str(a) for a in get_args(annotation)))
    if origin is list:
        return ListOf(column_type(get_args(annotation)[0]))
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return StructOf(_members(annotation))
        if issubclass(annotation, Enum):
            return Scalar("VARCHAR", tuple(str(m.value) for m in annotation))
        for python, sql in ((bool, "BOOLEAN"), (str, "VARCHAR"), (int, "BIGINT"),
                            (float, "DOUBLE")):
            if issubclass(annotation, python):
                return Scalar(sql)
    raise TypeError(f"no column type for {annotation!r}")


def _members(model: type[BaseModel]) -> tuple[Member, ...]:
    return tuple(Member(name, column_type(info.annotation), info.is_required())
                 for name, info in model.model_fields.items() if not info.exclude)


# ---------------------------------------------------------------------------------------
# the table


@dataclass(frozen=True)
class Column:
    """One column of the table. ``field``: the record field it holds (None for a span
    column); ``kinds``: the kinds that have it, each with its Member."""

    name: str
    type: ColumnType
    field: str | None = None
    kinds: dict[str, Member] = dataclass_field(default_factory=dict)
    checks: tuple[Check, ...] = ()


def _span_columns(prefix: str, source: str, kinds: tuple[str, ...]) -> list[Column]:
    precisions = tuple(p.value for p in Precision)
    start, end = f"{prefix}_start", f"{prefix}_end"
    open_end = " AND kind <> 'pause'"  # only a pause may run on with no end yet
    must = f"{sql_name(source)} IS NOT NULL"
    return [
        Column(start, Scalar("TIMESTAMPTZ"), checks=(
            Check(start, f"{must} AND {start} IS NULL", f"missing: the start of '{source}'"),
            Check(end, f"{end} <= {start}", "the span ends no later than it starts"),
        )),
        Column(end, Scalar("TIMESTAMPTZ"), checks=(
            Check(end, f"{must} AND {end} IS NULL{open_end}",
                  f"missing: only a pause may have no end to '{source}'"),
        )),
        Column(f"{prefix}_precision", Scalar("VARCHAR", precisions), checks=(
            Check(f"{prefix}_precision", f"{must} AND {prefix}_precision IS NULL", "missing"),
        )),
        Column(f"{prefix}_zone", Scalar("VARCHAR"), checks=(
            Check(f"{prefix}_zone", f"{must} AND {prefix}_zone IS NULL", "missing"),
        )),
    ]


@lru_cache(maxsize=1)
def record_columns() -> tuple[Column, ...]:
    """Every column of the file, in order: id, kind, the fields every kind has, then each
    kind's own, each span field followed by its span columns."""
    fields: dict[str, dict[str, Member]] = {}
    for model in _MODELS:
        kind = _kind_of(model)
        for member in _members(model):
            if member.name == "kind":
                continue
            known = fields.setdefault(member.name, {})
            other = next(iter(known.values()), None)
            if other is not None and other.type.sql != member.type.sql:
                raise TypeError(f"field {member.name!r} has two column types: "
                                f"{other.type.sql} and {member.type.sql}")
            known[kind] = member
    columns = [Column("kind", Scalar("VARCHAR", KINDS), "kind",
                      checks=(Check("kind", "kind IS NULL", "missing: every record needs a kind"),
                              *Scalar("VARCHAR", KINDS).checks("kind", "kind")))]
    for name, members in fields.items():
        member = next(iter(members.values()))
        columns.append(_field_column(name, member.type, members))
        if name in SPAN_FIELDS:
            columns.extend(_span_columns(SPAN_FIELDS[name], name, tuple(members)))
    ident = next(i for i, c in enumerate(columns) if c.name == "id")
    columns.insert(0, columns.pop(ident))
    return tuple(columns)


def _field_column(name: str, kind_type: ColumnType, members: dict[str, Member]) -> Column:
    quoted = sql_name(name)
    having = ", ".join(sql_text(k) for k in members)
    required = [k for k, m in members.items() if m.required]
    checks = [Check(name, f"{quoted} IS NOT NULL AND kind NOT IN ({having})",
                    "a {kind} record has no such field")]
    if required:
        needing = ", ".join(sql_text(k) for k in required)
        checks.append(Check(name, f"{quoted} IS NULL AND kind IN ({needing})",
                            "missing: required for a {kind} record"))
    if name == "id":
        checks.append(Check(name, "id = ''", "empty: every record needs an id"))
    checks.extend(kind_type.checks(quoted, name))
    return Column(name, kind_type, name, dict(members), tuple(checks))


def _kind_of(model: type[RecordBase]) -> str:
    (kind,) = get_args(model.model_fields["kind"].annotation)
    return str(kind)


# ---------------------------------------------------------------------------------------
# records to rows and back


def epoch_microseconds(moment: datetime) -> int:
    return (moment - _EPOCH) // _MICROSECOND


def span_cells(prefix: str, span: TimeSpan | None) -> dict[str, Any]:
    """The span columns of one span (start and end as microseconds since the epoch, UTC:
    the writer makes them timestamps)."""
    if span is None:
        return {}
    end: datetime | None = span.end  # None, or end_ts inf: a pause with no end yet
    return {f"{prefix}_start": epoch_microseconds(span.start),
            f"{prefix}_end": None if end is None or span.end_ts == float("inf")
            else epoch_microseconds(end),
            f"{prefix}_precision": str(span.precision),
            f"{prefix}_zone": zone_label(span.zone)}


def record_fields(kind: str) -> dict[str, Column]:
    """The field columns a record of ``kind`` has, by field name."""
    return _kind_fields()[kind]


@lru_cache(maxsize=1)
def _kind_fields() -> dict[str, dict[str, Column]]:
    out: dict[str, dict[str, Column]] = {k: {} for k in KINDS}
    for column in record_columns():
        for kind in column.kinds:
            out[kind][column.name] = column
    return out


@lru_cache(maxsize=1)
def _converting() -> dict[str, ColumnType]:
    return {c.name: c.type for c in record_columns() if c.field and c.type.converts}


def row_of(data: dict[str, Any], spans: dict[str, TimeSpan | None]) -> dict[str, Any]:
    """The row of one record: ``data`` is its ``record_to_dict``, ``spans`` its resolved
    span by span field."""
    converting = _converting()
    row = {name: converting[name].to_cell(value) if name in converting else value
           for name, value in data.items()}
    for name, span in spans.items():
        row.update(span_cells(SPAN_FIELDS[name], span))
    return row


def record_spans(record: RecordBase) -> dict[str, TimeSpan | None]:
    """The resolved span of each of ``record``'s span fields that it has."""
    out: dict[str, TimeSpan | None] = {}
    fields = type(record).model_fields  # a kind without the field: no attribute to look up
    for name in SPAN_FIELDS:
        if name in fields and getattr(record, name) is not None:
            out[name] = getattr(record, _SPAN_ATTRIBUTES[name])
    return out


# where a record keeps the resolved span of each span field
_SPAN_ATTRIBUTES = {"when": "span", "declared_on": "declared_span"}


def data_of(row: dict[str, Any]) -> dict[str, Any]:
    """The input a record is validated from, out of its row: the kind's fields only, and
    of those only the ones the row holds (NULL: left out, so the model's default)."""
    kind = row.get("kind")
    columns = _kind_fields().get(kind) if isinstance(kind, str) else None
    if columns is None or not isinstance(kind, str):
        return {k: v for k, v in row.items() if v is not None and k in _all_fields()}
    data: dict[str, Any] = {"kind": kind}
    for name, column in columns.items():
        cell = row.get(name)
        if cell is None and not column.kinds[kind].required:
            continue
        data[name] = column.type.from_cell(cell)
    return data


@lru_cache(maxsize=1)
def _all_fields() -> frozenset[str]:
    return frozenset(c.name for c in record_columns() if c.field)
