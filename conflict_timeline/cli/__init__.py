"""The `timeline` command: a thin Typer layer over the library. One module per command."""

import importlib
import signal
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from . import application

# Each command's module registers its command on the application when imported, in this
# order (the order `timeline --help` lists them: the two the tool is for first). A run
# registers only the command it names, as Click's lazily loaded subcommands do: Typer
# builds the options of every registered command before it runs one.
COMMAND_MODULES = {"check-pause": "check_pause", "show": "show", "check": "check",
                   "export": "export", "import": "import_records", "plot": "plot",
                   "rules": "rules", "schema": "schema", "validate": "validate"}


def register_commands(names: Iterable[str] = COMMAND_MODULES) -> None:
    """Import the modules of the commands ``names`` (all by default), registering them."""
    for name in names:
        importlib.import_module(f"{__name__}.{COMMAND_MODULES[name]}")
    order = list(COMMAND_MODULES)
    application.app.registered_commands.sort(key=lambda command: order.index(
        command.name or command.callback.__name__.replace("_", "-")))  # type: ignore[union-attr]
    application.unwrap_command_help()


def named_commands(arguments: Sequence[str]) -> Iterable[str]:
    """The command the arguments begin with; else every command (``--help`` lists them all,
    ``--version`` needs none of them but is answered by the same group, and a misspelt
    command is told the nearest)."""
    return arguments[:1] if arguments and arguments[0] in COMMAND_MODULES else COMMAND_MODULES


def __getattr__(name: str) -> Any:
    if name == "app":  # the application with every command, for tests and other code
        register_commands()
        return application.app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    # `timeline show | head`: a reader that stops early ends the command quietly, as it
    # ends cat or jq, rather than with Python's BrokenPipeError and exit status 1, which
    # here means "findings"
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    register_commands(named_commands(sys.argv[1:]))
    try:
        try:
            application.app(standalone_mode=True)
        finally:
            # what is still buffered is written now, where a failure can be reported
            sys.stdout.flush()
    except MemoryError:
        _last_words("not enough memory for this command (the input was read, but what it "
                    "asks for does not fit): give fewer records, e.g. with --since/--until, "
                    "--kind")
    except OSError as exc:
        # a full disk or a closed stream on stdout or stderr (`timeline show > /dev/full`):
        # exit status 1 would mean "findings", and a traceback would say nothing useful
        _last_words(f"cannot write the output: {exc.strerror or exc}")


def _last_words(message: str) -> NoReturn:
    """A one-line message on stderr, if stderr can still take one, and exit status 2."""
    import os

    try:
        sys.stderr.write(f"error: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    # the interpreter's own flush at exit would fail again on the same stream, and say so
    # with a traceback-like line: leave without it
    os._exit(2)
