"""`timeline import`: the tables analysts already have, as records (JSON Lines)."""

import sys
from enum import Enum
from typing import Annotated

import typer

from .application import app
from .common import reporting_errors, stderr_console
from .output import ForceOption, OutputOption, check_output, emit


class ImportFormat(str, Enum):
    missile_attacks = "missile-attacks"
    acled = "acled"
    ucdp_ged = "ucdp-ged"


@app.command("import")
def import_records(
    fmt: Annotated[
        ImportFormat,
        # hidden from the arguments panel, whose type column shows Python's types: the
        # command's help says what FORMAT and PATH are
        typer.Argument(metavar="FORMAT", show_default=False, hidden=True),
    ],
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", show_default=False, hidden=True),
    ],
    output: OutputOption = None,
    force: ForceOption = False,
    tz: Annotated[
        str | None,
        typer.Option("--tz", metavar="ZONE",
                     help="IANA zone the source's dates and times are read in. "
                     "Default: Europe/Kyiv for missile-attacks, UTC for acled and ucdp-ged "
                     "(which give local dates: pass the zone of the events' country).",
                     show_default=False),
    ] = None,
    include_other: Annotated[
        bool,
        typer.Option("--include-other", help="acled: import rows that are not strikes or "
                     "agreements as the nearest kind (battles, riots, violence against "
                     "civilians as strikes; protests and other developments as statements), "
                     "tagged with their ACLED type, instead of skipping and counting them."),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Stop at the first problem and write nothing."),
    ] = False,
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="The files' text encoding, e.g. cp1251 for a Windows "
                     "Cyrillic export (a UTF-8 file may start with a byte-order mark)."),
    ] = "utf-8",
) -> None:
    """Import records from the tables analysts already have, as JSON Lines (or Parquet,
    with -o FILE.parquet).

    FORMAT is missile-attacks (the 'Massive Missile Attacks on Ukraine' table), acled (an
    ACLED CSV export) or ucdp-ged (a UCDP GED event CSV, with or without its header row).
    PATH... are the files to import; '-' reads standard input.

    Records go to stdout or --output; counts, skipped rows and problems to stderr.
    Every problem is located by file, line and column (the CSV column, counted from 1).
    Without --strict the import goes on: rows with problems are left out, the rest written.

    Exit status: 0 imported (skipped rows are listed with their reason), 2 problems or usage.
    """
    from ..importers import ImportOptions, import_paths
    from ..rendering.import_report import import_progress, import_summary, records_jsonl

    check_output(output, force)
    console = stderr_console()
    options = ImportOptions(tz=tz, include_other=include_other, strict=strict,
                            encoding=encoding)
    with reporting_errors(), import_progress(console) as progress:
        result = import_paths(fmt.value, paths, options, progress, stdin=sys.stdin.buffer)
    if output is not None and output.lower().endswith(".parquet"):
        from ..rendering.exports.parquet import write_parquet_file

        with reporting_errors():
            write_parquet_file(result.records, output, force)
    else:
        emit(records_jsonl(result.records), output, force)
    console.print(import_summary(result.report), soft_wrap=True)
    if result.report.problems:
        raise typer.Exit(2)
