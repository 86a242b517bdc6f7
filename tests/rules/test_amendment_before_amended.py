from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.amendment_before_amended import RULE

from . import pause, run


def test_an_amendment_announced_before_what_it_amends():
    [finding] = run(RULE, pause(id="truce", declared_on="2022-04-01", when="2022-04-02T19:00/P2M"),
                    pause(id="renewal", amends="truce", declared_on="2022-03-01",
                          when="2022-04-02T19:00/2022-08-02T19:00"))
    assert (finding.code, finding.severity, finding.records) == (
        "P007", Severity.ERROR, ("renewal", "truce"))
    assert finding.message == "renewal amends truce but was announced before it"
    assert "cannot be announced before what it changes" in finding.explanation


def test_near_misses():
    first = pause(id="truce", declared_on="2022-04-01", when="2022-04-02T19:00/P2M")
    # announced later, or the same day (overlapping declared spans are not certain)
    assert run(RULE, first, pause(id="r", amends="truce", declared_on="2022-06-02",
                                  when="2022-04-02T19:00/P4M")) == []
    assert run(RULE, first, pause(id="r", amends="truce", declared_on="2022-04-01",
                                  when="2022-04-02T19:00/P4M")) == []
    # the first record gives no announcement to compare with
    assert run(RULE, pause(id="truce", when="2022-04-02T19:00/P2M"),
               pause(id="r", amends="truce", declared_on="2022-03-01",
                     when="2022-04-02T19:00/P4M")) == []
