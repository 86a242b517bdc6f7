"""Reading Parquet files of records (written by ``timeline export --format parquet``).

The file's structure is checked in the engine, in a scan of the columns it needs, without
making a single record: the format version in its metadata, every column present with its
type, each row's kind and vocabularies, the fields each kind needs and has, spans that
start before they end (an open end only for a pause), ids present and unique. What fails
is reported by row (counted from 1, in file order) and column.

Then two ways in: :func:`read_parquet` hands the loader each row as a record's input, to
be validated by the models like every other file (``show``, ``check``, ``export``);
:class:`ParquetSource` leaves the rows in the engine, as SQL views, for queries over many
records (``check-pause`` at scale)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from ..errors import InputError, InputProblem
from ..records.columns import (
    FORMAT_KEY,
    FORMAT_VERSION,
    SPAN_FIELDS,
    data_of,
    epoch_microseconds,
    record_columns,
    sql_name,
    sql_text,
)
from ..records.spans import SpanError, parse_span, zone_from_name, zone_label
from .readers import ParsedFile, RawEntry

if TYPE_CHECKING:
    import duckdb

    from ..records import RecordBase

# rows with problems listed, at most; the rest are counted
MOST_ROWS_LISTED = 50
_BATCH = 10_000
_TIMESTAMP = "TIMESTAMP WITH TIME ZONE"


def check_parquet(connection: duckdb.DuckDBPyConnection, name: str, path: str | Path,
                  columns: frozenset[str] | None = None) -> list[InputProblem]:
    """Every structural problem of the Parquet file at ``path`` (shown as ``name``),
    found by the engine; empty when the file can be read as records. ``columns``: the
    columns a query will read, whose values alone are checked row by row (the version, the
    names and types of every column, and unique ids are checked whatever it reads)."""
    import duckdb

    source = f"read_parquet({sql_text(str(path))}, file_row_number = true)"
    try:
        found = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
        metadata = connection.execute(
            f"SELECT key, value FROM parquet_kv_metadata({sql_text(str(path))})").fetchall()
    except duckdb.Error as exc:
        from ..engine import engine_message

        return [InputProblem(name, "", "", f"not a Parquet file the engine can read "
                             f"({engine_message(exc)}): make one with "
                             "timeline export --format parquet")]
    problems = _version_problems(name, metadata)
    if problems:
        return problems
    problems = _column_problems(connection, name, {row[0]: row[1] for row in found})
    if problems:
        return problems
    return (_row_problems(connection, name, source, columns)
            + _duplicate_ids(connection, name, source))


def _version_problems(name: str, metadata: list[tuple[Any, Any]]) -> list[InputProblem]:
    values = {_text(key): _text(value) for key, value in metadata}
    version = values.get(FORMAT_KEY)
    if version is None:
        return [InputProblem(name, "", "", f"not a conflict-timeline records file: its "
                             f"metadata has no '{FORMAT_KEY}' (make one with timeline export "
                             "--format parquet)")]
    if version != FORMAT_VERSION:
        return [InputProblem(name, "", "", f"format version {version!r}: this timeline reads "
                             f"version {FORMAT_VERSION!r} (write the file again with this "
                             "timeline's export --format parquet)")]
    return []


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def expected_types(connection: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each column's type as the engine writes it out."""
    typed = ", ".join(f"NULL::{c.type.sql} AS {sql_name(c.name)}" for c in record_columns())
    return {row[0]: row[1] for row in connection.execute(f"DESCRIBE SELECT {typed}").fetchall()}


def _column_problems(connection: duckdb.DuckDBPyConnection, name: str,
                     found: dict[str, str]) -> list[InputProblem]:
    expected = expected_types(connection)
    problems = []
    for column, wanted in expected.items():
        have = found.get(column)
        if have is None:
            problems.append(InputProblem(name, "", column, f"missing column (of type {wanted})"))
        elif have != wanted:
            problems.append(InputProblem(name, "", column, f"column of type {have}: "
                                         f"expected {wanted}"))
    for column in found:
        if column not in expected and column != "file_row_number":
            problems.append(InputProblem(name, "", column,
                                         "unknown column: not part of the record format"))
    return problems


def _row_problems(connection: duckdb.DuckDBPyConnection, name: str, source: str,
                  columns: frozenset[str] | None = None) -> list[InputProblem]:
    checks = [check for column in record_columns()
              if columns is None or column.name in columns for check in column.checks]
    bad = [f"coalesce(({check.condition}), false)" for check in checks]
    failed = ", ".join(f"CASE WHEN {b} THEN {i} END" for i, b in enumerate(bad))
    where = " OR ".join(bad)
    rows = connection.execute(
        f"SELECT file_row_number + 1, kind, id, "
        f"list_filter([{failed}], lambda c: c IS NOT NULL), count(*) OVER () "
        f"FROM {source} WHERE {where} ORDER BY file_row_number LIMIT {MOST_ROWS_LISTED}"
    ).fetchall()
    problems = []
    for number, kind, ident, failures, _ in rows:
        location = _row_location(number, ident)
        for index in failures:
            check = checks[index]
            problems.append(InputProblem(name, location, check.field,
                                         check.message.replace("{kind}", str(kind))))
    if rows and rows[0][4] > len(rows):
        problems.append(InputProblem(name, "", "", f"… and {rows[0][4] - len(rows)} more rows "
                                     "with problems"))
    return problems


def _duplicate_ids(connection: duckdb.DuckDBPyConnection, name: str,
                   source: str) -> list[InputProblem]:
    # each id counted with its first row only (a list of every row of every id would hold
    # the whole file), then the later rows of the few that repeat
    rows = connection.execute(
        f"WITH repeated AS (SELECT id, min(file_row_number) AS first FROM {source} "
        f"WHERE id IS NOT NULL GROUP BY id HAVING count(*) > 1) "
        f"SELECT r.id, s.file_row_number + 1, r.first + 1 FROM {source} AS s "
        f"JOIN repeated AS r ON s.id = r.id WHERE s.file_row_number > r.first "
        f"ORDER BY s.file_row_number LIMIT {MOST_ROWS_LISTED}").fetchall()
    return [InputProblem(name, _row_location(again, ident), "id",
                         f"duplicate id {_shown(ident)}: already used at row {first}")
            for ident, again, first in rows]


def _row_location(number: int, ident: Any) -> str:
    return f"row {number}" + (f", id {_shown(ident)}" if isinstance(ident, str) and ident else "")


def _shown(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# ---------------------------------------------------------------------------------------
# through the models


def read_parquet(name: str, path: str | Path) -> ParsedFile:
    """The loader's reader: the file checked, then each row as a record's input, located
    as "row N", read as the loader takes them. A row whose span columns are not what its
    ``when`` resolves to is a problem too: the engine's queries read those columns."""
    from ..engine import connect

    parsed = ParsedFile(name)
    connection = connect()
    problems = check_parquet(connection, name, path)
    if problems:
        connection.close()
        parsed.problems.extend(problems)
        return parsed
    parsed.entries = _entries(parsed, connection, path)
    return parsed


def _entries(parsed: ParsedFile, connection: duckdb.DuckDBPyConnection,
             path: str | Path) -> Iterator[RawEntry]:
    columns = record_columns()
    stamps = {c.name for c in columns if c.type.sql == "TIMESTAMPTZ"}
    selected = ", ".join(f"epoch_us({sql_name(c.name)})" if c.name in stamps
                         else sql_name(c.name) for c in columns)
    names = [c.name for c in columns]
    try:
        cursor = connection.execute(
            f"SELECT file_row_number + 1, {selected} FROM "
            f"read_parquet({sql_text(str(path))}, file_row_number = true) ORDER BY file_row_number")
        while batch := cursor.fetchmany(_BATCH):
            for values in batch:
                row = dict(zip(names, values[1:], strict=True))
                location = f"row {values[0]}"
                _check_spans(parsed, location, row)
                yield RawEntry(data_of(row), location)
    finally:
        connection.close()


def _check_spans(parsed: ParsedFile, location: str, row: dict[str, Any]) -> None:
    tz = row.get("tz")
    for source, prefix in SPAN_FIELDS.items():
        text = row.get(source)
        if not isinstance(text, str):
            continue
        try:
            span = parse_span(text, zone_from_name(tz) if isinstance(tz, str) else None, source)
        except SpanError:
            continue  # the models report it
        end = None if span.end_ts == float("inf") else span.end
        resolved = {f"{prefix}_start": epoch_microseconds(span.start),
                    f"{prefix}_end": None if end is None else epoch_microseconds(end),
                    f"{prefix}_precision": str(span.precision),
                    f"{prefix}_zone": zone_label(span.zone)}
        for column, value in resolved.items():
            if row.get(column) != value:
                ident = row.get("id")
                parsed.problem(_row_location(int(location.split()[1]), ident), column,
                               f"not the span {_shown(text)} resolves to: the file was "
                               "changed after it was written")
                break


def parquet_records(path: str | Path) -> Iterator[RecordBase]:
    """The records of a Parquet file, made through the models, in file order. InputError,
    with every problem, before the first record when the structure is wrong, and when a
    row is reached that the models refuse (with that row's problems)."""
    from .validation import validated_entry

    parsed = read_parquet(str(path), path)
    if parsed.problems:
        raise InputError(parsed.problems)
    for entry in parsed.entries:
        record = validated_entry(parsed, entry)
        if parsed.problems:
            raise InputError(parsed.problems)
        if record is not None:
            yield record


# ---------------------------------------------------------------------------------------
# in the engine


class ParquetSource:
    """A checked Parquet file of records, open in the engine as SQL views:

    - ``records``: every row, plus ``row_number`` (its place in the file, from 1) and
      ``span_start_ts`` / ``span_end_ts``: POSIX seconds as DOUBLE, the same numbers as
      ``TimeSpan.start_ts`` / ``end_ts`` (an open end is ``+inf``);
    - ``strikes``, ``pauses``: the rows of that kind, with the same columns.

    The file's structure is checked first (InputError with every problem), the values of
    ``columns`` (default: all) row by row; the rest are trusted as written by ``timeline
    export --format parquet``. Use as a context
    manager, or call :meth:`close`."""

    RECORDS, STRIKES, PAUSES = "records", "strikes", "pauses"

    def __init__(self, path: str | Path, name: str | None = None,
                 columns: frozenset[str] | None = None):
        from ..engine import connect

        self.path = Path(path)
        self.name = name or str(path)
        self.connection = connect()
        problems = check_parquet(self.connection, self.name, self.path, columns)
        if problems:
            self.connection.close()
            raise InputError(problems)
        source = f"read_parquet({sql_text(str(self.path))}, file_row_number = true)"
        self.connection.execute(
            f"CREATE TEMP VIEW {self.RECORDS} AS SELECT * EXCLUDE (file_row_number), "
            f"file_row_number + 1 AS row_number, "
            f"epoch_us(span_start) / 1e6 AS span_start_ts, "
            f"coalesce(epoch_us(span_end) / 1e6, 'inf'::DOUBLE) AS span_end_ts FROM {source}")
        for view, kind in ((self.STRIKES, "strike"), (self.PAUSES, "pause")):
            self.connection.execute(f"CREATE TEMP VIEW {view} AS SELECT * FROM {self.RECORDS} "
                                    f"WHERE kind = {sql_text(kind)}")

    def relation(self, view: str) -> duckdb.DuckDBPyRelation:
        """One of the views as a relation to query further."""
        return self.connection.view(view)

    def sql(self, query: str, parameters: list[Any] | None = None) -> duckdb.DuckDBPyConnection:
        """Run ``query`` (which may name the views) and return the cursor."""
        return self.connection.execute(query, parameters or [])

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
