"""The `timeline` command: a thin Typer layer over the library. One module per command."""

import importlib
import os
import signal
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from ..pydantic_plugins import pydantic_plugins_disabled
from . import application

# Each command's module registers it on the application when imported. A run imports and
# builds only the command it names: Typer builds every registered command's options before
# it runs one (26 million instructions for the nine, and importing their modules 12 million
# more, of some 700 for `timeline show` on the bundled data). `app` imports them all. In
# this order, which `timeline --help` lists them in: the two the tool is for first.
COMMAND_MODULES = {"check-pause": "check_pause", "show": "show", "check": "check",
                   "export": "export", "import": "import_records", "plot": "plot",
                   "rules": "rules", "schema": "schema", "validate": "validate"}


def register_commands(names: Iterable[str] = COMMAND_MODULES) -> None:
    """Import the modules of the commands ``names`` (all by default), which registers them."""
    for name in names:
        importlib.import_module(f"{__name__}.{COMMAND_MODULES[name]}")
    application.unwrap_command_help()


def __getattr__(name: str) -> Any:
    if name == "app":  # the application with every command, as tests and other code expect
        register_commands()
        return application.app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    arguments = sys.argv[1:]
    register_commands(named_command(arguments))
    application.app()


def named_command(arguments: Sequence[str]) -> Iterable[str]:
    """The command the arguments begin with; else every command (``--help`` lists them, a
    misspelt one is told the nearest)."""
    return arguments[:1] if arguments and arguments[0] in COMMAND_MODULES else COMMAND_MODULES


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
