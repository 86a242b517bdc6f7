from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.pause_violation import RULE

from . import pause, run, strike


def test_a_certain_violation_is_an_error_naming_the_reading():
    [finding] = run(RULE, strike(), pause(claimed_by="Donald Trump", declared_on="2026-01-29"))
    assert (finding.code, finding.severity, finding.records) == ("P001", Severity.ERROR, ("s", "p"))
    assert finding.message.startswith("strike inside the pause as described by Donald Trump (p)")
    assert "wholly inside the pause window" in finding.explanation
    assert finding.details["verdict"] == "violation"


def test_near_misses_are_not_violations():
    # adjacent: the strike ends as the window opens
    assert run(RULE, strike(when="2026-01-28T23:00/2026-01-29T00:00"), pause()) == []
    # possibly before the announcement that day: P002's, not P001's
    assert run(RULE, strike(when="2026-01-29T20:00"), pause(declared_on="2026-01-29")) == []
    # outside the reading's scope
    assert run(RULE, strike(targets=["military"]), pause(scope={"targets": ["energy"]})) == []
