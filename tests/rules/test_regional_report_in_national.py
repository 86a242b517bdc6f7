import os
from pathlib import Path

import pytest

from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.regional_report_in_national import RULE
from conflict_timeline.importers import import_paths
from conflict_timeline.timeline import Timeline

from ..conftest import SHARED_DATA
from . import run, strike

NIGHT = "2026-04-04T18:00/2026-04-05T08:00"
MISSILE_FILE = (Path(os.environ.get("TIMELINE_SHARED_DATA", SHARED_DATA))
                / "missile_attacks_daily.csv")


def national(id="air-force", when=NIGHT, model="Shahed-136/131", **fields):
    return strike(**{"id": id, "when": when, "tags": ["level:national"],
                     "weapons": [{"type": "drone", "model": model, "launched": 93}], **fields})


def regional(id="south", when="2026-04-05", model="Shahed-136/131", **fields):
    return strike(**{"id": id, "when": when, "tags": ["level:regional"],
                     "weapons": [{"type": "drone", "model": model, "launched": 12}], **fields})


def test_a_regional_report_in_a_national_window_with_the_same_model():
    [finding] = run(RULE, national(), regional(model="shahed-136/131 "))
    assert (finding.code, finding.severity, finding.records) == (
        "D002", Severity.INFO, ("south", "air-force"))
    assert finding.message == (
        "regional report south falls in the window of national report air-force and names "
        "the same weapon model (shahed-136/131): possibly counted twice")
    assert "possible double count, not proof of one" in finding.explanation
    assert finding.details == {"national": ["air-force"], "models": ["shahed-136/131"]}


def test_near_misses():
    # another model: the regional command's reconnaissance drones are not in the summary
    assert run(RULE, national(), regional(model="Orlan-10")) == []
    # the next night's window only touches the day before it
    assert run(RULE, national(when="2026-04-05T18:00/2026-04-06T08:00"),
               regional(when="2026-04-04T08:00/2026-04-04T18:00")) == []
    # two national reports, or reports without a level, are D001's business
    assert run(RULE, national(), national(id="b")) == []
    assert run(RULE, national(), regional(tags=[])) == []
    assert run(RULE, national(), regional(by="Ukraine")) == []


def test_the_shared_table_has_56_such_regional_reports():
    if not MISSILE_FILE.exists():
        pytest.skip(f"the shared data file is not at {MISSILE_FILE}")
    records = import_paths("missile-attacks", [MISSILE_FILE]).records
    findings = list(RULE.check(Timeline(records)))
    assert len(findings) == 56
    assert len({f.records[0] for f in findings}) == 56
