"""JSON Lines for Timesketch: every line has the ``message``, ``datetime`` and
``timestamp_desc`` Timesketch requires, plus ``timestamp`` (microseconds) and the record's
flat fields. An interval (a pause's window, a report window) gives a second line at its end,
so a forensic timeline shows where the window closes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import Any, ClassVar

from ...records import RecordBase
from ..machine import json_text
from .flat import flat_fields


def _event(record: RecordBase, moment: datetime, desc: str) -> dict[str, Any]:
    utc = moment.astimezone(timezone.utc)
    return {
        "message": f"[{record.kind}] {record.title}",  # type: ignore[attr-defined]
        "datetime": utc.isoformat(),
        "timestamp": int(utc.timestamp() * 1_000_000),
        "timestamp_desc": desc,
        **{k: v for k, v in flat_fields(record).items() if v is not None},
    }


def timesketch_events(record: RecordBase) -> Iterator[dict[str, Any]]:
    span = record.span
    kind = record.kind  # type: ignore[attr-defined]
    yield _event(record, span.start, f"Start of {kind} span ({span.precision.value})")
    if span.is_interval:
        yield _event(record, span.end, f"End of {kind} span (exclusive)")


class TimesketchExporter:
    name: ClassVar[str] = "timesketch"
    summary: ClassVar[str] = "JSON Lines with message, datetime and timestamp_desc, for Timesketch"
    suffix: ClassVar[str] = ".jsonl"

    def render(self, records: Sequence[RecordBase]) -> str:
        return "".join(json_text(event) + "\n"
                       for record in records for event in timesketch_events(record))
