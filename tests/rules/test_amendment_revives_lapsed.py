from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.amendment_revives_lapsed import RULE

from . import pause, run


def test_a_renewal_after_the_truce_ran_out_is_a_revival():
    [finding] = run(RULE, pause(id="truce", declared_on="2022-04-01", when="2022-04-02T19:00/P2M"),
                    pause(id="late", amends="truce", declared_on="2022-06-05",
                          when="2022-06-05T00:00/P2M"))
    assert (finding.code, finding.severity, finding.records) == (
        "P008", Severity.WARNING, ("late", "truce"))
    assert finding.message == ("late amends truce after its window had ended: a revival, not "
                               "an extension")
    assert "strikes in that gap get no finding" in finding.explanation


def test_near_misses():
    truce = pause(id="truce", declared_on="2022-04-01", when="2022-04-02T19:00/P2M")
    # renewed on the day it would end (2 June; the window ends at 19:00 that day)
    assert run(RULE, truce, pause(id="r", amends="truce", declared_on="2022-06-02",
                                  when="2022-04-02T19:00/2022-08-02T19:00")) == []
    # an open window does not lapse by itself
    assert run(RULE, pause(id="open", declared_on="2022-04-01", when="2022-04-02T19:00/.."),
               pause(id="end", amends="open", declared_on="2022-10-02",
                     when="2022-04-02T19:00/2022-10-02T19:00")) == []
