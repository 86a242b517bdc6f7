"""`timeline check-pause`: every strike weighed against every reading of every pause."""

from enum import Enum
from typing import Annotated

import typer

from .application import app
from .common import (
    PATHS_HELP,
    ActorOption,
    InputFormatOption,
    MaxProblemsOption,
    PathsArgument,
    RegionOption,
    SinceOption,
    TagOption,
    TzOption,
    UntilOption,
    display_zone,
    fail,
    load,
    note,
    record_filter,
    reporting_errors,
)


class PauseFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


CHECK_PAUSE_HELP = "\n\n".join((
    "Did a strike fall inside a pause someone announced?",
    "Each strike is weighed against each pause reading whose window it overlaps. Scope and "
    "party come first: a reading that does not cover the striking party, its targets or its "
    "region gives [bold]outside_scope[/]. Otherwise the verdict is [bold]violation[/] when "
    "the strike lies certainly inside the window (and after the announcement), else "
    "[bold]possible_violation[/], with the reason. Where readings of one arrangement "
    "disagree, a line says so.",
    "--since, --until, --actor, --region and --tag choose the strikes to weigh; every pause "
    "reading is kept. The report goes to stdout, the summary line to stderr.",
    PATHS_HELP,
    "Exit status: 0 no violation, 1 at least one violation (with --strict, or a "
    "possible_violation), 2 bad input or usage.",
))


@app.command("check-pause", help=CHECK_PAUSE_HELP)
def check_pause(
    paths: PathsArgument = None,
    output_format: Annotated[
        PauseFormat,
        typer.Option("--format", "-f", metavar="text|json|jsonl",
                     help="text: a readable report; json: a list of findings (strike, pause, "
                     "arrangement, verdict, relation, reason, …); jsonl: one finding per "
                     "line."),
    ] = PauseFormat.text,
    tz: TzOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: ActorOption = None,
    region: RegionOption = None,
    tag: TagOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on a possible_violation too."),
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when violations are found "
                           "(bad input still exits 2)."),
    ] = False,
    input_format: InputFormatOption = None,
    max_problems: MaxProblemsOption = 200,
) -> None:
    from ..checks.pause import Verdict

    if strict and exit_zero:
        fail("--strict and --exit-zero contradict each other: --strict asks for exit 1 on a "
             "possible violation, --exit-zero for exit 0 on any; give one")
    zone = display_zone(tz)
    counts = _check(paths, output_format, zone, (since, until, actor, region, tag),
                    input_format)
    failing = counts[Verdict.VIOLATION] + (counts[Verdict.POSSIBLE_VIOLATION] if strict else 0)
    if failing and not exit_zero:
        raise typer.Exit(1)


def _check(paths, output_format: PauseFormat, zone, filters, input_format):
    import sys

    from ..checks.pause_sql import assess_sources
    from .common import stderr_console, stdout_console

    def loader(paths, keep):  # the filters choose the strikes; every pause is kept
        return _strikes_and_pauses(paths, zone, filters, input_format)

    with reporting_errors():
        result = assess_sources(paths or [], loader,
                                selected=any(filters) or input_format is not None)
    try:
        strikes, pauses = result.loaded
        if not pauses:
            note(f"no pause readings were loaded: there is nothing to weigh the {strikes} "
                 f"strike{'s' if strikes != 1 else ''} against (a pause is a record of kind "
                 "'pause')")
        with reporting_errors():
            if output_format is PauseFormat.json:
                from ..rendering.pause_report import write_pause_json

                write_pause_json(result, sys.stdout)
            elif output_format is PauseFormat.jsonl:
                from ..rendering.machine import write_jsonl
                from ..rendering.pause_report import findings_json

                write_jsonl(findings_json(result.assessments()), sys.stdout)
            else:
                from ..rendering.pause_report import print_pause_report

                print_pause_report(stdout_console(), result.assessments(), zone,
                                   summary_console=stderr_console())
        return result.counts  # known once the findings are written
    finally:
        result.close()


def _strikes_and_pauses(paths, zone, filters, input_format):
    """The strikes the filters choose and every pause of PATHS; statements and negotiations
    are checked while loading, then let go."""
    from ..records import Pause, Strike
    from ..timeline import filter_records
    from .common import bounds_need_zone, bounds_zone

    since, until, actor, region, tag = filters
    record_filter(zone, None, since, until, actor, region, tag)  # refused before reading
    early = zone is not None or not bounds_need_zone(since, until)
    selection = record_filter(zone, None, since, until, actor, region, tag) if early else None

    def keep(record) -> bool:
        if isinstance(record, Pause):
            return True
        return isinstance(record, Strike) and (selection is None or selection.matches(record))

    records = load(paths, keep=keep, input_format=input_format)
    if selection is None:
        selection = record_filter(bounds_zone(None, records, since, until), None, since,
                                  until, actor, region, tag)
        strikes = filter_records((r for r in records if isinstance(r, Strike)), selection)
        records = strikes + [r for r in records if isinstance(r, Pause)]
    return records
