"""Writers for machines: each record as loadable input plus its resolved span."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..records import RecordBase, TimeSpan, record_to_dict


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


def write_json(items: Iterable[dict[str, Any]], out: TextIO) -> None:
    json.dump(list(items), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(items: Iterable[dict[str, Any]], out: TextIO) -> None:
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False))
        out.write("\n")
