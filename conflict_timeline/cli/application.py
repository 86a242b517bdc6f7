"""The Typer application that every command module registers on."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperCommand, TyperGroup

from .. import __version__
from ..rendering.safe import clean_text

# Click's base exception, whether Typer uses click itself or its own vendored copy of it
# (Typer 0.27 on); the two have the same interface, so click's types stand for both
if TYPE_CHECKING:
    from click import ClickException as _ClickException
else:
    _ClickException = next(c for c in typer.BadParameter.__mro__
                           if c.__name__ == "ClickException")


# This Typer coerces option values with pydantic, whose wording would reach the user
# ("Value error, 'xml' is not one of …"): said in the project's own words instead
_VALIDATOR_WORDING = (
    (re.compile(r"^Value error, "), ""),
    (re.compile(r"Input should be a valid integer(?:, unable to parse string as an integer)?"),
     "a whole number is expected"),
    # and the same from Typers that coerce with Click alone
    (re.compile(r"^(.*) is not a valid integer\.?$"), r"a whole number is expected, not \1"),
    (re.compile(r"Input should be greater than or equal to (\d+)"), r"it must be \1 or more"),
    (re.compile(r"Input should be a valid boolean(?:, unable to interpret input)?"),
     "true or false is expected"),
)


def project_wording(message: str) -> str:
    for pattern, words in _VALIDATOR_WORDING:
        message = pattern.sub(words, message)
    return message


@contextmanager
def _cleaned_usage_errors() -> Iterator[None]:
    try:
        yield
    except _ClickException as exc:
        # click marks `message` Final, yet it is a plain attribute read when the error is
        # shown; cleaning it in place keeps the exception's class, context and parameter
        exc.message = clean_text(project_wording(exc.message), single_line=False)  # type: ignore[misc]
        raise


def _without_python_types(params: list) -> list:
    """A flag takes no value, so its help shows none: without a metavar, this Typer's help
    would show Python's type (``<bool>``) beside it. Every option that takes a value is
    given its metavar where it is declared."""
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
        elif param.metavar is None and param.param_type_name == "option":
            choices = _choices(param)
            param.metavar = "|".join(choices) if choices else (param.name or "value").upper()
    return params


def _choices(param) -> list[str]:
    """The values an option accepts, from its click Choice type (or this Typer's
    descriptor of it)."""
    found = getattr(getattr(param, "type", None), "choices", None)
    if found is None:
        found = getattr(getattr(param, "type_descriptor", None), "choices", None)
    return [getattr(c, "value", c) for c in found or ()]


class _TimelineCommand(TyperCommand):
    def get_params(self, ctx):
        return _without_python_types(super().get_params(ctx))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        return option if option is None else _without_python_types([option])[0]


class _TimelineGroup(TyperGroup):
    """Click's usage errors echo the command line — an option or a file name that a glob
    picked up — so their text goes through ``clean_text`` like every other message."""

    def make_context(self, *args, **kwargs):
        with _cleaned_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _cleaned_usage_errors():
            return super().invoke(ctx)

    def get_params(self, ctx):
        return _without_python_types(super().get_params(ctx))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        return option if option is None else _without_python_types([option])[0]


app = typer.Typer(
    name="timeline",
    cls=_TimelineGroup,
    help=(
        "Records of a war from open sources — strikes, statements, negotiations, announced "
        "pauses — in a trustworthy order, with a loud, explained flag wherever they "
        "contradict each other.\n\nEach command reads record files, directories of them, or "
        "standard input; with none of these, the bundled example (events/). Data goes to "
        "standard output; notes, summaries and problems to standard error. Exit status 2 "
        "always means bad input or usage."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=True,
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
    from .common import DEFAULT_MAX_PROBLEMS, _set_max_problems

    _set_max_problems(DEFAULT_MAX_PROBLEMS)  # each run starts from the default


def unwrap_command_help() -> None:
    # and give each command the help conventions of _TimelineCommand
    """Give each command its docstring with every paragraph on one line: Typer's rich help
    rewraps only the first paragraph and keeps the source's line breaks in the rest, which
    then break again mid-line in any terminal narrower or wider than the source."""
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = _TimelineCommand
        if command.help is None and command.callback and command.callback.__doc__:
            paragraphs = inspect.cleandoc(command.callback.__doc__).split("\n\n")
            command.help = "\n\n".join(" ".join(p.split()) for p in paragraphs)

