import random

import pytest

from conflict_timeline.checks.pause import (
    Coverage, Relation, Timing, Verdict, assess, find_strikes_in_pauses,
)
from conflict_timeline.loading import load_records

from .conftest import EVENTS, record


def strike(**kw):
    base = dict(id="s", by="Russia", when="2026-01-30T03:00/2026-01-30T04:00",
                targets=["energy"], location={"region": "Kyiv"})
    return record("strike", **{**base, **kw})


def pause(**kw):
    base = dict(id="p", claimed_by="A", binds=["Russia"], when="2026-01-29/P7D")
    return record("pause", **{**base, **kw})


def test_violation_when_certainly_inside_bound_and_in_scope():
    f = assess(strike(), pause(scope={"targets": ["energy"], "regions": ["KYIV"]}))
    assert (f.verdict, f.timing, f.relation) == (Verdict.VIOLATION, Timing.CERTAINLY, Relation.INSIDE)
    assert [t.coverage for t in f.scope_tests] == [Coverage.COVERED] * 3
    assert "wholly inside" in f.reason and "kyiv is within" in f.reason.lower()


@pytest.mark.parametrize("when, relation", [
    ("2026-01-28T22:00/2026-01-29T02:00", Relation.STRADDLES_START),
    ("2026-02-04T23:00/2026-02-05T01:00", Relation.STRADDLES_END),
    ("2026-01-28/2026-02-06", Relation.COVERS_WINDOW),
])
def test_partial_overlap_is_a_possible_violation(when, relation):
    f = assess(strike(when=when), pause())
    assert (f.verdict, f.timing, f.relation) == (Verdict.POSSIBLE_VIOLATION, Timing.POSSIBLY, relation)
    assert "only part of it" in f.reason or "contains it" in f.reason


def test_day_precision_crossing_the_window_boundary_is_possible():
    # the window opens at 12:00; a strike known only to the day straddles it
    f = assess(strike(when="2026-01-29"), pause(when="2026-01-29T12:00/P7D"))
    assert (f.verdict, f.relation) == (Verdict.POSSIBLE_VIOLATION, Relation.STRADDLES_START)


def test_same_day_in_two_zones_is_not_the_same_day():
    # window: 30 Jan in Kyiv; a strike at 23:30 on 29 Jan in UTC is 01:30 on 30 Jan in Kyiv
    window = pause(when="2026-01-30")
    assert assess(strike(when="2026-01-29T23:30Z"), window).verdict is Verdict.VIOLATION
    # adjacent but not overlapping: 21:59 UTC on the 29th is 23:59 Kyiv, outside the window
    assessments = list(find_strikes_in_pauses([strike(when="2026-01-29T21:59Z"), window]))
    assert assessments == []


def test_adjacent_spans_do_not_overlap():
    records = [strike(when="2026-01-28T20:00/2026-01-29T00:00"), pause()]
    assert list(find_strikes_in_pauses(records)) == []


def test_scope_and_party_come_before_timing():
    partial = "2026-01-28T22:00/2026-01-29T02:00"
    f = assess(strike(when=partial, targets=["residential"]), pause(scope={"targets": ["energy"]}))
    assert (f.verdict, f.timing) == (Verdict.OUTSIDE_SCOPE, Timing.POSSIBLY)
    f = assess(strike(by="Ukraine"), pause())
    assert f.verdict is Verdict.OUTSIDE_SCOPE
    assert "binds only Russia; the strike was by Ukraine" in f.reason
    f = assess(strike(location={"region": "Odesa"}), pause(scope={"regions": ["Kyiv"]}))
    assert f.verdict is Verdict.OUTSIDE_SCOPE and "Odesa is outside" in f.reason


def test_party_names_compare_case_insensitively():
    assert assess(strike(by="RUSSIA "), pause(binds=["russia"])).verdict is Verdict.VIOLATION


@pytest.mark.parametrize("strike_fields, pause_fields, says", [
    ({"by": None}, {}, "does not say who struck"),
    ({"targets": []}, {"scope": {"targets": ["energy"]}}, "targets are not recorded"),
    ({"location": None}, {"scope": {"regions": ["Kyiv"]}}, "region is not recorded"),
])
def test_undecidable_scope_is_a_possible_violation_with_the_reason(strike_fields, pause_fields, says):
    f = assess(strike(**strike_fields), pause(**pause_fields))
    assert f.verdict is Verdict.POSSIBLE_VIOLATION and f.timing is Timing.CERTAINLY
    assert says in f.reason


def test_unrecorded_targets_do_not_matter_to_an_unscoped_reading():
    assert assess(strike(targets=[]), pause()).verdict is Verdict.VIOLATION


def test_a_reading_that_binds_nobody_covers_nothing():
    f = assess(strike(), pause(binds=[]))
    assert f.verdict is Verdict.OUTSIDE_SCOPE and "binds nobody" in f.reason


def test_strike_that_may_predate_the_announcement_is_only_possible():
    f = assess(strike(when="2026-01-29T18:00/2026-01-30T08:00"),
               pause(declared_on="2026-01-29T20:00"))
    assert (f.verdict, f.relation, f.may_predate_announcement) == (
        Verdict.POSSIBLE_VIOLATION, Relation.INSIDE, True)
    assert "may have begun before that announcement" in f.reason
    after = assess(strike(when="2026-01-30T01:00"), pause(declared_on="2026-01-29T20:00"))
    assert after.verdict is Verdict.VIOLATION and not after.may_predate_announcement
    before = assess(strike(when="2026-01-29T10:00"), pause(declared_on="2026-01-29T20:00"))
    assert "ended before that announcement" in before.reason


def test_reading_dependence_is_stated_once_per_arrangement():
    records = [
        strike(targets=["residential"]),
        pause(id="p-us", claimed_by="Donald Trump", arrangement="a"),
        pause(id="p-ua", claimed_by="Volodymyr Zelensky", arrangement="a",
              scope={"targets": ["energy"]}),
        pause(id="p-late", claimed_by="Third reader", arrangement="a", when="2026-02-10/P1D"),
    ]
    [assessment] = find_strikes_in_pauses(records)
    assert [(f.pause.id, f.verdict) for f in assessment.findings] == [
        ("p-us", Verdict.VIOLATION), ("p-ua", Verdict.OUTSIDE_SCOPE)]
    [dependence] = assessment.dependences
    assert dependence.sentence == (
        "The verdict depends on the reading: 'a strike' violates the pause as described by "
        "Donald Trump; is consistent with the reading of Volodymyr Zelensky (outside its scope); "
        "is consistent with the reading of Third reader (its window does not reach the strike).")


def test_agreeing_readings_state_no_dependence():
    records = [strike(), pause(id="p1", arrangement="a"), pause(id="p2", arrangement="a")]
    [assessment] = find_strikes_in_pauses(records)
    assert assessment.dependences == ()


def test_bundled_story_verdicts():
    [assessment] = find_strikes_in_pauses(load_records([EVENTS]))
    assert assessment.strike.id == "strike-2026-01-30-overnight"
    verdicts = {f.pause.id: f for f in assessment.findings}
    us, ua = verdicts["pause-2026-01-cold-us"], verdicts["pause-2026-01-cold-ua"]
    # inside the US president's week, but it began around the hour the pause was announced
    assert (us.verdict, us.relation, us.may_predate_announcement) == (
        Verdict.POSSIBLE_VIOLATION, Relation.INSIDE, True)
    # a residential building, not energy: outside Ukraine's reading
    assert ua.verdict is Verdict.OUTSIDE_SCOPE
    assert "Target residential is outside this reading's scope, which covers only energy" in ua.reason
    [dependence] = assessment.dependences
    assert "possibly violates the pause as described by Donald Trump" in dependence.sentence
    assert "consistent with the reading of Volodymyr Zelensky (outside its scope)" in dependence.sentence


@pytest.mark.parametrize("pause_count, least", [(60, 100), (4, 5)])
def test_sweep_finds_exactly_the_overlapping_pairs(pause_count, least):
    rng = random.Random(7)
    records = []
    for i in range(400):
        day = rng.randint(1, 27)
        hour = rng.randint(0, 22)
        length = rng.choice(["PT1H", "PT6H", "P1D", "P3D"])
        records.append(strike(id=f"s{i}", when=f"2026-02-{day:02d}T{hour:02d}:00/{length}"))
    for i in range(pause_count):
        day = rng.randint(1, 27)
        length = rng.choice(["PT6H", "P1D", "P3D", "P20D"] if pause_count > 10 else ["PT6H"])
        records.append(pause(id=f"p{i}", when=f"2026-02-{day:02d}T{rng.randint(0, 23):02d}:00/{length}"))
    assessments = list(find_strikes_in_pauses(records))
    found = {(f.strike.id, f.pause.id) for a in assessments for f in a.findings}
    in_order = [(a.strike.span.start_ts, a.strike.span.end_ts, a.strike.id) for a in assessments]
    assert in_order == sorted(in_order)
    strikes = [r for r in records if r.kind == "strike"]
    pauses = [r for r in records if r.kind == "pause"]
    expected = {(s.id, p.id) for s in strikes for p in pauses if s.span.overlaps(p.span)}
    assert found == expected and len(expected) > least
