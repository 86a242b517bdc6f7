"""D001: strike records that very likely report the same event."""

from __future__ import annotations

from collections.abc import Iterator

from ...timeline import Timeline
from ..duplicates import HIGH_FROM, REPORT_FROM, Cluster, duplicate_clusters
from ..findings import Finding, Rule, Severity


def check(timeline: Timeline) -> Iterator[Finding]:
    for cluster in duplicate_clusters(timeline):
        yield _finding(cluster)


def _finding(cluster: Cluster) -> Finding:
    count = len(cluster.strikes)
    weakest = cluster.weakest
    pairs = [f"{m.first.id} and {m.second.id} (confidence {m.confidence:.2f}) have "
             f"{'; '.join(m.matched)}" for m in cluster.matches]
    return RULE.finding(
        f"{count} strike records very likely report the same event (confidence "
        f"{cluster.confidence:.2f}, {cluster.level}): {', '.join(weakest.matched)}",
        [s.id for s in cluster.strikes],
        "What matched, pair by pair: " + " — ".join(pairs)
        + ". They are not merged: keep one, or mark them as reports of one event, so the "
        "attack is not counted twice.",
        {"confidence": cluster.confidence, "level": cluster.level,
         "pairs": [{"records": [m.first.id, m.second.id], "confidence": m.confidence,
                    "matched": list(m.matched)} for m in cluster.matches]})


RULE = Rule(
    code="D001",
    name="likely-duplicate-strikes",
    severity=Severity.WARNING,
    summary="Two or more strike records very likely report the same event.",
    explanation=f"""\
Different sources reporting one attack is the normal case — a national air-force summary and
a regional governor, ACLED and UCDP — and counted twice the attack doubles. The tool never
merges records silently; it shows them as a cluster with a confidence and what matched.

Two strikes are compared only when nothing rules them out:

- the same striking party (`by`, case-insensitive; strikes without `by` are never paired);
- overlapping spans (adjacent spans, such as two consecutive report windows, do not overlap);
- the same `location.place` when both give one, else the same `location.region`;
- when both list weapons, at least one weapon type in common.

The confidence starts at 0.50 and rises with the evidence: +0.10 for the same place (not
just the region), +0.15 for the same set of weapon types (+0.05 for some in common), up to
+0.10 as the spans coincide (their overlap over their union), +0.15 when the counts both give
agree ("over 100" agrees with 111; +0.05 when they are within 10%), and −0.15 when they
contradict. Pairs at {REPORT_FROM:.2f} or more are reported, joined into clusters; a cluster's
confidence is its weakest pair's, "high" from {HIGH_FROM:.2f}. Counts that contradict inside a
cluster are reported by N002.

Example: two records of Russia's drone attack on the night of 29–30 January 2026 in
Zaporizhzhia region, one from the Air Force (111 drones) and one from a news report ("over
100").""",
    check=check,
)
