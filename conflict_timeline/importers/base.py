"""What every importer shares: the interface, the report, located CSV rows, and turning the
record data an importer builds into validated records.

An importer reads one file's text and yields :class:`Candidate` record data, each with the
line it came from; it tells its :class:`ImportSession` about every problem (a located
input error) and every row it leaves out (with the reason). The session validates the
candidates through the same models a record file goes through, so an imported record is
exactly what `timeline show` would load."""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any, ClassVar, Protocol

from pydantic import ValidationError

from ..errors import InputProblem
from ..loading.validation import describe_validation_error
from ..records import RecordBase, SpanError, parse_span, validate_record
from ..records.spans import WallTimeError

Progress = Callable[[int, int], None]  # (lines done, lines in the file)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """``tz``: zone for the source's zoneless dates and times (default: the importer's own).
    ``include_other``: import rows that are not one of the four kinds as the nearest kind
    instead of skipping them (ACLED)."""

    tz: str | None = None
    include_other: bool = False
    strict: bool = False
    encoding: str = "utf-8"  # of the files; UTF-8 may start with a byte-order mark


# the reasons that group rows whose details differ: one line of the report each
REPEATED_ROW = "repeated row: the same cells as an earlier row (its counts are not added twice)"
SAME_ID = "same id as a record already imported"
REPEATED_HEADER = "the header row again (files joined into one?)"


@dataclass(frozen=True, slots=True)
class SkippedRow:
    file: str
    line: int
    reason: str  # the same words for every row skipped for the same reason
    detail: str = ""  # what differs from row to row: the earlier row, the id

    def __str__(self) -> str:
        return f"{self.file}: line {self.line}: {self.reason}" + (
            f" ({self.detail})" if self.detail else "")


@dataclass(slots=True)
class ImportReport:
    """What happened to every row: made into records, skipped (with the reason), or wrong
    (a located problem; such rows are skipped too)."""

    format: str
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    records_made: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # files not read at all (see problems)
    # rows at a wall time the clocks skipped or repeated: kept, their span widened
    widened_rows: int = 0

    def skipped_by_reason(self) -> Counter[str]:
        return Counter(row.reason for row in self.skipped)

    @property
    def repeated_rows(self) -> int:
        return sum(1 for row in self.skipped if row.reason == REPEATED_ROW)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "files": self.files,
            "rows_read": self.rows_read,
            "records_made": self.records_made,
            "rows_skipped": len(self.skipped),
            "repeated_rows_skipped": self.repeated_rows,
            "rows_widened": self.widened_rows,
            "files_not_read": self.unread,
            "skipped_by_reason": dict(self.skipped_by_reason()),
            "skipped": [{"file": s.file, "line": s.line, "reason": s.reason, "detail": s.detail}
                        for s in self.skipped],
            "problems": [p.as_dict() for p in self.problems],
            "notes": self.notes,
        }


@dataclass(slots=True)
class ImportResult:
    records: list[RecordBase]
    report: ImportReport


@dataclass(slots=True)
class Candidate:
    """Record data an importer built, with the line of the (first) row it came from and
    the CSV column each record field came from, so a model error points at the cell."""

    data: dict[str, Any]
    line: int
    columns: dict[str, str] = field(default_factory=dict)  # record field -> CSV column name


class StopImport(Exception):
    """--strict: the first problem ends the import."""


class ImportSession:
    """One file being imported: where problems and skipped rows are recorded."""

    def __init__(self, file: str, report: ImportReport, options: ImportOptions,
                 progress: Progress | None = None, tz: str = "UTC",
                 rows_seen: dict[bytes, str] | None = None):
        self.file = file
        self.tz = tz  # the zone the source's zoneless dates and times are read in
        self.report = report
        self.options = options
        self.progress = progress
        self.header: dict[str, int] = {}  # column name -> 1-based column number
        # every row's digest -> where it was first read, shared by the files of one import
        self.rows_seen: dict[bytes, str] = {} if rows_seen is None else rows_seen

    def problem(self, line: int, column: str, message: str) -> None:
        """A located input error: ``column`` is the CSV column's name ('' for the row)."""
        location = f"line {line}"
        if column and column in self.header:
            location += f", column {self.header[column]}"
        self.report.problems.append(InputProblem(self.file, location, column, message))
        if self.options.strict:
            raise StopImport

    def skip(self, line: int, reason: str, detail: str = "") -> None:
        self.report.skipped.append(SkippedRow(self.file, line, reason, detail))

    def first_read(self, line: int, cells: dict[str, str]) -> bool:
        """True for a row not read before in this import; a repeat is skipped and counted,
        so it cannot be merged into a record and double its counts."""
        digest = hashlib.blake2b("\x1f".join(f"{k}\x1e{v}" for k, v in sorted(cells.items()))
                                 .encode("utf-8", "surrogatepass"), digest_size=16).digest()
        first = self.rows_seen.get(digest)
        if first is None:
            self.rows_seen[digest] = f"{self.file}: line {line}"
            return True
        self.skip(line, REPEATED_ROW, f"as {first}")
        return False


class Importer(Protocol):
    """One source format. ``read`` yields record data for one file's text."""

    name: ClassVar[str]  # the FORMAT of `timeline import FORMAT`
    summary: ClassVar[str]  # one line for --help
    default_tz: ClassVar[str]  # the zone its dates and times are read in unless --tz

    def read(self, text: str, session: ImportSession) -> Iterator[Candidate]: ...


# ---------------------------------------------------------------------------------------
# CSV rows located by line and column


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # the line the row begins on (a quoted cell may span lines)
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


def csv_rows(text: str, session: ImportSession, columns: Sequence[str] | None = None,
             required: Sequence[str] = ()) -> Iterator[CsvRow]:
    """The data rows of a CSV text. The first row is the header unless ``columns`` names
    the columns of a headerless file; ``required`` columns must be in the header.

    Rows with the wrong number of cells are problems; blank lines are not rows."""
    total_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous_end = 0
    names: list[str] | None = list(columns) if columns is not None else None
    if names is not None:
        session.header = {name: i + 1 for i, name in enumerate(names)}
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            if session.progress is not None:
                session.progress(reader.line_num, total_lines)
            break
        except csv.Error as exc:
            line, previous_end = previous_end + 1, reader.line_num
            session.report.rows_read += 1
            session.problem(line, "", f"cannot read this CSV row: {exc}")
            session.skip(line, "the row is not valid CSV")
            continue
        line = previous_end + 1
        previous_end = reader.line_num
        if session.progress is not None and session.report.rows_read % 256 == 0:
            session.progress(reader.line_num, total_lines)
        if not cells or cells == [""]:
            continue
        if names is None:
            names = [cell.strip() for cell in cells]
            session.header = {name: i + 1 for i, name in enumerate(names)}
            missing = [c for c in required if c not in session.header]
            if missing:
                plural = "s" if len(missing) > 1 else ""
                session.problem(line, "", f"the header lacks the column{plural} "
                                f"{', '.join(missing)}: is this the right format?")
                return
            continue
        session.report.rows_read += 1
        if columns is None and [cell.strip().lstrip("\ufeff") for cell in cells] == names:
            session.skip(line, REPEATED_HEADER)
            continue
        if len(cells) != len(names):
            layout = "in the header" if columns is None else "in this format's layout"
            session.problem(line, "", f"expected {len(names)} cells as {layout}, found "
                            f"{len(cells)}")
            session.skip(line, "the row has the wrong number of cells")
            continue
        values = dict(zip(names, cells))
        if session.first_read(line, values):
            yield CsvRow(line, values)


# ---------------------------------------------------------------------------------------
# cell values

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_MISSING = {"", "nan", "none", "null", "n/a", "na"}


class CellError(ValueError):
    """A cell that cannot be read; the message says what was expected."""


def count_cell(text: str) -> int | None:
    """A count written as ``12``, ``12.0`` or empty/NaN (unknown)."""
    text = text.strip()
    if text.casefold() in _MISSING:
        return None
    if not _NUMBER.fullmatch(text):
        raise CellError(f"expected a count (a whole number such as 12), got {text!r}")
    value = float(text)
    if not math.isfinite(value) or value != int(value) or value < 0:
        raise CellError(f"expected a count (a whole number of 0 or more), got {text!r}")
    return int(value)


def float_cell(text: str, low: float, high: float) -> float | None:
    text = text.strip()
    if text.casefold() in _MISSING:
        return None
    if not _NUMBER.fullmatch(text):
        raise CellError(f"expected a number, got {text!r}")
    value = float(text)
    if not low <= value <= high:
        raise CellError(f"expected a number from {low:g} to {high:g}, got {text!r}")
    return value


def split_list(text: str, separator: str = ";") -> list[str]:
    return list(dict.fromkeys(p.strip() for p in text.split(separator) if p.strip()))


def drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Record data without the fields the source left empty (so they take their defaults)."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


# ---------------------------------------------------------------------------------------
# the driver


def validate_candidates(candidates: Iterator[Candidate], session: ImportSession,
                        seen: dict[str, str]) -> list[RecordBase]:
    """Candidates through the record models; a duplicate id (the same row imported twice)
    is skipped with the place it was first seen."""
    records: list[RecordBase] = []
    for candidate in candidates:
        record_id = candidate.data.get("id")
        if record_id in seen:
            session.skip(candidate.line, SAME_ID, f"{record_id!r}, first from {seen[record_id]}")
            continue
        try:
            record = validate_record(candidate.data)
        except ValidationError as exc:
            for fld, message in describe_validation_error(exc, candidate.data):
                column = candidate.columns.get(fld.split(".")[0].split("[")[0], "")
                session.problem(candidate.line, column,
                                f"record field '{fld}': {message}" if fld else message)
            session.skip(candidate.line, "its values do not make a valid record")
            continue
        seen[record.id] = f"{session.file}: line {candidate.line}"
        records.append(record)
    session.report.records_made += len(records)
    return records


def unambiguous_when(when: str, zone: tzinfo | None) -> tuple[str, bool]:
    """``when`` as a source table wrote it (local times, no offsets); or, where the zone's
    clocks skipped or repeated a time it names (a daylight-saving change), a span written
    with offsets that covers every reading of it, and True. A table carries no offsets, so
    its row is kept with the honest, wider span rather than refused."""
    parts = when.split("/")
    if len(parts) > 2:
        return when, False
    if len(parts) == 1:
        try:
            parse_span(when, zone)
        except WallTimeError as exc:
            return exc.widened, True
        except SpanError:
            pass  # the caller words it
        return when, False
    written, widened = [], False
    for part, reading in zip(parts, (0, 1)):
        try:
            parse_span(part, zone)
            written.append(part)
        except WallTimeError as exc:
            # the start at its earlier reading, the end (an instant) at its later one
            instant = exc.candidates[reading]
            written.append(instant.isoformat(timespec="seconds" if part.count(":") > 1
                                             else "minutes"))
            widened = True
        except SpanError:
            written.append(part)
    return "/".join(written), widened
