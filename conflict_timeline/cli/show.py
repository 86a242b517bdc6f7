"""`timeline show`: the records in order, for people or machines."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from .app import app
from .common import PathsArgument, TzOption, display_zone, load


class ShowFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class KindChoice(str, Enum):
    strike = "strike"
    statement = "statement"
    negotiation = "negotiation"
    pause = "pause"


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
    kind: Annotated[
        list[KindChoice] | None,
        typer.Option("--kind", "-k", help="Only records of this kind (repeatable).",
                     show_default=False),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only records whose span reaches this time or later (any 'when' "
                     "form; without an offset read in --tz, else UTC).", show_default=False),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Only records whose span starts before the end of this time "
                     "(--until 2026-01-30 includes that whole day).", show_default=False),
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(help="Only records naming this actor, party, speaker or claimant "
                     "(case-insensitive substring; repeatable).", show_default=False),
    ] = None,
    region: Annotated[
        list[str] | None,
        typer.Option(help="Only records whose location's region contains this text "
                     "(case-insensitive; repeatable).", show_default=False),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(help="Only records with this tag (repeatable).", show_default=False),
    ] = None,
) -> None:
    """Show records in order: by span start, then end, then id; grouped by day."""
    from ..timeline import RecordFilter, filter_records, order_records

    zone = display_zone(tz)
    record_filter = RecordFilter(
        kinds=frozenset(k.value for k in kind or ()),
        since=_bound(since, "--since", zone),
        until=_bound(until, "--until", zone),
        actors=tuple(actor or ()),
        regions=tuple(region or ()),
        tags=tuple(tag or ()),
    )
    records = order_records(filter_records(load(paths), record_filter))
    if output_format is ShowFormat.text:
        from ..rendering.show_text import print_show
        from .common import stdout_console

        print_show(stdout_console(), records, zone)
        return
    import sys

    from ..rendering.machine import record_json, write_json, write_jsonl

    writer = write_json if output_format is ShowFormat.json else write_jsonl
    writer((record_json(r) for r in records), sys.stdout)


def _bound(text: str | None, option: str, zone):
    from datetime import timezone

    from ..records import SpanError, parse_span

    if text is None:
        return None
    try:
        return parse_span(text, zone or timezone.utc, option)
    except SpanError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None
