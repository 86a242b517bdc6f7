"""`timeline validate`: every problem in every file, for people or machines."""

import sys
from typing import Annotated

import typer

from .application import app
from .common import (
    EXIT_INPUT, PATHS_HELP, InputFormatOption, MaxProblemsOption, PathsArgument, TextOrJson,
    input_paths, max_problems, reporting_errors, stderr_console,
)


@app.command(epilog=PATHS_HELP)
def validate(
    paths: PathsArgument = None,
    output_format: Annotated[
        TextOrJson,
        typer.Option("--format", "-f", metavar="text|json",
                     help="text: one problem per line on stdout, a summary "
                     "on stderr; json: {valid, records, problems: [{file, location, field, "
                     "message}], more_problems} on stdout (more_problems: how many were "
                     "found past --max-problems)."),
    ] = TextOrJson.text,
    input_format: InputFormatOption = None,
    max_problems: MaxProblemsOption = 200,
) -> None:
    """Check record files and report every problem in every file.

    Exit status: 0 valid, 2 any problem.
    """
    from rich.text import Text

    from ..rendering.safe import clean_text

    records, problems, more = _check(paths, input_format)
    if output_format is TextOrJson.json:
        import json

        json.dump({"valid": not problems, "records": None if problems else records,
                   "problems": [p.as_dict() for p in problems], "more_problems": more},
                  sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for problem in problems:
            sys.stdout.write(clean_text(str(problem)) + "\n")
        count = len(problems) + more
        summary = (f"invalid: {count:,} problem{'s' if count != 1 else ''}" if problems
                   else f"valid: {records} record{'s' if records != 1 else ''}")
        if more:
            summary += f" (the first {len(problems):,} listed; --max-problems N lists more)"
        stderr_console().print(Text(summary, style="bold red" if problems else "bold green"))
    if problems:
        raise typer.Exit(EXIT_INPUT)


def _check(paths, input_format) -> tuple[int, list, int]:
    """(records, problems, how many more problems) of PATHS."""
    from ..errors import InputError
    from ..loading import load_records_with_origins

    sources = input_paths(paths)
    with reporting_errors():  # a MemoryError, say
        try:
            # every record is checked and let go: only ids are held (to find duplicates)
            _, origins = load_records_with_origins(
                sources, stdin=sys.stdin.buffer if sys.stdin else None, keep=lambda _: False,
                input_format=None if input_format is None else input_format.value,
                max_problems=max_problems())
            return len(origins), [], 0
        except InputError as exc:
            return 0, exc.problems, exc.more
