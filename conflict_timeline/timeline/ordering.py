"""Order: by span start, then end, then id — on POSIX numbers, so mixed zones and
precisions sort correctly and cheaply."""

from __future__ import annotations

from collections.abc import Iterable

from ..records import RecordBase


def order_key(record: RecordBase) -> tuple[float, float, str]:
    span = record.span
    return (span.start_ts, span.end_ts, record.id)


def order_records(records: Iterable[RecordBase]) -> list[RecordBase]:
    return sorted(records, key=order_key)
