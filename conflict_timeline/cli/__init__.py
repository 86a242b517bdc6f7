"""The `timeline` command: a thin Typer layer over the library. One module per command."""

import os
import signal
import sys

from . import check_pause, show  # noqa: F401  (each registers its command)
from . import check  # noqa: F401
from . import export  # noqa: F401
from . import import_records  # noqa: F401
from . import plot  # noqa: F401
from . import rules  # noqa: F401
from . import schema  # noqa: F401
from . import validate  # noqa: F401
from ..pydantic_plugins import pydantic_plugins_disabled
from .app import app, app_for, unwrap_command_help

unwrap_command_help()


def main() -> None:
    # Third-party pydantic plugins are not loaded into the command (as Typer does for its
    # own parameters): finding them reads the metadata of every installed package, a fifth
    # of a short command's start-up. Set the variable yourself to choose otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    _stand_in_for_plugin_loader()
    # `timeline show | head`: a reader that stops early ends the command quietly, as it
    # ends cat or jq, rather than with Python's BrokenPipeError and exit status 1, which
    # here means "findings"
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app_for(sys.argv[1:])()


_PLUGIN_LOADER = "pydantic.plugin._loader"


def _stand_in_for_plugin_loader() -> None:
    """With plugins disabled, pydantic's plugin loader finds none, but importing it imports
    ``importlib.metadata`` (and the email parser with it): a fifth of ``import typer``'s
    time, in every command. A stand-in answers as the loader does then (no plugins) and
    hands any other name pydantic may ask of it to the real module. If pydantic moves its
    loader, the stand-in is never asked and nothing changes but the time."""
    if not pydantic_plugins_disabled() or _PLUGIN_LOADER in sys.modules:
        return
    import importlib
    import types

    stand_in = types.ModuleType(_PLUGIN_LOADER)
    stand_in.get_plugins = lambda *args, **kwargs: ()

    def real(name: str):
        if name.startswith("__"):  # the import system asking whether it is a package
            raise AttributeError(name)
        sys.modules.pop(_PLUGIN_LOADER, None)
        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    stand_in.__getattr__ = real
    sys.modules[_PLUGIN_LOADER] = stand_in
