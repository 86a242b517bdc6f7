"""Spans where independent references (zoneinfo, the ISO 8601 parsers' own suites) disagreed
with the project: daylight-saving gaps and folds, lax forms, fractions, 24:00, open ends."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from conflict_timeline.records import SpanError, parse_span, zone_from_name
from conflict_timeline.records.spans import WallTimeError

KYIV = zone_from_name("Europe/Kyiv")
NEW_YORK = zone_from_name("America/New_York")
UTC = timezone.utc


def utc(span_end: datetime | None) -> str:
    assert span_end is not None
    return span_end.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_span(text: str, zone=KYIV) -> tuple[str, str]:
    span = parse_span(text, zone)
    return utc(span.start), utc(span.end)


# Europe/Kyiv falls back from 04:00 EEST to 03:00 EET on 25 Oct 2026 (01:00 UTC) and springs
# forward from 03:00 EET to 04:00 EEST on 29 Mar 2026 (01:00 UTC); New York falls back at
# 02:00 EDT on 1 Nov 2026 (06:00 UTC).
@pytest.mark.parametrize("text, zone, start, end", [
    # one elapsed hour back from 04:00 EET is the second 03:00, not the first
    ("PT1H/2026-10-25T04:00", KYIV, "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"),
    ("PT30M/2026-10-25T04:00", KYIV, "2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z"),
    ("PT90M/2026-10-25T04:30", KYIV, "2026-10-25T01:00:00Z", "2026-10-25T02:30:00Z"),
    ("PT1H/2026-11-01T02:00", NEW_YORK, "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z"),
    # forwards across the fold: elapsed hours
    ("2026-10-25T02:00/PT3H", KYIV, "2026-10-24T23:00:00Z", "2026-10-25T02:00:00Z"),
    ("2026-11-01T00:30/PT2H", NEW_YORK, "2026-11-01T04:30:00Z", "2026-11-01T06:30:00Z"),
    # across the gap, both directions
    ("2026-03-29T02:30/PT1H", KYIV, "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z"),
    ("PT1H/2026-03-29T04:30", KYIV, "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z"),
    # a calendar day across the gap is 23 hours of wall-clock day
    ("2026-03-28/P1D", KYIV, "2026-03-27T22:00:00Z", "2026-03-28T22:00:00Z"),
    ("2026-03-29/P1D", KYIV, "2026-03-28T22:00:00Z", "2026-03-29T21:00:00Z"),
    ("P1D/2026-03-29", KYIV, "2026-03-28T22:00:00Z", "2026-03-29T21:00:00Z"),
])
def test_durations_around_gaps_and_folds_are_as_long_as_they_say(text, zone, start, end):
    assert utc_span(text, zone) == (start, end)


def test_an_hour_back_from_the_end_of_the_fold_is_one_elapsed_hour():
    span = parse_span("PT1H/2026-10-25T04:00", KYIV)
    assert span.end_ts - span.start_ts == 3600


@pytest.mark.parametrize("text, first, second", [
    ("2026-03-29T03:30", "2026-03-29T03:30+03:00 (00:30 UTC)", "2026-03-29T03:30+02:00 (01:30 UTC)"),
    ("2026-10-25T03:30", "2026-10-25T03:30+03:00 (00:30 UTC)", "2026-10-25T03:30+02:00 (01:30 UTC)"),
])
def test_a_wall_time_skipped_or_repeated_is_refused_naming_both_instants(text, first, second):
    with pytest.raises(WallTimeError) as raised:
        parse_span(text, KYIV)
    message = str(raised.value)
    assert first in message and second in message
    assert "write the offset" in message


def test_a_skipped_time_says_it_does_not_exist_and_a_repeated_one_that_it_happens_twice():
    with pytest.raises(SpanError, match="does not exist in Europe/Kyiv"):
        parse_span("2026-03-29T03:30", KYIV)
    with pytest.raises(SpanError, match="happens twice in Europe/Kyiv"):
        parse_span("2026-10-25T03:30", KYIV)


def test_the_offset_settles_a_repeated_wall_time():
    assert utc_span("2026-10-25T03:30+02:00") == ("2026-10-25T01:30:00Z", "2026-10-25T01:31:00Z")
    assert utc_span("2026-10-25T03:30+03:00") == ("2026-10-25T00:30:00Z", "2026-10-25T00:31:00Z")


def test_a_widened_reading_covers_both_instants_for_importers():
    with pytest.raises(WallTimeError) as raised:
        parse_span("2026-10-25T03:30", KYIV)
    widened = parse_span(raised.value.widened, KYIV)
    assert (utc(widened.start), utc(widened.end)) == ("2026-10-25T00:30:00Z", "2026-10-25T01:31:00Z")


def test_a_day_that_holds_a_clock_change_is_still_one_day():
    assert utc_span("2026-10-25") == ("2026-10-24T21:00:00Z", "2026-10-25T22:00:00Z")


@pytest.mark.parametrize("text, says", [
    ("2026-01-29+02:00", "a UTC offset belongs to a time of day"),
    ("2026-01-29Z", "a UTC offset belongs to a time of day"),
    ("2026-01Z", "a UTC offset belongs to a time of day"),
    ("2026-01-30T3:15", "the hour has two digits"),
    ("2026-01-30T3", "the hour has two digits"),
])
def test_lax_forms_are_refused_with_a_reason(text, says):
    with pytest.raises(SpanError, match=says):
        parse_span(text, KYIV)


def test_a_lowercase_t_separates_date_and_time_as_rfc_3339_allows():
    assert parse_span("2026-01-30t03:15", KYIV) == parse_span("2026-01-30T03:15", KYIV)


@pytest.mark.parametrize("text, length", [
    ("2026-01-30T03:15:07.5Z", timedelta(milliseconds=100)),
    ("2026-01-30T03:15:07.25Z", timedelta(milliseconds=10)),
    ("2026-01-30T03:15:07.125Z", timedelta(milliseconds=1)),
    ("2026-01-30T03:15:07,5Z", timedelta(milliseconds=100)),
    ("2026-01-30T03:15:07Z", timedelta(seconds=1)),
])
def test_a_fraction_is_precise_to_its_last_digit(text, length):
    span = parse_span(text, KYIV)
    assert span.end - span.start == length


@pytest.mark.parametrize("text, same_as", [
    ("2026-03-01T24:00", "2026-03-02T00:00"),
    ("2026-03-01T24:00:00", "2026-03-02T00:00:00"),
    ("2026-03-01T24", "2026-03-02T00"),
    ("2026-12-31T24:00", "2027-01-01T00:00"),
    ("2026-02-28T24:00+02:00", "2026-03-01T00:00+02:00"),
])
def test_24_00_is_the_end_of_that_day(text, same_as):
    assert parse_span(text, KYIV) == parse_span(same_as, KYIV)


def test_24_00_ends_an_interval_and_a_declaration():
    span = parse_span("2026-07-28T20:00/2026-07-28T24:00", KYIV)
    assert utc(span.end) == "2026-07-28T21:00:00Z"


@pytest.mark.parametrize("text", ["2026-03-01T24:01", "2026-03-01T24:00:01", "2026-03-01T24:00:00.5",
                                  "2026-03-01T25:00"])
def test_no_time_after_24_00(text):
    with pytest.raises(SpanError, match="not a real"):
        parse_span(text, KYIV)


def test_an_open_end_is_allowed_only_where_asked_for():
    span = parse_span("2025-10-10T12:00/..", zone_from_name("Asia/Jerusalem"), allow_open=True)
    assert span.is_open and span.end is None and span.end_ts == float("inf")
    assert span.end_text is None and span.start_text == "2025-10-10T12:00:00+03:00"
    assert span.end_precision == span.start_precision
    with pytest.raises(SpanError, match="only a pause's window may be"):
        parse_span("2025-10-10T12:00/..", KYIV)


def test_an_open_start_is_always_an_error():
    with pytest.raises(SpanError, match="open start"):
        parse_span("../2025-10-10", KYIV, allow_open=True)


@pytest.mark.parametrize("text, label", [
    ("2026-10-24T22:00/PT8H", "night of 24–25 Oct 2026, 22:00 EEST–05:00 EET"),
    ("2026-03-28T22:00/PT8H", "night of 28–29 Mar 2026, 22:00 EET–07:00 EEST"),
    ("2026-10-24T22:00/P1D", "24 Oct 2026 22:00 EEST → 25 Oct 2026 22:00 EET"),
    ("2026-01-29T18:00/2026-01-30T08:00", "night of 29–30 Jan 2026, 18:00–08:00 EET"),
])
def test_a_span_across_a_clock_change_is_labelled_with_each_ends_own_offset(text, label):
    from conflict_timeline.rendering.labels import span_label

    assert span_label(parse_span(text, KYIV)) == label
