"""Parquet: validated records with their resolved spans as typed columns, for querying
many times in an engine without validating again (see docs/parquet.md).

The layout is :mod:`...records.columns`'s, derived from the models. Rows go to the engine
as JSON Lines in a temporary file beside the target, and the engine writes the Parquet
file from them in one ``COPY``: nothing holds all rows in memory but the records
themselves."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO, ClassVar

from ...errors import OutputError
from ...records import RecordBase, record_to_dict
from ...records.columns import (
    FORMAT_KEY,
    FORMAT_VERSION,
    record_columns,
    record_spans,
    row_of,
    sql_name,
    sql_text,
)

_TIMESTAMP = "TIMESTAMPTZ"
# the engine's JSON reader holds buffers of its largest object's size: its default, unless
# a row is longer
_JSON_OBJECT_SIZE = 16 << 20


class ParquetExporter:
    name: ClassVar[str] = "parquet"
    summary: ClassVar[str] = ("a typed, columnar file of the validated records and their "
                              "spans, read back by every command without validating again")
    suffix: ClassVar[str] = ".parquet"
    binary: ClassVar[bool] = True

    def render(self, records: Sequence[RecordBase]) -> bytes:
        """The whole file as bytes (for standard output; files are written in place by
        :func:`export_parquet`)."""
        with tempfile.TemporaryDirectory(prefix="timeline-parquet-") as work:
            target = Path(work) / "records.parquet"
            write_parquet(records, target)
            return target.read_bytes()


def export_parquet(records: Iterable[RecordBase], output: str | None, force: bool,
                   stdout: BinaryIO) -> None:
    """The records in timeline order as Parquet, to the file ``output`` (atomically; an
    existing one only with ``force``) or, when it is None or ``-``, to ``stdout``, which
    must not be a terminal."""
    from ...timeline import order_records

    if output in (None, "-"):
        refuse_terminal(stdout)
        with tempfile.TemporaryDirectory(prefix="timeline-parquet-") as work:
            target = Path(work) / "records.parquet"
            write_parquet(order_records(records), target)
            with target.open("rb") as data:
                shutil.copyfileobj(data, stdout)
            stdout.flush()
        return
    write_parquet_file(order_records(records), output, force)


def write_parquet_file(records: Iterable[RecordBase], output: str | Path, force: bool) -> None:
    """The records in the order given as the Parquet file ``output``, written whole or not
    at all; an existing file is replaced only with ``force``."""
    from ...files import write_file_atomically

    write_file_atomically(output, lambda temp: write_parquet(records, temp), force)


def refuse_terminal(stdout: BinaryIO) -> None:
    """OutputError when ``stdout`` is a terminal: Parquet is binary."""
    isatty = getattr(stdout, "isatty", None)
    if isatty is not None and isatty():
        raise OutputError("Parquet is a binary format and standard output is a terminal: "
                          "write it to a file with -o FILE.parquet, or redirect standard "
                          "output to a file or a pipe")


def write_parquet(records: Iterable[RecordBase], path: str | Path) -> int:
    """Write ``records`` in the order given as a Parquet file at ``path`` (replacing
    whatever is there: callers write to a temporary name, see
    :func:`...files.write_file_atomically`). Returns the number of rows."""
    from ...engine import connect, engine_message

    target = Path(path)
    count = 0
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".timeline-rows-") as work:
        rows = Path(work) / "rows.jsonl"
        with rows.open("w", encoding="utf-8") as out:
            dumps, write = json.JSONEncoder(ensure_ascii=True).encode, out.write
            longest = 0
            for record in records:
                line = dumps(row_of(record_to_dict(record), record_spans(record)))
                longest = max(longest, len(line))  # ASCII: its length is its size
                write(line)
                write("\n")
                count += 1
        columns = record_columns()
        # the JSON holds a timestamp as microseconds since the epoch (UTC), as an integer
        declared = ", ".join(
            f"{sql_text(c.name)}: {sql_text('BIGINT' if c.type.sql == _TIMESTAMP else c.type.sql)}"
            for c in columns)
        selected = ", ".join(
            f"make_timestamp({sql_name(c.name)})::TIMESTAMPTZ AS {sql_name(c.name)}"
            if c.type.sql == _TIMESTAMP else sql_name(c.name) for c in columns)
        query = (f"COPY (SELECT {selected} FROM read_json({sql_text(str(rows))}, "
                 f"format = 'newline_delimited', columns = {{{declared}}}, "
                 f"maximum_object_size = {max(_JSON_OBJECT_SIZE, longest + 2)})) "
                 f"TO {sql_text(str(target))} (FORMAT PARQUET, COMPRESSION zstd, "
                 f"KV_METADATA {{{FORMAT_KEY}: {sql_text(FORMAT_VERSION)}}})")
        connection = connect()
        try:
            connection.execute(query)
        except Exception as exc:  # duckdb.Error, imported lazily
            if not _is_engine_error(exc):
                raise
            raise OutputError(f"cannot write {target}: {engine_message(exc)}") from None
        finally:
            connection.close()
    return count


def _is_engine_error(exc: Exception) -> bool:
    import duckdb

    return isinstance(exc, duckdb.Error)
