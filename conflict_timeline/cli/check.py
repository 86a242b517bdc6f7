"""`timeline check`: every rule over the record, linter-style."""

from enum import Enum
from typing import Annotated

import typer

from .application import app
from .common import (
    PATHS_HELP, InputFormatOption, MaxProblemsOption, PathsArgument, TzOption, display_zone,
    fail, load_with_origins, reporting_errors,
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    github = "github"


class GroupChoice(str, Enum):
    record = "record"
    rule = "rule"




def _person_watching() -> bool:
    """Progress is for a person at a terminal: stderr really is one (not a forced colour)."""
    import sys

    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _refuse_empty_selectors(values: list[str] | None, option: str) -> None:
    for value in values or ():
        if not value.replace(",", "").strip():
            fail(f"{option} {value!r} names no rule: give codes or prefixes such as P002, P, "
                 "ALL (`timeline rules` lists them), or leave the option out")


@app.command(epilog=PATHS_HELP)
def check(
    paths: PathsArgument = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", show_default=False, metavar="CODES",
                     help="Run only these rules: codes or family prefixes (P002, P, T00, ALL), "
                     "comma-separated or repeated. Default: ALL."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", show_default=False, metavar="CODES",
                     help="Skip these rules (same forms as --select); wins over --select."),
    ] = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", metavar="text|json|jsonl|markdown|github",
                     help="text: for people; json: one list of findings; "
                     "jsonl: one finding per line; markdown: a table and details; github: "
                     "GitHub workflow annotations (::error file=…,line=…::…)."),
    ] = CheckFormat.text,
    group_by: Annotated[
        GroupChoice,
        typer.Option("--group-by", metavar="record|rule", help="Text output: findings under the record they are "
                     "about, or under their rule."),
    ] = GroupChoice.record,
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="Print how many findings each rule gave, instead of "
                     "the findings."),
    ] = False,
    concise: Annotated[
        bool,
        typer.Option("--concise", help="One line per finding, no explanation; in text, "
                     "FILE:LINE:COL: CODE message [records], which editors and grep can jump "
                     "to."),
    ] = False,
    exit_zero: Annotated[
        bool,
        typer.Option("--exit-zero", help="Exit 0 even when errors are found (bad input or "
                     "usage still exits 2)."),
    ] = False,
    tz: Annotated[
        str | None,
        typer.Option("--tz", metavar="ZONE", show_default=False,
                     help="Show each record's time in this IANA zone (e.g. UTC). Default: the "
                     "record's own zone. Findings' own wording keeps the records' zones."),
    ] = None,
    input_format: InputFormatOption = None,
    max_problems: MaxProblemsOption = 200,
) -> None:
    """Report every contradiction in the record, each with a rule code and its reason.

    Rule families: [bold]P[/] pause (strikes in pauses, readings that disagree),
    [bold]T[/] time (anachronisms, implausible spans), [bold]D[/] duplicates (records of
    one event), [bold]N[/] numbers (counts that cannot all be true), [bold]R[/] references
    (links to nothing, a missing disputed reading).

    `timeline rules` lists the rules; `timeline rules CODE` explains one.

    The findings go to stdout; the summary line, and progress on a terminal, to stderr.

    Exit status: 0 no error-level finding, 1 at least one, 2 bad input or usage.
    """
    import sys

    from ..checks.runner import has_errors, run_rules, select_rules
    from ..rendering.findings import CheckReport, GroupBy, writer_for
    from ..timeline import Timeline
    from .common import stderr_console

    zone = display_zone(tz)
    _refuse_empty_selectors(select, "--select")
    _refuse_empty_selectors(ignore, "--ignore")
    with reporting_errors():
        rules = select_rules(select or (), ignore or ())
    if not rules:
        fail("--select and --ignore leave no rule to run: "
             f"--select {' '.join(select or ['ALL'])} --ignore {' '.join(ignore or [])}")
    records, origins = load_with_origins(paths, input_format=input_format)
    timeline = Timeline(records)
    console = stderr_console()
    with reporting_errors(f"checking {len(records):,} records"):
        if _person_watching():
            with console.status(f"checking {len(records):,} records with {len(rules)} rules…"):
                findings = run_rules(timeline, rules)
        else:
            findings = run_rules(timeline, rules)
    report = CheckReport(findings, rules, timeline.by_id, origins,
                         GroupBy(group_by.value), concise, zone)
    writer = writer_for(output_format.value)
    if statistics:
        writer.statistics(report, sys.stdout)
    else:
        writer.findings(report, sys.stdout)
    from rich.text import Text

    console.print(Text(report.summary()), soft_wrap=True)
    if has_errors(findings) and not exit_zero:
        raise typer.Exit(1)
