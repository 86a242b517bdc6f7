"""`timeline plot`: the picture's data, the PNG and SVG files, the terminal chart."""

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PIL import Image
from typer.testing import CliRunner

from conflict_timeline.checks.pause import Verdict
from conflict_timeline.cli import app
from conflict_timeline.cli.plot import ImageFormat
from conflict_timeline.loading import load_records
from conflict_timeline.records import WeaponType, parse_span, record_to_dict, zone_from_name
from conflict_timeline.rendering.plot_data import plot_data

from .conftest import EVENTS, record, write_json

SVG = "{http://www.w3.org/2000/svg}"
STRIKE_ID = "strike-2026-01-30-overnight"
KYIV = zone_from_name("Europe/Kyiv")


@pytest.fixture(scope="module")
def story_images(tmp_path_factory):
    """The bundled story drawn once per format, at a size of our choosing."""
    folder = tmp_path_factory.mktemp("story")
    runner = CliRunner()
    images = {}
    for fmt, size in (("png", (1200, 900)), ("svg", (1000, 800))):
        path = folder / f"story.{fmt}"
        result = runner.invoke(app, ["plot", "-o", str(path), "--size", "{}x{}".format(*size)])
        assert result.exit_code == 0, result.stderr
        images[fmt] = (path, size, result.stderr)
    return images


# --- the data the picture draws -------------------------------------------------------


def test_story_data_counts_the_night_on_its_morning_and_judges_each_reading():
    data = plot_data(load_records([EVENTS]))
    assert data.zone_name == "Europe/Kyiv"  # most records speak in Kyiv time
    # the strikes and pause windows with a day of margin: 28 Jan to 6 Feb, whole days
    assert [d.day for d in (data.days[0], data.days[-1])] == [date(2026, 1, 28), date(2026, 2, 6)]
    counted = [d for d in data.days if d.launched]
    assert [d.day for d in counted] == [date(2026, 1, 30)]  # 18:00 on the 29th to 08:00
    [night] = counted
    assert [(w.type, w.launched, w.intercepted) for w in night.weapons] == [
        (WeaponType.DRONE, 111, 80), (WeaponType.BALLISTIC_MISSILE, 1, 0)]
    lanes = {lane.pause_id: lane for lane in data.pauses}
    us, ua = lanes["pause-2026-01-cold-us"], lanes["pause-2026-01-cold-ua"]
    assert [(m.strike_id, m.verdict) for m in us.marks] == [(STRIKE_ID, Verdict.POSSIBLE_VIOLATION)]
    assert [(m.strike_id, m.verdict) for m in ua.marks] == [(STRIKE_ID, Verdict.OUTSIDE_SCOPE)]
    assert us.scope == "binds Russia · any target · any region"
    assert ua.scope == "binds Russia · energy only · any region"
    assert us.window == "29 Jan 2026 – 4 Feb 2026 (America/New_York)"
    assert us.declared is not None  # the announcement, drawn on the lane
    assert len(data.statements) == 5 and len(data.negotiations) == 2


def test_the_axis_zone_decides_the_day_a_strike_counts_on():
    # in UTC the same night is 16:00 to 06:00, centred on 23:00 on the 29th
    data = plot_data(load_records([EVENTS]), zone_from_name("UTC"))
    assert [d.day for d in data.days if d.launched] == [date(2026, 1, 29)]
    assert data.start.isoformat() == "2026-01-28T00:00:00+00:00"


def test_since_and_until_fix_the_axis():
    since, until = parse_span("2026-01-30", KYIV), parse_span("2026-01-31", KYIV)
    data = plot_data(load_records([EVENTS]), since=since, until=until)
    assert [d.day for d in data.days] == [date(2026, 1, 30), date(2026, 1, 31)]


def test_uncounted_long_and_impossible_counts():
    records = [
        record("strike", id="a", when="2026-01-30T02:00",
               weapons=[{"type": "drone", "launched": 5, "intercepted": 9}]),  # a typo: 9 > 5
        record("strike", id="b", when="2026-01-30T03:00", weapons=[{"type": "drone"}]),
        record("strike", id="c", when="2026-01-28/2026-01-30",
               weapons=[{"type": "cruise_missile", "launched": 2}]),
    ]
    data = plot_data(records)
    by_day = {d.day: d for d in data.days}
    assert (by_day[date(2026, 1, 30)].launched, by_day[date(2026, 1, 30)].intercepted) == (5, 5)
    assert by_day[date(2026, 1, 30)].uncounted == 1
    assert by_day[date(2026, 1, 29)].weapons[0].type is WeaponType.CRUISE_MISSILE  # its middle
    assert data.long_spans == 1
    assert data.weapon_types == (WeaponType.DRONE, WeaponType.CRUISE_MISSILE)


# --- the picture ------------------------------------------------------------------------


def test_png_is_a_valid_image_of_the_requested_size(story_images):
    path, size, message = story_images["png"]
    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", size)
    data = path.read_bytes()
    assert b"Software" not in data and b"matplotlib" not in data  # no version stamp
    assert "wrote" in message and "1 strike, 2 pause readings" in message


def test_svg_has_the_size_the_lane_labels_and_the_violation_marks(story_images):
    path, size, _ = story_images["svg"]
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == tuple(str(n) for n in size)
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    assert {"Pause as Donald Trump described it", "Pause as Volodymyr Zelensky described it",
            "Statements", "Negotiations", "possible violation", "outside scope"} <= texts
    assert ("binds Russia · energy only · any region · window 29 Jan 2026 07:00 → "
            "5 Feb 2026 07:00 EET") in texts
    assert not any("  " in text for text in texts)  # SVG viewers would collapse them
    assert any(t.startswith("Trump: Putin agreed to halt strikes") for t in texts)
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    us, ua = groups["lane-pause-2026-01-cold-us"], groups["lane-pause-2026-01-cold-ua"]
    # the strike is a possible violation of the US reading: a hollow (white-filled) mark
    [possible] = [g for g in us.iter(f"{SVG}g") if g.get("id", "").startswith("mark-")]
    assert possible.get("id") == f"mark-possible_violation-{STRIKE_ID}"
    assert "fill: #ffffff" in _marker_style(possible)
    # outside the Ukrainian reading's scope: a neutral tick, no violation mark
    [outside] = [g for g in ua.iter(f"{SVG}g") if g.get("id", "").startswith("mark-")]
    assert outside.get("id") == f"mark-outside_scope-{STRIKE_ID}"
    assert not any(i.startswith("mark-violation") for i in groups)
    svg = path.read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg


def _marker_style(group) -> str:
    return " ".join(u.get("style", "") for u in group.iter(f"{SVG}use"))


def test_a_certain_violation_is_a_filled_mark(run, tmp_path):
    records = [record("strike", id="s", by="Russia", when="2026-01-30T03:00",
                      targets=["energy"], weapons=[{"type": "drone", "launched": 10}]),
               record("pause", id="p", claimed_by="Mediator", when="2026-01-29/P7D")]
    source = write_json(tmp_path / "v.json", [record_to_dict(r) for r in records])
    out = tmp_path / "v.svg"
    assert run("plot", str(source), "-o", str(out)).exit_code == 0
    groups = {g.get("id"): g for g in ET.parse(out).getroot().iter(f"{SVG}g")}
    style = _marker_style(groups["mark-violation-s"])
    assert "fill: #b2182b" in style and "fill: #ffffff" not in style


def test_two_renders_are_byte_identical(run, tmp_path):
    for fmt in ImageFormat:  # and every --format value works, whatever the file is called
        first, second = tmp_path / f"1.{fmt.value}", tmp_path / "2.picture"
        assert run("plot", "-o", str(first), "--size", "800x600").exit_code == 0
        assert run("plot", "-o", str(second), "--format", fmt.value,
                   "--size", "800x600").exit_code == 0
        assert first.read_bytes() == second.read_bytes()
        second.unlink()
    assert (tmp_path / "1.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert (tmp_path / "1.svg").read_bytes().startswith(b"<?xml")


def test_record_text_is_drawn_as_written(run, tmp_path):
    # '$' would start matplotlib's maths; control characters are shown escaped
    odd = record("statement", id="odd", speaker="X", when="2026-01-30",
                 title="Costs $5 and $6 \x1b[31m_{x}")
    source = write_json(tmp_path / "odd.json", [record_to_dict(odd)])
    out = tmp_path / "odd.svg"
    result = run("plot", str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    texts = {"".join(t.itertext()) for t in ET.parse(out).getroot().iter(f"{SVG}text")}
    assert "Costs $5 and $6 \\x1b[31m_{x}" in texts
    assert "Statements, 29 Jan – 31 Jan 2026" in texts  # the default title says what it shows


def test_title_option_and_standard_output(run, tmp_path):
    result = run("plot", "-o", "-", "--format", "svg", "--title", "Did the strikes stop?",
                 "--kind", "pause")
    assert result.exit_code == 0
    assert "Did the strikes stop?" in result.stdout
    assert "wrote standard output: SVG" in result.stderr


# --- the file on disk -----------------------------------------------------------------


def test_an_existing_file_is_kept_unless_forced(run, tmp_path):
    out = tmp_path / "story.png"
    out.write_bytes(b"precious")
    result = run("plot", "-o", str(out))
    assert result.exit_code == 2
    assert f"{out} already exists: pass --force to overwrite it" in result.stderr
    assert out.read_bytes() == b"precious"
    assert run("plot", "-o", str(out), "--force", "--size", "640x480").exit_code == 0
    with Image.open(out) as image:
        assert image.size == (640, 480)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.png"]  # no temp file left


@pytest.mark.parametrize("args, message", [
    ([], "say where to draw: -o FILE.png or -o FILE.svg, or --terminal"),
    (["-o", "story.jpg"], "cannot tell the image format from 'story.jpg'"),
    (["-o", "-"], "give --format png or --format svg"),
    (["-o", "x.png", "--size", "1200"], "'1200' is not WIDTHxHEIGHT in pixels"),
    (["-o", "x.png", "--size", "50x50"], "outside 400x300 to 10000x10000 pixels"),
    (["-o", "x.png", "--format", "gif"], "'gif' is not one of"),
    (["-o", "no/such/dir/x.png"], "cannot write no/such/dir/x.png"),
    (["--terminal", "-o", "x.png"], "--terminal draws in the terminal: leave out -o/--format"),
])
def test_usage_errors_exit_2(run, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("plot", *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split()).replace("│", "").replace("  ", " ")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_selection_says_so_and_draws_nothing(run, tmp_path):
    out = tmp_path / "empty.png"
    result = run("plot", str(EVENTS), "--kind", "strike", "--actor", "zelensky", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: nothing to plot: no record matches --kind strike --actor zelensky; "
        "no picture was drawn")
    empty = tmp_path / "none.json"
    empty.write_text("[]")
    result = run("plot", str(empty), "--terminal")
    assert result.exit_code == 2 and result.stdout == ""
    assert "nothing to plot: the input holds no records" in result.stderr
    assert not out.exists()


def test_bad_input_is_reported_not_drawn(run, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "a", "kind": "strike", "when": "2026-02-30",
                                "tz": "UTC", "title": "t"}]))
    result = run("plot", str(bad), "-o", str(tmp_path / "x.png"))
    assert result.exit_code == 2
    assert "field 'when'" in result.stderr and "not a real date" in result.stderr
    assert not (tmp_path / "x.png").exists()


# --- without matplotlib -----------------------------------------------------------------


def test_without_matplotlib_it_says_how_to_install_it(run, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    monkeypatch.delitem(sys.modules, "conflict_timeline.rendering.plot", raising=False)
    out = tmp_path / "story.png"
    result = run("plot", "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert "timeline plot needs matplotlib" in result.stderr
    assert "pip install 'conflict-timeline[plot]'" in " ".join(result.stderr.split())
    # the terminal chart needs only Rich
    assert run("plot", "--terminal").exit_code == 0


def test_the_cli_starts_without_importing_matplotlib():
    code = ("import sys, conflict_timeline.cli; "
            "print(sorted(m for m in ('matplotlib', 'numpy', 'PIL') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the terminal chart -----------------------------------------------------------------


def test_terminal_chart_marks_pauses_and_verdicts(run):
    result = run("plot", "--terminal", env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Weapons launched per day (Europe/Kyiv)"
    assert lines[1].startswith("  A pause as Volodymyr Zelensky described it: binds Russia · "
                               "energy only · any region")
    rows = chart_rows(result.stdout)
    assert list(rows)[0] == "Wed 28 Jan" and list(rows)[-1] == "Fri 6 Feb"
    # A (Zelensky): outside its scope; B (Trump): possible violation
    assert rows["Fri 30 Jan"].startswith("✓ ○ █")
    assert rows["Fri 30 Jan"].rstrip().endswith("112 (80 intercepted)")
    assert rows["Fri 30 Jan"].count("░") > rows["Fri 30 Jan"].count("█")  # 80 of 112
    assert rows["Thu 29 Jan"].rstrip() == "╻ ╻"  # the windows open during the 29th
    assert rows["Sat 31 Jan"].rstrip() == "┃ ┃"
    assert rows["Thu 5 Feb"].rstrip() == "╹ ╹" and rows["Fri 6 Feb"].strip() == ""
    assert "\x1b[" not in result.stdout


def test_terminal_chart_follows_filters_and_shows_a_violation(run, tmp_path):
    records = [record("strike", id="s", by="Russia", when="2026-02-02T03:00",
                      targets=["energy"], weapons=[{"type": "ballistic_missile", "launched": 3,
                                                    "intercepted": 1}]),
               record("strike", id="t", by="Russia", when="2026-02-09T03:00"),
               record("pause", id="p", claimed_by="Mediator", when="2026-02-01/P3D")]
    source = write_json(tmp_path / "v.json", [record_to_dict(r) for r in records])
    result = run("plot", str(source), "--terminal", "--since", "2026-02-01",
                 "--until", "2026-02-04", "--title", "February", env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("February\n")
    rows = chart_rows(out)
    # --until 2026-02-04 is read in the axis zone (Kyiv, the records' own): it ends the axis
    assert list(rows) == ["Sun 1 Feb", "Mon 2 Feb", "Tue 3 Feb", "Wed 4 Feb"]
    assert rows["Mon 2 Feb"].startswith("● ██") and "3 (1 intercepted)" in rows["Mon 2 Feb"]
    assert rows["Sun 1 Feb"].rstrip() == rows["Tue 3 Feb"].rstrip() == "┃"
    assert rows["Wed 4 Feb"].strip() == ""
    result = run("plot", str(source), "--terminal", "--since", "2026-02-09", env={"NO_COLOR": "1"})
    assert "+1 strike uncounted" in result.stdout and "Mon 9 Feb" in result.stdout


def chart_rows(out: str) -> dict[str, str]:
    """The chart's day rows: day label -> the rest of the line (lane glyphs, bar, figures)."""
    weekdays = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return {line[:10].strip(): line[11:] for line in out.splitlines() if line[:3] in weekdays}


def test_help_lists_every_option(run):
    out = run("plot", "--help").stdout
    for option in ("--output", "--format", "--force", "--size", "--title", "--terminal", "--tz",
                   "--kind", "--since", "--until", "--actor", "--region", "--tag",
                   "--input-format", "--max-problems", "--width"):
        assert option in out


def test_images_open_in_memory_too():
    from conflict_timeline.rendering.plot import render_image

    data = plot_data(load_records([EVENTS]))
    with Image.open(io.BytesIO(render_image(data, "png", size=(777, 555)))) as image:
        assert image.size == (777, 555)


def test_records_beyond_the_axis_are_counted_not_drawn():
    from conflict_timeline.rendering.plot import default_title, footnotes

    records = [record("strike", id="s", when="2026-01-30T03:00",
                      weapons=[{"type": "drone", "launched": 4}]),
               record("pause", id="p", when="2026-01-29/P2D"),
               record("statement", id="later", speaker="X", when="2026-03-15")]
    data = plot_data(records)
    assert data.statements == () and data.off_axis == 1
    assert default_title(data) == "Strikes and announced pauses, 28 Jan – 31 Jan 2026"
    assert data.end.isoformat() == "2026-02-01T00:00:00+02:00"
    assert footnotes(data)[-1] == ("1 selected record beyond the time axis not shown (widen it "
                                   "with --since/--until).")


# --- the terminal chart's width; the input options every reading command has ------------


def _widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_a_piped_terminal_chart_is_as_wide_as_columns_or_80(run):
    # CliRunner's stdout is no terminal: the console would not wrap at all
    default = run("plot", str(EVENTS), "--terminal", env={"COLUMNS": None, "NO_COLOR": "1"})
    assert default.exit_code == 0, default.stderr
    assert 70 < _widest(default.stdout) <= 80  # the notes wrap at a word
    wide = run("plot", str(EVENTS), "--terminal", env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert 110 < _widest(wide.stdout) <= 120
    narrow = run("plot", str(EVENTS), "--terminal", "--width", "60", env={"COLUMNS": "120"})
    assert narrow.exit_code == 0 and 50 < _widest(narrow.stdout) <= 60
    assert "Fri 30 Jan" in narrow.stdout and "112 (80 intercepted)" in narrow.stdout


def test_width_is_for_the_terminal_chart_only(run, tmp_path):
    result = run("plot", str(EVENTS), "-o", str(tmp_path / "a.png"), "--width", "60")
    assert result.exit_code == 2 and not (tmp_path / "a.png").exists()
    assert "--width is the --terminal chart's width in columns" in result.stderr
    assert run("plot", "--terminal", "--width", "10").exit_code == 2  # below 40 columns


def test_plot_reads_a_path_of_any_name_with_input_format(run, tmp_path):
    path = tmp_path / "records.txt"
    path.write_text("\n".join(json.dumps(record_to_dict(r)) for r in (
        record("strike", id="s", when="2026-01-30T03:00", weapons=[{"type": "drone",
                                                                    "launched": 7}]),)))
    refused = run("plot", str(path), "--terminal")
    assert refused.exit_code == 2 and "--input-format json|jsonl|toml" in refused.stderr
    read = run("plot", str(path), "--terminal", "--input-format", "jsonl", env={"NO_COLOR": "1"})
    assert read.exit_code == 0, read.stderr
    assert chart_rows(read.stdout)["Fri 30 Jan"].rstrip().endswith("7 (0 intercepted)")


def test_plot_lists_at_most_max_problems(run, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("not json\n" * 30)
    lines = run("plot", str(path), "--terminal", "--max-problems", "3").stderr.splitlines()
    assert lines[0] == "error: 30 problems in the input; nothing was loaded"
    assert len(lines) == 5 and lines[-1] == "  … and 27 more problems (--max-problems N lists more)"
