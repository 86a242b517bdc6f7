from datetime import datetime, timedelta, timezone

import pytest

from conflict_timeline.records import Precision, SpanError, parse_span, zone_from_name

KYIV = zone_from_name("Europe/Kyiv")
UTC = timezone.utc


def iso(dt: datetime) -> str:
    return dt.isoformat()


@pytest.mark.parametrize("text, start, end, precision", [
    ("2026-01-30T03:15+02:00", "2026-01-30T03:15:00+02:00", "2026-01-30T03:16:00+02:00", "minute"),
    ("2026-01-30T03:15:07Z", "2026-01-30T03:15:07+00:00", "2026-01-30T03:15:08+00:00", "second"),
    ("2026-01-30T03+02:00", "2026-01-30T03:00:00+02:00", "2026-01-30T04:00:00+02:00", "hour"),
    ("2026-01-30", "2026-01-30T00:00:00+02:00", "2026-01-31T00:00:00+02:00", "day"),
    ("2026-01", "2026-01-01T00:00:00+02:00", "2026-02-01T00:00:00+02:00", "month"),
    ("2026", "2026-01-01T00:00:00+02:00", "2027-01-01T00:00:00+02:00", "year"),
    ("2026-12", "2026-12-01T00:00:00+02:00", "2027-01-01T00:00:00+02:00", "month"),
    ("2026-01-29T18:00+02:00/2026-01-30T09:00+02:00",
     "2026-01-29T18:00:00+02:00", "2026-01-30T09:00:00+02:00", "interval"),
    ("2026-01-29/P7D", "2026-01-29T00:00:00+02:00", "2026-02-05T00:00:00+02:00", "interval"),
    # a date-only end includes that whole day: "6–7 January" is two days
    ("2023-01-06/2023-01-07", "2023-01-06T00:00:00+02:00", "2023-01-08T00:00:00+02:00", "interval"),
    ("P1D/2026-01-30", "2026-01-30T00:00:00+02:00", "2026-01-31T00:00:00+02:00", "interval"),
    ("2026-01-29T18:00/PT14H", "2026-01-29T18:00:00+02:00", "2026-01-30T08:00:00+02:00", "interval"),
])
def test_every_when_form_is_a_half_open_span(text, start, end, precision):
    span = parse_span(text, KYIV)
    assert (iso(span.start.astimezone(span.start.tzinfo)), iso(span.end)) == (start, end)
    assert span.precision == precision


def test_precision_is_kept_for_display():
    assert parse_span("2026-01", KYIV).start_precision is Precision.MONTH
    interval = parse_span("2026-01-29/2026-01-30T08:00", KYIV)
    assert (interval.start_precision, interval.end_precision) == (Precision.DAY, Precision.MINUTE)


def test_naive_value_is_read_in_the_given_zone_not_the_machine_zone():
    span = parse_span("2026-01-30T03:15", KYIV)
    assert span.start.utcoffset() == timedelta(hours=2)
    assert span.start.astimezone(UTC).hour == 1


def test_naive_value_without_any_zone_is_an_error():
    with pytest.raises(SpanError, match="no UTC offset and no time zone applies"):
        parse_span("2026-01-30T03:15", None)
    with pytest.raises(SpanError, match="no UTC offset"):
        parse_span("2026-01-30", None)


def test_explicit_offset_wins_over_the_zone_but_displays_in_it():
    span = parse_span("2026-01-30T03:15+00:00", KYIV)
    assert span.start.astimezone(UTC).hour == 3
    assert span.zone_name() == "Europe/Kyiv"


def test_interval_end_without_offset_takes_the_start_offset():
    span = parse_span("2026-01-29T18:00+02:00/2026-01-30T09:00", None)
    assert span.end.utcoffset() == timedelta(hours=2)


def test_duration_is_wall_clock_across_daylight_saving():
    # Kyiv moves from +02:00 to +03:00 on 29 March 2026: P1D keeps the wall-clock hour
    span = parse_span("2026-03-28T12:00/P1D", KYIV)
    assert span.end.isoformat() == "2026-03-29T12:00:00+03:00"
    assert span.end_ts - span.start_ts == 23 * 3600
    # clock units are elapsed time
    span = parse_span("2026-03-28T12:00/PT24H", KYIV)
    assert span.end_ts - span.start_ts == 24 * 3600


def test_a_month_duration_is_calendar_months():
    span = parse_span("2026-01-31/P1M", KYIV)
    assert span.end.date().isoformat() == "2026-02-28"
    # years and months first (31 January + 1 year 1 month: 28 February), then weeks and days
    span = parse_span("2026-01-31T10:00/P1Y1M1W1DT2H", KYIV)
    assert span.end.isoformat() == "2027-03-08T12:00:00+02:00"
    span = parse_span("P1M2D/2026-03-31T10:00", KYIV)
    assert span.start.isoformat() == "2026-02-26T10:00:00+02:00"


def test_same_day_in_two_zones_is_two_different_spans():
    kyiv = parse_span("2026-01-30", KYIV)
    new_york = parse_span("2026-01-30", zone_from_name("America/New_York"))
    assert new_york.start_ts - kyiv.start_ts == 7 * 3600


@pytest.mark.parametrize("text, message", [
    ("2026-02-30", "not a real date"),
    ("2026-01-30T25:00", "not a real date"),
    ("30/01/2026", "cannot read"),
    ("yesterday", "cannot read"),
    ("2026-01-30/2026-01-29", "no later than it starts"),
    ("2026-01-30T10:00/2026-01-30T10:00", "no later than it starts"),
    ("2026-01-30T10:00/2026-01-30T09:00", "no later than it starts"),
    ("2026-01-29/P", "cannot read the duration"),
    ("2026-01-29/P7X", "cannot read the duration"),
    ("2026-01-29/2026-01-30/2026-01-31", "cannot read the interval"),
    ("9999-12-31", "outside the supported dates"),
    ("2026-01-30T03:15+25:00", "out of range"),
])
def test_impossible_spans_are_explained(text, message):
    with pytest.raises(SpanError, match=message):
        parse_span(text, KYIV)


def test_unknown_zone_is_explained():
    with pytest.raises(SpanError, match="unknown time zone 'Europe/Kiev2'"):
        zone_from_name("Europe/Kiev2")


@pytest.mark.parametrize("text, end", [
    ("2026-10-25T01:30Z/PT1H", "2026-10-25T04:30:00+02:00"),  # starts in the repeated hour
    ("2026-10-25T00:30Z/PT1H", "2026-10-25T03:30:00+02:00"),  # ends in it
    ("2026-10-25T01:30Z/PT2H", "2026-10-25T05:30:00+02:00"),
])
def test_clock_hours_after_a_start_in_a_repeated_hour_are_elapsed_time(text, end):
    span = parse_span(text, zone_from_name("Europe/Kyiv"))
    assert span.end.isoformat() == end
    assert span.end_ts - span.start_ts == 3600 * int(text[-2])
