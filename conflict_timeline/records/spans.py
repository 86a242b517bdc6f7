"""Time spans: every record's `when` is a half-open span ``[start, end)`` with a precision.

A record never denotes a bare point: ``2026-01-30T03:15+02:00`` is that minute,
``2026-01-30`` that whole day, ``2026-01`` that month, and ``start/end`` or
``start/duration`` an explicit interval. A value without a UTC offset is read in a named
IANA zone handed in by the caller (the record's ``tz`` or its file's default) — never in
the machine's local zone; without one it is an error. A wall time that a zone skips or
repeats (a daylight-saving change) is refused unless an offset says which instant is meant.

A pause's window may be open-ended (``START/..``): it is in force until a later amendment
ends it, and its span has no end (``end`` is None and ``end_ts`` is infinite).
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta


class SpanError(ValueError):
    """A `when` value that cannot denote a span; the message says why and how to fix it."""


class WallTimeError(SpanError):
    """A wall time without offset that its zone skips or shows twice.

    ``candidates`` are the two instants it could mean, earliest first; ``widened`` is an
    interval, written with offsets, that covers both readings (for importers, whose source
    tables carry no offsets and whose rows are kept rather than refused).
    """

    def __init__(self, message: str, candidates: tuple[datetime, datetime], widened: str):
        super().__init__(message)
        self.candidates = candidates
        self.widened = widened


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
    ``start_ts``/``end_ts`` are POSIX seconds, the keys for sorting and sweeping. An
    open-ended span has ``end`` None and ``end_ts`` infinite.
    """

    start: datetime
    end: datetime | None
    start_precision: Precision
    end_precision: Precision
    zone: tzinfo
    is_interval: bool
    start_ts: float
    end_ts: float

    @property
    def is_open(self) -> bool:
        return self.end is None

    @property
    def start_text(self) -> str:
        return self.start.isoformat()

    @property
    def end_text(self) -> str | None:
        return None if self.end is None else self.end.isoformat()

    @property
    def precision(self) -> Precision:
        """How precisely the span is known: its unit for a single value, ``interval`` for
        ``start/end``; an open-ended span is known only by its start, so its start's."""
        if self.is_interval and self.end is not None:
            return Precision.INTERVAL
        return self.start_precision

    def contains(self, other: TimeSpan) -> bool:
        return self.start_ts <= other.start_ts and other.end_ts <= self.end_ts

    def overlaps(self, other: TimeSpan) -> bool:
        return self.start_ts < other.end_ts and other.start_ts < self.end_ts

    def zone_name(self) -> str:
        return zone_label(self.zone)


# The dates a span may touch, in UTC: a day inside datetime's own limits, so a span can be
# shown in any zone (offsets stay within a day) without leaving the calendar.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 31, tzinfo=UTC)
_RANGE_WORDS = "2 Jan 0001 to 30 Dec 9999, UTC"


def shown(text: str, limit: int = 80) -> str:
    """``text`` quoted for a message, cut short: input can be a megabyte long."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def make_span(
    start: datetime,
    end: datetime | None,
    start_precision: Precision,
    end_precision: Precision,
    zone: tzinfo,
    is_interval: bool,
) -> TimeSpan:
    """A checked span: inside the supported dates, and not empty (``end`` None: open)."""
    try:
        start_ts = start.timestamp()
        end_ts = math.inf if end is None else end.timestamp()
    except (OverflowError, ValueError):
        raise SpanError(f"the span lies outside the supported dates ({_RANGE_WORDS})") from None
    if start_ts < EARLIEST.timestamp() or (end is not None and end_ts > LATEST.timestamp()):
        raise SpanError(f"the span lies outside the supported dates ({_RANGE_WORDS})")
    if end is not None and end_ts <= start_ts:
        if is_interval:
            raise SpanError(
                f"the interval ends ({end.isoformat()}) no later than it starts "
                f"({start.isoformat()}): is the end before the start?"
            )
        raise SpanError(f"empty span from {start.isoformat()} to {end.isoformat()}")
    return TimeSpan(start, end, start_precision, end_precision, zone, is_interval,
                    start_ts, end_ts)


# ---------------------------------------------------------------------------------------
# zones

# IANA names are ASCII words joined by '/': nothing else reaches the file system lookup
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*", re.ASCII)


@lru_cache(maxsize=512)
def zone_from_name(name: str) -> ZoneInfo:
    """An IANA zone by name; SpanError (with a hint) when there is no such zone."""
    try:
        if len(name) > 64 or not _ZONE_NAME.fullmatch(name):
            raise ValueError
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        hint = ""
        if name.casefold() == "utc":
            hint = " (zone names are case-sensitive: did you mean 'UTC'?)"
        raise SpanError(
            f"unknown time zone {shown(name)}{hint}: use an IANA name such as 'Europe/Kyiv' "
            "or 'UTC'"
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
    return format_offset(offset)


def format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


@lru_cache(maxsize=256)
def _fixed_offset(text: str) -> timezone:
    if text in ("Z", "z"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise SpanError(f"UTC offset {shown(text)} is out of range")
    if hours == 0 and minutes == 0:
        return UTC
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


# ---------------------------------------------------------------------------------------
# single values: 2026, 2026-01, 2026-01-30, 2026-01-30T03, …T03:15, …T03:15:07.5, + offset

# An offset only after a time of day (ISO 8601 allows none on a bare date); the hour has two
# digits; 'T', 't' (RFC 3339) or a space separates date and time.
_VALUE = re.compile(
    r"(?P<year>\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:[Tt ](?P<hour>\d{2})"
    r"(?::(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?)?"
    r"(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?",
    re.ASCII,  # \d is 0-9 only: no look-alike digits from other scripts
)
_DATE_WITH_OFFSET = re.compile(r"\d{4}(?:-\d{2}){0,2}(?:[Zz]|[+-]\d{2}(?::?\d{2})?)", re.ASCII)
_ONE_DIGIT_HOUR = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d(?:\D|$)", re.ASCII)

_DURATION = re.compile(
    r"P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?!$)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?",
    re.ASCII,
)

_FORMS_HINT = (
    "use ISO 8601: 2026-01-30T03:15+02:00, 2026-01-30, 2026-01, "
    "2026-01-29T18:00/2026-01-30T09:00 or 2026-01-29/P7D"
)
_STEPS = {
    Precision.HOUR: timedelta(hours=1),
    Precision.MINUTE: timedelta(minutes=1),
    Precision.SECOND: timedelta(seconds=1),
}
_TIMESPEC = {Precision.HOUR: "minutes", Precision.MINUTE: "minutes", Precision.SECOND: "seconds"}


class _Value(NamedTuple):
    """One parsed ISO value, its unit resolved to an aware ``[start, end)``."""

    start: datetime
    end: datetime
    precision: Precision
    zone: tzinfo


def _parse_value(text: str, zone: tzinfo | None, what: str) -> _Value:
    match = _VALUE.fullmatch(text)
    if match is None:
        if _DATE_WITH_OFFSET.fullmatch(text):
            raise SpanError(
                f"cannot read {what} {shown(text)}: a UTC offset belongs to a time of day, "
                "not to a date (ISO 8601): write the date alone and set 'tz', or give a time "
                "with its offset (2026-01-29T00:00+02:00)")
        if _ONE_DIGIT_HOUR.match(text):
            raise SpanError(f"cannot read {what} {shown(text)}: the hour has two digits "
                            "(T03:15, not T3:15)")
        raise SpanError(f"cannot read {what} {shown(text)}: {_FORMS_HINT}")
    g = match.groupdict()
    precision, step = _precision_and_step(g)
    if g["offset"]:
        own: tzinfo = _fixed_offset(g["offset"])
    elif zone is None:
        raise SpanError(
            f"{what} {shown(text)} has no UTC offset and no time zone applies: give the offset "
            "(e.g. 2026-01-30T03:15+02:00), or set 'tz' on the record or the file "
            "(e.g. \"tz\": \"Europe/Kyiv\")"
        )
    else:
        own = zone
    naive = _naive(g, text, what)
    try:
        if precision.is_calendar:
            naive_end = naive + (relativedelta(years=1) if precision is Precision.YEAR
                                 else relativedelta(months=1) if precision is Precision.MONTH
                                 else timedelta(days=1))
            # a calendar unit runs from its first instant to the next unit's first instant
            start, end = _first_instant(naive, own), _first_instant(naive_end, own)
        else:
            start = _exact_instant(naive, own, precision, step, text, what)
            end = _add_elapsed(start, step)  # elapsed time, whatever a DST change does
    except SpanError:
        raise
    except (ValueError, OverflowError):
        raise SpanError(
            f"{what} {shown(text)} lies outside the supported dates ({_RANGE_WORDS})") from None
    return _Value(start, end, precision, own)


def _precision_and_step(g: dict[str, str | None]) -> tuple[Precision, timedelta]:
    if g["second"] is not None:
        fraction = g["fraction"]
        if fraction:  # a fraction's precision is its last digit: .5 is a tenth of a second
            digits = min(len(fraction), 6)  # datetime keeps microseconds
            return Precision.SECOND, timedelta(microseconds=10 ** (6 - digits))
        return Precision.SECOND, _STEPS[Precision.SECOND]
    for name, precision in (("minute", Precision.MINUTE), ("hour", Precision.HOUR)):
        if g[name] is not None:
            return precision, _STEPS[precision]
    for name, precision in (("day", Precision.DAY), ("month", Precision.MONTH)):
        if g[name] is not None:
            return precision, timedelta(0)
    return Precision.YEAR, timedelta(0)


def _naive(g: dict[str, str | None], text: str, what: str) -> datetime:
    """The written date and time; ``24:00`` (``24``, ``24:00:00``) is the next midnight."""
    hour, minute, second = int(g["hour"] or 0), int(g["minute"] or 0), int(g["second"] or 0)
    fraction = g["fraction"]
    micro = int((fraction + "000000")[:6]) if fraction else 0
    midnight_end = hour == 24
    if midnight_end:
        if minute or second or micro:
            raise SpanError(f"{what} {shown(text)} is not a real time: after 24:00 there is "
                            "no 24:01 (write the next day's 00:01)")
        hour = 0
    try:
        naive = datetime(int(g["year"] or 0), int(g["month"] or 1), int(g["day"] or 1),
                         hour, minute, second, micro)
    except ValueError as exc:
        raise SpanError(f"{what} {shown(text)} is not a real date or time: {exc}") from None
    if midnight_end:
        try:
            naive += timedelta(days=1)
        except OverflowError:
            raise SpanError(f"{what} {shown(text)} lies outside the supported dates "
                            f"({_RANGE_WORDS})") from None
    return naive


def _resolutions(naive: datetime, zone: tzinfo) -> tuple[datetime, datetime] | None:
    """The two readings (fold 0 and 1) of a wall time that ``zone`` skips or repeats; None
    when it names exactly one instant."""
    if isinstance(zone, timezone):  # a fixed offset never skips or repeats
        return None
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    return first, second


def _is_skipped(moment: datetime) -> bool:
    """Whether an aware wall time lies in a gap (it does not survive a round trip)."""
    return moment.astimezone(UTC).astimezone(moment.tzinfo).replace(
        tzinfo=None) != moment.replace(tzinfo=None)


def _first_instant(naive: datetime, zone: tzinfo) -> datetime:
    """The first instant a wall time names: its earlier reading when it is repeated, the
    end of the gap when it is skipped (a day that begins in a gap begins after it)."""
    readings = _resolutions(naive, zone)
    if readings is None:
        return naive.replace(tzinfo=zone)
    first, _ = readings
    if not _is_skipped(first):
        return first
    # the two readings lie either side of the clock change: find the change's instant
    low, high = sorted(m.astimezone(UTC) for m in readings)
    before = low.astimezone(zone).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0).astimezone(zone)  # changes fall on whole seconds


def _exact_instant(naive: datetime, zone: tzinfo, precision: Precision, step: timedelta,
                   text: str, what: str) -> datetime:
    """The instant a time of day names in ``zone``, or WallTimeError when the zone skips or
    repeats it and no offset says which."""
    readings = _resolutions(naive, zone)
    if readings is None:
        return naive.replace(tzinfo=zone)
    earlier, later = sorted(readings, key=lambda m: m.astimezone(UTC))
    earlier, later = earlier.astimezone(zone), later.astimezone(zone)
    spec = "microseconds" if step < timedelta(seconds=1) else _TIMESPEC[precision]
    written = [m.isoformat(timespec=spec) for m in (earlier, later)]
    utc = [m.astimezone(UTC).strftime("%H:%M UTC") for m in (earlier, later)]
    widened = f"{written[0]}/{_add_elapsed(later, step).isoformat(timespec=spec)}"
    name = zone_label(zone)
    if _is_skipped(readings[0]):
        message = (f"{what} {shown(text)} does not exist in {name}: the clocks skipped it "
                   f"(a daylight-saving change). It could mean {written[0]} ({utc[0]}) or "
                   f"{written[1]} ({utc[1]}): write the offset to say which")
    else:
        message = (f"{what} {shown(text)} happens twice in {name}: the clocks went back "
                   f"(a daylight-saving change). It could mean {written[0]} ({utc[0]}) or "
                   f"{written[1]} ({utc[1]}): write the offset to say which")
    raise WallTimeError(message, (earlier, later), widened)


def _add_elapsed(moment: datetime, delta: timedelta) -> datetime:
    utc = moment.astimezone(UTC) + delta
    return utc.astimezone(moment.tzinfo)


@lru_cache(maxsize=1024)
def _duration_parts(text: str, what: str) -> tuple[relativedelta, timedelta]:
    """A duration's calendar part (years, months, weeks, days: wall-clock time) and its
    clock part (hours, minutes, seconds: elapsed time)."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise SpanError(
            f"cannot read the duration {shown(text)} in {what}: use ISO 8601 such as P7D, PT6H, P1M"
        )
    g = {k: v for k, v in match.groupdict().items() if v}
    calendar = relativedelta(years=int(g.get("years", 0)), months=int(g.get("months", 0)),
                             weeks=int(g.get("weeks", 0)), days=int(g.get("days", 0)))
    elapsed = timedelta(
        hours=int(g.get("hours", 0)),
        minutes=int(g.get("minutes", 0)),
        seconds=float(g.get("seconds", "0").replace(",", ".")),
    )
    return calendar, elapsed


def _shift(moment: datetime, text: str, what: str, sign: int) -> datetime:
    """Calendar units move in wall-clock time of the zone (P7D = seven calendar days);
    clock units (H, M, S) as elapsed time. Backwards, the clock part comes off first; a
    calendar step of zero leaves the instant as it is (a repeated hour keeps its reading)."""
    try:
        calendar, elapsed = _duration_parts(text, what)
        zone = moment.tzinfo
        assert zone is not None
        if sign < 0:
            moment = _add_elapsed(moment, -elapsed)
            if calendar:
                moment = _first_instant(moment.replace(tzinfo=None) - calendar, zone)
            return moment
        if calendar:
            moment = _first_instant(moment.replace(tzinfo=None) + calendar, zone)
        return _add_elapsed(moment, elapsed)
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, SpanError):
            raise
        raise SpanError(
            f"{what}: the duration {shown(text)} leaves the supported dates ({_RANGE_WORDS})"
        ) from None


# ---------------------------------------------------------------------------------------
# the public parser

OPEN_END = ".."


@lru_cache(maxsize=1 << 14)
def parse_span(text: str, zone: tzinfo | None = None, what: str = "when",
               allow_open: bool = False) -> TimeSpan:
    """Parse a `when` value into a TimeSpan.

    ``zone`` is the zone for values written without an offset (the record's ``tz`` or the
    file's default), and the zone the span is displayed in; without it, the value's own
    offset is. A duration after a start is added in wall-clock time of that zone. In an
    interval a date-like start means the start of that unit and a date-like end includes
    that whole unit (``2023-01-06/2023-01-07`` is two days); a time-of-day end is the
    instant it names. ``START/..`` is open-ended, allowed only with ``allow_open`` (a
    pause's window). Spans are immutable, so one parsed text is shared by every record
    that writes it.
    """
    if not isinstance(text, str):
        raise SpanError(f"{what} must be ISO 8601 text, not {type(text).__name__}")
    text = text.strip()
    if "/" not in text:
        value = _parse_value(text, zone, what)
        return make_span(value.start, value.end, value.precision, value.precision,
                         zone or value.zone, False)
    left, _, right = text.partition("/")
    if "/" in right or not left or not right:
        raise SpanError(f"cannot read the interval {shown(text)} in {what}: {_FORMS_HINT}")
    if left == OPEN_END:
        raise SpanError(f"{what} {shown(text)} has an open start: a span must say when it "
                        "begins (only a pause's end may be open, as START/..)")
    if right == OPEN_END:
        if not allow_open:
            raise SpanError(f"{what} {shown(text)} is open-ended: only a pause's window may "
                            "be (START/..); give the end or a duration")
        start_value = _parse_value(left, zone, f"the start of {what}")
        start = start_value.start if zone is None else _in_zone(start_value.start, zone)
        return make_span(start, None, start_value.precision, start_value.precision,
                         zone or start_value.zone, True)
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
