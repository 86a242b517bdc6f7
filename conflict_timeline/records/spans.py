"""Time spans: every record's `when` is a half-open span ``[start, end)`` with a precision.

A record never denotes a bare point: ``2026-01-30T03:15+02:00`` is that minute,
``2026-01-30`` that whole day, ``2026-01`` that month, and ``start/end`` or
``start/duration`` an explicit interval. A value without a UTC offset is read in a named
IANA zone handed in by the caller (the record's ``tz`` or its file's default) — never in
the machine's local zone; without one it is an error.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..patterns import LazyPattern

if TYPE_CHECKING:
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


class TimeSpan(NamedTuple):
    """A half-open span ``[start, end)`` of aware datetimes.

    ``start_precision``/``end_precision`` keep what the writer knew (a month stays a
    month); ``zone`` is the zone the record speaks in, used to display it.
    ``start_ts``/``end_ts`` are POSIX seconds, cheap keys for sorting and sweeping.
    ``start_text``/``end_text`` are ``start.isoformat()`` and ``end.isoformat()``, made
    from the ``start_stamp``/``end_stamp`` the parser leaves (see :func:`span_texts`):
    writing two datetimes was a quarter of the cost of printing a record as JSON. The
    stamps only say how to write the span, so spans are equal whatever their stamps.
    A tuple, because a million of them are made while loading and a tuple is made in one
    step (a frozen dataclass sets its fields one by one).
    """

    start: datetime
    end: datetime
    start_precision: Precision
    end_precision: Precision
    zone: tzinfo
    is_interval: bool
    start_ts: float
    end_ts: float
    # how to write start and end (see span_texts): for a single value, its cached day and
    # time of day (or None); else a Stamp for each
    start_stamp: Any
    end_stamp: Any

    @property
    def start_text(self) -> str:
        return span_texts(self)[0]

    @property
    def end_text(self) -> str:
        return span_texts(self)[1]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TimeSpan):
            return NotImplemented
        return self[:8] == other[:8]

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self[:8])

    @property
    def precision(self) -> Precision:
        return _INTERVAL if self.is_interval else self.start_precision

    def contains(self, other: TimeSpan) -> bool:
        return self.start_ts <= other.start_ts and other.end_ts <= self.end_ts

    def overlaps(self, other: TimeSpan) -> bool:
        return self.start_ts < other.end_ts and other.start_ts < self.end_ts

    def zone_name(self) -> str:
        return zone_label(self.zone)


# The dates a span may touch, in UTC: a day inside datetime's own limits, so a span can be
# shown in any zone (offsets stay within a day) without leaving the calendar.
EARLIEST = datetime(1, 1, 2, tzinfo=timezone.utc)
LATEST = datetime(9999, 12, 31, tzinfo=timezone.utc)
_RANGE_WORDS = "2 Jan 0001 to 30 Dec 9999, UTC"
_EARLIEST_TS, _LATEST_TS = EARLIEST.timestamp(), LATEST.timestamp()


def shown(text: str, limit: int = 80) -> str:
    """``text`` quoted for a message, cut short: input can be a megabyte long."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


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
    except (OverflowError, ValueError):
        start_ts, end_ts = EARLIEST.timestamp() - 1, 0.0
    if start_ts < _EARLIEST_TS or end_ts > _LATEST_TS:
        raise SpanError(f"the span lies outside the supported dates ({_RANGE_WORDS})")
    if end_ts <= start_ts:
        if is_interval:
            raise SpanError(
                f"the interval ends ({end.isoformat()}) no later than it starts "
                f"({start.isoformat()}): is the end before the start?"
            )
        raise SpanError(f"empty span from {start.isoformat()} to {end.isoformat()}")
    return _span((start, end, start_precision, end_precision, zone, is_interval, start_ts, end_ts,
                  start.isoformat(), end.isoformat()))


_span = partial(tuple.__new__, TimeSpan)  # TimeSpan(*fields) without its Python __new__


# ---------------------------------------------------------------------------------------
# zones

# IANA names are ASCII words joined by '/': nothing else reaches the file system lookup
_ZONE_NAME = LazyPattern(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*", re.ASCII)


@lru_cache(maxsize=512)
def zone_from_name(name: str) -> ZoneInfo:
    """An IANA zone by name; SpanError (with a hint) when there is no such zone."""
    try:
        if len(name) > 64 or not _ZONE_NAME.fullmatch(name):
            raise ValueError
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise SpanError(
            f"unknown time zone {shown(name)}: use an IANA name such as 'Europe/Kyiv' or 'UTC'"
        ) from None


@lru_cache(maxsize=512)
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
        raise SpanError(f"UTC offset {shown(text)} is out of range")
    if hours == 0 and minutes == 0:
        return timezone.utc
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


# ---------------------------------------------------------------------------------------
# single values: 2026, 2026-01, 2026-01-30, 2026-01-30T03, …T03:15, …T03:15:07.5, + offset

_VALUE = LazyPattern(
    r"(?P<year>\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{1,2})"
    r"(?::(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?)?"
    r"(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?",
    re.ASCII,  # \d is 0-9 only: no look-alike digits from other scripts
)

_DURATION = LazyPattern(
    r"P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?!$)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?",
    re.ASCII,
)

_FORMS_HINT = (
    "use ISO 8601: 2026-01-30T03:15+02:00, 2026-01-30, 2026-01, "
    "2026-01-29T18:00/2026-01-30T09:00 or 2026-01-29/P7D"
)


class _Value(NamedTuple):
    """One parsed ISO value, its unit resolved to an aware ``[start, end)``."""

    start: datetime
    end: datetime
    precision: Precision
    zone: tzinfo


# The forms most records use: a date, or a date and time to the hour, minute or second, with
# an offset written ±HH:MM or Z, or none; alone, or as ``start/end``, ``start/PT…H`` (``…M``)
# or ``date/P…D``. They are read in one step from a few cached parts (a day in a zone, a time
# of day); anything else, and every error, goes to the general parser below, which words the
# message. The two give the same span (tests/test_fast_paths.py).
_VALUE_FORM = r"(\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2})?)?)?)(Z|[+-]\d{2}:\d{2})?"
_COMMON_VALUE = LazyPattern(_VALUE_FORM, re.ASCII)
_COMMON_WHEN = LazyPattern(
    _VALUE_FORM + r"(?:/(?:" + _VALUE_FORM + r"|PT([1-9]\d{0,3})([HM])|P([1-9]\d{0,3})D))?",
    re.ASCII)
_ONE_DAY = timedelta(days=1)
# a module's name is read faster than an enum's member (on the hot path of reading and
# writing spans)
_DAY, _INTERVAL = Precision.DAY, Precision.INTERVAL
_DAY_SECONDS = 86400.0
# Near the ends of the calendar the general parser words why a value does not fit
_INNER_YEARS = ("0001", "9999")
_CLOCK_SECONDS = {"H": 3600.0, "M": 60.0}


class _Day(NamedTuple):
    """A calendar day in a zone: ``[start, end)`` from its midnight to the next."""

    start: datetime
    end: datetime
    start_ts: float
    end_ts: float
    # one UTC offset all day long: a time of day is then its midnight plus elapsed time
    uniform: bool
    date_text: str  # "2026-01-30T"
    offset_text: str  # how isoformat writes the offset at its start: "+02:00"
    end_text: str  # the next midnight, as isoformat writes it (a date's end)


@lru_cache(maxsize=1 << 15)
def _day(text: str, zone: tzinfo) -> _Day | None:
    """The day ``text`` (YYYY-MM-DD) in ``zone``; None when it is no real day, lies at the
    ends of the calendar, or has no time at all in the zone (a day a zone skipped). Four
    years of records touch some 1,500 days in each zone they are written in."""
    if not _INNER_YEARS[0] < text[:4] < _INNER_YEARS[1]:
        return None
    try:
        naive = datetime.fromisoformat(text)
    except ValueError:
        return None
    following = naive + _ONE_DAY
    start = datetime(naive.year, naive.month, naive.day, tzinfo=zone)
    end = datetime(following.year, following.month, following.day, tzinfo=zone)
    start_ts, end_ts = start.timestamp(), end.timestamp()
    if end_ts <= start_ts:
        return None
    offset = start.utcoffset()
    uniform = end_ts - start_ts == _DAY_SECONDS and offset == end.utcoffset()
    return _Day(start, end, start_ts, end_ts, uniform, text + "T", _offset_text(offset),
                end.isoformat())


@lru_cache(maxsize=256)
def _offset_text(offset: timedelta) -> str:
    """A UTC offset as isoformat writes it: +02:00, -03:30, +00:00; with seconds where a
    zone's old local mean time has them."""
    return datetime(2000, 1, 1, tzinfo=timezone(offset)).isoformat()[19:]


# How a span's start and end are written, kept so that parsing makes no text (commands that
# only check the records never write it) and, in the common cases, no object at all: the
# stamps of a single value are the cached, shared day and time of day (None for a date: the
# day itself). Otherwise each end has its own stamp: isoformat's text, or a day and a time of
# day (HH:MM:SS), or (day, None) for the day's end, the next midnight.
Stamp = str | tuple["_Day", str | None]
_MIDNIGHT = "00:00:00"


def span_texts(span: TimeSpan) -> tuple[str, str]:
    """``(span.start.isoformat(), span.end.isoformat())``, from the span's stamps."""
    day, clock = span.start_stamp, span.end_stamp
    if type(day) is _Day:
        if clock is None:
            return _on_day(day, _MIDNIGHT), day.end_text
        return _on_day(day, clock.text), _on_day(day, clock.end_text)
    return _stamp_text(day), _stamp_text(clock)


def _stamp_text(stamp: Stamp) -> str:
    if type(stamp) is str:
        return stamp
    day, clock = stamp
    return day.end_text if clock is None else _on_day(day, clock)


def _on_day(day: _Day, clock: str) -> str:
    """A time of day (HH:MM:SS) on a day with one offset, as isoformat writes it."""
    return f"{day.date_text}{clock}{day.offset_text}"


class _Clock(NamedTuple):
    """A time of day written HH, HH:MM or HH:MM:SS: its precision and unit."""

    since_midnight: timedelta
    seconds: float
    precision: Precision
    step: timedelta
    step_seconds: float
    text: str  # as isoformat writes it: HH:MM:SS
    end_text: str  # the same one unit later, on the same day; "" at the day's last unit


_CLOCK_PRECISIONS = {2: Precision.HOUR, 5: Precision.MINUTE, 8: Precision.SECOND}
_STEP_SECONDS = {Precision.HOUR: 3600.0, Precision.MINUTE: 60.0, Precision.SECOND: 1.0}


@lru_cache(maxsize=1 << 17)  # every second of a day fits (88,000 entries, some 30 MB at most)
def _clock(text: str) -> _Clock | None:
    """None for a time that is not on the clock (25:00, 10:60, a leap second)."""
    hour, minute, second = int(text[:2]), int(text[3:5] or 0), int(text[6:8] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    precision = _CLOCK_PRECISIONS[len(text)]
    seconds = hour * 3600 + minute * 60 + second
    step = _STEP_SECONDS[precision]
    following = seconds + int(step)
    minutes, second = divmod(following, 60)
    end_text = "%02d:%02d:%02d" % (*divmod(minutes, 60), second) if following < 86400 else ""
    return _Clock(timedelta(seconds=seconds), float(seconds), precision,
                  timedelta(seconds=step), step, (text + ":00:00")[:8], end_text)


# (start, end, precision, the value's own zone, start_ts, end_ts, and the stamps of a single
# value: its day and time of day, or its day and None, or isoformat's two texts)
_CommonValue = tuple[datetime, datetime, Precision, tzinfo, float, float, Any, Any]


def _start_stamp(value: _CommonValue) -> Stamp:
    """The stamp of a value's start, standing alone (for one end of an interval)."""
    day, clock = value[6], value[7]
    if type(day) is not _Day:
        return day
    return day, (_MIDNIGHT if clock is None else clock.text)


def _end_stamp(value: _CommonValue) -> Stamp:
    """The stamp of a date's end (the next midnight), standing alone."""
    day = value[6]
    return (day, None) if type(day) is _Day else value[7]


def _common_value(local: str, offset: str | None, zone: tzinfo | None) -> _CommonValue | None:
    """A single value in a common form (``local`` without its offset); None for the general
    parser to read, or to word the error."""
    try:
        own = _fixed_offset(offset) if offset else zone
    except SpanError:
        return None
    if own is None:
        return None
    day = _day(local[:10], own)
    if day is None:
        return None
    # unpacked, not read by name: Python 3.11 reads a named tuple's field by name at several
    # times the cost, and a record's `when` is read here (a fifth of validating it)
    midnight, next_midnight, midnight_ts, next_midnight_ts, uniform, _, _, _ = day
    if len(local) == 10:
        return midnight, next_midnight, _DAY, own, midnight_ts, next_midnight_ts, day, None
    clock = _clock(local[11:])
    if clock is None:
        return None
    since_midnight, seconds, precision, step, step_seconds, _, _ = clock
    # the value's wall time, as written (in a gap or a repeated hour too: fold 0)
    start = midnight + since_midnight
    if uniform and seconds + step_seconds < _DAY_SECONDS:
        start_ts = midnight_ts + seconds
        return start, start + step, precision, own, start_ts, start_ts + step_seconds, day, clock
    # the offset changes this day (or at its end): the unit is elapsed time from the start
    start_ts = start.timestamp()
    end_ts = start_ts + step_seconds
    end = start + step if type(own) is timezone else datetime.fromtimestamp(end_ts, own)
    return start, end, precision, own, start_ts, end_ts, start.isoformat(), end.isoformat()


def _common_span(match: re.Match, zone: tzinfo | None) -> TimeSpan | None:
    """The span of a ``when`` in a common form (see :data:`_COMMON_WHEN`); None for the
    general parser."""
    local, offset, end_local, end_offset, clock_count, clock_unit, days = match.groups()
    start = _common_value(local, offset, zone)
    if start is None:
        return None
    if end_local is not None:
        return _common_interval(start, end_local, end_offset, zone)
    if clock_count is not None:
        return _common_clock_interval(start, int(clock_count) * _CLOCK_SECONDS[clock_unit], zone)
    if days is not None:
        return _common_days(start, int(days), zone)
    start_moment, end, precision, own, start_ts, end_ts, start_stamp, end_stamp = start
    return _span((start_moment, end, precision, precision, zone or own, False, start_ts, end_ts,
                  start_stamp, end_stamp))


def _common_interval(start: _CommonValue, end_local: str, end_offset: str | None,
                     zone: tzinfo | None) -> TimeSpan | None:
    end = _common_value(end_local, end_offset, zone or start[3])  # no offset: the start's
    if end is None:
        return None
    if end[2] is _DAY:  # a date includes that whole day; a time is the instant
        end_moment, end_ts, end_stamp = end[1], end[5], _end_stamp(end)
    else:
        end_moment, end_ts, end_stamp = end[0], end[4], _start_stamp(end)
    if end_ts <= start[4]:
        return None
    return _span((start[0], end_moment, start[2], end[2], zone or start[3], True, start[4], end_ts,
                  _start_stamp(start), end_stamp))


def _common_clock_interval(value: _CommonValue, seconds: float, zone: tzinfo | None,
                           ) -> TimeSpan | None:
    """A start and some hours or minutes (how reports write "overnight" or "for six
    hours"): elapsed time, whatever a DST change does to the clock (as :func:`_shift` adds
    it), the start shown in the record's zone."""
    start, _, precision, own, start_ts, *_ = value
    start_stamp = _start_stamp(value)
    end_ts = start_ts + seconds
    if end_ts > _LATEST_TS:
        return None
    shown_in = zone or own
    if start.tzinfo is not shown_in:
        start = start.astimezone(shown_in)
        start_stamp = start.isoformat()
    end = datetime.fromtimestamp(end_ts, shown_in)
    return _span((start, end, precision, precision, shown_in, True, start_ts, end_ts,
                  start_stamp, end.isoformat()))


def _common_days(value: _CommonValue, days: int, zone: tzinfo | None) -> TimeSpan | None:
    """A date and some calendar days (``2026-01-29/P7D``): midnight to the midnight that
    many days on, in the date's own zone, when that midnight is on the clock."""
    start, _, precision, own, start_ts, *_ = value
    if precision is not Precision.DAY or (zone is not None and own is not zone):
        return None  # a time, or a date with an offset read in another zone
    try:
        following = date.fromordinal(start.toordinal() + days)
    except (ValueError, OverflowError):
        return None
    last = _day(following.isoformat(), own)
    if last is None or not last.uniform:
        return None
    return _span((start, last.start, precision, precision, own, True, start_ts, last.start_ts,
                  _start_stamp(value), (last, _MIDNIGHT)))


def _parse_value(text: str, zone: tzinfo | None, what: str) -> _Value:
    match = _COMMON_VALUE.fullmatch(text)
    value = None if match is None else _common_value(*match.groups(), zone)
    if value is not None:
        return _Value(value[0], value[1], value[2], value[3])
    return _parse_any_value(text, zone, what)


def _parse_any_value(text: str, zone: tzinfo | None, what: str) -> _Value:
    match = _VALUE.fullmatch(text)
    if match is None:
        raise SpanError(f"cannot read {what} {shown(text)}: {_FORMS_HINT}")
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
            f"{what} {shown(text)} has no UTC offset and no time zone applies: give the offset "
            "(e.g. 2026-01-30T03:15+02:00), or set 'tz' on the record or the file "
            "(e.g. \"tz\": \"Europe/Kyiv\")"
        )
    try:
        naive = datetime(year, month, day, hour, minute, second, micro)
    except ValueError as exc:
        raise SpanError(f"{what} {shown(text)} is not a real date or time: {exc}") from None
    try:
        if precision is Precision.YEAR:
            naive_end = naive.replace(year=naive.year + 1)
        elif precision is Precision.MONTH:
            naive_end = (naive.replace(month=naive.month + 1) if naive.month < 12
                         else naive.replace(year=naive.year + 1, month=1))
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
    except (ValueError, OverflowError):
        raise SpanError(
            f"{what} {shown(text)} lies outside the supported dates ({_RANGE_WORDS})") from None
    return _Value(start, end, precision, zone)


def _add_elapsed(moment: datetime, delta: timedelta) -> datetime:
    utc = moment.astimezone(timezone.utc) + delta
    return utc.astimezone(moment.tzinfo)


def _duration_parts(text: str, what: str) -> tuple[timedelta | relativedelta, timedelta]:
    parts = _cached_duration_parts(text)
    if parts is None:
        raise SpanError(
            f"cannot read the duration {shown(text)} in {what}: use ISO 8601 such as P7D, PT6H, P1M"
        )
    return parts


@lru_cache(maxsize=1024)
def _cached_duration_parts(text: str) -> tuple[timedelta | relativedelta, timedelta] | None:
    match = _DURATION.fullmatch(text)
    if match is None:
        return None
    g = {k: v for k, v in match.groupdict().items() if v}
    calendar = timedelta(weeks=int(g.get("weeks", 0)), days=int(g.get("days", 0)))
    if "years" in g or "months" in g:
        # only years and months need dateutil (a month is not a fixed number of days);
        # importing it costs every command that reads no such duration 6 million instructions
        from dateutil.relativedelta import relativedelta

        calendar = relativedelta(years=int(g.get("years", 0)), months=int(g.get("months", 0))) + calendar
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
        if calendar:
            wall = (moment.replace(tzinfo=None) + calendar).replace(tzinfo=moment.tzinfo)
        else:  # the instant itself: in a repeated hour, its fold says which of the two
            wall = moment
        return _add_elapsed(wall, elapsed)
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, SpanError):
            raise
        raise SpanError(
            f"{what}: the duration {shown(text)} leaves the supported dates ({_RANGE_WORDS})"
        ) from None


# ---------------------------------------------------------------------------------------
# the public parser


def parse_span(text: str, zone: tzinfo | None = None, what: str = "when") -> TimeSpan:
    """Parse a `when` value into a TimeSpan.

    ``zone`` is the zone for values written without an offset (the record's ``tz`` or the
    file's default), and the zone the span is displayed in; without it, the value's own
    offset is. A duration after a start is added in wall-clock time of that zone. In an
    interval a date-like start means the start of that unit and a date-like end includes that whole unit (``2023-01-06/2023-01-07`` is two days); a
    time-of-day end is the instant it names.
    """
    if not isinstance(text, str):
        raise SpanError(f"{what} must be ISO 8601 text, not {type(text).__name__}")
    match = _COMMON_WHEN.fullmatch(text)
    if match is not None:
        span = _common_span(match, zone)
        if span is not None:
            return span
    text = text.strip()
    if "/" not in text:
        value = _parse_value(text, zone, what)
        return make_span(value.start, value.end, value.precision, value.precision,
                         zone or value.zone, False)
    left, sep, right = text.partition("/")
    if "/" in right or not left or not right:
        raise SpanError(f"cannot read the interval {shown(text)} in {what}: {_FORMS_HINT}")
    if left.startswith("P"):
        end_value = _parse_value(right, zone, f"the end of {what}")
        end = _interval_end(end_value)
        start = _shift(end, left, what, -1)
        return make_span(start, end, end_value.precision, end_value.precision,
                         zone or end_value.zone, True)
    start_value = _parse_value(left, zone, f"the start of {what}")
    if right.startswith("P"):
        start = start_value.start if zone is None else _in_zone(start_value.start, zone)
        end = _shift(start, right, what, +1)
        return make_span(start, end, start_value.precision, start_value.precision,
                         zone or start_value.zone, True)
    # an end without offset or zone takes the start's offset, as ISO 8601 intervals do
    end_value = _parse_value(right, zone or start_value.zone, f"the end of {what}")
    return make_span(start_value.start, _interval_end(end_value), start_value.precision,
                     end_value.precision, zone or start_value.zone, True)


def _in_zone(moment: datetime, zone: tzinfo) -> datetime:
    try:
        return moment.astimezone(zone)
    except OverflowError:
        raise SpanError(f"the span lies outside the supported dates ({_RANGE_WORDS})") from None


def _interval_end(value: _Value) -> datetime:
    return value.end if value.precision.is_calendar else value.start
