"""`timeline check-pause`: every strike weighed against every reading of every pause."""

from typing import Annotated

import typer

from .application import app
from .common import (
    PathsArgument,
    TextOrJson,
    TzOption,
    display_zone,
    load,
    reporting_errors,
)


@app.command("check-pause")
def check_pause(
    paths: PathsArgument = None,
    output_format: Annotated[
        TextOrJson,
        typer.Option("--format", "-f", help="text: a readable report; json: a list of "
                     "findings (strike, pause, arrangement, verdict, relation, reason, …)."),
    ] = TextOrJson.text,
    tz: TzOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on a possible_violation too."),
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when violations are found "
                           "(bad input still exits 2)."),
    ] = False,
) -> None:
    """Did a strike fall inside a pause someone announced?

    Each strike is weighed against each pause reading whose window it overlaps. Scope and
    party come first: a reading that does not cover the striking party, its targets or its
    region gives [bold]outside_scope[/]. Otherwise the verdict is [bold]violation[/] when the
    strike lies certainly inside the window (and after the announcement), else
    [bold]possible_violation[/], with the reason. Where readings of one arrangement disagree,
    a line says so.

    Exit status: 0 no violation, 1 at least one violation (with --strict, or a
    possible_violation), 2 bad input or usage.
    """
    from ..checks.pause import Verdict

    zone = display_zone(tz)
    counts = _check(paths, output_format, zone)
    failing = counts[Verdict.VIOLATION] + (counts[Verdict.POSSIBLE_VIOLATION] if strict else 0)
    if failing and not exit_zero:
        raise typer.Exit(1)


def _check(paths, output_format: TextOrJson, zone):
    import sys

    from ..checks.pause_sql import assess_sources
    from ..loading import bundled_events_dir

    # one Parquet file is weighed in the engine, anything else through the models; the
    # findings are written as they come, never held as one list
    with reporting_errors():
        result = assess_sources(paths or [bundled_events_dir()],
                                lambda p, keep: load(p, keep=keep))
    try:
        with reporting_errors():
            if output_format is TextOrJson.json:
                from ..rendering.pause_report import write_pause_json

                write_pause_json(result, sys.stdout)
            else:
                from ..rendering.pause_report import print_pause_report
                from .common import stdout_console

                print_pause_report(stdout_console(), result.assessments(), zone)
        return result.counts
    finally:
        result.close()
