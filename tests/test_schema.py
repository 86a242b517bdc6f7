"""The JSON Schema of a record file, checked by the jsonschema library against the bundled
data, imported records and records the models reject."""

from __future__ import annotations

import json
import tomllib
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conflict_timeline.errors import InputError
from conflict_timeline.importers import import_paths
from conflict_timeline.loading import load_records
from conflict_timeline.records import record_to_dict
from conflict_timeline.records.schema import record_file_schema, record_schema

from .conftest import EVENTS

FIXTURES = EVENTS.parent / "tests" / "fixtures"


@pytest.fixture(scope="module")
def file_validator():
    schema = record_file_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def record_validator():
    schema = record_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_the_schemas_declare_draft_2020_12():
    for schema in (record_file_schema(), record_schema()):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert set(schema["$defs"]) >= {"Record", "Strike", "Statement", "Negotiation", "Pause"}


def test_the_schema_is_made_without_warnings_and_shows_list_defaults():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic warns of a default it cannot write
        schema = record_schema()
    assert schema["$defs"]["Strike"]["properties"]["targets"]["default"] == []
    assert schema["$defs"]["Statement"]["properties"]["refers_to"]["default"] == []

def test_every_bundled_file_is_valid(file_validator):
    files = sorted(p for p in EVENTS.iterdir() if p.suffix in (".json", ".toml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
        assert list(file_validator.iter_errors(document)) == [], path


def test_every_loaded_and_every_imported_record_is_valid(record_validator):
    records = load_records([EVENTS])
    records += import_paths("acled", [FIXTURES / "acled_sample.csv"]).records
    records += import_paths("ucdp-ged", [FIXTURES / "ucdp_ged_sample.csv"]).records
    assert len(records) == 10 + 4 + 3
    for record in records:
        assert list(record_validator.iter_errors(record_to_dict(record))) == [], record.id


GOOD = {"id": "s1", "kind": "strike", "tz": "Europe/Kyiv", "when": "2026-01-30",
        "title": "a strike"}


@pytest.mark.parametrize(("change", "why"), [
    ({"wen": "2026"}, "unknown field"),
    ({"kind": "raid"}, "unknown kind"),
    ({"title": ""}, "empty title"),
    ({"weapons": [{"type": "laser"}]}, "unknown weapon type"),
    ({"weapons": [{"type": "drone", "launched": -1}]}, "negative count"),
    ({"location": {"lat": 91}}, "latitude out of range"),
    ({"targets": ["bakery"]}, "unknown target category"),
])
def test_records_the_models_reject_are_rejected(record_validator, file_validator, change, why):
    bad = {**GOOD, **change}
    assert list(record_validator.iter_errors(bad)), why
    assert list(file_validator.iter_errors({"events": [GOOD, bad]})), why
    assert list(record_validator.iter_errors(GOOD)) == []


def test_a_record_without_its_required_fields_is_rejected(record_validator):
    assert list(record_validator.iter_errors({"id": "p", "kind": "pause", "when": "2026",
                                              "title": "t"}))  # claimed_by, binds missing
    assert list(record_validator.iter_errors({"id": "x", "when": "2026", "title": "t"}))


def test_a_file_is_a_list_or_an_object_with_events_only(file_validator):
    assert list(file_validator.iter_errors([GOOD])) == []
    assert list(file_validator.iter_errors({"tz": "UTC", "events": [GOOD]})) == []
    assert list(file_validator.iter_errors({"tz": "UTC", "records": [GOOD]}))
    assert list(file_validator.iter_errors({"events": GOOD}))


# --- counts: the schema accepts exactly what the CLI accepts ------------------------------

def _with_killed(value):
    return {**GOOD, "casualties": {"killed": value}}


def _cli_accepts(tmp_path, value) -> str | None:
    """None if `timeline validate` loads a strike with this count, else the problem."""
    from .conftest import write_json

    path = write_json(tmp_path / "count.json", [_with_killed(value)], tz="UTC")
    try:
        load_records([path])
    except InputError as exc:
        return exc.problems[0].message
    return None


ACCEPTED_COUNTS = [0, 111, 111.0, "111", " 111 ", "100+", "100 +", "over 100", "Over 100",
                   "OVER 100", "more than 100", "above 9", ">9", "at least 3", "At\u00a0Least 3",
                   ">= 3", "≥3", "up to 40", "Up To 40", "at most 4", "no more than 4", "<=4",
                   "≤4", "90-120", "90–120", "90 — 120", "90 to 120", "90 TO 120",
                   {"min": 100}, {"max": 5}, {"min": 90, "max": 120}, {"min": 5.0},
                   {"min": None, "max": 3}, None]  # None: no count given
REFUSED_COUNTS = ["about 40", "lots", "", " ", "-1", -1, 1.5, True, {}, {"least": 3},
                  {"min": "3"}, {"min": None}, {"min": None, "max": None}, {"min": -1}, "1e3", "100++", "over", "90-",
                  "٣", "１２", "1234567890123", ["1"]]


@pytest.mark.parametrize("value", ACCEPTED_COUNTS, ids=repr)
def test_the_schema_accepts_every_count_the_cli_accepts(record_validator, tmp_path, value):
    assert _cli_accepts(tmp_path, value) is None
    assert list(record_validator.iter_errors(_with_killed(value))) == []


@pytest.mark.parametrize("value", REFUSED_COUNTS, ids=repr)
def test_the_schema_refuses_every_count_the_cli_refuses(record_validator, tmp_path, value):
    assert _cli_accepts(tmp_path, value) is not None
    assert list(record_validator.iter_errors(_with_killed(value))), value


@pytest.mark.parametrize(("value", "message"), [
    ("120-90", "the range's maximum 90 is below its minimum 120"),
    (" 5 to 3", "the range's maximum 3 is below its minimum 5"),
    ({"min": 5, "max": 3}, "the range's maximum 3 is below its minimum 5"),
], ids=repr)
def test_a_range_ending_below_its_start_is_what_the_schema_cannot_check(
        record_validator, tmp_path, value, message):
    assert list(record_validator.iter_errors(_with_killed(value))) == []
    assert (_cli_accepts(tmp_path, value) or "").startswith(message)
    # so the schema and the docs say so
    assert "'120-90'" in record_schema()["description"]
    text = (FIXTURES.parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    assert "## What the JSON Schema cannot check" in text and '"120-90"' in text


_COUNT_ALPHABET = "0123456789 +-–to>=≥<≤\u00a0\tOVERatlsupmhn"


@given(st.text(_COUNT_ALPHABET, max_size=14))
def test_schema_and_parser_agree_on_any_count_text(text):
    from conflict_timeline.records.counts import parse_count

    validator = Draft202012Validator(record_schema())
    try:
        parse_count(text)
        cli = True
    except ValueError as exc:  # PydanticCustomError is a ValueError
        cli = "is below its minimum" in str(exc)  # the one thing the schema cannot see
    assert (not list(validator.iter_errors(_with_killed(text)))) == cli, text
