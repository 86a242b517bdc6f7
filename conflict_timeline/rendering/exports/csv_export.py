"""CSV for spreadsheets: one row per record, the stable columns of :mod:`.flat`.

Cells that a spreadsheet would run as a formula — beginning with ``=``, ``+``, ``-``, ``@``,
tab or carriage return, also after leading spaces or line breaks — are neutralised as the
OWASP CSV-injection guidance says (:func:`..safe.spreadsheet_safe`): a single quote is put
before them, so they are shown as text. Plain numbers (a negative longitude) are not formulas
and stay numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import ClassVar

from ...records import RecordBase
from ..safe import clean_text, spreadsheet_safe
from .flat import COLUMNS, Cell, flat_fields


def _text(cell: Cell) -> Cell:
    # a spreadsheet cell cannot hold an escape sequence safely, nor a terminal show one
    return clean_text(cell, single_line=False) if isinstance(cell, str) else cell


class CsvExporter:
    name: ClassVar[str] = "csv"
    summary: ClassVar[str] = "one row per record, flattened, safe to open in a spreadsheet"
    suffix: ClassVar[str] = ".csv"

    def render(self, records: Sequence[RecordBase]) -> str:
        out = io.StringIO(newline="")
        writer = csv.writer(out)  # RFC 4180: CRLF line ends, quotes doubled
        writer.writerow(COLUMNS)
        for record in records:
            writer.writerow([spreadsheet_safe(_text(v)) for v in flat_fields(record).values()])
        return out.getvalue()
