"""JSON Lines for Timesketch: every line has the ``message``, ``datetime`` and
``timestamp_desc`` Timesketch requires, plus ``timestamp`` (microseconds) and the record's
flat fields. An interval (a pause's window, a report window) gives a second line at its end,
so a forensic timeline shows where the window closes.

Timesketch indexes the lines into OpenSearch, whose dynamic mapping fixes a field's type
from the first value it sees and then rejects an event whose value does not fit. So each
field has one JSON type in every line of every file: ``timestamp`` and the counts' numbers
are integers, ``lat``/``lon`` are floats, every other field is a string. A count, which may be
a number (111), a bound ("over 100") or a range ("90-120"), is written as up to four fields:
``launched`` (an integer, only when the count is exact), ``launched_min`` and
``launched_max`` (integers; no ``_max`` for "over 100"), and ``launched_text`` (the count as
written, always)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar

from ...records import (
    CountValue,
    RecordBase,
    Strike,
    count_bounds,
    count_text,
    count_total,
)
from ..machine import json_text
from .flat import flat_fields

COUNT_FIELDS = ("launched", "intercepted", "killed", "wounded")
FLOAT_FIELDS = ("lat", "lon")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICROSECOND = timedelta(microseconds=1)


def _counts(record: RecordBase) -> dict[str, CountValue]:
    if not isinstance(record, Strike):
        return {}
    counts: dict[str, CountValue] = {}
    for name in ("launched", "intercepted"):
        known = [getattr(w, name) for w in record.weapons if getattr(w, name) is not None]
        if known:
            counts[name] = count_total(known)
    if record.casualties is not None:
        for name in ("killed", "wounded"):
            value = getattr(record.casualties, name)
            if value is not None:
                counts[name] = value
    return counts


def count_fields(name: str, value: CountValue) -> dict[str, int | str]:
    """A count as fields of fixed types: ``name`` (int, exact counts only), ``name_min`` and
    ``name_max`` (int) and ``name_text`` (str)."""
    low, high = count_bounds(value)
    fields: dict[str, int | str] = {}
    if isinstance(value, int):
        fields[name] = value
    fields[f"{name}_min"] = low
    if high is not None:
        fields[f"{name}_max"] = high
    fields[f"{name}_text"] = count_text(value)
    return fields


def record_fields(record: RecordBase) -> dict[str, Any]:
    """The record's flat fields, each in its one type."""
    fields: dict[str, Any] = {}
    for key, value in flat_fields(record).items():
        if value is None or key in COUNT_FIELDS:
            continue
        fields[key] = float(value) if key in FLOAT_FIELDS else str(value)
    for name, count in _counts(record).items():
        fields.update(count_fields(name, count))
    return fields


def _event(record: RecordBase, moment: datetime, desc: str, fields: dict[str, Any]) -> dict[str, Any]:
    utc = moment.astimezone(timezone.utc)
    return {
        "message": f"[{record.kind}] {record.title}",  # type: ignore[attr-defined]
        "datetime": utc.isoformat(),
        # integer arithmetic: a float's 53 bits cannot hold every microsecond since 1970
        "timestamp": (utc - _EPOCH) // _MICROSECOND,
        "timestamp_desc": desc,
        **fields,
    }


def timesketch_events(record: RecordBase) -> Iterator[dict[str, Any]]:
    span = record.span
    kind = record.kind  # type: ignore[attr-defined]
    fields = record_fields(record)
    if span.end is None:  # an open window: no end to write, and none invented
        yield _event(record, span.start, f"Start of {kind} span ({span.precision.value}; "
                     "open-ended: in force until further notice)", fields)
        return
    yield _event(record, span.start, f"Start of {kind} span ({span.precision.value})", fields)
    if span.is_interval:
        yield _event(record, span.end, f"End of {kind} span (exclusive)", fields)


class TimesketchExporter:
    name: ClassVar[str] = "timesketch"
    summary: ClassVar[str] = "JSON Lines with message, datetime and timestamp_desc, for Timesketch"
    suffix: ClassVar[str] = ".jsonl"

    def render(self, records: Sequence[RecordBase]) -> str:
        return "".join(json_text(event) + "\n"
                       for record in records for event in timesketch_events(record))
