"""JSON Schema (Draft 2020-12) of a record file, generated from the models, so other tools
can check records without this one.

What a schema cannot say is left to `timeline validate`: that ``when`` is a real ISO 8601
span, that ``tz`` is a known IANA zone, that a ``when`` without an offset has a zone to be
read in, that a count's range does not end below its start (``"120-90"``,
``{"min": 5, "max": 3}``), and that ids are unique across files (docs/format.md, "What the
JSON Schema cannot check")."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .models import Record

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_RECORD_REF = {"$ref": "#/$defs/Record"}
_LEFT_TO_VALIDATE = (
    " Beyond this schema, `timeline validate` checks that every `when` is an ISO 8601 span, "
    "that `tz` names an IANA zone, that a time without an offset has a zone to be read in, "
    "that no count's range ends below its start ('120-90', {\"min\": 5, \"max\": 3}), "
    "and that ids are unique."
)


def _definitions() -> dict[str, Any]:
    # made on demand: only `timeline schema` and `validate` ask for it
    record = TypeAdapter(Record).json_schema(mode="validation", ref_template="#/$defs/{model}")
    definitions = record.pop("$defs")
    definitions["Record"] = {"description": "One record; `kind` says which.", **record}
    return definitions


def record_schema() -> dict[str, Any]:
    """One record: a line of a JSON Lines file."""
    return {
        "$schema": DIALECT,
        "title": "conflict-timeline record",
        "description": "One record of a conflict-timeline file (a line of a .jsonl file)."
        + _LEFT_TO_VALIDATE,
        **_RECORD_REF,
        "$defs": _definitions(),
    }


def record_file_schema() -> dict[str, Any]:
    """A .json or .toml record file: a list of records, or an object with ``events`` and
    the file's default ``tz``."""
    return {
        "$schema": DIALECT,
        "title": "conflict-timeline record file",
        "description": "A list of records, or an object whose `events` are the records and "
        "whose `tz` is the default zone for their times." + _LEFT_TO_VALIDATE,
        "oneOf": [
            {"type": "array", "items": _RECORD_REF},
            {
                "type": "object",
                "properties": {
                    "$schema": {"type": "string", "description": "this schema's address"},
                    "tz": {"type": "string", "description": "IANA zone for the records' times "
                           "written without an offset, e.g. Europe/Kyiv"},
                    "events": {"type": "array", "items": _RECORD_REF},
                },
                "required": ["events"],
                "additionalProperties": False,
            },
        ],
        "$defs": _definitions(),
    }
