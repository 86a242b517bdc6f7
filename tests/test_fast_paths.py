"""The fast paths give exactly what the general code gives: JSON Lines validated from bytes
by pydantic-core, common `when` forms read from cached days and times of day, and JSON
written by pydantic-core. Each either gives the same result as the slow path or declines."""

from __future__ import annotations

import io
import json
import re
import typing
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from pydantic import BaseModel
from hypothesis import strategies as st

from conflict_timeline.loading import load_records
from conflict_timeline.loading.readers import ParsedFile, RawEntry
from conflict_timeline.loading.validation import validate_json_line, validated_entry
from conflict_timeline.records import (
    Negotiation, Pause, SpanError, Statement, Strike, parse_span, record_to_dict, zone_from_name)
from conflict_timeline.records import spans
from conflict_timeline.records.models import (
    _PART_FIELDS, Casualties, Location, PauseScope, Source, Weapon, _Part, share_field_names)
from conflict_timeline.rendering.machine import (
    _escape_unsafe, json_text, record_json, record_jsonl_line, write_json, write_jsonl)

from .strategies import ZONES, json_values, records, when_texts


def _slow(line: bytes):
    """The general path: decode, json.loads, validate the Python objects."""
    parsed = ParsedFile("a.jsonl")
    try:
        data = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):
        return None, "not JSON"
    return validated_entry(parsed, RawEntry(data, "line 1")), parsed.problems


def _facts(record):
    """All a record holds, spans included (When compares as text only)."""
    declared = getattr(record, "declared_span", None)
    return record_to_dict(record), record.span, declared, type(record)


def _assert_alike(line: bytes):
    fast = validate_json_line(line)
    slow, problems = _slow(line)
    if fast is not None:
        assert slow is not None, problems
        assert _facts(fast) == _facts(slow)
    return fast, slow


@given(records(), st.booleans())
def test_a_valid_record_takes_the_fast_path_and_loads_as_the_slow_path_loads_it(data, ascii):
    fast, slow = _assert_alike(json.dumps(data, ensure_ascii=ascii).encode())
    assert fast is not None and slow is not None


@given(records(), st.text(min_size=1, max_size=12), json_values)
def test_a_changed_record_loads_alike_or_the_fast_path_declines(data, key, value):
    field = key if key in data or len(key) > 6 else sorted(data)[len(key) % len(data)]
    _assert_alike(json.dumps({**data, field: value}, ensure_ascii=False).encode())


@pytest.mark.parametrize("line, field, last", [
    (b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"T","title":"again"}',
     "title", "again"),
    (b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"T","kind":"statement",'
     b'"speaker":"x"}', "kind", "statement"),
    (b'{"id":"a","kind":"strike","tz":"Europe/Kyiv","when":"2026-01-01T00:00","title":"T",'
     b'"tz":"UTC"}', "tz", "UTC"),
])
def test_a_key_written_twice_keeps_its_last_value_on_both_paths(line, field, last):
    fast, slow = _assert_alike(line)
    assert fast is not None and getattr(fast, field) == last


@pytest.mark.parametrize("line", [
    b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"a\tb"}',
    b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"\\ud800"}',
    b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"\xff"}',
    b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"T"} x',
    b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"T"}\x0c',
    b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"T","location":{"lat":NaN}}',
    b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"T","location":{"lat":true}}',
    b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"T","location":{"lat":1e400}}',
    b'{"id":"a","kind":"strike","tz":"UTC","when":"0001-01-01T00:00+14:00","title":"T"}',
    b'{"id":"a","kind":"strike","tz":"UTC","when":"\xef\xbc\x92026-01-01","title":"T"}',
    b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"T","weapons":'
    b'[{"type":"drone","launched":1' + b"0" * 5000 + b'}]}',
    b"[" * 300 + b"]" * 300,
])
def test_lines_the_standard_library_reads_otherwise_are_left_to_the_slow_path(line):
    fast, slow = _assert_alike(line)
    assert fast is None and slow is None


def test_the_first_record_with_every_kind_of_line_end_is_the_same(tmp_path):
    from conflict_timeline.loading import load_records

    line = b'{"id":"%d","kind":"strike","tz":"UTC","when":"2026-01-30T03:15","title":"T"}'
    data = b"\xef\xbb\xbf" + line % 1 + b"\r\n" + line % 2 + b"\r" + line % 3 + b"\n\n" + line % 4
    path = tmp_path / "a.jsonl"
    path.write_bytes(data)
    records = load_records([path])
    assert [r.id for r in records] == ["1", "2", "3", "4"]
    assert {r.span.start.isoformat() for r in records} == {"2026-01-30T03:15:00+00:00"}


# --- `when` ---------------------------------------------------------------------------

def _general_span(text, zone, monkeypatch):
    with monkeypatch.context() as patch:
        for name in ("_COMMON_VALUE", "_COMMON_WHEN"):
            patch.setattr(spans, name, re.compile("(?!)"))  # never matches
        return _outcome(text, zone)


def _outcome(text, zone):
    """The span, and how it is shown: datetimes compare equal at one instant whatever
    their zone and fold, but are written as their wall time and offset. The texts the span
    carries for writing are those isoformat writes, on either path."""
    try:
        span = parse_span(text, zone)
    except SpanError as exc:
        return str(exc)
    assert (span.start_text, span.end_text) == (span.start.isoformat(), span.end.isoformat())
    return span, [(moment.isoformat(), moment.fold, moment.tzinfo)
                  for moment in (span.start, span.end)]


_EDGES = st.sampled_from([
    "0001-01-01", "0001-01-01T00:00+14:00", "0001-01-02T00:00Z", "9999-12-30", "9999-12-31",
    "9999-12-30T23:59-02:00", "2026-02-29", "2024-02-29T24:00", "2026-03-29T02:30",
    "2026-10-25T02:30", "\uff12026-01-01", "2026-01-30T03:15+24:00", "2026-01-30T03:15-00:00",
    "2026-01-30T03", "2026-01-30T03:15:60", "2026-10-25T01:30Z/PT1H", "2026-10-25T02:30/PT90M",
    "1890-06-01", "1890-06-01T10:00:30",  # local mean time: offsets with seconds
    "2026-01-29/2026-01-30", "2026-01-29T18:00+02:00/2026-01-30", "2026-03-29/2026-03-29",
])


@given(st.one_of(when_texts, _EDGES), st.none() | st.sampled_from(ZONES))
def test_a_common_when_reads_as_the_general_parser_reads_it(text, zone_name):
    zone = zone_from_name(zone_name) if zone_name else None
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _outcome(text, zone) == _general_span(text, zone, monkeypatch)


# Zones that change their offset at midnight (Beirut, Havana, Santiago's "24:00"), by half
# an hour (Lord Howe), twice a year round Ramadan (Casablanca), or skip a whole day (Apia
# on 2011-12-30, Kiritimati on 1994-12-31)
_CHANGING_ZONES = ["Europe/Kyiv", "Asia/Beirut", "America/Havana", "America/Santiago",
                   "Australia/Lord_Howe", "Africa/Casablanca", "Pacific/Apia",
                   "Pacific/Kiritimati", "America/St_Johns", "Asia/Gaza"]


def _days_the_offset_changes(zone, years):
    for year in years:
        day = date(year, 1, 1)
        while day.year == year:
            midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
            following = midnight + timedelta(days=1)
            if (midnight.utcoffset() != following.utcoffset()
                    or following.timestamp() - midnight.timestamp() != 86400):
                yield day
            day += timedelta(days=1)


def _whens_on(day):
    text = day.isoformat()
    before = (day - timedelta(days=1)).isoformat()
    yield from (text, f"{text}/P1D", f"{text}/P2D", f"{text}/P30D", f"{before}/{text}",
                f"{before}T12:00/{text}", f"{text}/{text}")
    for minutes in range(0, 24 * 60, 30):
        clock = f"{minutes // 60:02d}:{minutes % 60:02d}"
        yield from (f"{text}T{clock[:2]}", f"{text}T{clock}", f"{text}T{clock}:00",
                    f"{text}T{clock}/PT90M", f"{text}T{clock}/{text}T23:59")
    yield from (f"{text}T23:59:59", f"{text}T23:59", f"{text}T23")


@pytest.mark.parametrize("zone_name", _CHANGING_ZONES)
def test_every_common_when_near_an_offset_change_reads_as_the_general_parser_reads_it(
        zone_name, monkeypatch):
    zone = zone_from_name(zone_name)
    days = list(_days_the_offset_changes(zone, (1994, 2011, 2022, 2026)))
    assert days  # each of these zones changes its offset in some of those years
    for day in days:
        for near in (day - timedelta(days=1), day, day + timedelta(days=1)):
            for text in _whens_on(near):
                assert _outcome(text, zone) == _general_span(text, zone, monkeypatch), text


# --- JSON writers ------------------------------------------------------------------------

@given(st.lists(json_values, max_size=7), st.integers(1, 3))
def test_indented_json_is_what_the_standard_library_writes(items, batch):
    out = io.StringIO()
    write_json(iter(items), out, batch=batch)
    assert out.getvalue() == json_text(items, indent=2) + "\n"


def _compact(value) -> str:
    """What ``jq -c`` would write, with the unsafe characters escaped as everywhere."""
    return _escape_unsafe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


@given(st.lists(st.dictionaries(st.text(max_size=5), json_values, max_size=3), max_size=5))
def test_json_lines_are_what_the_standard_library_writes_compactly(items):
    out = io.StringIO()
    write_jsonl(iter(items), out)
    assert out.getvalue() == "".join(_compact(item) + "\n" for item in items)


@given(records())
def test_a_record_line_is_its_json_written_compactly(data):
    record = validate_json_line(json.dumps(data).encode())
    assert record is not None
    line = record_jsonl_line(record)
    assert line == _compact(record_json(record))
    assert json.loads(line)["span"]["start"] == record.span.start.isoformat()


# --- shared sets of written field names ---------------------------------------------------

def test_records_loaded_alike_share_their_field_names_and_stay_ordinary_models(tmp_path):
    line = ('{"id":"%d","kind":"strike","tz":"UTC","when":"2026","title":"T",'
            '"location":{"region":"R"},"weapons":[{"type":"drone"},{"type":"drone","launched":3}]}')
    path = tmp_path / "a.jsonl"
    path.write_text(line % 1 + "\n" + line % 2 + "\n")
    first, second = load_records([path])
    assert first.model_fields_set is second.model_fields_set
    assert first.location.model_fields_set is second.location.model_fields_set
    assert first.weapons[0].model_fields_set is second.weapons[0].model_fields_set == {"type"}
    assert first.weapons[1].model_fields_set == {"type", "launched"}
    assert first.model_fields_set == {"id", "kind", "tz", "when", "title", "location", "weapons"}
    copied = first.model_copy(update={"summary": "s"})
    assert copied.summary == "s" and "summary" in copied.model_fields_set
    first.by = "someone"
    assert "by" in first.model_fields_set and "by" not in second.model_fields_set
    assert record_to_dict(second) == {"id": "2", "kind": "strike", "tz": "UTC", "when": "2026",
                                      "title": "T", "location": {"region": "R"},
                                      "weapons": [{"type": "drone"}, {"type": "drone", "launched": 3}]}
    # a record validated alone (as a parallel reader's workers do) keeps a set of its own
    alone = validate_json_line((line % 3).encode())
    assert type(alone.model_fields_set) is set and alone.model_fields_set == second.model_fields_set
    assert type(alone.location.model_fields_set) is set
    share_field_names(alone)
    assert alone.model_fields_set is second.model_fields_set
    assert alone.weapons[1].model_fields_set is second.weapons[1].model_fields_set


def _parts(annotation) -> bool:
    """Whether a field's type holds a record's part (a _Part, or a list of them)."""
    return (isinstance(annotation, type) and issubclass(annotation, _Part)) or any(
        _parts(argument) for argument in typing.get_args(annotation))


def test_every_field_that_holds_a_records_part_is_shared_and_parts_hold_no_parts():
    holders = {kind: {name for name, field in kind.model_fields.items()
                      if _parts(field.annotation)} for kind in _PART_FIELDS}
    assert holders[Strike] == {"location", "sources", "weapons", "casualties"}
    assert holders[Pause] == {"location", "sources", "scope"}
    assert {kind: set(names) for kind, names in _PART_FIELDS.items()} == holders
    for part in (Location, Source, Weapon, Casualties, PauseScope):
        assert not any(_parts(field.annotation) for field in part.model_fields.values())


def test_left_out_lists_are_one_shared_read_only_empty_list():
    line = b'{"id":"%d","kind":"strike","tz":"UTC","when":"2026","title":"T"}'
    first, second = validate_json_line(line % 1), validate_json_line(line % 2)
    assert first.actors == [] and first.actors is second.tags
    with pytest.raises(TypeError, match="assign a new list"):
        first.actors.append("someone")
    with pytest.raises(TypeError):
        first.weapons += [None]
    assert second.actors == [] and second.weapons == []
    first.actors = ["someone"]
    assert first.actors == ["someone"] and second.actors == []
    assert record_to_dict(second) == {"id": "2", "kind": "strike", "tz": "UTC", "when": "2026",
                                      "title": "T"}


# --- start-up without the cyclic collector ------------------------------------------------

def test_the_collector_runs_again_once_a_command_has_loaded_its_records():
    import gc

    from conflict_timeline.cli.common import load

    gc.disable()  # as conflict_timeline.__main__ starts the command
    try:
        records = load(None)
        assert gc.isenabled() and len(records) == 10
    finally:
        gc.enable()


def test_the_script_entry_runs_the_command():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "conflict_timeline", "show", "-f", "jsonl",
                           "--kind", "pause"], capture_output=True, text=True, check=True)
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [
        "pause-2026-01-cold-ua", "pause-2026-01-cold-us"]



@given(records())
def test_a_record_is_written_with_id_and_kind_first(data):
    record = validate_json_line(json.dumps(data).encode())
    assert list(record_to_dict(record))[:2] == ["id", "kind"]


def _float_fields(model, prefix=""):
    """The dotted names of the fields of ``model`` (and of the models in it) that may hold
    a float."""
    found = set()
    for name, field in model.model_fields.items():
        for part in _annotation_parts(field.annotation):
            if part is float:
                found.add(prefix + name)
            elif isinstance(part, type) and issubclass(part, BaseModel):
                found |= _float_fields(part, f"{prefix}{name}.")
    return found


def _annotation_parts(annotation):
    yield annotation
    for argument in typing.get_args(annotation):
        yield from _annotation_parts(argument)


def test_only_coordinates_are_floats_so_only_they_are_checked_for_floats_printed_otherwise():
    # rendering.machine._has_coordinates looks at these two fields instead of every line
    for kind in (Strike, Statement, Negotiation, Pause):
        assert _float_fields(kind) == {"location.lat", "location.lon"}, kind


@pytest.mark.parametrize("lat, printed", [(0.00001, "1e-05"), (1e-20, "1e-20"), (48.5, "48.5")])
def test_a_coordinate_pydantic_prints_otherwise_is_written_as_the_standard_library_writes_it(
        lat, printed):
    line = (b'{"id":"a","kind":"strike","tz":"UTC","when":"2026","title":"T",'
            b'"location":{"lat":%s}}' % repr(lat).encode())
    written = record_jsonl_line(validate_json_line(line))
    assert f'"location":{{"lat":{printed}}}' in written
    assert written == _compact(record_json(validate_json_line(line)))


def test_a_span_is_equal_and_hashes_alike_however_it_keeps_its_texts(monkeypatch):
    zone = zone_from_name("Europe/Kyiv")
    fast = parse_span("2026-01-30T03:15", zone)
    with monkeypatch.context() as patch:
        for name in ("_COMMON_VALUE", "_COMMON_WHEN"):
            patch.setattr(spans, name, re.compile("(?!)"))
        general = parse_span("2026-01-30T03:15", zone)
    assert type(fast.start_stamp) is not str and type(general.start_stamp) is str
    assert fast == general and not fast != general and hash(fast) == hash(general)
    assert (fast.start_text, fast.end_text) == ("2026-01-30T03:15:00+02:00",
                                                "2026-01-30T03:16:00+02:00")
    assert fast != parse_span("2026-01-30T03:16", zone)
