import pytest

from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.intercepted_exceeds_launched import RULE

from . import run, strike


def drones(launched, intercepted):
    return strike(weapons=[{"type": "ballistic_missile", "launched": 1},
                           {"type": "drone", "model": "Shahed-136", "launched": launched,
                            "intercepted": intercepted}])


def test_more_intercepted_than_launched():
    [finding] = run(RULE, drones(80, 111))
    assert (finding.code, finding.severity, finding.records) == ("N001", Severity.ERROR, ("s",))
    assert finding.message == "weapons[1] drone (Shahed-136): intercepted 111 is more than launched 80"


@pytest.mark.parametrize("launched, intercepted, contradicts", [
    (111, 111, False),
    ("100+", 150, False),        # more than 150 may have been launched
    ("90-120", 100, False),
    ({"min": 100}, "over 100", False),
    (111, "over 120", True),
    ("up to 40", "at least 41", True),
    ("90-120", 121, True),
])
def test_ranges_contradict_only_when_certain(launched, intercepted, contradicts):
    assert bool(run(RULE, drones(launched, intercepted))) is contradicts


def test_missing_counts_are_not_compared():
    assert run(RULE, strike(weapons=[{"type": "drone", "intercepted": 5}])) == []
