from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.unknown_reference import RULE

from . import pause, run, statement


def test_reference_to_nothing_suggests_the_near_spelling():
    [finding] = run(RULE, statement(refers_to=["pause-cold-uss"]), pause(id="pause-cold-us"))
    assert (finding.code, finding.severity, finding.records) == ("R001", Severity.ERROR, ("st",))
    assert finding.message == "refers_to names 'pause-cold-uss', which is not among the loaded records"
    assert "Did you mean 'pause-cold-us'?" in finding.explanation


def test_existing_references_and_one_finding_per_missing_id():
    assert run(RULE, statement(refers_to=["p"]), pause()) == []
    assert len(run(RULE, statement(refers_to=["x", "x"]))) == 1
