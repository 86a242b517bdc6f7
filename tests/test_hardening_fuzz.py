"""No tracebacks: whatever the bytes, every reader, the `when` parser and the commands
either load or say what is wrong, where, and exit 2."""

import io
import json
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from conflict_timeline.errors import InputError
from conflict_timeline.loading import load_records
from conflict_timeline.records import SpanError, parse_span, zone_from_name
from conflict_timeline.records.spans import EARLIEST, LATEST

from .conftest import cli
from .test_hardening_terminal import SGR
from .strategies import ZONES, json_text, json_values, records, text, when_texts

SUFFIXES = [".json", ".jsonl", ".toml"]
EXTREME_ZONES = [zone_from_name(z) for z in ("Etc/GMT+12", "Pacific/Kiritimati", "UTC")]


def _load_or_problems(path: Path, stdin: bytes | None = None):
    """(records, None) or (None, problems); anything else raised fails the test."""
    try:
        return load_records([path], stdin=None if stdin is None else io.BytesIO(stdin)), None
    except InputError as exc:
        assert exc.problems
        return None, exc.problems


def _assert_located(problems, name: str) -> None:
    for problem in problems:
        assert problem.file == name and problem.message
        assert "Traceback" not in problem.message


# --- the `when` parser -------------------------------------------------------------------

@given(st.one_of(st.text(max_size=60), when_texts, st.from_regex(
    r"[0-9]{1,5}(-[0-9]{1,3}){0,2}([T ][0-9]{1,3}(:[0-9]{1,3}){0,2}([.,][0-9]{1,12})?)?"
    r"([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?(/P[0-9]{0,30}[YMWD]?(T[0-9]{0,30}[HMS])?)?",
    fullmatch=True)), st.sampled_from([None, *ZONES]))
@example("9999-12-31T23:59Z", None)
@example("0001-01-01T00:00+14:00", "UTC")
@example("0001-01-01T10:00+09:00/P1D", "America/New_York")
@example("P1D/0001-01-02", "UTC")
@example("2026-01-01/P" + "9" * 5000 + "D", "UTC")
@example("２０２６-01-30", "UTC")
def test_when_is_a_span_or_a_span_error(value, zone_name):
    zone = zone_from_name(zone_name) if zone_name else None
    try:
        span = parse_span(value, zone)
    except SpanError as exc:
        assert str(exc) and len(str(exc)) < 600  # the echo of a huge value is cut short
        return
    assert span.start < span.end and span.start_ts < span.end_ts
    assert EARLIEST <= span.start and span.end <= LATEST
    for shown in EXTREME_ZONES:  # it can be shown in any zone
        assert span.start.astimezone(shown).year >= 1 and span.end.astimezone(shown).year <= 9999


@given(when_texts, st.sampled_from(ZONES))
def test_every_valid_when_contains_what_it_names(value, zone_name):
    span = parse_span(value, zone_from_name(zone_name))
    assert span.end > span.start  # a microsecond at the least: datetime's own unit


# --- the readers -------------------------------------------------------------------------

@given(st.binary(max_size=400), st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_load_or_give_located_problems(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        loaded, problems = _load_or_problems(path)
    if problems:
        _assert_located(problems, str(path))
    else:
        assert isinstance(loaded, list)


@given(st.binary(max_size=400))
def test_arbitrary_standard_input_loads_or_gives_located_problems(data):
    loaded, problems = _load_or_problems("-", stdin=data)
    if problems:
        _assert_located(problems, "<stdin>")


@given(json_values, st.sampled_from(SUFFIXES))
def test_any_json_document_loads_or_gives_located_problems(document, suffix):
    body = json_text(document)
    if suffix == ".toml":  # the same value as a TOML string: still just text to the reader
        body = f"events = {json.dumps(body)}\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_text(body, encoding="utf-8")
        _, problems = _load_or_problems(path)
    if problems:
        _assert_located(problems, str(path))


@given(records(), st.data())
def test_a_wrong_value_in_any_field_is_named(record, data):
    key = data.draw(st.sampled_from(sorted(set(record) - {"kind"})), label="field")
    value = data.draw(json_values, label="value")
    broken = {**record, key: value}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.jsonl"
        path.write_text(json_text(broken), encoding="utf-8")
        _, problems = _load_or_problems(path)
    if problems:  # a value of the right type loads; every other one names its field
        _assert_located(problems, str(path))
        named = [p.field for p in problems]
        assert any(f == key or f.startswith((f"{key}.", f"{key}[")) for f in named) or (
            key == "tz" and "when" in named or key == "id" and not named[0]), named
        assert all(p.location.startswith("line 1") for p in problems)


@given(records(), st.integers(min_value=0), st.sampled_from([".json", ".jsonl"]))
def test_truncated_json_is_located(record, cut, suffix):
    body = json.dumps([record] if suffix == ".json" else record, ensure_ascii=False)
    body = body[: cut % len(body)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"a{suffix}"
        path.write_text(body, encoding="utf-8")
        loaded, problems = _load_or_problems(path)
    if body.strip():
        assert problems and problems[0].location.startswith("line 1")
        _assert_located(problems, str(path))
    else:
        assert problems if suffix == ".json" else loaded == []


# --- the commands ------------------------------------------------------------------------

COMMANDS = [["show"], ["show", "-f", "json"], ["show", "-f", "jsonl"], ["check-pause"],
            ["check-pause", "-f", "json"]]


def _assert_clean_exit(result, allowed=(0, 1, 2)) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in allowed
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert result.stdout == ""
        # a missing option value gets only click's error box, without the usage line
        assert SGR.sub("", result.stderr).startswith(("error:", "Usage:", "╭─ Error"))


@given(st.one_of(st.binary(max_size=300), json_values.map(lambda v: json_text(v).encode()),
                 st.lists(records(), max_size=3).map(lambda r: json_text(r).encode())),
       st.sampled_from(SUFFIXES), st.sampled_from(COMMANDS))
def test_commands_never_show_a_traceback(data, suffix, command):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        result = cli(*command, str(path))
    _assert_clean_exit(result)
    if result.exit_code == 2:
        assert f"  {path}" in result.stderr  # every problem line names the file


@given(st.sampled_from(["--since", "--until", "--tz", "--actor", "--region", "--tag", "--kind",
                        "--format"]), text)
def test_any_option_value_is_used_or_refused_with_exit_2(option, value):
    result = cli("show", option, value)
    _assert_clean_exit(result, allowed=(0, 2))


@given(st.lists(text, min_size=1, max_size=3))
def test_any_command_line_is_run_or_refused(argv):
    result = cli(*argv)
    _assert_clean_exit(result)


def test_the_limits_of_the_calendar_are_refused_or_shown_in_any_zone(tmp_path):
    lines = [{"id": f"r{i}", "kind": "strike", "title": "t", "when": when}
             for i, when in enumerate(["0001-01-02T00:00Z", "9999-12-30T23:59Z",
                                       "9999-12-30T12:00+14:00/PT1H"])]
    path = tmp_path / "edges.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines))
    for zone in ("Etc/GMT+12", "Pacific/Kiritimati"):
        result = cli("show", str(path), "--tz", zone)
        assert result.exit_code == 0, result.stderr
        assert "3 records" in result.stdout
    path.write_text(json.dumps({**lines[0], "when": "0001-01-01T05:00Z"}))
    result = cli("show", str(path))
    assert result.exit_code == 2
    assert "lies outside the supported dates (2 Jan 0001 to 30 Dec 9999, UTC)" in result.stderr
    assert datetime(1, 1, 2, tzinfo=timezone.utc) == EARLIEST


def test_an_option_without_its_value_is_a_usage_error_without_a_traceback():
    for argv in (["show", "-f"], ["rules", "-f"], ["check", "--select"], ["export", "-o"]):
        result = cli(*argv)
        assert result.exit_code == 2 and result.stdout == ""
        assert "requires an argument" in result.stderr
