"""The `timeline` command: a thin Typer layer over the library. One module per command."""

import signal
import sys
from typing import NoReturn

# the order of these imports is the order of the commands in `timeline --help`
# isort: off
from . import (  # noqa: F401  (each module registers its command on the application)
    check_pause,
    show,
    check,
    export,
    import_records,
    plot,
    rules,
    schema,
    validate,
)
# isort: on
from .application import app, unwrap_command_help

unwrap_command_help()


def main() -> None:
    # `timeline show | head`: a reader that stops early ends the command quietly, as it
    # ends cat or jq, rather than with Python's BrokenPipeError and exit status 1, which
    # here means "findings"
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        try:
            app(standalone_mode=True)
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
