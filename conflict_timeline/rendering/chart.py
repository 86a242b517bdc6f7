"""`timeline plot --terminal`: launched weapons per day as a bar chart of characters, with a
column per pause reading, for people who work over SSH. Draws :class:`PlotData`. Pause
days, verdicts and the intercepted share have glyphs of their own, so they read without
colour; only the weapon types are told apart by colour. A window that runs on past the
last day (open, or repeating until further notice) ends its column with an arrow on a row
of its own; a day a new version of a pause was announced has a glyph of its own, and the
lane's lines under the title list the versions as steps."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..checks.pause import Verdict
from ..records import WeaponType
from .plot_data import (
    CAVEAT,
    WEAPON_NAMES,
    DayTotals,
    PauseLane,
    PlotData,
    regional_notes,
    strike_day,
    window_notes,
)

WEAPON_STYLES = {
    WeaponType.DRONE: "#E69F00",
    WeaponType.BALLISTIC_MISSILE: "#D55E00",
    WeaponType.CRUISE_MISSILE: "#CC79A7",
    WeaponType.GUIDED_BOMB: "#0072B2",
    WeaponType.ARTILLERY: "#009E73",
    WeaponType.OTHER: "#999999",
}
HIT, INTERCEPTED = "█", "░"
VERDICT_GLYPHS = {  # most severe first: a day shows the worst verdict of its strikes
    Verdict.VIOLATION: ("●", "bold red"),
    Verdict.POSSIBLE_VIOLATION: ("○", "bold yellow"),
    Verdict.OUTSIDE_SCOPE: ("✓", "green"),
}
IN_FORCE, FROM, UNTIL, WITHIN = "┃", "╻", "╹", "╏"
NEW_VERSION = "╋"
RUNS_ON = "▼"
LAST_DAY = "the last day shown"
PAUSE_STYLE = "blue"
_DAY_WIDTH = 11
_FIGURES_WIDTH = 26


def render_chart(data: PlotData, width: int, title: str | None = None) -> RenderableType:
    """The chart for a terminal ``width`` columns wide."""
    lanes = data.pauses
    bar_width = max(10, width - _DAY_WIDTH - 2 * len(lanes) - _FIGURES_WIDTH - 2)
    scale = max(data.max_launched, 1) / bar_width
    table = Table(show_header=bool(lanes), box=None, pad_edge=False, padding=(0, 1, 0, 0),
                  header_style="bold")
    table.add_column("", no_wrap=True, min_width=_DAY_WIDTH - 1)
    for index, _lane in enumerate(lanes):
        table.add_column(_lane_key(index), no_wrap=True, width=1)
    table.add_column("", no_wrap=True)
    table.add_column("", no_wrap=True)
    for day in data.days:
        glyphs = [_lane_glyph(lane, day, data) for lane in lanes]
        table.add_row(Text(f"{day.start:%a} {day.day.day} {day.start:%b}"), *glyphs,
                      _bar(day, scale), _figures(day))
    if any(lane.runs_on for lane in lanes):
        table.add_row(Text("later", style="dim"),
                      *(Text(RUNS_ON if lane.runs_on else " ", style=PAUSE_STYLE)
                        for lane in lanes),
                      Text(""), Text("until further notice", style=PAUSE_STYLE))
    heading = Text(title or f"Weapons launched per day ({data.zone_name})", style="bold")
    return Group(heading, *_lane_lines(lanes), Text(""), table, Text(""), _key(data))


def _lane_key(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else "?"


def _lane_lines(lanes: tuple[PauseLane, ...]) -> list[Text]:
    lines = []
    for index, lane in enumerate(lanes):
        line = Text(f"  {_lane_key(index)} ", style="bold")
        line.append(f"pause as {lane.claimed_by} described it", style="bold")
        window = lane.versions[0].window if lane.versions else lane.window
        line.append(f": {lane.scope}; window {window}")
        lines.append(line)
        for step in lane.versions[1:]:
            lines.append(Text(f"      then {step.words}: {step.window}"))
    return lines


def _lane_glyph(lane: PauseLane, day: DayTotals, data: PlotData) -> Text:
    verdicts = {m.verdict for m in lane.marks if strike_day(m.span, data.zone) == day.day}
    for verdict, (glyph, style) in VERDICT_GLYPHS.items():
        if verdict in verdicts:
            return Text(glyph, style=style)
    start, end = day.start.timestamp(), day.end.timestamp()
    if any(step.declared is not None and start <= step.declared.start_ts < end
           for step in lane.versions[1:]):
        return Text(NEW_VERSION, style=PAUSE_STYLE)
    # any version's window, any occurrence of a repeat: the bars are cut to the axis already
    held = [(max(b.start_ts, start), min(b.end_ts, end)) for b in lane.bars
            if b.start_ts < end and b.end_ts > start]
    if not held:
        return Text(" ")
    opens = all(s > start for s, _ in held)
    closes = all(e < end for _, e in held)
    glyph = WITHIN if opens and closes else FROM if opens else UNTIL if closes else IN_FORCE
    return Text(glyph, style=PAUSE_STYLE)


def _bar(day: DayTotals, scale: float) -> Text:
    bar = Text()
    for weapon in day.weapons:
        style = WEAPON_STYLES[weapon.type]
        hit = weapon.launched - weapon.intercepted
        bar.append(HIT * _cells(hit, scale), style=style)
        bar.append(INTERCEPTED * _cells(weapon.intercepted, scale), style=style)
    return bar


def _cells(count: int, scale: float) -> int:
    """Bar cells for ``count``; a non-zero count never vanishes."""
    return 0 if count <= 0 else max(1, round(count / scale))


def _figures(day: DayTotals) -> Text:
    words = []
    if day.launched:
        words.append(f"{day.launched} ({day.intercepted} intercepted)")
    if day.uncounted:
        words.append(f"+{day.uncounted} strike{'s' if day.uncounted != 1 else ''} uncounted")
    if day.regional_launched:
        words.append(f"regional commands {day.regional_launched} (not added)")
    return Text(", ".join(words), style="dim" if not day.launched else "")


def _key(data: PlotData) -> Text:
    key = Text()
    for weapon in data.weapon_types:
        key.append(HIT, style=WEAPON_STYLES[weapon])
        key.append(f" {WEAPON_NAMES[weapon]}  ")
    if data.weapon_types:
        key.append(f"{INTERCEPTED} intercepted")
    if data.pauses:
        key.append("\n")
        key.append(IN_FORCE, style=PAUSE_STYLE)
        key.append(" pause in force (")
        key.append(FROM, style=PAUSE_STYLE)
        key.append(" from, ")
        key.append(UNTIL, style=PAUSE_STYLE)
        key.append(" until, ")
        key.append(WITHIN, style=PAUSE_STYLE)
        key.append(" within, part of the day)  ")
        if any(len(lane.versions) > 1 for lane in data.pauses):
            key.append(NEW_VERSION, style=PAUSE_STYLE)
            key.append(" new version announced  ")
        if any(lane.runs_on for lane in data.pauses):
            key.append(RUNS_ON, style=PAUSE_STYLE)
            key.append(" runs on past the last day  ")
        for verdict, (glyph, style) in VERDICT_GLYPHS.items():
            key.append(glyph, style=style)
            key.append(f" {verdict.value.replace('_', ' ')}  ")
    if not data.strikes:
        key.append("\nNo strikes in the selection.")
    key.append(f"\nA strike counts on the day ({data.zone_name}) that holds the middle of "
               "its reported span.")
    for note in window_notes(data, LAST_DAY):
        key.append(f"\n{note}")
    for note in regional_notes(data):
        key.append(f"\n{note}")
    if data.credit:
        key.append(f"\n{data.credit}")
    if data.counts_drawn:
        key.append(f"\n{CAVEAT}")
    return key
