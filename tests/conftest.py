from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflict_timeline.cli import app
from conflict_timeline.records import RECORD_ADAPTER

REPO = Path(__file__).resolve().parent.parent
EVENTS = REPO / "events"
SHARED_DATA = REPO.parent / "shared" / "data"


def record(kind: str = "strike", **fields):
    """A valid record of ``kind`` with sensible defaults, overridden by ``fields``."""
    base = {"id": f"{kind}-1", "kind": kind, "tz": "Europe/Kyiv", "when": "2026-01-30",
            "title": f"a {kind}"}
    required = {"statement": {"speaker": "Someone"},
                "pause": {"claimed_by": "Someone", "binds": ["Russia"]}}
    base.update(required.get(kind, {}))
    base.update(fields)
    return RECORD_ADAPTER.validate_python(base)


def write_json(path: Path, records, tz: str | None = None) -> Path:
    document = {"events": records} if tz is None else {"tz": tz, "events": records}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict | None = None):
        return runner.invoke(app, list(args), input=input, env=env)

    return invoke
