"""What every command shares: the PATHS argument, --tz, the record filters, loading with
located errors, and turning core errors into a printed message and exit status 2."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import tzinfo
from enum import Enum
from typing import Annotated, Iterator, NoReturn

import typer

PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Record files (.json, .jsonl, .toml) or directories of them; '-' reads standard "
        "input. Default: the bundled story data set.",
        show_default=False,
    ),
]

TzOption = Annotated[
    str | None,
    typer.Option(
        "--tz",
        help="Show every time in this IANA zone (e.g. UTC, Europe/Kyiv). Default: each "
        "record's own zone, printed beside its time.",
        show_default=False,
    ),
]


class KindChoice(str, Enum):
    strike = "strike"
    statement = "statement"
    negotiation = "negotiation"
    pause = "pause"


KindOption = Annotated[
    list[KindChoice] | None,
    typer.Option("--kind", "-k", help="Only records of this kind (repeatable).",
                 show_default=False),
]


def since_option(naive_zone: str):
    """--since, saying in which zone a time without an offset is read."""
    return Annotated[
        str | None,
        typer.Option(help="Only records whose span reaches this time or later (any 'when' "
                     f"form; without an offset read in {naive_zone}).", show_default=False),
    ]


SinceOption = since_option("--tz, else UTC")
UntilOption = Annotated[
    str | None,
    typer.Option(help="Only records whose span starts before the end of this time "
                 "(--until 2026-01-30 includes that whole day).", show_default=False),
]
ActorOption = Annotated[
    list[str] | None,
    typer.Option(help="Only records naming this actor, party, speaker or claimant "
                 "(case-insensitive substring; repeatable).", show_default=False),
]
RegionOption = Annotated[
    list[str] | None,
    typer.Option(help="Only records whose location's region contains this text "
                 "(case-insensitive; repeatable).", show_default=False),
]
TagOption = Annotated[
    list[str] | None,
    typer.Option(help="Only records with this tag (repeatable).", show_default=False),
]

EXIT_INPUT = 2


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


def stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def stdout_console():
    from rich.console import Console

    return Console(highlight=False)


def fail(message: str, details: list[str] | None = None) -> NoReturn:
    from rich.text import Text

    console = stderr_console()
    console.print(Text(f"error: {message}", style="bold red"), soft_wrap=True)
    for line in details or []:
        console.print(Text(f"  {line}"), soft_wrap=True)
    raise typer.Exit(EXIT_INPUT)


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Core errors become a message on stderr and exit status 2 — never a traceback."""
    from ..errors import InputError, TimelineError
    from ..rendering.safe import clean_text

    try:
        yield
    except InputError as exc:
        fail(f"{exc}; nothing was loaded", [clean_text(str(p)) for p in exc.problems])
    except TimelineError as exc:
        fail(clean_text(str(exc)))
    except MemoryError:
        fail("not enough memory for the input; nothing was loaded (about 2 KB per record to "
             "show or export them, 3.5 KB to check them: see 'Safety and scale' in the README)")


def load(paths: list[str] | None, keep=None):
    """The records of PATHS (default: the bundled data set) that ``keep`` accepts (default:
    all), or exit 2 with every problem."""
    from ..loading import bundled_events_dir, load_records

    with reporting_errors():
        return load_records(paths or [bundled_events_dir()], stdin=sys.stdin.buffer, keep=keep)


def load_with_origins(paths: list[str] | None):
    """:func:`load`, plus where each record was read (for locating findings)."""
    from ..loading import bundled_events_dir, load_records_with_origins

    with reporting_errors():
        return load_records_with_origins(paths or [bundled_events_dir()], stdin=sys.stdin.buffer)


def display_zone(name: str | None) -> tzinfo | None:
    from ..records import SpanError, zone_from_name

    if name is None:
        return None
    try:
        return zone_from_name(name)
    except SpanError as exc:
        raise typer.BadParameter(str(exc), param_hint="--tz") from None


def record_filter(zone: tzinfo | None, kind: list[KindChoice] | None, since: str | None,
                  until: str | None, actor: list[str] | None, region: list[str] | None,
                  tag: list[str] | None):
    """The RecordFilter of the shared filter options; bounds without an offset are read in
    ``zone``, else UTC."""
    from ..timeline import RecordFilter

    return RecordFilter(
        kinds=frozenset(k.value for k in kind or ()),
        since=_bound(since, "--since", zone),
        until=_bound(until, "--until", zone),
        actors=tuple(actor or ()),
        regions=tuple(region or ()),
        tags=tuple(tag or ()),
    )


def _bound(text: str | None, option: str, zone: tzinfo | None):
    from datetime import timezone

    from ..records import SpanError, parse_span

    if text is None:
        return None
    try:
        return parse_span(text, zone or timezone.utc, option)
    except SpanError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None
