"""A pause's ``repeat``: an RFC 5545 recurrence rule, read by python-dateutil's ``rrule``.

``when`` is the first occurrence. Occurrences keep the wall-clock time of the record's zone
(08:00 local every day, across a daylight-saving change), so a rule needs an IANA zone; an
occurrence that falls in a clock change's gap begins at the first valid instant after it,
and every occurrence lasts the first one's wall-clock length. A rule without COUNT or
UNTIL runs until further notice: occurrences are only ever made over a bounded range.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .spans import TimeSpan


class RecurrenceError(ValueError):
    """A ``repeat`` that cannot be followed; the message says why."""


class Occurrence(NamedTuple):
    # shadows tuple.index, which mypy refuses for a NamedTuple field; callers read the
    # occurrence's number as `.index`, so the name stays
    index: int  # type: ignore[assignment]  # 0 for the first occurrence (the record's `when`)
    start: datetime  # aware, in the record's zone
    end: datetime
    start_ts: float
    end_ts: float


def read_rule(text: str, first: TimeSpan):
    """The dateutil rule of ``text`` anchored at the first occurrence ``first``;
    RecurrenceError saying why it cannot be one."""
    from dateutil.rrule import rrule, rrulestr

    _, zone = _closed_in_iana_zone(first)
    body = text.strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:]
    if not body or "\n" in body or ":" in body:
        raise RecurrenceError(f"repeat must be one RFC 5545 RRULE such as 'FREQ=DAILY;COUNT=3', "
                              f"not {text[:80]!r}")
    try:
        rule = rrulestr(body, dtstart=_local(first.start, zone))
    except (ValueError, TypeError, OverflowError) as exc:
        raise RecurrenceError(f"repeat {text[:80]!r} is not a recurrence rule dateutil can "
                              f"read: {exc}") from None
    if not isinstance(rule, rrule):
        raise RecurrenceError("repeat must be one RRULE")
    return rule


def _closed_in_iana_zone(first: TimeSpan) -> tuple[datetime, ZoneInfo]:
    """``first``'s end and zone; RecurrenceError if it has no end or no IANA zone."""
    if first.end is None:
        raise RecurrenceError("a repeated window needs a closed `when` (the first occurrence, "
                              "e.g. 2024-06-15T08:00/2024-06-15T19:00), not an open end")
    if not isinstance(first.zone, ZoneInfo):
        raise RecurrenceError(
            "a repeated window needs an IANA tz on the record or its file (e.g. 'Asia/Gaza'): "
            "a fixed UTC offset cannot follow daylight saving, so the occurrences' local time "
            "would drift")
    return first.end, first.zone


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def occurrences(text: str, first: TimeSpan, from_ts: float, until_ts: float
                ) -> Iterator[Occurrence]:
    """The occurrences of ``text`` (anchored at ``first``) that overlap
    ``[from_ts, until_ts)``, in order, each numbered from the first occurrence. Made by
    walking the rule from its first occurrence to ``until_ts``, never beyond."""
    rule = read_rule(text, first)
    first_end, zone = _closed_in_iana_zone(first)
    start_wall = _local(first.start, zone).replace(tzinfo=None)
    length = _local(first_end, zone).replace(tzinfo=None) - start_wall  # wall-clock length
    for index, moment in enumerate(rule):
        start = valid_instant(moment.replace(tzinfo=None), zone)
        if start.timestamp() >= until_ts:
            return
        end = valid_instant(moment.replace(tzinfo=None) + length, zone)
        if end.timestamp() > from_ts:
            yield Occurrence(index, start, end, start.timestamp(), end.timestamp())


def valid_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """``wall`` (naive) in ``zone``; in a clock change's gap, the first valid instant after
    it (in a repeated hour, the first of the two)."""
    moment = wall.replace(tzinfo=zone, fold=0)
    utc = moment.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) == wall:
        return moment
    # in the gap: the transition lies between the two readings of the wall time
    low = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    high = utc
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
            low = middle
        else:
            high = middle
    if high.microsecond:
        return high.replace(microsecond=0).astimezone(zone)
    return high.astimezone(zone)
