"""The Typer application that every command module registers on."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from typer.core import TyperGroup

from .. import __version__
from ..rendering.safe import clean_text

# Click's base exception, whether Typer uses click itself or its own vendored copy of it
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


@contextmanager
def _cleaned_usage_errors() -> Iterator[None]:
    try:
        yield
    except _ClickException as exc:
        exc.message = clean_text(exc.message, single_line=False)
        raise


class _TimelineGroup(TyperGroup):
    """Click's usage errors echo the command line — an option or a file name that a glob
    picked up — so their text goes through ``clean_text`` like every other message."""

    def make_context(self, *args, **kwargs):
        with _cleaned_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _cleaned_usage_errors():
            return super().invoke(ctx)


app = typer.Typer(
    name="timeline",
    cls=_TimelineGroup,
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


def unwrap_command_help() -> None:
    """Give each command its docstring with every paragraph on one line: Typer's rich help
    rewraps only the first paragraph and keeps the source's line breaks in the rest, which
    then break again mid-line in any terminal narrower or wider than the source."""
    for command in app.registered_commands:
        if command.help is None and command.callback and command.callback.__doc__:
            paragraphs = inspect.cleandoc(command.callback.__doc__).split("\n\n")
            command.help = "\n\n".join(" ".join(p.split()) for p in paragraphs)

