"""`timeline export`: records in the formats of the tools analysts already use."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .application import app
from .common import (
    PATHS_HELP, ActorOption, InputFormatOption, KindOption, MaxProblemsOption, PathsArgument,
    RegionOption, SinceOption, TagOption, UntilOption, display_zone, fail, reporting_errors,
    select_records,
)
from .output import ForceOption, OutputOption, check_output, emit


class ExportFormat(str, Enum):
    csv = "csv"
    timelinejs = "timelinejs"
    timesketch = "timesketch"
    ics = "ics"
    markdown = "markdown"
    parquet = "parquet"


# the extensions that name one export format (as `plot` reads .png and .svg)
FORMAT_OF_EXTENSION = {".csv": ExportFormat.csv, ".ics": ExportFormat.ics,
                       ".md": ExportFormat.markdown, ".markdown": ExportFormat.markdown,
                       ".json": ExportFormat.timelinejs, ".jsonl": ExportFormat.timesketch,
                       ".parquet": ExportFormat.parquet}

EXPORT_HELP = "\n\n".join((
    "Export records in order for a spreadsheet, calendar, published or forensic timeline.",
    "-o FILE picks the format from FILE's extension: .csv, .ics, .md (markdown), .json "
    "(timelinejs), .jsonl (timesketch), .parquet; --format says it otherwise. The filters are those "
    "of `timeline show`.",
    PATHS_HELP,
    "Exit status: 0 written, 2 bad input or usage (nothing is written).",
))


@app.command(help=EXPORT_HELP)
def export(
    paths: PathsArgument = None,
    output_format: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f", metavar="csv|timelinejs|timesketch|ics|markdown|parquet",
                     help="csv: one row per record, safe to open in a "
                     "spreadsheet; timelinejs: Knight Lab TimelineJS JSON (pauses also as "
                     "eras); timesketch: JSON Lines for Timesketch; ics: an RFC 5545 "
                     "calendar (needs the 'ics' extra); markdown: a table; parquet: typed "
                     "columns that every command reads back without validating again (binary: "
                     "use -o FILE.parquet or a pipe). Default: from the extension of -o FILE.",
                     show_default=False),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    tz: Annotated[
        str | None,
        typer.Option("--tz", metavar="ZONE", show_default=False,
                     help="IANA zone that --since/--until without an offset are read in; also "
                     "the one zone TimelineJS dates are written in (default UTC) and the zone "
                     "of the Markdown 'When' column (default: each record's own)."),
    ] = None,
    kind: KindOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: ActorOption = None,
    region: RegionOption = None,
    tag: TagOption = None,
    input_format: InputFormatOption = None,
    max_problems: MaxProblemsOption = 200,
) -> None:
    from ..rendering.exports import ZONED_FORMATS, export_records

    fmt = _export_format(output, output_format)
    zone = display_zone(tz)
    check_output(output, force)
    if fmt is ExportFormat.parquet and output in (None, "-"):
        import sys

        from ..rendering.exports.parquet import refuse_terminal

        with reporting_errors():  # binary: refused before any work is done
            refuse_terminal(sys.stdout)
    records, _ = select_records(paths, zone, kind, since, until, actor, region, tag,
                                input_format)
    if fmt is ExportFormat.parquet:
        _export_parquet(records, output, force)
        return
    with reporting_errors(f"writing the {fmt.value} export"):
        text = export_records(fmt.value, records, zone if fmt.value in ZONED_FORMATS else None)
    emit(text, output, force)


def _export_parquet(records, output: str | None, force: bool) -> None:
    """Written by the engine straight to the file (or a pipe)."""
    import sys

    from ..rendering.exports.parquet import export_parquet

    with reporting_errors("writing the parquet export"):
        export_parquet(records, output, force, sys.stdout.buffer)


def _export_format(output: str | None, forced: ExportFormat | None) -> ExportFormat:
    if forced is not None:
        return forced
    if output in (None, "-"):
        fail("say which format: --format csv|timelinejs|timesketch|ics|markdown|parquet (or -o "
             "FILE with one of the extensions .csv, .ics, .md, .json, .jsonl, .parquet)")
    suffix = Path(output).suffix.lower()
    if suffix not in FORMAT_OF_EXTENSION:
        from ..rendering.safe import clean_text

        fail(f"cannot tell the export format from {clean_text(repr(output))}: name the file "
             ".csv, .ics, .md, .json (timelinejs), .jsonl (timesketch) or .parquet, or give "
             "--format")
    return FORMAT_OF_EXTENSION[suffix]
