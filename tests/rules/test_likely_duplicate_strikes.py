from conflict_timeline.checks.findings import Severity
from conflict_timeline.checks.rules.likely_duplicate_strikes import RULE

from . import run, strike

NIGHT = "2026-01-29T18:00/2026-01-30T08:00"


def report(id, drones=111, **fields):
    base = dict(id=id, when=NIGHT, targets=["residential"], location={"region": "Zaporizhzhia"},
                weapons=[{"type": "drone", "launched": drones}])
    return strike(**{**base, **fields})


def test_two_reports_of_one_attack_form_a_cluster_with_what_matched():
    [finding] = run(RULE, report("air-force"), report("news", drones="over 100"))
    assert (finding.code, finding.severity, finding.records) == ("D001", Severity.WARNING,
                                                                 ("air-force", "news"))
    assert finding.details["confidence"] == 0.9 and finding.details["level"] == "high"
    assert finding.message == (
        "2 strike records very likely report the same event (confidence 0.90, high): the same "
        "party (Russia), the same span, the same region (Zaporizhzhia), the same weapon types "
        "(drone), counts agree (drone launched: 111 in air-force, 'over 100' in news)")
    # what matched, said pair by pair — not "records A and B match on A and B"
    assert finding.explanation.startswith(
        "What matched, pair by pair: air-force and news (confidence 0.90) have the same party "
        "(Russia); the same span;")


SHORTER = "2026-01-29T20:00/2026-01-30T06:00"  # 10 of the night's 14 hours


def test_three_reports_are_one_cluster_as_strong_as_its_weakest_pair():
    [finding] = run(RULE, report("a"), report("b", drones="100+"), report("c", drones=110, when=SHORTER))
    assert finding.records == ("a", "b", "c")
    pairs = {tuple(p["records"]): p["confidence"] for p in finding.details["pairs"]}
    # a–c: 0.5 + 0.15 weapon types + 0.1 × 10/14 spans + 0.05 counts within 10% (111 ~ 110)
    assert pairs == {("a", "b"): 0.9, ("a", "c"): 0.77, ("b", "c"): 0.87}
    assert (finding.details["confidence"], finding.details["level"]) == (0.77, "medium")
    matched = {tuple(p["records"]): p["matched"] for p in finding.details["pairs"]}
    assert matched[("a", "c")][1] == "one span within the other"
    assert matched[("a", "c")][-1] == "counts close (drone launched: 111 in a, 110 in c)"


def test_counts_are_named_with_the_record_that_gives_them():
    both = [{"type": "drone", "launched": 1, "intercepted": 1}]
    [finding] = run(RULE, report("a", weapons=both), report("b", weapons=both))
    # never "drone launched 1 and drone intercepted 1", which reads as one compared with the other
    assert finding.details["pairs"][0]["matched"][-1] == (
        "counts agree (drone launched: 1 in both; drone intercepted: 1 in both)")


def test_contradicting_counts_lower_the_confidence():
    [finding] = run(RULE, report("a"), report("c", drones=80))
    assert finding.details["confidence"] == 0.6  # 0.5 + 0.15 + 0.1 − 0.15
    assert run(RULE, report("a"), report("c", drones=80, when=SHORTER)) == []


def test_near_misses_are_not_duplicates():
    # consecutive report windows: adjacent, not overlapping
    assert run(RULE, report("a"), report("b", when="2026-01-30T08:00/2026-01-30T20:00")) == []
    assert run(RULE, report("a"), report("b", location={"region": "Kharkiv"})) == []
    assert run(RULE, report("a"), report("b", by="Ukraine")) == []
    assert run(RULE, report("a", by=None), report("b", by=None)) == []
    assert run(RULE, report("a"), report("b", weapons=[{"type": "ballistic_missile"}])) == []
    # two different towns of one region on one night
    assert run(RULE, report("a", location={"region": "Zaporizhzhia", "place": "Vilniansk"}),
               report("b", location={"region": "Zaporizhzhia", "place": "Orikhiv"})) == []


def test_the_same_day_in_two_zones():
    # 30 January in Kyiv and in UTC share 22 of their 26 hours
    [finding] = run(RULE, report("a", when="2026-01-30"), report("b", tz="UTC", when="2026-01-30"))
    assert finding.records == ("a", "b") and finding.details["confidence"] == 0.88
    # the 29th in Washington and the 30th in Kyiv overlap from 22:00 UTC on the 29th to
    # 05:00 UTC on the 30th: the evening there is the night here
    [finding] = run(RULE, report("a", tz="America/New_York", when="2026-01-29"),
                    report("b", when="2026-01-30"))
    assert finding.records == ("a", "b") and finding.details["confidence"] == 0.82
    assert "spans overlap (17% of their union)" in finding.message
    # the 29th and the 30th, both in Kyiv, only touch
    assert run(RULE, report("a", when="2026-01-29"), report("b", when="2026-01-30")) == []


def test_weak_matches_are_not_reported():
    # only the region and a quarter of the spans in common: 0.5 + 0.025 < 0.6
    assert run(RULE, report("a", when="2026-01-30T00:00/2026-01-30T04:00", weapons=[]),
               report("b", when="2026-01-30T03:00/2026-01-30T07:00", weapons=[])) == []
