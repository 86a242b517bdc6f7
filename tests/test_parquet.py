"""Parquet: what export writes, load reads back the same; what the reader's structural check
finds, it locates by row and column, with exit status 2."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import given

from conflict_timeline.errors import InputError
from conflict_timeline.loading import load_records
from conflict_timeline.loading.parquet import ParquetSource, parquet_records
from conflict_timeline.records import record_to_dict
from conflict_timeline.records.columns import FORMAT_KEY, FORMAT_VERSION, record_columns

from .conftest import EVENTS, REPO, cli, write_json
from .strategies import record_lists


def _by_id(records):
    return {r.id: (record_to_dict(r), r.span, getattr(r, "declared_span", None)) for r in records}


def _export(source: Path, target: Path, *extra: str):
    return cli("export", "-f", "parquet", "-o", str(target), str(source), *extra)


@pytest.fixture(scope="module")
def story_file(tmp_path_factory):
    target = tmp_path_factory.mktemp("parquet") / "story.parquet"
    result = _export(EVENTS, target)
    assert result.exit_code == 0, result.stderr
    return target


# ---------------------------------------------------------------------------------------
# round trips


def test_the_bundled_story_comes_back_record_for_record(story_file):
    original = load_records([EVENTS])
    back = load_records([story_file])
    assert _by_id(back) == _by_id(original)
    assert len(back) == 10


def test_rows_are_in_timeline_order_and_carry_the_span_in_utc(story_file):
    from conflict_timeline.timeline import order_records

    ordered = order_records(load_records([EVENTS]))
    rows = duckdb.sql(f"SELECT id, epoch_us(span_start), epoch_us(span_end), span_precision, "
                      f"span_zone FROM read_parquet('{story_file}')").fetchall()
    assert [row[0] for row in rows] == [r.id for r in ordered]
    strike = next(r for r in ordered if r.kind == "strike")
    row = next(row for row in rows if row[0] == strike.id)
    assert row[1:] == (int(strike.span.start_ts * 1_000_000), int(strike.span.end_ts * 1_000_000),
                       "interval", "Europe/Kyiv")


def test_the_format_version_is_in_the_file_metadata(story_file):
    metadata = dict(duckdb.sql(
        f"SELECT key::VARCHAR, value::VARCHAR FROM parquet_kv_metadata('{story_file}')").fetchall())
    assert metadata[FORMAT_KEY] == FORMAT_VERSION


def test_counts_keep_their_bounds_and_the_form_they_were_written_in(story_file):
    ((weapons,),) = duckdb.sql(f"SELECT weapons FROM read_parquet('{story_file}') "
                               "WHERE kind = 'strike'").fetchall()
    assert weapons[0]["launched"] == {"min": 111, "max": 111, "written": "111"}


@given(record_lists)
def test_generated_records_of_every_kind_come_back_equal(written):
    with tempfile.TemporaryDirectory() as work:
        source = write_json(Path(work) / "in.json", written)
        target = Path(work) / "out.parquet"
        result = _export(source, target)
        assert result.exit_code == 0, result.stderr
        assert _by_id(load_records([target])) == _by_id(load_records([source]))
        assert _by_id(parquet_records(target)) == _by_id(load_records([source]))


def test_an_empty_export_reads_back_as_no_records(tmp_path):
    source = write_json(tmp_path / "none.json", [])
    assert _export(source, tmp_path / "none.parquet").exit_code == 0
    assert load_records([tmp_path / "none.parquet"]) == []


def test_import_writes_parquet_with_o(tmp_path):
    target = tmp_path / "acled.parquet"
    fixture = REPO / "tests" / "fixtures" / "acled_sample.csv"
    result = cli("import", "acled", str(fixture), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    jsonl = cli("import", "acled", str(fixture))
    expected = [json.loads(line) for line in jsonl.stdout.splitlines() if line.startswith("{")]
    assert [record_to_dict(r) for r in load_records([target])] == expected


def test_the_engine_view_of_strikes(story_file):
    strikes = [r for r in load_records([EVENTS]) if r.kind == "strike"]
    with ParquetSource(story_file) as source:
        rows = source.sql("SELECT id, span_start_ts, span_end_ts, \"by\", targets, "
                          "location.region FROM strikes").fetchall()
        pauses = source.sql("SELECT count(*) FROM pauses").fetchone()
    assert rows == [(s.id, s.span.start_ts, s.span.end_ts, s.by, [str(t) for t in s.targets],
                     s.location.region) for s in strikes]
    assert pauses == (2,)


# ---------------------------------------------------------------------------------------
# what the reader refuses, located


def _rewrite(good: Path, bad: Path, select: str, version: str | None = FORMAT_VERSION) -> Path:
    """A copy of ``good`` made by ``select`` over its rows (``rows``), with ``version``."""
    metadata = "" if version is None else f", KV_METADATA {{{FORMAT_KEY}: '{version}'}}"
    duckdb.sql(f"COPY (WITH rows AS (SELECT * FROM read_parquet('{good}')) {select}) "
               f"TO '{bad}' (FORMAT PARQUET{metadata})")
    return bad


def _refused(path: Path) -> list[str]:
    result = cli("show", str(path))
    assert result.exit_code == 2, result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error:") and "nothing was loaded" in lines[0]
    return [line.strip() for line in lines[1:]]


def _row_of(path: Path, record_id: str) -> int:
    ids = [row[0] for row in duckdb.sql(f"SELECT id FROM read_parquet('{path}')").fetchall()]
    return ids.index(record_id) + 1


STRIKE = "strike-2026-01-30-overnight"
PAUSE = "pause-2026-01-cold-us"


def test_a_column_of_the_wrong_type(story_file, tmp_path):
    bad = _rewrite(story_file, tmp_path / "bad.parquet",
                   "SELECT * REPLACE (span_start::VARCHAR AS span_start) FROM rows")
    assert _refused(bad) == [f"{bad}: field 'span_start': column of type VARCHAR: expected "
                             "TIMESTAMP WITH TIME ZONE"]


def test_a_missing_and_an_unknown_column(story_file, tmp_path):
    bad = _rewrite(story_file, tmp_path / "bad.parquet",
                   "SELECT * EXCLUDE (title), 1 AS colour FROM rows")
    assert _refused(bad) == [f"{bad}: field 'title': missing column (of type VARCHAR)",
                             f"{bad}: field 'colour': unknown column: not part of the record format"]


def test_an_unknown_kind(story_file, tmp_path):
    bad = _rewrite(story_file, tmp_path / "bad.parquet",
                   f"SELECT * REPLACE (CASE WHEN id = '{STRIKE}' THEN 'battle' ELSE kind END "
                   "AS kind) FROM rows")
    row = _row_of(bad, STRIKE)
    problems = _refused(bad)
    where = f"{bad}: row {row}, id '{STRIKE}'"
    assert f"{where}: field 'kind': not one of strike, statement, negotiation, pause" in problems
    # nor does a kind that is not one have the strike's fields
    assert f"{where}: field 'weapons': a battle record has no such field" in problems


def test_a_word_outside_a_list_fields_vocabulary(story_file, tmp_path):
    bad = _rewrite(story_file, tmp_path / "bad.parquet",
                   f"SELECT * REPLACE (CASE WHEN id = '{STRIKE}' THEN ['energy', 'bombing'] "
                   "ELSE targets END AS targets) FROM rows")
    assert _refused(bad) == [
        f"{bad}: row {_row_of(bad, STRIKE)}, id '{STRIKE}': field 'targets[]': not one of "
        "energy, residential, civilian_infrastructure, military, government, transport, other"]


def test_a_span_that_ends_before_it_starts(story_file, tmp_path):
    bad = _rewrite(story_file, tmp_path / "bad.parquet",
                   f"SELECT * REPLACE (CASE WHEN id = '{STRIKE}' THEN span_start - INTERVAL 1 HOUR "
                   "ELSE span_end END AS span_end) FROM rows")
    assert _refused(bad) == [f"{bad}: row {_row_of(bad, STRIKE)}, id '{STRIKE}': field "
                             "'span_end': the span ends no later than it starts"]


def test_only_a_pause_may_have_an_open_end(story_file, tmp_path):
    open_end = ("SELECT * REPLACE (CASE WHEN id = '{}' THEN NULL ELSE span_end END AS span_end) "
                "FROM rows")
    strike = _rewrite(story_file, tmp_path / "strike.parquet", open_end.format(STRIKE))
    assert _refused(strike) == [f"{strike}: row {_row_of(strike, STRIKE)}, id '{STRIKE}': field "
                                "'span_end': missing: only a pause may have no end to 'when'"]
    # a pause's open end passes the engine's check; this one's `when` resolves to an end,
    # so the file was changed, and reading it through the models says so
    pause = _rewrite(story_file, tmp_path / "pause.parquet", open_end.format(PAUSE))
    with ParquetSource(pause) as source:
        assert source.sql("SELECT span_end_ts FROM pauses WHERE id = ?", [PAUSE]).fetchone() == (
            float("inf"),)
    assert _refused(pause) == [f"{pause}: row {_row_of(pause, PAUSE)}, id '{PAUSE}': field "
                               "'span_end': not the span '2026-01-29/P7D' resolves to: the file "
                               "was changed after it was written"]


def test_a_duplicate_id(story_file, tmp_path):
    bad = _rewrite(story_file, tmp_path / "bad.parquet",
                   f"SELECT * REPLACE (CASE WHEN id = '{PAUSE}' THEN '{STRIKE}' ELSE id END "
                   "AS id) FROM rows")
    first, again = sorted([_row_of(story_file, STRIKE), _row_of(story_file, PAUSE)])
    assert _refused(bad) == [f"{bad}: row {again}, id '{STRIKE}': field 'id': duplicate id "
                             f"'{STRIKE}': already used at row {first}"]


def test_a_missing_id_and_a_missing_required_field(story_file, tmp_path):
    bad = _rewrite(story_file, tmp_path / "bad.parquet",
                   f"SELECT * REPLACE (CASE WHEN id = '{STRIKE}' THEN NULL ELSE id END AS id, "
                   f"CASE WHEN id = '{PAUSE}' THEN NULL ELSE binds END AS binds) FROM rows")
    expected = sorted([
        (_row_of(story_file, STRIKE), f"{bad}: row {_row_of(story_file, STRIKE)}: field 'id': "
                                      "missing: required for a strike record"),
        (_row_of(story_file, PAUSE), f"{bad}: row {_row_of(story_file, PAUSE)}, id '{PAUSE}': "
                                     "field 'binds': missing: required for a pause record")])
    assert _refused(bad) == [problem for _, problem in expected]


def test_a_changed_when_no_longer_matching_its_span(story_file, tmp_path):
    bad = _rewrite(story_file, tmp_path / "bad.parquet",
                   f"SELECT * REPLACE (CASE WHEN id = '{STRIKE}' THEN '2026-02-01' ELSE \"when\" "
                   "END AS \"when\") FROM rows")
    assert _refused(bad) == [f"{bad}: row {_row_of(bad, STRIKE)}, id '{STRIKE}': field "
                             "'span_start': not the span '2026-02-01' resolves to: the file "
                             "was changed after it was written"]


def test_a_wrong_or_missing_format_version(story_file, tmp_path):
    wrong = _rewrite(story_file, tmp_path / "wrong.parquet", "SELECT * FROM rows", version="99")
    none = _rewrite(story_file, tmp_path / "none.parquet", "SELECT * FROM rows", version=None)
    assert _refused(wrong) == [f"{wrong}: format version '99': this timeline reads version "
                               "'1' (write the file again with this timeline's export "
                               "--format parquet)"]
    assert _refused(none) == [f"{none}: not a conflict-timeline records file: its metadata "
                              f"has no '{FORMAT_KEY}' (make one with timeline export --format "
                              "parquet)"]


def test_a_file_that_is_not_parquet_at_all(tmp_path):
    bad = tmp_path / "notes.parquet"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    (problem,) = _refused(bad)
    assert problem.startswith(f"{bad}: not a Parquet file the engine can read (")
    assert problem.endswith("): make one with timeline export --format parquet")


def test_parquet_on_standard_input_is_refused_with_a_reason(story_file):
    result = cli("show", "-", input=story_file.read_bytes())
    assert result.exit_code == 2
    assert ("<stdin>: a Parquet file cannot be read from standard input (the engine reads it "
            "by name): name the file") in result.stderr


def test_every_command_that_reads_records_refuses_a_bad_file(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 but nothing more")
    for command in ("show", "check", "check-pause", "validate", "export -f csv"):
        result = cli(*command.split(), str(bad))
        assert result.exit_code == 2, (command, result.stdout)
        assert "not a Parquet file the engine can read" in result.stdout + result.stderr, command


def test_the_structure_check_needs_no_model(story_file, tmp_path):
    """A structural problem is found by the engine before any row is made a record."""
    bad = _rewrite(story_file, tmp_path / "bad.parquet",
                   "SELECT * REPLACE ('battle' AS kind) FROM rows")
    with pytest.raises(InputError) as raised:
        next(parquet_records(bad))
    assert {p.field for p in raised.value.problems} >= {"kind"}
    assert len({p.location for p in raised.value.problems if p.field == "kind"}) == 10


# ---------------------------------------------------------------------------------------
# writing


def test_an_existing_file_is_kept_without_force(story_file, tmp_path):
    target = tmp_path / "story.parquet"
    target.write_bytes(b"mine")
    result = _export(EVENTS, target)
    assert result.exit_code == 2
    assert f"{target} already exists: pass --force to overwrite it" in result.stderr
    assert target.read_bytes() == b"mine"
    assert _export(EVENTS, target, "--force").exit_code == 0
    assert len(load_records([target])) == 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.parquet"]  # no temporary left


def test_binary_to_a_terminal_is_refused(tmp_path):
    main, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "conflict_timeline", "export", "-f", "parquet"],
            check=False, stdout=terminal, stderr=subprocess.PIPE, cwd=tmp_path, timeout=120,
            env={**os.environ, "PYTHONPATH": str(REPO)})
        os.set_blocking(main, False)
        try:
            shown = os.read(main, 4096)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(main)
        os.close(terminal)
    assert done.returncode == 2
    assert b"Parquet is a binary format and standard output is a terminal" in done.stderr
    assert b"PAR1" not in shown


def test_the_layout_has_every_field_of_every_kind():
    from conflict_timeline.records.models import Negotiation, Pause, Statement, Strike

    names = [c.name for c in record_columns()]
    for model in (Strike, Statement, Negotiation, Pause):
        for field, info in model.model_fields.items():
            assert (field in names) == (not info.exclude), field
    assert names[:2] == ["id", "kind"]
    assert names[names.index("when") + 1:names.index("when") + 5] == [
        "span_start", "span_end", "span_precision", "span_zone"]
    assert len(names) == len(set(names))
