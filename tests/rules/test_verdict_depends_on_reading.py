from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.verdict_depends_on_reading import RULE

from . import pause, run, strike


def test_one_finding_per_strike_and_arrangement_naming_every_reading():
    records = [strike(targets=["residential"]),
               pause(id="p-us", claimed_by="Donald Trump", arrangement="a"),
               pause(id="p-ua", claimed_by="Volodymyr Zelensky", arrangement="a",
                     scope={"targets": ["energy"]})]
    [finding] = run(RULE, *records)
    assert (finding.code, finding.severity) == ("P003", Severity.INFO)
    assert finding.records == ("s", "p-us", "p-ua")
    assert finding.message == ("the verdict depends on whose reading of a is taken: violates "
                               "Donald Trump's; outside the scope of Volodymyr Zelensky's")
    assert [r["verdict"] for r in finding.details["readings"]] == ["violation", "outside_scope"]


def test_outside_scope_alone_or_agreeing_readings_give_nothing():
    # a unilateral pause by the other side says nothing about this strike
    assert run(RULE, strike(), pause(binds=["Ukraine"])) == []
    # two readings that agree
    assert run(RULE, strike(), pause(id="p1", arrangement="a"), pause(id="p2", arrangement="a")) == []
    # the same verdicts under readings of different arrangements
    assert run(RULE, strike(targets=["residential"]), pause(id="p1", arrangement="a"),
               pause(id="p2", arrangement="b", scope={"targets": ["energy"]})) == []
