"""The tool keeps nothing between runs: no cache in the user's home or anywhere else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_commands_leave_a_fresh_home_as_they_found_it(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    for args in (["show", "events", "-f", "json"], ["check-pause", "events"],
                 ["check", "events"], ["show", "events", "-f", "json"]):
        result = subprocess.run([sys.executable, "-m", "conflict_timeline", *args], cwd=REPO,
                                env=env, stdin=subprocess.DEVNULL, capture_output=True)
        assert result.returncode in (0, 1), result.stderr
    assert list(home.rglob("*")) == []
