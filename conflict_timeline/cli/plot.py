"""`timeline plot`: the record as a picture (PNG or SVG), or as a chart in the terminal."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .application import app
from .common import (
    ActorOption,
    InputFormatOption,
    KindOption,
    MaxProblemsOption,
    PathsArgument,
    RegionOption,
    SinceOption,
    TagOption,
    UntilOption,
    display_zone,
    fail,
    select_records,
)
from .output import ForceOption, check_output, emit

INSTALL_HINT = "pip install 'conflict-timeline[plot]'"


class ImageFormat(str, Enum):
    png = "png"
    svg = "svg"


class Regional(str, Enum):
    gaps = "gaps"
    separate = "separate"
    add = "add"


# one string per paragraph: this Typer keeps the line breaks of a docstring's later paragraphs
PLOT_HELP = "\n\n".join((
    "Draw the timeline: weapons launched per day (stacked by type, intercepted hatched), a "
    "lane per pause reading with its verdict on each strike it meets ([bold]filled[/]: "
    "violation, [bold]hollow[/]: possible violation, grey tick: outside its scope), and the "
    "statements and negotiations.",
    "A regional air command's report (tagged level:regional, as `timeline import "
    "missile-attacks` writes) whose window overlaps a national report's may count the same "
    "weapons: by default the bars leave it out (see --regional), and the notes under the "
    "picture say how many were, credit the records' sources and say that counts are as "
    "the sources claim them. Over a long range a bar counts a week or a month, and the "
    "notes say so.",
    "--since/--until also fix the ends of the time axis. PNG and SVG need matplotlib "
    "(pip install 'conflict-timeline\\[plot]'); --terminal does not.",
    "Exit status: 0 drawn; 2 bad input or usage, or nothing to plot.",
))


@app.command(help=PLOT_HELP)
def plot(
    paths: PathsArgument = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE",
                     help="Write the picture here: FILE.png or FILE.svg (the extension picks "
                     "the format); '-' writes it to standard output (give --format).",
                     show_default=False),
    ] = None,
    output_format: Annotated[
        ImageFormat | None,
        typer.Option("--format", "-f", help="png or svg, whatever the extension of FILE.",
                     show_default=False),
    ] = None,
    force: ForceOption = False,
    size: Annotated[
        str | None,
        typer.Option(metavar="WIDTHxHEIGHT", help="Picture size in pixels, from 400x300 to "
                     "10000x10000, e.g. 600x400 or 1200x800 (an SVG gets the same size in "
                     "CSS pixels). Default: 1600 wide, as tall as the lanes need. A size too "
                     "flat for what the picture shows is refused with the height it needs.",
                     show_default=False),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(help="Title above the picture. Default: what it shows and its dates.",
                     show_default=False),
    ] = None,
    terminal: Annotated[
        bool,
        typer.Option("--terminal", help="Draw launched weapons per day and the pause "
                     "windows as a chart in the terminal instead of a file (no matplotlib "
                     "needed)."),
    ] = False,
    tz: Annotated[
        str | None,
        typer.Option("--tz", help="Time zone of the axis and of every label (IANA name, e.g. "
                     "UTC). Default: the zone most of the records speak in, with each label "
                     "in its record's own zone. --since/--until without an offset are read "
                     "in it when given.", show_default=False),
    ] = None,
    regional: Annotated[
        Regional,
        typer.Option("--regional", help="What the bars do with regional air commands' "
                     "reports: gaps counts one only where no national report's window "
                     "overlaps its own; separate draws them as bars of their own, never "
                     "added; add adds them all (the same weapons may be counted twice).",
                     case_sensitive=False),
    ] = Regional.gaps,
    kind: KindOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: ActorOption = None,
    region: RegionOption = None,
    tag: TagOption = None,
    input_format: InputFormatOption = None,
    max_problems: MaxProblemsOption = 200,
    width: Annotated[
        int | None,
        typer.Option("--width", metavar="COLUMNS", min=40, max=1000, show_default=False,
                     help="Width of the --terminal chart in columns. Default: the terminal's "
                     "width; when standard output is not a terminal, $COLUMNS, else 80."),
    ] = None,
) -> None:
    from ..rendering.plot_data import RegionalCounting, dominant_zone, plot_data

    zone = display_zone(tz)
    if terminal and (output or output_format):
        fail("--terminal draws in the terminal: leave out -o/--format, or --terminal")
    if width is not None and not terminal:
        fail("--width is the --terminal chart's width in columns: give --terminal, or "
             "--size WIDTHxHEIGHT for a picture")
    fmt = None if terminal else _image_format(output, output_format)
    pixels = _pixels(size)
    check_output(output, force)
    renderer = None if terminal else _renderer()  # before any work: is matplotlib there?
    # --since/--until as every command reads them: in --tz, else the records' one zone
    records, selection = select_records(paths, zone, kind, since, until, actor, region, tag,
                                        input_format)
    axis_zone = zone or dominant_zone(records)
    if not records:
        fail(_nothing_to_plot({"--kind": [k.value for k in kind or ()], "--since": since,
                               "--until": until, "--actor": actor, "--region": region,
                               "--tag": tag}))
    data = plot_data(records, axis_zone, zone, selection.since, selection.until,
                     RegionalCounting(regional.value))
    if terminal:
        from ..rendering.chart import render_chart
        from .common import stdout_console

        console = stdout_console()
        columns = width or chart_width(console)
        console.print(render_chart(data, columns, title), width=columns)
        return
    # a picture: _image_format refused a missing -o, and the renderer was imported
    assert renderer is not None and fmt is not None and output is not None
    try:
        image = renderer.render_image(data, fmt, title, pixels)
    except renderer.PictureTooSmall as exc:
        fail(f"--size {exc}; no picture was drawn (give --size "
             f"{exc.size[0]}x{exc.height_px} or more, or leave --size out)")
    emit(image, output, force)
    _report(output, fmt, image, data)


def chart_width(console) -> int:
    """The terminal chart's width: the terminal's own; when standard output is a pipe or
    a file (where the console does not wrap at all), $COLUMNS as shells set it, else 80."""
    import os

    if console.is_terminal:
        return console.width
    columns = os.environ.get("COLUMNS", "").strip()
    return max(40, int(columns)) if columns.isdigit() else 80


def _image_format(output: str | None, forced: ImageFormat | None) -> str:
    if output is None:
        fail("say where to draw: -o FILE.png or -o FILE.svg, or --terminal for a chart in "
             "the terminal")
    if forced is not None:
        return forced.value
    if output == "-":
        fail("writing the picture to standard output: give --format png or --format svg")
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in {f.value for f in ImageFormat}:
        fail(f"cannot tell the image format from {output!r}: name the file .png or .svg, "
             "or give --format")
    return suffix


def _pixels(size: str | None) -> tuple[int, int] | None:
    if size is None:
        return None
    width, sep, height = size.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()):
        raise typer.BadParameter(f"{size!r} is not WIDTHxHEIGHT in pixels, e.g. 1200x800",
                                 param_hint="--size")
    pixels = int(width), int(height)
    if not (400 <= pixels[0] <= 10_000 and 300 <= pixels[1] <= 10_000):
        raise typer.BadParameter(f"{size} is outside 400x300 to 10000x10000 pixels",
                                 param_hint="--size")
    return pixels


def _nothing_to_plot(filters: dict[str, str | list[str] | None]) -> str:
    from ..rendering.safe import clean_text

    used = [f"{option} {value}" for option, values in filters.items() if values
            for value in ([values] if isinstance(values, str) else values)]
    if used:
        return (f"nothing to plot: no record matches {clean_text(' '.join(used))}; no picture "
                "was drawn (`timeline show` with the same options lists what is selected)")
    return "nothing to plot: the input holds no records; no picture was drawn"


def _renderer():
    """The matplotlib renderer, imported only now: the CLI starts without matplotlib."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        fail(f"timeline plot needs matplotlib to draw PNG or SVG: install it with "
             f"{INSTALL_HINT} (or use --terminal for a chart in the terminal)")
    from ..rendering import plot

    return plot


def _report(output: str, fmt: str, image: bytes, data) -> None:
    from rich.text import Text

    from ..rendering.safe import clean_text
    from .common import stderr_console

    where = "standard output" if output == "-" else clean_text(output)
    lanes = len(data.pauses)
    stderr_console().print(Text(
        f"wrote {where}: {fmt.upper()}, {len(image):,} bytes; {data.strikes} "
        f"strike{'s' if data.strikes != 1 else ''}, {lanes} pause "
        f"reading{'s' if lanes != 1 else ''}, {len(data.statements)} statements, "
        f"{len(data.negotiations)} negotiations; times in {data.zone_name}"), soft_wrap=True)
