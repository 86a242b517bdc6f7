"""Knight Lab TimelineJS JSON: every record a slide, every pause reading also an era.

Date objects carry only the units the record knows (a month-precision record gives year and
month, no day), in the record's own zone; the slide's ``display_date`` names the span as
`timeline show` does. TimelineJS renders headlines and text as HTML, so record text is
escaped and only http(s) addresses become links."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, ClassVar

from ...records import Pause, Precision, RecordBase, TimeSpan
from ..labels import span_label
from ..machine import json_text
from .flat import kind_details

_UNITS = ("year", "month", "day", "hour", "minute", "second")
_DEPTH = {Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3, Precision.HOUR: 4,
          Precision.MINUTE: 5, Precision.SECOND: 6}


def date_object(moment: datetime, precision: Precision) -> dict[str, int]:
    """A TimelineJS date with the units ``precision`` knows and no more."""
    values = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return dict(zip(_UNITS[:_DEPTH[precision]], values))


def start_date(span: TimeSpan) -> dict[str, int]:
    return date_object(span.start.astimezone(span.zone), span.start_precision)


def end_date(span: TimeSpan) -> dict[str, int]:
    """The last unit the span includes: a calendar end (``…/2026-01-30``) names its last
    day, month or year (the one holding the span's final instant); a time end names the
    instant the span stops."""
    end = span.end.astimezone(span.zone)
    if span.end_precision.is_calendar:
        last = end.replace(tzinfo=None) - timedelta(microseconds=1)
        return date_object(last, span.end_precision)
    return date_object(end, span.end_precision)


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


def slide(record: RecordBase) -> dict[str, Any]:
    span = record.span
    out: dict[str, Any] = {"start_date": start_date(span)}
    if span.is_interval:
        out["end_date"] = end_date(span)
    out["display_date"] = span_label(span)
    out["text"] = {"headline": html.escape(record.title), "text": slide_text(record)}
    out["group"] = record.kind  # type: ignore[attr-defined]
    out["unique_id"] = record.id
    return out


def era(pause: Pause) -> dict[str, Any]:
    span = pause.span
    return {
        "start_date": start_date(span),
        "end_date": end_date(span),
        "text": {"headline": html.escape(f"{pause.title} ({pause.claimed_by})")},
    }


def timeline_document(records: Sequence[RecordBase]) -> dict[str, Any]:
    return {
        "events": [slide(r) for r in records],
        "eras": [era(r) for r in records if isinstance(r, Pause)],
    }


class TimelineJsExporter:
    name: ClassVar[str] = "timelinejs"
    summary: ClassVar[str] = "Knight Lab TimelineJS JSON: records as slides, pauses as eras"
    suffix: ClassVar[str] = ".json"

    def render(self, records: Sequence[RecordBase]) -> str:
        return json_text(timeline_document(records), indent=2) + "\n"

