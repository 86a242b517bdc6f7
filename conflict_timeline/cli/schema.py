"""`timeline schema`: the JSON Schema of a record file, for tools other than this one."""

import json
from typing import Annotated

import typer

from .application import app
from .output import ForceOption, OutputOption, check_output, emit


@app.command()
def schema(
    record: Annotated[
        bool,
        typer.Option("--record", help="The schema of one record (a line of a .jsonl file) "
                     "instead of a whole .json/.toml file."),
    ] = False,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Print the JSON Schema (Draft 2020-12) of a record file, generated from the models.

    The schema checks structure, kinds, enumerated values and counts.
    `timeline validate` also checks what a schema cannot: real spans, known zones, unique ids.
    """
    from ..records.schema import record_file_schema, record_schema

    check_output(output, force)
    document = record_schema() if record else record_file_schema()
    emit(json.dumps(document, ensure_ascii=False, indent=2) + "\n", output, force)
