"""`timeline check-pause`: every strike weighed against every reading of every pause."""

from typing import Annotated

import typer

from .application import app
from .common import PathsArgument, TextOrJson, TzOption, display_zone, load


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
    from ..checks.pause import VerdictTally, find_strikes_in_pauses
    from ..records import Pause, Strike

    # statements and negotiations are checked while loading, then let go; findings are
    # written as the sweep finds them, never held as one list
    records = load(paths, keep=lambda record: isinstance(record, (Strike, Pause)))
    assessments = find_strikes_in_pauses(records)
    if output_format is TextOrJson.json:
        import sys

        from ..rendering.machine import write_json
        from ..rendering.pause_report import findings_json

        tally = VerdictTally(assessments)
        write_json(findings_json(tally), sys.stdout)
        return tally.counts
    from ..rendering.pause_report import print_pause_report
    from .common import stdout_console

    return print_pause_report(stdout_console(), assessments, zone)
