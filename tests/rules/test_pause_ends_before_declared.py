from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.pause_ends_before_declared import RULE

from . import pause, run


def test_window_over_before_the_announcement():
    [finding] = run(RULE, pause(when="2026-01-01/P7D", declared_on="2026-01-29"))
    assert (finding.code, finding.severity, finding.records) == ("P005", Severity.ERROR, ("p",))
    assert finding.message == "the pause as described by A ends before it was announced"


def test_window_ending_the_day_it_was_announced_or_retroactive_is_fine():
    # the window ends at the start of the 29th, announced some time that day: certain
    assert len(run(RULE, pause(when="2026-01-22/P7D", declared_on="2026-01-29"))) == 1
    # ends during the announcement day: the announcement may have come first
    assert run(RULE, pause(when="2026-01-22T12:00/P7D", declared_on="2026-01-29")) == []
    # retroactive: begins before, ends after
    assert run(RULE, pause(when="2026-01-20/P30D", declared_on="2026-01-29")) == []
    assert run(RULE, pause()) == []  # no declared_on
