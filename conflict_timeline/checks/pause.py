"""Strikes weighed against every reading of every pause.

Scope and party are settled first, timing second: a strike a reading plainly does not cover
is ``outside_scope`` whenever the spans overlap at all. Timing is ``certainly`` only when the
strike's span lies wholly inside the window *and* after the pause was announced; a strike
that may have begun before the announcement cannot be called a violation with certainty.

Pairs are found by a sweep over strikes and pauses sorted by start, so the cost grows with
the number of overlapping pairs (the findings), never with strikes × pauses.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from ..records import Pause, RecordBase, Strike, TimeSpan


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


class Coverage(StrEnum):
    COVERED = "covered"
    NOT_COVERED = "not_covered"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ScopeTest:
    axis: str  # "party", "targets" or "region"
    coverage: Coverage
    explanation: str


@dataclass(frozen=True, slots=True)
class PauseFinding:
    strike: Strike
    pause: Pause
    verdict: Verdict
    timing: Timing
    relation: Relation
    may_predate_announcement: bool
    scope_tests: tuple[ScopeTest, ...]
    reasons: tuple[str, ...]

    @property
    def arrangement(self) -> str:
        return self.pause.arrangement_key

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class ReadingDependence:
    """The verdict on one strike differs between readings of one arrangement."""

    strike: Strike
    arrangement: str
    verdicts: tuple[tuple[Pause, Verdict | None], ...]  # None: the window misses the strike
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
    """One assessment per strike whose span overlaps at least one pause window, in time
    order; streamed, so a million strikes need not be held as findings at once."""
    strikes: list[Strike] = []
    pauses: list[Pause] = []
    for record in records:
        if isinstance(record, Strike):
            strikes.append(record)
        elif isinstance(record, Pause):
            pauses.append(record)
    pauses.sort(key=lambda r: (r.span.start_ts, r.span.end_ts, r.id))
    strikes = _during_some_pause(strikes, pauses)
    strikes.sort(key=lambda r: (r.span.start_ts, r.span.end_ts, r.id))
    readings: dict[str, list[Pause]] = defaultdict(list)
    for pause in pauses:
        readings[pause.arrangement_key].append(pause)
    for strike, overlapping in _overlapping_pairs(strikes, pauses):
        findings = tuple(sorted((assess(strike, pause) for pause in overlapping),
                                key=_severity_order))
        yield StrikeAssessment(strike, findings, _dependences(strike, findings, readings))


def _during_some_pause(strikes: list[Strike], pauses: list[Pause]) -> list[Strike]:
    """The strikes that overlap at least one pause window (the others have nothing to be
    weighed against): only they are sorted."""
    windows = PauseWindows(pauses)
    return [strike for strike in strikes if windows.reach(strike.span)]


class PauseWindows:
    """The union of the pause windows, for asking cheaply whether a span overlaps any."""

    def __init__(self, pauses: Iterable[Pause]):
        self._starts: list[float] = []
        self._ends: list[float] = []
        for window in sorted((p.span for p in pauses), key=lambda span: span.start_ts):
            if self._ends and window.start_ts <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], window.end_ts)
            else:
                self._starts.append(window.start_ts)
                self._ends.append(window.end_ts)

    def reach(self, span: TimeSpan) -> bool:
        """Whether ``span`` overlaps at least one window (a bisect on the union)."""
        last = bisect_left(self._starts, span.end_ts) - 1  # the last window starting before the end
        return last >= 0 and self._ends[last] > span.start_ts


def _overlapping_pairs(strikes: list[Strike], pauses: list[Pause]):
    """Sweep: ``active`` holds pauses started by the current strike's start and not yet
    ended; pauses starting inside the strike come from a bisect on the sorted starts."""
    starts = [p.span.start_ts for p in pauses]
    active: list[Pause] = []
    following = 0
    for strike in strikes:
        s0, s1 = strike.span.start_ts, strike.span.end_ts
        while following < len(pauses) and starts[following] <= s0:
            active.append(pauses[following])
            following += 1
        if active:
            active = [p for p in active if p.span.end_ts > s0]
        later = bisect_left(starts, s1, following)
        if active or later > following:
            yield strike, active + pauses[following:later]


def assess(strike: Strike, pause: Pause) -> PauseFinding:
    """The verdict on one strike against one reading whose window it overlaps."""
    tests = (_party_test(strike, pause), _target_test(strike, pause), _region_test(strike, pause))
    relation = _relation(strike.span, pause.span)
    declared = pause.declared_span
    predates = declared is not None and strike.span.start_ts < declared.end_ts
    certain = relation is Relation.INSIDE and not predates
    timing = Timing.CERTAINLY if certain else Timing.POSSIBLY
    coverages = {t.coverage for t in tests}
    if Coverage.NOT_COVERED in coverages:
        verdict = Verdict.OUTSIDE_SCOPE
    elif coverages == {Coverage.COVERED} and certain:
        verdict = Verdict.VIOLATION
    else:
        verdict = Verdict.POSSIBLE_VIOLATION
    reasons = [_timing_reason(strike.span, pause, relation, predates)]
    reasons.extend(t.explanation for t in tests)
    return PauseFinding(strike, pause, verdict, timing, relation, predates, tests, tuple(reasons))


_SEVERITY = {Verdict.VIOLATION: 0, Verdict.POSSIBLE_VIOLATION: 1, Verdict.OUTSIDE_SCOPE: 2}


def _severity_order(finding: PauseFinding) -> tuple[int, float, str]:
    return (_SEVERITY[finding.verdict], finding.pause.span.start_ts, finding.pause.id)


def _relation(strike: TimeSpan, window: TimeSpan) -> Relation:
    starts_inside = strike.start_ts >= window.start_ts
    ends_inside = strike.end_ts <= window.end_ts
    if starts_inside and ends_inside:
        return Relation.INSIDE
    if ends_inside:
        return Relation.STRADDLES_START
    if starts_inside:
        return Relation.STRADDLES_END
    return Relation.COVERS_WINDOW


_TIMING_REASON = {
    Relation.INSIDE: "The strike's span lies wholly inside the pause window.",
    Relation.STRADDLES_START: "The strike's span begins before the pause window opens and "
    "ends inside it, so only part of it can fall in the pause.",
    Relation.STRADDLES_END: "The strike's span begins inside the pause window but runs past "
    "its end, so only part of it can fall in the pause.",
    Relation.COVERS_WINDOW: "The strike's span is longer than the whole pause window and "
    "contains it, so the record cannot say whether the strike fell inside it.",
}


def _timing_reason(strike: TimeSpan, pause: Pause, relation: Relation, predates: bool) -> str:
    reason = _TIMING_REASON[relation]
    declared = pause.declared_span
    if predates and declared is not None:
        when = "ended" if strike.end_ts <= declared.start_ts else "may have begun"
        reason += (
            f" The pause was announced {_span_words(declared)}; the strike {when} before that "
            "announcement, so it cannot be called a violation with certainty."
        )
    return reason


def _span_words(span: TimeSpan) -> str:
    start, end = span.start.isoformat(timespec="minutes"), span.end.isoformat(timespec="minutes")
    if span.is_interval or span.precision.is_calendar:
        return f"at a time known only as [{start}, {end}) ({span.zone_name()})"
    return f"at {start}"


@lru_cache(maxsize=4096)
def _folded_names(names: tuple[str, ...]) -> frozenset[str]:
    """Names as compared (a reading's parties or regions are weighed against every strike
    in its window: folded once)."""
    return frozenset(n.strip().casefold() for n in names)


# A reading is weighed against every strike in its window, and strikes repeat who struck,
# what and where: each test is worked out once for each such combination (the tests are
# immutable, so one is shared by all the findings it applies to).

def _party_test(strike: Strike, pause: Pause) -> ScopeTest:
    return _party_coverage(tuple(pause.binds), strike.by)


@lru_cache(maxsize=4096)
def _party_coverage(binds: tuple[str, ...], by: str | None) -> ScopeTest:
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


def _target_test(strike: Strike, pause: Pause) -> ScopeTest:
    covered = pause.scope.targets
    if covered is None:
        return _ANY_TARGET
    return _target_coverage(tuple(covered), tuple(strike.targets))


@lru_cache(maxsize=4096)
def _target_coverage(covered: tuple[str, ...], targets: tuple[str, ...]) -> ScopeTest:
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


def _region_test(strike: Strike, pause: Pause) -> ScopeTest:
    regions = pause.scope.regions
    if regions is None:
        return _EVERY_REGION
    return _region_coverage(tuple(regions), strike.location.region if strike.location else None)


@lru_cache(maxsize=4096)
def _region_coverage(regions: tuple[str, ...], region: str | None) -> ScopeTest:
    listed = ", ".join(regions) or "no region at all"
    if not region:
        return ScopeTest("region", Coverage.UNKNOWN,
                         f"The strike's region is not recorded; this reading covers only {listed}.")
    if region.strip().casefold() in _folded_names(regions):
        return ScopeTest("region", Coverage.COVERED, f"{region} is within this reading's regions.")
    return ScopeTest("region", Coverage.NOT_COVERED,
                     f"{region} is outside this reading's regions ({listed}).")


def _dependences(strike: Strike, findings: tuple[PauseFinding, ...],
                 readings: dict[str, list[Pause]]) -> tuple[ReadingDependence, ...]:
    by_pause = {f.pause.id: f.verdict for f in findings}
    out = []
    for arrangement in dict.fromkeys(f.arrangement for f in findings):
        verdicts = tuple(sorted(((p, by_pause.get(p.id)) for p in readings[arrangement]),
                                key=lambda pv: _SEVERITY.get(pv[1], 3)))
        if len(verdicts) > 1 and len({v for _, v in verdicts}) > 1:
            out.append(ReadingDependence(strike, arrangement, verdicts,
                                         _dependence_sentence(strike, verdicts)))
    return tuple(out)


_VERDICT_PHRASE = {
    Verdict.VIOLATION: "violates the pause as described by {who}",
    Verdict.POSSIBLE_VIOLATION: "possibly violates the pause as described by {who}",
    Verdict.OUTSIDE_SCOPE: "is consistent with the reading of {who} (outside its scope)",
    None: "is consistent with the reading of {who} (its window does not reach the strike)",
}


def _dependence_sentence(strike: Strike, verdicts) -> str:
    parts = [_VERDICT_PHRASE[v].format(who=p.claimed_by) for p, v in verdicts]
    return f"The verdict depends on the reading: '{strike.title}' " + "; ".join(parts) + "."


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
