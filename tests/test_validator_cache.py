"""The record validator kept between runs (records/validator_cache.py): the same verdicts as
the one pydantic builds, a new one whenever the models change, and never an error of its
own."""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from conflict_timeline.records import models
from conflict_timeline.records.models import Record
from conflict_timeline.records.validator_cache import (
    _SchemaUnpickler, cache_directory, record_validation)

from .conftest import EVENTS

RECORDS_PACKAGE = Path(models.__file__).parent


def _bundled() -> list[dict]:
    files = [json.loads((EVENTS / "attack-2026-01-30.json").read_text())]
    files += [tomllib.loads((EVENTS / name).read_text())
              for name in ("diplomacy-2026-01.toml", "pause-2026-01.toml")]
    return [{"tz": data.get("tz"), **entry} for data in files for entry in data["events"]]


def _wrong() -> list[object]:
    strike = {"id": "s", "kind": "strike", "tz": "Europe/Kyiv", "when": "2026-01-30T02:00",
              "title": "t"}
    return [
        {**strike, "tz": "Europe/Kyv"},
        {**strike, "when": "2026-01-30T26:00"},
        {**strike, "when": "2026-01-30T02:00", "tz": None},
        {**strike, "kind": "raid"},
        {**strike, "surprise": 1},
        {**strike, "location": {"lat": True, "lon": 200}},
        {**strike, "weapons": [{"type": "drone", "launched": "about 40"}]},
        {**strike, "weapons": [{"type": "drone", "launched": {"min": 5, "max": 2}}]},
        {**strike, "targets": ["moon"]},
        {**strike, "span": {"start": "stale"}},
        {**strike, "weapons": [{"type": "drone", "launched": "100+",
                                "intercepted": {"min": 90, "max": 99}}]},
        {"id": "p", "kind": "pause", "when": "2026-01-30/P7D", "tz": "Europe/Kyiv",
         "title": "t", "scope": {"targets": ["energy"]}},
        {"id": "", "kind": "statement", "when": "2026-01", "title": "t", "speaker": ""},
        "not a record",
        [],
    ]


def _verdict(validator, data):
    try:
        record = validator.validate_python(data)
    except ValidationError as exc:
        return "invalid", exc.errors(include_url=False)
    return "valid", record, record.span, record.model_fields_set


def test_the_suite_runs_on_the_restored_validator():
    # conftest filled the cache before the records were imported, as a user's first run does
    assert models.RECORD_VALIDATION.restored is True
    left_out = models.RECORD_VALIDATOR.validate_python(
        {"id": "1", "kind": "strike", "when": "2026", "tz": "UTC", "title": "T"})
    assert left_out.actors is models._NO_ITEMS  # the defaults are the models' own objects


@pytest.mark.parametrize("data", _bundled() + _wrong())
def test_restored_and_built_validators_give_the_same_verdicts(data):
    built = TypeAdapter(Record)
    assert _verdict(models.RECORD_VALIDATOR, data) == _verdict(built.validator, data)
    if _verdict(built.validator, data)[0] == "valid":
        record = built.validator.validate_python(data)
        line = built.serializer.to_json(record, exclude_defaults=True)
        assert models.RECORD_VALIDATOR.validate_json(line) == built.validator.validate_json(line)
        assert models.record_to_dict(record) == built.serializer.to_python(
            record, mode="json", exclude_defaults=True)


def _package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "records"
    copy.mkdir()
    for source in RECORDS_PACKAGE.glob("*.py"):
        shutil.copy(source, copy / source.name)
    return copy


def _cached(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("record-validator-*.pickle"))


def _build() -> TypeAdapter:
    return TypeAdapter(Record)


def test_a_change_to_the_records_source_builds_and_keeps_a_new_validator(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    package = _package_copy(tmp_path)
    assert record_validation(_build, package).restored is False
    first = _cached(tmp_path / "cache")
    assert len(first) == 1
    assert record_validation(_build, package).restored is True

    with (package / "models.py").open("a") as models_source:
        models_source.write("\n# a change\n")
    assert record_validation(_build, package).restored is False
    assert len(_cached(tmp_path / "cache")) == 2 and first[0] in _cached(tmp_path / "cache")
    assert record_validation(_build, package).restored is True


def test_a_broken_cache_file_is_rebuilt_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    package = _package_copy(tmp_path)
    record_validation(_build, package)
    [name] = _cached(tmp_path)
    (tmp_path / name).write_bytes(b"\x80\x05not a pickle")
    validation = record_validation(_build, package)
    assert validation.restored is False
    assert _verdict(validation.validator, _bundled()[0])[0] == "valid"
    assert record_validation(_build, package).restored is True


class _Payload:
    def __reduce__(self):
        return (os.mkdir, (self.target,))


class _ValidatorOfARecord:
    def __reduce__(self):
        return (getattr, (models.Strike, "_span_of_when"))


class _DunderOfARecord:
    def __reduce__(self):  # the way to a function's __globals__, and from there anywhere
        return (getattr, (models.Strike, "__init__"))


def test_a_cache_file_naming_anything_but_the_records_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    package = _package_copy(tmp_path)
    record_validation(_build, package)
    [name] = _cached(tmp_path)
    payload = _Payload()
    payload.target = str(tmp_path / "payload-ran")
    (tmp_path / name).write_bytes(pickle.dumps(payload))
    assert record_validation(_build, package).restored is False
    assert not (tmp_path / "payload-ran").exists()

    with pytest.raises(pickle.UnpicklingError, match="mkdir"):
        _SchemaUnpickler(io.BytesIO(pickle.dumps(payload))).load()


def test_the_one_builtin_a_schema_needs_reaches_only_the_records_own_names():
    def load(data: object) -> object:
        return _SchemaUnpickler(io.BytesIO(pickle.dumps(data))).load()

    assert load(_ValidatorOfARecord()) == models.Strike._span_of_when
    with pytest.raises(pickle.UnpicklingError, match="__init__"):
        load(_DunderOfARecord())


def test_no_cache_when_turned_off_or_when_pydantic_plugins_may_load(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    package = _package_copy(tmp_path)
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    assert cache_directory() is None
    assert record_validation(_build, package).restored is False
    monkeypatch.delenv("TIMELINE_NO_CACHE")
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some_plugin")  # disables that one only
    assert record_validation(_build, package).restored is False
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_directory_only_costs_the_time(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    validation = record_validation(_build, _package_copy(tmp_path))
    assert validation.restored is False
    assert _verdict(validation.validator, _bundled()[0])[0] == "valid"


def test_the_default_directory_follows_xdg_then_home(tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_directory() == tmp_path / "conflict-timeline"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "someone"))
    assert cache_directory() == tmp_path / "someone" / ".cache" / "conflict-timeline"


def test_no_home_means_no_cache_not_a_directory_named_tilde(tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # as with no HOME, no pwd
    monkeypatch.chdir(tmp_path)
    assert cache_directory() is None
    assert record_validation(_build, _package_copy(tmp_path)).restored is False
    assert not (tmp_path / "~").exists()


def test_old_cache_files_are_let_go_beyond_four_and_strays_after_an_hour(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    for n in range(5):
        stale = tmp_path / f"record-validator-stale{n}.pickle"
        stale.write_bytes(b"")
        os.utime(stale, (1_000_000 + n, 1_000_000 + n))
    (tmp_path / ".tmp-killed").write_bytes(b"half")
    os.utime(tmp_path / ".tmp-killed", (1_000_000, 1_000_000))
    (tmp_path / ".tmp-writing-now").write_bytes(b"half")
    record_validation(_build, _package_copy(tmp_path))
    assert sorted(p.name for p in tmp_path.glob(".tmp-*")) == [".tmp-writing-now"]
    kept = _cached(tmp_path)
    assert len(kept) == 4
    assert [name for name in kept if "stale" in name] == [
        "record-validator-stale2.pickle", "record-validator-stale3.pickle",
        "record-validator-stale4.pickle"]


def test_the_command_fills_the_cache_once_and_answers_the_same_from_it(tmp_path):
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path)}
    env.pop("PYDANTIC_DISABLE_PLUGINS")  # the command disables them itself

    def show() -> str:
        result = subprocess.run([sys.executable, "-m", "conflict_timeline", "show", "-f", "json"],
                                capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    first = show()
    assert len(_cached(tmp_path)) == 1
    assert show() == first and len(json.loads(first)) == 10
    assert len(_cached(tmp_path)) == 1


def test_the_help_says_where_the_cache_is_and_how_to_turn_it_off():
    from typer.testing import CliRunner

    from conflict_timeline.cli import app

    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    words = result.output.split()
    assert "~/.cache/conflict-timeline" in words and "TIMELINE_CACHE_DIR" in words
    assert "TIMELINE_NO_CACHE=1" in words
