"""What every command shares: the PATHS argument, --tz, the record filters, loading with
located errors, and turning core errors into a printed message and exit status 2."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import tzinfo
from enum import Enum
from typing import Annotated, Iterator, NoReturn

import typer

PATHS_HELP = (
    "PATHS are record files (.json, .jsonl or .ndjson, .toml) or directories of them; '-' "
    "reads standard input. With no PATHS, standard input is read when it is a pipe or a file "
    "(`cmd | timeline show`, `timeline show < f.jsonl`); otherwise the bundled example, "
    "events/, is used and a note on stderr says so."
)

# hidden from the options panel, whose type column would show Python's `list[str]`: the
# command's help says what PATHS are (PATHS_HELP)
PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="PATHS", help=PATHS_HELP, show_default=False, hidden=True),
]


class InputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    toml = "toml"


InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option("--input-format", metavar="json|jsonl|toml", show_default=False,
                 help="Read every file named in PATHS, and standard input, as this format "
                 "whatever its name ends in: for /dev/stdin, <(…), a .txt file. Files found "
                 "in a directory are still chosen by extension (.json, .jsonl, .ndjson, "
                 ".toml)."),
]

DEFAULT_MAX_PROBLEMS = 200


def _set_max_problems(value: int | None) -> int | None:
    global _max_problems
    if value is not None:
        if value < 1:
            raise typer.BadParameter(f"{value} is not a number of problems to list: give 1 "
                                     "or more", param_hint="--max-problems")
        _max_problems = value
    return value


_max_problems = DEFAULT_MAX_PROBLEMS

MaxProblemsOption = Annotated[
    int,
    typer.Option("--max-problems", metavar="N", callback=_set_max_problems,
                 help="List at most N input problems, then how many more there are."),
]


def max_problems() -> int:
    return _max_problems


TzOption = Annotated[
    str | None,
    typer.Option(
        "--tz",
        metavar="ZONE",
        help="Show every time in this IANA zone (e.g. UTC, Europe/Kyiv; 'utc' is read as "
        "UTC). Default: each record's own zone, printed beside its time. --since/--until "
        "without an offset are read in it.",
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
    typer.Option("--kind", "-k", metavar="KIND", help="Only records of this kind: strike, "
                 "statement, negotiation, pause (repeatable).", show_default=False),
]


BOUNDS_RULE = ("without an offset read in --tz when given, else in the records' zone when "
               "they all share one")


def since_option(naive_zone: str = BOUNDS_RULE):
    """--since, saying in which zone a time without an offset is read."""
    return Annotated[
        str | None,
        typer.Option(metavar="WHEN", help="Only records whose span reaches this time or "
                     f"later (any 'when' form; {naive_zone}).", show_default=False),
    ]


SinceOption = since_option()
UntilOption = Annotated[
    str | None,
    typer.Option(metavar="WHEN", help="Only records whose span starts before the end of this "
                 "time (--until 2026-01-30 includes that whole day); read as --since is.",
                 show_default=False),
]
ActorOption = Annotated[
    list[str] | None,
    typer.Option(metavar="TEXT", help="Only records naming this actor, party, speaker or "
                 "claimant (case-insensitive substring; repeatable).", show_default=False),
]
RegionOption = Annotated[
    list[str] | None,
    typer.Option(metavar="TEXT", help="Only records whose location's region contains this "
                 "text (case-insensitive; repeatable).", show_default=False),
]
TagOption = Annotated[
    list[str] | None,
    typer.Option(metavar="TAG", help="Only records with this tag (repeatable).",
                 show_default=False),
]

EXIT_INPUT = 2


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


def stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def stdout_console():
    """A console for data on standard output (see :func:`..rendering.console.data_console`)."""
    from ..rendering.console import data_console

    return data_console(sys.stdout)


def note(message: str) -> None:
    """A note for the person at the terminal, on stderr: never mixed into the data."""
    from rich.text import Text

    stderr_console().print(Text(message), soft_wrap=True)


def fail(message: str, details: list[str] | None = None, more: int = 0) -> NoReturn:
    from rich.text import Text

    console = stderr_console()
    console.print(Text(f"error: {message}", style="bold red"), soft_wrap=True)
    shown = details or []
    limit = max_problems()
    if len(shown) > limit:
        more += len(shown) - limit
        shown = shown[:limit]
    for line in shown:
        console.print(Text(f"  {line}"), soft_wrap=True)
    if more:
        console.print(Text(f"  … and {more:,} more problem{'s' if more != 1 else ''} "
                           "(--max-problems N lists more)"), soft_wrap=True)
    raise typer.Exit(EXIT_INPUT)


@contextmanager
def reporting_errors(stage: str | None = None) -> Iterator[None]:
    """Core errors become a message on stderr and exit status 2 — never a traceback.
    ``stage``: what is being done, named when memory runs out (default: loading)."""
    from ..errors import InputError, TimelineError
    from ..rendering.safe import clean_text

    try:
        yield
    except InputError as exc:
        fail(f"{exc}; nothing was loaded", [clean_text(str(p)) for p in exc.problems],
             exc.more)
    except TimelineError as exc:
        fail(clean_text(str(exc)))
    except MemoryError:
        if stage is not None:
            fail(f"not enough memory for {stage}: give fewer records (e.g. with --since, "
                 "--until or --kind); see 'Safety and scale' in the README")
        fail("not enough memory for the input; nothing was loaded (about 2 KB per record to "
             "show or export them, 3.5 KB to check them: see 'Safety and scale' in the README)")


BUNDLED_NOTE = "no path given: using the bundled example, events/"


def input_paths(paths: list[str] | None) -> list:
    """PATHS as given; with none, standard input when something is piped or redirected
    into it, else the bundled example (said on stderr)."""
    from ..loading import STDIN, bundled_events_dir

    if paths:
        return list(paths)
    if stdin_has_input():
        return [STDIN]
    with reporting_errors():
        bundled = bundled_events_dir()
    note(BUNDLED_NOTE)
    return [bundled]


def stdin_has_input() -> bool:
    """Whether standard input is a pipe or a regular file (`cmd | timeline show`,
    `timeline show < f.jsonl`), as jq and sqlite-utils read it. A terminal, /dev/null or a
    closed stdin is not. A stream without a file descriptor (a program that runs the
    command in-process) counts as input when it holds any: an empty one is like /dev/null."""
    import os
    import stat

    stream = sys.stdin
    if stream is None:
        return False
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        buffer = getattr(stream, "buffer", stream)
        try:
            position = buffer.tell()
            head = buffer.read(1)
            buffer.seek(position)
        except (AttributeError, OSError, ValueError):
            return False
        return bool(head)
    try:
        mode = os.fstat(fd).st_mode
    except OSError:  # closed
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def _stdin_buffer():
    return sys.stdin.buffer if sys.stdin is not None else None


def load(paths: list[str] | None, keep=None, input_format: InputFormat | None = None):
    """The records of PATHS (see :func:`input_paths`) that ``keep`` accepts (default: all),
    or exit 2 with every problem."""
    from ..loading import load_records

    sources = input_paths(paths)
    with reporting_errors():
        return load_records(sources, stdin=_stdin_buffer(), keep=keep,
                            input_format=_format_name(input_format),
                            max_problems=max_problems())


def load_with_origins(paths: list[str] | None, keep=None,
                      input_format: InputFormat | None = None):
    """:func:`load`, plus where each record was read (for locating findings)."""
    from ..loading import load_records_with_origins

    sources = input_paths(paths)
    with reporting_errors():
        return load_records_with_origins(sources, stdin=_stdin_buffer(), keep=keep,
                                         input_format=_format_name(input_format),
                                         max_problems=max_problems())


def _format_name(input_format: InputFormat | None) -> str | None:
    return None if input_format is None else input_format.value


def display_zone(name: str | None) -> tzinfo | None:
    """The zone of --tz; a name that differs from an IANA one only in case (utc,
    europe/kyiv) is read as that zone."""
    from ..records import SpanError, zone_from_name

    if name is None:
        return None
    try:
        return zone_from_name(name)
    except SpanError as exc:
        meant = _zone_in_other_case(name)
        if meant is not None:
            return zone_from_name(meant)
        raise typer.BadParameter(str(exc), param_hint="--tz") from None


def _zone_in_other_case(name: str) -> str | None:
    import zoneinfo

    folded = name.strip().casefold()
    if folded in ("utc", "z"):
        return "UTC"
    matches = [z for z in zoneinfo.available_timezones() if z.casefold() == folded]
    return matches[0] if len(matches) == 1 else None


def record_filter(zone: tzinfo | None, kind: list[KindChoice] | None, since: str | None,
                  until: str | None, actor: list[str] | None, region: list[str] | None,
                  tag: list[str] | None):
    """The RecordFilter of the shared filter options; bounds without an offset are read in
    ``zone`` (see :func:`bounds_zone` for which zone that is)."""
    from ..timeline import RecordFilter

    selection = RecordFilter(
        kinds=frozenset(k.value for k in kind or ()),
        since=_bound(since, "--since", zone),
        until=_bound(until, "--until", zone),
        actors=tuple(actor or ()),
        regions=tuple(region or ()),
        tags=tuple(tag or ()),
    )
    if (selection.since is not None and selection.until is not None
            and selection.since.start_ts >= selection.until.end_ts):
        fail(f"--since {_quoted(since)} is after --until {_quoted(until)}: no record could "
             "match; swap them")
    return selection


def bounds_need_zone(since: str | None, until: str | None) -> bool:
    """Whether --since or --until is written without an offset, so needs a zone."""
    from ..records import SpanError, parse_span

    for text in (since, until):
        if text is None:
            continue
        try:
            parse_span(text, None)
        except SpanError:
            return True
    return False


def bounds_zone(zone: tzinfo | None, records, since: str | None, until: str | None):
    """The zone --since/--until without an offset are read in: --tz when given; else the
    records' zone when all of them share one; else exit 2 asking for --tz or an offset."""
    if zone is not None or not bounds_need_zone(since, until):
        return zone
    zones: dict[str, tzinfo] = {}
    for record in records:
        zones.setdefault(record.span.zone_name(), record.span.zone)
        if len(zones) > 1:
            break
    if len(zones) <= 1:
        return next(iter(zones.values()), None)
    names = sorted({r.span.zone_name() for r in records})
    shown_names = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    option, text = ("--since", since) if since is not None and _needs_zone(since) else (
        "--until", until)
    fail(f"{option} {_quoted(text)} has no UTC offset, and the records are in "
         f"{len(names)} zones ({shown_names}): say which zone it is in with --tz "
         f"(e.g. --tz {names[0]}) or write the offset (e.g. 2026-01-30T00:00+02:00)")


def _needs_zone(text: str) -> bool:
    return bounds_need_zone(text, None)


def _quoted(text: str | None) -> str:
    from ..rendering.safe import clean_text
    from ..records.spans import shown

    return clean_text(shown(text or ""))


def _bound(text: str | None, option: str, zone: tzinfo | None):
    from datetime import timezone

    from ..records import SpanError, parse_span

    if text is None:
        return None
    try:
        return parse_span(text, zone or timezone.utc, option)
    except SpanError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def select_records(paths, zone: tzinfo | None, kind, since, until, actor, region, tag,
                   input_format: InputFormat | None = None, keep=None):
    """Load PATHS and apply the shared filters (``keep`` further narrows which records are
    held). Filtered while loading — records that do not match are never held — unless
    --since/--until need the records' zone, which is known only once all are read."""
    from ..timeline import filter_records

    def kept(selection):
        if keep is None:
            return None if selection.keeps_all else selection.matches
        return keep if selection.keeps_all else (lambda r: keep(r) and selection.matches(r))

    # a bad bound is refused before any input is read
    record_filter(zone, kind, since, until, actor, region, tag)
    if zone is not None or not bounds_need_zone(since, until):
        selection = record_filter(zone, kind, since, until, actor, region, tag)
        return load(paths, keep=kept(selection), input_format=input_format), selection
    records = load(paths, keep=keep, input_format=input_format)
    selection = record_filter(bounds_zone(None, records, since, until), kind, since, until,
                              actor, region, tag)
    return filter_records(records, selection), selection


@contextmanager
def paged(console, enabled: bool = True):
    """A console to print on; on a terminal, what is printed goes through the pager
    ($PAGER, as git and gh use it) when it is longer than the screen. Never when piped."""
    if not (enabled and console.is_terminal):
        yield console
        return
    with console.capture() as captured:
        yield console
    text = captured.get()
    if text.count("\n") < console.height:
        console.file.write(text)
        console.file.flush()
        return
    import os
    import pydoc

    if "LESS" not in os.environ:
        # keep colour (-R); quit at the end of a short page (-F); leave the screen (-X)
        os.environ["LESS"] = "-FRX"
    pydoc.pager(text)
