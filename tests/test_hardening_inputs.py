"""Broken and hostile input, case by case: every one loads or gives a located error."""

import io
import json
import os
import socket
import subprocess

import pytest

from conflict_timeline.errors import InputError
from conflict_timeline.loading import load_records

from .conftest import EVENTS, cli

RECORD = {"id": "a", "kind": "strike", "tz": "UTC", "when": "2026-01-30", "title": "t"}
TOML_RECORD = 'tz = "UTC"\n[[events]]\nid = "a"\nkind = "strike"\nwhen = "2026-01-30"\ntitle = "t"\n'


def problems_of(path_or_dash, stdin: bytes | None = None) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_records([path_or_dash], stdin=None if stdin is None else io.BytesIO(stdin))
    return [str(p) for p in caught.value.problems]


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- numbers --------------------------------------------------------------------------------

HUGE = "9" * 5000


@pytest.mark.parametrize("name, content, location", [
    ("a.json", '[{"id": "a", "casualties": {"killed": ' + HUGE + "}}]", "line 1, column 39"),
    ("a.jsonl", json.dumps(RECORD) + '\n{"id": "a", "lat": ' + HUGE + "}\n", "line 2, column 20"),
    ("a.toml", "[[events]]\nlat = " + HUGE + "\n", "line 2, column 7"),
])
def test_an_integer_too_long_to_read_is_a_located_error(tmp_path, name, content, location):
    path = write(tmp_path, name, content)
    [problem] = problems_of(path)
    assert problem == (f"{path}: {location}: invalid "
                       f"{'TOML' if name.endswith('toml') else 'JSON'}: a number longer than "
                       "4300 digits (no count or coordinate needs one)")


def test_an_integer_too_long_on_standard_input_is_a_located_error():
    [problem] = problems_of("-", stdin=('{"id": ' + HUGE + "}").encode())
    assert problem.startswith("<stdin>: line 1, column 8: invalid JSON: a number longer")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_nan_and_infinity_are_refused_where_a_number_belongs(tmp_path, value):
    path = write(tmp_path, "a.jsonl", json.dumps(RECORD)[:-1]
                 + f', "location": {{"lat": {value}}}, "weapons": [{{"type": "drone", '
                 f'"launched": {value}}}]}}')
    found = problems_of(path)
    assert [p.split("field ")[1].split(":")[0] for p in found] == [
        "'location.lat'", "'weapons[0].launched'"]


def test_nan_in_toml_is_refused(tmp_path):
    path = write(tmp_path, "a.toml", TOML_RECORD + "location = { lat = nan, lon = inf }\n")
    assert [p.split("field ")[1].split(":")[0] for p in problems_of(path)] == [
        "'location.lat'", "'location.lon'"]


def test_a_yes_no_is_not_a_count(tmp_path):
    path = write(tmp_path, "a.json", json.dumps(
        [{**RECORD, "weapons": [{"type": "drone", "launched": True}]}]))
    [problem] = problems_of(path)
    assert "field 'weapons[0].launched': not a count: write a whole number (111)" in problem
    assert problem.endswith("(got true)")  # as the file writes it, not as Python does


def test_a_yes_no_is_not_a_coordinate(tmp_path):
    path = write(tmp_path, "a.json", json.dumps([{**RECORD, "location": {"lat": False}}]))
    [problem] = problems_of(path)
    assert problem.endswith("field 'location.lat': a number is expected, not false")


# --- structure ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, message", [
    ("a.json", "[" * 100_000, "invalid JSON: nested too deeply"),
    ("a.jsonl", "[" * 100_000 + "\n", "line 1: invalid JSON: nested too deeply"),
    ("a.toml", "a = " + "[" * 5000 + "]" * 5000, "invalid TOML: arrays, tables or dotted keys nested too deeply"),
    ("a.toml", "a = " + "{b = " * 5000 + "1" + "}" * 5000, "nested too deeply"),
])
def test_deep_nesting_is_an_error_not_a_crash(tmp_path, name, content, message):
    [problem] = problems_of(write(tmp_path, name, content))
    assert message in problem


@pytest.mark.parametrize("content", ["a" + ".a" * 5000 + " = 1", "[" + "a." * 5000 + "a]"])
def test_deeply_dotted_toml_keys_are_just_unknown_keys(tmp_path, content):
    path = write(tmp_path, "a.toml", content)
    assert problems_of(path) == [
        f"{path}: field 'a': unknown file-level key; a file may have: events, tz, $schema",
        f"{path}: field 'events': missing: the file's records go in a list named 'events'"]


def test_deep_but_parseable_nesting_in_a_field_is_named(tmp_path):
    path = write(tmp_path, "a.json", json.dumps([{**RECORD, "actors": [[[[[[["x"]]]]]]] * 3,
                                                   "extra": json.loads("[" * 500 + "]" * 500)}]))
    found = problems_of(path)
    assert any("field 'actors[0]'" in p for p in found)
    assert any("field 'extra': unknown field" in p for p in found)


def test_a_huge_toml_string_loads(tmp_path):
    title = "x" * 5_000_000
    path = write(tmp_path, "a.toml", TOML_RECORD.replace('title = "t"', f'title = """{title}"""'))
    [record] = load_records([path])
    assert record.title == title


@pytest.mark.parametrize("name, content, expected", [
    ("a.json", "", "line 1, column 1: invalid JSON: Expecting value"),
    ("a.json", "   \n", "line 2, column 1: invalid JSON: Expecting value"),
    ("a.toml", "", "field 'events': missing"),
    ("a.json", "{}", "field 'events': missing"),
    ("a.json", "null", "expected a list of records or an object with 'events'"),
    ("a.json", '{"events": null}', "field 'events': must be a list of records, not NoneType"),
    ("a.json", '{"events": [], "tz": 5}', "field 'tz': the file's default tz must be text"),
])
def test_empty_and_hollow_files(tmp_path, name, content, expected):
    [problem] = problems_of(write(tmp_path, name, content))
    assert expected in problem


def test_an_empty_json_lines_file_holds_no_records(tmp_path):
    assert load_records([write(tmp_path, "a.jsonl", "")]) == []
    result = cli("show", str(tmp_path / "a.jsonl"))
    assert (result.exit_code, result.stdout.strip()) == (0, "0 records")


@pytest.mark.parametrize("name, content, newline", [
    (name, content, newline)
    for name, content in [("a.json", json.dumps([RECORD])), ("a.jsonl", json.dumps(RECORD)),
                          ("a.toml", TOML_RECORD)]
    for newline in [b"\n", b"\r\n", b"\r"]
    if not (name == "a.toml" and newline == b"\r")  # TOML has no bare-CR line ending
])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_bom_and_every_line_ending_load_the_same(tmp_path, name, content, bom, newline):
    data = bom + (content + "\n").encode().replace(b"\n", newline)
    [record] = load_records([write(tmp_path, name, data)])
    assert (record.id, record.title, record.span.start.isoformat()) == (
        "a", "t", "2026-01-30T00:00:00+00:00")


@pytest.mark.parametrize("name", ["a.json", "a.jsonl", "a.toml"])
def test_non_utf8_bytes_are_located(tmp_path, name):
    path = write(tmp_path, name, b'\n  caf\xe9\n')
    assert problems_of(path) == [
        f"{path}: line 2, column 6: not UTF-8 text (invalid continuation byte 0xe9); "
        "save the file as UTF-8"]


def test_a_one_megabyte_line_loads_shows_and_round_trips(tmp_path):
    title = "Ж" * 1_000_000
    path = write(tmp_path, "a.jsonl", json.dumps({**RECORD, "title": title}, ensure_ascii=False))
    [record] = load_records([path])
    assert record.title == title
    text = cli("show", str(path))
    assert text.exit_code == 0 and text.stdout.count("Ж") == 1_000_000
    out = cli("show", str(path), "-f", "jsonl")
    assert json.loads(out.stdout)["title"] == title


def test_toml_dates_must_be_quoted_and_say_so(tmp_path):
    path = write(tmp_path, "a.toml", TOML_RECORD.replace('when = "2026-01-30"', "when = 2026-01-30T03:15:00+02:00"))
    [problem] = problems_of(path)
    assert problem.endswith("field 'when': a TOML date or time value: write it as text in quotes "
                            '("2026-01-30T03:15:00+02:00") so its precision and zone are kept')


@pytest.mark.parametrize("document, field", [
    ('[{"id": "a", "kind": "strike", "tz": "UTC", "when": "2026", "title": "x\\ud800"}]', "title"),
    ('[{"id": "a", "kind": "strike", "tz": "UTC", "when": "2026", "title": "t", "\\udc80": 1}]', ""),
])
def test_a_lone_surrogate_escape_is_a_located_error(tmp_path, document, field):
    path = write(tmp_path, "a.json", document)
    [problem] = problems_of(path)
    assert "holds half of a UTF-16 surrogate pair" in problem
    assert (f"field '{field}'" in problem) == bool(field)
    result = cli("show", str(path))
    assert result.exit_code == 2 and "\\ud800" in result.stderr or "\\udc80" in result.stderr


def test_a_long_key_or_value_is_echoed_cut_short(tmp_path):
    path = write(tmp_path, "a.json", json.dumps([{**RECORD, "k" * 100_000: 1, "tz": "z" * 100_000,
                                                   "kind": "strike"}]))
    found = problems_of(path)
    assert len(found) == 2 and all(len(p) < 600 for p in found)


# --- what a parser may never do ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["a.yaml", "a.yml", "a.pickle", "a.py"])
def test_formats_that_can_run_code_are_not_read(tmp_path, name):
    path = write(tmp_path, name, "!!python/object/apply:os.system ['touch pwned']")
    assert problems_of(path) == [
        f"{path}: unknown file type '{path.suffix}': use .json, .jsonl, .ndjson, .toml, .parquet, or give "
        "--input-format json|jsonl|toml, or '-' to read standard input"]
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("zone", ["../../../../etc/passwd", "/etc/localtime", "Europe/../../x",
                                  "Europe/Kyiv\x00", "Europe\\Kyiv", "."])
def test_a_time_zone_cannot_name_a_file(tmp_path, zone):
    path = write(tmp_path, "a.json", json.dumps([{**RECORD, "tz": zone}]))
    [problem] = problems_of(path)
    assert "field 'tz': unknown time zone" in problem


def test_nothing_is_fetched_imported_or_run(tmp_path, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("the tool tried to reach the network or run a program")

    monkeypatch.setattr(socket.socket, "connect", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    monkeypatch.setattr(subprocess.Popen, "__init__", forbidden)
    monkeypatch.setattr(os, "system", forbidden)
    document = {"$schema": "https://evil.example/schema.json", "tz": "UTC", "events": [
        {**RECORD, "sources": [{"name": "x", "url": "https://evil.example/fetch-me"}]},
        {"id": "p", "kind": "pause", "when": "2026-01/P1M", "title": "p", "claimed_by": "c",
         "binds": [], "sources": [{"name": "y", "url": "file:///etc/passwd"}]},
    ]}
    path = write(tmp_path, "a.json", json.dumps(document))
    for command in (["show"], ["show", "-f", "json"], ["check-pause"], ["check-pause", "-f", "json"]):
        result = cli(*command, str(path), str(EVENTS))
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == 0, result.stderr


def test_running_out_of_memory_is_said_not_a_traceback(monkeypatch):
    import conflict_timeline.loading as loading

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(loading, "load_records", exhausted)
    result = cli("show", str(EVENTS))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: not enough memory for the input; nothing was loaded")
