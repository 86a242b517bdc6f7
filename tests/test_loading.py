import io
import json

import pytest

from conflict_timeline import loading
from conflict_timeline.errors import InputError
from conflict_timeline.loading import bundled_events_dir, load_records
from conflict_timeline.records import Pause, Strike, record_to_dict

from .conftest import EVENTS, cli, write_json

STRIKE = {"id": "s1", "kind": "strike", "when": "2026-01-30T03:15", "title": "A strike",
          "by": "Russia"}


def problems_of(paths, stdin=None):
    with pytest.raises(InputError) as caught:
        load_records(paths, stdin=stdin)
    return [str(p) for p in caught.value.problems]


def test_json_object_with_file_default_tz(tmp_path):
    path = write_json(tmp_path / "a.json", [STRIKE], tz="Europe/Kyiv")
    [strike] = load_records([path])
    assert isinstance(strike, Strike)
    assert strike.tz == "Europe/Kyiv"  # the file's default becomes the record's own
    assert strike.span.start.isoformat() == "2026-01-30T03:15:00+02:00"


def test_a_record_without_tz_or_with_null_takes_the_file_default_and_writes_it(tmp_path):
    path = write_json(tmp_path / "a.json", [STRIKE, {**STRIKE, "id": "s2", "tz": None}],
                      tz="Europe/Kyiv")
    records = load_records([path])
    assert [r.tz for r in records] == ["Europe/Kyiv", "Europe/Kyiv"]
    assert {record_to_dict(r)["tz"] for r in records} == {"Europe/Kyiv"}
    assert {r.span.start.isoformat() for r in records} == {"2026-01-30T03:15:00+02:00"}


def test_an_unknown_file_default_tz_is_reported_on_each_record_that_relies_on_it(tmp_path):
    path = write_json(tmp_path / "a.json",
                      [STRIKE, {**STRIKE, "id": "s2", "tz": "UTC"}, {**STRIKE, "id": "s3"}],
                      tz="Europe/Kiev2")
    problems = problems_of([path])
    assert len(problems) == 2
    assert "id 's1'" in problems[0] and "id 's3'" in problems[1]
    assert all("field 'tz': unknown time zone 'Europe/Kiev2'" in p for p in problems)


def test_record_tz_overrides_file_default(tmp_path):
    path = write_json(tmp_path / "a.json", [{**STRIKE, "tz": "UTC"}], tz="Europe/Kyiv")
    [strike] = load_records([path])
    assert strike.span.start.isoformat() == "2026-01-30T03:15:00+00:00"


def test_json_list_jsonl_and_toml(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{**STRIKE, "tz": "UTC"}]))
    (tmp_path / "b.jsonl").write_text(
        json.dumps({**STRIKE, "id": "s2", "tz": "UTC"}) + "\n\n"
        + json.dumps({**STRIKE, "id": "s3", "when": "2026-01-30T03:15Z"}) + "\n")
    (tmp_path / "c.toml").write_text(
        'tz = "Europe/Kyiv"\n[[events]]\nid = "p1"\nkind = "pause"\nwhen = "2026-01-29/P7D"\n'
        'title = "A pause"\nclaimed_by = "X"\nbinds = ["Russia"]\nscope = { targets = ["energy"] }\n')
    records = load_records([tmp_path])
    assert sorted(r.id for r in records) == ["p1", "s1", "s2", "s3"]
    pause = next(r for r in records if isinstance(r, Pause))
    assert pause.scope.targets == ["energy"] and pause.scope.regions is None


def test_stdin_is_read_by_content(tmp_path):
    data = "\n".join(json.dumps({**STRIKE, "id": f"s{i}", "tz": "UTC"}) for i in range(3))
    records = load_records(["-"], stdin=io.BytesIO(data.encode()))
    assert [r.id for r in records] == ["s0", "s1", "s2"]
    doc = json.dumps({"tz": "UTC", "events": [STRIKE]})
    assert [r.id for r in load_records(["-"], stdin=io.BytesIO(doc.encode()))] == ["s1"]


def test_utf8_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({**STRIKE, "tz": "UTC"}).encode() + b"\r\n")
    assert [r.id for r in load_records([path])] == ["s1"]


def test_every_problem_is_listed_with_file_record_and_field(tmp_path):
    path = write_json(tmp_path / "bad.json", [
        {**STRIKE, "weapons": [{"type": "nuke"}]},
        {**STRIKE, "id": "s2", "kind": "airstrike"},
        {"id": "s3", "kind": "statement", "when": "2026-01-30", "title": "t"},
        {**STRIKE, "id": "s4", "when": "2026-01-30/2026-01-29"},
        {**STRIKE, "id": "s5", "wen": "oops"},
        {**STRIKE, "id": "s6", "casualties": {"killed": "three"}},
    ], tz="Europe/Kyiv")
    found = problems_of([path])
    f = str(path)
    assert found == [
        f"{f}: record 1 (index 0, line 1), id 's1': field 'weapons[0].type': the text 'nuke' is "
        "not an accepted value: use one of drone, ballistic_missile, cruise_missile, "
        "guided_bomb, artillery, other",
        f"{f}: record 2 (index 1, line 1), id 's2': field 'kind': unknown kind 'airstrike': expected one "
        "of strike, statement, negotiation, pause",
        f"{f}: record 3 (index 2, line 1), id 's3': field 'speaker': missing: required for a statement record",
        f"{f}: record 4 (index 3, line 1), id 's4': field 'when': the interval ends "
        "(2026-01-30T00:00:00+02:00) no later than it starts (2026-01-30T00:00:00+02:00): "
        "is the end before the start?",
        f"{f}: record 5 (index 4, line 1), id 's5': field 'wen': unknown field: a strike record has: id, "
        "kind, tz, when, title, summary, actors, location, sources, tags, by, targets, "
        "target_description, weapons, casualties",
        f"{f}: record 6 (index 5, line 1), id 's6': field 'casualties.killed': not a count: write a "
        "whole number (111), a lower bound ('100+', 'over 100', 'at least 100', {\"min\": 100}), "
        "an upper bound ('up to 40') or a range ('90-120', {\"min\": 90, \"max\": 120}) "
        "(got the text 'three')",
    ]


def test_missing_zone_is_an_error_naming_the_fix(tmp_path):
    path = write_json(tmp_path / "a.json", [STRIKE])
    [problem] = problems_of([path])
    assert "field 'when'" in problem and "set 'tz' on the record or the file" in problem


def test_unknown_tz_is_reported_once(tmp_path):
    path = write_json(tmp_path / "a.json", [{**STRIKE, "tz": "Mars/Olympus"}])
    assert problems_of([path]) == [
        f"{path}: record 1 (index 0, line 1), id 's1': field 'tz': unknown time zone 'Mars/Olympus': "
        "use an IANA name such as 'Europe/Kyiv' or 'UTC'"]


def test_syntax_errors_are_located(tmp_path):
    (tmp_path / "a.json").write_text('{"events": [\n  {"id": "x",\n}\n')
    (tmp_path / "b.jsonl").write_text(json.dumps({**STRIKE, "tz": "UTC"}) + "\n{broken\n")
    (tmp_path / "c.toml").write_text("[[events]]\nid = \n")
    found = problems_of([tmp_path])
    assert found[0].startswith(f"{tmp_path / 'a.json'}: line 3, column 1: invalid JSON")
    assert found[1].startswith(f"{tmp_path / 'b.jsonl'}: line 2, column 2: invalid JSON")
    assert found[2].startswith(f"{tmp_path / 'c.toml'}: line 2, column 6: invalid TOML")


def test_json_messages_that_pointed_at_their_own_position_say_what_is_wrong(tmp_path):
    (tmp_path / "a.json").write_text('[{"id": "a\tb"}]')
    (tmp_path / "b.jsonl").write_text('{"id": "a\n')
    assert problems_of([tmp_path]) == [
        f"{tmp_path / 'a.json'}: line 1, column 11: invalid JSON: a control character (a tab, "
        "a line break …) inside a string: write it escaped, as \\t or \\n",
        f"{tmp_path / 'b.jsonl'}: line 1, column 8: invalid JSON: a string is not closed: "
        "a quote is missing",
    ]


def test_toml_records_carry_their_line(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('tz = "UTC"\n\n[[events]]\nid = "a"\nkind = "strike"\nwhen = "2026-01"\n'
                    'title = "ok"\n\n[[events]]\nid = "b"\nkind = "strike"\nwhen = "2026-13"\n'
                    'title = "bad month"\n')
    [problem] = problems_of([path])
    assert problem.startswith(f"{path}: record 2 (line 9), id 'b': field 'when':")


def test_duplicate_ids_across_files_are_errors(tmp_path):
    write_json(tmp_path / "a.json", [STRIKE], tz="UTC")
    write_json(tmp_path / "b.json", [STRIKE], tz="UTC")
    assert problems_of([tmp_path]) == [
        f"{tmp_path / 'b.json'}: record 1 (index 0, line 1): field 'id': duplicate id 's1': already "
        f"used at {tmp_path / 'a.json'}: record 1 (index 0, line 1)"]


def test_nothing_is_half_loaded(tmp_path):
    good = write_json(tmp_path / "good.json", [STRIKE], tz="UTC")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    with pytest.raises(InputError):
        load_records([good, bad])


@pytest.mark.parametrize("name, content, message", [
    ("a.txt", "x", "unknown file type '.txt'"),
    ("a.json", '{"tz": "UTC"}', "field 'events': missing"),
    ("a.json", '{"events": [], "colour": 1}', "field 'colour': unknown file-level key"),
    ("a.json", '"text"', "expected a list of records or an object with 'events'"),
    ("a.json", "[1]", "a record must be an object, not int"),
    ("a.json", '{"a": 1}\n{"b": 2}\n', "name the file .jsonl"),
])
def test_malformed_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    [problem] = problems_of([path])
    assert message in problem


def test_non_utf8_is_located(tmp_path):
    path = tmp_path / "a.jsonl"
    # JSON Lines is read a line at a time: the lines before the bad byte are checked too
    path.write_bytes(json.dumps({**STRIKE, "tz": "UTC"}).encode() + b'\n{"title": "\xff"}\n')
    assert problems_of([path]) == [f"{path}: line 2, column 12: not UTF-8 text (invalid start byte 0xff); save the file as UTF-8"]


def test_missing_path_and_empty_directory(tmp_path):
    assert problems_of([tmp_path / "nope.json", tmp_path]) == [
        f"{tmp_path / 'nope.json'}: no such file or directory",
        f"{tmp_path}: no record files (.json, .jsonl, .ndjson, .toml, .parquet) in this directory"]


def test_resolved_span_in_input_is_ignored_and_recomputed(tmp_path):
    stale = {**STRIKE, "tz": "UTC", "span": {"start": "1999-01-01T00:00+00:00", "end": "x"}}
    [strike] = load_records([write_json(tmp_path / "a.json", [stale])])
    assert strike.span.start.isoformat() == "2026-01-30T03:15:00+00:00"


@pytest.mark.parametrize("command", ["show", "check-pause", "check", "validate"])
def test_a_missing_bundled_data_set_is_an_error_that_says_what_to_do(command, monkeypatch):
    monkeypatch.setattr(loading, "BUNDLED_NAME", "no-such-events")
    result = cli(command)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "the bundled data set (no-such-events/) is missing from this installation" in result.output
    assert "give record files as PATHS" in result.output


def test_bundled_data_set_loads():
    assert bundled_events_dir() == EVENTS
    records = load_records([EVENTS])
    assert len(records) == 10
    assert {r.kind for r in records} == {"strike", "statement", "negotiation", "pause"}


def test_a_key_written_twice_in_a_json_lines_record_is_refused_at_its_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"id":"s1","kind":"strike","tz":"UTC","when":"2026","title":"t"}\n'
        '{"id":"s2","kind":"strike","tz":"UTC","when":"2026","title":"t",'
        '"casualties":{"killed":5},"casualties":{"wounded":2}}\n', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_records([path])
    [problem] = raised.value.problems
    assert (problem.location, problem.field) == ("line 2", "")
    assert "the key 'casualties' is written twice in one object" in problem.message


def test_a_key_written_twice_in_a_json_file_is_refused_at_its_second_place(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('[\n  {"id": "s1", "kind": "strike", "tz": "UTC", "when": "2026",\n'
                    '   "title": "t", "kind": "pause"}\n]\n', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_records([path])
    [problem] = raised.value.problems
    assert problem.location == "line 3, column 18"
    assert "the key 'kind' is written twice" in problem.message


def test_a_key_written_twice_on_standard_input_is_refused_too():
    data = b'{"id":"s1","kind":"strike","kind":"strike","tz":"UTC","when":"2026","title":"t"}\n'
    with pytest.raises(InputError) as raised:
        load_records(["-"], stdin=io.BytesIO(data))
    assert "the key 'kind' is written twice" in raised.value.problems[0].message
