from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.readings_disagree import RULE

from . import pause, run


def test_disagreement_names_who_claims_what_once_per_arrangement():
    records = [pause(id="p-us", claimed_by="Donald Trump", arrangement="a"),
               pause(id="p-ua", claimed_by="Volodymyr Zelensky", arrangement="a",
                     scope={"targets": ["energy"]}),
               pause(id="p-ua2", claimed_by="Volodymyr Zelensky", arrangement="a",
                     scope={"targets": ["energy"]})]
    [finding] = run(RULE, *records)
    assert (finding.code, finding.severity) == ("P004", Severity.WARNING)
    assert finding.message == ("readings of a disagree on targets: Volodymyr Zelensky says it "
                               "covers energy only; Donald Trump says it covers any target")
    assert set(finding.records) == {"p-us", "p-ua", "p-ua2"}
    assert "They agree that the window is [2026-01-29T00:00+02:00, 2026-02-05T00:00+02:00)" in finding.explanation
    assert list(finding.details["disagree_on"]) == ["targets"]


def test_window_and_binds_disagreements_are_each_named():
    [finding] = run(RULE, pause(id="p1", claimed_by="X", arrangement="a"),
                    pause(id="p2", claimed_by="Y", arrangement="a", when="2026-01-29/P3D",
                          binds=["Russia", "Ukraine"]))
    assert list(finding.details["disagree_on"]) == ["window", "binds"]
    assert "; and on binds: Y says it binds Russia and Ukraine; X says it binds Russia" in finding.message


def test_near_misses_agree():
    # the same window written in two zones, the same parties in another case
    assert run(RULE, pause(id="p1", arrangement="a", binds=["Russia"]),
               pause(id="p2", arrangement="a", tz="UTC", when="2026-01-28T22:00/P7D",
                     binds=["russia "])) == []
    # different arrangements may differ freely; a lone reading has nobody to disagree with
    assert run(RULE, pause(id="p1", arrangement="a"),
               pause(id="p2", arrangement="b", scope={"targets": ["energy"]})) == []
