"""Human labels for spans that keep their precision visible: an exact minute, a whole day,
"night of 29–30 Jan 2026", "Jan 2026"."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from ..records import Precision, TimeSpan, zone_label


def day_of(span: TimeSpan, zone: tzinfo | None = None) -> datetime:
    """The start, in the display zone (default: the record's own)."""
    return span.start.astimezone(zone or span.zone)


def group_label(span: TimeSpan, zone: tzinfo | None = None) -> str:
    """The heading a record is shown under, at the precision it has: a year ("2026"), a
    month ("January 2026"), a day named in the record's own zone (a whole day in Kyiv is
    that day, whatever ``zone``), else the day its start falls on in ``zone``."""
    own_start = span.start.astimezone(span.zone)
    precision = span.start_precision
    if precision is Precision.YEAR:
        return f"{own_start:%Y}"
    if precision is Precision.MONTH:
        return f"{own_start:%B %Y}"
    if precision is Precision.DAY:
        return _long_day(own_start)
    return _long_day(day_of(span, zone))


def _long_day(moment: datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def span_label(span: TimeSpan, zone: tzinfo | None = None) -> str:
    """The span as a person reads it, in ``zone`` (default: the record's own zone).

    Calendar precisions (a day, a month) are named in the record's own zone, where they
    mean what the writer meant; shown in another zone they would turn into odd hours.
    """
    if span.end is None:
        return open_label(span, zone)
    own = zone is None or _same_zone(span, zone)
    shown = span.zone if own else zone
    start, end = span.start.astimezone(shown), span.end.astimezone(shown)
    suffix = f" {_zone_tag(start, shown)}"
    if not span.is_interval:
        p = span.precision
        if p.is_calendar:
            unit = {Precision.YEAR: f"{span.start:%Y} (year",
                    Precision.MONTH: f"{span.start:%b %Y} (month",
                    Precision.DAY: f"{_day(span.start)} (whole day"}[p]
            return f"{unit}, {span.zone_name()})"
        fmt = {Precision.HOUR: "%H:00 (hour)", Precision.MINUTE: "%H:%M",
               Precision.SECOND: "%H:%M:%S"}[p]
        return f"{_day(start)} {start.strftime(fmt)}{suffix}"
    if span.start_precision.is_calendar and span.end_precision.is_calendar:
        last = span.end - timedelta(days=1)
        return f"{_day(span.start)} – {_day(last)} ({span.zone_name()})"
    # across a clock change each end is tagged with its own offset's name (EEST, then EET)
    end_tag = _zone_tag(end, shown)
    start_tag = "" if end_tag == suffix[1:] else f" {_zone_tag(start, shown)}"
    suffix = f" {end_tag}"
    if end.date() - start.date() == timedelta(days=1) and start.hour >= 17 and end.hour <= 10:
        return (f"night of {start.day}–{_day(end)}, "
                f"{start:%H:%M}{start_tag}–{end:%H:%M}{suffix}")
    if start.date() == end.date():
        return f"{_day(start)} {start:%H:%M}{start_tag}–{end:%H:%M}{suffix}"
    return f"{_day(start)} {start:%H:%M}{start_tag} → {_day(end)} {end:%H:%M}{suffix}"


def open_label(span: TimeSpan, zone: tzinfo | None = None) -> str:
    """An open window (START/..): "from 10 Oct 2025 12:00 EEST, until further notice"."""
    shown = zone or span.zone
    start = span.start.astimezone(shown)
    if span.start_precision.is_calendar:
        return f"from {_day(span.start)} ({span.zone_name()}), until further notice"
    return f"from {_day(start)} {start:%H:%M} {_zone_tag(start, shown)}, until further notice"


def iso_range(span: TimeSpan, zone: tzinfo | None = None) -> str:
    shown = zone or span.zone
    start = span.start.astimezone(shown).isoformat(timespec="minutes")
    if span.end is None:
        return f"[{start}, ..)"
    end = span.end.astimezone(shown).isoformat(timespec="minutes")
    return f"[{start}, {end})"


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


def _zone_tag(moment: datetime, zone: tzinfo) -> str:
    name = zone_label(zone)
    abbreviation = moment.tzname()
    if abbreviation and abbreviation != name and not abbreviation.startswith(("+", "-")):
        return f"{abbreviation}"
    return name


def _same_zone(span: TimeSpan, zone: tzinfo) -> bool:
    return zone_label(zone) == span.zone_name() or (
        span.start.utcoffset() == span.start.astimezone(zone).utcoffset()
        and span.end.utcoffset() == span.end.astimezone(zone).utcoffset()
    )
