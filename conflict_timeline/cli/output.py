"""Where a command's data goes: standard output, or a file written atomically that is never
overwritten without --force."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .common import reporting_errors

OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Write to this file instead of standard output. The "
                 "file is written whole or not at all (a temporary file, then a rename).",
                 show_default=False),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite the --output file if it already exists."),
]


def check_output(output: str | None, force: bool) -> None:
    """Refuse early, before any work, to overwrite a file without --force."""
    from ..files import refuse_to_overwrite

    if output not in (None, "-"):
        with reporting_errors():
            refuse_to_overwrite(output, force)


def emit(data: str | bytes, output: str | None, force: bool) -> None:
    """Text, or bytes such as a picture, to standard output or the --output file."""
    if output in (None, "-"):
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
            sys.stdout.flush()
        return
    from ..files import write_bytes_atomically, write_text_atomically

    with reporting_errors():
        if isinstance(data, bytes):
            write_bytes_atomically(output, data, force)
        else:
            write_text_atomically(output, data, force)
