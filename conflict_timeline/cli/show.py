"""`timeline show`: the records in order, for people or machines."""

from enum import Enum
from typing import Annotated

import typer

from .application import app
from .common import (
    ActorOption, KindOption, PathsArgument, RegionOption, SinceOption, TagOption, TzOption,
    UntilOption, display_zone, load, record_filter,
)


class ShowFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


@app.command()
def show(
    paths: PathsArgument = None,
    output_format: Annotated[
        ShowFormat,
        typer.Option("--format", "-f", help="text: a readable report; json: one list of "
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
) -> None:
    """Show records in order: by span start, then end, then id; grouped by day."""
    from ..timeline import order_records

    zone = display_zone(tz)
    selection = record_filter(zone, kind, since, until, actor, region, tag)
    keep = None if selection.keeps_all else selection.matches
    # filtered while loading: records that do not match are never held
    records = order_records(load(paths, keep=keep))
    if output_format is ShowFormat.text:
        from ..rendering.show_text import print_show
        from .common import stdout_console

        print_show(stdout_console(), records, zone)
        return
    import sys

    from ..rendering.machine import record_json, write_json, write_jsonl

    write = write_json if output_format is ShowFormat.json else write_jsonl
    write((record_json(r) for r in records), sys.stdout)
