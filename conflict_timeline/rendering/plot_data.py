"""What the timeline picture shows, as plain data: launched weapons per day, one lane per
pause reading with the verdicts on the strikes it meets, and the statements and
negotiations. Pure: records in, data out; the matplotlib figure (plot.py) and the terminal
chart (chart.py) only draw it.

A strike is counted on the day (in the axis zone) that holds the middle of its span: the
report window "18:00 on the 29th to 08:00 on the 30th" is the night of the 30th, as the
news calls it. Its exact span is drawn where its verdicts are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from ..checks.pause import Verdict, find_strikes_in_pauses
from ..records import (
    Negotiation, Pause, RecordBase, Statement, Strike, TimeSpan, WeaponType, count_bounds,
    zone_label,
)
from .labels import span_label
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

    @property
    def launched(self) -> int:
        return sum(w.launched for w in self.weapons)

    @property
    def intercepted(self) -> int:
        return sum(w.intercepted for w in self.weapons)


@dataclass(frozen=True, slots=True)
class VerdictMark:
    """A strike as one pause reading sees it."""

    strike_id: str
    title: str
    span: TimeSpan
    when: str
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class PauseLane:
    pause_id: str
    claimed_by: str
    title: str
    arrangement: str
    scope: str  # "binds Russia · energy only · any region"
    window: str  # the window as a person reads it
    span: TimeSpan
    declared: TimeSpan | None
    marks: tuple[VerdictMark, ...]


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

    @property
    def zone_name(self) -> str:
        return zone_label(self.zone)

    @property
    def max_launched(self) -> int:
        return max((d.launched for d in self.days), default=0)


def plot_data(records: Sequence[RecordBase], axis_zone: tzinfo | None = None,
              label_zone: tzinfo | None = None, since: TimeSpan | None = None,
              until: TimeSpan | None = None) -> PlotData:
    """The picture of ``records`` (already filtered) on an axis of whole days in
    ``axis_zone`` (default: the zone most of the records speak in); labels name times in
    ``label_zone`` (default: each record's own). ``since``/``until`` fix the axis ends;
    otherwise it covers the strikes and pauses (or, without any, every record) with a day
    of margin on each side; statements and negotiations beyond it are counted, not drawn."""
    zone = axis_zone or dominant_zone(records)
    start, end = axis_range(records, zone, since, until)
    strikes = [r for r in records if isinstance(r, Strike)]
    days, long_spans = _day_totals(strikes, zone, start, end)
    present = {w.type for d in days for w in d.weapons}
    start_ts, end_ts = start.timestamp(), end.timestamp()
    events = {kind: [r for r in _by_time(records, kind)
                     if r.span.start_ts < end_ts and r.span.end_ts > start_ts]
              for kind in (Statement, Negotiation)}
    shown = (sum(d.strikes for d in days) + len(events[Statement]) + len(events[Negotiation]))
    return PlotData(
        zone=zone, start=start, end=end, days=days,
        pauses=_pause_lanes(records, label_zone),
        statements=tuple(_event_mark(r, label_zone) for r in events[Statement]),
        negotiations=tuple(_event_mark(r, label_zone) for r in events[Negotiation]),
        strikes=len(strikes), long_spans=long_spans,
        weapon_types=tuple(t for t in WEAPON_ORDER if t in present),
        off_axis=sum(isinstance(r, (Strike, Statement, Negotiation)) for r in records) - shown,
    )


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
    focus = [r for r in records if isinstance(r, (Strike, Pause))] or list(records)
    start_ts = since.start_ts if since else min((r.span.start_ts for r in focus), default=0.0)
    end_ts = until.end_ts if until else max((r.span.end_ts for r in focus), default=start_ts)
    first_day = datetime.fromtimestamp(start_ts, zone).date() - timedelta(0 if since else 1)
    last = datetime.fromtimestamp(end_ts, zone)
    end_day = last.date() if last == _midnight(last.date(), zone) else last.date() + timedelta(1)
    end_day += timedelta(0 if until else 1)
    return _midnight(first_day, zone), _midnight(max(end_day, first_day + timedelta(1)), zone)


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def _day_totals(strikes: list[Strike], zone: tzinfo, start: datetime,
                end: datetime) -> tuple[tuple[DayTotals, ...], int]:
    launched: dict[date, Counter[WeaponType]] = {}
    intercepted: dict[date, Counter[WeaponType]] = {}
    strike_count: Counter[date] = Counter()
    uncounted: Counter[date] = Counter()
    long_spans = 0
    for strike in strikes:
        day = strike_day(strike.span, zone)
        strike_count[day] += 1
        counted = [w for w in strike.weapons if w.launched is not None]
        if not counted:
            uncounted[day] += 1
        if strike.span.end_ts - strike.span.start_ts > DAY_SECONDS + 3600:
            long_spans += 1
        for weapon in counted:
            # a bound or range ("100+") draws what is certain: its lower bound
            fired = count_bounds(weapon.launched)[0]
            stopped = count_bounds(weapon.intercepted)[0] if weapon.intercepted is not None else 0
            launched.setdefault(day, Counter())[weapon.type] += fired
            # more intercepted than launched is a typo in the record; never draw it so
            intercepted.setdefault(day, Counter())[weapon.type] += min(stopped, fired)
    days = []
    day = start.date()
    while day < end.date():
        kinds = launched.get(day, Counter())
        weapons = tuple(WeaponCount(t, kinds[t], intercepted[day][t])
                        for t in WEAPON_ORDER if kinds.get(t))
        days.append(DayTotals(day, _midnight(day, zone), _midnight(day + timedelta(1), zone),
                              weapons, strike_count[day], uncounted[day]))
        day += timedelta(1)
    return tuple(days), long_spans


def strike_day(span: TimeSpan, zone: tzinfo) -> date:
    """The day, in ``zone``, that holds the middle of the span."""
    return datetime.fromtimestamp((span.start_ts + span.end_ts) / 2, zone).date()


def _pause_lanes(records: Sequence[RecordBase], zone: tzinfo | None) -> tuple[PauseLane, ...]:
    pauses = _by_time(records, Pause)
    marks: dict[str, list[VerdictMark]] = {p.id: [] for p in pauses}
    for assessment in find_strikes_in_pauses(records):
        strike = assessment.strike
        for finding in assessment.findings:
            marks[finding.pause.id].append(VerdictMark(
                strike.id, clean_text(strike.title), strike.span,
                span_label(strike.span, zone), finding.verdict))
    # readings of one arrangement side by side, arrangements in order of their first window
    first = {}
    for pause in pauses:
        first.setdefault(pause.arrangement_key, (pause.span.start_ts, pause.arrangement_key))
    pauses.sort(key=lambda p: first[p.arrangement_key])
    return tuple(
        PauseLane(p.id, clean_text(p.claimed_by), clean_text(p.title),
                  clean_text(p.arrangement_key), scope_words(p), span_label(p.span, zone),
                  p.span, p.declared_span, tuple(marks[p.id]))
        for p in pauses)


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
    return EventMark(record.id, record.kind, clean_text(record.title),  # type: ignore[attr-defined]
                     record.span, span_label(record.span, zone))


def _by_time(records: Sequence[RecordBase], kind: type) -> list:
    return sorted((r for r in records if isinstance(r, kind)),
                  key=lambda r: (r.span.start_ts, r.span.end_ts, r.id))
