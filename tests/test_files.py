"""Output files: written whole or not at all, never over a file without being asked."""

from __future__ import annotations

import os
import sys

import pytest

from conflict_timeline.errors import UsageError
from conflict_timeline.files import write_text_atomically
from conflict_timeline.rendering.exports import export_records

from .conftest import record


def test_a_new_file_gets_the_usual_permissions_and_no_temporary_file_remains(tmp_path):
    target = tmp_path / "out.csv"
    umask = os.umask(0o022)
    try:
        write_text_atomically(target, "a,b\r\n")
    finally:
        os.umask(umask)
    assert target.read_bytes() == b"a,b\r\n"  # line ends kept as given
    assert target.stat().st_mode & 0o777 == 0o644
    assert os.listdir(tmp_path) == ["out.csv"]


def test_an_existing_file_is_kept_unless_forced_and_keeps_its_mode(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("mine")
    target.chmod(0o600)
    with pytest.raises(UsageError, match="already exists: pass --force"):
        write_text_atomically(target, "theirs")
    assert target.read_text() == "mine"
    write_text_atomically(target, "theirs", force=True)
    assert target.read_text() == "theirs"
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_directory_or_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="is a directory"):
        write_text_atomically(tmp_path, "x", force=True)
    with pytest.raises(UsageError, match="cannot write"):
        write_text_atomically(tmp_path / "no" / "such" / "dir.txt", "x")


def test_ics_without_icalendar_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "icalendar", None)  # import fails as if not installed
    with pytest.raises(UsageError, match=r"pip install 'conflict-timeline\[ics\]'"):
        export_records("ics", [record("strike")])
