"""Importers: the tables analysts already have, turned into records. One module per format
behind the :class:`Importer` interface; :func:`import_paths` runs one over files::

    result = import_paths("missile-attacks", ["missile_attacks_daily.csv"])
    result.records, result.report.records_made, result.report.skipped
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, InputProblem, UsageError
from ..loading import decode_text
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
    report = ImportReport(fmt)
    if options.tz is None:
        report.notes.append(f"dates and times without an offset are read in {tz} "
                            f"({importer.name}'s default; --tz sets another zone)")
    records: list[RecordBase] = []
    seen: dict[str, str] = {}
    for name, text in _texts(paths, report, stdin):
        if options.strict and report.problems:
            break
        report.files.append(name)
        session = ImportSession(name, report, options, progress, tz)
        try:
            records.extend(validate_candidates(importer.read(text, session), session, seen))
        except StopImport:
            raise InputError(report.problems[-1:]) from None
    if options.strict and report.problems:
        raise InputError(report.problems[:1])
    return ImportResult(records, report)


def _texts(paths: Iterable[str | Path], report: ImportReport, stdin: BinaryIO | None):
    for raw in paths:
        name = "<stdin>" if str(raw) == STDIN else str(raw)
        try:
            if str(raw) == STDIN:
                data = (stdin or sys.stdin.buffer).read()
            else:
                data = Path(raw).read_bytes()
        except FileNotFoundError:
            report.problems.append(InputProblem(name, "", "", "no such file"))
            continue
        except OSError as exc:
            report.problems.append(InputProblem(name, "", "", f"cannot read: {exc.strerror}"))
            continue
        text = decode_text(name, data, report.problems)
        if text is not None:
            yield name, text


__all__ = [
    "IMPORTERS", "ImportOptions", "ImportReport", "ImportResult", "Importer", "SkippedRow",
    "import_paths",
]
