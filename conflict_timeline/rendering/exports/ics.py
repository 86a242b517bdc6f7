"""An RFC 5545 calendar: one event per record, built with the maintained ``icalendar``
library (escaping, line folding and value types are its job, not hand-written here).

A span known only to the day, month or year is an all-day event over those dates in the
record's own zone (DTEND is exclusive, as the span's end is); a span with a time of day is a
timed event in UTC, which every calendar program shows in its user's zone.

A pause that repeats is one event for its first occurrence with the pause's RRULE, its start
in the record's IANA zone (TZID), so calendars repeat it at the same local time across a
daylight-saving change as the check does. An open window (START/..) has no end to give: the
event has DTSTART only (RFC 5545 then reads it as lasting no time, or the start's day for a
date) and says "until further notice" in its summary and description — no end is invented."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar

from ...errors import UsageError
from ...records import RecordBase, TimeSpan
from ..safe import UNSAFE_CHARACTERS, clean_text
from .flat import kind_details

PRODID = "-//conflict-timeline//timeline export//EN"
UID_DOMAIN = "conflict-timeline"


def is_all_day(span: TimeSpan) -> bool:
    return span.start_precision.is_calendar and span.end_precision.is_calendar


def description(record: RecordBase) -> str:
    lines = [record.summary] if record.summary else []
    lines += [f"{k.replace('_', ' ')}: {v}" for k, v in kind_details(record)]
    lines += [f"Source: {s.name}" + (f" <{s.url}>" if s.url else "") for s in record.sources]
    return "\n".join(lines)


def _location(record: RecordBase) -> str | None:
    loc = record.location
    if loc is None:
        return None
    return ", ".join(p for p in (loc.place, loc.region, loc.country) if p) or None


def calendar_event(record: RecordBase, stamp: datetime, event_class: Any) -> Any:
    span = record.span
    event = event_class()
    event.add("uid", f"{clean_text(record.id)}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    repeat = getattr(record, "repeat", None)
    if span.end is None:  # open: a start, no invented end
        if span.start_precision.is_calendar:
            event.add("dtstart", span.start.astimezone(span.zone).date())
        else:
            event.add("dtstart", span.start.astimezone(UTC))
    elif repeat:
        from icalendar import vRecur
        body = repeat.strip()
        body = body[6:] if body[:6].upper() == "RRULE:" else body
        event.add("dtstart", span.start.astimezone(span.zone))
        event.add("dtend", span.end.astimezone(span.zone))
        event.add("rrule", vRecur.from_ical(body))
    elif is_all_day(span):
        event.add("dtstart", span.start.astimezone(span.zone).date())
        event.add("dtend", span.end.astimezone(span.zone).date())
    else:
        event.add("dtstart", span.start.astimezone(UTC))
        event.add("dtend", span.end.astimezone(UTC))
    # RFC 5545 text allows no control characters but tab and line break: shown escaped
    title = record.title + (" (until further notice)" if span.end is None else "")
    event.add("summary", clean_text(title, single_line=False))
    text = description(record)
    if span.end is None:
        text = ("Open window: in force from its start until further notice (no end was "
                "announced; none is given here).\n" + text).rstrip("\n")
    if text:
        event.add("description", clean_text(text, single_line=False))
    event.add("categories", [record.kind])
    where = _location(record)
    if where:
        event.add("location", clean_text(where, single_line=False))
    if record.location and record.location.lat is not None and record.location.lon is not None:
        event.add("geo", (record.location.lat, record.location.lon))
    url = next((s.url for s in record.sources if s.url and s.url.startswith(("https://", "http://"))
                and not UNSAFE_CHARACTERS.search(s.url)), None)
    if url:
        event.add("url", url)
    return event


class IcsExporter:
    name: ClassVar[str] = "ics"
    summary: ClassVar[str] = "an RFC 5545 calendar (.ics), one event per record"
    suffix: ClassVar[str] = ".ics"

    def __init__(self, stamp: datetime | None = None):
        self.stamp = stamp  # DTSTAMP; default: the time of the export

    def render(self, records: Sequence[RecordBase]) -> str:
        try:
            from icalendar import Calendar, Event
        except ImportError:
            raise UsageError("the ics format needs the icalendar package: "
                             "pip install 'conflict-timeline[ics]'") from None
        stamp = self.stamp or datetime.now(UTC)
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        zones = {r.span.zone for r in records if getattr(r, "repeat", None)}
        for zone in sorted(zones, key=str):  # a repeat's TZID needs its VTIMEZONE
            from icalendar import Timezone
            calendar.add_component(Timezone.from_tzinfo(zone))
        for record in records:
            calendar.add_component(calendar_event(record, stamp, Event))
        return calendar.to_ical().decode("utf-8")
