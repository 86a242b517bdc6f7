"""Writers for machines: each record as loadable input plus its resolved span."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..records import RecordBase, TimeSpan, record_to_dict
from .safe import UNSAFE_CHARACTERS


def span_dict(span: TimeSpan) -> dict[str, str]:
    return {
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "precision": span.precision.value,
        "zone": span.zone_name(),
    }


def record_json(record: RecordBase) -> dict[str, Any]:
    """The record itself (loadable again: ``span`` is ignored on input) plus its span."""
    data = record_to_dict(record)
    data["span"] = span_dict(record.span)
    return data


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON as readable UTF-8, except that characters that act on a terminal or hide
    themselves (C1 controls, bidi overrides, line separators, lone surrogates) are written
    as ``\\uXXXX`` escapes: the same strings when parsed, harmless when printed, and one
    record per line stays one line for every JSON Lines reader."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return UNSAFE_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_json(items: Iterable[dict[str, Any]], out: TextIO) -> None:
    out.write(json_text(list(items), indent=2))
    out.write("\n")


def write_jsonl(items: Iterable[dict[str, Any]], out: TextIO) -> None:
    for item in items:
        out.write(json_text(item))
        out.write("\n")
