"""N002: counts that contradict each other between records of one event."""

from __future__ import annotations

from collections.abc import Iterator

from ...records import CountValue, count_bounds, describe_count
from ...timeline import Timeline
from ..duplicates import duplicate_clusters, strike_quantities
from ..findings import Finding, Rule, Severity


def _consistent(values: list[CountValue]) -> bool:
    """Some single number satisfies every count."""
    bounds = [count_bounds(v) for v in values]
    lowest_max = min((high for _, high in bounds if high is not None), default=None)
    return lowest_max is None or max(low for low, _ in bounds) <= lowest_max


def check(timeline: Timeline) -> Iterator[Finding]:
    for cluster in duplicate_clusters(timeline):
        given: dict[str, list[tuple[str, CountValue]]] = {}
        for strike in cluster.strikes:
            for quantity, value in strike_quantities(strike).items():
                given.setdefault(quantity, []).append((strike.id, value))
        disagree = {q: values for q, values in given.items()
                    if len(values) > 1 and not _consistent([v for _, v in values])}
        if not disagree:
            continue
        said = "; ".join(f"{q}: " + " vs ".join(f"{describe_count(v)} ({rid})" for rid, v in values)
                         for q, values in disagree.items())
        involved = dict.fromkeys(rid for values in disagree.values() for rid, _ in values)
        yield RULE.finding(
            f"counts disagree between records of one event — {said}",
            [s.id for s in cluster.strikes if s.id in involved],
            "These records very likely report the same event (see D001), yet no single number "
            "fits every count given for " + ", ".join(disagree) + ". Early and late reports "
            "often differ; record which one is the latest, or give the count as a range "
            "(\"100+\", {\"min\": 90, \"max\": 120}) where the sources are inexact.",
            {q: [{"record": rid, "count": describe_count(v)} for rid, v in values]
             for q, values in disagree.items()})


RULE = Rule(
    code="N002",
    name="cluster-counts-disagree",
    severity=Severity.WARNING,
    summary="Records that very likely report one event give contradicting counts.",
    explanation="""\
For each cluster of likely duplicate strikes (D001), the counts the records give — weapons
launched and intercepted per weapon type (summed over a record's entries of that type), killed
and wounded — are compared. Counts may be exact, lower bounds or ranges; they contradict only
when no single number satisfies all of them: "over 100" and 111 agree, "over 100" and 80 do
not, 111 and 110 do not.

Reported once per cluster, naming each quantity and what every record says. Casualty counts
typically rise as reports come in: the finding says the record does not yet tell which one to
believe.

Example: the Air Force reports 111 drones launched, a news report of the same night "over
100", a third record 80.""",
    check=check,
)
