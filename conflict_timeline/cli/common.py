"""What every command shares: the PATHS argument, --tz, loading with located errors, and
turning core errors into a printed message and exit status 2."""

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


def load(paths: list[str] | None):
    """The records of PATHS (default: the bundled data set), or exit 2 with every problem."""
    from ..loading import bundled_events_dir, load_records

    with reporting_errors():
        return load_records(paths or [bundled_events_dir()], stdin=sys.stdin.buffer)


def display_zone(name: str | None) -> tzinfo | None:
    from ..records import SpanError, zone_from_name

    if name is None:
        return None
    try:
        return zone_from_name(name)
    except SpanError as exc:
        raise typer.BadParameter(str(exc), param_hint="--tz") from None
