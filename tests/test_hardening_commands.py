"""No tracebacks in the newer commands either: `check`, `validate`, `export` in every format
and `import` of every table format, on arbitrary bytes, broken documents, valid records and
records built to meet (strikes in pauses, duplicate reports). Every input either works or
gives a located error and exit 2 — and the commands agree with the loader about which."""

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from conflict_timeline.errors import InputError
from conflict_timeline.importers import missile_attacks
from conflict_timeline.loading import load_records
from conflict_timeline.rendering.safe import FORMULA_TRIGGERS, clean_text, spreadsheet_safe

from .conftest import cli
from .strategies import (
    csv_bytes, json_text, json_values, record_lists, records, story_lists, text,
)
from .test_hardening_terminal import assert_terminal_safe

SUFFIXES = [".json", ".jsonl", ".toml"]
CHECKS = [["check"], ["check", "--group-by", "rule"], ["check", "--statistics"],
          ["check", "-f", "json"], ["check", "-f", "jsonl"], ["check", "-f", "markdown"],
          ["check", "-f", "github"], ["check", "--select", "P", "--concise"]]
VALIDATES = [["validate"], ["validate", "-f", "json"]]
EXPORTS = [["export", "-f", fmt] for fmt in ("csv", "markdown", "timelinejs", "timesketch", "ics")]

documents = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json_text(v).encode()),
    st.lists(records(), max_size=3).map(lambda r: json_text(r).encode()),
    story_lists.map(lambda r: json_text(r).encode()),
)


def _loads(path: Path) -> bool:
    try:
        load_records([path])
    except InputError:
        return False
    return True


def _assert_no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def _assert_error_located(result, path: Path) -> None:
    """Exit 2 with nothing on stdout, and every problem line naming the file."""
    assert result.exit_code == 2 and result.stdout == ""
    first, *problems = result.stderr.splitlines()
    assert first.startswith("error: ") and "nothing was loaded" in first
    assert problems and all(line.startswith(f"  {path}") for line in problems), problems


def _run_on_file(data: bytes, suffix: str, command: list[str]):
    """(the file's path, whether the loader takes it, the command's result on it); the file
    is gone afterwards, so only its name is left for the messages."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        return path, _loads(path), cli(*command, str(path))


@given(documents, st.sampled_from(SUFFIXES), st.sampled_from(CHECKS + EXPORTS))
def test_check_and_export_work_or_give_a_located_error(data, suffix, command):
    path, loads, result = _run_on_file(data, suffix, command)
    _assert_no_traceback(result)
    if not loads:
        _assert_error_located(result, path)
        return
    # what loads is checked and exported: 1 only for error-level findings of check
    assert result.exit_code in ((0, 1) if command[0] == "check" else (0,)), result.stderr
    if command[0] == "export" and "timesketch" not in command:  # JSON Lines of nothing: empty
        assert result.stdout  # even no records make a file: a header, an empty calendar


@given(documents, st.sampled_from(SUFFIXES), st.sampled_from(VALIDATES))
def test_validate_says_valid_or_lists_every_problem_located(data, suffix, command):
    path, loads, result = _run_on_file(data, suffix, command)
    _assert_no_traceback(result)
    assert result.exit_code == (0 if loads else 2)
    if "json" in command:
        report = json.loads(result.stdout)
        assert report["valid"] is loads
        assert all(p["file"] == str(path) and p["message"] for p in report["problems"])
        assert bool(report["problems"]) is not loads
    elif loads:
        assert result.stdout == "" and result.stderr.startswith("valid: ")
    else:
        assert result.stderr.startswith("invalid: ")
        assert all(line.startswith(f"{path}: ") for line in result.stdout.splitlines())


@given(story_lists)
def test_check_findings_name_only_loaded_records_in_every_format(written):
    ids = {r["id"] for r in written}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.json"
        path.write_text(json_text(written), encoding="utf-8")
        as_json = cli("check", str(path), "-f", "json")
        as_lines = cli("check", str(path), "-f", "jsonl")
        as_text = cli("check", str(path), env={"COLUMNS": "20000", "FORCE_COLOR": "1"})
        as_github = cli("check", str(path), "-f", "github")
    for result in (as_json, as_lines, as_text, as_github):
        _assert_no_traceback(result)
        assert result.exit_code in (0, 1), result.stderr
    findings = json.loads(as_json.stdout)
    for code in sorted({f["code"] for f in findings}) or ["no finding"]:
        event(f"check: {code}")
    assert [json.loads(line) for line in as_lines.stdout.splitlines()] == findings
    for finding in findings:
        assert set(finding["records"]) <= ids and finding["code"][0] in "PTDNR"
    has_errors = any(f["severity"] == "error" for f in findings)
    assert as_json.exit_code == as_text.exit_code == (1 if has_errors else 0)
    assert_terminal_safe(as_text.stdout)
    # one workflow command per finding: no record text can start another one
    annotations = assert_terminal_safe(as_github.stdout).splitlines()
    assert len(annotations) == len(findings)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in annotations)


@given(st.one_of(record_lists, story_lists))
def test_csv_export_has_one_safe_row_per_record(written):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.json"
        path.write_text(json_text(written), encoding="utf-8")
        result = cli("export", "-f", "csv", str(path))
    assert result.exit_code == 0, result.stderr
    header, *rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert len(rows) == len(written)
    # control characters shown as escapes, then formulas neutralised
    assert {row[0] for row in rows} == {spreadsheet_safe(clean_text(r["id"], single_line=False))
                                        for r in written}
    for row in rows:
        assert len(row) == len(header)
        for cell in row:  # a cell a spreadsheet would run is quoted, or a plain number
            if cell.lstrip(" \n").startswith(FORMULA_TRIGGERS):
                assert cell.startswith("'") or float(cell) <= 0, cell


# --- import ----------------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"
MISSILE_ROWS = [  # as in the shared 'Massive Missile Attacks on Ukraine' table
    ["2026-01-29 18:00", "2026-01-30 08:00", "Shahed-136/131", "Kursk oblast", "Ukraine", "",
     "111.0", "80.0", "", "", "{}", "111.0", "", "", "", "", "", "", "", "", "",
     "kpszsu/posts/pfbidFIXTURE"],
    ["2026-01-30", "", "Iskander-M", "Voronezh oblast", "Kharkiv oblast", "", "1.0", "0.0", "",
     "", "{}", "", "", "", "", "", "", "", "", "", "", "kpszsu/posts/pfbidFIXTURE2"],
]


def _rows(name: str) -> tuple[list[str], list[list[str]]]:
    with open(FIXTURES / name, encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


IMPORTS = {
    "missile-attacks": csv_bytes(list(missile_attacks.COLUMNS), MISSILE_ROWS),
    "acled": csv_bytes(*_rows("acled_sample.csv")),
    "ucdp-ged": csv_bytes(*_rows("ucdp_ged_sample.csv")),
}


@given(st.sampled_from(sorted(IMPORTS)).flatmap(lambda f: st.tuples(st.just(f), IMPORTS[f])),
       st.booleans())
def test_import_of_any_table_writes_loadable_records_or_located_problems(case, strict):
    fmt, data = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "table.csv"
        path.write_bytes(data)
        result = cli("import", fmt, str(path), *(["--strict"] if strict else []))
    _assert_no_traceback(result)
    assert result.exit_code in (0, 2), result.stderr
    event(f"import: exit {result.exit_code}, {'some' if result.stdout else 'no'} records")
    # whatever was written loads back as records, every one of them
    if result.stdout:
        loaded = load_records(["-"], stdin=io.BytesIO(result.stdout.encode()))
        assert len(loaded) == result.stdout.count("\n")
    if result.exit_code == 2:  # after the "error:" line, one line per problem, each located
        lines = result.stderr.splitlines()
        first = next(n for n, line in enumerate(lines) if line.startswith("error: "))
        assert lines[first + 1:] and all(line.startswith(f"  {path}: line ")
                                         for line in lines[first + 1:]), result.stderr
        if strict:
            assert result.stdout == ""


@given(text)
def test_rules_explains_a_rule_or_says_there_is_none(code):
    result = cli("rules", code, env={"FORCE_COLOR": "1"})
    _assert_no_traceback(result)
    assert result.exit_code in (0, 2)
    plain = assert_terminal_safe(result.stdout + result.stderr)
    if result.exit_code == 2:
        assert plain.startswith(("error: no rule", "Usage:", "╭─ Error"))


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_every_rule_is_listed_in_every_format(fmt):
    result = cli("rules", "-f", fmt)
    assert result.exit_code == 0
    codes = ["P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008", "P009", "T001",
             "T002", "T003", "D001", "D002", "N001", "N002", "R001", "R002"]
    if fmt == "json":
        assert [rule["code"] for rule in json.loads(result.stdout)] == codes
    else:
        assert all(code in result.stdout for code in codes)


def test_an_unreadable_table_is_located_and_no_empty_file_list_is_shown(tmp_path):
    path = tmp_path / "table.csv"
    path.write_bytes(b"event_id_cnty,event_date\nUKR1,\xff\n")
    result = cli("import", "acled", str(path))
    assert result.exit_code == 2 and result.stdout == ""
    # the file was refused whole: say so (old: "...the rows they are on were left out")
    assert [line for line in result.stderr.splitlines() if not line.startswith("note:")] == [
        f"imported 0 records from 0 rows; 0 rows skipped; 1 file not read: {path}",
        "error: 1 problem in the input; the file they are in was not read, no record was "
        "left to write",
        f"  {path}: line 2, column 6: the file was not read: byte 0xff (byte 31 of the file) "
        "is not UTF-8 text (invalid start byte); save it as UTF-8, or name the encoding it "
        "was saved in with --encoding (e.g. --encoding cp1251 for a Windows Cyrillic export)"]
