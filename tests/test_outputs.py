from pathlib import Path

import pytest

from conflict_timeline.outputs import OutputError, write_atomically


def test_writes_whole_files_and_keeps_existing_ones_unless_forced(tmp_path):
    path = tmp_path / "out.txt"
    write_atomically(path, "first")
    assert path.read_text() == "first"
    with pytest.raises(OutputError, match="already exists: pass --force to overwrite it"):
        write_atomically(path, b"second")
    assert path.read_text() == "first"
    write_atomically(path, b"second", force=True)
    assert path.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary file left


def test_a_file_created_meanwhile_is_not_clobbered(tmp_path, monkeypatch):
    path = tmp_path / "out.txt"
    path.write_text("theirs")
    monkeypatch.setattr(Path, "exists", lambda self: False)  # the check raced and lost
    with pytest.raises(OutputError, match="already exists"):
        write_atomically(path, "mine")
    assert path.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_unwritable_place_is_explained(tmp_path):
    with pytest.raises(OutputError, match=r"cannot write .*missing/out.txt: No such file"):
        write_atomically(tmp_path / "missing" / "out.txt", "x")
