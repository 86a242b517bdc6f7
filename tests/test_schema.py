"""The JSON Schema of a record file, checked by the jsonschema library against the bundled
data, imported records and records the models reject."""

from __future__ import annotations

import json
import tomllib
import warnings

import pytest
from jsonschema import Draft202012Validator

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
