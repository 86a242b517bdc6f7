"""Importers: the tables analysts already have, turned into records. One module per format
behind the :class:`Importer` interface; :func:`import_paths` runs one over files::

    result = import_paths("missile-attacks", ["missile_attacks_daily.csv"])
    result.records, result.report.records_made, result.report.skipped
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, InputProblem, UsageError
from ..records import RecordBase, SpanError, zone_from_name
from .acled import AcledImporter
from .base import (
    Importer,
    ImportOptions,
    ImportReport,
    ImportResult,
    ImportSession,
    Progress,
    SkippedRow,
    StopImport,
    validate_candidates,
)
from .missile_attacks import MissileAttacksImporter
from .ucdp_ged import UcdpGedImporter

IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (MissileAttacksImporter(), AcledImporter(), UcdpGedImporter())
}

STDIN = "-"


def import_paths(fmt: str, paths: Iterable[str | Path], options: ImportOptions = ImportOptions(),
                 progress: Progress | None = None, stdin: BinaryIO | None = None) -> ImportResult:
    """Records from every file of ``paths`` (``-`` is standard input) in format ``fmt``.

    Every problem is in the report and its row is left out; with ``options.strict`` the
    first problem raises InputError instead. Unknown formats and zones raise UsageError."""
    importer = IMPORTERS.get(fmt)
    if importer is None:
        raise UsageError(f"unknown import format {fmt!r}: use one of {', '.join(IMPORTERS)}")
    tz = options.tz or importer.default_tz
    try:
        zone_from_name(tz)
    except SpanError as exc:
        raise UsageError(str(exc)) from None
    try:
        codecs.lookup(options.encoding)
    except LookupError:
        raise UsageError(f"unknown encoding {options.encoding!r}: name one Python knows, "
                         "e.g. utf-8, cp1251, koi8-u, latin-1") from None
    report = ImportReport(fmt)
    if options.tz is None:
        report.notes.append(f"dates and times without an offset are read in {tz} "
                            f"({importer.name}'s default; --tz sets another zone)")
    records: list[RecordBase] = []
    seen: dict[str, str] = {}
    rows_seen: dict[bytes, str] = {}  # a row repeated in another file is a repeat too
    for name, text in _texts(paths, report, stdin, options.encoding):
        if options.strict and report.problems:
            break
        report.files.append(name)
        session = ImportSession(name, report, options, progress, tz, rows_seen)
        try:
            records.extend(validate_candidates(importer.read(text, session), session, seen))
        except StopImport:
            raise InputError(report.problems[-1:]) from None
    if options.strict and report.problems:
        raise InputError(report.problems[:1])
    return ImportResult(records, report)


def _texts(paths: Iterable[str | Path], report: ImportReport, stdin: BinaryIO | None,
           encoding: str = "utf-8"):
    for raw in paths:
        name = "<stdin>" if str(raw) == STDIN else str(raw)
        try:
            if str(raw) == STDIN:
                data = (stdin or sys.stdin.buffer).read()
            else:
                data = Path(raw).read_bytes()
        except FileNotFoundError:
            report.problems.append(InputProblem(name, "", "", "no such file"))
            report.unread.append(name)
            continue
        except OSError as exc:
            report.problems.append(InputProblem(name, "", "", f"cannot read: {exc.strerror}"))
            report.unread.append(name)
            continue
        text = decode_table(name, data, encoding, report.problems)
        if text is None:
            report.unread.append(name)
        else:
            yield name, text


_LINE_END = re.compile(r"\r\n|\r|\n")  # as the CSV reader counts lines


def decode_table(name: str, data: bytes, encoding: str,
                 problems: list[InputProblem]) -> str | None:
    """A table's bytes as text in ``encoding`` (UTF-8 may start with a byte-order mark); None,
    with a problem that locates the first byte that is not text in it, if it cannot be."""
    is_utf8 = codecs.lookup(encoding).name == "utf-8"
    skipped = len(codecs.BOM_UTF8) if is_utf8 and data.startswith(codecs.BOM_UTF8) else 0
    body = data[skipped:]
    try:
        return body.decode(encoding)
    except UnicodeError as exc:
        if not isinstance(exc, UnicodeDecodeError):
            problems.append(InputProblem(name, "", "", f"not read: cannot decode it as "
                                         f"{encoding}: {exc}"))
            return None
        before = body[:exc.start].decode(encoding, errors="replace")
        lines = _LINE_END.split(before)
        bad = body[exc.start:exc.start + 1].hex()
        what = "UTF-8" if is_utf8 else encoding
        advice = ("save it as UTF-8, or name the encoding it was saved in with --encoding "
                  "(e.g. --encoding cp1251 for a Windows Cyrillic export)" if is_utf8 else
                  "name the encoding it was saved in with --encoding (default utf-8)")
        problems.append(InputProblem(
            name, f"line {len(lines)}, column {len(lines[-1]) + 1}", "",
            f"the file was not read: byte 0x{bad} (byte {exc.start + skipped + 1} of the file) "
            f"is not {what} text ({exc.reason}); {advice}"))
        return None


__all__ = [
    "IMPORTERS", "ImportOptions", "ImportReport", "ImportResult", "Importer", "SkippedRow",
    "import_paths",
]
