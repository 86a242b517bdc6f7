"""The `timeline` command: a thin Typer layer over the library. One module per command."""

from . import check_pause, show  # noqa: F401  (each registers its command)
from .app import app


def main() -> None:
    app()
