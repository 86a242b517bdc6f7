from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.implausibly_long_span import RULE

from . import pause, run, statement, strike


def test_a_strike_lasting_weeks():
    [finding] = run(RULE, strike(when="2026-01-01/2026-01-21"))
    assert (finding.code, finding.severity, finding.records) == ("T003", Severity.WARNING, ("s",))
    assert finding.message == "a strike lasting 21 days (more than 3 days)"


def test_near_misses():
    assert run(RULE, strike(when="2026-01-29/P3D")) == []  # exactly the limit
    assert len(run(RULE, strike(when="2026-01-29/P3DT1H"))) == 1
    assert run(RULE, strike(when="2026-01")) == []  # a month's precision is not a duration
    assert run(RULE, statement(when="2026-01-29/2026-01-30")) == []
    assert len(run(RULE, statement(when="2026-01-01/2026-01-10"))) == 1
    assert run(RULE, pause(when="2026-01-01/P1Y")) == []  # pauses may last
