from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.pause_binds_nobody import RULE

from . import pause, run


def test_arrangement_binding_nobody():
    [finding] = run(RULE, pause(id="p1", arrangement="a", binds=[]),
                    pause(id="p2", arrangement="a", binds=[], claimed_by="B"))
    assert (finding.code, finding.severity, finding.records) == ("P006", Severity.WARNING, ("p1", "p2"))
    assert finding.message == "no reading of a binds anybody, so no strike can break it"


def test_one_reading_binding_somebody_is_enough():
    assert run(RULE, pause(id="p1", arrangement="a", binds=[]),
               pause(id="p2", arrangement="a", binds=["Russia"])) == []
