"""`timeline validate`: every problem in every file, for people or machines."""

import sys
from typing import Annotated

import typer

from .application import app
from .common import (
    EXIT_INPUT, PathsArgument, TextOrJson, reporting_errors, stderr_console,
)


@app.command()
def validate(
    paths: PathsArgument = None,
    output_format: Annotated[
        TextOrJson,
        typer.Option("--format", "-f", help="text: one problem per line on stdout, a summary "
                     "on stderr; json: {valid, records, problems: [{file, location, field, "
                     "message}]} on stdout."),
    ] = TextOrJson.text,
) -> None:
    """Check record files and report every problem in every file.

    With no PATHS, the bundled story data set is checked.

    Exit status: 0 valid, 2 any problem.
    """
    from rich.text import Text

    from ..rendering.safe import clean_text

    records, problems = _check(paths)
    if output_format is TextOrJson.json:
        import json

        json.dump({"valid": not problems, "records": None if problems else records,
                   "problems": [p.as_dict() for p in problems]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for problem in problems:
            sys.stdout.write(clean_text(str(problem)) + "\n")
        count = len(problems)
        summary = (f"invalid: {count} problem{'s' if count != 1 else ''}" if problems
                   else f"valid: {records} record{'s' if records != 1 else ''}")
        stderr_console().print(Text(summary, style="bold red" if problems else "bold green"))
    if problems:
        raise typer.Exit(EXIT_INPUT)


def _check(paths) -> tuple[int, list]:
    """(records, problems) of PATHS."""
    from ..errors import InputError
    from ..loading import bundled_events_dir, load_records_with_origins

    with reporting_errors():  # a MemoryError, say
        try:
            # every record is checked and let go: only ids are held (to find duplicates)
            _, origins = load_records_with_origins(
                paths or [bundled_events_dir()], stdin=sys.stdin.buffer, keep=lambda _: False)
            return len(origins), []
        except InputError as exc:
            return 0, exc.problems
