"""What a newcomer meets first: defaults that never mislead, messages in the project's words,
the conventions of other command-line tools, and a hostile machine (issues 19 and 20)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conflict_timeline.loading import MAX_LINE_BYTES

from .conftest import EVENTS, REPO, SHARED_DATA_VARIABLE, cli, shared_data_dir

NOTE = "no path given: using the bundled example, events/"
KYIV = {"id": "k1", "kind": "strike", "tz": "Europe/Kyiv", "title": "Kyiv strike",
        "when": "2026-01-30T01:00"}  # 29 January 23:00 UTC
ENV = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}


def timeline(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "conflict_timeline", *args],
                          capture_output=True, env=ENV, cwd=REPO, **kwargs)


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


# --- no path: standard input when something is piped, else the bundled example, said -----

@pytest.mark.parametrize("command", [["show", "-f", "jsonl"], ["check", "-f", "jsonl"],
                                     ["validate"], ["export", "-f", "csv"],
                                     ["check-pause", "-f", "jsonl"]])
def test_with_no_path_a_pipe_is_read_not_the_bundled_example(command):
    piped = timeline(*command, input=jsonl(KYIV).encode())
    assert piped.returncode == 0, piped.stderr
    assert NOTE not in piped.stderr.decode()
    if command[0] == "show":
        assert [json.loads(line)["id"] for line in piped.stdout.splitlines()] == ["k1"]
    if command[0] == "validate":
        assert "valid: 1 record" in piped.stderr.decode()
    if command[0] == "check":  # the one piped strike has nothing to find; the demo has 3
        assert piped.stdout == b"" and "0 findings in 1 record" in piped.stderr.decode()
    if command[0] == "export":
        assert b"k1" in piped.stdout and b"strike-2026-01-30-overnight" not in piped.stdout


def test_with_no_path_an_empty_pipe_is_an_error_not_the_demo():
    # `timeline check $DATA` with an empty $DATA in a CI step must not pass on the demo
    result = timeline("check", input=b"")
    assert result.returncode == 2
    assert "standard input is empty" in result.stderr.decode()


def test_with_no_path_and_nothing_on_stdin_the_bundled_example_is_named():
    with open(os.devnull, "rb") as nothing:
        result = timeline("show", "-f", "jsonl", stdin=nothing)
    assert result.returncode == 0
    assert result.stderr.decode() == NOTE + "\n"
    assert len(result.stdout.splitlines()) == 10
    in_process = cli("validate")  # an in-process run with empty input is like /dev/null
    assert in_process.stderr.splitlines() == [NOTE, "valid: 10 records"]


def test_a_regular_file_on_stdin_is_read(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl(KYIV))
    with path.open("rb") as stream:
        result = timeline("show", "-f", "jsonl", stdin=stream)
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == "k1"


# --- --since/--until: one rule everywhere -------------------------------------------------

def test_since_without_offset_is_read_in_the_records_one_zone(tmp_path):
    path = tmp_path / "k.jsonl"
    path.write_text(jsonl(KYIV))
    # 2026-01-30 in Kyiv starts at 22:00 UTC the day before: the strike at 01:00 is inside
    for command in (["show", "-f", "jsonl"], ["export", "-f", "csv"]):
        result = cli(*command, str(path), "--since", "2026-01-30")
        assert result.exit_code == 0 and "k1" in result.stdout, command
    result = cli("check-pause", str(path), "--since", "2026-01-30", "-f", "jsonl")
    assert result.exit_code == 0
    # read in --tz when given: 2026-01-30 UTC starts after the strike
    result = cli("show", str(path), "-f", "jsonl", "--since", "2026-01-30", "--tz", "UTC")
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize("command", [["show"], ["export", "-f", "csv"], ["check-pause"],
                                     ["plot", "--terminal"]])
def test_since_without_offset_over_several_zones_asks_for_tz(command):
    result = cli(*command, str(EVENTS), "--since", "2026-01-30")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(
        "error: --since '2026-01-30' has no UTC offset, and the records are in 2 zones "
        "(America/New_York, Europe/Kyiv): say which zone it is in with --tz")
    with_offset = cli(*command, str(EVENTS), "--since", "2026-01-30T00:00+02:00")
    assert with_offset.exit_code in (0, 1), with_offset.stderr


def test_since_after_until_is_a_usage_error():
    result = cli("show", str(EVENTS), "--since", "2026-02-01", "--until", "2026-01-01",
                 "--tz", "UTC")
    assert result.exit_code == 2
    assert "error: --since '2026-02-01' is after --until '2026-01-01'" in result.stderr


# --- check-pause without pauses; usage mistakes -------------------------------------------

def test_usage_mistakes_exit_2_with_a_message():
    cases = [
        (["check", str(EVENTS), "--select", ""], "--select '' names no rule"),
        (["check", str(EVENTS), "--select", "ALL", "--ignore", "ALL"],
         "--select and --ignore leave no rule to run"),
        (["check-pause", str(EVENTS), "--strict", "--exit-zero"],
         "--strict and --exit-zero contradict each other"),
    ]
    for args, message in cases:
        result = cli(*args)
        assert (result.exit_code, result.stdout) == (2, ""), args
        assert message in result.stderr, args


def test_tz_is_read_whatever_its_case():
    lower = cli("show", str(EVENTS), "--tz", "utc", "--kind", "strike")
    assert lower.exit_code == 0
    assert "29 Jan 2026 16:00 → 30 Jan 2026 06:00 UTC" in lower.stdout
    kyiv = cli("show", str(EVENTS), "--tz", "europe/kyiv", "-f", "jsonl")
    assert kyiv.exit_code == 0
    assert cli("show", str(EVENTS), "--tz", "Mars/Base").exit_code == 2


# --- show: headings at each record's precision, styles, pipes -----------------------------

def test_show_heads_each_record_at_the_precision_it_has():
    out = cli("show", str(EVENTS), "--tz", "UTC").stdout
    headings = [line for line in out.splitlines() if line.startswith("── ")]
    # a month is "January 2026", not "Thursday 1 January 2026"; New York's whole day of 29
    # January stays that day in UTC, not "Wednesday 28"
    assert headings[0] == "── January 2026"
    assert "Thursday 1 January 2026" not in out and "Wednesday 28 January 2026" not in out
    trump = out.index("Trump: Putin agreed")
    assert out.rfind("── ", 0, trump) == out.index("── Thursday 29 January 2026")
    help_text = " ".join(cli("show", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "a month-precision record under \"January 2026\"" in help_text


def test_show_headlines_are_bold_not_dim():
    out = cli("show", str(EVENTS), "--kind", "strike",
              env={"FORCE_COLOR": "1", "NO_COLOR": None}).stdout
    title = "Overnight attack"
    start = out.index(title)
    codes = re.findall(r"\x1b\[([0-9;]*)m", out[:start])
    assert codes[-1] == "1"  # bold only: a dim base style no longer bleeds into it


def test_piped_text_is_neither_padded_nor_wrapped():
    long_title = "A headline " + "that goes on " * 20
    record = {**KYIV, "title": long_title.strip()}
    result = timeline("show", "-", input=jsonl(record).encode())
    lines = result.stdout.decode().splitlines()
    assert all(line == line.rstrip(" ") for line in lines)
    assert any(line.strip() == long_title.strip() for line in lines)  # one line, whole
    check = timeline("check", str(EVENTS))
    assert all(line == line.rstrip(" ") for line in check.stdout.decode().splitlines())


def test_show_is_never_paged_when_piped(tmp_path):
    marker = tmp_path / "paged"
    env = {**ENV, "PAGER": f"cat > {marker}"}
    subprocess.run([sys.executable, "-m", "conflict_timeline", "show", str(EVENTS)],
                   capture_output=True, env=env, cwd=REPO, check=True)
    assert not marker.exists()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")
def test_long_show_output_on_a_terminal_goes_through_the_pager(tmp_path):
    marker = tmp_path / "paged"
    primary, secondary = os.openpty()
    env = {**ENV, "PAGER": f"cat > {marker}", "LINES": "5", "COLUMNS": "100"}
    try:
        subprocess.run([sys.executable, "-m", "conflict_timeline", "show", str(EVENTS)],
                       stdin=secondary, stdout=secondary, stderr=subprocess.DEVNULL,
                       env=env, cwd=REPO, check=True, timeout=60)
        assert "Overnight attack" in marker.read_text()
        marker.unlink()
        subprocess.run([sys.executable, "-m", "conflict_timeline", "show", str(EVENTS),
                        "--no-pager"], stdin=secondary, stdout=secondary,
                       stderr=subprocess.DEVNULL, env=env, cwd=REPO, check=True, timeout=60)
        assert not marker.exists()
    finally:
        os.close(primary)
        os.close(secondary)


# --- messages in the project's own words --------------------------------------------------

@pytest.mark.parametrize("field, value, message", [
    ("targets", "energy", "field 'targets': must be a list ([…]), not the text 'energy': "
                          "write [\"energy\"] for one"),
    ("targets", ["foo"], "field 'targets[0]': the text 'foo' is not an accepted value: use "
                         "one of energy, residential, civilian_infrastructure, military, "
                         "government, transport, other"),
    ("title", 5, "field 'title': must be text in quotes, not the number 5"),
    ("location", {"lat": 95}, "field 'location.lat': must be at most 90, not the number 95"),
])
def test_validator_wording_never_leaks(tmp_path, field, value, message):
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl({**KYIV, field: value}))
    result = cli("validate", str(path))
    assert result.stdout == f"{path}: line 1, id 'k1': {message}\n"
    assert "Input should" not in result.stdout and "Value error" not in result.stdout


def test_json_problems_carry_the_line_the_record_starts_on(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"tz": "UTC",\n "events": [\n  {"id": "a", "kind": "strike",\n'
                    '   "when": "2026-01-30", "title": "t"},\n'
                    '  {"id": "b", "kind": "strike",\n   "when": "2026-01-30", "title": ""}\n'
                    ' ]}\n')
    result = cli("validate", str(path))
    assert result.stdout == (f"{path}: record 2 (index 1, line 5), id 'b': field 'title': "
                             "must not be empty\n")


# --- conventions --------------------------------------------------------------------------

PYTHON_TYPES = re.compile(r"<(bool|str|int|list\[|text\||[a-z]+ range)|\[x>=")


@pytest.mark.parametrize("command", [[], ["show"], ["check"], ["check-pause"], ["export"],
                                     ["validate"], ["rules"], ["schema"]])
def test_help_shows_no_python_types(command):
    result = cli(*command, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert PYTHON_TYPES.search(result.stdout) is None, PYTHON_TYPES.search(result.stdout)


def test_shell_completion_is_offered():
    out = cli("--help", env={"COLUMNS": "200"}).stdout
    assert "--install-completion" in out and "--show-completion" in out


def test_export_infers_the_format_from_the_extension_and_filters(tmp_path):
    target = tmp_path / "story.ics"
    result = cli("export", str(EVENTS), "-o", str(target), "--kind", "strike")
    assert result.exit_code == 0, result.stderr
    calendar = target.read_text()
    assert calendar.startswith("BEGIN:VCALENDAR") and calendar.count("BEGIN:VEVENT") == 1
    csv = cli("export", str(EVENTS), "-o", str(tmp_path / "s.csv"), "--kind", "pause")
    assert csv.exit_code == 0
    assert (tmp_path / "s.csv").read_text().count("pause-2026-01-cold") == 2
    unknown = cli("export", str(EVENTS), "-o", str(tmp_path / "s.xlsx"))
    assert unknown.exit_code == 2 and "cannot tell the export format" in unknown.stderr
    nothing = cli("export", str(EVENTS))
    assert nothing.exit_code == 2 and "say which format" in nothing.stderr


def test_check_pause_writes_json_lines_and_its_summary_on_stderr():
    result = cli("check-pause", str(EVENTS), "-f", "jsonl")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["pause"], f["verdict"]) for f in lines] == [
        ("pause-2026-01-cold-us", "possible_violation"), ("pause-2026-01-cold-ua", "outside_scope")]
    text = cli("check-pause", str(EVENTS))
    assert "findings on" not in text.stdout and "2 findings on 1 strike" in text.stderr


def test_check_concise_is_file_line_column_code_message():
    lines = cli("check", str(EVENTS), "--concise").stdout.splitlines()
    assert lines[0].startswith("events/pause-2026-01.toml:67:1: P004 readings of ")
    assert lines[1].startswith("events/attack-2026-01-30.json:4:1: P002 strike possibly inside")


def test_check_tz_shows_record_times_in_that_zone():
    out = cli("check", str(EVENTS), "--tz", "UTC").stdout
    assert "29 Jan 2026 16:00 → 30 Jan 2026 06:00 UTC  ·  events/attack-2026-01-30.json" in out


def test_input_format_reads_a_path_of_any_name(tmp_path):
    path = tmp_path / "records.txt"
    path.write_text(jsonl(KYIV))
    refused = cli("show", str(path))
    assert refused.exit_code == 2 and "--input-format json|jsonl|toml" in refused.stderr
    read = cli("show", str(path), "--input-format", "jsonl", "-f", "jsonl")
    assert read.exit_code == 0 and json.loads(read.stdout)["id"] == "k1"


# --- a hostile machine ---------------------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["show", str(EVENTS)], ["--help"], ["--version"],
                                  ["check", str(EVENTS)], ["export", "-f", "csv", str(EVENTS)],
                                  ["check-pause", str(EVENTS), "-f", "json"]])
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(args):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "conflict_timeline", *args],
                                stdout=full, stderr=subprocess.PIPE, env=ENV, cwd=REPO)
    assert result.returncode == 2
    assert result.stderr.decode() == "error: cannot write the output: No space left on device\n"


def test_running_out_of_memory_after_loading_is_said_in_every_stage():
    program = ("import sys, conflict_timeline.checks.runner as runner\n"
               "def exhausted(*a, **k): raise MemoryError\n"
               "runner.run_rules = exhausted\n"
               "sys.argv = ['timeline', 'check', sys.argv[1]]\n"
               "from conflict_timeline.cli import main\nmain()\n")
    result = subprocess.run([sys.executable, "-c", program, str(EVENTS)], capture_output=True,
                            env=ENV, cwd=REPO, timeout=120)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("error: not enough memory for checking 10 records")
    assert b"Traceback" not in result.stderr


def test_running_out_of_memory_in_any_stage_is_one_line_and_exit_2():
    # past the stages that name themselves, the entry point says it for every command
    program = ("import sys, conflict_timeline.rendering.show_text as show_text\n"
               "def exhausted(*a, **k): raise MemoryError\n"
               "show_text.print_show = exhausted\n"
               "sys.argv = ['timeline', 'show', sys.argv[1]]\n"
               "from conflict_timeline.cli import main\nmain()\n")
    result = subprocess.run([sys.executable, "-c", program, str(EVENTS)], capture_output=True,
                            env=ENV, cwd=REPO, timeout=120)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "error: not enough memory for this command (the input was read, but what it asks "
        "for does not fit): give fewer records, e.g. with --since/--until, --kind\n")


def test_records_are_never_silently_lost_from_a_directory(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.jsonl").write_text(jsonl(KYIV))
    (data / "gone.jsonl").symlink_to(tmp_path / "missing.jsonl")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.jsonl").write_text(jsonl({**KYIV, "id": "k2"}))
    (data / "linked").symlink_to(elsewhere)
    result = cli("show", str(data))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[1:] == [
        f"  {data / 'gone.jsonl'}: a link to nothing (it points to "
        f"'{tmp_path / 'missing.jsonl'}', which does not exist): fix or remove the link",
        f"  {data / 'linked'}: a link to a directory, not followed (a link can loop, or lead "
        f"outside the data set): name {elsewhere} as a PATH to read it",
    ]


def test_an_unreadable_subdirectory_is_a_located_problem(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "locked").mkdir(parents=True)
    (data / "a.jsonl").write_text(jsonl(KYIV))
    real_scandir = os.scandir

    def scandir(path):  # the operating system refusing, as it does for mode 000
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("show", str(data))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1] == (
        f"  {data / 'locked'}: cannot read this directory (Permission denied): the records in "
        "it would be missing; make it readable or leave it out")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads a mode-000 directory anyway")
def test_a_mode_000_subdirectory_is_a_located_problem(tmp_path):
    data = tmp_path / "data"
    locked = data / "locked"
    locked.mkdir(parents=True)
    (locked / "x.jsonl").write_text(jsonl(KYIV))
    locked.chmod(0)
    try:
        result = cli("show", str(data))
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2 and "cannot read this directory" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_an_endless_stream_stops_at_the_line_bound():
    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run([sys.executable, "-m", "conflict_timeline", "show", "-"],
                                stdin=zeros, capture_output=True, env=ENV, cwd=REPO,
                                timeout=300)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[1] == (
        f"  <stdin>: line 1: a line longer than {MAX_LINE_BYTES // 2**20} MB: no record is that "
        "large; this is not a record file (read no further)")


def test_only_the_first_problems_are_listed_with_a_count_of_the_rest(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("not json\n" * 250)
    shown = cli("show", str(path))
    lines = shown.stderr.splitlines()
    assert lines[0] == "error: 250 problems in the input; nothing was loaded"
    assert len(lines) == 1 + 200 + 1
    assert lines[-1] == "  … and 50 more problems (--max-problems N lists more)"
    few = cli("show", str(path), "--max-problems", "3").stderr.splitlines()
    assert len(few) == 5 and few[-1] == "  … and 247 more problems (--max-problems N lists more)"
    report = json.loads(cli("validate", str(path), "-f", "json", "--max-problems", "5").stdout)
    assert (len(report["problems"]), report["more_problems"]) == (5, 245)
    text = cli("validate", str(path), "--max-problems", "5")
    assert len(text.stdout.splitlines()) == 5
    assert "invalid: 250 problems (the first 5 listed" in text.stderr


def test_shared_data_can_live_elsewhere(monkeypatch, tmp_path):
    monkeypatch.setenv(SHARED_DATA_VARIABLE, str(tmp_path))
    assert shared_data_dir() == tmp_path
    monkeypatch.delenv(SHARED_DATA_VARIABLE)
    assert shared_data_dir() == REPO.parent / "shared" / "data"
