import random
import re
from pathlib import Path

import pytest

from conflict_timeline.checks.duplicates import find_clusters
from conflict_timeline.checks.findings import FAMILIES
from conflict_timeline.checks.rules import all_rules
from conflict_timeline.checks.runner import run_rules, select_rules
from conflict_timeline.errors import UsageError
from conflict_timeline.timeline import Timeline

from .conftest import record
from .rules import pause, strike

RULES_DIR = Path(__file__).parent.parent / "conflict_timeline" / "checks" / "rules"


def codes(rules):
    return [r.code for r in rules]


def test_every_rule_has_a_stable_code_a_name_and_its_words():
    rules = all_rules()
    assert len(set(codes(rules))) == len(rules)
    assert codes(rules) == sorted(codes(rules), key=lambda c: ("PTDNR".index(c[0]), c))
    assert {r.code[0] for r in rules} == set(FAMILIES)
    for rule in rules:
        assert re.fullmatch(r"[PTDNR]\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)
        assert rule.summary.endswith(".") and "\n" not in rule.summary
        assert len(rule.explanation) > 200 and "Example" in rule.explanation


def test_every_rule_module_has_its_own_test_module():
    modules = [p.stem for p in RULES_DIR.glob("*.py") if not p.stem.startswith("_")]
    assert len(modules) == len(all_rules())
    for module in modules:
        assert (Path(__file__).parent / "rules" / f"test_{module}.py").exists(), module


@pytest.mark.parametrize("select, ignore, expected", [
    ((), (), None),
    (("P",), (), ["P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008", "P009"]),
    (("t,p00",), ("P003",), ["P001", "P002", "P004", "P005", "P006", "P007", "P008", "P009",
                             "T001", "T002", "T003"]),
    (("R", "N002"), (), ["N002", "R001", "R002"]),
    (("ALL",), ("P", "T", "D", "N"), ["R001", "R002"]),
])
def test_select_and_ignore(select, ignore, expected):
    chosen = codes(select_rules(select, ignore))
    assert chosen == (expected if expected is not None else codes(all_rules()))


def test_a_selector_matching_nothing_is_a_usage_error():
    with pytest.raises(UsageError, match="no rule matches 'X9'"):
        select_rules(["X9"])
    with pytest.raises(UsageError, match="no rule matches 'P9'"):
        select_rules([], ["P9"])


def test_findings_are_ordered_by_record_then_code():
    records = [strike(id="late", when="2026-02-01T03:00", sources=[{"name": "x", "published": "2026-01-01"}]),
               strike(id="early", when="2026-01-30T03:00"), pause()]
    findings = run_rules(records, select_rules())
    assert [(f.records[0], f.code) for f in findings] == [
        ("early", "P001"), ("late", "P001"), ("late", "T002")]


def test_duplicate_sweep_finds_exactly_what_all_pairs_would():
    rng = random.Random(11)
    regions, parties = ["Kyiv", "Kharkiv", "Odesa"], ["Russia", "Ukraine"]
    strikes = []
    for i in range(300):
        day, hour = rng.randint(1, 20), rng.randint(0, 22)
        weapons = [{"type": rng.choice(["drone", "ballistic_missile"]),
                    "launched": rng.choice([10, 11, 40, "10+", None])}]
        strikes.append(record("strike", id=f"s{i}", by=rng.choice(parties),
                              when=f"2026-02-{day:02d}T{hour:02d}:00/{rng.choice(['PT2H', 'PT12H', 'P1D'])}",
                              location={"region": rng.choice(regions)}, weapons=weapons))
    found = {(m.first.id, m.second.id) for c in find_clusters(Timeline(strikes)) for m in c.matches}
    brute = set()
    for i, a in enumerate(strikes):
        for b in strikes[i + 1:]:
            # the pair alone: a cluster of the two is a match worth reporting
            brute.update((m.first.id, m.second.id)
                         for c in find_clusters(Timeline([a, b])) for m in c.matches)
    assert found == brute and len(brute) > 20
