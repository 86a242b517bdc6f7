"""The top-level help: the commands a person came for first, nothing about internals."""

from __future__ import annotations

from typer.testing import CliRunner

from conflict_timeline.cli import app

COMMANDS = ["check-pause", "show", "check", "export", "import", "plot", "rules", "schema",
            "validate"]


def _help() -> str:
    return CliRunner().invoke(app, ["--help"], terminal_width=100).output


def test_the_help_lists_the_commands_the_tool_is_for_first():
    listed = [line.split()[1] for line in _help().splitlines()
              if line.startswith("│ ") and len(line.split()) > 2 and line.split()[1] in COMMANDS]
    assert listed == COMMANDS


def test_the_help_says_nothing_of_caches():
    assert "cache" not in _help().lower()


def test_usage_mistakes_are_told_in_the_projects_words_not_the_validators():
    runner = CliRunner()
    for args, says in ((["show", "events", "-f", "xml"], "'xml' is not one of 'text'"),
                       (["check-pause", "events", "--max-problems", "x"],
                        "--max-problems': a whole number is expected"),
                       (["import", "gdelt", "x.csv"], "'gdelt' is not one of 'missile-attacks'")):
        result = runner.invoke(app, args, terminal_width=200)
        assert result.exit_code == 2
        assert says in result.output
        assert "Value error" not in result.output and "Input should" not in result.output


def test_import_help_shows_no_python_types():
    text = CliRunner().invoke(app, ["import", "--help"], terminal_width=100).output
    assert "<list[str]>" not in text and "<missile-attacks" not in text
    assert "FORMAT is missile-attacks" in text
