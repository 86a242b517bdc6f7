"""Writing: files appear whole or not at all and are never overwritten unasked; CSV cells
never become formulas."""

import csv
import errno
import io
import os
import re
import stat
from pathlib import Path

import pytest
from hypothesis import given

from conflict_timeline.errors import OutputError, TimelineError
from conflict_timeline.files import refuse_to_overwrite, write_bytes_atomically, write_text_atomically
from conflict_timeline.rendering.safe import FORMULA_TRIGGERS, spreadsheet_safe

from .conftest import cli
from .strategies import HOSTILE_TEXT, text


def leftovers(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp")
                  or ".timeline-" in p.name)


# --- the atomic writer --------------------------------------------------------------------

@pytest.mark.parametrize("write, content", [(write_text_atomically, "a\r\nb\n"),
                                            (write_bytes_atomically, b"\x89PNG\r\n\x00")])
def test_writes_a_new_file_with_the_usual_permissions(tmp_path, write, content):
    target = tmp_path / "out.jsonl"
    previous = os.umask(0o022)
    try:
        assert write(target, content) == target
    finally:
        os.umask(previous)
    expected = content if isinstance(content, bytes) else content.encode()
    assert target.read_bytes() == expected  # line endings exactly as written
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("the user's work")
    with pytest.raises(OutputError) as caught:
        write_text_atomically(target, "new")
    assert str(caught.value) == f"{target} already exists: pass --force to overwrite it"
    assert isinstance(caught.value, TimelineError)  # so the CLI exits 2 with the message
    assert target.read_text() == "the user's work" and leftovers(tmp_path) == []
    with pytest.raises(OutputError, match="already exists: pass --force"):
        refuse_to_overwrite(target, force=False)
    refuse_to_overwrite(target, force=True)


def test_refuses_a_symlink_too_and_force_replaces_the_link_not_its_target(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "out.txt"
    link.symlink_to(precious)
    with pytest.raises(OutputError):
        write_text_atomically(link, "new")
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputError, match="already exists"):
        refuse_to_overwrite(dangling, force=False)
    write_text_atomically(link, "new", force=True)
    assert precious.read_text() == "keep me"
    assert not link.is_symlink() and link.read_text() == "new"


def test_force_replaces_and_keeps_the_permissions(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o600)
    write_bytes_atomically(target, b"new", force=True)
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("force", [False, True])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, force):
    target = tmp_path / "out.json"
    if force:
        target.write_text("old")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OutputError, match=f"cannot write {target}: No space left on device"):
        write_text_atomically(target, "half a file", force=force)
    assert (target.read_text() if force else target.exists()) == ("old" if force else False)
    assert leftovers(tmp_path) == []


def test_a_file_that_appears_while_writing_is_not_overwritten(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    chmod = os.chmod

    def meanwhile_someone_saves(path, mode):
        chmod(path, mode)
        target.write_text("someone else's file")

    monkeypatch.setattr(os, "chmod", meanwhile_someone_saves)
    with pytest.raises(OutputError, match="already exists: pass --force"):
        write_text_atomically(target, "ours")
    assert target.read_text() == "someone else's file" and leftovers(tmp_path) == []


def test_the_next_write_removes_a_killed_writes_stray_and_only_its_own(tmp_path):
    import fcntl

    target = tmp_path / "old.csv"
    # what a write killed mid-way leaves (old: '.old.csv.<random>.tmp', there forever)
    stray = tmp_path / ".old.csv.timeline-0123456789abcdef.tmp"
    stray.write_text("half a fi")
    others = {
        ".old.csv.timeline-notours.tmp": "a user's file of a similar name",
        ".old.csv.timeline-0123456789abcdef.tmp.bak": "a user's copy",
        ".other.csv.timeline-0123456789abcdef.tmp": "another target's stray",
        ".old.csv.swp": "an editor's file",
        ".hidden": "a dot-file",
    }
    for name, content in others.items():
        (tmp_path / name).write_text(content)
    running = tmp_path / ".old.csv.timeline-fedcba9876543210.tmp"  # a write in progress
    running.write_text("being written")
    os.symlink(tmp_path / ".hidden", tmp_path / ".old.csv.timeline-00000000000000aa.tmp")
    with open(running) as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        write_text_atomically(target, "new")
    assert target.read_text() == "new"
    assert not stray.exists()
    assert running.read_text() == "being written"
    assert (tmp_path / ".old.csv.timeline-00000000000000aa.tmp").is_symlink()
    for name, content in others.items():
        assert (tmp_path / name).read_text() == content, name
    assert sorted(os.listdir(tmp_path)) == sorted(
        ["old.csv", running.name, ".old.csv.timeline-00000000000000aa.tmp", *others])


def test_the_temporary_file_is_named_for_its_target(tmp_path, monkeypatch):
    seen = []
    chmod = os.chmod

    def record_name(path, mode):
        seen.append(os.path.basename(path))
        chmod(path, mode)

    monkeypatch.setattr(os, "chmod", record_name)
    write_text_atomically(tmp_path / "out.ics", "x")
    assert len(seen) == 1 and re.fullmatch(r"\.out\.ics\.timeline-[0-9a-f]{16}\.tmp", seen[0])
    assert os.listdir(tmp_path) == ["out.ics"]


def test_without_hard_links_it_still_refuses_and_still_writes(tmp_path, monkeypatch):
    def no_links(source, destination):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out.txt"
    write_text_atomically(target, "one")
    assert target.read_text() == "one" and leftovers(tmp_path) == []


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp / "missing" / "out.json", "cannot write .*: No such file or directory"),
    (lambda tmp: tmp, "is a directory: name a file to write"),
])
def test_unwritable_targets_are_errors_that_say_why(tmp_path, make, message):
    with pytest.raises(OutputError, match=message):
        write_text_atomically(make(tmp_path), "x")


def test_a_device_or_pipe_is_never_replaced_even_with_force(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (fifo, Path(os.devnull)):
        with pytest.raises(OutputError, match="is not a regular file: leave out -o and redirect"):
            write_text_atomically(target, "x", force=True)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_writes_text_of_any_kind_as_utf8(tmp_path):
    target = tmp_path / "out.txt"
    content = "".join(HOSTILE_TEXT)
    write_text_atomically(target, content)
    assert target.read_bytes() == content.encode("utf-8")


# --- spreadsheet_safe ---------------------------------------------------------------------

@pytest.mark.parametrize("cell, safe", [
    ("=HYPERLINK(\"https://evil.example\",\"x\")", "'=HYPERLINK(\"https://evil.example\",\"x\")"),
    ("+1+2", "'+1+2"), ("-1-2", "'-1-2"), ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"),
    ("  =1+1", "'  =1+1"), ("\n=1+1", "'\n=1+1"),  # spaces or a line break first
    ("Kyiv", "Kyiv"), ("a=b", "a=b"), ("", ""), ("'quoted", "'quoted"),
    (-3.5, "-3.5"), (0, "0"), (None, ""), ("-33.45", "-33.45"), (-1e-05, "-1e-05"),
    ("-1e5-1", "'-1e5-1"), (" -5", "' -5"),  # numbers are data, not formulas; anything else is not
])
def test_cells_that_start_a_formula_are_neutralised(cell, safe):
    assert spreadsheet_safe(cell) == safe


@given(text)
def test_no_text_cell_can_start_a_formula(value):
    cell = spreadsheet_safe(value)
    assert (not cell.lstrip(" \n").startswith(FORMULA_TRIGGERS) or cell.startswith("'")
            or re.fullmatch(r"-\d+(\.\d+)?([eE][+-]?\d+)?", cell))
    assert cell in (value, "'" + value)  # only ever a quote in front: nothing else changes


@given(text)
def test_a_neutralised_cell_stays_one_cell_through_csv(value):
    out = io.StringIO()
    row = [spreadsheet_safe(value), spreadsheet_safe(f",={value}"), spreadsheet_safe(f'";@{value}')]
    csv.writer(out).writerow(row)
    [read] = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert read == row


# --- every command that writes a file -----------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"
WRITERS = {
    "export csv": ["export", "-f", "csv"],
    "export markdown": ["export", "-f", "markdown"],
    "export timelinejs": ["export", "-f", "timelinejs"],
    "export timesketch": ["export", "-f", "timesketch"],
    "export ics": ["export", "-f", "ics"],
    "import acled": ["import", "acled", str(FIXTURES / "acled_sample.csv")],
    "schema": ["schema"],
    "plot": ["plot", "--size", "400x300"],
}


@pytest.mark.parametrize("command", list(WRITERS.values()), ids=list(WRITERS))
def test_every_writing_command_refuses_an_existing_file_the_same_way(tmp_path, command):
    target = tmp_path / ("out.png" if command[0] == "plot" else "out.txt")
    target.write_text("the user's work")
    refused = cli(*command, "-o", str(target))
    assert refused.exit_code == 2
    assert refused.stderr == f"error: {target} already exists: pass --force to overwrite it\n"
    assert target.read_text() == "the user's work" and leftovers(tmp_path) == []
    forced = cli(*command, "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert target.read_bytes() != b"the user's work" and leftovers(tmp_path) == []


@pytest.mark.parametrize("command", list(WRITERS.values()), ids=list(WRITERS))
def test_every_writing_command_refuses_a_directory(tmp_path, command):
    directory = tmp_path / "out.png"  # a name plot can tell the format from
    directory.mkdir()
    result = cli(*command, "-o", str(directory), "--force")
    assert result.exit_code == 2
    assert result.stderr == f"error: {directory} is a directory: name a file to write\n"
