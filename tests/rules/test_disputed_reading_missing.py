from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.disputed_reading_missing import RULE

from . import pause, run, statement


def test_a_dispute_without_its_own_reading():
    [finding] = run(RULE, statement(speaker="Volodymyr Zelensky", refers_to=["p"], stance="disputes"),
                    pause(claimed_by="Donald Trump", arrangement="cold"))
    assert (finding.code, finding.severity, finding.records) == ("R002", Severity.WARNING, ("st", "p"))
    assert finding.message == ("Volodymyr Zelensky disputes the pause as described by Donald "
                               "Trump, but no other reading of cold is recorded")
    assert "claimed_by = 'Volodymyr Zelensky' and arrangement = 'cold'" in finding.explanation


def test_near_misses():
    dispute = statement(refers_to=["p"], stance="disputes")
    # the other reading is recorded (another claimant's: one claimant's records are clauses)
    assert run(RULE, dispute, pause(arrangement="a"),
               pause(id="p2", arrangement="a", claimed_by="B")) == []
    # a second clause of the disputed reading is not another reading
    [_] = run(RULE, dispute, pause(arrangement="a"), pause(id="p2", arrangement="a"))
    # not a dispute
    assert run(RULE, statement(refers_to=["p"], stance="confirms"), pause()) == []
    # disputing something that is not a pause
    assert run(RULE, statement(refers_to=["x"], stance="disputes"),
               statement(id="x", speaker="Other")) == []
