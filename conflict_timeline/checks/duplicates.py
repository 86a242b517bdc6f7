"""Strike records that very likely report the same event — found, scored, never merged.

Different sources reporting one attack is the normal case (ACLED and UCDP both have rules for
it), so two records of one attack are not an error, but they must be visible: counted twice
they double the war. A pair is a candidate only when everything that can rule it out agrees —
the same striking party, overlapping spans, the same place (or, without places, the same
region), and weapon types in common when both record weapons. Its confidence then grows with
how much more matches: the same place, the same weapon types, nearly the same span, counts
that agree. Pairs at or above :data:`REPORT_FROM` are joined into clusters.

Candidates come from a sweep over the strikes of each party and place, and of each party
and region, sorted by start: only strikes whose spans overlap in one such group are ever
compared, never all pairs.
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


@dataclass(slots=True)
class _Facts:
    """What matching reads of a strike, worked out once per strike, not once per pair."""

    strike: Strike
    party: str
    place: str
    region: str
    start: float
    end: float
    types: frozenset[str]
    quantities: dict[str, CountValue]


def _facts(strike: Strike) -> _Facts:
    location = strike.location
    return _Facts(strike, _fold(strike.by), _fold(location.place if location else None),
                  _fold(location.region if location else None), strike.span.start_ts,
                  strike.span.end_ts, frozenset(w.type.value for w in strike.weapons),
                  strike_quantities(strike))


def _score(a: _Facts, b: _Facts) -> float | None:
    """The pair's confidence before rounding; None when something rules it out."""
    if not a.party or a.party != b.party or not (a.start < b.end and b.start < a.end):
        return None
    if a.place and b.place:
        if a.place != b.place:
            return None
        score = 0.6
    elif a.region and a.region == b.region:
        score = 0.5
    else:
        return None
    if a.types and b.types:
        if not a.types & b.types:
            return None
        score += 0.15 if a.types == b.types else 0.05
    union = max(a.end, b.end) - min(a.start, b.start)
    score += 0.1 * (min(a.end, b.end) - max(a.start, b.start)) / union
    score += _count_score(a.quantities, b.quantities)
    return round(min(1.0, max(0.0, score)), 2)


def _count_score(qa: dict[str, CountValue], qb: dict[str, CountValue]) -> float:
    agree = close = True
    compared = False
    for quantity, a in qa.items():
        b = qb.get(quantity)
        if b is None:
            continue
        compared = True
        if type(a) is int and type(b) is int:  # the common case, without building ranges
            if a != b:
                agree = False
                close = close and abs(a - b) <= CLOSE_WITHIN * max(a, b)
        elif not counts_agree(a, b):
            agree = False
            close = close and _close(a, b)
        if not close:
            return -0.15
    if not compared:
        return 0.0
    return 0.15 if agree else 0.05


def _time_words(a: _Facts, b: _Facts) -> str:
    if (a.start, a.end) == (b.start, b.end):
        return "the same span"
    if (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end):
        return "one span within the other"  # a minute inside a day: as precise as each knew
    common = min(a.end, b.end) - max(a.start, b.start)
    share = common / (max(a.end, b.end) - min(a.start, b.start))
    return f"spans overlap ({'<1%' if share < 0.005 else f'{share:.0%}'} of their union)"


def _matched_words(a: _Facts, b: _Facts) -> tuple[str, ...]:
    """What matched, in words — only for pairs worth reporting. Each count is named with
    the record that gives it, so that a list of counts never reads as one compared with
    the next."""
    sa, ida, idb = a.strike, a.strike.id, b.strike.id
    words = [f"the same party ({sa.by})", _time_words(a, b)]
    words.append(f"the same place ({sa.location.place})"  # type: ignore[union-attr]
                 if a.place and b.place
                 else f"the same region ({sa.location.region})")  # type: ignore[union-attr]
    if a.types and b.types:
        common = listing(sorted(a.types & b.types))
        words.append(f"the same weapon types ({common})" if a.types == b.types
                     else f"weapon types in common ({common})")
    common_q = [q for q in a.quantities if q in b.quantities]
    qa, qb = a.quantities, b.quantities

    def each(q: str) -> str:
        first, second = describe_count(qa[q]), describe_count(qb[q])
        if first == second:
            return f"{q}: {first} in both"
        return f"{q}: {first} in {ida}, {second} in {idb}"

    if common_q and all(counts_agree(qa[q], qb[q]) for q in common_q):
        words.append("counts agree (" + "; ".join(each(q) for q in common_q) + ")")
    elif common_q and all(_close(qa[q], qb[q]) for q in common_q):
        words.append("counts close (" + "; ".join(each(q) for q in common_q) + ")")
    elif common_q:
        words.append("counts contradict (" + "; ".join(
            each(q) for q in common_q if not counts_agree(qa[q], qb[q])) + ")")
    return tuple(words)


def _candidate_pairs(facts: Iterable[_Facts]):
    """Pairs that may match: the same party and place, or the same party and region, with
    overlapping spans — by a sweep over each group sorted by start. A pair in both groups
    is given once."""
    groups: dict[tuple[str, str, str], list[_Facts]] = defaultdict(list)
    for fact in facts:
        if not fact.party:
            continue
        if fact.place:
            groups[(fact.party, "place", fact.place)].append(fact)
        if fact.region:
            groups[(fact.party, "region", fact.region)].append(fact)
    seen: set[tuple[str, str]] = set()
    for group in groups.values():
        group.sort(key=lambda f: (f.start, f.end, f.strike.id))
        active: list[_Facts] = []
        for fact in group:
            active = [f for f in active if f.end > fact.start]
            for earlier in active:
                key = (earlier.strike.id, fact.strike.id)
                if key not in seen:
                    seen.add(key)
                    yield earlier, fact
            active.append(fact)


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
    facts = [_facts(s) for s in timeline.strikes if s.by and s.location is not None]
    for fa, fb in _candidate_pairs(facts):
        score = _score(fa, fb)
        if score is None or score < REPORT_FROM:
            continue
        a, b = fa.strike, fb.strike
        matches.append(PairMatch(a, b, score, _matched_words(fa, fb)))
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
