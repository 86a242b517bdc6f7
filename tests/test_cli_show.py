import json
import re
import signal
import subprocess
import sys

import pytest

from conflict_timeline import __version__
from conflict_timeline.cli.show import ShowFormat
from conflict_timeline.loading import load_records
from conflict_timeline.records import record_to_dict

from .conftest import EVENTS

STORY_ORDER = [
    "neg-security-guarantees-2026-01", "neg-territory-2026-01", "stmt-zelensky-nato-trade",
    # the New York day and the week from it start together: the shorter span first, then id
    "stmt-zelensky-pause-reading", "stmt-trump-cabinet-2026-01-29", "pause-2026-01-cold-ua",
    "pause-2026-01-cold-us", "strike-2026-01-30-overnight", "stmt-zelensky-donetsk-2026-01-30",
    "stmt-zelensky-eu-2027",
]


def test_version_and_both_help_flags(run):
    assert run("--version").stdout == f"timeline {__version__}\n"
    for flag in ("-h", "--help"):
        result = run("show", flag)
        assert result.exit_code == 0
        for option in ("--format", "--tz", "--kind", "--since", "--until", "--actor",
                       "--region", "--tag"):
            assert option in result.stdout


def test_show_text_groups_by_day_with_precision_visible(run):
    result = run("show")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Thursday 29 January 2026" in out and "Friday 30 January 2026" in out
    assert "night of 29–30 Jan 2026, 18:00–08:00 EET" in out
    assert "Jan 2026 (month, Europe/Kyiv)" in out
    assert "29 Jan 2026 (whole day, America/New_York)" in out
    assert "10 records: 2 negotiations, 2 pauses, 5 statements, 1 strike" in out
    assert "\x1b[" not in out  # no colour when stdout is not a terminal


def test_show_json_is_ordered_and_carries_resolved_spans(run):
    result = run("show", str(EVENTS), "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    items = json.loads(result.stdout)
    assert [i["id"] for i in items] == STORY_ORDER
    strike = items[STORY_ORDER.index("strike-2026-01-30-overnight")]
    assert strike["span"] == {"start": "2026-01-29T18:00:00+02:00",
                              "end": "2026-01-30T08:00:00+02:00",
                              "precision": "interval", "zone": "Europe/Kyiv"}
    assert strike["when"] == "2026-01-29T18:00/2026-01-30T08:00"
    assert strike["tz"] == "Europe/Kyiv"  # the file default travels with the record


def test_show_output_loads_again_to_the_same_records(run, tmp_path):
    for fmt, name in ((ShowFormat.json, "out.json"), (ShowFormat.jsonl, "out.jsonl")):
        result = run("show", "--format", fmt.value)
        path = tmp_path / name
        path.write_text(result.stdout)
        again = {r.id: record_to_dict(r) for r in load_records([path])}
        original = {r.id: record_to_dict(r) for r in load_records([EVENTS])}
        assert again == original


def test_every_show_format_works(run):
    for fmt in ShowFormat:
        result = run("show", "--format", fmt.value, "--kind", "strike")
        assert result.exit_code == 0
        assert "Overnight attack" in result.stdout


def test_filters_and_tz(run):
    result = run("show", "-f", "jsonl", "--kind", "statement", "--actor", "zelensky",
                 "--since", "2026-01-30", "--tz", "Europe/Kyiv")
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["stmt-zelensky-nato-trade", "stmt-zelensky-pause-reading",
                   "stmt-zelensky-donetsk-2026-01-30", "stmt-zelensky-eu-2027"]
    result = run("show", "--tz", "UTC", "--kind", "strike")
    assert "29 Jan 2026 16:00 → 30 Jan 2026 06:00 UTC" in result.stdout
    result = run("show", "-f", "json", "--region", "zaporizhzhia", "--tag", "drones")
    assert [i["id"] for i in json.loads(result.stdout)] == ["strike-2026-01-30-overnight"]


def test_reads_stdin(run):
    line = json.dumps({"id": "x", "kind": "strike", "when": "2026-01-30T03:15+02:00",
                       "title": "From a pipe"})
    result = run("show", "-", "-f", "jsonl", input=line + "\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["span"]["precision"] == "minute"


@pytest.mark.parametrize("args, message", [
    (["--tz", "Mars/Base"], "unknown time zone 'Mars/Base'"),
    (["--since", "last week"], "cannot read --since 'last week'"),
    (["--kind", "airstrike"], "'airstrike' is not one of"),
    (["--format", "xml"], "'xml' is not one of"),
])
def test_bad_options_exit_2(run, args, message):
    result = run("show", *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split()).replace("│", "").replace("  ", " ")


def test_bad_file_exits_2_with_every_problem_on_stderr(run, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "kind": "strike", "when": "2026-01-30T25:00+02:00", "title": "t"}\n'
                    '{"id": "b", "kind": "pause", "when": "2026-01", "title": "t"}\n')
    result = run("show", str(path))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: 4 problems in the input; nothing was loaded",
        f"  {path}: line 1, id 'a': field 'when': when '2026-01-30T25:00+02:00' is not a real "
        "date or time: hour must be in 0..23",
        f"  {path}: line 2, id 'b': field 'when': when '2026-01' has no UTC offset and no time "
        "zone applies: give the offset (e.g. 2026-01-30T03:15+02:00), or set 'tz' on the "
        "record or the file (e.g. \"tz\": \"Europe/Kyiv\")",
        f"  {path}: line 2, id 'b': field 'claimed_by': missing: required for a pause record",
        f"  {path}: line 2, id 'b': field 'binds': missing: required for a pause record",
    ]


def test_record_text_cannot_act_on_the_terminal(run, tmp_path):
    evil = {"id": "e", "kind": "strike", "when": "2026-01-30T03:15+02:00",
            "title": "[bold red]fake[/] \x1b]8;;http://x\x07link\x1b]8;;\x07 \u202eevil"}
    path = tmp_path / "e.json"
    path.write_text(json.dumps([evil]))
    out = run("show", str(path), env={"FORCE_COLOR": "1"}).stdout
    assert "[bold red]fake[/]" in out
    assert "\x07" not in out and "\u202e" not in out and "\\x1b]8;;" in out


def test_no_color_and_pipes_get_plain_text():
    base = [sys.executable, "-m", "conflict_timeline", "show", "--kind", "strike"]
    piped = subprocess.run(base, capture_output=True, text=True, check=True)
    assert "\x1b[" not in piped.stdout and "Overnight attack" in piped.stdout


COLOUR_SGR = re.compile(r"\x1b\[[0-9;]*\b(3[0-8]|9[0-7])(;[0-9;]*)?m")


def test_colour_on_a_terminal_and_no_color_wins(run):
    coloured = run("show", "--kind", "strike", env={"FORCE_COLOR": "1", "NO_COLOR": None}).stdout
    assert COLOUR_SGR.search(coloured)  # the strike's red
    # NO_COLOR removes colour (bold and dim may stay, as no-color.org allows)
    plain = run("show", "--kind", "strike", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert not COLOUR_SGR.search(plain) and "Overnight attack" in plain


OK = {"id": "ok", "kind": "strike", "tz": "UTC", "when": "2026-01-30", "title": "fine"}


@pytest.mark.parametrize("content, message", [
    ('[{"id": "a",', "invalid JSON: Expecting property name enclosed in double quotes"),
    (json.dumps([{**OK, "kind": "rumour"}]), "field 'kind': unknown kind 'rumour'"),
    (json.dumps([{k: v for k, v in OK.items() if k != "title"}]), "field 'title': missing"),
    (json.dumps([{**OK, "by": ["Russia"]}]), "field 'by': must be text in quotes, not a list"),
    (json.dumps([{**OK, "when": "2026-01-30T10:00/2026-01-29T10:00"}]),
     "field 'when': the interval ends (2026-01-29T10:00:00+00:00) no later than it starts"),
    (json.dumps([OK, OK]), "record 2 (index 1, line 1): field 'id': duplicate id 'ok'"),
])
@pytest.mark.parametrize("command", ["show", "check-pause"])
def test_each_kind_of_bad_input_exits_2_with_a_located_message(run, tmp_path, command,
                                                               content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = run(command, str(path))
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="no SIGPIPE on this platform")
def test_a_reader_that_stops_early_ends_show_quietly(tmp_path):
    records = [{"id": f"s{i}", "kind": "strike", "when": "2026-01-30", "tz": "Europe/Kyiv",
                "title": "x" * 200} for i in range(3000)]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "conflict_timeline", "show", str(path),
                              "-f", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = child.stdout.readline()
    child.stdout.close()  # as `head -1` does: the rest of the output has nowhere to go
    stderr = child.stderr.read()
    assert json.loads(first)["id"] == "s0"
    assert child.wait() == -signal.SIGPIPE
    assert stderr == b""
