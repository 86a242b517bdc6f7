from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.clause_scope_conflict import RULE

from . import pause, run


def test_two_clauses_binding_one_party_at_once_with_different_scopes():
    [finding] = run(RULE,
                    pause(id="c1", claimed_by="Qatar", arrangement="a", binds=["Israel"],
                          when="2025-06-24T07:00/.."),
                    pause(id="c2", claimed_by="qatar ", arrangement="a", binds=["israel", "Iran"],
                          when="2025-06-24T19:00/..", scope={"targets": ["energy"]}))
    assert (finding.code, finding.severity, finding.records) == ("P009", Severity.WARNING,
                                                                 ("c1", "c2"))
    assert finding.message == ("clauses c1 and c2 of Qatar's reading both bind Israel over "
                               "overlapping windows, with different scopes")
    assert finding.details["scopes"] == {"c1": "any target, every region",
                                         "c2": "energy, every region"}


def test_near_misses():
    # the phased ceasefire done right: each clause binds its own party
    assert run(RULE, pause(id="c1", claimed_by="Q", arrangement="a", binds=["Iran"],
                           when="2025-06-24T07:00/.."),
               pause(id="c2", claimed_by="Q", arrangement="a", binds=["Israel"],
                     when="2025-06-24T19:00/..", scope={"targets": ["energy"]})) == []
    # different claimants: rival readings (P004's business), not clauses
    assert run(RULE, pause(id="c1", claimed_by="Q", arrangement="a", when="2026-01-29/P7D"),
               pause(id="c2", claimed_by="R", arrangement="a", when="2026-01-29/P7D",
                     scope={"targets": ["energy"]})) == []
    # windows one after the other
    assert run(RULE, pause(id="c1", claimed_by="Q", arrangement="a", when="2026-01-29/P1D"),
               pause(id="c2", claimed_by="Q", arrangement="a", when="2026-01-30/P1D",
                     scope={"targets": ["energy"]})) == []
    # versions of one chain replace each other
    assert run(RULE, pause(id="c1", claimed_by="Q", arrangement="a", when="2026-01-29/P7D",
                           declared_on="2026-01-28"),
               pause(id="c2", claimed_by="Q", amends="c1", when="2026-01-29/P7D",
                     declared_on="2026-01-30", scope={"targets": ["energy"]})) == []
