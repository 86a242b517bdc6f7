"""What the timeline picture shows, as plain data: launched weapons per day, one lane per
pause reading with the verdicts on the strikes it meets, and the statements and
negotiations. Pure: records in, data out; the matplotlib figure (plot.py) and the terminal
chart (chart.py) only draw it.

A strike is counted on the day (in the axis zone) that holds the middle of its span: the
report window "18:00 on the 29th to 08:00 on the 30th" is the night of the 30th, as the
news calls it. Its exact span is drawn where its verdicts are.

A pause lane is one pause as announced and then changed (an ``amends`` chain): its versions
are drawn as steps, each on a row of its own. A repeated window is drawn as its occurrences
on the axis, and only those: an unbounded rule is never walked beyond the axis. An open
window (``START/..``) and a repeat until further notice run on past the right edge, and the
picture says so.

A regional air command's report whose window overlaps a national report's may count the
same weapons (see check rule D002): by default it is left out of the bars, and the picture
says how many were (:class:`RegionalCounting`). The credit line names the records' sources:
the Air Force table's licence (ODC-BY) asks for attribution wherever its figures go.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from itertools import islice

from ..checks.pause import Verdict, find_strikes_in_pauses, pause_windows, version_words
from ..checks.rules.regional_report_in_national import (
    REGIONAL,
    covering_national_reports,
    report_level,
)
from ..records import (
    Negotiation,
    Pause,
    RecordBase,
    Statement,
    Strike,
    TimeSpan,
    WeaponType,
    count_bounds,
    zone_label,
)
from ..records.pause_chains import pause_chains
from ..records.recurrence import occurrences
from .labels import span_label
from .pause_words import window_words
from .safe import clean_text

WEAPON_ORDER: tuple[WeaponType, ...] = tuple(WeaponType)
WEAPON_NAMES = {
    WeaponType.DRONE: "drones",
    WeaponType.BALLISTIC_MISSILE: "ballistic missiles",
    WeaponType.CRUISE_MISSILE: "cruise missiles",
    WeaponType.GUIDED_BOMB: "guided bombs",
    WeaponType.ARTILLERY: "artillery",
    WeaponType.OTHER: "other weapons",
}
VERDICT_WORDS = {
    Verdict.VIOLATION: "violation",
    Verdict.POSSIBLE_VIOLATION: "possible violation",
    Verdict.OUTSIDE_SCOPE: "outside scope",
}
DAY_SECONDS = 86_400
# with nothing but open windows, the axis runs this long past the latest open start
OPEN_AXIS_DAYS = 7
# a repeat with nothing else around shows its first few occurrences
FIRST_OCCURRENCES = 4
# a bounded repeat places the end of the axis by its last occurrence when it has no more
# than this many; a longer one is drawn as one that runs on (its walk stays bounded)
MOST_OCCURRENCES_FOLLOWED = 1000
OPEN_NOTE = "Open windows run on past the right edge: no end was announced (until further notice)."
REPEAT_NOTE = ("Repeated windows are drawn as their occurrences on the axis; a repeat until "
               "further notice runs on past the right edge.")
CAVEAT = "Counts are as claimed by these sources, not verified independently."


class RegionalCounting(StrEnum):
    """What the bars do with a regional command's report (tagged ``level:regional``)."""

    GAPS = "gaps"  # counted only where no national report's window overlaps its own
    SEPARATE = "separate"  # drawn as bars of their own, never added to the others
    ADD = "add"  # added to the others, as every report is its own attack


@dataclass(frozen=True, slots=True)
class WeaponCount:
    type: WeaponType
    launched: int
    intercepted: int


@dataclass(frozen=True, slots=True)
class DayTotals:
    """The strikes counted on one day of the axis: ``[start, end)`` in the axis zone."""

    day: date
    start: datetime
    end: datetime
    weapons: tuple[WeaponCount, ...] = ()  # by type in WEAPON_ORDER, only types launched
    strikes: int = 0
    uncounted: int = 0  # strikes recorded without any launch count
    regional: tuple[WeaponCount, ...] = ()  # the regional series (RegionalCounting.SEPARATE)

    @property
    def launched(self) -> int:
        return sum(w.launched for w in self.weapons)

    @property
    def intercepted(self) -> int:
        return sum(w.intercepted for w in self.weapons)

    @property
    def regional_launched(self) -> int:
        return sum(w.launched for w in self.regional)


@dataclass(frozen=True, slots=True)
class VerdictMark:
    """A strike as one pause reading sees it."""

    strike_id: str
    title: str
    span: TimeSpan
    when: str
    verdict: Verdict
    version: int = 0  # the version of the pause that gave the verdict (0: the first)


@dataclass(frozen=True, slots=True)
class WindowBar:
    """A stretch of a lane's window that the axis shows: one occurrence of one version, cut
    to the axis."""

    version: int  # 0 for the first record, 1 for the version that amends it, …
    version_id: str
    occurrence: int | None  # None for a window that does not repeat
    start_ts: float
    end_ts: float  # never beyond the axis
    open: bool = False  # no end at all: in force until further notice
    cut: bool = False  # the window goes on past the axis's right edge


@dataclass(frozen=True, slots=True)
class VersionStep:
    """One version of a pause: the first as announced, then each that amends it."""

    version_id: str
    words: str  # "as first announced", "as extended on 2 Jun 2022"
    window: str  # its window as a person reads it (with its repeat)
    declared: TimeSpan | None
    title: str


@dataclass(frozen=True, slots=True)
class PauseLane:
    """One pause as announced and then changed (the versions of an ``amends`` chain)."""

    pause_id: str  # the chain's first record
    claimed_by: str
    title: str
    arrangement: str
    scope: str  # "binds Russia · energy only · any region" (the latest version's)
    window: str  # the window as a person reads it (the latest version's)
    span: TimeSpan  # the first record's window
    declared: TimeSpan | None  # the first record's announcement
    marks: tuple[VerdictMark, ...]
    versions: tuple[VersionStep, ...] = ()
    bars: tuple[WindowBar, ...] = ()
    runs_on: bool = False  # the latest version goes on past the right edge: open or repeating
    repeats: bool = False  # some version repeats (drawn as its occurrences)

    @property
    def open(self) -> bool:
        return any(bar.open for bar in self.bars)


@dataclass(frozen=True, slots=True)
class EventMark:
    """A statement or a negotiation, for a labelled marker."""

    record_id: str
    kind: str
    label: str
    span: TimeSpan
    when: str


@dataclass(frozen=True, slots=True)
class PlotData:
    zone: tzinfo
    start: datetime  # the axis: whole days in ``zone``
    end: datetime
    days: tuple[DayTotals, ...]
    pauses: tuple[PauseLane, ...]
    statements: tuple[EventMark, ...]
    negotiations: tuple[EventMark, ...]
    strikes: int
    long_spans: int = 0  # strikes counted on one day though their span is longer than a day
    weapon_types: tuple[WeaponType, ...] = ()
    off_axis: int = 0  # selected strikes, statements, negotiations the axis does not show
    regional: RegionalCounting = RegionalCounting.GAPS
    regional_reports: int = 0  # regional commands' reports on the axis
    regional_covered: int = 0  # of them, those a national report's window overlaps
    credit: str = ""  # "Source: … via …": who the drawn records cite
    bin: str = "day"  # what one bar counts: "day", "week" or "month" (see binned)

    @property
    def zone_name(self) -> str:
        return zone_label(self.zone)

    @property
    def max_launched(self) -> int:
        return max((max(d.launched, d.regional_launched) for d in self.days), default=0)

    @property
    def counts_drawn(self) -> bool:
        return any(d.weapons or d.regional for d in self.days)

    def occurrence_bars(self) -> int:
        """How many occurrences of repeated windows the lanes draw."""
        return sum(bar.occurrence is not None for lane in self.pauses for bar in lane.bars)


def window_notes(data: PlotData, edge: str = "the right edge") -> list[str]:
    """What the lanes do with open and repeated windows, when they hold any."""
    notes = []
    if any(lane.open for lane in data.pauses):
        notes.append(OPEN_NOTE.replace("the right edge", edge))
    if any(lane.repeats for lane in data.pauses):
        notes.append(REPEAT_NOTE.replace("the right edge", edge))
    return notes


def plot_data(records: Sequence[RecordBase], axis_zone: tzinfo | None = None,
              label_zone: tzinfo | None = None, since: TimeSpan | None = None,
              until: TimeSpan | None = None,
              regional: RegionalCounting = RegionalCounting.GAPS) -> PlotData:
    """The picture of ``records`` (already filtered) on an axis of whole days in
    ``axis_zone`` (default: the zone most of the records speak in); labels name times in
    ``label_zone`` (default: each record's own). ``since``/``until`` fix the axis ends;
    otherwise it covers the strikes and pauses (or, without any, every record) with a day
    of margin on each side; statements and negotiations beyond it are counted, not drawn.
    ``regional`` says what the bars do with regional commands' reports."""
    zone = axis_zone or dominant_zone(records)
    start, end = axis_range(records, zone, since, until)
    start_ts, end_ts = start.timestamp(), end.timestamp()
    strikes = [r for r in records if isinstance(r, Strike)]
    on_axis = [s for s in strikes if start_ts <= _middle(s.span) < end_ts]
    # national reports just off the axis still cover a regional report on it
    covered = covering_national_reports(strikes)
    regionals = [s for s in on_axis if report_level(s) == REGIONAL]
    if regional is RegionalCounting.GAPS:
        left_out = {s.id for s in regionals if s.id in covered}
        apart: set[str] = set()
    elif regional is RegionalCounting.SEPARATE:
        left_out, apart = set(), {s.id for s in regionals}
    else:
        left_out, apart = set(), set()
    days, long_spans = _day_totals(strikes, zone, start, end, left_out, apart)
    present = {w.type for d in days for w in (*d.weapons, *d.regional)}
    events = {kind: [r for r in _by_time(records, kind)
                     if r.span.start_ts < end_ts and r.span.end_ts > start_ts]
              for kind in (Statement, Negotiation)}
    shown = (sum(d.strikes for d in days) + len(events[Statement]) + len(events[Negotiation]))
    drawn = [*on_axis, *(r for r in records if isinstance(r, Pause)),
             *events[Statement], *events[Negotiation]]
    return PlotData(
        zone=zone, start=start, end=end, days=days,
        pauses=_pause_lanes(records, label_zone, start_ts, end_ts),
        statements=tuple(_event_mark(r, label_zone) for r in events[Statement]),
        negotiations=tuple(_event_mark(r, label_zone) for r in events[Negotiation]),
        strikes=len(strikes), long_spans=long_spans,
        weapon_types=tuple(t for t in WEAPON_ORDER if t in present),
        off_axis=sum(isinstance(r, (Strike, Statement, Negotiation)) for r in records) - shown,
        regional=regional, regional_reports=len(regionals),
        regional_covered=sum(s.id in covered for s in regionals),
        credit=source_credit(drawn),
    )


_VIA = re.compile(r",?\s+via\s+", re.IGNORECASE)
_POST = re.compile(r"\s+posts?$", re.IGNORECASE)
_MOST_CREDITS = 6


def source_credit(records: Iterable[RecordBase]) -> str:
    """A credit line for the sources ``records`` cite: "Source: Ukrainian Air Force
    (kpszsu) and Air Command South (PvKPivden) via <data set>". A source named "A via B"
    (as importers write them) is credited to B with A as its originator; data sets come
    first (their licences ask for attribution), then the most-cited other sources."""
    via: dict[str, Counter[str]] = {}
    plain: Counter[str] = Counter()
    for record in records:
        for source in getattr(record, "sources", None) or ():
            name = clean_text(" ".join(source.name.split()))
            originator, dataset = _split_via(name)
            if dataset:
                via.setdefault(dataset, Counter())[_POST.sub("", originator)] += 1
            else:
                plain[name] += 1
    parts = [f"{_and(_most_cited(origins, 'other account'))} via {dataset}"
             for dataset, origins in via.items()]
    parts += [name for name, _ in plain.most_common()]
    if not parts:
        return ""
    more = len(parts) - _MOST_CREDITS
    if more > 0:
        parts = [*parts[:_MOST_CREDITS], f"{more} more (timeline show lists each record's)"]
    return f"Source{'s' if len(parts) > 1 else ''}: " + "; ".join(parts) + "."


def _split_via(name: str) -> tuple[str, str]:
    pieces = _VIA.split(name, maxsplit=1)
    if len(pieces) == 2 and pieces[0] and pieces[1]:
        return pieces[0], pieces[1]
    return name, ""


def _most_cited(names: Counter[str], other: str, most: int = 4) -> list[str]:
    ranked = [name for name, _ in names.most_common()]
    if len(ranked) <= most:
        return ranked
    rest = len(ranked) - most + 1
    return [*ranked[:most - 1], f"{rest} {other}s"]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def binned(data: PlotData, unit: str) -> PlotData:
    """``data`` with one bar per calendar week (Monday to Sunday) or month instead of per
    day; bins at the ends of the axis hold only the axis's days."""
    if unit == "day" or data.bin != "day":
        return data
    if unit not in ("week", "month"):
        raise ValueError(f"unknown bin {unit!r}")
    groups: dict[date, list[DayTotals]] = {}
    for day in data.days:
        first = day.day - timedelta(day.day.weekday()) if unit == "week" else day.day.replace(day=1)
        groups.setdefault(first, []).append(day)
    bins = []
    for first, days in groups.items():
        bins.append(DayTotals(
            first, days[0].start, days[-1].end,
            _summed(w for d in days for w in d.weapons), sum(d.strikes for d in days),
            sum(d.uncounted for d in days), _summed(w for d in days for w in d.regional)))
    return replace(data, days=tuple(bins), bin=unit)


def bin_for(days: int, axis_pixels: float, fewest_pixels: float = 4.0) -> str:
    """The finest of day, week, month whose bars get ``fewest_pixels`` of axis each."""
    per_day = axis_pixels / max(days, 1)
    if per_day >= fewest_pixels:
        return "day"
    return "week" if per_day * 7 >= fewest_pixels else "month"


def _summed(counts: Iterable[WeaponCount]) -> tuple[WeaponCount, ...]:
    launched: Counter[WeaponType] = Counter()
    intercepted: Counter[WeaponType] = Counter()
    for count in counts:
        launched[count.type] += count.launched
        intercepted[count.type] += count.intercepted
    return tuple(WeaponCount(t, launched[t], intercepted[t]) for t in WEAPON_ORDER
                 if launched.get(t))


def regional_notes(data: PlotData) -> list[str]:
    """What the bars did with regional air commands' reports, when there are any."""
    total, covered = data.regional_reports, data.regional_covered
    if not total:
        return []
    reports = _count(total, "regional air command report")
    if data.regional is RegionalCounting.GAPS:
        if not covered:
            return [f"{reports} counted: no national report's window overlaps theirs."]
        return [f"Regional air commands' reports are counted only where no national report "
                f"covers their window: {covered:,} of {total:,} are left out, as they may count "
                "the same weapons (--regional separate draws them apart)."]
    if data.regional is RegionalCounting.SEPARATE:
        return [f"{reports} drawn apart from the others and not added to "
                f"them: {covered:,} of them overlap a national report's window and may count the "
                "same weapons."]
    return [f"National and regional reports are added together: {covered:,} of {reports} "
            "overlap a national report's window and may count the same weapons twice."]


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' if n != 1 else ''}"


def _middle(span: TimeSpan) -> float:
    return (span.start_ts + span.end_ts) / 2


def dominant_zone(records: Sequence[RecordBase]) -> tzinfo:
    """The zone most records speak in; on a tie, the one met first."""
    zones: dict[str, tzinfo] = {}
    counts: Counter[str] = Counter()
    for record in records:
        name = record.span.zone_name()
        zones.setdefault(name, record.span.zone)
        counts[name] += 1
    if not counts:
        from ..records import zone_from_name

        return zone_from_name("UTC")
    best = max(counts.values())
    return zones[next(name for name in zones if counts[name] == best)]


def axis_range(records: Sequence[RecordBase], zone: tzinfo, since: TimeSpan | None,
               until: TimeSpan | None) -> tuple[datetime, datetime]:
    """The axis: whole days in ``zone`` from ``since`` (else a day before the first strike or
    pause) to ``until`` (else a day after the last end, see :func:`natural_end`)."""
    focus: list[RecordBase] = [r for r in records if isinstance(r, (Strike, Pause))]
    focus = focus or list(records)
    start_ts = since.start_ts if since else min((r.span.start_ts for r in focus), default=0.0)
    end_ts = until.end_ts if until else natural_end(focus, start_ts)
    first_day = datetime.fromtimestamp(start_ts, zone).date() - timedelta(0 if since else 1)
    last = datetime.fromtimestamp(end_ts, zone)
    end_day = last.date() if last == _midnight(last.date(), zone) else last.date() + timedelta(1)
    end_day += timedelta(0 if until else 1)
    return _midnight(first_day, zone), _midnight(max(end_day, first_day + timedelta(1)), zone)


def natural_end(records: Sequence[RecordBase], default: float) -> float:
    """Where the records end, for the axis: the last end among them (an open window counts
    by its start, a repeat until further notice by its first occurrence, a bounded repeat by
    its last); if nothing there has an end, a week after the latest open start, or a repeat's
    first few occurrences."""
    ends: list[float] = []
    reach: list[float] = []  # for those that run on: how far the axis would show them
    closed = False  # some record has an end of its own
    for record in records:
        span = record.span
        repeat = record.repeat if isinstance(record, Pause) else None
        if repeat:
            followed = list(islice(occurrences(repeat, span, -math.inf, math.inf),
                                   MOST_OCCURRENCES_FOLLOWED + 1))
            if len(followed) <= MOST_OCCURRENCES_FOLLOWED:  # it ends (COUNT, UNTIL)
                ends.append(followed[-1].end_ts)
                closed = True
                continue
            ends.append(span.end_ts)
            reach.append(max(followed[FIRST_OCCURRENCES - 1].end_ts,
                             span.start_ts + OPEN_AXIS_DAYS * DAY_SECONDS))
        elif math.isinf(span.end_ts):
            ends.append(span.start_ts)  # on the axis, running on past its edge
            reach.append(span.start_ts + OPEN_AXIS_DAYS * DAY_SECONDS)
        else:
            ends.append(span.end_ts)
            closed = True
    if reach and not closed:
        return max(reach)
    return max(ends, default=default)


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def _day_totals(strikes: list[Strike], zone: tzinfo, start: datetime, end: datetime,
                left_out: set[str], apart: set[str]) -> tuple[tuple[DayTotals, ...], int]:
    """Per day: the counted strikes' weapons, and (for the ids in ``apart``) the regional
    series; strikes in ``left_out`` add nothing."""
    series: dict[bool, tuple[dict[date, Counter[WeaponType]], dict[date, Counter[WeaponType]]]]
    series = {False: ({}, {}), True: ({}, {})}
    strike_count: Counter[date] = Counter()
    uncounted: Counter[date] = Counter()
    long_spans = 0
    for strike in strikes:
        day = strike_day(strike.span, zone)
        strike_count[day] += 1
        if strike.span.end_ts - strike.span.start_ts > DAY_SECONDS + 3600:
            long_spans += 1
        if strike.id in left_out:
            continue
        counted = [(w, w.launched) for w in strike.weapons if w.launched is not None]
        if not counted:
            uncounted[day] += 1
        launched, intercepted = series[strike.id in apart]
        for weapon, launched_count in counted:
            # a bound or range ("100+") draws what is certain: its lower bound
            fired = count_bounds(launched_count)[0]
            stopped = count_bounds(weapon.intercepted)[0] if weapon.intercepted is not None else 0
            launched.setdefault(day, Counter())[weapon.type] += fired
            # more intercepted than launched is a typo in the record; never draw it so
            intercepted.setdefault(day, Counter())[weapon.type] += min(stopped, fired)

    def counts(regional: bool, day: date) -> tuple[WeaponCount, ...]:
        launched, intercepted = series[regional]
        kinds = launched.get(day, Counter())
        return tuple(WeaponCount(t, kinds[t], intercepted[day][t])
                     for t in WEAPON_ORDER if kinds.get(t))

    days = []
    day = start.date()
    while day < end.date():
        days.append(DayTotals(day, _midnight(day, zone), _midnight(day + timedelta(1), zone),
                              counts(False, day), strike_count[day], uncounted[day],
                              counts(True, day)))
        day += timedelta(1)
    return tuple(days), long_spans


def strike_day(span: TimeSpan, zone: tzinfo) -> date:
    """The day, in ``zone``, that holds the middle of the span."""
    return datetime.fromtimestamp((span.start_ts + span.end_ts) / 2, zone).date()


def _pause_lanes(records: Sequence[RecordBase], zone: tzinfo | None, axis_start: float,
                 axis_end: float) -> tuple[PauseLane, ...]:
    """One lane per pause (its versions as steps), with the verdicts on the strikes it meets
    and its windows on the axis: every occurrence of a repeat there, and no other."""
    pauses = _by_time(records, Pause)
    chains = pause_chains(pauses)
    version_of = {v.id: (chain.id, index) for chain in chains
                  for index, v in enumerate(chain.versions)}
    marks: dict[str, list[VerdictMark]] = {chain.id: [] for chain in chains}
    for assessment in find_strikes_in_pauses(records):
        strike = assessment.strike
        for finding in assessment.findings:
            lane, version = version_of[finding.pause.id]
            marks[lane].append(VerdictMark(
                strike.id, clean_text(strike.title), strike.span,
                span_label(strike.span, zone), finding.verdict, version))
    bars: dict[str, list[WindowBar]] = {chain.id: [] for chain in chains}
    for window in pause_windows(pauses, (axis_start, axis_end)):
        if window.end_ts <= axis_start or window.start_ts >= axis_end:
            continue
        lane, version = version_of[window.version_id]
        bars[lane].append(WindowBar(
            version, window.version_id, window.occurrence, max(window.start_ts, axis_start),
            min(window.end_ts, axis_end), math.isinf(window.end_ts), window.end_ts > axis_end))
    # readings of one arrangement side by side, arrangements in order of their first window
    first: dict[str, tuple[float, str]] = {}
    for chain in sorted(chains, key=lambda c: (c.first.span.start_ts, c.id)):
        first.setdefault(chain.arrangement, (chain.first.span.start_ts, chain.arrangement))
    chains.sort(key=lambda c: (first[c.arrangement], c.first.span.start_ts, c.id))
    lanes = []
    for chain in chains:
        latest = chain.versions[-1]
        steps = tuple(
            VersionStep(v.id, version_words(chain.versions[i - 1] if i else None, v)
                        or "as first announced", clean_text(window_words(v, zone)),
                        v.declared_span, clean_text(v.title))
            for i, v in enumerate(chain.versions))
        window_text = steps[-1].window + (f" ({steps[-1].words})" if len(steps) > 1 else "")
        lanes.append(PauseLane(
            chain.id, clean_text(chain.claimant), clean_text(chain.first.title),
            clean_text(chain.arrangement), scope_words(latest), window_text, chain.first.span,
            chain.first.declared_span, tuple(marks[chain.id]), steps,
            tuple(sorted(bars[chain.id], key=lambda b: (b.version, b.start_ts))),
            _runs_on(latest, axis_end), any(v.repeat for v in chain.versions)))
    return tuple(lanes)


def _runs_on(pause: Pause, axis_end: float) -> bool:
    """Whether the version goes on past the axis's end: open, or repeating beyond it."""
    if pause.repeat is None:
        return pause.span.end_ts > axis_end
    # the rule is walked only up to the first occurrence past the axis, never further
    return next(occurrences(pause.repeat, pause.span, axis_end, math.inf), None) is not None


def scope_words(pause: Pause) -> str:
    """Who and what a reading restrains, in a few words: "binds Russia · energy only"."""
    binds = "binds " + ", ".join(pause.binds) if pause.binds else "binds nobody"
    targets = pause.scope.targets
    if targets is None:
        target_words = "any target"
    else:
        names = ", ".join(t.value.replace("_", " ") for t in targets)
        target_words = f"{names} only" if len(targets) == 1 else f"targets: {names}"
    regions = pause.scope.regions
    region_words = "any region" if regions is None else "regions: " + ", ".join(regions)
    return clean_text(" · ".join((binds, target_words, region_words)))


def _event_mark(record: RecordBase, zone: tzinfo | None) -> EventMark:
    return EventMark(record.id, record.kind, clean_text(record.title),
                     record.span, span_label(record.span, zone))


def _by_time(records: Sequence[RecordBase], kind: type) -> list:
    return sorted((r for r in records if isinstance(r, kind)),
                  key=lambda r: (r.span.start_ts, r.span.end_ts, r.id))
