"""Real ceasefires as announced (docs/ceasefires.md): open-ended, amended, phased, recurring,
from 24:00. The worked examples are the files in tests/fixtures/ceasefires/; the answers
asserted here are the ones the document states."""

import json
import math
from datetime import UTC
from pathlib import Path

import pytest

from conflict_timeline.checks.pause import (
    Relation,
    Standing,
    Verdict,
    find_strikes_in_pauses,
    pause_windows,
    predates_announcement,
    relation_of,
    version_standing,
)
from conflict_timeline.errors import InputError
from conflict_timeline.loading import load_records
from conflict_timeline.rendering.exports.ics import IcsExporter

from .conftest import cli, record, write_json

CEASEFIRES = Path(__file__).parent / "fixtures" / "ceasefires"


def findings(name: str) -> list[dict]:
    result = cli("check-pause", "-f", "json", str(CEASEFIRES / name))
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def verdicts(name: str) -> dict[str, tuple]:
    return {f["strike"]: (f["pause"], f["verdict"], f["timing"]) for f in findings(name)}


def pause(**kw):
    base = dict(id="p", claimed_by="A", binds=["Russia"], when="2026-01-29/P7D")
    return record("pause", **{**base, **kw})


def strike(**kw):
    base = dict(id="s", by="Russia", when="2026-01-30T03:00/2026-01-30T04:00",
                targets=["energy"], location={"region": "Kyiv"})
    return record("strike", **{**base, **kw})


# ---------------------------------------------------------------------------------------
# the worked examples

def test_gaza_open_ended_ceasefire():
    [finding] = findings("gaza-2025-10.json")
    assert (finding["strike"], finding["verdict"], finding["timing"]) == (
        "strike-rafah-2025-10-19", "violation", "certainly")
    assert finding["pause_window"]["end"] is None  # no invented end
    assert finding["pause_window"]["start"] == "2025-10-10T12:00:00+03:00"
    assert "until further notice" in finding["reason"]
    # the strike that morning, before noon, is in no window
    text = cli("check-pause", str(CEASEFIRES / "gaza-2025-10.json"), env={"COLUMNS": "200"}).stdout
    assert "from 10 Oct 2025 12:00 EEST, until further notice" in text
    assert "strike-gaza-2025-10-10-morning" not in text


def test_india_pakistan_from_17_00_ist():
    assert verdicts("india-pakistan-2025-05.json") == {
        "drones-srinagar-2025-05-10": ("india-pakistan-2025-05-10", "violation", "certainly")}


def test_yemen_truce_renewed_twice_then_lapsed():
    found = {f["strike"]: f for f in findings("yemen-truce-2022.json")}
    assert set(found) == {"strike-taiz-2022-06-02-noon", "strike-taiz-2022-06-02-night",
                          "strike-marib-2022-07-15"}  # nothing after the truce lapsed
    july = found["strike-marib-2022-07-15"]
    # weighed against the renewal in force, not the original as a rival reading
    assert (july["pause"], july["reading"], july["versions_considered"], july["verdict"]) == (
        "yemen-truce-2022-06", "yemen-truce-2022-04", ["yemen-truce-2022-06"], "violation")
    assert july["depends_on_reading"] is None
    noon = found["strike-taiz-2022-06-02-noon"]  # both versions cover it: they agree
    assert (noon["versions_considered"], noon["verdict"]) == (
        ["yemen-truce-2022-04", "yemen-truce-2022-06"], "violation")
    night = found["strike-taiz-2022-06-02-night"]  # after the original's end, on renewal day
    assert (night["pause"], night["verdict"]) == ("yemen-truce-2022-06", "possible_violation")
    assert ("began while the extension declared [2022-06-02T00:00+03:00, "
            "2022-06-03T00:00+03:00) (yemen-truce-2022-06) may not yet have been announced"
            in night["reason"])
    text = cli("check-pause", str(CEASEFIRES / "yemen-truce-2022.json"),
               env={"COLUMNS": "200"}).stdout
    assert "(as extended on 2 Jun 2022)" in text


def test_israel_iran_phased_clauses_are_one_reading():
    found = findings("israel-iran-2025-06.json")
    assert [(f["strike"], f["pause"], f["verdict"]) for f in found] == [
        ("missiles-beersheba-2025-06-24", "israel-iran-2025-06-iran", "violation"),
        ("strike-radar-2025-06-24", "israel-iran-2025-06-iran", "outside_scope")]
    # Israel's clause opens at 16:00: the 08:00 strike is outside its window, and two
    # clauses of one claimant are not rival readings
    assert all(f["depends_on_reading"] is None for f in found)
    text = cli("check-pause", str(CEASEFIRES / "israel-iran-2025-06.json"),
               env={"COLUMNS": "200"}).stdout
    assert "(Iran's clause, from 04:00 on 24 Jun)" in text


def test_gaza_daily_four_hour_pauses():
    found = {f["strike"]: f for f in findings("gaza-daily-pauses-2023-11.json")}
    assert set(found) == {"strike-jabalia-2023-11-12", "strike-beit-lahia-2023-11-13"}
    inside = found["strike-jabalia-2023-11-12"]
    assert (inside["verdict"], inside["timing"], inside["occurrence"]) == (
        "violation", "certainly", {"index": 3, "start": "2023-11-12T10:00:00+02:00",
                                   "end": "2023-11-12T14:00:00+02:00", "overlapped": [3]})
    day = found["strike-beit-lahia-2023-11-13"]  # known only to the day: possibly
    assert (day["verdict"], day["timing"], day["relation"]) == (
        "possible_violation", "possibly", "covers_window")
    shown = cli("show", str(CEASEFIRES / "gaza-daily-pauses-2023-11.json"),
                env={"COLUMNS": "200"}).stdout
    assert "daily 10:00–14:00 from 9 Nov 2023, until further notice (Asia/Gaza)" in shown


# ---------------------------------------------------------------------------------------
# repeats

def test_a_strike_over_several_occurrences_is_possible():
    records = [pause(when="2026-01-01T10:00/2026-01-01T14:00", repeat="FREQ=DAILY"),
               strike(when="2026-01-03T12:00/2026-01-04T12:00")]
    [assessment] = find_strikes_in_pauses(records)
    [f] = assessment.findings
    assert (f.verdict, f.relation, f.occurrences) == (
        Verdict.POSSIBLE_VIOLATION, Relation.SPANS_OCCURRENCES, (2, 3))


def test_count_and_until_end_a_repeat():
    three = pause(when="2026-01-01T10:00/2026-01-01T14:00", repeat="RRULE:FREQ=DAILY;COUNT=3")
    assert list(find_strikes_in_pauses([three, strike(when="2026-01-03T11:00")]))
    assert list(find_strikes_in_pauses([three, strike(when="2026-01-04T11:00")])) == []
    fridays = pause(when="2026-01-02T10:00/2026-01-02T14:00",
                    repeat="FREQ=WEEKLY;BYDAY=FR;UNTIL=20260120T000000Z")
    assert list(find_strikes_in_pauses([fridays, strike(when="2026-01-16T11:00")]))
    assert list(find_strikes_in_pauses([fridays, strike(when="2026-01-15T11:00")])) == []
    assert list(find_strikes_in_pauses([fridays, strike(when="2026-01-23T11:00")])) == []


def test_occurrences_keep_local_time_across_daylight_saving():
    # Kyiv moves its clocks on 29 March 2026: 08:00 stays 08:00 local (06:00 UTC → 05:00 UTC)
    daily = pause(when="2026-03-27T08:00/2026-03-27T19:00", repeat="FREQ=DAILY")
    windows = pause_windows([daily], (daily.span.start_ts, daily.span.start_ts + 5 * 86400))
    from datetime import datetime
    starts = [datetime.fromtimestamp(w.start_ts, UTC).strftime("%d %H:%M") for w in windows]
    assert starts[:4] == ["27 06:00", "28 06:00", "29 05:00", "30 05:00"]
    assert all(w.end_ts - w.start_ts == 11 * 3600 for w in windows)


def test_an_occurrence_in_the_clock_change_gap_starts_after_it():
    # 03:00 on 29 March 2026 does not exist in Kyiv: that day's occurrence starts at 04:00
    nightly = pause(when="2026-03-28T03:00/2026-03-28T05:00", repeat="FREQ=DAILY;COUNT=3")
    windows = pause_windows([nightly], (nightly.span.start_ts, nightly.span.start_ts + 4 * 86400))
    from datetime import datetime
    from zoneinfo import ZoneInfo
    kyiv = ZoneInfo("Europe/Kyiv")
    shown = [(datetime.fromtimestamp(w.start_ts, kyiv).strftime("%d %H:%M"),
              datetime.fromtimestamp(w.end_ts, kyiv).strftime("%H:%M")) for w in windows]
    assert shown == [("28 03:00", "05:00"), ("29 04:00", "05:00"), ("30 03:00", "05:00")]


def test_an_unbounded_repeat_is_expanded_only_over_the_strikes():
    daily = pause(when="2000-01-01T08:00/2000-01-01T09:00", repeat="FREQ=DAILY")
    windows = pause_windows([daily], (strike().span.start_ts, strike().span.end_ts + 86400))
    assert [w.occurrence for w in windows] == [9526]  # 30 Jan 2026 only


# ---------------------------------------------------------------------------------------
# versions and clauses

def chain(*amendments, **first):
    return [pause(id="v1", declared_on="2026-01-28", **first), *amendments]


def test_a_superseded_version_gives_no_finding():
    records = chain(pause(id="v2", amends="v1", declared_on="2026-01-29T12:00",
                          scope={"targets": ["military"]}), strike())
    [assessment] = find_strikes_in_pauses(records)
    [f] = assessment.findings
    assert (f.pause.id, f.verdict, f.versions_considered) == ("v2", Verdict.OUTSIDE_SCOPE, ("v2",))


def test_the_announcement_rule_applies_to_the_first_record_only():
    # the extension was declared after the strike began its day; the pause was known before
    records = [pause(id="v1", when="2026-01-20/P7D", declared_on="2026-01-19"),
               pause(id="v2", amends="v1", when="2026-01-20/P14D", declared_on="2026-01-26T12:00"),
               strike(when="2026-01-30T03:00")]
    [assessment] = find_strikes_in_pauses(records)
    [f] = assessment.findings
    assert (f.pause.id, f.verdict, f.may_predate_announcement) == ("v2", Verdict.VIOLATION, False)
    assert f.version == "as extended on 26 Jan 2026"


def test_an_amendment_ending_the_pause():
    records = [pause(id="v1", when="2026-01-20/..", declared_on="2026-01-19"),
               pause(id="end", amends="v1", when="2026-01-20/2026-01-25", declared_on="2026-01-25"),
               strike(when="2026-01-30T03:00")]
    assert list(find_strikes_in_pauses(records)) == []


def test_readings_compare_claimants_not_clauses():
    clauses = [pause(id="c1", arrangement="a", claimed_by="Q", scope={"targets": ["energy"]}),
               pause(id="c2", arrangement="a", claimed_by="Q", binds=["Ukraine"])]
    [assessment] = find_strikes_in_pauses([*clauses, strike(targets=["residential"])])
    assert assessment.dependences == ()
    rival = pause(id="r", arrangement="a", claimed_by="R")
    [assessment] = find_strikes_in_pauses([*clauses, rival, strike(targets=["residential"])])
    [dependence] = assessment.dependences
    assert dependence.sentence == (
        "The verdict depends on the reading: 'a strike' violates the pause as described by R; "
        "is consistent with the reading of Q (outside its scope).")


# ---------------------------------------------------------------------------------------
# stage 2 on plain values (what the SQL path will reuse)

def test_stage_two_functions_take_plain_values():
    assert relation_of(10, 20, 0, math.inf) is Relation.INSIDE
    assert relation_of(10, 20, 15, math.inf) is Relation.STRADDLES_START
    assert predates_announcement(10, 11) and not predates_announcement(10, None)
    inf = math.inf
    assert version_standing(5, -inf, -inf, 10, 12) is Standing.IN_FORCE
    assert version_standing(11, -inf, -inf, 10, 12) is Standing.MAY_BE_SUPERSEDED
    assert version_standing(12, -inf, -inf, 10, 12) is Standing.NOT_IN_FORCE
    assert version_standing(11, 10, 12, inf, inf) is Standing.MAY_NOT_YET_BE_ANNOUNCED
    assert version_standing(9, 10, 12, inf, inf) is Standing.NOT_IN_FORCE


def test_the_window_table_of_an_amended_open_pause():
    v1 = pause(id="v1", when="2026-01-20T12:00/..", declared_on="2026-01-19")
    v2 = pause(id="v2", amends="v1", when="2026-01-20T12:00/2026-02-01", declared_on="2026-01-25")
    rows = pause_windows([v1, v2])
    assert [w.window_id for w in rows] == ["v2", "v1"]  # by start, then end
    second, first = rows
    assert (first.window_id, first.end_ts, first.in_force_from_ts, first.next_version_id) == (
        "v1", math.inf, -math.inf, "v2")
    assert first.in_force_until_ts == second.in_force_from_ts == v2.declared_span.end_ts
    assert first.next_declared_from_ts == v2.declared_span.start_ts
    assert (second.reading_id, second.previous_version_id, second.announced_until_ts) == (
        "v1", "v1", v1.declared_span.end_ts)


# ---------------------------------------------------------------------------------------
# input errors: located, in the project's words, exit 2

@pytest.mark.parametrize("fields, field, says", [
    ({"kind": "strike", "when": "2026-01-30T03:00/.."}, "when",
     "only a pause's window may be"),
    ({"when": "../2026-02-01"}, "when", ""),
    ({"repeat": "FREQ=SOMETIMES"}, "repeat", "invalid 'FREQ': SOMETIMES"),
    ({"repeat": "FREQ=DAILY", "when": "2026-01-29T08:00/.."}, "repeat", "closed `when`"),
    ({"repeat": "FREQ=DAILY", "tz": None, "when": "2026-01-29T08:00+02:00/PT4H"}, "repeat",
     "cannot follow daylight saving"),
    ({"amends": "q"}, "amends", "needs declared_on"),
    ({"amends": "q", "declared_on": "2026-01-29", "arrangement": "a"}, "amends",
     "leave arrangement out"),
])
def test_new_errors_are_located(tmp_path, fields, field, says):
    data = {"id": "p", "kind": "pause", "tz": "Europe/Kyiv", "when": "2026-01-29/P7D",
            "title": "t", "claimed_by": "A", "binds": ["Russia"], **fields}
    data = {k: v for k, v in data.items() if v is not None}
    if data["kind"] == "strike":
        del data["claimed_by"], data["binds"]
    path = write_json(tmp_path / "bad.json", [data])
    result = cli("show", str(path))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    [line] = [l for l in result.stderr.splitlines() if "id 'p'" in l]
    assert f"record 1 (index 0, line 1), id 'p': field '{field}': " in line and says in line


def test_t24_00_in_a_pause_window():
    p = pause(when="2026-07-28T24:00/..")
    assert p.span.start.isoformat() == "2026-07-29T00:00:00+03:00" and p.span.end is None


@pytest.mark.parametrize("extra, says", [
    ([{"id": "b", "amends": "nobody"}], "amends 'nobody', which is not among the loaded records"),
    ([{"id": "b", "amends": "s"}], "which is not a pause record"),
    ([{"id": "b", "amends": "a"}, {"id": "c", "amends": "a"}], "which 'b' ("),
    ([{"id": "b", "amends": "c"}, {"id": "c", "amends": "b"}], "the amends links form a cycle"),
])
def test_broken_chains_are_input_errors_naming_the_records(tmp_path, extra, says):
    base = {"kind": "pause", "when": "2026-01-29/P7D", "title": "t", "claimed_by": "A",
            "binds": ["Russia"], "declared_on": "2026-01-28"}
    records = [{**base, "id": "a"}, {"id": "s", "kind": "strike", "when": "2026-01-30",
                                     "title": "t"}, *({**base, **e} for e in extra)]
    path = write_json(tmp_path / "chain.json", records, tz="Europe/Kyiv")
    with pytest.raises(InputError) as caught:
        load_records([path])
    messages = [str(p) for p in caught.value.problems]
    assert any(says in m and "field 'amends'" in m for m in messages), messages


# ---------------------------------------------------------------------------------------
# every command

def test_since_keeps_an_open_window_that_runs_on():
    path = CEASEFIRES / "gaza-2025-10.json"
    result = cli("show", str(path), "--since", "2026-06-01", "-f", "json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["gaza-ceasefire-2025-10"]
    assert json.loads(result.stdout)[0]["span"]["end"] is None
    result = cli("show", str(path), "--until", "2025-10-09", "-f", "json")
    assert json.loads(result.stdout) == []


def test_ics_carries_the_rrule_and_an_honest_open_window():
    records = load_records([CEASEFIRES / "gaza-daily-pauses-2023-11.json",
                            CEASEFIRES / "gaza-2025-10.json"])
    from datetime import datetime
    text = IcsExporter(stamp=datetime(2026, 1, 1, tzinfo=UTC)).render(records)
    from icalendar import Calendar
    events = {str(e["uid"]).split("@")[0]: e for e in Calendar.from_ical(text).walk("VEVENT")}
    daily = events["gaza-daily-pauses-2023-11"]
    assert daily["rrule"].to_ical() == b"FREQ=DAILY"
    assert daily["dtstart"].dt.isoformat() == "2023-11-09T10:00:00+02:00"
    assert "BEGIN:VTIMEZONE" in text and "TZID:Asia/Gaza" in text
    gaza = events["gaza-ceasefire-2025-10"]
    assert "dtend" not in gaza and "duration" not in gaza
    assert "until further notice" in str(gaza["summary"])


def test_an_open_window_is_written_with_no_end_and_its_start_precision():
    from typer.testing import CliRunner

    from conflict_timeline.cli import app

    result = CliRunner().invoke(app, ["show", str(CEASEFIRES / "gaza-2025-10.json"), "-f", "json",
                                      "--kind", "pause"])
    assert result.exit_code == 0, result.output
    [pause] = json.loads(result.stdout)
    assert pause["span"] == {"start": "2025-10-10T12:00:00+03:00", "end": None,
                             "precision": "minute", "zone": "Asia/Gaza"}
