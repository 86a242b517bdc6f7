"""The 'Massive Missile Attacks on Ukraine' importer, on the real shared file and on small
messy tables written here."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from conflict_timeline.errors import InputError
from conflict_timeline.importers import ImportOptions, import_paths
from conflict_timeline.importers.base import REPEATED_ROW, SAME_ID
from conflict_timeline.importers.missile_attacks import (
    ATTRIBUTION,
    COLUMNS,
    report_time,
    source_of,
    weapon_type,
)
from conflict_timeline.records import Precision, Strike, WeaponType

from .conftest import SHARED_DATA

ROOT = Path(__file__).resolve().parents[1]
MISSILE_FILE = SHARED_DATA / "missile_attacks_daily.csv"  # TIMELINE_SHARED_DATA moves it
HEADER = ",".join(COLUMNS)
POST = "kpszsu/posts/pfbidFIXTURE"


def _table(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "attacks.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _row(start: str, end: str, model: str, launched: str = "1.0", destroyed: str = "1.0",
         source: str = POST, target: str = "Ukraine", launch_place: str = "") -> str:
    cells = dict.fromkeys(COLUMNS, "")
    cells.update(time_start=start, time_end=end, model=model, launched=launched,
                 destroyed=destroyed, source=source, target=target, launch_place=launch_place,
                 border_crossing="{}")
    return ",".join(f'"{cells[c]}"' if "," in cells[c] else cells[c] for c in COLUMNS)


@pytest.fixture(scope="module")
def whole_file():
    if not MISSILE_FILE.exists():
        pytest.skip(f"the shared data file is not at {MISSILE_FILE}")
    return import_paths("missile-attacks", [MISSILE_FILE])


def test_the_whole_shared_file_imports_with_nothing_skipped(whole_file):
    report = whole_file.report
    assert report.rows_read == 3585
    assert report.problems == []
    assert report.skipped == []
    assert report.records_made == len(whole_file.records) == 2034
    # every row is one weapon of one strike: none dropped, none counted twice
    assert sum(len(r.weapons) for r in whole_file.records) == 3585


def test_reimporting_gives_the_same_ids(whole_file):
    again = import_paths("missile-attacks", [MISSILE_FILE])
    first = [r.id for r in whole_file.records]
    assert first == [r.id for r in again.records]
    assert len(set(first)) == len(first)


def test_the_story_attack_is_one_strike_with_its_two_weapon_rows(whole_file):
    [strike] = [r for r in whole_file.records
                if r.when == "2026-01-29T18:00/2026-01-30T08:00" and "reporter:kpszsu" in r.tags]
    assert isinstance(strike, Strike)
    assert strike.by == "Russia"
    assert strike.tz == "Europe/Kyiv"
    assert strike.span.start == datetime(2026, 1, 29, 16, 0, tzinfo=timezone.utc)
    assert strike.span.end == datetime(2026, 1, 30, 6, 0, tzinfo=timezone.utc)
    drones, missile = strike.weapons
    assert (drones.type, drones.model, drones.launched, drones.intercepted) == (
        WeaponType.DRONE, "Shahed-136/131", 111, 80)
    assert (missile.type, missile.model, missile.launched, missile.intercepted,
            missile.launched_from) == (WeaponType.BALLISTIC_MISSILE, "Iskander-M", 1, 0,
                                       "Voronezh oblast")
    assert strike.sources[0].url == ("https://www.facebook.com/kpszsu/posts/pfbid0wiUs5RZutp"
                                     "LCuhpxLGVhaiN99Fz822Migp1F9ixtTjoGUziqtdQBhY9iHYAwmXgGl")
    assert "6 still in the air at report time" in strike.summary


def test_every_imported_record_carries_the_data_sets_attribution(whole_file):
    for record in whole_file.records:
        [source] = record.sources
        assert ATTRIBUTION in source.name and "ODC-BY 1.0" in source.name, record.id


def test_national_and_regional_reports_of_one_night_stay_separate(whole_file):
    night = [r for r in whole_file.records if r.when.startswith("2026-04-04")]
    reporters = sorted(t for r in night for t in r.tags if t.startswith("reporter:"))
    assert reporters == ["reporter:PvKPivden", "reporter:kpszsu"]


@pytest.mark.parametrize(("model", "expected"), [
    ("Shahed-136/131", WeaponType.DRONE),
    ("Unknown UAV", WeaponType.DRONE),
    ("Молнія", WeaponType.DRONE),
    ("Iskander-M", WeaponType.BALLISTIC_MISSILE),
    ("KN-23", WeaponType.BALLISTIC_MISSILE),
    ("X-47 Kinzhal", WeaponType.BALLISTIC_MISSILE),
    ("C-300 and Iskander-M", WeaponType.BALLISTIC_MISSILE),
    ("X-101/X-555", WeaponType.CRUISE_MISSILE),
    ("Kalibr", WeaponType.CRUISE_MISSILE),
    ("X-101/X-555 and Kalibr", WeaponType.CRUISE_MISSILE),
    ("KAB-500", WeaponType.GUIDED_BOMB),
    ("GBU", WeaponType.GUIDED_BOMB),
    ("Iskander-M/KN-23 and Iskander-K and Kalibr", WeaponType.OTHER),  # mixed types
    ("Aerial Bomb", WeaponType.OTHER),
    ("Unknown Missile", WeaponType.OTHER),
])
def test_weapon_models_map_to_types(model, expected):
    assert weapon_type(model) is expected


def test_unmapped_names_keep_their_text_under_other(tmp_path):
    path = _table(tmp_path, _row("2024-01-01", "2024-01-01", "Zmei Gorynych-7", "3.0", "2.0"))
    [strike] = import_paths("missile-attacks", [path]).records
    [weapon] = strike.weapons
    assert (weapon.type, weapon.model, weapon.launched, weapon.intercepted) == (
        WeaponType.OTHER, "Zmei Gorynych-7", 3, 2)


@pytest.mark.parametrize(("text", "expected"), [
    ("2023-05-16 3:30", "2023-05-16T03:30"),
    ("2026-01-29 18:00 ", "2026-01-29T18:00"),
    ("2024-06-01", "2024-06-01"),
])
def test_report_times_are_normalised(text, expected):
    assert report_time(text) == expected


@pytest.mark.parametrize(("source", "account", "url"), [
    ("kpszsu/posts/pfbid0abc", "kpszsu", "https://www.facebook.com/kpszsu/posts/pfbid0abc"),
    ("GeneralStaff.ua/posts/pfbid0x", "GeneralStaff.ua",
     "https://www.facebook.com/GeneralStaff.ua/posts/pfbid0x"),
    ("https://t.me/kpszsu/44624", "kpszsu", "https://t.me/kpszsu/44624"),
    ("kharkivoda.gov.ua/news/123125", "kharkivoda.gov.ua", "https://kharkivoda.gov.ua/news/123125"),
    ("watch/?v=375517448001233", "facebook", "https://www.facebook.com/watch/?v=375517448001233"),
])
def test_source_posts_become_addresses(source, account, url):
    assert source_of(source) == (account, url)


def test_rows_of_one_window_and_post_group_into_one_strike_wherever_they_are(tmp_path):
    path = _table(
        tmp_path,
        _row("2026-01-29 18:00", "2026-01-30 08:00", "Shahed-136/131", "111.0", "80.0",
             launch_place="Kursk oblast, Oryol oblast"),
        _row("2026-01-29", "2026-01-29", "Unknown UAV", source="PvKPivden/posts/pfbidOTHER",
             target="south"),
        _row("2026-01-29 18:00 ", "2026-01-30 08:00", "Iskander-M", "1.0", "0.0"),
    )
    result = import_paths("missile-attacks", [path])
    night, regional = result.records
    assert [w.model for w in night.weapons] == ["Shahed-136/131", "Iskander-M"]
    assert night.weapons[0].launched_from == "Kursk oblast, Oryol oblast"
    assert night.title == "Air attack: 111 Shahed-136/131, 1 Iskander-M (reported by kpszsu)"
    assert night.location.region is None  # the whole country
    assert regional.when == "2026-01-29" and regional.span.precision is Precision.DAY
    assert regional.location.region == "south"
    assert result.report.rows_read == 3 and result.report.records_made == 2


def test_a_window_that_starts_and_ends_at_one_time_is_that_minute(tmp_path):
    path = _table(tmp_path, _row("2024-03-13 12:00", "2024-03-13 12:00", "GBU"))
    [strike] = import_paths("missile-attacks", [path]).records
    assert strike.when == "2024-03-13T12:00"
    assert strike.span.precision is Precision.MINUTE


def test_an_unreadable_count_is_located_and_its_whole_report_is_left_out(tmp_path):
    path = _table(
        tmp_path,
        _row("2026-01-29 18:00", "2026-01-30 08:00", "Shahed-136/131", "many", "80.0"),
        _row("2026-01-29 18:00", "2026-01-30 08:00", "Iskander-M", "1.0", "0.5"),
        _row("2026-01-28 18:00", "2026-01-29 08:00", "Shahed-136/131", "40.0", "30.0"),
    )
    result = import_paths("missile-attacks", [path])
    assert [str(p) for p in result.report.problems] == [
        f"{path}: line 2, column 7: field 'launched': expected a count (a whole number such "
        "as 12), got 'many'",
        f"{path}: line 3, column 8: field 'destroyed': expected a count (a whole number of 0 "
        "or more), got '0.5'",
    ]
    assert [(s.line, s.reason) for s in result.report.skipped] == [
        (2, "a value cannot be read (see the problems)"),
        (3, "a value cannot be read (see the problems)"),
    ]
    [kept] = result.records
    assert kept.when == "2026-01-28T18:00/2026-01-29T08:00"


def test_a_bad_row_takes_its_report_with_it_and_says_so(tmp_path):
    path = _table(
        tmp_path,
        _row("2026-01-29 18:00", "2026-01-30 08:00", "Shahed-136/131", "111.0", "-3"),
        _row("2026-01-29 18:00", "2026-01-30 08:00", "Iskander-M", "1.0", "0.0"),
    )
    result = import_paths("missile-attacks", [path])
    assert result.records == []
    assert [(s.line, s.reason) for s in result.report.skipped] == [
        (2, "a value cannot be read (see the problems)"),
        (3, "its report also has line 2, which cannot be read: a strike is made from whole "
            "reports only"),
    ]


def test_unreadable_and_reversed_windows_are_problems(tmp_path):
    path = _table(
        tmp_path,
        _row("2026-13-01", "2026-01-30 08:00", "Shahed-136/131"),
        _row("2026-01-30 08:00", "2026-01-29 18:00", "Shahed-136/131"),
    )
    result = import_paths("missile-attacks", [path])
    first, second = result.report.problems
    assert (first.location, first.field) == ("line 2, column 1", "time_start")
    assert "not a real date" in first.message
    assert (second.location, second.field) == ("line 3, column 2", "time_end")
    assert "no later than it starts" in second.message
    assert result.records == [] and len(result.report.skipped) == 2


def test_strict_stops_at_the_first_problem(tmp_path):
    path = _table(
        tmp_path,
        _row("2026-01-29 18:00", "2026-01-30 08:00", "Shahed-136/131", "x", "y"),
        _row("2026-01-28 18:00", "2026-01-29 08:00", "Shahed-136/131", "z"),
    )
    with pytest.raises(InputError) as caught:
        import_paths("missile-attacks", [path], ImportOptions(strict=True))
    [problem] = caught.value.problems
    assert (problem.location, problem.field) == ("line 2, column 7", "launched")


def test_the_same_report_imported_twice_is_skipped_the_second_time(tmp_path):
    # its rows are repeats of the first file's (they were skipped by id, once per report)
    path = _table(tmp_path, _row("2024-01-01", "2024-01-01", "Kalibr"))
    result = import_paths("missile-attacks", [path, path])
    assert len(result.records) == 1
    [skipped] = result.report.skipped
    assert (skipped.line, skipped.reason, skipped.detail) == (2, REPEATED_ROW,
                                                             f"as {path}: line 2")
    assert result.report.repeated_rows == 1


def test_a_report_whose_rows_differ_in_a_second_file_is_skipped_by_id(tmp_path):
    first = _table(tmp_path, _row("2024-01-01", "2024-01-01", "Kalibr", "3.0"))
    second = tmp_path / "second.csv"
    second.write_text(HEADER + "\n" + _row("2024-01-01", "2024-01-01", "Kalibr", "4.0") + "\n",
                      encoding="utf-8")
    result = import_paths("missile-attacks", [first, second])
    [record] = result.records
    assert record.weapons[0].launched == 3
    [skipped] = result.report.skipped
    assert (skipped.file, skipped.reason, skipped.detail) == (
        str(second), SAME_ID, f"'{record.id}', first from {first}: line 2")


def test_a_row_repeated_in_one_file_is_skipped_not_added_to_the_strike(tmp_path):
    # old: '93 Shahed-136/131, 93 Shahed-136/131', 186 launched, "0 rows skipped"
    row = _row("2026-01-29 18:00", "2026-01-30 08:00", "Shahed-136/131", "93.0", "80.0")
    other = _row("2026-01-29 18:00", "2026-01-30 08:00", "Iskander-M", "1.0", "0.0")
    path = _table(tmp_path, row, row, other, row)
    result = import_paths("missile-attacks", [path])
    [strike] = result.records
    assert [(w.model, w.launched, w.intercepted) for w in strike.weapons] == [
        ("Shahed-136/131", 93, 80), ("Iskander-M", 1, 0)]
    assert strike.title == "Air attack: 93 Shahed-136/131, 1 Iskander-M (reported by kpszsu)"
    assert [(s.line, s.reason, s.detail) for s in result.report.skipped] == [
        (3, REPEATED_ROW, f"as {path}: line 2"), (5, REPEATED_ROW, f"as {path}: line 2")]
    assert (result.report.rows_read, result.report.repeated_rows) == (4, 2)
    assert result.report.problems == []


def test_forty_copies_of_a_row_give_its_count_once(tmp_path):
    row = _row("2026-01-29 18:00", "2026-01-30 08:00", "Shahed-136/131", "93.0", "80.0")
    result = import_paths("missile-attacks", [_table(tmp_path, *[row] * 40)])
    [strike] = result.records
    assert [w.launched for w in strike.weapons] == [93]  # old: 40 weapons, 3,720 launched
    assert result.report.repeated_rows == 39


def test_the_shared_file_with_every_row_twice_imports_the_same_records(whole_file, tmp_path):
    lines = MISSILE_FILE.read_text(encoding="utf-8").splitlines()
    doubled = tmp_path / "doubled.csv"
    doubled.write_text("\n".join(lines + lines[1:]) + "\n", encoding="utf-8")
    again = import_paths("missile-attacks", [doubled])
    assert [r.weapons for r in again.records] == [r.weapons for r in whole_file.records]
    assert again.report.repeated_rows == len(lines) - 1 == 3585
    assert again.report.problems == []


def test_the_id_follows_the_window_and_post_not_the_counts(tmp_path):
    one = import_paths("missile-attacks", [_table(tmp_path, _row("2024-01-01", "2024-01-01",
                                                                 "Kalibr", "3.0"))]).records
    two = import_paths("missile-attacks", [_table(tmp_path, _row("2024-01-01", "2024-01-01",
                                                                 "Kalibr", "4.0"))]).records
    other = import_paths("missile-attacks", [_table(tmp_path, _row(
        "2024-01-01", "2024-01-01", "Kalibr", source="kpszsu/posts/pfbidELSE"))]).records
    assert one[0].id == two[0].id
    assert other[0].id != one[0].id
    assert one[0].id.startswith("mau-2024-01-01-kpszsu-")


def test_a_header_without_the_needed_columns_is_one_problem(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("date,what\n2024-01-01,something\n", encoding="utf-8")
    result = import_paths("missile-attacks", [path])
    [problem] = result.report.problems
    assert problem.location == "line 1"
    assert "lacks the columns time_start, time_end, model, launched, destroyed, source" in (
        problem.message)
    assert result.records == []


def test_progress_is_reported_up_to_the_last_line(tmp_path):
    path = _table(tmp_path, _row("2024-01-01", "2024-01-01", "Kalibr"),
                  _row("2024-01-02", "2024-01-02", "Kalibr"))
    seen: list[tuple[int, int]] = []
    import_paths("missile-attacks", [path], progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3, 3)


@pytest.mark.parametrize("start, end, first_utc, last_utc", [
    # Kyiv's clocks went back from 04:00 to 03:00 on 26 Oct 2025: 03:30 happened twice
    ("2025-10-26 03:30", "2025-10-26 07:00", "2025-10-26T00:30:00+00:00", "2025-10-26T05:00:00+00:00"),
    ("2025-10-25 22:00", "2025-10-26 03:30", "2025-10-25T19:00:00+00:00", "2025-10-26T01:30:00+00:00"),
    # and skipped 03:00 to 04:00 on 30 Mar 2025: 03:30 never happened
    ("2025-03-30 03:30", "2025-03-30 06:00", "2025-03-30T00:30:00+00:00", "2025-03-30T03:00:00+00:00"),
])
def test_a_report_time_the_clocks_skipped_or_repeated_is_kept_widened(tmp_path, start, end,
                                                                      first_utc, last_utc):
    result = import_paths("missile-attacks", [_table(tmp_path, _row(start, end, "Shahed-136/131"))])
    [strike] = result.records
    assert strike.span.start.astimezone(timezone.utc).isoformat() == first_utc
    assert strike.span.end.astimezone(timezone.utc).isoformat() == last_utc
    assert result.report.widened_rows == 1 and result.report.skipped == []
    assert result.report.as_dict()["rows_widened"] == 1


def test_widened_rows_are_counted_in_the_import_summary(tmp_path):
    from rich.console import Console

    from conflict_timeline.rendering.import_report import import_summary

    result = import_paths("missile-attacks", [_table(
        tmp_path, _row("2025-10-26 03:30", "2025-10-26 07:00", "Shahed-136/131"))])
    console = Console(width=300, record=True)
    console.print(import_summary(result.report))
    assert ("1 row at a time the clocks skipped or repeated (a daylight-saving change) kept "
            "with a span covering both readings") in console.export_text()
