from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.possible_pause_violation import RULE

from . import pause, run, strike


def test_strike_straddling_the_window_start_is_a_possible_violation():
    [finding] = run(RULE, strike(when="2026-01-28T22:00/2026-01-29T02:00"), pause())
    assert (finding.code, finding.severity) == ("P002", Severity.WARNING)
    assert finding.message == ("strike possibly inside the pause as described by A (p): "
                               "its span begins before the window opens")
    assert finding.details["relation"] == "straddles_start"


def test_every_reason_for_doubt_is_named():
    [finding] = run(RULE, strike(by=None, when="2026-01-29T20:00"),
                    pause(declared_on="2026-01-29"))
    assert finding.message.endswith("it may have begun before the pause was announced; "
                                    "the record does not say who struck")


def test_certain_violation_and_outside_scope_are_not_possible_violations():
    assert run(RULE, strike(), pause()) == []  # certain: P001
    assert run(RULE, strike(by="Ukraine"), pause()) == []  # outside scope


def test_same_day_in_two_zones():
    # the window is 30 Jan in Kyiv; 21:59 UTC on the 29th is 23:59 in Kyiv: no overlap at all
    window = pause(when="2026-01-30", declared_on="2026-01-30")
    assert run(RULE, strike(when="2026-01-29T21:59Z"), window) == []
    # 22:30 UTC is 00:30 in Kyiv on the 30th, but the pause was announced some time that day
    [finding] = run(RULE, strike(when="2026-01-29T22:30Z"), window)
    assert finding.details["may_predate_announcement"] is True
