"""`timeline import`, `export`, `schema` and `validate` through the CLI: exit codes, stdout
parsed back, messages on stderr."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from rich.console import Console

from conflict_timeline.cli.export import ExportFormat
from conflict_timeline.cli.import_records import ImportFormat
from conflict_timeline.cli.validate import TextOrJson
from conflict_timeline.loading import load_records
from conflict_timeline.records import record_to_dict
from conflict_timeline.rendering.import_report import import_progress

from .conftest import SHARED_DATA, record, write_json

MISSILE_FILE = SHARED_DATA / "missile_attacks_daily.csv"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ACLED = FIXTURES / "acled_sample.csv"
STORY_STRIKE = "mau-2026-01-29-kpszsu-4ac42455a2"


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def needs_missile_file():
    if not MISSILE_FILE.exists():
        pytest.skip(f"the shared data file is not at {MISSILE_FILE}")


# ---------------------------------------------------------------------------------------
# import


def test_import_the_whole_missile_file_as_loadable_jsonl(run, tmp_path, needs_missile_file):
    result = run("import", "missile-attacks", str(MISSILE_FILE))
    assert result.exit_code == 0, result.stderr
    lines = _jsonl(result.stdout)
    assert len(lines) == 2034
    assert "imported 2034 records from 3585 rows" in result.stderr
    assert "; 0 rows skipped" in result.stderr
    path = tmp_path / "attacks.jsonl"
    path.write_text(result.stdout, encoding="utf-8")
    assert [r.id for r in load_records([path])] == [line["id"] for line in lines]


def test_imported_records_and_hand_written_pauses_go_through_check_pause(
        run, tmp_path, needs_missile_file):
    imported = tmp_path / "attacks.jsonl"
    assert run("import", "missile-attacks", str(MISSILE_FILE), "-o", str(imported)).exit_code == 0
    pauses = tmp_path / "pauses.toml"
    pauses.write_text(
        'tz = "Europe/Kyiv"\n\n[[events]]\nid = "pause-week"\nkind = "pause"\n'
        'when = "2026-01-30/P7D"\ndeclared_on = "2026-01-29"\n'
        'title = "One-week halt to strikes"\nclaimed_by = "Donald Trump"\nbinds = ["Russia"]\n',
        encoding="utf-8")
    result = run("check-pause", str(imported), str(pauses), "--format", "json")
    assert result.exit_code == 1, result.stderr  # violations found
    findings = json.loads(result.stdout)
    verdicts = [f["verdict"] for f in findings]
    assert (len(findings), verdicts.count("violation"), verdicts.count("possible_violation")) == (
        15, 13, 2)
    story = next(f for f in findings if f["strike"] == STORY_STRIKE)
    # the report window opens at 18:00 on the 29th, before the window of the 30th
    assert (story["verdict"], story["relation"]) == ("possible_violation", "straddles_start")


def test_import_writes_a_file_and_never_overwrites_without_force(run, tmp_path):
    out = tmp_path / "acled.jsonl"
    assert run("import", "acled", str(ACLED), "-o", str(out)).exit_code == 0
    assert [line["id"] for line in _jsonl(out.read_text())] == [
        "UKR9001", "UKR9002", "UKR9003", "UKR9004"]
    out.write_text("mine\n")
    refused = run("import", "acled", str(ACLED), "-o", str(out))
    assert refused.exit_code == 2
    assert f"{out} already exists: pass --force to overwrite it" in refused.stderr
    assert out.read_text() == "mine\n"
    assert run("import", "acled", str(ACLED), "-o", str(out), "--force").exit_code == 0
    assert len(_jsonl(out.read_text())) == 4
    assert [p.name for p in tmp_path.iterdir()] == ["acled.jsonl"]  # no temporary file left


def test_import_counts_skipped_rows_by_acled_type_on_stderr(run):
    result = run("import", "acled", str(ACLED))
    assert result.exit_code == 0
    err = " ".join(result.stderr.split())
    assert "imported 4 records from 8 rows" in err and "; 4 rows skipped" in err
    assert ("2 × not one of the four kinds: ACLED type Battles / Armed clash (--include-other "
            "imports it as the nearest kind): lines 6, 8") in err
    assert "read in UTC" in err
    assert len(_jsonl(result.stdout)) == 4
    other = run("import", "acled", str(ACLED), "--include-other", "--tz", "Europe/Kyiv")
    assert [line["tz"] for line in _jsonl(other.stdout)] == ["Europe/Kyiv"] * 8


def _bad_acled(tmp_path: Path) -> Path:
    lines = ACLED.read_text(encoding="utf-8-sig").splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([lines[0], lines[1].replace("2026-01-30", "someday", 1),
                              lines[2]]) + "\n", encoding="utf-8")
    return bad


def test_import_problems_are_located_the_rest_written_and_exit_2(run, tmp_path):
    result = run("import", "acled", str(_bad_acled(tmp_path)))
    assert result.exit_code == 2
    assert [line["id"] for line in _jsonl(result.stdout)] == ["UKR9002"]
    assert (f"{tmp_path / 'bad.csv'}: line 2, column 2: field 'event_date': expected a date "
            "such as 2024-03-05 or 05 March 2024, got 'someday'") in result.stderr
    assert ("1 problem in the input; the rows they are on were left out, 1 other record "
            "written") in result.stderr and "Traceback" not in result.stderr


def test_import_says_so_when_no_record_was_left_to_write(run, tmp_path):
    lines = ACLED.read_text(encoding="utf-8-sig").splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text(lines[0] + "\n" + lines[1].replace("2026-01-30", "someday", 1) + "\n",
                   encoding="utf-8")
    result = run("import", "acled", str(bad))
    assert result.exit_code == 2 and result.stdout == ""
    assert "the rows they are on were left out, no record was left to write" in result.stderr


def test_import_strict_writes_nothing(run, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("import", "acled", str(_bad_acled(tmp_path)), "--strict", "-o", str(out))
    assert result.exit_code == 2 and result.stdout == ""
    assert not out.exists()
    assert "field 'event_date'" in result.stderr


def test_import_reads_standard_input(run):
    result = run("import", "ucdp-ged", "-", input=(FIXTURES / "ucdp_ged_noheader.csv").read_text())
    assert result.exit_code == 0, result.stderr
    assert [line["id"] for line in _jsonl(result.stdout)] == [
        "ucdp-ged-900001", "ucdp-ged-900002", "ucdp-ged-900003"]
    assert "(<stdin>)" in result.stderr


@pytest.mark.parametrize("fmt", list(ImportFormat))
def test_every_import_format_works(run, fmt, tmp_path, needs_missile_file):
    source = {"missile-attacks": MISSILE_FILE, "acled": ACLED,
              "ucdp-ged": FIXTURES / "ucdp_ged_sample.csv"}[fmt.value]
    result = run("import", fmt.value, str(source))
    assert result.exit_code == 0, result.stderr
    assert _jsonl(result.stdout)


@pytest.mark.parametrize(("args", "message"), [
    (("import", "gdelt", "x.csv"), "'gdelt' is not one of"),
    (("import", "acled", str(ACLED), "--tz", "Mars/Base"), "unknown time zone 'Mars/Base'"),
    (("import", "acled", "missing.csv"), "missing.csv: no such file"),
])
def test_import_usage_and_missing_files_exit_2(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split()).replace("│", "").replace("  ", " ")
    assert "Traceback" not in result.stderr


def test_progress_bar_only_on_a_terminal():
    quiet = Console(file=io.StringIO(), force_terminal=False)
    with import_progress(quiet) as progress:
        assert progress is None
    out = io.StringIO()
    terminal = Console(file=out, force_terminal=True, width=80)
    with import_progress(terminal) as progress:
        progress(5, 10)
    assert "importing" in out.getvalue() and "5/10" in out.getvalue()


def test_no_progress_bar_when_stderr_is_not_a_terminal(run):
    result = run("import", "acled", str(ACLED))
    assert "importing" not in result.stderr and "━" not in result.stderr


# ---------------------------------------------------------------------------------------
# export


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_every_export_format_works_on_the_bundled_data(run, fmt, tmp_path):
    result = run("export", "--format", fmt.value)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt is ExportFormat.csv:
        assert len(list(csv.DictReader(io.StringIO(out, newline="")))) == 10
    elif fmt is ExportFormat.timelinejs:
        document = json.loads(out)
        assert (len(document["events"]), len(document["eras"])) == (10, 2)
    elif fmt is ExportFormat.timesketch:
        assert {line["id"] for line in _jsonl(out)} == {r.id for r in load_records(
            [Path(__file__).resolve().parents[1] / "events"])}
    elif fmt is ExportFormat.ics:
        from icalendar import Calendar

        assert len(Calendar.from_ical(out).walk("VEVENT")) == 10
    elif fmt is ExportFormat.parquet:
        written = tmp_path / "story.parquet"
        written.write_bytes(result.stdout_bytes)
        assert len(load_records([written])) == 10
    else:
        assert len(out.splitlines()) == 12 and out.startswith("| When |")


def test_export_to_a_file_atomically_and_only_with_force_over_one(run, tmp_path):
    out = tmp_path / "story.ics"
    assert run("export", "-f", "ics", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    before = out.read_bytes()
    refused = run("export", "-f", "csv", "-o", str(out))
    assert refused.exit_code == 2 and "already exists" in refused.stderr
    assert out.read_bytes() == before
    assert run("export", "-f", "csv", "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("id,kind,when,")


def test_export_given_paths_and_bad_input(run, tmp_path):
    path = write_json(tmp_path / "one.json", [record_to_dict(record("strike", title="=1+1"))])
    result = run("export", "-f", "csv", str(path))
    assert result.exit_code == 0
    [row] = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert row["title"] == "'=1+1"
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    failed = run("export", "-f", "csv", str(broken))
    assert failed.exit_code == 2 and failed.stdout == ""
    assert "invalid JSON" in failed.stderr


def test_export_needs_a_format(run):
    result = run("export")
    assert result.exit_code == 2 and "--format" in result.stderr


# ---------------------------------------------------------------------------------------
# schema and validate


@pytest.mark.parametrize(("args", "title"), [((), "conflict-timeline record file"),
                                             (("--record",), "conflict-timeline record")])
def test_schema_prints_a_valid_draft_2020_12_schema(run, args, title):
    result = run("schema", *args)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["title"] == title


def test_schema_validates_what_import_writes(run, tmp_path):
    schema = json.loads(run("schema", "--record").stdout)
    lines = _jsonl(run("import", "acled", str(ACLED), "--include-other").stdout)
    validator = Draft202012Validator(schema)
    assert all(list(validator.iter_errors(line)) == [] for line in lines)


@pytest.mark.parametrize("fmt", list(TextOrJson))
def test_validate_the_bundled_data(run, fmt):
    result = run("validate", "--format", fmt.value)
    assert result.exit_code == 0
    if fmt is TextOrJson.json:
        assert json.loads(result.stdout) == {"valid": True, "records": 10, "problems": [],
                                              "more_problems": 0}
    else:
        assert result.stdout == "" and "valid: 10 records" in result.stderr


def _two_bad_files(tmp_path: Path) -> tuple[Path, Path]:
    one = tmp_path / "one.jsonl"
    one.write_text('{"id": "a", "kind": "strike", "when": "2026-01-30", "title": "t"}\n'
                   '{"id": "b", "kind": "pause", "tz": "UTC", "when": "2026", "title": "p"}\n')
    two = tmp_path / "two.json"
    two.write_text('[{"id": "c", "kind": "strike", "tz": "UTC", "when": "2026-01-30", '
                   '"title": "t", "weapons": [{"type": "laser"}]}]')
    return one, two


def test_validate_reports_every_problem_in_every_file(run, tmp_path):
    one, two = _two_bad_files(tmp_path)
    result = run("validate", str(one), str(two))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{one}: line 1, id 'a': field 'when': when '2026-01-30' has no "
                               "UTC offset")
    assert lines[1:] == [
        f"{one}: line 2, id 'b': field 'claimed_by': missing: required for a pause record",
        f"{one}: line 2, id 'b': field 'binds': missing: required for a pause record",
        f"{two}: record 1 (index 0, line 1), id 'c': field 'weapons[0].type': the text 'laser' "
        "is not an accepted value: use one of drone, ballistic_missile, cruise_missile, "
        "guided_bomb, artillery, other",
    ]
    assert "invalid: 4 problems" in result.stderr


def test_validate_json_for_machines(run, tmp_path):
    one, two = _two_bad_files(tmp_path)
    result = run("validate", str(one), str(two), "-f", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert (report["valid"], report["records"]) == (False, None)
    assert [(p["file"], p["location"], p["field"]) for p in report["problems"]] == [
        (str(one), "line 1, id 'a'", "when"),
        (str(one), "line 2, id 'b'", "claimed_by"),
        (str(one), "line 2, id 'b'", "binds"),
        (str(two), "record 1 (index 0, line 1), id 'c'", "weapons[0].type"),
    ]
