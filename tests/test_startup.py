"""Start-up: what the command imports before its work (see "Performance" in the README)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conflict_timeline.cli import COMMAND_MODULES, app, named_command

from .conftest import EVENTS


def _timeline(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "conflict_timeline", *args],
                          capture_output=True, text=True, env={**environment, **(env or {})})


def _python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _imported(result: subprocess.CompletedProcess) -> set[str]:
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
            if line.startswith("import time:")}


def test_with_plugins_disabled_the_command_never_imports_importlib_metadata():
    result = _timeline("show", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 10
    assert "importlib.metadata" not in _imported(result)
    assert "pydantic.plugin._loader" not in _imported(result)


def test_a_user_who_wants_pydantic_plugins_gets_the_real_plugin_loader():
    result = _timeline("show", "--format", "json", env={"PYDANTIC_DISABLE_PLUGINS": "0"})
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 10
    assert {"importlib.metadata", "pydantic.plugin._loader"} <= _imported(result)


def test_the_stand_in_finds_no_plugins_and_hands_other_names_to_the_real_loader():
    code = ("import os, sys; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '1'\n"
            "from conflict_timeline.cli import _stand_in_for_plugin_loader\n"
            "_stand_in_for_plugin_loader()\n"
            "from pydantic.plugin._loader import get_plugins\n"
            "print(list(get_plugins()), 'importlib.metadata' in sys.modules)\n"
            "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
            "print(PYDANTIC_ENTRY_POINT_GROUP, 'importlib.metadata' in sys.modules)\n")
    assert _python(code).splitlines() == ["[] False", "pydantic True"]


COMMANDS = ["check", "check-pause", "export", "import", "plot", "rules", "schema", "show",
            "validate"]


def _alone(command: str, *runs: list[str]) -> list:
    """What the application answers to each of ``runs`` in a process where only ``command``
    was registered, as ``main()`` registers it: its registered names, then (exit code,
    output) of each run."""
    code = ("import json, sys\n"
            "from typer.testing import CliRunner\n"
            "from conflict_timeline import cli\n"
            "from conflict_timeline.cli.application import app\n"
            f"cli.register_commands(cli.named_command([{command!r}]))\n"
            "answers = [[c.name or c.callback.__name__ for c in app.registered_commands]]\n"
            f"for args in {[list(r) for r in runs]!r}:\n"
            "    result = CliRunner().invoke(app, args, env={'COLUMNS': '100'})\n"
            "    answers.append([result.exit_code, result.output])\n"
            "print(json.dumps(answers))\n")
    return json.loads(_python(code))


def _among_all(args: list[str]) -> list:
    result = CliRunner().invoke(app, args, env={"COLUMNS": "100"})
    return [result.exit_code, result.output]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_built_alone_answers_as_it_does_among_all(command):
    runs = ([command, "--help"], [command, "--no-such-option"])
    registered, *answers = _alone(command, *runs)
    assert registered == [command]
    for args, alone in zip(runs, answers):
        assert alone == _among_all(args)
        assert alone[0] in (0, 2)


def test_a_command_built_alone_runs_as_among_all():
    args = ["show", "--format", "jsonl", str(EVENTS)]
    _, alone = _alone("show", args)
    assert alone == _among_all(args) and alone[0] == 0
    assert len(alone[1].splitlines()) == 10


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["shw"], ["show-pause"]])
def test_anything_but_a_command_gets_every_command(args):
    assert list(named_command(args)) == list(COMMAND_MODULES)
    assert list(named_command(["show", *args])) == ["show"]


def test_importing_what_every_command_imports_compiles_none_of_its_patterns():
    code = ("import sys\n"
            "import conflict_timeline.cli, conflict_timeline.loading, conflict_timeline.timeline\n"
            "import conflict_timeline.rendering.machine\n"
            "from conflict_timeline.patterns import LazyPattern\n"
            "found = [(m.__name__, n) for m in list(sys.modules.values())\n"
            "         if m and m.__name__.startswith('conflict_timeline')\n"
            "         for n, v in vars(m).items() if isinstance(v, LazyPattern)]\n"
            "print(len(found), [f for f in found if 'compiled' in vars(vars(sys.modules[f[0]])[f[1]])])\n")
    count, compiled = _python(code).split(" ", 1)
    assert int(count) >= 10 and compiled.strip() == "[]"


def test_a_lazy_pattern_is_the_pattern_once_used():
    from conflict_timeline.patterns import LazyPattern

    pattern = LazyPattern(r"(\d+)-(\d+)")
    assert "compiled" not in vars(pattern)
    assert pattern.fullmatch("90-120").groups() == ("90", "120")
    assert pattern.search("x 1-2").span() == (2, 5) and pattern.sub("N", "1-2 3-4") == "N N"
    assert pattern.compiled.pattern == r"(\d+)-(\d+)" and pattern.fullmatch("90") is None


def test_each_command_module_registers_the_command_it_is_listed_for():
    code = ("from conflict_timeline import cli\n"
            "from conflict_timeline.cli.application import app\n"
            "def names():\n"
            "    return [c.name or c.callback.__name__ for c in app.registered_commands]\n"
            "before = names()\n"
            "for name in cli.COMMAND_MODULES:\n"
            "    cli.register_commands([name])\n"
            "    print(name, names()[len(before):][-1:])\n"
            "    before = names()\n")
    lines = _python(code).splitlines()
    assert sorted(lines) == [f"{name} ['{name}']" for name in COMMANDS]


def test_the_help_lists_the_commands_the_tool_is_for_first():
    listed = [line.split()[1] for line in CliRunner().invoke(app, ["--help"]).output.splitlines()
              if line.startswith("│ ") and len(line.split()) > 2 and line.split()[1] in COMMANDS]
    assert listed == ["check-pause", "show", "check", "export", "import", "plot", "rules",
                      "schema", "validate"]


def _command_modules_imported(*args: str) -> set[str]:
    code = ("import contextlib, io, sys\n"
            f"sys.argv = ['timeline', *{list(args)!r}]\n"
            "from conflict_timeline.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            "        main()\n"
            "    except SystemExit:\n"
            "        pass\n"
            "print(' '.join(m for m in sys.modules if m.startswith('conflict_timeline.cli.')))\n")
    return set(_python(code).split())


def test_a_command_imports_only_its_own_command_module():
    modules = {f"conflict_timeline.cli.{m}" for m in ("check", "check_pause", "export",
                                                       "import_records", "plot", "rules",
                                                       "schema", "show", "validate")}
    assert _command_modules_imported("show", "-f", "json") & modules == {
        "conflict_timeline.cli.show"}
    assert _command_modules_imported("check-pause") & modules == {
        "conflict_timeline.cli.check_pause"}
    assert _command_modules_imported("--help") >= modules
    assert _command_modules_imported("shw") >= modules
