"""CSV for spreadsheets: one row per record, the stable columns of :mod:`.flat`.

Cells that a spreadsheet would run as a formula — beginning with ``=``, ``+``, ``-``, ``@``,
tab or carriage return — are neutralised as the OWASP CSV-injection guidance says: a single
quote is put before them, so they are shown as text. Plain numbers (a negative longitude)
are not formulas and stay numbers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import ClassVar

from ...records import RecordBase
from .flat import COLUMNS, Cell, flat_fields

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutralise(cell: Cell) -> str:
    """The cell as text that cannot start a formula."""
    if cell is None:
        return ""
    text = str(cell)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class CsvExporter:
    name: ClassVar[str] = "csv"
    summary: ClassVar[str] = "one row per record, flattened, safe to open in a spreadsheet"
    suffix: ClassVar[str] = ".csv"

    def render(self, records: Sequence[RecordBase]) -> str:
        out = io.StringIO(newline="")
        writer = csv.writer(out)  # RFC 4180: CRLF line ends, quotes doubled
        writer.writerow(COLUMNS)
        for record in records:
            writer.writerow([neutralise(v) for v in flat_fields(record).values()])
        return out.getvalue()
