"""The `timeline` command: a thin Typer layer over the library. One module per command."""

import os
import signal

from . import check_pause, show  # noqa: F401  (each registers its command)
from . import check  # noqa: F401
from . import export  # noqa: F401
from . import import_records  # noqa: F401
from . import plot  # noqa: F401
from . import rules  # noqa: F401
from . import schema  # noqa: F401
from . import validate  # noqa: F401
from .app import app, unwrap_command_help

unwrap_command_help()


def main() -> None:
    # Third-party pydantic plugins are not loaded into the command (as Typer does for its
    # own parameters): finding them reads the metadata of every installed package, a fifth
    # of a short command's start-up. Set the variable yourself to choose otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # `timeline show | head`: a reader that stops early ends the command quietly, as it
    # ends cat or jq, rather than with Python's BrokenPipeError and exit status 1, which
    # here means "findings"
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()
