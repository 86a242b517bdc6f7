"""Knight Lab TimelineJS JSON: every record a slide, every pause reading also an era.

TimelineJS reads a date's parts (year, month, day, hour …) as a time in the viewer's own
zone, the same for every slide: parts written in each record's own zone would draw a Kyiv
strike at 03:15 and a New York statement at 03:15 at one moment, seven hours apart in fact.
So every date is written in one zone, UTC unless the export is given another, and the
slide's ``display_date`` names the span in the record's own words, as `timeline show` does.

A date carries only the units the record knows (a month-precision record gives year and
month, no day) when, in the export's zone, the record's unit starts on a whole unit; where it
does not (a Kyiv day starts at 22:00 UTC the evening before), the date names the instant,
down to the hour, minute or second that says it exactly. TimelineJS renders headlines and
text as HTML, so record text is escaped and only http(s) addresses become links."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, ClassVar

from ...records import Pause, Precision, RecordBase, TimeSpan
from ..labels import span_label
from ..machine import json_text
from .flat import kind_details

_UNITS = ("year", "month", "day", "hour", "minute", "second", "millisecond")
_DEPTH = {Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3, Precision.HOUR: 4,
          Precision.MINUTE: 5, Precision.SECOND: 6}
_FIRST = (None, 1, 1, 0, 0, 0, 0)  # each unit's first value; a year has none


def _parts(moment: datetime) -> tuple[int, ...]:
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
            moment.microsecond // 1000)


def _exact_depth(parts: tuple[int, ...], depth: int) -> int:
    """How many units name ``parts`` exactly: at least ``depth``, more where a finer unit is
    not at its first value."""
    finest = max((i + 1 for i in range(3, len(parts)) if parts[i] != _FIRST[i]), default=0)
    return max(depth, finest)


def date_object(moment: datetime, precision: Precision, zone: tzinfo = UTC,
                is_end: bool = False) -> dict[str, int]:
    """A TimelineJS date for ``moment`` in ``zone``: the units ``precision`` knows, and more
    only where they are needed to place it exactly. A calendar end (exclusive) that falls on
    a whole unit names the last unit the span includes (``…/2026-01-30`` ends on the 30th)."""
    local = moment.astimezone(zone).replace(tzinfo=None)
    depth = _DEPTH[precision]
    parts = _parts(local)
    if precision.is_calendar and _exact_depth(parts, depth) == depth \
            and all(parts[i] == _FIRST[i] for i in range(depth, 3)):
        if is_end:
            parts = _parts(local - timedelta(microseconds=1))
        return dict(zip(_UNITS[:depth], parts, strict=False))  # the units it knows, no more
    if precision.is_calendar:
        depth = 4  # not a whole unit in this zone: an instant, at least to the hour
    return dict(zip(_UNITS, parts[:_exact_depth(parts, depth)], strict=False))


def start_date(span: TimeSpan, zone: tzinfo = UTC) -> dict[str, int]:
    return date_object(span.start, span.start_precision, zone)


def end_date(span: TimeSpan, zone: tzinfo = UTC) -> dict[str, int]:
    """The last unit the span includes, for a calendar end on a whole unit of ``zone``;
    else the instant the span stops. An open-ended span has none: ValueError."""
    if span.end is None:
        raise ValueError("an open-ended span has no end date")
    return date_object(span.end, span.end_precision, zone, is_end=True)


def _link(name: str, url: str | None) -> str:
    if url and url.startswith(("https://", "http://")):
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(name)}</a>'
    return html.escape(name)


def slide_text(record: RecordBase) -> str:
    parts = []
    if record.summary:
        parts.append(f"<p>{html.escape(record.summary)}</p>")
    details = kind_details(record)
    if details:
        items = "".join(f"<li>{html.escape(k.replace('_', ' '))}: {html.escape(v)}</li>"
                        for k, v in details)
        parts.append(f"<ul>{items}</ul>")
    if record.sources:
        links = "; ".join(_link(s.name, s.url) for s in record.sources)
        parts.append(f"<p>Sources: {links}</p>")
    return "".join(parts)


def slide(record: RecordBase, zone: tzinfo = UTC) -> dict[str, Any]:
    span = record.span
    out: dict[str, Any] = {"start_date": start_date(span, zone)}
    if span.is_interval and span.end is not None:  # an open window has no end to write
        out["end_date"] = end_date(span, zone)
    out["display_date"] = span_label(span)
    out["text"] = {"headline": html.escape(record.title), "text": slide_text(record)}
    out["group"] = record.kind
    out["unique_id"] = record.id
    return out


def era(pause: Pause, zone: tzinfo = UTC) -> dict[str, Any]:
    span = pause.span
    return {
        "start_date": start_date(span, zone),
        "end_date": end_date(span, zone),
        "text": {"headline": html.escape(f"{pause.title} ({pause.claimed_by})")},
    }


def timeline_document(records: Sequence[RecordBase], zone: tzinfo = UTC) -> dict[str, Any]:
    return {
        "events": [slide(r, zone) for r in records],
        # an era needs an end: a window in force until further notice is its slide alone,
        # whose date says so, rather than an era with an invented end
        "eras": [era(r, zone) for r in records if isinstance(r, Pause) and not r.span.is_open],
    }


class TimelineJsExporter:
    name: ClassVar[str] = "timelinejs"
    summary: ClassVar[str] = "Knight Lab TimelineJS JSON: records as slides, pauses as eras"
    suffix: ClassVar[str] = ".json"

    def __init__(self, zone: tzinfo = UTC):
        self.zone = zone  # the one zone every date is written in

    def zoned(self, zone: tzinfo) -> TimelineJsExporter:
        return TimelineJsExporter(zone)

    def render(self, records: Sequence[RecordBase]) -> str:
        return json_text(timeline_document(records, self.zone), indent=2) + "\n"

