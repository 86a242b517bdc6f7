"""`timeline export`: records in the formats of the tools analysts already use."""

from enum import Enum
from typing import Annotated

import typer

from .application import app
from .common import PathsArgument, display_zone, load, reporting_errors
from .output import ForceOption, OutputOption, check_output, emit


class ExportFormat(str, Enum):
    csv = "csv"
    timelinejs = "timelinejs"
    timesketch = "timesketch"
    ics = "ics"
    markdown = "markdown"
    parquet = "parquet"


@app.command()
def export(
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="csv: one row per record, safe to open in a "
                     "spreadsheet; timelinejs: Knight Lab TimelineJS JSON (pauses also as "
                     "eras); timesketch: JSON Lines for Timesketch; ics: an RFC 5545 "
                     "calendar (needs the 'ics' extra); markdown: a table; parquet: typed columns "
                     "that every command reads back without validating again (binary: use "
                     "-o FILE.parquet or a pipe).",
                     show_default=False),
    ],
    paths: PathsArgument = None,
    output: OutputOption = None,
    force: ForceOption = False,
    tz: Annotated[
        str | None,
        typer.Option("--tz", help="The one zone TimelineJS dates are written in (default "
                     "UTC), and the zone of the Markdown 'When' column (default: each "
                     "record's own). Other formats write times their own fixed way.",
                     show_default=False),
    ] = None,
) -> None:
    """Export records in order for a spreadsheet, calendar, published or forensic timeline.

    With no PATHS, the bundled story data set is exported.

    Exit status: 0 written, 2 bad input or usage (nothing is written).
    """
    from ..rendering.exports import export_records

    zone = display_zone(tz)
    check_output(output, force)
    if output_format is ExportFormat.parquet:
        _export_parquet(paths, output, force)
        return
    records = load(paths)
    with reporting_errors():
        text = export_records(output_format.value, records, zone)
    emit(text, output, force)


def _export_parquet(paths: list[str] | None, output: str | None, force: bool) -> None:
    """Binary, and written by the engine straight to the file: refused to a terminal
    before any work is done."""
    import sys

    from ..rendering.exports.parquet import export_parquet, refuse_terminal

    if output in (None, "-"):
        with reporting_errors():
            refuse_terminal(sys.stdout)
    records = load(paths)
    with reporting_errors():
        export_parquet(records, output, force, sys.stdout.buffer)
