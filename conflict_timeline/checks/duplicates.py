"""Strike records that very likely report the same event — found, scored, never merged.

Different sources reporting one attack is the normal case (ACLED and UCDP both have rules for
it), so two records of one attack are not an error, but they must be visible: counted twice
they double the war. A pair is a candidate only when everything that can rule it out agrees —
the same striking party, overlapping spans, the same place (or, without places, the same
region), and weapon types in common when both record weapons. Its confidence then grows with
how much more matches: the same place, the same weapon types, nearly the same span, counts
that agree. Pairs at or above :data:`REPORT_FROM` are joined into clusters.

Candidates come from a sweep over each party's strikes sorted by start (only strikes whose
spans overlap are ever compared), never from all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..records import CountValue, Strike, count_total, counts_agree, describe_count
from ..records.counts import count_bounds
from ..timeline import Timeline
from .wording import listing

REPORT_FROM = 0.6
HIGH_FROM = 0.8
CLOSE_WITHIN = 0.1  # exact counts within 10% of each other are "close"


@dataclass(frozen=True, slots=True)
class PairMatch:
    first: Strike
    second: Strike
    confidence: float
    matched: tuple[str, ...]  # what matched, in words


@dataclass(frozen=True, slots=True)
class Cluster:
    strikes: tuple[Strike, ...]  # in timeline order
    matches: tuple[PairMatch, ...]  # the pairs that joined it

    @property
    def weakest(self) -> PairMatch:
        return min(self.matches, key=lambda m: (m.confidence, m.first.id, m.second.id))

    @property
    def confidence(self) -> float:
        return self.weakest.confidence

    @property
    def level(self) -> str:
        return "high" if self.confidence >= HIGH_FROM else "medium"


def _fold(text: str | None) -> str:
    return " ".join(text.casefold().split()) if text else ""


def strike_quantities(strike: Strike) -> dict[str, CountValue]:
    """The counts a strike record gives: per weapon type launched and intercepted (summed
    over that type's entries, and only when every entry gives it), killed and wounded."""
    by_type: dict[str, list] = defaultdict(list)
    for weapon in strike.weapons:
        by_type[weapon.type.value].append(weapon)
    quantities: dict[str, CountValue] = {}
    for weapon_type, weapons in by_type.items():
        for what in ("launched", "intercepted"):
            values = [getattr(w, what) for w in weapons]
            if all(v is not None for v in values):
                quantities[f"{weapon_type} {what}"] = count_total(values)
    if strike.casualties is not None:
        for what in ("killed", "wounded"):
            value = getattr(strike.casualties, what)
            if value is not None:
                quantities[what] = value
    return quantities


def _close(a: CountValue, b: CountValue) -> bool:
    if counts_agree(a, b):
        return True
    (a_low, a_high), (b_low, b_high) = count_bounds(a), count_bounds(b)
    if a_high is None or b_high is None:
        return False
    gap = max(b_low - a_high, a_low - b_high)
    return gap <= CLOSE_WITHIN * max(a_high, b_high)


def _place_match(a: Strike, b: Strike) -> str | None:
    """"place X" or "region X" when they match; None when they differ or are unknown."""
    la, lb = a.location, b.location
    if la is None or lb is None:
        return None
    if la.place and lb.place:
        return f"place {la.place}" if _fold(la.place) == _fold(lb.place) else None
    if la.region and lb.region and _fold(la.region) == _fold(lb.region):
        return f"region {la.region}"
    return None


def match_strikes(a: Strike, b: Strike) -> PairMatch | None:
    """How likely ``a`` and ``b`` report one event; None when something rules it out."""
    if not a.by or not b.by or _fold(a.by) != _fold(b.by) or not a.span.overlaps(b.span):
        return None
    place = _place_match(a, b)
    if place is None:
        return None
    score, matched = 0.5, [f"party {a.by}", place]
    if place.startswith("place"):
        score += 0.1
    types_a = {w.type.value for w in a.weapons}
    types_b = {w.type.value for w in b.weapons}
    if types_a and types_b:
        common = types_a & types_b
        if not common:
            return None
        if types_a == types_b:
            score += 0.15
            matched.append(f"weapon types {listing(sorted(common))}")
        else:
            score += 0.05
            matched.append(f"weapon types in common: {listing(sorted(common))}")
    union = max(a.span.end_ts, b.span.end_ts) - min(a.span.start_ts, b.span.start_ts)
    shared = min(a.span.end_ts, b.span.end_ts) - max(a.span.start_ts, b.span.start_ts)
    score += 0.1 * shared / union
    matched.insert(1, f"spans overlap ({shared / union:.0%} of their union)")
    score += _count_score(a, b, matched)
    return PairMatch(a, b, round(min(1.0, max(0.0, score)), 2), tuple(matched))


def _count_score(a: Strike, b: Strike, matched: list[str]) -> float:
    qa, qb = strike_quantities(a), strike_quantities(b)
    common = [q for q in qa if q in qb]
    if not common:
        return 0.0
    if all(counts_agree(qa[q], qb[q]) for q in common):
        matched.append("counts agree: " + listing(
            [f"{q} {describe_count(qa[q])}" for q in common]))
        return 0.15
    if all(_close(qa[q], qb[q]) for q in common):
        matched.append("counts close: " + listing(
            [f"{q} {describe_count(qa[q])} ~ {describe_count(qb[q])}" for q in common]))
        return 0.05
    return -0.15


def _candidate_pairs(strikes: Iterable[Strike]):
    """Strikes of one party whose spans overlap, by a sweep over starts."""
    by_party: dict[str, list[Strike]] = defaultdict(list)
    for strike in strikes:
        if strike.by:
            by_party[_fold(strike.by)].append(strike)
    for party_strikes in by_party.values():
        party_strikes.sort(key=lambda s: (s.span.start_ts, s.span.end_ts, s.id))
        active: list[Strike] = []
        for strike in party_strikes:
            start = strike.span.start_ts
            active = [s for s in active if s.span.end_ts > start]
            for earlier in active:
                yield earlier, strike
            active.append(strike)


def find_clusters(timeline: Timeline) -> tuple[Cluster, ...]:
    """Clusters of strikes joined by pairs of at least REPORT_FROM confidence, in the order
    of their first strike."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    matches: list[PairMatch] = []
    for a, b in _candidate_pairs(timeline.strikes):
        match = match_strikes(a, b)
        if match is None or match.confidence < REPORT_FROM:
            continue
        matches.append(match)
        for strike in (a, b):
            parent.setdefault(strike.id, strike.id)
        parent[root(a.id)] = root(b.id)
    members: dict[str, list[Strike]] = defaultdict(list)
    for strike in timeline.strikes:  # timeline order
        if strike.id in parent:
            members[root(strike.id)].append(strike)
    links: dict[str, list[PairMatch]] = defaultdict(list)
    for match in matches:
        links[root(match.first.id)].append(match)
    clusters = [Cluster(tuple(strikes), tuple(links[key])) for key, strikes in members.items()]
    return tuple(sorted(clusters, key=lambda c: timeline.position[c.strikes[0].id]))


def duplicate_clusters(timeline: Timeline) -> tuple[Cluster, ...]:
    """:func:`find_clusters`, computed once per timeline for every rule that asks."""
    return timeline.derived(find_clusters)
