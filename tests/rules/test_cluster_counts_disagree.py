import pytest

from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.cluster_counts_disagree import RULE

from . import run, strike


def report(id, drones=None, **fields):
    weapons = [{"type": "drone", "launched": drones}] if drones is not None else [{"type": "drone"}]
    base = dict(id=id, when="2026-01-29T18:00/2026-01-30T08:00", location={"region": "Zaporizhzhia"},
                weapons=weapons)
    return strike(**{**base, **fields})


def test_contradicting_counts_within_a_cluster():
    [finding] = run(RULE, report("a", 111), report("b", "over 100"), report("c", 80))
    assert (finding.code, finding.severity) == ("N002", Severity.WARNING)
    assert finding.records == ("a", "b", "c")
    assert finding.message == ("counts disagree between records of one event — drone launched: "
                               "111 (a) vs 'over 100' (b) vs 80 (c)")


@pytest.mark.parametrize("first, second", [
    ("over 100", 111),           # the same count phrased two ways
    ("100+", {"min": 100}),
    ("90-120", 111),
    (111, 111),
])
def test_counts_that_agree(first, second):
    assert run(RULE, report("a", first), report("b", second)) == []


def test_casualties_are_compared_and_missing_counts_ignored():
    [finding] = run(RULE, report("a", casualties={"killed": 3, "wounded": "at least 10"}),
                    report("b", casualties={"killed": "up to 2", "wounded": 12}),
                    report("c"))
    assert finding.records == ("a", "b")
    assert list(finding.details) == ["killed"]


def test_records_that_are_not_one_event_are_not_compared():
    assert run(RULE, report("a", 111), report("b", 80, location={"region": "Kharkiv"})) == []
