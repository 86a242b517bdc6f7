"""Every exporter's output read back by its real consumer (csv, json, icalendar) and checked
field by field."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
import re
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from conflict_timeline.errors import UsageError
from conflict_timeline.loading import load_records
from conflict_timeline.rendering.exports import EXPORTERS, export_records
from conflict_timeline.rendering.exports.flat import COLUMNS
from conflict_timeline.rendering.safe import spreadsheet_safe
from conflict_timeline.rendering.exports.ics import IcsExporter
from conflict_timeline.timeline import order_records

from .conftest import EVENTS, record

UTC = timezone.utc
STRIKE_ID = "strike-2026-01-30-overnight"


@pytest.fixture(scope="module")
def story():
    return load_records([EVENTS])


def _tricky():
    """Records whose text would act in a spreadsheet, a web page, a calendar or a table."""
    return [
        record("strike", id="s-formula", title="=HYPERLINK(\"http://evil\",\"click\")",
               summary="+1 and more", by="@Someone", when="2026-01-30T03:15",
               location={"country": "Chile", "region": "-2+3", "lat": -33.45, "lon": -70.66},
               sources=[{"name": "A, b; c", "url": "javascript:alert(1)"}]),
        record("statement", id="st-html", title="<script>alert(1)</script> | pipes *bold*",
               summary="line one\nline two, with; punctuation\\", speaker="\tTab\tinside",
               when="2026-01"),
    ]


# ---------------------------------------------------------------------------------------
# CSV


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_record_and_stable_columns(story):
    text = export_records("csv", story)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    rows = _csv_rows(text)
    assert [r["id"] for r in rows] == [r.id for r in order_records(story)]
    assert all(list(r) == list(COLUMNS) for r in rows)


def test_csv_strike_fields(story):
    row = next(r for r in _csv_rows(export_records("csv", story)) if r["id"] == STRIKE_ID)
    assert row["kind"] == "strike"
    assert row["when"] == "2026-01-29T18:00/2026-01-30T08:00"
    assert (row["start"], row["end"]) == ("2026-01-29T18:00:00+02:00", "2026-01-30T08:00:00+02:00")
    assert (row["precision"], row["zone"]) == ("interval", "Europe/Kyiv")
    assert row["by"] == "Russia"
    assert row["targets"] == "residential"
    assert row["weapons"].startswith("Shahed-136/131 (drone): 111 launched, 80 intercepted, from ")
    assert " | Iskander-M (ballistic_missile): 1 launched, 0 intercepted, from Voronezh oblast" in (
        row["weapons"])
    assert (row["launched"], row["intercepted"], row["wounded"], row["killed"]) == (
        "112", "80", "1", "")
    assert (row["region"], row["country"]) == ("Zaporizhzhia", "Ukraine")
    assert row["source_urls"].startswith("https://www.facebook.com/kpszsu/posts/")
    assert row["speaker"] == "" and row["claimed_by"] == ""


def test_csv_pause_fields(story):
    row = next(r for r in _csv_rows(export_records("csv", story))
               if r["id"] == "pause-2026-01-cold-ua")
    assert (row["claimed_by"], row["binds"], row["scope_targets"], row["scope_regions"]) == (
        "Volodymyr Zelensky", "Russia", "energy", "(any)")
    assert (row["declared_on"], row["arrangement"]) == ("2026-01-29/2026-01-30",
                                                        "cold-weather-pause-2026-01")


@pytest.mark.parametrize(("cell", "expected"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tX", "'\tX"), ("\rX", "'\rX"), ("-33.45", "-33.45"), ("12", "12"), (-70.66, "-70.66"),
    ("plain", "plain"), (None, ""),
    # after leading spaces of any kind, and in full-width form (old: all four unquoted)
    ("\u00a0=1+1", "'\u00a0=1+1"), ("\u3000+1", "'\u3000+1"), ("\u200b@X", "'\u200b@X"),
    ("＝1+1", "'＝1+1"), ("＋1", "'＋1"), ("－1", "'－1"), ("＠SUM(A1)", "'＠SUM(A1)"),
    (" \n =1", "' \n =1"), ("\u00a0-33.45", "'\u00a0-33.45"),
    # the text after a ';' is a cell of its own in a semicolon locale
    ("a;=1+1", "a;'=1+1"), ("a; -2+3", "a;' -2+3"), ("a; b", "a; b"), ("1;2", "1;2"),
    ("Кривий Ріг", "Кривий Ріг"), ("x=1", "x=1"),
])
def test_csv_cells_that_could_run_as_formulas_are_neutralised(cell, expected):
    assert spreadsheet_safe(cell) == expected


def test_csv_injection_is_neutralised_in_the_file_and_other_text_survives():
    rows = {r["id"]: r for r in _csv_rows(export_records("csv", _tricky()))}
    formula, html = rows["s-formula"], rows["st-html"]
    assert formula["title"] == "'=HYPERLINK(\"http://evil\",\"click\")"
    assert formula["summary"] == "'+1 and more"
    assert formula["by"] == "'@Someone"
    assert formula["region"] == "'-2+3"
    assert (formula["lat"], formula["lon"]) == ("-33.45", "-70.66")
    assert formula["sources"] == "A, b; c"
    assert html["summary"] == "line one\nline two, with; punctuation\\"
    assert html["speaker"] == "'\tTab\tinside"


def _semicolon_cells(text: str) -> list[str]:
    """The cells Excel in a semicolon locale sees: each line split at every ';' (a quote
    mid-cell is no quote there)."""
    return [cell for line in text.split("\r\n") for cell in line.split(";")]


def test_csv_quotes_every_field_holding_a_semicolon_and_no_piece_starts_a_formula():
    records = [record("strike", id="s1", title="a;=1+1", summary="\u00a0=1+1",
                      by="＝1+1", target_description="x;y", when="2026-01-30T03:15")]
    text = export_records("csv", records)
    line = text.split("\r\n")[1]
    # old: a;=1+1,=1+1 (no-break space first),＝1+1 and x;y written bare
    assert ',"a;\'=1+1",' in line and ',"x;y",' in line
    assert ",'\u00a0=1+1," in line and ",'＝1+1," in line
    [row] = _csv_rows(text)  # a comma reader gets the cells back whole
    assert (row["title"], row["summary"], row["by"], row["target_description"]) == (
        "a;'=1+1", "'\u00a0=1+1", "'＝1+1", "x;y")
    triggers = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
    # Excel in a semicolon locale: every piece between ';' is a cell, quotes or not
    assert [c for c in _semicolon_cells(text) if c.lstrip(' "\u00a0').startswith(triggers)] == []
    # a quote-aware reader with ';' as its separator sees the same
    semicolon_rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert [c for row in semicolon_rows for c in row
            if c.lstrip(' "\u00a0').startswith(triggers)] == []


# ---------------------------------------------------------------------------------------
# TimelineJS


def test_timelinejs_slides_carry_the_records_precision(story):
    # every date in UTC (they were in each record's own zone: see the test below)
    document = json.loads(export_records("timelinejs", story))
    slides = {s["unique_id"]: s for s in document["events"]}
    assert len(slides) == len(story)
    strike = slides[STRIKE_ID]
    assert strike["start_date"] == {"year": 2026, "month": 1, "day": 29, "hour": 16, "minute": 0}
    assert strike["end_date"] == {"year": 2026, "month": 1, "day": 30, "hour": 6, "minute": 0}
    assert strike["group"] == "strike"
    assert strike["display_date"] == "night of 29–30 Jan 2026, 18:00–08:00 EET"
    assert strike["text"]["headline"].startswith("Overnight attack: 111 strike drones")
    # a Kyiv month starts at 22:00 UTC the evening before: the date names that hour
    month = slides["neg-territory-2026-01"]
    assert month["start_date"] == {"year": 2025, "month": 12, "day": 31, "hour": 22}
    assert "end_date" not in month and month["display_date"] == "Jan 2026 (month, Europe/Kyiv)"
    day = slides["stmt-trump-cabinet-2026-01-29"]
    assert day["start_date"] == {"year": 2026, "month": 1, "day": 29, "hour": 5}
    assert "end_date" not in day


def test_timelinejs_dates_keep_only_the_records_units_where_the_zone_allows(story):
    document = json.loads(export_records("timelinejs", story, ZoneInfo("Europe/Kyiv")))
    slides = {s["unique_id"]: s for s in document["events"]}
    assert slides["neg-territory-2026-01"]["start_date"] == {"year": 2026, "month": 1}
    assert slides[STRIKE_ID]["start_date"] == {
        "year": 2026, "month": 1, "day": 29, "hour": 18, "minute": 0}
    utc_day = record("strike", id="d", tz="UTC", when="2026-01-29/2026-01-30")
    [slide] = json.loads(export_records("timelinejs", [utc_day]))["events"]
    # a calendar end names the last day the span includes
    assert (slide["start_date"], slide["end_date"]) == ({"year": 2026, "month": 1, "day": 29},
                                                        {"year": 2026, "month": 1, "day": 30})


def _utc(date: dict) -> datetime:
    parts = [date.get(u, d) for u, d in (("year", 0), ("month", 1), ("day", 1), ("hour", 0),
                                         ("minute", 0), ("second", 0))]
    return datetime(*parts, tzinfo=UTC)


def test_timelinejs_writes_every_date_in_one_zone():
    # TimelineJS places every date's parts in the viewer's one zone: a Kyiv strike at 03:15
    # and a New York statement at 03:15 were drawn at one moment, seven hours apart in fact
    records = [record("strike", id="kyiv", tz="Europe/Kyiv", when="2026-01-30T03:15"),
               record("statement", id="ny", tz="America/New_York", when="2026-01-30T03:15"),
               record("strike", id="delhi", tz="Asia/Kolkata", when="2026-01-30T03")]
    slides = {s["unique_id"]: s for s in
              json.loads(export_records("timelinejs", records))["events"]}
    kyiv, ny = _utc(slides["kyiv"]["start_date"]), _utc(slides["ny"]["start_date"])
    assert ny - kyiv == timedelta(hours=7)
    assert slides["kyiv"]["start_date"] == {"year": 2026, "month": 1, "day": 30, "hour": 1,
                                            "minute": 15}
    assert slides["ny"]["display_date"] == "30 Jan 2026 03:15 EST"  # the local wording stays
    # an hour-precision record half an hour off UTC: the minutes place it exactly
    assert slides["delhi"]["start_date"] == {"year": 2026, "month": 1, "day": 29, "hour": 21,
                                             "minute": 30}
    in_kyiv = json.loads(export_records("timelinejs", records, ZoneInfo("Europe/Kyiv")))
    shown = {s["unique_id"]: s["start_date"] for s in in_kyiv["events"]}
    assert (shown["kyiv"]["hour"], shown["ny"]["hour"]) == (3, 10)


def test_timelinejs_pause_readings_are_eras(story):
    document = json.loads(export_records("timelinejs", story))
    eras = {e["text"]["headline"]: e for e in document["eras"]}
    assert len(eras) == 2
    us = eras["One-week halt to Russian strikes, as the US president described it (Donald Trump)"]
    # seven calendar days from the 29th, US Eastern: 05:00 UTC to 05:00 UTC a week later
    assert (us["start_date"], us["end_date"]) == (
        {"year": 2026, "month": 1, "day": 29, "hour": 5},
        {"year": 2026, "month": 2, "day": 5, "hour": 5})
    ua = next(e for h, e in eras.items() if "Zelensky" in h)
    assert ua["start_date"] == {"year": 2026, "month": 1, "day": 29, "hour": 5, "minute": 0}
    # in the US reading's own zone, its days are whole again: the last one included is 4 Feb
    eastern = json.loads(export_records("timelinejs", story, ZoneInfo("America/New_York")))
    us = next(e for e in eastern["eras"] if "Trump" in e["text"]["headline"])
    assert (us["start_date"], us["end_date"]) == ({"year": 2026, "month": 1, "day": 29},
                                                  {"year": 2026, "month": 2, "day": 4})


def test_timelinejs_two_readings_of_one_window_start_together(story):
    # the pause as Kyiv read it (from 07:00 Kyiv) and as Washington did (the 29th, US
    # Eastern) were drawn ending 31 hours apart (4 Feb 00:00 and 5 Feb 07:00); both begin
    # and end at 05:00 UTC
    eras = json.loads(export_records("timelinejs", story))["eras"]
    assert len(eras) == 2
    assert {_utc(e["start_date"]) for e in eras} == {datetime(2026, 1, 29, 5, tzinfo=UTC)}
    assert {_utc(e["end_date"]) for e in eras} == {datetime(2026, 2, 5, 5, tzinfo=UTC)}


def test_export_tz_applies_to_timelinejs_and_markdown_only(story, tmp_path):
    from .conftest import cli

    table = export_records("markdown", story, ZoneInfo("UTC"))
    assert "29 Jan 2026 16:00 → 30 Jan 2026 06:00 UTC" in table
    result = cli("export", "-f", "timelinejs", "--tz", "America/New_York")
    assert result.exit_code == 0, result.stderr
    strike = next(s for s in json.loads(result.stdout)["events"] if s["unique_id"] == STRIKE_ID)
    assert strike["start_date"]["hour"] == 11
    # csv writes each time with its own offset: --tz there only reads --since/--until
    in_utc = cli("export", "events", "-f", "csv", "--tz", "UTC")
    assert in_utc.exit_code == 0 and in_utc.stdout == cli("export", "events", "-f", "csv").stdout
    assert cli("export", "-f", "timelinejs", "--tz", "Mars/Base").exit_code == 2


def test_timelinejs_text_is_escaped_html_with_only_web_links():
    document = json.loads(export_records("timelinejs", _tricky()))
    slides = {s["unique_id"]: s for s in document["events"]}
    assert slides["st-html"]["text"]["headline"] == (
        "&lt;script&gt;alert(1)&lt;/script&gt; | pipes *bold*")
    text = slides["s-formula"]["text"]["text"]
    assert "<a " not in text and "Sources: A, b; c" in text
    assert "<li>by: @Someone</li>" in text


# ---------------------------------------------------------------------------------------
# Timesketch


def test_timesketch_lines_have_the_required_fields_and_the_record(story):
    lines = [json.loads(line) for line in export_records("timesketch", story).splitlines()]
    intervals = [r for r in story if r.span.is_interval]
    assert len(lines) == len(story) + len(intervals)
    for line in lines:
        assert {"message", "datetime", "timestamp_desc", "timestamp"} <= set(line)
        moment = datetime.fromisoformat(line["datetime"])
        assert moment.utcoffset() == timezone.utc.utcoffset(None)  # written in UTC
        assert line["timestamp"] == int(moment.timestamp() * 1_000_000)
    start, end = [line for line in lines if line["id"] == STRIKE_ID]
    assert start["datetime"] == "2026-01-29T16:00:00+00:00"
    assert start["timestamp_desc"] == "Start of strike span (interval)"
    assert end["datetime"] == "2026-01-30T06:00:00+00:00"
    assert end["timestamp_desc"] == "End of strike span (exclusive)"
    assert start["message"].startswith("[strike] Overnight attack")
    assert (start["by"], start["launched"], start["region"]) == ("Russia", 112, "Zaporizhzhia")
    assert (start["launched_min"], start["launched_max"], start["launched_text"]) == (
        112, 112, "112")


def _json_type(value) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string"}.get(
        type(value), type(value).__name__)


def test_timesketch_gives_every_field_one_json_type_in_every_line():
    # OpenSearch maps a field by the first value it sees: an integer 'launched' in one line
    # and "over 100" in the next made it reject the second event
    records = [
        record("strike", id="s-exact", when="2026-01-30T03:15",
               weapons=[{"type": "drone", "launched": 111, "intercepted": 80}],
               casualties={"killed": 2}, location={"lat": 50, "lon": 30}),
        record("strike", id="s-over", when="2026-01-31T03:15",
               weapons=[{"type": "drone", "launched": "over 100", "intercepted": "90-120"}],
               casualties={"killed": {"min": 3}, "wounded": "up to 40"},
               location={"lat": 50.45, "lon": 30.52}),
        record("pause", id="p", when="2026-01-29/2026-02-05"),
    ]
    lines = [json.loads(line) for line in export_records("timesketch", records).splitlines()]
    types: dict[str, set[str]] = {}
    for line in lines:
        for key, value in line.items():
            types.setdefault(key, set()).add(_json_type(value))
    assert {k: t for k, t in types.items() if len(t) > 1} == {}
    assert types["launched"] == types["launched_min"] == types["timestamp"] == {"integer"}
    assert types["launched_text"] == types["id"] == {"string"}
    assert types["lat"] == {"number"}
    exact, over = (next(line for line in lines if line["id"] == i) for i in ("s-exact", "s-over"))
    assert (exact["launched"], exact["launched_min"], exact["launched_max"],
            exact["launched_text"]) == (111, 111, 111, "111")
    assert (exact["lat"], exact["killed"], exact["killed_text"]) == (50.0, 2, "2")
    assert "launched" not in over and "launched_max" not in over
    assert (over["launched_min"], over["launched_text"]) == (101, "over 100")
    assert (over["intercepted_min"], over["intercepted_max"], over["intercepted_text"]) == (
        90, 120, "90-120")
    assert (over["killed_min"], over["killed_text"]) == (3, "3+")
    assert (over["wounded_min"], over["wounded_max"], over["wounded_text"]) == (0, 40, "up to 40")


# ---------------------------------------------------------------------------------------
# ICS, read back by the icalendar parser


def _events(text: str):
    from icalendar import Calendar

    calendar = Calendar.from_ical(text)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_ics_has_one_event_per_record_that_icalendar_reads_back(story):
    stamp = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
    text = IcsExporter(stamp).render(order_records(story))
    assert text.startswith("BEGIN:VCALENDAR\r\n") and "\r\nVERSION:2.0\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded
    events = _events(text)
    assert set(events) == {f"{r.id}@conflict-timeline" for r in story}
    strike = events[f"{STRIKE_ID}@conflict-timeline"]
    assert strike.decoded("DTSTART") == datetime(2026, 1, 29, 16, 0, tzinfo=UTC)
    assert strike.decoded("DTEND") == datetime(2026, 1, 30, 6, 0, tzinfo=UTC)
    assert strike.decoded("DTSTAMP") == stamp
    assert str(strike["SUMMARY"]).startswith("Overnight attack: 111 strike drones and an "
                                             "Iskander-M")
    assert str(strike["LOCATION"]) == "Zaporizhzhia, Ukraine"
    assert strike["CATEGORIES"].cats == ["strike"]
    assert str(strike["URL"]).startswith("https://www.facebook.com/kpszsu/posts/")
    assert "by: Russia" in str(strike["DESCRIPTION"]).split("\n")


def test_ics_day_and_month_spans_are_all_day_events(story):
    events = _events(export_records("ics", story))
    trump = events["stmt-trump-cabinet-2026-01-29@conflict-timeline"]
    assert (trump.decoded("DTSTART"), trump.decoded("DTEND")) == (date(2026, 1, 29),
                                                                  date(2026, 1, 30))
    month = events["neg-territory-2026-01@conflict-timeline"]
    assert (month.decoded("DTSTART"), month.decoded("DTEND")) == (date(2026, 1, 1),
                                                                  date(2026, 2, 1))
    pause = events["pause-2026-01-cold-us@conflict-timeline"]
    assert (pause.decoded("DTSTART"), pause.decoded("DTEND")) == (date(2026, 1, 29),
                                                                  date(2026, 2, 5))


def test_ics_escapes_text_that_means_something_in_rfc_5545():
    events = _events(export_records("ics", _tricky()))
    statement = events["st-html@conflict-timeline"]
    assert str(statement["SUMMARY"]) == "<script>alert(1)</script> | pipes *bold*"
    assert str(statement["DESCRIPTION"]).startswith("line one\nline two, with; punctuation\\\n")
    strike = events["s-formula@conflict-timeline"]
    assert (strike["GEO"].latitude, strike["GEO"].longitude) == (-33.45, -70.66)
    assert "URL" not in strike  # javascript: is not a web address
    assert strike.decoded("DTSTART") == datetime(2026, 1, 30, 1, 15, tzinfo=UTC)
    assert strike.decoded("DTEND") == datetime(2026, 1, 30, 1, 16, tzinfo=UTC)


# ---------------------------------------------------------------------------------------
# Markdown


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_markdown_is_a_table_with_one_row_per_record(story):
    lines = export_records("markdown", story).splitlines()
    assert lines[0] == "| When | Kind | Title | Who | Where | Sources | Id |"
    assert lines[1] == "|---|---|---|---|---|---|---|"
    assert len(lines) == 2 + len(story)
    strike = next(line for line in lines if STRIKE_ID in line)
    cells = [c.strip() for c in _UNESCAPED_PIPE.split(strike)[1:-1]]
    assert cells[:2] == ["night of 29–30 Jan 2026, 18:00–08:00 EET", "strike"]
    assert cells[3:5] == ["Russia", "Zaporizhzhia, Ukraine"]
    assert cells[5].startswith("[Ukrainian Air Force (kpszsu), via 'Massive Missile Attacks on "
                               "Ukraine' (Petro Ivaniuk, ODC-BY 1.0)](<https://www.facebook.com/")
    assert cells[6] == STRIKE_ID


def test_markdown_cells_cannot_break_the_table_or_inject_markup():
    lines = export_records("markdown", _tricky()).splitlines()
    html_row = next(line for line in lines if "st\\-html" in line or "st-html" in line)
    cells = _UNESCAPED_PIPE.split(html_row)[1:-1]
    assert len(cells) == 7
    assert cells[2].strip() == r"\<script\>alert(1)\</script\> \| pipes \*bold\*"
    assert cells[3].strip() == "Tab inside"  # a tab is not kept inside a table cell
    formula_row = next(line for line in lines if "s-formula" in line)
    assert "](" not in formula_row  # javascript: sources are not made links


# ---------------------------------------------------------------------------------------
# the registry


def test_every_format_is_registered_with_its_name_and_renders(story):
    assert list(EXPORTERS) == ["csv", "timelinejs", "timesketch", "ics", "markdown", "parquet"]
    for name, exporter in EXPORTERS.items():
        assert exporter.name == name and exporter.suffix.startswith(".")
        assert export_records(name, story)


def test_an_unknown_format_is_a_usage_error(story):
    with pytest.raises(UsageError, match="unknown export format 'pdf'"):
        export_records("pdf", story)


def test_ics_without_icalendar_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "icalendar", None)  # import fails as if not installed
    with pytest.raises(UsageError, match=r"pip install 'conflict-timeline\[ics\]'"):
        export_records("ics", [record("strike")])


def test_an_open_window_gets_no_invented_end_in_timelinejs_and_timesketch():
    from conflict_timeline.loading import load_records

    gaza = Path(__file__).parent / "fixtures" / "ceasefires" / "gaza-2025-10.json"
    records = load_records([gaza])
    document = json.loads(export_records("timelinejs", records))
    assert document["eras"] == []  # an era must end: the window is its slide alone
    [slide] = [e for e in document["events"] if e["group"] == "pause"]
    assert "end_date" not in slide and slide["display_date"].endswith("until further notice")
    events = [json.loads(line) for line in export_records("timesketch", records).splitlines()]
    pause_events = [e for e in events if e["kind"] == "pause"]
    assert [e["timestamp_desc"] for e in pause_events] == [
        "Start of pause span (minute; open-ended: in force until further notice)"]
    assert "end" not in pause_events[0]


def test_csv_and_markdown_carry_a_pauses_versions_and_repeat():
    import csv
    import io

    from conflict_timeline.loading import load_records

    fixtures = Path(__file__).parent / "fixtures" / "ceasefires"
    yemen = load_records([fixtures / "yemen-truce-2022.json"])
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export_records("csv", yemen)))}
    assert rows["yemen-truce-2022-08"]["amends"] == "yemen-truce-2022-06"
    assert rows["yemen-truce-2022-04"]["amends"] == ""
    daily = load_records([fixtures / "gaza-daily-pauses-2023-11.json"])
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export_records("csv", daily)))}
    assert rows["gaza-daily-pauses-2023-11"]["repeat"] == "FREQ=DAILY"
    table = export_records("markdown", daily)
    assert "| daily 10:00–14:00 from 9 Nov 2023, until further notice (Asia/Gaza) | pause |" in table
