"""`timeline plot` as a graphic fit to publish: its credit line and caveat, reports that may
count the same weapons kept apart, words that never overlap at any size, long ranges binned,
whole days drawn as days."""

from __future__ import annotations

import os
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from typer.testing import CliRunner

from conflict_timeline.cli import app
from conflict_timeline.importers import import_paths
from conflict_timeline.loading import load_records
from conflict_timeline.rendering.plot import render_figure
from conflict_timeline.rendering.plot_data import (
    CAVEAT, RegionalCounting, bin_for, binned, plot_data,
)

from .conftest import EVENTS, SHARED_DATA, record, write_json

MISSILE_FILE = (Path(os.environ.get("TIMELINE_SHARED_DATA", SHARED_DATA))
                / "missile_attacks_daily.csv")
NIGHT = "2026-04-04T18:00/2026-04-05T08:00"
AIR_FORCE = "Ukrainian Air Force (kpszsu) post, via Petro Ivaniuk, Massive Missile Attacks on " \
            "Ukraine, from Ukrainian Air Force reports (ODC-BY 1.0)"
SOUTH = AIR_FORCE.replace("Ukrainian Air Force (kpszsu)", "Air Command South (PvKPivden)")


def report(id, when, level, drones, source):
    return record("strike", id=id, when=when, by="Russia", tags=[f"level:{level}"],
                  sources=[{"name": source}],
                  weapons=[{"type": "drone", "launched": drones, "intercepted": 0}])


REPORTS = [
    report("national", NIGHT, "national", 100, AIR_FORCE),
    report("south-covered", "2026-04-05", "regional", 20, SOUTH),  # overlaps the night
    report("south-alone", "2026-04-07", "regional", 5, SOUTH),  # no national report then
]


def _texts(figure):
    """The texts the figure draws: visible, not empty, and no tick label of a tick outside
    its axis's view (matplotlib keeps those, and does not draw them)."""
    undrawn = set()
    for ax in figure.axes:
        for axis, (low, high) in ((ax.xaxis, sorted(ax.get_xlim())),
                                  (ax.yaxis, sorted(ax.get_ylim()))):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    undrawn.update((id(tick.label1), id(tick.label2)))
    return [t for t in figure.findobj(Text)
            if t.get_visible() and t.get_text().strip() and id(t) not in undrawn]


def _footnotes(figure) -> str:
    return " ".join(" ".join(t.get_text().split()) for t in _texts(figure)
                    if t.get_gid() == "footnotes")


# --- 1. credit and caveat ---------------------------------------------------------------


def test_the_credit_line_names_the_sources_and_their_licence():
    data = plot_data(REPORTS)
    assert data.credit == (  # the most-cited account first
        "Source: Air Command South (PvKPivden) and Ukrainian Air Force (kpszsu) via Petro "
        "Ivaniuk, Massive Missile Attacks on Ukraine, from Ukrainian Air Force reports "
        "(ODC-BY 1.0).")
    notes = _footnotes(render_figure(data))
    assert data.credit in notes
    assert CAVEAT == "Counts are as claimed by these sources, not verified independently."
    assert CAVEAT in notes


def test_the_story_credits_each_source_once():
    data = plot_data(load_records([EVENTS]))
    assert data.credit == (
        "Sources: Ukrainian Air Force (kpszsu) via 'Massive Missile Attacks on Ukraine' "
        "(Petro Ivaniuk, ODC-BY 1.0); News report: 'Russia Launches Over 100 Drones Despite "
        "Trump's Claim of Attack Pause'; Governor of Zaporizhzhia region, as reported in the "
        "news article.")


# --- 2. regional reports ----------------------------------------------------------------


def _launched(data):
    return {d.day: (d.launched, d.regional_launched) for d in data.days
            if d.launched or d.regional_launched}


def test_a_regional_report_a_national_window_covers_is_left_out_by_default():
    data = plot_data(REPORTS)
    assert (data.regional_reports, data.regional_covered) == (2, 1)
    assert _launched(data) == {date(2026, 4, 5): (100, 0), date(2026, 4, 7): (5, 0)}
    assert _footnotes(render_figure(data)).count(
        "Regional air commands' reports are counted only where no national report covers "
        "their window: 1 of 2 are left out, as they may count the same weapons "
        "(--regional separate draws them apart).") == 1


def test_regional_reports_drawn_apart_or_added_on_request():
    apart = plot_data(REPORTS, regional=RegionalCounting.SEPARATE)
    assert _launched(apart) == {date(2026, 4, 5): (100, 20), date(2026, 4, 7): (0, 5)}
    assert "2 regional air command reports drawn apart from the others and not added" in _footnotes(
        render_figure(apart))
    added = plot_data(REPORTS, regional=RegionalCounting.ADD)
    assert _launched(added) == {date(2026, 4, 5): (120, 0), date(2026, 4, 7): (5, 0)}
    assert ("National and regional reports are added together: 1 of 2 regional air command "
            "reports overlap") in _footnotes(render_figure(added))


def test_the_cli_offers_the_choice(tmp_path):
    path = write_json(tmp_path / "r.json", [
        {"id": "n", "kind": "strike", "when": NIGHT, "title": "n", "tags": ["level:national"],
         "weapons": [{"type": "drone", "launched": 100}]}], tz="Europe/Kyiv")
    runner = CliRunner()
    help_text = " ".join(runner.invoke(app, ["plot", "--help"], terminal_width=400,
                                       env={"COLUMNS": "400"}).stdout.replace("│", " ").split())
    assert "gaps counts one only where no national report's window overlaps its own" in help_text
    assert "separate draws them as bars of their own, never added" in help_text
    result = runner.invoke(app, ["plot", str(path), "--terminal", "--regional", "both"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["plot", str(path), "-o", str(tmp_path / "a.png"),
                                 "--regional", "separate"])
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def air_force_table():
    if not MISSILE_FILE.exists():
        pytest.skip(f"the shared data file is not at {MISSILE_FILE} "
                    "(set TIMELINE_SHARED_DATA to the folder holding it)")
    return import_paths("missile-attacks", [MISSILE_FILE]).records


def test_the_air_force_tables_tallest_day_without_the_regional_reports(air_force_table):
    regional = [r for r in air_force_table if "level:regional" in r.tags]
    named = [r for r in regional if any(t in r.tags for t in (
        "reporter:PvKPivden", "reporter:pvkshid", "reporter:PvkZahid"))]
    assert (len(regional), len(named)) == (831, 830)  # and one from Air Command Centre
    by_mode = {mode: plot_data(air_force_table, regional=mode) for mode in RegionalCounting}
    gaps = by_mode[RegionalCounting.GAPS]
    assert (gaps.regional_reports, gaps.regional_covered) == (831, 630)
    day = {mode: next(d for d in data.days if d.day == date(2026, 3, 24))
           for mode, data in by_mode.items()}
    assert day[RegionalCounting.ADD].launched == 1034  # the figure, PvKPivden's 54 in
    assert day[RegionalCounting.GAPS].launched == 980
    assert (day[RegionalCounting.SEPARATE].launched,
            day[RegionalCounting.SEPARATE].regional_launched) == (980, 54)
    tallest = max(gaps.days, key=lambda d: d.launched)
    assert (tallest.day, tallest.launched) == (date(2026, 3, 24), 980)


# --- 4. legible at every size; long ranges binned -----------------------------------------


def _overlaps(figure):
    boxes = [(t.get_text(), t.get_window_extent()) for t in _texts(figure)]
    frame = figure.bbox
    outside = [text for text, box in boxes
               if box.x0 < frame.x0 - 1 or box.x1 > frame.x1 + 1
               or box.y0 < frame.y0 - 1 or box.y1 > frame.y1 + 1]
    touching = [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2)
                if box_a.shrunk(0.98, 0.9).overlaps(box_b.shrunk(0.98, 0.9))]
    return outside, touching


LONG_RANGE = [record("strike", id=f"s{year}-{month}", when=f"{year}-{month:02d}-15",
                     weapons=[{"type": "drone", "launched": 10 * month}])
              for year in (2023, 2024, 2025) for month in range(1, 13)]


@pytest.mark.parametrize("size", [(400, 300), (600, 400), (800, 600), (1200, 800), None,
                                  (1920, 1280), (4000, 3000), (400, 10_000)])
def test_no_two_texts_overlap_at_any_size(size):
    for records in (load_records([EVENTS]), LONG_RANGE, REPORTS):
        figure = render_figure(plot_data(records), size=size)
        assert _overlaps(figure) == ([], []), size
        if size:
            assert (round(figure.bbox.width), round(figure.bbox.height)) == size


def test_a_wide_size_suits_a_picture_of_bars_alone():
    figure = render_figure(plot_data(LONG_RANGE), size=(1920, 1080))
    assert _overlaps(figure) == ([], [])


def test_a_size_too_flat_for_the_words_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["plot", "-o", str(tmp_path / "a.png"), "--size",
                                      "2000x300"])
    assert result.exit_code == 2
    assert "2000x300 pixels is too flat for this picture" in result.stderr
    assert not (tmp_path / "a.png").exists()


def test_a_long_range_is_binned_by_week_or_month_and_says_so():
    data = plot_data(LONG_RANGE)
    assert bin_for(len(data.days), 1453) == "week"
    assert bin_for(len(data.days), 545) == "month"
    assert bin_for(10, 545) == "day"
    weeks, months = binned(data, "week"), binned(data, "month")
    total = sum(d.launched for d in data.days)
    assert sum(d.launched for d in weeks.days) == sum(d.launched for d in months.days) == total
    assert [d.launched for d in months.days if d.launched][:3] == [10, 20, 30]
    assert all(d.start.weekday() == 0 for d in weeks.days[1:])
    assert "Each bar is a week's total (Monday to Sunday)" in _footnotes(render_figure(data))
    assert "Each bar is a month's total" in _footnotes(render_figure(data, size=(600, 400)))
    assert "Each bar" not in _footnotes(render_figure(plot_data(REPORTS)))


# --- 5. a whole day is drawn as the day ---------------------------------------------------


def test_a_whole_day_statement_is_a_band_over_the_day_not_a_dot():
    records = [*REPORTS, record("statement", id="said", speaker="A", when="2026-04-06",
                                title="something said that day")]
    figure = render_figure(plot_data(records))
    [drawn] = [a for a in figure.findobj() if a.get_gid() == "event-said"]
    assert isinstance(drawn, Rectangle)
    day = record("statement", speaker="A", when="2026-04-06").span
    assert drawn.get_x() == pytest.approx(day.start_ts / 86400)
    assert drawn.get_width() == pytest.approx((day.end_ts - day.start_ts) / 86400)
