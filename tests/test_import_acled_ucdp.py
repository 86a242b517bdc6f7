"""ACLED and UCDP GED importers, on fixtures written here in each source's exact column
layout (ACLED's terms forbid redistributing its data)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from conflict_timeline.errors import InputError, UsageError
from conflict_timeline.importers import ImportOptions, import_paths
from conflict_timeline.importers.acled import COLUMNS as ACLED_COLUMNS
from conflict_timeline.importers.acled import event_span
from conflict_timeline.importers.ucdp_ged import COLUMNS as GED_COLUMNS
from conflict_timeline.records import Negotiation, Precision, Statement, Strike

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ACLED = FIXTURES / "acled_sample.csv"
GED = FIXTURES / "ucdp_ged_sample.csv"
GED_NO_HEADER = FIXTURES / "ucdp_ged_noheader.csv"
UTC = timezone.utc


def _by_id(records):
    return {r.id: r for r in records}


def test_the_fixtures_have_the_sources_exact_layouts():
    assert len(ACLED_COLUMNS) == 31 and len(GED_COLUMNS) == 49
    assert ACLED.read_bytes().startswith(b"\xef\xbb\xbf" + ",".join(ACLED_COLUMNS).encode())
    assert GED.read_text().split("\n", 1)[0] == ",".join(GED_COLUMNS)


# ---------------------------------------------------------------------------------------
# ACLED


def test_acled_strikes_and_agreements_are_imported_and_the_rest_counted_by_type():
    result = import_paths("acled", [ACLED])
    records = _by_id(result.records)
    assert list(records) == ["UKR9001", "UKR9002", "UKR9003", "UKR9004"]
    assert [type(r) for r in records.values()] == [Strike, Strike, Strike, Negotiation]
    hint = " (--include-other imports it as the nearest kind)"
    assert dict(result.report.skipped_by_reason()) == {
        "not one of the four kinds: ACLED type Battles / Armed clash" + hint: 2,
        "not one of the four kinds: ACLED type Protests / Peaceful protest" + hint: 1,
        "not one of the four kinds: ACLED type Explosions/Remote violence / "
        "Remote explosive/landmine/IED" + hint: 1,
    }
    assert [s.line for s in result.report.skipped] == [6, 7, 8, 9]
    assert (result.report.rows_read, result.report.records_made) == (8, 4)
    assert result.report.problems == []


def test_acled_columns_map_to_record_fields():
    strike = _by_id(import_paths("acled", [ACLED]).records)["UKR9001"]
    assert strike.by == "Military Forces of Russia (2000-)"
    assert strike.location.region == "Zaporizhzhia"
    assert (strike.location.place, strike.location.lat, strike.location.lon) == (
        "Zaporizhzhia", 47.8388, 35.1396)
    assert strike.casualties.killed == 0
    assert strike.summary.startswith("Fixture text: on 30 January 2026 a Russian drone")
    assert strike.actors == ["Civilians (Ukraine)"]
    assert [s.name for s in strike.sources] == [
        "Ukrainska Pravda", "Suspilne",
        "ACLED (Armed Conflict Location & Event Data), event UKR9001"]
    assert strike.sources[-1].published == "2026-01-30T10:00:00+00:00"
    assert strike.tags == ["acled:Explosions/Remote violence", "acled:Air/drone strike",
                           "acled:civilian-targeting"]


def test_acled_time_precision_gives_an_honest_span():
    records = _by_id(import_paths("acled", [ACLED], ImportOptions(tz="Europe/Kyiv")).records)
    day, week, month = records["UKR9001"], records["UKR9002"], records["UKR9003"]
    assert (day.when, day.span.precision) == ("2026-01-30", Precision.DAY)
    # 28 January 2026 is a Wednesday: its ACLED week runs Saturday 24 to Friday 30
    assert week.when == "2026-01-24/2026-01-30"
    assert week.span.start == datetime(2026, 1, 23, 22, 0, tzinfo=UTC)
    assert week.span.end == datetime(2026, 1, 30, 22, 0, tzinfo=UTC)
    assert (month.when, month.span.precision) == ("2026-01", Precision.MONTH)


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 1, 24), "2026-01-24/2026-01-30"),  # a Saturday starts its own week
    (date(2026, 1, 30), "2026-01-24/2026-01-30"),  # a Friday ends it
    (date(2026, 1, 31), "2026-01-31/2026-02-06"),
])
def test_acled_weeks_run_saturday_to_friday(day, expected):
    assert event_span("2", day) == expected


def test_acled_agreement_is_an_agreed_negotiation():
    negotiation = _by_id(import_paths("acled", [ACLED]).records)["UKR9004"]
    assert negotiation.parties == ["Government of Russia (2000-)",
                                   "Government of the United States (2025-)"]
    assert negotiation.outcome == "agreed"


def test_acled_other_types_come_in_as_the_nearest_kind_only_when_asked():
    result = import_paths("acled", [ACLED], ImportOptions(include_other=True))
    records = _by_id(result.records)
    assert result.report.skipped == []
    clash, protest, mine = records["UKR9005"], records["UKR9006"], records["UKR9008"]
    assert isinstance(clash, Strike) and clash.tags == ["acled:Battles", "acled:Armed clash"]
    assert clash.casualties.killed == 3
    assert isinstance(protest, Statement) and protest.speaker == "Protesters (Ukraine)"
    assert "acled:Peaceful protest" in protest.tags
    assert isinstance(mine, Strike) and "acled:Remote explosive/landmine/IED" in mine.tags


def _acled_file(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    base = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
            "actor1": "Military Forces of Russia (2000-)", "time_precision": "1",
            "event_date": "2026-01-30", "fatalities": "0", "country": "Ukraine"}
    lines = [",".join(ACLED_COLUMNS)]
    for row in rows:
        cells = {**base, **row}
        lines.append(",".join(cells.get(c, "") for c in ACLED_COLUMNS))
    path = tmp_path / "acled.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_acled_input_errors_are_all_reported_by_line_and_column(tmp_path):
    path = _acled_file(tmp_path, [
        {"event_id_cnty": "UKR1", "event_date": "30/01/2026"},
        {"event_id_cnty": "UKR2", "time_precision": "4"},
        {"event_id_cnty": "UKR3", "fatalities": "-1", "latitude": "95"},
        {"event_id_cnty": "UKR4"},
    ])
    result = import_paths("acled", [path])
    assert [(p.location, p.field) for p in result.report.problems] == [
        ("line 2, column 2", "event_date"),
        ("line 3, column 4", "time_precision"),
        ("line 4, column 29", "fatalities"),
        ("line 4, column 23", "latitude"),
    ]
    assert "expected 1 (day), 2 (week) or 3 (month), got '4'" in result.report.problems[1].message
    assert [r.id for r in result.records] == ["UKR4"]
    assert [s.line for s in result.report.skipped] == [2, 3, 4]


def test_acled_strict_stops_at_the_first_problem(tmp_path):
    path = _acled_file(tmp_path, [{"event_id_cnty": "UKR1", "event_date": "soon"},
                                  {"event_id_cnty": "UKR2", "time_precision": "9"}])
    with pytest.raises(InputError) as caught:
        import_paths("acled", [path], ImportOptions(strict=True))
    assert [p.field for p in caught.value.problems] == ["event_date"]


def test_acled_without_a_bom_and_with_a_wrong_cell_count(tmp_path):
    path = _acled_file(tmp_path, [{"event_id_cnty": "UKR1"}])
    with path.open("a", encoding="utf-8") as out:
        out.write("UKR2,2026-01-30,2026\n")
    result = import_paths("acled", [path])
    assert [r.id for r in result.records] == ["UKR1"]
    [problem] = result.report.problems
    assert (problem.location, problem.message) == ("line 3", "expected 31 cells as in the "
                                                   "header, found 3")


def test_a_record_field_the_models_reject_points_at_its_column(tmp_path):
    path = _acled_file(tmp_path, [{"event_id_cnty": "", "event_date": "2026-01-30"}])
    result = import_paths("acled", [path])
    [problem] = result.report.problems
    assert (problem.location, problem.field) == ("line 2, column 1", "event_id_cnty")
    assert problem.message.startswith("record field 'id': missing")


def test_unknown_format_and_zone_are_usage_errors():
    with pytest.raises(UsageError, match="unknown import format 'gdelt'"):
        import_paths("gdelt", [ACLED])
    with pytest.raises(UsageError, match="unknown time zone 'Mars/Olympus'"):
        import_paths("acled", [ACLED], ImportOptions(tz="Mars/Olympus"))


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path):
    result = import_paths("acled", [tmp_path / "nope.csv", ACLED])
    assert [str(p) for p in result.report.problems] == [f"{tmp_path / 'nope.csv'}: no such file"]
    assert len(result.records) == 4


# ---------------------------------------------------------------------------------------
# UCDP GED


def test_ucdp_ged_with_and_without_its_header_row_gives_the_same_records():
    with_header = import_paths("ucdp-ged", [GED])
    without = import_paths("ucdp-ged", [GED_NO_HEADER])
    assert [r.model_dump() for r in with_header.records] == [
        r.model_dump() for r in without.records]
    assert [r.id for r in with_header.records] == [
        "ucdp-ged-900001", "ucdp-ged-900002", "ucdp-ged-900003"]
    assert without.report.problems == [] and without.report.rows_read == 3


@pytest.mark.parametrize("source", [GED, GED_NO_HEADER])
def test_ucdp_ged_with_lines_ended_by_cr_alone_reads_the_same(tmp_path, source):
    # found by the long property-test run: the header sniffing read only up to an LF
    text = source.read_text(encoding="utf-8-sig")
    old_mac = tmp_path / "ged.csv"
    old_mac.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r").encode())
    result = import_paths("ucdp-ged", [old_mac])
    assert result.report.problems == []
    assert [r.model_dump() for r in result.records] == [
        r.model_dump() for r in import_paths("ucdp-ged", [source]).records]


def test_ucdp_ged_span_covers_the_earliest_and_latest_dates_whole():
    records = _by_id(import_paths("ucdp-ged", [GED]).records)
    week, day = records["ucdp-ged-900002"], records["ucdp-ged-900001"]
    assert week.when == "2026-01-24/2026-01-30"
    assert (week.span.start, week.span.end) == (datetime(2026, 1, 24, tzinfo=UTC),
                                                datetime(2026, 1, 31, tzinfo=UTC))
    assert (day.when, day.span.precision) == ("2026-01-30", Precision.DAY)


def test_ucdp_ged_deaths_are_kept():
    strike = _by_id(import_paths("ucdp-ged", [GED]).records)["ucdp-ged-900002"]
    assert strike.casualties.killed == 12
    assert strike.summary.startswith("Deaths: best estimate 12 (low 10, high 20); side A 4, "
                                     "side B 6, civilians 0, unknown 2.")
    assert strike.by == "Government of Russia (Soviet Union)"
    assert strike.actors == ["Government of Ukraine"]
    assert strike.location.region == "Donetsk oblast"
    assert strike.tags == ["ucdp:state-based"]
    assert strike.sources[-1].name.endswith("event 900002")


def test_ucdp_ged_errors_are_located(tmp_path):
    lines = GED_NO_HEADER.read_text().splitlines()
    cells = lines[0].split(",")
    start = GED_COLUMNS.index("date_start")
    cells[start], cells[start + 1] = "2026-01-30", "2026-01-29"
    cells[GED_COLUMNS.index("best")] = "twelve"
    path = tmp_path / "ged.csv"
    path.write_text("\n".join([",".join(cells), lines[1], "1,2,3"]) + "\n", encoding="utf-8")
    result = import_paths("ucdp-ged", [path])
    assert [(p.location, p.field) for p in result.report.problems] == [
        ("line 1, column 45", "best"),
        ("line 1, column 40", "date_end"),
        ("line 3", ""),
    ]
    assert [r.id for r in result.records] == ["ucdp-ged-900002"]


def test_a_row_that_is_not_valid_csv_is_located_and_the_rest_imported(tmp_path):
    lines = GED_NO_HEADER.read_text().splitlines()
    path = tmp_path / "ged.csv"
    path.write_text("\n".join([lines[0], 'x,"abc"def,' + lines[1], lines[2]]) + "\n",
                    encoding="utf-8")
    result = import_paths("ucdp-ged", [path])
    [problem] = result.report.problems
    assert problem.location == "line 2"
    assert problem.message.startswith("cannot read this CSV row: ")
    assert [(s.line, s.reason) for s in result.report.skipped] == [(2, "the row is not valid CSV")]
    assert [r.id for r in result.records] == ["ucdp-ged-900001", "ucdp-ged-900003"]
    assert result.report.rows_read == 3


# ---------------------------------------------------------------------------------------
# repeated rows, inside one file and across files


def _doubled(source: Path, tmp_path: Path, name: str) -> Path:
    """The fixture with every data row written twice, the copies after the originals."""
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    start = 1 if lines[0].startswith(("event_id_cnty", "id,")) else 0
    path = tmp_path / name
    path.write_text("\n".join(lines + lines[start:]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("fmt", "source"), [("acled", ACLED), ("ucdp-ged", GED),
                                             ("ucdp-ged", GED_NO_HEADER)])
def test_a_repeated_row_is_skipped_and_counted_as_one(tmp_path, fmt, source):
    from conflict_timeline.importers.base import REPEATED_ROW

    once = import_paths(fmt, [source])
    twice = import_paths(fmt, [_doubled(source, tmp_path, "doubled.csv")])
    assert [r.id for r in twice.records] == [r.id for r in once.records]
    assert twice.report.rows_read == 2 * once.report.rows_read
    assert twice.report.repeated_rows == once.report.rows_read
    repeated = [s for s in twice.report.skipped if s.reason == REPEATED_ROW]
    first_line = 1 if source == GED_NO_HEADER else 2
    assert len(repeated) == once.report.rows_read
    assert repeated[0].detail == f"as {tmp_path / 'doubled.csv'}: line {first_line}"
    # across files: the second file's rows are all repeats of the first's
    across = import_paths(fmt, [source, source])
    assert [r.id for r in across.records] == [r.id for r in once.records]
    assert across.report.repeated_rows == once.report.rows_read


def test_rows_with_one_id_but_other_cells_are_grouped_in_one_line_of_the_report(tmp_path):
    from rich.console import Console

    from conflict_timeline.rendering.import_report import import_summary

    lines = ACLED.read_text(encoding="utf-8-sig").splitlines()
    later = tmp_path / "later.csv"  # a later export: the same events, notes revised
    later.write_text("\n".join([lines[0]] + [line + " " for line in lines[1:5]]) + "\n",
                     encoding="utf-8")
    result = import_paths("acled", [ACLED, later])
    assert len(result.records) == 4
    console = Console(width=200, record=True, file=__import__("io").StringIO())
    console.print(import_summary(result.report), soft_wrap=True)
    out = console.export_text().splitlines()
    same = [line for line in out if "same id" in line]
    # old: one line per id ("same id 'UKR9001' as …: already imported", 2,036 of them in the
    # Air Force table imported twice); now one line for the reason, one with the first ids
    assert same == [f"  4 × same id as a record already imported: {later}:2, {later}:3, "
                    f"{later}:4, {later}:5"]
    details = out[out.index(same[0]) + 1]
    assert details == (f"    'UKR9001', first from {ACLED}: line 2; 'UKR9002', first from "
                       f"{ACLED}: line 3; 'UKR9003', first from {ACLED}: line 4 and 1 more")


# ---------------------------------------------------------------------------------------
# what `timeline import` says


def _cyrillic_acled(tmp_path: Path) -> Path:
    lines = ACLED.read_text(encoding="utf-8-sig").splitlines()
    row = lines[1].replace("Zaporizhzhia", "Запоріжжя", 1)
    path = tmp_path / "cp1251.csv"
    path.write_bytes(("\r\n".join([lines[0], row]) + "\r\n").encode("cp1251"))
    return path


def test_an_undecodable_file_is_not_read_located_and_encoding_is_offered(tmp_path):
    from .conftest import cli

    path = _cyrillic_acled(tmp_path)
    column = path.read_bytes().split(b"\r\n")[1].index("З".encode("cp1251")) + 1
    result = cli("import", "acled", str(path))
    assert result.exit_code == 2 and result.stdout == ""
    err = result.stderr
    # old: "imported 0 records from 0 rows ... the rows they are on were left out"
    assert err.splitlines()[0] == f"imported 0 records from 0 rows; 0 rows skipped; 1 file " \
                                  f"not read: {path}"
    assert "the file they are in was not read, no record was left to write" in err
    offset = path.read_bytes().index("З".encode("cp1251")) + 1
    assert (f"{path}: line 2, column {column}: the file was not read: byte 0xc7 (byte {offset} "
            "of the file) is not UTF-8 text (invalid continuation byte); save it as UTF-8, or "
            "name the encoding it was saved in with --encoding (e.g. --encoding cp1251 for a "
            "Windows Cyrillic export)") in " ".join(err.split())
    assert "rows they are on were left out" not in err
    read = cli("import", "acled", str(path), "--encoding", "cp1251")
    assert read.exit_code == 0, read.stderr
    [line] = [json.loads(x) for x in read.stdout.splitlines()]
    assert line["location"]["region"] == "Запоріжжя"


def test_the_column_of_a_bad_byte_counts_characters_and_an_unknown_encoding_is_refused(tmp_path):
    from .conftest import cli

    path = tmp_path / "t.csv"
    path.write_bytes(",".join(ACLED_COLUMNS).encode() + b"\nUKR1,\xd0\x96\xd0\x96\xff\n")
    result = cli("import", "acled", str(path))
    assert f"{path}: line 2, column 8: the file was not read: byte 0xff" in result.stderr
    refused = cli("import", "acled", str(path), "--encoding", "klingon")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert "unknown encoding 'klingon': name one Python knows, e.g. utf-8, cp1251" \
        in refused.stderr
    undefined = tmp_path / "u.csv"  # 0x98 has no character in cp1251
    undefined.write_bytes(",".join(ACLED_COLUMNS).encode() + b"\nUKR1,\x98\n")
    bad = cli("import", "acled", str(undefined), "--encoding", "cp1251")
    assert bad.exit_code == 2
    assert (f"{undefined}: line 2, column 6: the file was not read: byte 0x98 (byte "
            f"{undefined.read_bytes().index(bytes([0x98])) + 1} of "
            "the file) is not cp1251 text") in " ".join(bad.stderr.split())


def test_import_says_how_many_repeated_rows_it_skipped(tmp_path):
    from .conftest import cli

    result = cli("import", "acled", str(_doubled(ACLED, tmp_path, "twice.csv")))
    assert result.exit_code == 0
    err = result.stderr.splitlines()
    assert err[0] == (f"imported 4 records from 16 rows ({tmp_path / 'twice.csv'}); 12 rows "
                      "skipped (8 repeated rows skipped)")
    assert ("  8 × repeated row: the same cells as an earlier row (its counts are not added "
            "twice): lines 10, 11, 12, 13, 14, 15, 16, 17") in err
    assert len(result.stdout.splitlines()) == 4


def test_files_joined_with_their_headers_import_as_one(tmp_path):
    # `cat a.csv b.csv > all.csv` keeps b's header (and its byte-order mark) mid-file; it
    # was read as an event row: six problems and exit 2
    from conflict_timeline.importers.base import REPEATED_HEADER, REPEATED_ROW

    joined = tmp_path / "joined.csv"
    joined.write_bytes(ACLED.read_bytes().rstrip(b"\n") + b"\n" + ACLED.read_bytes())
    result = import_paths("acled", [joined])
    assert result.report.problems == []
    assert [r.id for r in result.records] == ["UKR9001", "UKR9002", "UKR9003", "UKR9004"]
    assert [(s.line, s.reason) for s in result.report.skipped if s.reason != REPEATED_ROW
            and not s.reason.startswith("not one of")] == [(10, REPEATED_HEADER)]
    assert result.report.repeated_rows == 8


def test_a_repeated_rows_detail_is_shown_once_however_many_copies(tmp_path):
    from .conftest import cli

    lines = ACLED.read_text(encoding="utf-8-sig").splitlines()
    path = tmp_path / "copies.csv"
    path.write_text("\n".join([lines[0]] + [lines[1]] * 40) + "\n", encoding="utf-8")
    result = cli("import", "acled", str(path))
    assert result.exit_code == 0
    err = result.stderr.splitlines()
    assert err[0].endswith("; 39 rows skipped (39 repeated rows skipped)")
    assert f"    as {path}: line 2" in err
