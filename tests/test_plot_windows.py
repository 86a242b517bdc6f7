"""`timeline plot` and the new forms of a pause window: open windows run on past the right
edge, repeats are drawn as their occurrences on the axis only, versions as steps — in the
picture and in the terminal chart, legible at 20 pauses."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conflict_timeline.loading import load_records
from conflict_timeline.records import parse_span, record_to_dict, zone_from_name
from conflict_timeline.rendering.plot import footnotes, render_figure
from conflict_timeline.rendering.plot_data import OPEN_NOTE, REPEAT_NOTE, plot_data

from .conftest import cli, record, write_json
from .test_plot import chart_rows
from .test_plot_publish import _footnotes, _overlaps

CEASEFIRES = Path(__file__).parent / "fixtures" / "ceasefires"
GAZA = CEASEFIRES / "gaza-2025-10.json"
DAILY = CEASEFIRES / "gaza-daily-pauses-2023-11.json"
YEMEN = CEASEFIRES / "yemen-truce-2022.json"
PHASED = CEASEFIRES / "israel-iran-2025-06.json"
GAZA_ZONE = zone_from_name("Asia/Gaza")
SVG = "{http://www.w3.org/2000/svg}"
PLAIN = {"NO_COLOR": "1", "COLUMNS": "100"}


def _svg_ids(path: Path) -> list[str]:
    return [g.get("id") for g in ET.parse(path).getroot().iter(f"{SVG}g") if g.get("id")]


# --- 1. an open window: the axis ends at the records, the window runs on past it ---------


def test_an_open_window_ends_the_axis_at_the_last_strike_and_runs_on():
    data = plot_data(load_records([GAZA]))
    # the last strike (19 Oct 15:00-18:00) and a day of margin; the window goes on
    assert (data.start.date(), data.end.date()) == (date(2025, 10, 9), date(2025, 10, 21))
    [lane] = data.pauses
    assert lane.open and lane.runs_on
    [bar] = lane.bars
    assert (bar.open, bar.cut, bar.end_ts) == (True, True, data.end.timestamp())
    assert lane.window == "from 10 Oct 2025 12:00 EEST, until further notice"
    assert OPEN_NOTE == ("Open windows run on past the right edge: no end was announced "
                         "(until further notice).")
    assert OPEN_NOTE in footnotes(data)


@pytest.mark.parametrize("fixture", [GAZA, PHASED, CEASEFIRES / "india-pakistan-2025-05.json"])
def test_open_windows_draw_in_every_format(fixture, tmp_path):
    for out in (tmp_path / "g.png", tmp_path / "g.svg"):
        result = cli("plot", str(fixture), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert out.stat().st_size > 1000
    svg = tmp_path / "g.svg"
    texts = {"".join(t.itertext()) for t in ET.parse(svg).getroot().iter(f"{SVG}text")}
    assert "until further notice" in texts
    assert any(i.startswith("open-") for i in _svg_ids(svg))
    terminal = cli("plot", str(fixture), "--terminal", env=PLAIN)
    assert terminal.exit_code == 0, terminal.stderr
    assert "Open windows run on past the last day shown: no end was announced" in " ".join(
        terminal.stdout.split())


def test_the_terminal_chart_ends_an_open_window_with_an_arrow():
    out = cli("plot", str(PHASED), "--terminal", env=PLAIN).stdout
    rows = chart_rows(out)
    assert list(rows) == ["Mon 23 Jun", "Tue 24 Jun", "Wed 25 Jun"]
    assert rows["Tue 24 Jun"].startswith("● ╻")  # Iran's clause judged; Israel's from 16:00
    [later] = [line for line in out.splitlines() if line.startswith("later")]
    assert later.split() == ["later", "▼", "▼", "until", "further", "notice"]


def test_until_still_fixes_the_end_of_an_axis_with_an_open_window():
    result = cli("plot", str(GAZA), "--terminal", "--until", "2025-10-12", env=PLAIN)
    assert result.exit_code == 0
    assert list(chart_rows(result.stdout))[-1] == "Sun 12 Oct"
    assert "▼" in result.stdout


def test_nothing_but_an_open_window_gets_a_week_after_its_start():
    data = plot_data([record("pause", id="p", when="2025-10-10T12:00/..", tz="Asia/Gaza")])
    # 10 Oct 12:00 and seven days, to the end of that day, and a day of margin
    assert (data.start.date(), data.end.date()) == (date(2025, 10, 9), date(2025, 10, 19))
    assert data.pauses[0].runs_on


# --- 2. a repeat: its occurrences on the axis, and no further -----------------------------


def test_a_daily_repeat_is_drawn_as_its_occurrences_on_the_axis():
    data = plot_data(load_records([DAILY]))
    assert (data.start.date(), data.end.date()) == (date(2023, 11, 8), date(2023, 11, 15))
    [lane] = data.pauses
    assert data.occurrence_bars() == 6  # 9 to 14 Nov, one each day, 10:00-14:00
    starts = [datetime.fromtimestamp(b.start_ts, GAZA_ZONE) for b in lane.bars]
    assert [s.day for s in starts] == [9, 10, 11, 12, 13, 14]
    assert {(s.hour, b.end_ts - b.start_ts) for s, b in zip(starts, lane.bars)} == {(10, 4 * 3600)}
    assert lane.runs_on and not lane.open  # a rule without COUNT or UNTIL runs on
    assert REPEAT_NOTE in footnotes(data) and OPEN_NOTE not in footnotes(data)


def test_an_unbounded_repeat_is_never_expanded_beyond_the_axis():
    zone = zone_from_name("Asia/Gaza")
    since, until = parse_span("2031-03-01", zone), parse_span("2031-03-03", zone)
    data = plot_data(load_records([DAILY]), since=since, until=until)
    assert data.occurrence_bars() == 3  # 1, 2 and 3 March 2031: the axis, eight years on
    [lane] = data.pauses
    assert [b.occurrence for b in lane.bars] == [2669, 2670, 2671]


def test_a_repeat_in_the_picture_and_the_terminal(tmp_path):
    svg = tmp_path / "daily.svg"
    assert cli("plot", str(DAILY), "-o", str(svg), "--until", "2023-11-11").exit_code == 0
    windows = [i for i in _svg_ids(svg) if i.startswith("window-gaza-daily-pauses-2023-11-")]
    assert windows == [f"window-gaza-daily-pauses-2023-11-{n}" for n in range(3)]
    rows = chart_rows(cli("plot", str(DAILY), "--terminal", env=PLAIN).stdout)
    assert rows["Thu 9 Nov"].rstrip() == "╏"  # within the day: 10:00 to 14:00
    assert rows["Sun 12 Nov"].startswith("●") and rows["Mon 13 Nov"].startswith("○")


def test_a_bounded_repeat_ends_the_axis_at_its_last_occurrence():
    pause = record("pause", id="p", tz="Asia/Gaza", when="2023-11-09T10:00/2023-11-09T14:00",
                   repeat="FREQ=DAILY;COUNT=3")
    data = plot_data([pause])
    assert data.end.date() == date(2023, 11, 13)  # the 11th, and a day of margin
    assert data.occurrence_bars() == 3 and not data.pauses[0].runs_on


# --- 3. versions: one lane, a step each -----------------------------------------------


def test_versions_are_steps_of_one_lane():
    data = plot_data(load_records([YEMEN]))
    [lane] = data.pauses
    assert lane.pause_id == "yemen-truce-2022-04"
    assert [v.words for v in lane.versions] == [
        "as first announced", "as extended on 2 Jun 2022", "as extended on 2 Aug 2022"]
    assert [(b.version, b.version_id) for b in lane.bars] == [
        (0, "yemen-truce-2022-04"), (1, "yemen-truce-2022-06"), (2, "yemen-truce-2022-08")]
    assert lane.window == ("2 Apr 2022 19:00 → 2 Oct 2022 19:00 Asia/Aden "
                           "(as extended on 2 Aug 2022)")
    # each verdict sits on the step of the version that gave it
    assert [(m.strike_id, m.version) for m in lane.marks] == [
        ("strike-taiz-2022-06-02-noon", 1), ("strike-taiz-2022-06-02-night", 1),
        ("strike-marib-2022-07-15", 1)]


def test_versions_in_the_picture_and_the_terminal(tmp_path):
    svg = tmp_path / "yemen.svg"
    result = cli("plot", str(YEMEN), "-o", str(svg))
    assert result.exit_code == 0 and "1 pause reading" in result.stderr
    ids = _svg_ids(svg)
    assert [i for i in ids if i.startswith("lane-")] == ["lane-yemen-truce-2022-04"]
    assert [i for i in ids if i.startswith("window-")] == [
        "window-yemen-truce-2022-04", "window-yemen-truce-2022-06", "window-yemen-truce-2022-08"]
    texts = {"".join(t.itertext()) for t in ET.parse(svg).getroot().iter(f"{SVG}text")}
    assert {"first version", "as extended on 2 Jun 2022", "as extended on 2 Aug 2022"} <= texts
    out = cli("plot", str(YEMEN), "--terminal", env=PLAIN).stdout
    assert "      then as extended on 2 Jun 2022: 2 Apr 2022 19:00 → 2 Aug 2022 19:00" in out
    rows = chart_rows(out)
    assert rows["Tue 2 Aug"].startswith("╋")  # the second renewal announced
    assert rows["Sun 2 Oct"].startswith("╹") and rows["Mon 3 Oct"].strip() == ""


# --- 4. legible at 20 pauses --------------------------------------------------------------


def _twenty_pauses() -> list:
    """Twenty pause records over a month: plain, open, repeating and amended windows, with
    strikes among them."""
    records = []
    first = datetime(2026, 3, 1)
    for n in range(20):
        day = first + timedelta(days=n)
        fields = {"id": f"p{n:02d}", "claimed_by": f"Party {n % 4}", "binds": ["Russia"],
                  "title": f"Pause number {n}", "declared_on": f"{day:%Y-%m-%d}"}
        if n % 5 == 1:
            fields["when"] = f"{day:%Y-%m-%d}T12:00/.."
        elif n % 5 == 2:
            fields.update(when=f"{day:%Y-%m-%d}T08:00/{day:%Y-%m-%d}T12:00", repeat="FREQ=DAILY")
        elif n % 5 == 3:
            fields.update(when=f"{day:%Y-%m-%d}/P2D")
        elif n % 5 == 4:  # amends the one before: a longer window
            fields.update(when=f"{day - timedelta(days=1):%Y-%m-%d}/P5D", amends=f"p{n - 1:02d}",
                          declared_on=f"{day + timedelta(days=1):%Y-%m-%d}")
            del fields["claimed_by"]
            fields["claimed_by"] = f"Party {(n - 1) % 4}"
        else:
            fields.update(when=f"{day:%Y-%m-%d}/P3D", arrangement=f"arr-{n // 2}")
        records.append(record("pause", **fields))
    for n in range(40):
        moment = first + timedelta(hours=17 * n)
        records.append(record("strike", id=f"s{n:02d}", by="Russia",
                              when=f"{moment:%Y-%m-%dT%H:00}",
                              weapons=[{"type": "drone", "launched": 10 + n, "intercepted": n}]))
    return records


@pytest.mark.parametrize("size", [None, (1200, 2400), (800, 1600)])
def test_twenty_pauses_keep_their_words_apart(size):
    data = plot_data(_twenty_pauses())
    assert len(data.pauses) == 16  # four of the records are versions of another
    assert sum(len(lane.versions) == 2 for lane in data.pauses) == 4
    figure = render_figure(data, size=size)
    assert _overlaps(figure) == ([], [])
    notes = _footnotes(figure)
    assert OPEN_NOTE in notes and REPEAT_NOTE in notes


def test_twenty_pauses_in_the_terminal_fit_its_width(tmp_path):
    source = write_json(tmp_path / "twenty.json", [record_to_dict(r) for r in _twenty_pauses()])
    result = cli("plot", str(source), "--terminal", env={"NO_COLOR": "1", "COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 120
    header = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("A B"))
    assert header.split() == [chr(ord("A") + i) for i in range(16)]
