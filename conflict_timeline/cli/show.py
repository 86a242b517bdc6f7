"""`timeline show`: the records in order, for people or machines."""

from enum import Enum
from typing import Annotated

import typer

from .application import app
from .common import (
    ActorOption, JobsOption, KindOption, PathsArgument, RegionOption, SinceOption, TagOption, TzOption,
    UntilOption, display_zone, load, loading_in_parallel, parallel_plan, record_filter,
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
    jobs: JobsOption = None,
) -> None:
    """Show records in order: by span start, then end, then id; grouped by day."""
    from ..timeline import order_records

    zone = display_zone(tz)
    selection = record_filter(zone, kind, since, until, actor, region, tag)
    keep = None if selection.keeps_all else selection.matches
    if output_format is not ShowFormat.text and _show_in_parallel(paths, jobs, keep,
                                                                  output_format):
        return
    # filtered while loading: records that do not match are never held
    records = order_records(load(paths, keep=keep))
    if output_format is ShowFormat.text:
        from ..rendering.show_text import print_show
        from .common import stdout_console

        print_show(stdout_console(), records, zone)
        return
    import sys

    from ..rendering.machine import record_json, record_jsonl_line, write_json, write_lines

    if output_format is ShowFormat.json:
        write_json((record_json(r) for r in records), sys.stdout)
    else:
        write_lines((record_jsonl_line(r) for r in records), sys.stdout)


def _show_in_parallel(paths, jobs, keep, output_format: ShowFormat) -> bool:
    """Whether the records were written, read in parallel (see loading.parallel)."""
    plan = parallel_plan(paths, jobs)
    if plan is None:
        return False
    import sys

    from ..rendering import machine
    from ..timeline.parallel import ordered_texts_in_parallel

    render = (machine.record_json_item if output_format is ShowFormat.json
              else machine.record_jsonl_line)
    with loading_in_parallel():
        texts = ordered_texts_in_parallel(plan, keep, render)
    if texts is None:
        return False
    if output_format is ShowFormat.json:
        machine.write_json_pieces(texts, sys.stdout)
    else:
        machine.write_lines(texts, sys.stdout)
    return True
