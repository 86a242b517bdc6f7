"""Nothing lost: load → show --format jsonl/json → load gives the same records, field for
field, on the bundled data and on generated records of every kind."""

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflict_timeline.errors import InputError
from conflict_timeline.loading import load_records
from conflict_timeline.records import parse_span, record_to_dict, validate_record, zone_from_name

from .conftest import EVENTS, cli
from .strategies import record_lists, records


def _by_id(records_):
    return {r.id: r for r in records_}


def _show(fmt: str, path: Path) -> str:
    result = cli("show", str(path), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _assert_nothing_dropped(written: dict, loaded) -> None:
    """Every field the writer wrote comes back with its value, unless the value is the
    field's default (an empty list, a null), which the output leaves out."""
    out = record_to_dict(loaded)
    model = type(loaded)
    for key in written:
        if key not in out:
            default = model.model_fields[key].get_default(call_default_factory=True)
            assert getattr(loaded, key) == default, f"{key} was dropped"
    assert out["when"] == written["when"]  # as written, spaces and all
    assert out.get("declared_on") == written.get("declared_on")


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_bundled_data_round_trips_field_for_field(tmp_path, fmt):
    original = _by_id(load_records([EVENTS]))
    path = tmp_path / f"again.{fmt}"
    path.write_text(_show(fmt, EVENTS), encoding="utf-8")
    again = _by_id(load_records([path]))
    assert again == original  # pydantic equality: every field, `when` as written
    assert {k: record_to_dict(r) for k, r in again.items()} == {
        k: record_to_dict(r) for k, r in original.items()}


@given(record_lists, st.sampled_from(["jsonl", "json"]))
def test_generated_records_round_trip(written, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in written) + "\n",
                          encoding="utf-8")
        loaded = _by_id(load_records([source]))
        assert list(loaded) == [r["id"] for r in written]
        for record in written:
            assert loaded[record["id"]] == validate_record(record)
            _assert_nothing_dropped(record, loaded[record["id"]])
        output = Path(tmp) / f"out.{fmt}"
        output.write_text(_show(fmt, source), encoding="utf-8")
        again = _by_id(load_records([output]))
    assert again == loaded
    for key, record in again.items():
        assert record.span == loaded[key].span  # the same resolved span, to the microsecond
        assert record_to_dict(record) == record_to_dict(loaded[key])  # counts as written too


def _counts_written(record: dict) -> list:
    weapons = [(w.get("launched"), w.get("intercepted")) for w in record.get("weapons", [])]
    casualties = record.get("casualties") or {}
    return [weapons, casualties.get("killed"), casualties.get("wounded")]


@given(st.lists(records("strike"), min_size=1, max_size=4, unique_by=lambda r: r["id"]))
def test_counts_come_back_as_written_exact_bounds_and_ranges(written):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in written),
                          encoding="utf-8")
        output = Path(tmp) / "out.jsonl"
        output.write_text(_show("jsonl", source), encoding="utf-8")
        again = _by_id(load_records([output]))  # in timeline order, not as written
    assert len(again) == len(written)
    for record in written:
        assert _counts_written(record_to_dict(again[record["id"]])) == _counts_written(record)


@given(records())
def test_the_output_is_what_was_written_plus_the_span(written):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.json"
        source.write_text(json.dumps([written]), encoding="utf-8")
        [item] = json.loads(_show("json", source))
    span = item.pop("span")
    assert set(span) == {"start", "end", "precision", "zone"}
    [loaded] = load_records(["-"], stdin=io.BytesIO(json.dumps([item]).encode()))
    assert loaded == validate_record(written)


def test_unknown_fields_are_rejected_never_dropped(tmp_path):
    path = tmp_path / "a.jsonl"
    line = {"id": "a", "kind": "strike", "tz": "UTC", "when": "2026", "title": "t",
            "casualties": {"killed": 1, "missing": 2}, "wen": "2027",
            "sources": [{"name": "x", "archived": "yes"}]}
    path.write_text(json.dumps(line))
    with pytest.raises(InputError) as caught:
        load_records([path])
    assert sorted(p.field for p in caught.value.problems) == [
        "casualties.missing", "sources[0].archived", "wen"]
    assert all("unknown field" in p.message for p in caught.value.problems)


def test_a_json_lines_title_with_a_line_separator_stays_one_record(tmp_path):
    # str.splitlines() would cut this record in three at U+2028 and U+0085
    record = {"id": "a", "kind": "strike", "tz": "UTC", "when": "2026", "title": "one\u2028two\x85three"}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    [loaded] = load_records([path])
    assert loaded.title == "one\u2028two\x85three"
    out = _show("jsonl", path)
    assert out.count("\n") == 1 and "\\u2028" in out and "\\u0085" in out
    [again] = load_records(["-"], stdin=io.BytesIO(out.encode()))
    assert again == loaded


def test_the_resolved_span_in_input_is_not_kept(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"id": "a", "kind": "strike", "tz": "UTC", "when": "2026",
                                 "title": "t", "span": {"start": "stale", "huge": ["x"] * 1000}}]))
    [loaded] = load_records([path])
    # the span written in the input is dropped and the real one resolved from `when`
    assert loaded.span == parse_span("2026", zone_from_name("UTC"))
    assert "span" not in record_to_dict(loaded)
