"""Exports to the tools analysts already use: one module per format behind the
:class:`Exporter` interface, found by name in :data:`EXPORTERS`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo

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


ZONED_FORMATS = tuple(name for name, e in EXPORTERS.items() if hasattr(e, "zoned"))


def export_records(fmt: str, records: Iterable[RecordBase],
                   zone: tzinfo | None = None) -> str | bytes:
    """The records, in timeline order, as the whole text (or bytes) of a ``fmt`` file;
    ``zone``: the
    one zone its times are written in, for the formats that write times in a chosen zone
    (TimelineJS, default UTC; Markdown, default each record's own)."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORTERS)}")
    if zone is not None:
        zoned = getattr(exporter, "zoned", None)
        if zoned is None:
            raise UsageError(
                f"--tz is for the {' and '.join(ZONED_FORMATS)} exports: {fmt} writes its "
                "times in a fixed way (csv: each with its own offset; timesketch and the "
                "timed events of ics: UTC; all-day ics events: the record's own dates)")
        exporter = zoned(zone)
    return exporter.render(order_records(records))


__all__ = ["EXPORTERS", "ZONED_FORMATS", "Exporter", "export_records"]
