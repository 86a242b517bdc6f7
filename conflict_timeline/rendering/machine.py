"""Writers for machines: each record as loadable input plus its resolved span.

One JSON writer, the standard library's, for every JSON this tool prints. Both forms stream:
items are written as they come, so a million records or findings never sit in memory as
one document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..records import RecordBase, TimeSpan, record_to_dict
from .safe import UNSAFE_CHARACTERS


def span_dict(span: TimeSpan) -> dict[str, str | None]:
    """A span for machines: ISO start and end (None for an open end), precision, zone."""
    return {
        "start": span.start_text,
        "end": span.end_text,
        "precision": span.precision.value,
        "zone": span.zone_name(),
    }


def record_json(record: RecordBase) -> dict[str, Any]:
    """The record itself (loadable again: ``span`` is ignored on input) plus its span."""
    data = record_to_dict(record)
    data["span"] = span_dict(record.span)
    return data


def _escape_unsafe(text: str) -> str:
    """Characters that act on a terminal or hide themselves (C1 controls, bidi overrides,
    line separators, lone surrogates) written as ``\\uXXXX`` escapes: the same strings when
    parsed, harmless when printed, and one record per line stays one line for every JSON
    Lines reader. Outside strings JSON text is plain ASCII, so only strings are touched."""
    if text.isascii():  # of ASCII, json leaves only DEL unescaped
        return text.replace("\x7f", "\\u007f")
    return UNSAFE_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON as readable UTF-8, unsafe characters escaped (see :func:`_escape_unsafe`)."""
    return _escape_unsafe(json.dumps(value, ensure_ascii=False, indent=indent))


def jsonl_text(item: Any) -> str:
    """``item`` as one line of JSON Lines, compact (no spaces after ``,`` and ``:``, as
    ``jq -c`` writes it), unsafe characters escaped."""
    return _escape_unsafe(json.dumps(item, ensure_ascii=False, separators=(",", ":")))


def write_json(items: Iterable[Any], out: TextIO) -> None:
    """One indented JSON list, as ``json_text(list(items), indent=2)`` writes it, an item at
    a time: a million findings are never held at once."""
    opened = False
    for item in items:
        body = json_text(item, indent=2).replace("\n", "\n  ")
        out.write(",\n  " if opened else "[\n  ")
        out.write(body)
        opened = True
    out.write("\n]\n" if opened else "[]\n")


def write_jsonl(items: Iterable[Any], out: TextIO) -> None:
    """One compact JSON object per line (see :func:`jsonl_text`), streamed."""
    for item in items:
        out.write(jsonl_text(item) + "\n")
