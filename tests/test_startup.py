"""Start-up: what the command imports before its work (see "Performance" in the README)."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _timeline(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "conflict_timeline", *args],
                          capture_output=True, text=True, env={**environment, **(env or {})})


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
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[] False", "pydantic True"]
