"""Strikes weighed against every reading of every pause.

Scope and party are settled first, timing second: a strike a reading plainly does not cover
is ``outside_scope`` whenever the spans overlap at all. Timing is ``certainly`` only when the
strike's span lies wholly inside the window *and* after the pause was announced; a strike
that may have begun before the announcement cannot be called a violation with certainty.

Two stages, so that another engine can do the second over many strikes (docs/ceasefires.md):

1. :func:`pause_windows` expands the pauses — few, with the hard semantics: chains of
   versions (``amends``), clauses, repeats, open ends — into plain :class:`PauseWindow`
   rows, one per occurrence of each version, with the period each version is in force.
2. For each (strike, window) pair that overlaps, small pure functions of plain values give
   the facts (:func:`relation_of`, :func:`party_coverage`, :func:`target_coverage`,
   :func:`region_coverage`, :func:`predates_announcement`, :func:`version_standing`,
   gathered by :func:`window_facts`), and :func:`finding_from_facts` turns the facts of one
   strike and one clause into the finding and its explanation.

Pairs are found by a sweep over strikes and windows sorted by start, so the cost grows with
the number of overlapping pairs (the findings), never with strikes × pauses.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from ..records import Pause, RecordBase, Strike, TimeSpan
from ..records.pause_chains import PauseChain, pause_chains
from ..records.recurrence import occurrences


class Verdict(StrEnum):
    VIOLATION = "violation"
    POSSIBLE_VIOLATION = "possible_violation"
    OUTSIDE_SCOPE = "outside_scope"


class Timing(StrEnum):
    CERTAINLY = "certainly"
    POSSIBLY = "possibly"


class Relation(StrEnum):
    """How the strike's span lies against the pause window."""

    INSIDE = "inside"
    STRADDLES_START = "straddles_start"
    STRADDLES_END = "straddles_end"
    COVERS_WINDOW = "covers_window"
    SPANS_OCCURRENCES = "spans_occurrences"  # overlaps more than one occurrence of a repeat


class Coverage(StrEnum):
    COVERED = "covered"
    NOT_COVERED = "not_covered"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ScopeTest:
    axis: str  # "party", "targets" or "region"
    coverage: Coverage
    explanation: str


# ---------------------------------------------------------------------------------------
# stage 1: the window table


@dataclass(frozen=True, slots=True)
class PauseWindow:
    """One row of the window table: one occurrence of one version of one pause, in plain
    values (timestamps are POSIX seconds; ``math.inf`` for an open end, ``-math.inf`` for
    "always")."""

    window_id: str  # version id, or "version id#occurrence index" for a repeat
    version_id: str  # the pause record weighed
    reading_id: str  # the chain's first record: the finding's `reading`
    arrangement: str
    claimed_by: str  # the reading's claimant: the chain's first record's claimed_by
    clause: int  # this chain's place among the clauses of its reading (0, 1, …)
    clauses: int  # how many clauses the reading has
    occurrence: int | None  # None for a window that does not repeat
    start_ts: float
    end_ts: float  # math.inf: open (until further notice)
    binds: tuple[str, ...]
    scope_targets: tuple[str, ...] | None  # None: any target
    scope_regions: tuple[str, ...] | None  # None: every region
    announced_from_ts: float | None  # the chain's first record's declared_on, if any
    announced_until_ts: float | None
    announced_words: str | None  # how the announcement is worded in a finding
    declared_from_ts: float  # this version's declared_on start (-inf: the first version)
    in_force_from_ts: float  # this version's declared_on end (-inf: the first version)
    next_declared_from_ts: float  # the next version's declared_on start (inf: none)
    in_force_until_ts: float  # the next version's declared_on end (inf: none)
    previous_version_id: str | None
    next_version_id: str | None


def pause_windows(pauses: Iterable[Pause], strike_range: tuple[float, float] | None = None,
                  ) -> list[PauseWindow]:
    """The window table of ``pauses``, sorted by (start, end, window id). A repeated window
    is expanded into its occurrences over ``strike_range`` (``[from, until)`` timestamps)
    only — never further, so an unbounded rule stays bounded; without a range, only its
    first occurrence."""
    chains = pause_chains(pauses)
    rows: list[PauseWindow] = []
    clause_numbers = _clause_numbers(chains)
    for chain in chains:
        first_declared = chain.first.declared_span
        clause, clauses = clause_numbers[chain.id]
        for index, version in enumerate(chain.versions):
            previous = chain.versions[index - 1] if index else None
            following = chain.versions[index + 1] if index + 1 < len(chain.versions) else None
            own = version.declared_span if index else None
            nxt = following.declared_span if following is not None else None
            span = version.span
            # the version's own window; a repeat's occurrences are copies of it
            window = PauseWindow(
                window_id=version.id, version_id=version.id, reading_id=chain.id,
                arrangement=chain.arrangement, claimed_by=chain.claimant, clause=clause,
                clauses=clauses, occurrence=None, start_ts=span.start_ts, end_ts=span.end_ts,
                binds=tuple(version.binds),
                scope_targets=None if version.scope.targets is None
                else tuple(version.scope.targets),
                scope_regions=None if version.scope.regions is None
                else tuple(version.scope.regions),
                announced_from_ts=first_declared.start_ts if first_declared else None,
                announced_until_ts=first_declared.end_ts if first_declared else None,
                announced_words=_span_words(first_declared) if first_declared else None,
                declared_from_ts=own.start_ts if own else -math.inf,
                in_force_from_ts=own.end_ts if own else -math.inf,
                next_declared_from_ts=nxt.start_ts if nxt else math.inf,
                in_force_until_ts=nxt.end_ts if nxt else math.inf,
                previous_version_id=previous.id if previous else None,
                next_version_id=following.id if following else None)
            if version.repeat is None:
                rows.append(window)
                continue
            low, high = strike_range if strike_range else (span.start_ts, span.end_ts)
            # only the occurrences the version can be weighed in: from its announcement on
            low = max(low, window.declared_from_ts)
            high = min(high, window.in_force_until_ts)
            for occurrence in occurrences(version.repeat, span, low, high):
                rows.append(replace(
                    window, window_id=f"{version.id}#{occurrence.index}",
                    occurrence=occurrence.index, start_ts=occurrence.start_ts,
                    end_ts=occurrence.end_ts))
    rows.sort(key=lambda w: (w.start_ts, w.end_ts, w.window_id))
    return rows


def _clause_numbers(chains: Sequence[PauseChain]) -> dict[str, tuple[int, int]]:
    """Chains of one arrangement with one claimant are clauses of one reading: each
    chain's number among them (by its first window's start) and their count."""
    groups: dict[tuple[str, str], list[PauseChain]] = {}
    for chain in chains:
        groups.setdefault((chain.arrangement, chain.claimant.strip().casefold()), []).append(chain)
    numbers = {}
    for group in groups.values():
        group.sort(key=lambda c: (c.first.span.start_ts, c.id))
        for number, chain in enumerate(group):
            numbers[chain.id] = (number, len(group))
    return numbers


# ---------------------------------------------------------------------------------------
# stage 2: facts of one (strike, window) pair, and the finding they make


class Standing(StrEnum):
    """Whether a version was in force when a strike began."""

    IN_FORCE = "in_force"
    MAY_NOT_YET_BE_ANNOUNCED = "may_not_yet_be_announced"  # began in its declared_on span
    MAY_BE_SUPERSEDED = "may_be_superseded"  # began in the next version's declared_on span
    NOT_IN_FORCE = "not_in_force"


def version_standing(strike_start_ts: float, declared_from_ts: float, in_force_from_ts: float,
                     next_declared_from_ts: float, in_force_until_ts: float) -> Standing:
    """Decided by the strike's start alone: a version is in force from the end of its
    declared_on to the end of the next version's; within either span it may or may not be."""
    if strike_start_ts < declared_from_ts or strike_start_ts >= in_force_until_ts:
        return Standing.NOT_IN_FORCE
    if strike_start_ts < in_force_from_ts:
        return Standing.MAY_NOT_YET_BE_ANNOUNCED
    if strike_start_ts >= next_declared_from_ts:
        return Standing.MAY_BE_SUPERSEDED
    return Standing.IN_FORCE


def relation_of(strike_start_ts: float, strike_end_ts: float, window_start_ts: float,
                window_end_ts: float) -> Relation:
    """How a strike's span lies against a window it overlaps (an open window's end is inf)."""
    starts_inside = strike_start_ts >= window_start_ts
    ends_inside = strike_end_ts <= window_end_ts
    if starts_inside and ends_inside:
        return Relation.INSIDE
    if ends_inside:
        return Relation.STRADDLES_START
    if starts_inside:
        return Relation.STRADDLES_END
    return Relation.COVERS_WINDOW


def predates_announcement(strike_start_ts: float, announced_until_ts: float | None) -> bool:
    """Whether the strike may have begun before the pause (its chain's first record) was
    announced."""
    return announced_until_ts is not None and strike_start_ts < announced_until_ts


@dataclass(frozen=True, slots=True)
class WindowFacts:
    """What one (strike, window) pair comes to, before it is worded."""

    window: PauseWindow
    relation: Relation
    scope_tests: tuple[ScopeTest, ScopeTest, ScopeTest]  # party, targets, region
    predates_announcement: bool
    standing: Standing


def window_facts(strike: Strike, window: PauseWindow) -> WindowFacts | None:
    """The facts of a strike against a window, or None when the window misses the strike
    or its version was not in force when the strike began."""
    span = strike.span
    if not (span.start_ts < window.end_ts and window.start_ts < span.end_ts):
        return None
    standing = version_standing(span.start_ts, window.declared_from_ts, window.in_force_from_ts,
                                window.next_declared_from_ts, window.in_force_until_ts)
    if standing is Standing.NOT_IN_FORCE:
        return None
    tests = (party_coverage(window.binds, strike.by),
             target_coverage(window.scope_targets, tuple(strike.targets)),
             region_coverage(window.scope_regions,
                             strike.location.region if strike.location else None))
    return WindowFacts(window, relation_of(span.start_ts, span.end_ts, window.start_ts,
                                           window.end_ts),
                       tests, predates_announcement(span.start_ts, window.announced_until_ts),
                       standing)


@dataclass(frozen=True, slots=True)
class PauseFinding:
    strike: Strike
    pause: Pause  # the version weighed (the newer, where two were)
    verdict: Verdict
    timing: Timing
    relation: Relation
    may_predate_announcement: bool
    scope_tests: tuple[ScopeTest, ...]
    reasons: tuple[str, ...]
    reading: str = ""  # the id of the chain's first record
    versions_considered: tuple[str, ...] = ()
    window: PauseWindow | None = None  # the row weighed (its occurrence, its clause)
    occurrences: tuple[int, ...] = ()  # the occurrences of a repeat the strike overlaps
    arrangement_key: str = ""
    version: str = ""  # "as extended on 2 Jun 2022" for a later version; "" for the first
    version_reason: str = ""  # why two versions were weighed and what they gave, if they were

    @property
    def arrangement(self) -> str:
        return self.arrangement_key or self.pause.arrangement_key

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class _Weighed:
    """One version's verdict on the strike, from its occurrences' facts."""

    facts: WindowFacts  # the first occurrence overlapped (its row is the one reported)
    verdict: Verdict
    timing: Timing
    relation: Relation
    occurrences: tuple[int, ...]


def _weigh(version_facts: Sequence[WindowFacts]) -> _Weighed:
    first = version_facts[0]
    relation = first.relation if len(version_facts) == 1 else Relation.SPANS_OCCURRENCES
    certain = relation is Relation.INSIDE and not first.predates_announcement
    coverages = {t.coverage for t in first.scope_tests}
    if Coverage.NOT_COVERED in coverages:
        verdict = Verdict.OUTSIDE_SCOPE
    elif coverages == {Coverage.COVERED} and certain:
        verdict = Verdict.VIOLATION
    else:
        verdict = Verdict.POSSIBLE_VIOLATION
    return _Weighed(first, verdict, Timing.CERTAINLY if certain else Timing.POSSIBLY, relation,
                    tuple(f.window.occurrence for f in version_facts
                          if f.window.occurrence is not None))


def finding_from_facts(strike: Strike, facts: Sequence[WindowFacts],
                       pauses: Mapping[str, Pause]) -> PauseFinding | None:
    """The finding of one strike against one clause (one chain of versions), from the facts
    of every window of that chain the strike overlaps while its version may be in force;
    ``pauses`` gives the records by id (for their words). None when nothing is found."""
    if not facts:
        return None
    by_version: dict[str, list[WindowFacts]] = {}
    for fact in sorted(facts, key=lambda f: (f.window.start_ts, f.window.window_id)):
        by_version.setdefault(fact.window.version_id, []).append(fact)
    weighed = {version: _weigh(group) for version, group in by_version.items()}
    # the versions considered: those with facts, and the one before (or after) a version
    # whose announcement was uncertain when the strike began, whether it reaches it or not
    considered: dict[str, None] = {}
    for fact in facts:
        w = fact.window
        if fact.standing is Standing.MAY_NOT_YET_BE_ANNOUNCED and w.previous_version_id:
            considered[w.previous_version_id] = None
        considered[w.version_id] = None
        if fact.standing is Standing.MAY_BE_SUPERSEDED and w.next_version_id:
            considered[w.next_version_id] = None
    order = _version_order(facts)
    versions = sorted(considered, key=lambda v: order.get(v, len(order)))
    if len(versions) == 1:
        [only] = versions
        return _finding(strike, weighed[only], pauses[only], versions, None, pauses=pauses)
    older, newer = versions[-2], versions[-1]
    old, new = weighed.get(older), weighed.get(newer)
    old_v = old.verdict if old else None
    new_v = new.verdict if new else None
    serious = {Verdict.VIOLATION, Verdict.POSSIBLE_VIOLATION}
    if old_v not in serious and new_v not in serious:
        return None if new is None else _finding(strike, new, pauses[newer], versions, None,
                                                 pauses=pauses)
    if old_v == new_v:
        return _finding(strike, new, pauses[newer], versions, None,  # type: ignore[arg-type]
                        pauses=pauses)
    basis = new if new is not None else old
    note = _version_reason(strike, pauses[older], old_v, pauses[newer], new_v)
    return _finding(strike, basis, pauses[newer], versions, note,  # type: ignore[arg-type]
                    Verdict.POSSIBLE_VIOLATION, pauses)


def _version_order(facts: Sequence[WindowFacts]) -> dict[str, int]:
    """Versions in chain order, from the links the rows carry."""
    links: dict[str, tuple[str | None, str | None]] = {}
    for fact in facts:
        w = fact.window
        links[w.version_id] = (w.previous_version_id, w.next_version_id)
    start = next(iter(links))
    previous = links[start][0]
    while previous is not None:
        if previous not in links:  # a version before the facts: it starts the chain
            links[previous] = (None, start)
        start = previous
        previous = links[start][0]
    order: dict[str, int] = {}
    current: str | None = start
    while current is not None and current not in order:
        order[current] = len(order)
        current = links.get(current, (None, None))[1]
    return order


def _finding(strike: Strike, weighed: _Weighed, pause: Pause, versions: Sequence[str],
             version_note: str | None, verdict: Verdict | None = None,
             pauses: Mapping[str, Pause] | None = None) -> PauseFinding:
    facts = weighed.facts
    previous = facts.window.previous_version_id if facts.window.version_id == pause.id else None
    older = (pauses or {}).get(previous) if previous else None
    reasons = [_timing_reason(strike.span, facts.window, weighed.relation,
                              facts.predates_announcement, weighed.occurrences)]
    reasons.extend(t.explanation for t in facts.scope_tests)
    if version_note:
        reasons.append(version_note)
    return PauseFinding(strike, pause, verdict or weighed.verdict,
                        Timing.POSSIBLY if version_note else weighed.timing, weighed.relation,
                        facts.predates_announcement, facts.scope_tests, tuple(reasons),
                        facts.window.reading_id, tuple(versions), facts.window,
                        weighed.occurrences, facts.window.arrangement,
                        version_words(older, pause), version_note or "")


def version_words(older: Pause | None, pause: Pause) -> str:
    """"as extended on 2 Jun 2022" for a later version (its declared_on's first day, in
    its zone); "" for the first."""
    declared = pause.declared_span
    if older is None or declared is None:
        return ""
    verb = _CHANGE_WORDS[change_kind(older, pause)]
    day = declared.start.astimezone(declared.zone)
    return f"as {verb} on {day.day} {day:%b %Y}"


_CHANGE_WORDS = {"extension": "extended", "shortening": "shortened", "amendment": "amended"}


def change_kind(older: Pause, newer: Pause) -> str:
    """What a version did to the one before: "extension", "shortening" or "amendment"."""
    if newer.span.end_ts > older.span.end_ts:
        return "extension"
    if newer.span.end_ts < older.span.end_ts:
        return "shortening"
    return "amendment"


def _version_reason(strike: Strike, older: Pause, old: Verdict | None, newer: Pause,
                    new: Verdict | None) -> str:
    kind = change_kind(older, newer)
    declared = newer.declared_span
    when = _span_text(declared) if declared is not None else "later"
    return (f"The strike began while the {kind} declared {when} ({newer.id}) may not yet have "
            f"been announced: under the version before it ({older.id}) the strike "
            f"{_VERDICT_WORDS[old]}; under the {kind} it {_VERDICT_WORDS[new]}. Which was in "
            "force is uncertain, so this is at most a possible violation.")


_VERDICT_WORDS = {
    Verdict.VIOLATION: "is a violation",
    Verdict.POSSIBLE_VIOLATION: "is a possible violation",
    Verdict.OUTSIDE_SCOPE: "is outside its scope",
    None: "falls outside its window",
}


def _span_text(span: TimeSpan) -> str:
    start = span.start.astimezone(span.zone).isoformat(timespec="minutes")
    end = (span.end.astimezone(span.zone).isoformat(timespec="minutes") if span.end is not None
           else "until further notice")
    return f"[{start}, {end})"


@lru_cache(maxsize=4096)
def _folded_names(names: tuple[str, ...]) -> frozenset[str]:
    """Names as compared (a reading's parties or regions are weighed against every strike
    in its window: folded once)."""
    return frozenset(n.strip().casefold() for n in names)


# A reading is weighed against every strike in its window, and strikes repeat who struck,
# what and where: each test is worked out once for each such combination (the tests are
# immutable, so one is shared by all the findings it applies to).

@lru_cache(maxsize=4096)
def party_coverage(binds: tuple[str, ...], by: str | None) -> ScopeTest:
    """Whether the version binds the party that struck."""
    if not binds:
        return ScopeTest("party", Coverage.NOT_COVERED, "This reading binds nobody.")
    bound = ", ".join(binds)
    if not by:
        return ScopeTest("party", Coverage.UNKNOWN,
                         f"The record does not say who struck; this reading binds {bound}.")
    if by.strip().casefold() in _folded_names(binds):
        return ScopeTest("party", Coverage.COVERED, f"{by} is bound by this reading.")
    return ScopeTest("party", Coverage.NOT_COVERED,
                     f"This reading binds only {bound}; the strike was by {by}.")


_ANY_TARGET = ScopeTest("targets", Coverage.COVERED, "This reading covers strikes on any target.")
_EVERY_REGION = ScopeTest("region", Coverage.COVERED, "This reading covers every region.")


@lru_cache(maxsize=4096)
def target_coverage(covered: tuple[str, ...] | None, targets: tuple[str, ...]) -> ScopeTest:
    """Whether the version's scope covers what was struck (``covered`` None: any target)."""
    if covered is None:
        return _ANY_TARGET
    in_scope = ", ".join(covered) or "no target at all"
    if not targets:
        return ScopeTest("targets", Coverage.UNKNOWN,
                         f"The strike's targets are not recorded; this reading covers only "
                         f"{in_scope}.")
    hit = [t for t in targets if t in covered]
    if hit:
        return ScopeTest("targets", Coverage.COVERED,
                         f"Target {', '.join(hit)} is within this reading's scope ({in_scope}).")
    return ScopeTest("targets", Coverage.NOT_COVERED,
                     f"Target {', '.join(targets)} is outside this reading's scope, "
                     f"which covers only {in_scope}.")


@lru_cache(maxsize=4096)
def region_coverage(regions: tuple[str, ...] | None, region: str | None) -> ScopeTest:
    """Whether the version's scope covers where it was struck (``regions`` None: every
    region)."""
    if regions is None:
        return _EVERY_REGION
    listed = ", ".join(regions) or "no region at all"
    if not region:
        return ScopeTest("region", Coverage.UNKNOWN,
                         f"The strike's region is not recorded; this reading covers only {listed}.")
    if region.strip().casefold() in _folded_names(regions):
        return ScopeTest("region", Coverage.COVERED, f"{region} is within this reading's regions.")
    return ScopeTest("region", Coverage.NOT_COVERED,
                     f"{region} is outside this reading's regions ({listed}).")


# ---------------------------------------------------------------------------------------
# the sweep


@dataclass(frozen=True, slots=True)
class ReadingDependence:
    """The verdict on one strike differs between readings (claimants) of one arrangement."""

    strike: Strike
    arrangement: str
    verdicts: tuple[tuple[Pause, Verdict | None], ...]  # per reading: its first record
    sentence: str


@dataclass(frozen=True, slots=True)
class StrikeAssessment:
    """Everything check-pause says about one strike."""

    strike: Strike
    findings: tuple[PauseFinding, ...]
    dependences: tuple[ReadingDependence, ...]

    def dependence_for(self, arrangement: str) -> ReadingDependence | None:
        return next((d for d in self.dependences if d.arrangement == arrangement), None)


def find_strikes_in_pauses(records: Iterable[RecordBase]) -> Iterator[StrikeAssessment]:
    """One assessment per strike with at least one finding, in time order; streamed, so a
    million strikes need not be held as findings at once."""
    strikes: list[Strike] = []
    pauses: list[Pause] = []
    for record in records:
        if isinstance(record, Strike):
            strikes.append(record)
        elif isinstance(record, Pause):
            pauses.append(record)
    if not strikes or not pauses:
        return
    strike_range = (min(s.span.start_ts for s in strikes), max(s.span.end_ts for s in strikes))
    windows = pause_windows(pauses, strike_range)
    by_id = {p.id: p for p in pauses}
    readings = _readings(pause_chains(pauses))
    strikes = _during_some_pause(strikes, windows)
    strikes.sort(key=lambda r: (r.span.start_ts, r.span.end_ts, r.id))
    for strike, overlapping in _overlapping_pairs(strikes, windows):
        per_clause: dict[str, list[WindowFacts]] = {}
        for window in overlapping:
            facts = window_facts(strike, window)
            if facts is not None:
                per_clause.setdefault(window.reading_id, []).append(facts)
        found = [finding_from_facts(strike, facts, by_id) for facts in per_clause.values()]
        assessment = strike_assessment(strike, [f for f in found if f is not None], readings)
        if assessment is not None:
            yield assessment


def strike_assessment(strike: Strike, findings: Iterable[PauseFinding],
                      readings: Mapping[str, Mapping[str, list[PauseChain]]],
                      ) -> StrikeAssessment | None:
    """The assessment of one strike from its findings (one per clause, any order), with the
    findings in severity order and the readings they make disagree; None without findings.
    ``readings`` is :func:`readings_of` the pauses."""
    ordered = tuple(sorted(findings, key=_severity_order))
    if not ordered:
        return None
    return StrikeAssessment(strike, ordered, _dependences(strike, ordered, readings))


def readings_of(pauses: Iterable[Pause]) -> dict[str, dict[str, list[PauseChain]]]:
    """Arrangement → reading (claimant, as compared) → its clauses (chains)."""
    return _readings(pause_chains(pauses))


def assess(strike: Strike, pause: Pause) -> PauseFinding:
    """The verdict on one strike against one pause record on its own (its first
    occurrence, as if it amended nothing), whose window the strike overlaps."""
    [window] = [w for w in pause_windows([pause.model_copy(update={"amends": None})])]
    facts = window_facts(strike, window)
    if facts is None:
        raise ValueError(f"the strike {strike.id!r} does not overlap the window of {pause.id!r}")
    finding = finding_from_facts(strike, [facts], {pause.id: pause})
    assert finding is not None
    return finding


def _during_some_pause(strikes: list[Strike], windows: list[PauseWindow]) -> list[Strike]:
    """The strikes that overlap at least one window (the others have nothing to be weighed
    against): only they are sorted."""
    union = WindowUnion((w.start_ts, w.end_ts) for w in windows)
    return [strike for strike in strikes if union.reach(strike.span)]


class WindowUnion:
    """The union of windows (start, end timestamps), for asking cheaply whether a span
    overlaps any."""

    def __init__(self, windows: Iterable[tuple[float, float]]):
        self._starts: list[float] = []
        self._ends: list[float] = []
        for start, end in sorted(windows):
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def reach(self, span: TimeSpan) -> bool:
        """Whether ``span`` overlaps at least one window (a bisect on the union)."""
        last = bisect_left(self._starts, span.end_ts) - 1  # the last window starting before the end
        return last >= 0 and self._ends[last] > span.start_ts


def _overlapping_pairs(strikes: list[Strike], windows: list[PauseWindow]):
    """Sweep: ``active`` holds windows started by the current strike's start and not yet
    ended; windows starting inside the strike come from a bisect on the sorted starts."""
    starts = [w.start_ts for w in windows]
    active: list[PauseWindow] = []
    following = 0
    for strike in strikes:
        s0, s1 = strike.span.start_ts, strike.span.end_ts
        while following < len(windows) and starts[following] <= s0:
            active.append(windows[following])
            following += 1
        if active:
            active = [w for w in active if w.end_ts > s0]
        later = bisect_left(starts, s1, following)
        if active or later > following:
            yield strike, active + windows[following:later]


_SEVERITY = {Verdict.VIOLATION: 0, Verdict.POSSIBLE_VIOLATION: 1, Verdict.OUTSIDE_SCOPE: 2}


def _severity_order(finding: PauseFinding) -> tuple[int, float, str]:
    start = finding.window.start_ts if finding.window else finding.pause.span.start_ts
    return (_SEVERITY[finding.verdict], start, finding.pause.id)


def _timing_reason(strike: TimeSpan, window: PauseWindow, relation: Relation, predates: bool,
                   overlapped: tuple[int, ...]) -> str:
    reason = _TIMING_REASON[relation]
    if window.occurrence is not None and relation is not Relation.SPANS_OCCURRENCES:
        reason = reason.replace("the pause window", f"occurrence {window.occurrence + 1} of "
                                "the repeated window", 1)
    if window.end_ts == math.inf:
        reason += " The window is open: in force until further notice."
    if predates and window.announced_until_ts is not None:
        when = ("ended" if window.announced_from_ts is not None
                and strike.end_ts <= window.announced_from_ts else "may have begun")
        reason += (
            f" The pause was announced {window.announced_words}; the strike {when} before "
            "that announcement, so it cannot be called a violation with certainty.")
    return reason


_TIMING_REASON = {
    Relation.INSIDE: "The strike's span lies wholly inside the pause window.",
    Relation.STRADDLES_START: "The strike's span begins before the pause window opens and "
    "ends inside it, so only part of it can fall in the pause.",
    Relation.STRADDLES_END: "The strike's span begins inside the pause window but runs past "
    "its end, so only part of it can fall in the pause.",
    Relation.COVERS_WINDOW: "The strike's span is longer than the whole pause window and "
    "contains it, so the record cannot say whether the strike fell inside it.",
    Relation.SPANS_OCCURRENCES: "The strike's span overlaps several occurrences of the "
    "repeated window and the gaps between them, so the record cannot say whether the strike "
    "fell inside one.",
}


def _span_words(span: TimeSpan) -> str:
    # only a pause's window may be open-ended; a declared_on span always has an end
    assert span.end is not None, "an announcement's span is never open-ended"
    start, end = span.start.isoformat(timespec="minutes"), span.end.isoformat(timespec="minutes")
    if span.is_interval or span.precision.is_calendar:
        return f"at a time known only as [{start}, {end}) ({span.zone_name()})"
    return f"at {start}"
def _readings(chains: Sequence[PauseChain]) -> dict[str, dict[str, list[PauseChain]]]:
    """Arrangement → reading (claimant, as compared) → its clauses (chains), in the order
    of their first records' windows."""
    out: dict[str, dict[str, list[PauseChain]]] = {}
    for chain in sorted(chains, key=lambda c: (c.first.span.start_ts, c.first.span.end_ts, c.id)):
        out.setdefault(chain.arrangement, {}).setdefault(
            chain.claimant.strip().casefold(), []).append(chain)
    return out


def reading_verdicts(findings: Sequence[PauseFinding],
                     readings: Mapping[str, list[PauseChain]],
                     ) -> list[tuple[Pause, Verdict | None]]:
    """Each reading of one arrangement (by claimant) with its verdict on the strike: the
    most severe of its clauses' findings (None: no clause's window reaches the strike);
    the reading is represented by its clause that gave that verdict, else its first."""
    return verdicts_of_readings({f.reading: f.verdict for f in findings}, readings)


def verdicts_of_readings(verdict_by_chain: Mapping[str, Verdict],
                         readings: Mapping[str, list[PauseChain]],
                         ) -> list[tuple[Pause, Verdict | None]]:
    """:func:`reading_verdicts` from each clause's verdict (by chain id)."""
    out: list[tuple[Pause, Verdict | None]] = []
    for clauses in readings.values():
        found = [(c, verdict_by_chain[c.id]) for c in clauses if c.id in verdict_by_chain]
        if found:
            chain, worst = min(found, key=lambda cv: _SEVERITY[cv[1]])
            out.append((chain.first, worst))
        else:
            out.append((clauses[0].first, None))
    return out


def dependence_words(verdict_by_chain: Mapping[str, Verdict],
                     readings: Mapping[str, list[PauseChain]]) -> str | None:
    """What the sentence saying that the verdict depends on the reading says after the
    strike's title, from each clause's verdict (by chain id) in one arrangement; None when
    the readings agree."""
    verdicts = sorted(verdicts_of_readings(verdict_by_chain, readings),
                      key=lambda pv: _SEVERITY.get(pv[1], 3))  # type: ignore[arg-type]
    if len(verdicts) > 1 and len({v for _, v in verdicts}) > 1:
        return "; ".join(_VERDICT_PHRASE[v].format(who=p.claimed_by) for p, v in verdicts) + "."
    return None


DEPENDENCE_OPENING = "The verdict depends on the reading: "


def _dependences(strike: Strike, findings: tuple[PauseFinding, ...],
                 readings: Mapping[str, Mapping[str, list[PauseChain]]],
                 ) -> tuple[ReadingDependence, ...]:
    out = []
    for arrangement in dict.fromkeys(f.arrangement for f in findings):
        of_arrangement = {f.reading: f.verdict for f in findings if f.arrangement == arrangement}
        words = dependence_words(of_arrangement, readings[arrangement])
        if words is not None:
            verdicts = tuple(sorted(verdicts_of_readings(of_arrangement, readings[arrangement]),
                                    key=lambda pv: _SEVERITY.get(pv[1], 3)))  # type: ignore[arg-type]
            out.append(ReadingDependence(strike, arrangement, verdicts,
                                         f"{DEPENDENCE_OPENING}'{strike.title}' {words}"))
    return tuple(out)


_VERDICT_PHRASE = {
    Verdict.VIOLATION: "violates the pause as described by {who}",
    Verdict.POSSIBLE_VIOLATION: "possibly violates the pause as described by {who}",
    Verdict.OUTSIDE_SCOPE: "is consistent with the reading of {who} (outside its scope)",
    None: "is consistent with the reading of {who} (its window does not reach the strike)",
}


class VerdictTally:
    """Passes assessments through while counting strikes and verdicts, so a stream of
    findings can be written and summed up in one pass without being held in memory."""

    def __init__(self, assessments: Iterable[StrikeAssessment]):
        self._assessments = assessments
        self.counts: dict[Verdict, int] = {v: 0 for v in Verdict}
        self.strikes = 0

    def __iter__(self) -> Iterator[StrikeAssessment]:
        counts = self.counts
        for assessment in self._assessments:
            self.strikes += 1
            for finding in assessment.findings:
                counts[finding.verdict] += 1
            yield assessment
