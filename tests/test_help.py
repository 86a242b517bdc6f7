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
