"""check-pause on Parquet runs in the engine (checks/pause_sql.py); what it says is what the
plain path says on the same records: the same findings, in the same order, with the same
explanations, byte for byte, in JSON and in text, with the same exit status."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from conflict_timeline.checks.pause_sql import (
    PAIRS_QUERY,
    EngineFindings,
    ModelFindings,
    assess_sources,
)
from conflict_timeline.records import TargetCategory

from .conftest import REPO, cli
from .strategies import HOSTILE_TEXT, _durations, _offsets, _value_text, records

CEASEFIRES = sorted((REPO / "tests" / "fixtures" / "ceasefires").glob("*.json"))


def _both(source: Path, parquet: Path, *options: str):
    """check-pause's results on the file as written and on its Parquet export."""
    made = cli("export", "-f", "parquet", "-o", str(parquet), str(source))
    assert made.exit_code == 0, made.stderr
    return (cli("check-pause", str(source), *options), cli("check-pause", str(parquet), *options))


def _assert_same(plain, engine):
    assert engine.exit_code == plain.exit_code, engine.stderr
    assert engine.stdout == plain.stdout


# ---------------------------------------------------------------------------------------
# real ceasefires as announced: amended, phased, recurring, open-ended


@pytest.mark.parametrize("fixture", CEASEFIRES, ids=lambda p: p.stem)
@pytest.mark.parametrize("options", [("-f", "json"), (), ("-f", "json", "--strict"),
                                     ("-f", "jsonl")])
def test_real_ceasefires_give_the_same_report_from_parquet(fixture, options, tmp_path):
    plain, engine = _both(fixture, tmp_path / "records.parquet", *options)
    _assert_same(plain, engine)
    if options[:2] == ("-f", "json"):
        assert json.loads(engine.stdout), "the fixture has findings to compare"


def test_the_yemen_renewal_is_weighed_in_the_engine_against_the_version_in_force(tmp_path):
    fixture = REPO / "tests" / "fixtures" / "ceasefires" / "yemen-truce-2022.json"
    _, engine = _both(fixture, tmp_path / "yemen.parquet", "-f", "json")
    findings = json.loads(engine.stdout)
    noon = next(f for f in findings if f["strike"] == "strike-taiz-2022-06-02-noon")
    assert noon["pause"] == "yemen-truce-2022-06"
    assert noon["reading"] == "yemen-truce-2022-04"
    assert noon["versions_considered"] == ["yemen-truce-2022-04", "yemen-truce-2022-06"]
    assert noon["verdict"] == "violation"


def test_one_parquet_file_runs_in_the_engine_anything_else_through_the_models(tmp_path):
    fixture = REPO / "tests" / "fixtures" / "ceasefires" / "gaza-2025-10.json"
    parquet = tmp_path / "gaza.parquet"
    assert cli("export", "-f", "parquet", "-o", str(parquet), str(fixture)).exit_code == 0
    engine = assess_sources([parquet])
    try:
        assert isinstance(engine, EngineFindings)
        assert sum(engine.counts.values()) == len(list(_findings(engine)))
    finally:
        engine.close()
    assert isinstance(assess_sources([fixture]), ModelFindings)
    other = REPO / "tests" / "fixtures" / "ceasefires" / "yemen-truce-2022.json"
    both = assess_sources([parquet, other])
    assert isinstance(both, ModelFindings)
    # a selection of the strikes (the command's filters) is made through the models
    assert isinstance(assess_sources([parquet], selected=True), ModelFindings)
    assert {f.strike.id for f in _findings(both)} >= {"strike-taiz-2022-06-02-noon"}


def _findings(result):
    return [f for a in result.assessments() for f in a.findings]


def test_no_pause_or_no_strike_is_an_empty_list(tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"id": "s", "kind": "strike", "when": "2024-01-01",
                                  "tz": "UTC", "title": "x"}) + "\n", encoding="utf-8")
    plain, engine = _both(source, tmp_path / "one.parquet", "-f", "json")
    _assert_same(plain, engine)
    assert engine.stdout == "[]\n"


def test_a_broken_chain_in_parquet_is_located_and_exits_2(tmp_path):
    source = tmp_path / "chain.jsonl"
    pause = {"kind": "pause", "tz": "UTC", "title": "t", "claimed_by": "UN",
             "binds": ["A"], "when": "2024-01-01/P1D"}
    rows = [{**pause, "id": "p1"},
            {**pause, "id": "p2", "amends": "p1", "declared_on": "2024-01-01"},
            {**pause, "id": "p3", "amends": "p1", "declared_on": "2024-01-01"}]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    parquet = tmp_path / "chain.parquet"
    # the loader refuses the chain, so the file is written from a chain it accepts, then
    # changed in the engine: the reader must refuse it in its turn
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps(r) + "\n" for r in rows[:2]) + json.dumps(
        {**pause, "id": "p3", "amends": "p2", "declared_on": "2024-01-01"}) + "\n",
        encoding="utf-8")
    assert cli("export", "-f", "parquet", "-o", str(parquet), str(good)).exit_code == 0
    import duckdb

    changed = tmp_path / "changed.parquet"
    connection = duckdb.connect()
    connection.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN id = 'p3' THEN 'p1' ELSE amends END AS amends) "
        f"FROM read_parquet('{parquet}')) TO '{changed}' (FORMAT PARQUET, KV_METADATA "
        f"{{conflict_timeline_format: '1'}})")
    result = cli("check-pause", str(changed), "-f", "json")
    assert result.exit_code == 2
    assert "p1" in result.stderr and "row" in result.stderr


def test_the_query_is_plain_sql_over_the_file_and_the_window_table():
    assert "FROM strikes AS s" in PAIRS_QUERY
    assert "JOIN pause_windows AS w" in PAIRS_QUERY
    assert "lower(" not in PAIRS_QUERY.lower().replace("folded", "")  # names folded in Python


# ---------------------------------------------------------------------------------------
# the differential test: generated records of every kind


_BASE = datetime(2024, 3, 28)
_moments = st.builds(lambda minutes: _BASE + timedelta(minutes=minutes),
                     st.integers(0, 12 * 24 * 60))
_precisions = st.sampled_from(["day", "hour", "minute", "second", "fraction"])
_zones = st.sampled_from(["UTC", "Europe/Kyiv", "Australia/Lord_Howe", "America/St_Johns",
                          "Asia/Kolkata"])
_values = st.builds(_value_text, _moments, _precisions, st.none() | _offsets)
_whens = st.one_of(
    _values,
    st.builds(lambda a, b: f"{a}/{b}", _values,
              st.sampled_from(["PT1H", "PT6H", "P1D", "PT30M", "P2D"])),
    st.builds(lambda d, v: f"{d}/{v}", _durations(), _values),
    st.builds(lambda a, b: f"{a}/{_value_text(b, 'minute', '+02:00')}",
              st.builds(_value_text, _moments, st.just("minute"), st.just("+03:00")),
              _moments.map(lambda m: m + timedelta(days=3))),
)
_names = st.sampled_from(["Russia"] * 6 + [" russia", "RUSSIA", "Ukraine", "ukraine ", "Israel",
                          "İstanbul", "Straße", "STRASSE"]) | st.sampled_from(HOSTILE_TEXT)
_regions = st.sampled_from(["Kyiv", "kyiv", "Odesa", "Kharkiv ", ""]) | st.sampled_from(
    HOSTILE_TEXT)
_targets = st.lists(st.sampled_from([t.value for t in TargetCategory]), max_size=2,
                    unique=True)
_sources = st.lists(st.fixed_dictionaries(
    {"name": st.sampled_from(["ISW", "Reuters"]) | st.sampled_from(HOSTILE_TEXT)},
    optional={"url": st.sampled_from(["https://example.org/a?b=1&c=\"d\""]),
              "published": st.sampled_from(["2024-03-30", "2024"])}), max_size=2)


@st.composite
def _strike(draw, number: int) -> dict:
    record = {"id": f"s{number}", "kind": "strike", "when": draw(_whens),
              "title": draw(st.sampled_from(["Strike", "Strike on 'Kyiv'"])
                            | st.sampled_from(HOSTILE_TEXT))}
    tz = draw(st.none() | _zones)
    if tz:
        record["tz"] = tz
    else:
        record["when"] = draw(st.builds(_value_text, _moments,
                                        st.sampled_from(["hour", "minute", "second"]),
                                        _offsets))
    if draw(st.integers(0, 9)):
        record["by"] = draw(_names)
    for name, values in (("targets", _targets), ("sources", _sources)):
        if draw(st.booleans()):
            record[name] = draw(values)
    if draw(st.booleans()):
        record["location"] = {"region": draw(_regions)}
    return record


@st.composite
def _chain(draw, number: int) -> list[dict]:
    """A pause as announced and, perhaps, amended: open-ended, recurring, scoped."""
    zone = draw(_zones)
    start = draw(_moments)
    first = {"id": f"p{number}", "kind": "pause", "tz": zone, "title": "pause",
             "claimed_by": draw(st.sampled_from(["UN", "un ", "Russia", "Ukraine"])),
             "binds": draw(st.lists(_names, max_size=2)) or draw(st.just([]) | st.just(["Russia"]))}
    repeat = draw(st.none() | st.sampled_from(["FREQ=DAILY", "FREQ=DAILY;COUNT=3",
                                               "RRULE:FREQ=HOURLY;INTERVAL=7"]))
    if repeat:
        first["when"] = f"{start:%Y-%m-%dT%H:%M}/PT{draw(st.integers(1, 5))}H"
        first["repeat"] = repeat
    elif draw(st.booleans()):
        first["when"] = f"{start:%Y-%m-%dT%H:%M}/.."
    else:
        first["when"] = f"{start:%Y-%m-%dT%H:%M}/P{draw(st.integers(1, 4))}D"
    if draw(st.booleans()):
        first["declared_on"] = draw(st.sampled_from([
            f"{start - timedelta(days=1):%Y-%m-%d}", f"{start:%Y-%m-%dT%H}",
            f"{start + timedelta(hours=2):%Y-%m-%dT%H:%M}"]))
    if draw(st.integers(0, 2)) == 0:
        first["scope"] = {k: v for k, v in (
            ("targets", draw(st.none() | _targets)),
            ("regions", draw(st.none() | st.lists(_regions, min_size=1, max_size=2))))
            if v is not None}
    if draw(st.booleans()):
        first["arrangement"] = draw(st.sampled_from(["truce", "pause"]))
    chain = [first]
    for step in range(draw(st.integers(0, 2))):
        declared = start + timedelta(days=step + 1, hours=draw(st.integers(0, 12)))
        end = declared + timedelta(days=draw(st.integers(-1, 3)))
        later = {**{k: v for k, v in first.items() if k not in ("arrangement", "repeat")},
                 "id": f"p{number}v{step + 1}", "amends": chain[-1]["id"],
                 "claimed_by": draw(st.sampled_from(["UN", "Ukraine"])),
                 "declared_on": draw(st.sampled_from([f"{declared:%Y-%m-%d}",
                                                      f"{declared:%Y-%m-%dT%H:%M}"])),
                 "when": (f"{start:%Y-%m-%dT%H:%M}/.." if draw(st.booleans()) else
                          f"{start:%Y-%m-%dT%H:%M}/{max(end, start + timedelta(hours=1)):%Y-%m-%dT%H:%M}")}
        chain.append(later)
    return chain


@st.composite
def _record_sets(draw) -> list[dict]:
    strikes = [draw(_strike(n)) for n in range(draw(st.integers(1, 8)))]
    pauses = [r for n in range(draw(st.integers(1, 4))) for r in draw(_chain(n))]
    others = [{**r, "id": f"o{n}"} for n, r in enumerate(draw(st.lists(
        st.one_of(records("statement"), records("negotiation")), max_size=2)))]
    return draw(st.permutations(strikes + pauses + others))


@given(_record_sets())
def test_parquet_and_json_lines_give_the_same_findings(rows):
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "records.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        plain = cli("check-pause", str(source), "-f", "json")
        assume(plain.exit_code != 2)  # a generated wall time the zone skips, and the like
        parquet = Path(directory) / "records.parquet"
        made = cli("export", "-f", "parquet", "-o", str(parquet), str(source))
        assert made.exit_code == 0, made.stderr
        engine = cli("check-pause", str(parquet), "-f", "json")
        _assert_same(plain, engine)
        json.loads(engine.stdout)
        for options in ((), ("--strict",)):
            _assert_same(cli("check-pause", str(source), *options),
                         cli("check-pause", str(parquet), *options))


def test_a_version_no_finding_comes_of_gives_none_in_the_engine_either(tmp_path):
    # the strike began while the amendment may not yet have been announced; the version
    # before it finds the strike outside its scope, the amendment's window does not reach
    # it: no finding on either path (found by the differential test)
    pause = {"kind": "pause", "tz": "UTC", "title": "t", "claimed_by": "UN", "binds": ["A"]}
    rows = [{**pause, "id": "p1", "when": "2024-03-01T00:00/P2D"},
            {**pause, "id": "p1v1", "amends": "p1", "declared_on": "2024-03-01",
             "when": "2024-03-05T00:00/P1D"},
            {"id": "s1", "kind": "strike", "tz": "UTC", "title": "x", "by": "B",
             "when": "2024-03-01T10:00"}]
    source = tmp_path / "records.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    plain, engine = _both(source, tmp_path / "records.parquet", "-f", "json")
    _assert_same(plain, engine)
    assert engine.stdout == "[]\n"


def test_parquet_without_pauses_says_so_as_the_plain_path_does(tmp_path):
    source = tmp_path / "strikes.jsonl"
    source.write_text('{"id":"s","kind":"strike","when":"2026-01-01","tz":"UTC","title":"t"}\n',
                      encoding="utf-8")
    plain, engine = _both(source, tmp_path / "strikes.parquet")
    _assert_same(plain, engine)
    assert "no pause readings were loaded: there is nothing to weigh the 1 strike" in (
        engine.stderr)
