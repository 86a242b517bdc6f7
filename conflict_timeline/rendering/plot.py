"""The timeline picture, drawn with matplotlib from :class:`PlotData`.

One time axis, top to bottom: weapons launched per day (stacked by type; the intercepted
part hatched), one lane per pause (its window shaded, its announcement hatched, a mark for
every strike it meets: filled = violation, hollow = possible violation, a grey tick =
outside its scope), then the statements and the negotiations as labelled spans. A pause's
versions are steps, one row each, the first at the bottom; a repeat is its occurrences on
the axis; an open window runs to the right edge with an arrow and "until further notice".

Output is deterministic: one bundled font (DejaVu Sans, shipped with matplotlib), a fixed
SVG id salt, no dates or software versions in the metadata. Text stays text in SVG, so a
newsroom can edit or search it. This module imports matplotlib; import it lazily.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import matplotlib
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.textpath import text_to_path
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..checks.pause import Verdict
from ..records import WeaponType
from .plot_data import (
    CAVEAT,
    VERDICT_WORDS,
    WEAPON_NAMES,
    EventMark,
    PauseLane,
    PlotData,
    VerdictMark,
    bin_for,
    binned,
    regional_notes,
    window_notes,
)

FORMATS = ("png", "svg")
FIGURE_WIDTH = 10.0  # inches: the layout is the same at every pixel width, only sharper
DEFAULT_WIDTH_PX = 1600

_STYLE = {
    # the bundled font draws the PNG; an SVG names it first, then the usual sans-serif ones
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 9,
    "svg.fonttype": "none",  # text stays text: searchable, editable, accessible
    "svg.hashsalt": "conflict-timeline",
    "date.epoch": "1970-01-01T00:00:00",
    "hatch.linewidth": 0.8,
    "text.usetex": False,
}
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": "conflict-timeline"},
}

INK = "#222222"
MUTED = "#666666"
GRID = "#e4e4e4"
PAUSE_FILL = "#cfe3f3"
PAUSE_EDGE = "#3a7ab8"
OLD_VERSION_FILL = "#e8f1f8"  # a version a later one replaced
# Okabe–Ito: told apart by people with the common colour-vision deficiencies
WEAPON_COLORS = {
    WeaponType.DRONE: "#E69F00",
    WeaponType.BALLISTIC_MISSILE: "#D55E00",
    WeaponType.CRUISE_MISSILE: "#CC79A7",
    WeaponType.GUIDED_BOMB: "#0072B2",
    WeaponType.ARTILLERY: "#009E73",
    WeaponType.OTHER: "#999999",
}
VERDICT_COLOR = "#b2182b"
NEUTRAL = "#8a8a8a"
KIND_COLORS = {"statement": "#2b6c8f", "negotiation": "#7b3f8c"}
KIND_MARKERS = {"statement": "o", "negotiation": "D"}
KIND_HEADINGS = {"statement": "Statements", "negotiation": "Negotiations"}

REGIONAL_EDGE = "#555555"
BIN_WORDS = {"day": "day", "week": "week", "month": "month"}

# layout, in inches
_MARGIN_LEFT, _MARGIN_RIGHT = 0.62, 0.3
_HEADER, _GAP = 1.0, 0.1
_LEGEND_ROW = 0.19  # one more row of the weapon key, when it does not fit on one
_TICKS, _MARKER_KEY, _NOTE_LINE, _BOTTOM = 0.46, 0.24, 7 * 1.3 / 72, 0.1
_BARS, _BARS_EMPTY, _PAUSE_LANE = 2.5, 0.7, 0.82
_BARS_MIN = 0.9
# a pause lane from the top: heading, scope line, the announcement strip, the window band
_LANE_HEADING, _LANE_SCOPE, _LANE_STRIP, _LANE_BAND_MIN = 0.17, 0.15, 0.1, 0.2
_LANE_MIN = _LANE_HEADING + _LANE_SCOPE + 0.03 + _LANE_STRIP + _LANE_BAND_MIN + 0.03
# each version after the first: a row more, tall enough for its words
_STEP_ROW, _STEP_ROW_MIN = 0.17, 0.13
_STEP_LABEL_SIZE = 7.0
_EVENT_HEAD, _EVENT_ROW = 0.3, 0.21
_LABEL_SIZE = 7.8
_MAX_EVENT_ROWS = 14
_MIN_EVENT_ROWS = 2
_FEWEST_BAR_PIXELS = 4.0


class PictureTooSmall(ValueError):
    """The size asked for cannot hold the picture's words without overlapping them."""

    def __init__(self, size: tuple[int, int], height_px: int):
        self.size, self.height_px = size, height_px
        super().__init__(f"{size[0]}x{size[1]} pixels is too flat for this picture: at "
                         f"{size[0]} pixels wide it needs at least {height_px} pixels of "
                         f"height to keep its words apart")


def render_image(data: PlotData, fmt: str, title: str | None = None,
                 size: tuple[int, int] | None = None) -> bytes:
    """The picture as PNG or SVG bytes, ``size`` pixels (width, height; default 1600 wide
    and as tall as the lanes need). An SVG gets the same size in CSS pixels."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}")
    with _drawing():
        figure, dpi = _figure(data, title, size)
        height = figure.get_figheight()
        out = io.BytesIO()
        if fmt == "png":  # a quarter pixel more, so float rounding never loses the last row
            figure.set_size_inches(FIGURE_WIDTH + 0.25 / dpi, height + 0.25 / dpi)
        figure.savefig(out, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    image = out.getvalue()
    if fmt == "svg":
        image = _svg_in_pixels(image, round(FIGURE_WIDTH * dpi), int(height * dpi + 0.25))
    return image


def render_figure(data: PlotData, title: str | None = None,
                  size: tuple[int, int] | None = None) -> Figure:
    """The matplotlib figure :func:`render_image` saves, laid out for ``size`` (its dpi
    makes it that many pixels), for a caller that wants to look inside it."""
    with _drawing():
        figure, dpi = _figure(data, title, size)
        figure.set_dpi(dpi)
        figure.draw_without_rendering()
    return figure


def _drawing():
    from contextlib import ExitStack

    stack = ExitStack()
    stack.enter_context(matplotlib.rc_context(_STYLE))
    stack.enter_context(warnings.catch_warnings())
    # a glyph DejaVu Sans lacks (CJK, say) shows as a box; no warning per glyph
    warnings.filterwarnings("ignore", message="Glyph .* missing from")
    return stack


def _figure(data: PlotData, title: str | None,
            size: tuple[int, int] | None) -> tuple[Figure, float]:
    width_px = size[0] if size else DEFAULT_WIDTH_PX
    dpi = width_px / FIGURE_WIDTH
    # bars about a pixel wide say nothing: a week's or a month's total instead
    data = binned(data, bin_for(len(data.days), _axis_width() * dpi, _FEWEST_BAR_PIXELS))
    height = size[1] / dpi if size else natural_height(data)
    if height < minimum_height(data) - 1e-9:
        assert size is not None
        raise PictureTooSmall(size, int(minimum_height(data) * dpi + 0.999))
    figure = build_figure(data, title, height)
    FigureCanvasAgg(figure)
    return figure, dpi


def _svg_in_pixels(svg: bytes, width: int, height: int) -> bytes:
    """matplotlib sizes an SVG in points; say the pixel size asked for (the viewBox keeps
    the drawing's own units, so it scales exactly as the PNG does)."""
    return re.sub(rb'<svg ([^>]*?)width="[\d.]+pt" height="[\d.]+pt"',
                  rb'<svg \1width="%d" height="%d"' % (width, height), svg, count=1)


# ---------------------------------------------------------------------------------------
# layout


@dataclass(frozen=True, slots=True)
class _Panel:
    kind: str  # "bars", "pause", "statement", "negotiation"
    height: float
    minimum: float  # the least height that keeps its words apart
    lane: PauseLane | None = None
    events: tuple[EventMark, ...] = ()
    rows: tuple[int, ...] = ()


def natural_height(data: PlotData) -> float:
    return (header_height(data) + footer_height(data)
            + sum(p.height + _GAP for p in _panels(data)))


def minimum_height(data: PlotData) -> float:
    """The least height, in inches, at which no two texts of the picture overlap."""
    return (header_height(data) + footer_height(data)
            + sum(p.minimum + _GAP for p in _panels(data)))


def _panels(data: PlotData) -> list[_Panel]:
    bars = _BARS if data.strikes else _BARS_EMPTY
    panels = [_Panel("bars", bars, min(bars, _BARS_MIN))]
    panels += [_Panel("pause", _PAUSE_LANE + _STEP_ROW * _extra_steps(lane),
                      _LANE_MIN + _STEP_ROW_MIN * _extra_steps(lane), lane=lane)
               for lane in data.pauses]
    for kind, events in (("statement", data.statements), ("negotiation", data.negotiations)):
        if events:
            rows = _pack_rows(data, events)
            shown_rows = min(max(rows) + 1, _MAX_EVENT_ROWS)
            panels.append(_Panel(kind, _EVENT_HEAD + _EVENT_ROW * shown_rows,
                                 _EVENT_HEAD + _EVENT_ROW * min(shown_rows, _MIN_EVENT_ROWS),
                                 events=events, rows=rows))
    return panels


def _extra_steps(lane: PauseLane) -> int:
    return max(0, len(lane.versions) - 1)


def build_figure(data: PlotData, title: str | None, height: float) -> Figure:
    figure = Figure(figsize=(FIGURE_WIDTH, height))
    panels = _panels(data)
    header = header_height(data)
    heights = _fit_heights(panels, height - header - footer_height(data))
    x0, x1 = _num(data.start), _num(data.end)
    width = FIGURE_WIDTH - _MARGIN_LEFT - _MARGIN_RIGHT
    top = height - header
    axes: list[Axes] = []
    for panel, panel_height in zip(panels, heights, strict=True):
        bottom = top - panel_height
        ax = figure.add_axes((_MARGIN_LEFT / FIGURE_WIDTH, bottom / height,
                              width / FIGURE_WIDTH, panel_height / height),
                             sharex=axes[0] if axes else None)
        ax.set_xlim(x0, x1)
        if panel.kind in ("statement", "negotiation"):
            # as many rows as its height holds; the rest are counted, not drawn
            rows = max(1, int((panel_height - _EVENT_HEAD) / _EVENT_ROW + 1e-6))
            panel = _Panel(panel.kind, panel_height, panel.minimum, events=panel.events,
                           rows=panel.rows)
            _events(ax, data, panel, min(rows, _MAX_EVENT_ROWS))
        else:
            _DRAW[panel.kind](ax, data, panel)
        axes.append(ax)
        top = bottom - _GAP
    _time_axis(axes, data)
    _header(figure, data, title, height)
    _footer(figure, data)
    return figure


def _fit_heights(panels: list[_Panel], room: float) -> list[float]:
    """Panel heights for ``room`` inches (gaps included): the bar chart gives or takes
    first, down to its minimum; then the lanes shrink alike towards theirs, never below."""
    room -= _GAP * len(panels)
    others = sum(p.height for p in panels[1:])
    bars = room - others
    if bars >= panels[0].minimum:
        return [bars] + [p.height for p in panels[1:]]
    spare = room - panels[0].minimum - sum(p.minimum for p in panels[1:])
    slack = sum(p.height - p.minimum for p in panels[1:])
    share = max(0.0, min(1.0, spare / slack)) if slack else 0.0
    return [panels[0].minimum] + [p.minimum + (p.height - p.minimum) * share
                                  for p in panels[1:]]


def _num(moment: datetime) -> float:
    return _ts(moment.timestamp())


# ---------------------------------------------------------------------------------------
# panels


def _bars(ax: Axes, data: PlotData, panel: _Panel) -> None:
    _plain(ax, left_spine=True)
    ax.set_gid("strike-intensity")
    # every window on the axis (each occurrence of a repeat), once however many lanes share it
    for start, end in dict.fromkeys((b.start_ts, b.end_ts) for p in data.pauses for b in p.bars):
        ax.axvspan(_ts(start), _ts(end), color=PAUSE_FILL, alpha=0.55, lw=0, zorder=0)
    if not data.strikes:
        ax.set_yticks([])
        ax.text(0.5, 0.5, "No strikes in the selection", transform=ax.transAxes,
                ha="center", va="center", color=MUTED)
        return
    separate = any(d.regional for d in data.days)
    # each bar spans its day (week, month): a bar is the whole of the time it counts
    share = 0.38 if separate else 0.76
    lefts = [_num(d.start) + 0.12 * (_num(d.end) - _num(d.start)) for d in data.days]
    widths = [share * (_num(d.end) - _num(d.start)) for d in data.days]
    hatch = "////" if len(data.days) <= 60 else None
    _stacked(ax, data, lefts, widths, "weapons", hatch)
    if separate:
        regional_lefts = [left + width for left, width in zip(lefts, widths, strict=True)]
        _stacked(ax, data, regional_lefts, widths, "regional", hatch, edge=REGIONAL_EDGE)
    peak = max(data.max_launched, 1)
    # room above the tallest bar for its two-line label, whatever the panel's height
    panel_inches = _height_inches(ax)
    ax.set_ylim(0, peak / max(0.4, 1 - 0.36 / panel_inches))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.grid(axis="y", color=GRID, lw=0.8, zorder=0)
    ax.set_ylabel("weapons launched" + ("" if data.bin == "day" else f" per {data.bin}"),
                  color=MUTED)
    middles = [left + width / 2 for left, width in zip(lefts, widths, strict=True)]
    if len(data.days) <= 21 and not separate:
        slot = _axis_width() / len(data.days)
        labels = [(day, middle) for day, middle in zip(data.days, middles, strict=True)
                  if day.launched]
        widest = max((_text_inches(f"{d.intercepted:,} intercepted", 7) for d, _ in labels),
                     default=0)
        if widest > slot * 0.96:  # neighbours' labels would touch: only the tallest
            labels = [max(labels, key=lambda item: item[0].launched)] if labels else []
        for day, middle in labels:
            _bar_label(ax, middle, day.launched, day.intercepted)
    uncounted = [m for d, m in zip(data.days, middles, strict=True) if d.uncounted]
    if uncounted:
        ax.plot(uncounted, [0] * len(uncounted), ls="none", marker="x", color=INK,
                ms=6, mew=1.4, clip_on=False, zorder=3)
    _weapon_legend(ax, data)


def _stacked(ax: Axes, data: PlotData, lefts: list[float], widths: list[float],
             series: str, hatch: str | None, edge: str | None = None) -> None:
    """One series of bars, stacked by weapon type, the intercepted part hatched."""
    bottoms = [0] * len(data.days)
    for weapon in data.weapon_types:
        color = WEAPON_COLORS[weapon]
        counts = [next((w for w in getattr(d, series) if w.type is weapon), None)
                  for d in data.days]
        hit = [c.launched - c.intercepted if c else 0 for c in counts]
        stopped = [c.intercepted if c else 0 for c in counts]
        fill = _tint(color, 0.35) if edge else color
        _stack(ax, lefts, widths, bottoms, hit, facecolor=fill,
               edgecolor=edge or fill, lw=0.6 if edge else 0)
        bottoms = [b + h for b, h in zip(bottoms, hit, strict=True)]
        _stack(ax, lefts, widths, bottoms, stopped, facecolor=_tint(color),
               edgecolor=edge or color, hatch=hatch, lw=0.6 if edge else 0.5)
        bottoms = [b + s for b, s in zip(bottoms, stopped, strict=True)]


def _stack(ax: Axes, lefts: list[float], widths: list[float], bottoms: list[int],
           heights: list[int], **style) -> None:
    """One layer of the stacked bars; days with nothing in it draw nothing (an empty bar
    with an edge would leave a stray line on the baseline)."""
    shown = [i for i, h in enumerate(heights) if h > 0]
    if shown:
        ax.bar([lefts[i] for i in shown], [heights[i] for i in shown],
               [widths[i] for i in shown], [bottoms[i] for i in shown], align="edge",
               zorder=2, **style)


def _bar_label(ax: Axes, x: float, launched: int, intercepted: int) -> None:
    ax.annotate(f"{launched:,}", (x, launched), xytext=(0, 11), textcoords="offset points",
                ha="center", va="bottom", fontsize=10, fontweight="bold", color=INK)
    ax.annotate(f"{intercepted:,} intercepted", (x, launched), xytext=(0, 2),
                textcoords="offset points", ha="center", va="bottom", fontsize=7, color=MUTED)


def _weapon_handles(data: PlotData) -> list[Line2D | Patch]:
    handles: list[Line2D | Patch] = [Patch(color=WEAPON_COLORS[t], label=WEAPON_NAMES[t])
                                     for t in data.weapon_types]
    handles.append(Patch(facecolor="white", edgecolor=MUTED, hatch="////", lw=0.5,
                         label="of which intercepted"))
    if any(d.regional for d in data.days):
        handles.append(Patch(facecolor="white", edgecolor=REGIONAL_EDGE, lw=0.6,
                             label="regional commands (right bar, not added)"))
    if any(d.uncounted for d in data.days):
        handles.append(Line2D([], [], ls="none", marker="x", color=INK, mew=1.4,
                              label="strike without a launch count"))
    if data.pauses:
        handles.append(Patch(color=PAUSE_FILL, alpha=0.55, label="pause window"))
    return handles


def _legend_rows(data: PlotData) -> list[int]:
    """How many of the weapon key's entries go on each row, so no row is wider than the
    axis (a handle and its spacing are about 3.6 of the key's 8-point ems)."""
    if not data.strikes:
        return []
    rows, used = [0], 0.0
    for handle in _weapon_handles(data):
        width = _text_inches(str(handle.get_label()), 8) + 3.6 * 8 / 72
        if rows[-1] and used + width > _axis_width():
            rows.append(0)
            used = 0.0
        rows[-1] += 1
        used += width
    return rows


def _weapon_legend(ax: Axes, data: PlotData) -> None:
    handles = _weapon_handles(data)
    rows = _legend_rows(data)
    # one legend per row, stacked upwards from the top of the panel
    start = 0
    for index, count in enumerate(rows):
        legend = ax.legend(handles=handles[start:start + count], loc="lower left",
                           bbox_to_anchor=(0, 1.0), ncol=count, frameon=False, fontsize=8,
                           handlelength=1.4, columnspacing=1.4, borderpad=0,
                           borderaxespad=0.15 + (len(rows) - 1 - index) * _LEGEND_ROW * 72 / 8)
        if index < len(rows) - 1:
            ax.add_artist(legend)
        start += count


def _height_inches(ax: Axes) -> float:
    """How tall the panel is on the page, in inches."""
    figure = ax.get_figure()
    # build_figure adds every panel to the figure itself, never to a subfigure
    assert isinstance(figure, Figure), "a panel belongs to the figure itself"
    return ax.get_position().height * figure.get_figheight()


def _pause_lane(ax: Axes, data: PlotData, panel: _Panel) -> None:
    lane = panel.lane
    assert lane is not None
    _plain(ax)
    ax.set_gid(f"lane-{lane.pause_id}")
    # laid out in inches from the top, so the words keep their room however tall the lane
    inches = _height_inches(ax)
    heading_words = f"Pause as {lane.claimed_by} described it"
    heading = ax.text(0.0, 1.0, _fit(heading_words, _axis_width(), 9.5, bold=True),
                      transform=ax.transAxes, va="top", fontsize=9.5, fontweight="bold",
                      color=INK, parse_math=False)
    room = _axis_width() - _text_inches(heading_words, 9.5, bold=True) - 0.12
    # spacing by offsets, not spaces: SVG viewers collapse runs of spaces
    ax.annotate(_fit(lane.title, room, 8), xy=(1, 0), xycoords=heading, xytext=(7, 0),
                textcoords="offset points", va="bottom", fontsize=8, color=MUTED,
                parse_math=False, annotation_clip=False)
    ax.text(0.0, 1 - _LANE_HEADING / inches,
            _fit(f"{lane.scope} · window {lane.window}", _axis_width(), 8),
            transform=ax.transAxes, va="top", fontsize=8, color=INK, parse_math=False)
    strip_top = 1 - (_LANE_HEADING + _LANE_SCOPE + 0.03) / inches
    strip_h = _LANE_STRIP / inches
    band_y = 0.03 / inches
    band_h = strip_top - strip_h - band_y
    steps = max(1, len(lane.versions))
    row_h = band_h / steps
    x0, x1 = ax.get_xlim()
    inches_per_day = _axis_width() / (x1 - x0)
    for bar in lane.bars:  # version 0 at the bottom: each amendment a step up
        row_y = band_y + row_h * bar.version
        latest = bar.version == steps - 1
        b0, b1 = _ts(bar.start_ts), _ts(bar.end_ts)
        low, high = row_y + row_h * 0.08, row_y + row_h * 0.92
        lw = 0.8 if latest else 0.6
        window = ax.broken_barh([(b0, b1 - b0)], (low, high - low), lw=lw,
                                facecolor=PAUSE_FILL if latest else OLD_VERSION_FILL,
                                edgecolor="none" if bar.cut else PAUSE_EDGE)
        window.set_gid(f"window-{bar.version_id}" + ("" if bar.occurrence is None
                                                      else f"-{bar.occurrence}"))
        if bar.cut:  # the window goes on past the axis: no closing edge, an arrow instead
            ax.hlines([low, high], b0, b1, color=PAUSE_EDGE, lw=lw)
            if bar.start_ts > data.start.timestamp():
                ax.vlines([b0], low, high, color=PAUSE_EDGE, lw=lw)
            ax.plot([b1], [row_y + row_h / 2], ls="none", marker=">", ms=7, color=PAUSE_EDGE,
                    clip_on=False, zorder=4)
    if lane.runs_on:
        _until_further_notice(ax, lane, strip_top - strip_h / 2,
                              band_y + row_h * (steps - 0.5), inches_per_day)
    if steps > 1:
        _step_labels(ax, lane, band_y, row_h, inches_per_day)
    if lane.declared is not None:
        d0, d1 = _ts(lane.declared.start_ts), _ts(lane.declared.end_ts)
        ax.broken_barh([(d0, d1 - d0)], (strip_top - strip_h * 0.8, strip_h * 0.6),
                       facecolor="white", edgecolor=PAUSE_EDGE, hatch="////", lw=0.6)
        ax.annotate("announced", (d1, strip_top - strip_h / 2), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=7, color=PAUSE_EDGE)
    # a later version's announcement: a hatched tick on the top of its own step
    for version, step in enumerate(lane.versions[1:], start=1):
        if step.declared is None:
            continue
        d0, d1 = _ts(step.declared.start_ts), _ts(step.declared.end_ts)
        top = band_y + row_h * (version + 1)
        ax.broken_barh([(d0, d1 - d0)], (top - row_h * 0.3, row_h * 0.22),
                       facecolor="white", edgecolor=PAUSE_EDGE, hatch="////", lw=0.6, zorder=3)
    marks = sorted(lane.marks, key=lambda m: (m.span.start_ts, m.strike_id))
    # where each mark's dot sits and where its label would begin, in inches along the axis
    dots = [(_ts((m.span.start_ts + m.span.end_ts) / 2) - x0) * inches_per_day for m in marks]
    label_end = -float("inf")
    for mark, dot in zip(marks, dots, strict=True):
        y = band_y + row_h * (min(mark.version, steps - 1) + 0.5)
        start = (max(_ts(mark.span.end_ts), _ts((mark.span.start_ts + mark.span.end_ts) / 2))
                 - x0) * inches_per_day + 7 / 72
        end = start + _text_inches(VERDICT_WORDS[mark.verdict], 8, bold=True)
        # a label only where it clears the label before and every other mark's dot
        label = (len(marks) <= 4 and start > label_end + 0.05
                 and not any(dot < other < end + 0.1 for other in dots))
        if label:
            label_end = end
        _verdict_mark(ax, mark, y, label=label)


def _until_further_notice(ax: Axes, lane: PauseLane, strip_y: float, row_y: float,
                          inches_per_day: float) -> None:
    """The words at the right end of a window that runs on, on the announcement's strip;
    where the word "announced" takes that place, in the window's row just before the
    window (its marks keep the inside)."""
    x0, x1 = ax.get_xlim()
    words = "until further notice"
    wide = (_text_inches(words, 7, bold=True) + 0.1) / inches_per_day
    announced = [_ts(d.end_ts) for d in [lane.declared, *(v.declared for v in lane.versions[1:])]
                 if d is not None]
    taken = any(x1 - wide < end + (_text_inches("announced", 7) + 0.1) / inches_per_day
                and end < x1 for end in announced)
    where, offset = (x1, -1)
    if taken:
        latest = [b for b in lane.bars if b.version == max(0, len(lane.versions) - 1)]
        start = _ts(max(b.start_ts for b in latest)) if latest else x1
        where, offset = (start, -4) if start - x0 > wide else (x1, -9)
    ax.annotate(words, (where, row_y if taken else strip_y), xytext=(offset, 0),
                textcoords="offset points", ha="right", va="center", fontsize=7,
                fontweight="bold", color=PAUSE_EDGE, annotation_clip=False,
                gid=f"open-{lane.pause_id}")


def _step_labels(ax: Axes, lane: PauseLane, band_y: float, row_h: float,
                 inches_per_day: float) -> None:
    """Each version's words on its step: right of its last bar where they fit, else inside."""
    x0, x1 = ax.get_xlim()
    for version, step in enumerate(lane.versions):
        bars = [b for b in lane.bars if b.version == version]
        if not bars:
            continue
        end = _ts(max(b.end_ts for b in bars))
        words = step.words if version else "first version"
        width = _text_inches(words, _STEP_LABEL_SIZE) + 0.1
        y = band_y + row_h * (version + 0.5)
        if (x1 - end) * inches_per_day >= width and not any(b.cut for b in bars):
            ax.annotate(words, (end, y), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=_STEP_LABEL_SIZE, color=PAUSE_EDGE,
                        annotation_clip=False)
        else:
            start = _ts(min(b.start_ts for b in bars))
            ax.annotate(words, (max(start, x0), y), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=_STEP_LABEL_SIZE, color=PAUSE_EDGE,
                        annotation_clip=False)


def _verdict_mark(ax: Axes, mark: VerdictMark, y: float, label: bool) -> None:
    s0, s1 = _ts(mark.span.start_ts), _ts(mark.span.end_ts)
    middle = (s0 + s1) / 2
    gid = f"mark-{mark.verdict.value}-{mark.strike_id}"
    if mark.verdict is Verdict.OUTSIDE_SCOPE:
        ax.plot([s0, s1], [y, y], color=NEUTRAL, lw=0.9, solid_capstyle="butt")
        (line,) = ax.plot([middle], [y], ls="none", marker="|", ms=13, mew=1.6, color=NEUTRAL)
        line.set_gid(gid)
        color = "#6f6f6f"
    else:
        ax.plot([s0, s1], [y, y], color=VERDICT_COLOR, lw=1.2, solid_capstyle="butt")
        ax.plot([s0, s1], [y, y], ls="none", marker="|", ms=6, mew=1.2, color=VERDICT_COLOR)
        filled = mark.verdict is Verdict.VIOLATION
        (dot,) = ax.plot([middle], [y], ls="none", marker="o", ms=9, mew=2,
                         mec=VERDICT_COLOR, mfc=VERDICT_COLOR if filled else "white")
        dot.set_gid(gid)
        color = VERDICT_COLOR
    if label:
        ax.annotate(VERDICT_WORDS[mark.verdict], (max(s1, middle), y), xytext=(7, 0),
                    textcoords="offset points", va="center", fontsize=8, fontweight="bold",
                    color=color)


def _events(ax: Axes, data: PlotData, panel: _Panel, max_rows: int = _MAX_EVENT_ROWS) -> None:
    kind = panel.kind
    _plain(ax)
    ax.set_gid(f"lane-{kind}s")
    ax.text(0.0, 1.0, KIND_HEADINGS[kind], transform=ax.transAxes, va="top", fontsize=9.5,
            fontweight="bold", color=INK)
    rows = min(max(panel.rows) + 1, max_rows)
    ax.set_ylim(rows + _EVENT_HEAD / _EVENT_ROW - 0.1, -0.1)
    x0, x1 = ax.get_xlim()
    for event, row in zip(panel.events, panel.rows, strict=True):
        if row >= max_rows:
            continue
        y = row + _EVENT_HEAD / _EVENT_ROW
        s0, s1 = max(_ts(event.span.start_ts), x0), min(_ts(event.span.end_ts), x1)
        color = KIND_COLORS[kind]
        if event.span.precision.is_calendar or event.span.is_interval:
            # a day (month, interval) is all of that time: drawn as a band over it, with
            # no dot at its middle to read as the moment it happened
            (band,) = ax.bar([s0], [0.56], [s1 - s0], [y - 0.28], align="edge", color=color,
                             alpha=0.32, lw=0.8, edgecolor=color)
            band.set_gid(f"event-{event.record_id}")
        else:
            ax.plot([s0, s1], [y, y], color=color, lw=2.2, solid_capstyle="butt", alpha=0.55)
        ends = ((s0, _ts(event.span.start_ts) < x0, "<"), (s1, _ts(event.span.end_ts) > x1, ">"))
        for end, clipped, symbol in ends:
            if clipped:  # the span runs on beyond the axis
                ax.plot([end], [y], ls="none", marker=symbol, ms=5, color=color, clip_on=False)
        instant = not (event.span.precision.is_calendar or event.span.is_interval)
        if instant and not any(clipped for _, clipped, _ in ends):
            (marker,) = ax.plot([(s0 + s1) / 2], [y], ls="none", marker=KIND_MARKERS[kind],
                                ms=5, color=color)
            marker.set_gid(f"event-{event.record_id}")
        text, right_side = _event_label(data, event, s0, s1)
        ax.annotate(text, (s1 if right_side else s0, y), xytext=(5 if right_side else -5, 0),
                    textcoords="offset points", ha="left" if right_side else "right",
                    va="center", fontsize=_LABEL_SIZE, color=INK, parse_math=False,
                    annotation_clip=False)
    hidden = sum(1 for r in panel.rows if r >= max_rows)
    if hidden:
        ax.text(1.0, 1.0, f"{hidden} more not shown: narrow the selection or make the "
                "picture taller",
                transform=ax.transAxes, ha="right", va="top", fontsize=7.5, color=MUTED)


_DRAW = {"bars": _bars, "pause": _pause_lane, "statement": _events, "negotiation": _events}


# ---------------------------------------------------------------------------------------
# event labels: each on the side of its span where it fits, rows packed first-fit


def _event_label(data: PlotData, event: EventMark, s0: float, s1: float) -> tuple[str, bool]:
    """The label and whether it goes right of the span (else left), cut to fit."""
    x0, x1 = _num(data.start), _num(data.end)
    # a span running off the axis says what it is: "Jan 2026 (month, Europe/Kyiv)"
    clipped = _ts(event.span.start_ts) < x0 or _ts(event.span.end_ts) > x1
    suffix = f" · {event.when}" if clipped else ""
    inches_per_day = _axis_width() / (x1 - x0)
    # a little short: hinting at a low dpi draws small text wider than it measures
    room_right = (x1 - s1) * inches_per_day * 0.95 - 0.1
    room_left = (s0 - x0) * inches_per_day * 0.95 - 0.1
    right = room_right >= _text_inches(event.label + suffix) or room_right >= room_left
    room = (room_right if right else room_left) - _text_inches(suffix)
    return _fit(event.label, room) + suffix, right


def _pack_rows(data: PlotData, events: Sequence[EventMark]) -> tuple[int, ...]:
    x0, x1 = _num(data.start), _num(data.end)
    inches_per_day = _axis_width() / (x1 - x0)
    row_ends: list[float] = []
    rows = []
    for event in events:
        s0 = max(_ts(event.span.start_ts), x0)
        s1 = min(_ts(event.span.end_ts), x1)
        text, right = _event_label(data, event, s0, s1)
        label = _text_inches(text) + 0.1
        begin = (s0 - x0) * inches_per_day - (0 if right else label)
        end = (s1 - x0) * inches_per_day + (label if right else 0)
        row = next((i for i, last in enumerate(row_ends) if last + 0.15 < begin), len(row_ends))
        if row == len(row_ends):
            row_ends.append(end)
        else:
            row_ends[row] = end
        rows.append(row)
    return tuple(rows)


def _axis_width() -> float:
    return FIGURE_WIDTH - _MARGIN_LEFT - _MARGIN_RIGHT


def _text_inches(text: str, size: float = _LABEL_SIZE, bold: bool = False) -> float:
    font = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    width, _, _ = text_to_path.get_text_width_height_descent(text, font, ismath=False)
    return width / 72


def _wrap(text: str, inches: float, size: float) -> list[str]:
    lines = [""]
    for word in text.split():
        candidate = f"{lines[-1]} {word}".strip()
        if lines[-1] and _text_inches(candidate, size) > inches:
            lines.append(word)
        else:
            lines[-1] = candidate
    return lines


def _fit(text: str, inches: float, size: float = _LABEL_SIZE, bold: bool = False) -> str:
    if _text_inches(text, size, bold) <= inches:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        mid = (low + high + 1) // 2
        if _text_inches(text[:mid].rstrip() + "…", size, bold) <= inches:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…" if low else ""


# ---------------------------------------------------------------------------------------
# axis, header, footer


def _time_axis(axes: list[Axes], data: PlotData) -> None:
    zone = data.zone
    days = len(data.days) if data.bin == "day" else len(data.days) * 31
    for ax in axes:
        if days <= 21:  # lines at midnight, each day's name under its middle
            ax.xaxis.set_major_locator(mdates.DayLocator(tz=zone))
            ax.xaxis.set_minor_locator(mdates.HourLocator(byhour=12, tz=zone))
        else:
            ax.xaxis.set_major_locator(mdates.AutoDateLocator(tz=zone))
        ax.grid(axis="x", which="major", color=GRID, lw=0.8, zorder=0)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", which="both", length=0, labelbottom=False)
    bottom = axes[-1]
    if days <= 21:
        def day_label(value: float, _position) -> str:
            moment = mdates.num2date(value, tz=zone)
            return f"{moment:%a}\n{moment.day} {moment:%b}"
        bottom.xaxis.set_major_formatter(FuncFormatter(lambda _value, _position: ""))
        bottom.xaxis.set_minor_formatter(FuncFormatter(day_label))
        bottom.tick_params(axis="x", which="minor", labelbottom=True, labelcolor=INK)
        bottom.tick_params(axis="x", which="major", length=4, colors="#bbbbbb")
    else:
        bottom.tick_params(axis="x", labelbottom=True, length=3, colors=MUTED, labelcolor=INK)
        locator = bottom.xaxis.get_major_locator()
        bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=zone))


def _header(figure: Figure, data: PlotData, title: str | None, height: float) -> None:
    left = _MARGIN_LEFT / FIGURE_WIDTH
    text = title or default_title(data)
    room = _axis_width()
    size = 15.0  # a long title gets smaller, down to 10 pt, then cut
    while size > 10 and _text_inches(text, size, bold=True) > room:
        size -= 0.5
    figure.text(left, 1 - 0.16 / height, _fit(text, room, size, bold=True), fontsize=size,
                fontweight="bold", color=INK, va="top", parse_math=False)
    per = f"Weapons launched per {data.bin}"
    what = (f"{per}, and how each reading of a pause judges the strikes it meets."
            if data.pauses else f"{per}." if data.strikes else "The record on one time axis.")
    subtitle = f"{what} Times in {data.zone_name}."
    figure.text(left, 1 - 0.5 / height, subtitle, fontsize=9, color=MUTED, va="top",
                parse_math=False)


def default_title(data: PlotData) -> str:
    last = data.end - timedelta(days=1)
    first = data.start
    same_year = first.year == last.year
    span = (f"{first.day} {first:%b}{'' if same_year else f' {first.year}'} – "
            f"{last.day} {last:%b %Y}")
    shown = [name for name, present in (
        ("strikes", data.strikes), ("announced pauses", data.pauses),
        ("statements", data.statements or data.negotiations)) if present] or ["records"]
    subject = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    return f"{subject[0].upper()}{subject[1:]}, {span}"


def header_height(data: PlotData) -> float:
    return _HEADER + _LEGEND_ROW * max(0, len(_legend_rows(data)) - 1)


def footer_height(data: PlotData) -> float:
    """Room under the last panel: its tick labels, the key to the lanes' marks, and every
    line of the notes and the credit (never cut: the credit is the sources' due)."""
    columns, rows = _marker_key_shape(data)
    return (_TICKS + (_MARKER_KEY + _LEGEND_ROW * (rows - 1) if columns else 0)
            + _NOTE_LINE * len(_note_lines(data)) + _BOTTOM)


def _marker_key_shape(data: PlotData) -> tuple[int, int]:
    """Columns and rows of the key to the lanes' marks: as many columns as fit across the
    axis (matplotlib fills a legend column by column; a handle and its spacing are about
    4.4 of the key's 8-point ems)."""
    widths = [_text_inches(str(h.get_label()), 8) + 4.4 * 8 / 72 for h in _marker_handles(data)]
    for columns in range(len(widths), 0, -1):
        rows, longer = -(-len(widths) // columns), len(widths) % columns
        # as matplotlib splits them: the first `longer` columns hold one entry more
        sizes = [rows if not longer or c < longer else rows - 1 for c in range(columns)]
        starts = [sum(sizes[:c]) for c in range(columns)]
        across = sum(max(widths[a:a + n]) for a, n in zip(starts, sizes, strict=True) if n)
        if across <= _axis_width() or columns == 1:
            return columns, rows
    return 0, 0


def _note_lines(data: PlotData) -> list[str]:
    # a little short of the axis: hinting at a low dpi draws small text wider than measured
    width = _axis_width() * 0.94
    lines = _wrap(" ".join(footnotes(data)), width, 7) if footnotes(data) else []
    for paragraph in (data.credit, CAVEAT if data.counts_drawn else ""):
        if paragraph:
            lines += _wrap(paragraph, width, 7)
    return lines


def _footer(figure: Figure, data: PlotData) -> None:
    left, height = _MARGIN_LEFT / FIGURE_WIDTH, float(figure.get_figheight())
    lines = _note_lines(data)
    notes_top = _BOTTOM + _NOTE_LINE * len(lines)
    handles = list(_marker_handles(data))
    if handles:
        figure.legend(handles=handles, loc="lower left", ncol=_marker_key_shape(data)[0],
                      frameon=False,
                      fontsize=8, bbox_to_anchor=(left - 0.01, (notes_top + 0.04) / height),
                      borderaxespad=0, handletextpad=0.5, columnspacing=1.6)
    if lines:
        figure.text(left, notes_top / height, "\n".join(lines), fontsize=7, color=MUTED,
                    va="top", linespacing=1.3, parse_math=False, gid="footnotes")


def footnotes(data: PlotData) -> list[str]:
    """The notes under the picture, as sentences: how strikes are counted, what the bars
    do with regional reports, what is binned or off the axis."""
    notes = []
    if data.strikes:
        notes.append("A strike counts on the day that holds the middle of its reported span"
                     + ("; its whole span is drawn on the pause lanes." if data.pauses else "."))
    if data.bin != "day":
        notes.append(f"Each bar is a {data.bin}'s total"
                     + (" (Monday to Sunday)" if data.bin == "week" else "")
                     + f": daily bars would be under {_FEWEST_BAR_PIXELS:g} pixels wide at "
                     "this size.")
    notes += window_notes(data)
    notes += regional_notes(data)
    if data.long_spans:
        notes.append(f"{_count(data.long_spans, 'strike')} known only to more than a day "
                     "counted at the middle of the span.")
    if data.off_axis:
        notes.append(f"{_count(data.off_axis, 'selected record')} beyond the time axis not "
                     "shown (widen it with --since/--until).")
    return notes


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' if n != 1 else ''}"


def _marker_handles(data: PlotData) -> Iterator[Line2D | Patch]:
    """A key to what the lanes show, for what they show."""
    verdicts = {m.verdict for lane in data.pauses for m in lane.marks}
    if Verdict.VIOLATION in verdicts:
        yield Line2D([], [], ls="none", marker="o", ms=8, mew=2, mec=VERDICT_COLOR,
                     mfc=VERDICT_COLOR, label="violation")
    if Verdict.POSSIBLE_VIOLATION in verdicts:
        yield Line2D([], [], ls="none", marker="o", ms=8, mew=2, mec=VERDICT_COLOR,
                     mfc="white", label="possible violation")
    if verdicts - {Verdict.OUTSIDE_SCOPE}:
        yield Line2D([], [], color=VERDICT_COLOR, lw=1.2, marker="|", ms=6,
                     label="the strike's reported span")
    if Verdict.OUTSIDE_SCOPE in verdicts:
        yield Line2D([], [], ls="none", marker="|", ms=11, mew=1.6, color=NEUTRAL,
                     label="strike outside the reading's scope")
    if any(lane.runs_on or any(b.cut for b in lane.bars) for lane in data.pauses):
        yield Line2D([], [], ls="none", marker=">", ms=7, color=PAUSE_EDGE,
                     label="runs on past the right edge")
    if any(lane.declared for lane in data.pauses):
        yield Patch(facecolor="white", edgecolor=PAUSE_EDGE, hatch="////", lw=0.6,
                    label="when the pause was announced")


def _plain(ax: Axes, left_spine: bool = False) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_visible(left_spine)
    ax.spines["bottom"].set_color("#bbbbbb")
    if not left_spine:
        ax.set_yticks([])
        ax.set_ylim(0, 1)
    else:
        ax.spines["left"].set_color("#bbbbbb")
        ax.tick_params(axis="y", colors=MUTED, labelcolor=INK, length=3)


def _ts(posix: float) -> float:
    """POSIX seconds as matplotlib's date number (days since the 1970 epoch)."""
    return posix / 86400.0


def _tint(color: str, amount: float = 0.62) -> tuple[float, float, float]:
    r, g, b = matplotlib.colors.to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)
