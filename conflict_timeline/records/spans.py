"""Time spans: every record's `when` is a half-open span ``[start, end)`` with a precision.

A record never denotes a bare point: ``2026-01-30T03:15+02:00`` is that minute,
``2026-01-30`` that whole day, ``2026-01`` that month, and ``start/end`` or
``start/duration`` an explicit interval. A value without a UTC offset is read in a named
IANA zone handed in by the caller (the record's ``tz`` or its file's default) — never in
the machine's local zone; without one it is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta


class SpanError(ValueError):
    """A `when` value that cannot denote a span; the message says why and how to fix it."""


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    HOUR = "hour"
    MINUTE = "minute"
    SECOND = "second"
    INTERVAL = "interval"

    @property
    def is_calendar(self) -> bool:
        """Dates (year, month, day) name a whole calendar unit; times name an instant's unit."""
        return self in (Precision.YEAR, Precision.MONTH, Precision.DAY)


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A half-open span ``[start, end)`` of aware datetimes.

    ``start_precision``/``end_precision`` keep what the writer knew (a month stays a
    month); ``zone`` is the zone the record speaks in, used to display it.
    ``start_ts``/``end_ts`` are POSIX seconds, cheap keys for sorting and sweeping.
    """

    start: datetime
    end: datetime
    start_precision: Precision
    end_precision: Precision
    zone: tzinfo
    is_interval: bool
    start_ts: float
    end_ts: float

    @property
    def precision(self) -> Precision:
        return Precision.INTERVAL if self.is_interval else self.start_precision

    def contains(self, other: TimeSpan) -> bool:
        return self.start_ts <= other.start_ts and other.end_ts <= self.end_ts

    def overlaps(self, other: TimeSpan) -> bool:
        return self.start_ts < other.end_ts and other.start_ts < self.end_ts

    def zone_name(self) -> str:
        return zone_label(self.zone)


def make_span(
    start: datetime,
    end: datetime,
    start_precision: Precision,
    end_precision: Precision,
    zone: tzinfo,
    is_interval: bool,
) -> TimeSpan:
    try:
        start_ts, end_ts = start.timestamp(), end.timestamp()
    except (OverflowError, ValueError) as exc:
        raise SpanError(f"the span lies outside the supported range of dates ({exc})") from None
    if end_ts <= start_ts:
        if is_interval:
            raise SpanError(
                f"the interval ends ({end.isoformat()}) no later than it starts "
                f"({start.isoformat()}): is the end before the start?"
            )
        raise SpanError(f"empty span from {start.isoformat()} to {end.isoformat()}")
    return TimeSpan(start, end, start_precision, end_precision, zone, is_interval, start_ts, end_ts)


# ---------------------------------------------------------------------------------------
# zones

@lru_cache(maxsize=512)
def zone_from_name(name: str) -> ZoneInfo:
    """An IANA zone by name; SpanError (with a hint) when there is no such zone."""
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise SpanError(
            f"unknown time zone {name!r}: use an IANA name such as 'Europe/Kyiv' or 'UTC'"
        ) from None


def zone_label(zone: tzinfo) -> str:
    """IANA name for a ZoneInfo, ``+02:00`` style for a fixed offset."""
    key = getattr(zone, "key", None)
    if key:
        return key
    offset = zone.utcoffset(None)
    if offset is None or offset == timedelta(0):
        return "UTC"
    return _format_offset(offset)


def _format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


@lru_cache(maxsize=256)
def _fixed_offset(text: str) -> timezone:
    if text in ("Z", "z"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise SpanError(f"UTC offset {text!r} is out of range")
    if hours == 0 and minutes == 0:
        return timezone.utc
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


# ---------------------------------------------------------------------------------------
# single values: 2026, 2026-01, 2026-01-30, 2026-01-30T03, …T03:15, …T03:15:07.5, + offset

_VALUE = re.compile(
    r"(?P<year>\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{1,2})"
    r"(?::(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?)?"
    r"(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
)

_DURATION = re.compile(
    r"P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?!$)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?"
)

_FORMS_HINT = (
    "use ISO 8601: 2026-01-30T03:15+02:00, 2026-01-30, 2026-01, "
    "2026-01-29T18:00/2026-01-30T09:00 or 2026-01-29/P7D"
)


@dataclass(frozen=True, slots=True)
class _Value:
    """One parsed ISO value, its unit resolved to an aware ``[start, end)``."""

    start: datetime
    end: datetime
    precision: Precision
    zone: tzinfo


def _parse_value(text: str, zone: tzinfo | None, what: str) -> _Value:
    match = _VALUE.fullmatch(text)
    if match is None:
        raise SpanError(f"cannot read {what} {text!r}: {_FORMS_HINT}")
    g = match.groupdict()
    year = int(g["year"])
    month = int(g["month"] or 1)
    day = int(g["day"] or 1)
    hour = int(g["hour"] or 0)
    minute = int(g["minute"] or 0)
    second = int(g["second"] or 0)
    fraction = g["fraction"]
    micro = int((fraction + "000000")[:6]) if fraction else 0
    if g["second"] is not None:
        precision = Precision.SECOND
    elif g["minute"] is not None:
        precision = Precision.MINUTE
    elif g["hour"] is not None:
        precision = Precision.HOUR
    elif g["day"] is not None:
        precision = Precision.DAY
    elif g["month"] is not None:
        precision = Precision.MONTH
    else:
        precision = Precision.YEAR
    if g["offset"]:
        zone = _fixed_offset(g["offset"])
    elif zone is None:
        raise SpanError(
            f"{what} {text!r} has no UTC offset and no time zone applies: give the offset "
            "(e.g. 2026-01-30T03:15+02:00), or set 'tz' on the record or the file "
            "(e.g. \"tz\": \"Europe/Kyiv\")"
        )
    try:
        naive = datetime(year, month, day, hour, minute, second, micro)
        if precision is Precision.YEAR:
            naive_end = naive + relativedelta(years=1)
        elif precision is Precision.MONTH:
            naive_end = naive + relativedelta(months=1)
        elif precision is Precision.DAY:
            naive_end = naive + timedelta(days=1)
        else:
            naive_end = None
        start = naive.replace(tzinfo=zone)
        if naive_end is not None:
            end = naive_end.replace(tzinfo=zone)
        else:  # sub-day units are elapsed time, whatever a DST change does to the clock
            step = {Precision.HOUR: timedelta(hours=1), Precision.MINUTE: timedelta(minutes=1)}
            end = _add_elapsed(start, step.get(precision, timedelta(seconds=1)))
    except (ValueError, OverflowError) as exc:
        raise SpanError(f"{what} {text!r} is not a real date or time: {exc}") from None
    return _Value(start, end, precision, zone)


def _add_elapsed(moment: datetime, delta: timedelta) -> datetime:
    utc = moment.astimezone(timezone.utc) + delta
    return utc.astimezone(moment.tzinfo)


def _duration_parts(text: str, what: str) -> tuple[relativedelta, timedelta]:
    match = _DURATION.fullmatch(text)
    if match is None:
        raise SpanError(
            f"cannot read the duration {text!r} in {what}: use ISO 8601 such as P7D, PT6H, P1M"
        )
    g = {k: v for k, v in match.groupdict().items() if v}
    calendar = relativedelta(
        years=int(g.get("years", 0)),
        months=int(g.get("months", 0)),
        weeks=int(g.get("weeks", 0)),
        days=int(g.get("days", 0)),
    )
    elapsed = timedelta(
        hours=int(g.get("hours", 0)),
        minutes=int(g.get("minutes", 0)),
        seconds=float(g.get("seconds", "0").replace(",", ".")),
    )
    return calendar, elapsed


def _shift(moment: datetime, text: str, what: str, sign: int) -> datetime:
    """Calendar units move in wall-clock time of the zone (P7D = seven calendar days);
    clock units (H, M, S) as elapsed time."""
    try:
        calendar, elapsed = _duration_parts(text, what)
        if sign < 0:
            shifted = _add_elapsed(moment, -elapsed)
            return (shifted.replace(tzinfo=None) - calendar).replace(tzinfo=moment.tzinfo)
        wall = (moment.replace(tzinfo=None) + calendar).replace(tzinfo=moment.tzinfo)
        return _add_elapsed(wall, elapsed)
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, SpanError):
            raise
        raise SpanError(f"{what}: the duration {text} leaves the supported dates ({exc})") from None


# ---------------------------------------------------------------------------------------
# the public parser


def parse_span(text: str, zone: tzinfo | None = None, what: str = "when") -> TimeSpan:
    """Parse a `when` value into a TimeSpan.

    ``zone`` is the zone for values written without an offset (the record's ``tz`` or the
    file's default), and the zone the span is displayed in; without it, the value's own
    offset is. A duration after a start is added in wall-clock time of that zone. In an interval a date-like start means the start of that unit and a
    date-like end includes that whole unit (``2023-01-06/2023-01-07`` is two days); a
    time-of-day end is the instant it names.
    """
    if not isinstance(text, str):
        raise SpanError(f"{what} must be ISO 8601 text, not {type(text).__name__}")
    text = text.strip()
    if "/" not in text:
        value = _parse_value(text, zone, what)
        return make_span(value.start, value.end, value.precision, value.precision,
                         zone or value.zone, False)
    left, sep, right = text.partition("/")
    if "/" in right or not left or not right:
        raise SpanError(f"cannot read the interval {text!r} in {what}: {_FORMS_HINT}")
    if left.startswith("P"):
        end_value = _parse_value(right, zone, f"the end of {what}")
        end = _interval_end(end_value)
        start = _shift(end, left, what, -1)
        return make_span(start, end, end_value.precision, end_value.precision,
                         zone or end_value.zone, True)
    start_value = _parse_value(left, zone, f"the start of {what}")
    if right.startswith("P"):
        start = start_value.start if zone is None else start_value.start.astimezone(zone)
        end = _shift(start, right, what, +1)
        return make_span(start, end, start_value.precision, start_value.precision,
                         zone or start_value.zone, True)
    # an end without offset or zone takes the start's offset, as ISO 8601 intervals do
    end_value = _parse_value(right, zone or start_value.zone, f"the end of {what}")
    return make_span(start_value.start, _interval_end(end_value), start_value.precision,
                     end_value.precision, zone or start_value.zone, True)


def _interval_end(value: _Value) -> datetime:
    return value.end if value.precision.is_calendar else value.start
