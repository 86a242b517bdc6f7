"""Terminal safety: text from records, file names and the command line reaches the terminal
as text — Rich markup shown literally, control and bidi characters shown escaped."""

import json
import re

import pytest
from hypothesis import given

from conflict_timeline.rendering.safe import UNSAFE_CHARACTERS, clean_text

from .conftest import cli
from .strategies import HOSTILE_TEXT, text

SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colours: the only escapes allowed out
WIDE = {"COLUMNS": "20000"}  # no wrapping, so a string can be found whole
MARKUP = ["[bold red]fake alert[/]", "[link=https://evil.example]click[/link]"]


def assert_terminal_safe(output: str) -> str:
    """Nothing but Rich's colour codes may act on the terminal; returns the plain text."""
    plain = SGR.sub("", output)
    assert "\x1b" not in plain
    found = UNSAFE_CHARACTERS.search(plain)
    assert found is None, f"{found.group()!r} reached the terminal"
    return plain


@given(text)
def test_clean_text_leaves_nothing_that_acts_on_a_terminal(value):
    cleaned = clean_text(value)
    assert UNSAFE_CHARACTERS.search(cleaned) is None
    assert "\n" not in cleaned and "\t" not in cleaned
    if UNSAFE_CHARACTERS.search(value) is None:
        assert cleaned == value.replace("\n", " ").replace("\t", " ")


@pytest.mark.parametrize("value, shown", [
    ("\x1b[2J", "\\x1b[2J"), ("a\x07b", "a\\x07b"), ("\x9b31m", "\\x9b31m"),
    ("\u202eabc", "\\u202eabc"), ("x\u2028y", "x\\u2028y"), ("\ud800", "\\ud800"),
    ("[bold]x[/]", "[bold]x[/]"), ("a\r\nb", "a\\x0d b"),
])
def test_clean_text_shows_what_it_escapes(value, shown):
    assert clean_text(value) == shown


def hostile_records():
    """A strike and two readings of one pause with hostile text in every field shown."""
    evil = " | ".join(HOSTILE_TEXT)
    place = {"country": evil, "region": "\x1b[31mZaporizhzhia\u202e", "place": evil}
    sources = [{"name": evil, "url": "https://x.example/\x1b]8;;https://evil\x07",
                "published": "\x1b[2J2026"}]
    strike = {"id": "s\x1b[31m-1\u202e", "kind": "strike", "tz": "UTC",
              "when": "2026-01-30T03:00Z", "title": evil, "by": "Russia\x07",
              "actors": [evil], "targets": ["energy"], "location": place,
              "sources": sources, "summary": evil, "target_description": evil}
    pause = {"kind": "pause", "tz": "UTC", "when": "2026-01-29/P7D", "title": evil,
             "claimed_by": evil, "binds": ["Russia\x07", evil], "arrangement": "a\x1b[5m",
             "sources": sources}
    # two claimants: two readings (one claimant's records would be clauses of one reading)
    readings = [{**pause, "id": "p\x1b[1m-1"},
                {**pause, "id": "p-2\u2066", "claimed_by": f"other {evil}",
                 "scope": {"regions": [evil, "\u202eKyiv"]}}]
    statement = {"id": "t\x08-1", "kind": "statement", "tz": "UTC", "when": "2026-01-30",
                 "title": evil, "speaker": evil, "quote": evil}
    return [strike, *readings, statement]


@pytest.fixture
def hostile_file(tmp_path):
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(hostile_records(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["show"], ["check-pause"]])
@pytest.mark.parametrize("colour", [{"FORCE_COLOR": "1"}, {"NO_COLOR": "1"}])
def test_record_text_reaches_the_terminal_as_text(hostile_file, command, colour):
    result = cli(*command, str(hostile_file), env={**WIDE, **colour})
    assert result.exit_code in (0, 1), result.stderr
    plain = assert_terminal_safe(result.stdout)
    for markup in MARKUP:
        assert markup in plain  # printed literally, not interpreted
    assert "\\x1b]8;;https://evil.example" in plain  # the OSC 8 hyperlink, shown escaped
    assert "\\u202e" in plain and "\\x07" in plain and "\\x9b31m" in plain
    if "NO_COLOR" in colour:
        assert "\x1b" not in result.stdout


@pytest.mark.parametrize("command", [["check"], ["check", "--group-by", "rule"],
                                     ["check", "--concise"], ["check", "-f", "github"],
                                     ["check", "-f", "markdown"]])
def test_check_findings_reach_the_terminal_as_text(hostile_file, command):
    result = cli(*command, str(hostile_file), env={**WIDE, "FORCE_COLOR": "1"})
    assert result.exit_code == 1, result.stderr  # a strike inside a pause: an error finding
    plain = assert_terminal_safe(result.stdout)
    assert_terminal_safe(result.stderr)
    assert "P001" in plain
    if "markdown" in command:  # escaped for Markdown as well: no table cell or link breaks
        assert "s\\\\x1b\\[31m-1\\\\u202e" in plain
        assert "\\[bold red\\]fake alert\\[/\\]" in plain
        return
    assert "s\\x1b[31m-1\\u202e" in plain  # the strike's id, escaped wherever it is named
    assert "[bold red]fake alert[/]" in plain
    if "--concise" not in command and "github" not in command:
        assert "\\x1b]8;;https://evil.example\\x07hyperlink" in plain


def test_check_pause_report_names_every_hostile_part_escaped(hostile_file):
    plain = assert_terminal_safe(cli("check-pause", str(hostile_file), env=WIDE).stdout)
    assert "[s\\x1b[31m-1\\u202e]" in plain  # the strike id
    assert "p\\x1b[1m-1; arrangement a\\x1b[5m" in plain
    assert "\\x1b[31mZaporizhzhia\\u202e is outside this reading's regions" in plain
    assert "<https://x.example/\\x1b]8;;https://evil\\x07>" in plain  # the source URL
    assert "The verdict depends on the reading" in plain


@pytest.mark.parametrize("command", [["show", "-f", "json"], ["show", "-f", "jsonl"],
                                     ["check-pause", "-f", "json"]])
def test_machine_output_escapes_what_would_act_on_a_terminal(hostile_file, command):
    result = cli(*command, str(hostile_file))
    assert result.exit_code in (0, 1)
    assert UNSAFE_CHARACTERS.search(result.stdout) is None and "\x1b" not in result.stdout
    parsed = ([json.loads(line) for line in result.stdout.splitlines()]
              if "jsonl" in command else json.loads(result.stdout))
    if command[0] == "show":  # the same strings once parsed
        titles = {item["title"] for item in parsed}
        assert titles == {hostile_records()[0]["title"]}


@pytest.mark.parametrize("fmt", ["csv", "markdown", "timelinejs", "timesketch", "ics"])
def test_exports_printed_to_a_terminal_act_on_nothing(hostile_file, fmt):
    result = cli("export", "-f", fmt, str(hostile_file))
    assert result.exit_code == 0, result.stderr
    out = result.stdout.replace("\r\n", "\n")  # the line ends of CSV and iCalendar
    assert UNSAFE_CHARACTERS.search(out) is None and "\x1b" not in out
    title = hostile_records()[0]["title"]
    if fmt == "timelinejs":  # JSON: escaped as \uXXXX, so the same text once parsed
        headlines = {s["text"]["headline"] for s in json.loads(out)["events"]}
        assert any("\x1b]0;new window title\x07" in h for h in headlines)
    elif fmt == "timesketch":
        assert json.loads(out.splitlines()[0])["title"] == title
    elif fmt == "csv":  # no escape in these formats: shown as in the terminal
        assert "\\x1b]8;;https://evil.example" in out
    else:  # the same, with the format's own escaping of the backslash on top
        assert "\\\\x1b" in out and "https://evil.example" in out.replace("\n ", "")


def test_error_messages_escape_file_names_ids_and_keys(tmp_path):
    directory = tmp_path / "in"
    directory.mkdir()
    (directory / "bad\x1b[31m\u202e.json").write_text("[", encoding="utf-8")
    record = {"id": "d\x1b]8;;https://evil\x07", "kind": "strike", "tz": "UTC", "when": "2026",
              "title": "t"}
    lines = [record, record, {**record, "\x1b[2Jkey": 1}]
    (directory / "a.jsonl").write_text("\n".join(json.dumps(line) for line in lines))
    result = cli("show", str(directory), env={**WIDE, "FORCE_COLOR": "1"})
    assert result.exit_code == 2
    plain = assert_terminal_safe(result.stderr)
    assert "bad\\x1b[31m\\u202e.json: line 1, column 2: invalid JSON" in plain
    assert "id 'd\\x1b]8;;https://evil\\x07': field '\\x1b[2Jkey': unknown field" in plain
    assert "duplicate id 'd\\x1b]8;;https://evil\\x07'" in plain  # its repr


@pytest.mark.parametrize("argv", [
    ["show", "--\x1b[31mbad\u202e"],
    ["show", "--since", "\x1b]8;;https://evil\x07x"],
    ["show", "--tz", "\u202eUTC"],
    ["show", "--kind", "\x1b[2Jstrike"],
    ["\x1b[31mshow\u2066"],
    ["show", "-f", "\x9b31m"],
    ["rules", "\x1b]8;;https://evil\x07P001"],
    ["check", "--select", "\u202eP001"],
])
def test_usage_errors_echo_the_command_line_escaped(argv):
    result = cli(*argv, env={**WIDE, "FORCE_COLOR": "1"})
    assert result.exit_code == 2
    assert_terminal_safe(result.stderr)
    assert "\\x1b" in result.stderr or "\\u202e" in result.stderr or "\\u2066" in result.stderr \
        or "\\x9b" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"], ["check-pause", "--help"],
                                  ["check", "--help"], ["rules"], ["rules", "P001"]])
def test_help_renders_its_markup_and_nothing_else(args):
    result = cli(*args, env={**WIDE, "FORCE_COLOR": "1"})
    assert result.exit_code == 0
    plain = assert_terminal_safe(result.stdout)
    assert "[bold]" not in plain and "[/]" not in plain
    if args[0] == "check-pause":
        assert "outside_scope" in plain and "possible_violation" in plain
