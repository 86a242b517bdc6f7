"""Exports to the tools analysts already use: one module per format behind the
:class:`Exporter` interface, found by name in :data:`EXPORTERS`."""

from __future__ import annotations

from collections.abc import Iterable

from ...errors import UsageError
from ...records import RecordBase
from ...timeline import order_records
from .base import Exporter
from .csv_export import CsvExporter
from .ics import IcsExporter
from .markdown import MarkdownExporter
from .parquet import ParquetExporter
from .timelinejs import TimelineJsExporter
from .timesketch import TimesketchExporter

EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (CsvExporter(), TimelineJsExporter(), TimesketchExporter(), IcsExporter(),
                     MarkdownExporter(), ParquetExporter())
}


def export_records(fmt: str, records: Iterable[RecordBase]) -> str | bytes:
    """The records, in timeline order, as the whole text (or bytes) of a ``fmt`` file."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORTERS)}")
    return exporter.render(order_records(records))


__all__ = ["EXPORTERS", "Exporter", "export_records"]
