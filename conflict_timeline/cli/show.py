"""`timeline show`: the records in order, for people or machines."""

from enum import Enum
from typing import Annotated

import typer

from .application import app
from .common import (
    PATHS_HELP, ActorOption, InputFormatOption, KindOption, MaxProblemsOption, PathsArgument,
    RegionOption, SinceOption, TagOption, TzOption, UntilOption, display_zone,
    select_records,
)


class ShowFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


SHOW_HELP = "\n\n".join((
    "Show records in order: by span start, then end, then id.",
    "Text output groups them under headings at the precision each record has: a "
    "month-precision record under \"January 2026\", a whole day under that day in the "
    "record's own zone, anything finer under the day its start falls on (in --tz when "
    "given). On a terminal, output longer than the screen goes through a pager ($PAGER, "
    "else less), as git does; --no-pager, or a pipe, writes it straight out.",
    PATHS_HELP,
    "Exit status: 0 shown, 2 bad input or usage.",
))


@app.command(help=SHOW_HELP)
def show(
    paths: PathsArgument = None,
    output_format: Annotated[
        ShowFormat,
        typer.Option("--format", "-f", metavar="text|json|jsonl",
                     help="text: a readable report; json: one list of "
                     "records; jsonl: one record per line. Machine formats carry each record "
                     "as loadable input plus its resolved 'span' (start, end, precision, zone)."),
    ] = ShowFormat.text,
    tz: TzOption = None,
    kind: KindOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: ActorOption = None,
    region: RegionOption = None,
    tag: TagOption = None,
    input_format: InputFormatOption = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never page the text output."),
    ] = False,
    max_problems: MaxProblemsOption = 200,
) -> None:
    from ..timeline import order_records

    zone = display_zone(tz)
    selected, _ = select_records(paths, zone, kind, since, until, actor, region, tag,
                                 input_format)
    records = order_records(selected)
    if output_format is ShowFormat.text:
        from ..rendering.show_text import print_show
        from .common import paged, stdout_console

        console = stdout_console()
        with paged(console, enabled=not no_pager) as target:
            print_show(target, records, zone)
        return
    import sys

    from ..rendering.machine import record_json, write_json, write_jsonl

    write = write_json if output_format is ShowFormat.json else write_jsonl
    write((record_json(r) for r in records), sys.stdout)
