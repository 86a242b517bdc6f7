"""The Typer application that every command module registers on."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__

app = typer.Typer(
    name="timeline",
    help=(
        "Records of a war from open sources — strikes, statements, negotiations, announced "
        "pauses — in a trustworthy order, with a loud, explained flag wherever they "
        "contradict each other.\n\nWith no PATHS, commands read the bundled story data set."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", is_eager=True,
                     callback=_print_version),
    ] = False,
) -> None:
    """Records of a war from open sources, ordered and checked."""
