"""The `timeline` command: a thin Typer layer over the library. One module per command."""

import signal

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
from .application import app, unwrap_command_help

unwrap_command_help()


def main() -> None:
    # `timeline show | head`: a reader that stops early ends the command quietly, as it
    # ends cat or jq, rather than with Python's BrokenPipeError and exit status 1, which
    # here means "findings"
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()
