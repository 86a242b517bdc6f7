"""CSV for spreadsheets: one row per record, the stable columns of :mod:`.flat`.

Cells that a spreadsheet would run as a formula — beginning with ``=``, ``+``, ``-``, ``@``,
tab or carriage return or their full-width forms, also after leading spaces of any kind, line
breaks or a ``;`` — are neutralised as the OWASP CSV-injection guidance says
(:func:`..safe.spreadsheet_safe`): a single quote is put before them, so they are shown as
text. Plain numbers (a negative longitude) are not formulas and stay numbers.

RFC 4180, with one addition: a cell holding ``;`` is quoted as well as one holding ``,``, a
quote or a line break, since Excel in a semicolon locale (uk-UA, de-DE, this field's users)
splits there."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from ...records import RecordBase
from ..safe import clean_text, spreadsheet_safe
from .flat import COLUMNS, Cell, flat_fields

_QUOTED_IF_HELD = (",", ";", '"', "\r", "\n")


def _text(cell: Cell) -> Cell:
    # a spreadsheet cell cannot hold an escape sequence safely, nor a terminal show one
    return clean_text(cell, single_line=False) if isinstance(cell, str) else cell


def csv_field(text: str) -> str:
    """One field as RFC 4180 writes it, quoted where a comma or semicolon reader would
    otherwise split or misread it."""
    if any(c in text for c in _QUOTED_IF_HELD) or text != text.strip(" "):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(cells: Iterable[str]) -> str:
    return ",".join(csv_field(c) for c in cells) + "\r\n"  # RFC 4180: CRLF line ends


class CsvExporter:
    name: ClassVar[str] = "csv"
    summary: ClassVar[str] = "one row per record, flattened, safe to open in a spreadsheet"
    suffix: ClassVar[str] = ".csv"

    def render(self, records: Sequence[RecordBase]) -> str:
        lines = [csv_line(COLUMNS)]
        lines += [csv_line(spreadsheet_safe(_text(v)) for v in flat_fields(record).values())
                  for record in records]
        return "".join(lines)
