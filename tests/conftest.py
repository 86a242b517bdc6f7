from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

import typer.rich_utils  # noqa: E402,F401  reads FORCE_COLOR once: now, not inside a test's env
from conflict_timeline.cli import app  # noqa: E402
from conflict_timeline.records import validate_record  # noqa: E402

# Property tests: a bounded run by default (CI), a long one on request:
#   HYPOTHESIS_PROFILE=long python3 -m pytest tests/test_hardening_*.py
# No deadline: the machine is shared, and speed is the benchmark's business, not the tests'.
settings.register_profile("ci", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
EVENTS = REPO / "events"
# Real third-party data (the shared 'Massive Missile Attacks on Ukraine' table) lives beside
# the checkout by default; TIMELINE_SHARED_DATA points the tests at a copy elsewhere. Tests
# that need it skip, saying where they looked, when it is absent.
SHARED_DATA_VARIABLE = "TIMELINE_SHARED_DATA"


def shared_data_dir() -> Path:
    configured = os.environ.get(SHARED_DATA_VARIABLE)
    return Path(configured) if configured else REPO.parent / "shared" / "data"


SHARED_DATA = shared_data_dir()


def record(kind: str = "strike", **fields):
    """A valid record of ``kind`` with sensible defaults, overridden by ``fields``."""
    base = {"id": f"{kind}-1", "kind": kind, "tz": "Europe/Kyiv", "when": "2026-01-30",
            "title": f"a {kind}"}
    required = {"statement": {"speaker": "Someone"},
                "pause": {"claimed_by": "Someone", "binds": ["Russia"]}}
    base.update(required.get(kind, {}))
    base.update(fields)
    return validate_record(base)


def write_json(path: Path, records, tz: str | None = None) -> Path:
    document = {"events": records} if tz is None else {"tz": tz, "events": records}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def cli(*args: str, input: str | bytes | None = None, env: dict | None = None):
    """Run `timeline ARGS` in-process; ``result.exception`` is anything not a normal exit."""
    return CliRunner().invoke(app, list(args), input=input, env=env)


@pytest.fixture
def run():
    return cli
