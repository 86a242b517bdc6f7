"""Writing: files appear whole or not at all and are never overwritten unasked; CSV cells
never become formulas."""

import csv
import io
import os
import stat

import pytest
from hypothesis import given

from conflict_timeline.errors import OutputError, TimelineError
from conflict_timeline.outputs import write_atomically
from conflict_timeline.rendering.safe import FORMULA_TRIGGERS, spreadsheet_safe

from .strategies import HOSTILE_TEXT, text


def leftovers(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


# --- write_atomically ---------------------------------------------------------------------

def test_writes_a_new_file_with_the_usual_permissions(tmp_path):
    target = tmp_path / "out.jsonl"
    previous = os.umask(0o022)
    try:
        assert write_atomically(target, lambda out: out.write("a\r\nb\n")) == target
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"a\r\nb\n"  # line endings exactly as written
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert leftovers(tmp_path) == []


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("the user's work")
    with pytest.raises(OutputError) as caught:
        write_atomically(target, lambda out: out.write("new"))
    assert str(caught.value) == f"{target} already exists: use --force to replace it"
    assert isinstance(caught.value, TimelineError)  # so the CLI exits 2 with the message
    assert target.read_text() == "the user's work" and leftovers(tmp_path) == []


def test_refuses_a_symlink_too_and_force_replaces_the_link_not_its_target(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "out.txt"
    link.symlink_to(precious)
    with pytest.raises(OutputError):
        write_atomically(link, lambda out: out.write("new"))
    write_atomically(link, lambda out: out.write("new"), force=True)
    assert precious.read_text() == "keep me"
    assert not link.is_symlink() and link.read_text() == "new"


def test_force_replaces_and_keeps_the_permissions(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o600)
    write_atomically(target, lambda out: out.write("new"), force=True)
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("force", [False, True])
def test_a_failing_writer_leaves_the_old_file_and_no_temporary_file(tmp_path, force):
    target = tmp_path / "out.json"
    if force:
        target.write_text("old")

    def half_then_fail(out):
        out.write("half a file")
        raise TimelineError("the data ran out")

    with pytest.raises(TimelineError, match="the data ran out"):
        write_atomically(target, half_then_fail, force=force)
    assert (target.read_text() if force else target.exists()) == ("old" if force else False)
    assert leftovers(tmp_path) == []


def test_a_file_that_appears_while_writing_is_not_overwritten(tmp_path):
    target = tmp_path / "out.json"

    def meanwhile_someone_saves(out):
        target.write_text("someone else's file")
        out.write("ours")

    with pytest.raises(OutputError, match="already exists: use --force"):
        write_atomically(target, meanwhile_someone_saves)
    assert target.read_text() == "someone else's file" and leftovers(tmp_path) == []


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp / "missing" / "out.json", "cannot write .*: No such file or directory"),
    (lambda tmp: tmp, "is a directory: name a file to write"),
])
def test_unwritable_targets_are_errors_that_say_why(tmp_path, make, message):
    with pytest.raises(OutputError, match=message):
        write_atomically(make(tmp_path), lambda out: out.write("x"))


def test_writes_text_of_any_kind_as_utf8(tmp_path):
    target = tmp_path / "out.txt"
    content = "".join(HOSTILE_TEXT).replace("\x00", "")
    write_atomically(target, lambda out: out.write(content))
    assert target.read_bytes() == content.encode("utf-8")


# --- spreadsheet_safe ---------------------------------------------------------------------

@pytest.mark.parametrize("cell, safe", [
    ("=HYPERLINK(\"https://evil.example\",\"x\")", "'=HYPERLINK(\"https://evil.example\",\"x\")"),
    ("+1+2", "'+1+2"), ("-1-2", "'-1-2"), ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"),
    ("  =1+1", "'  =1+1"), ("\n=1+1", "'\n=1+1"),  # spaces or a line break first
    ("Kyiv", "Kyiv"), ("a=b", "a=b"), ("", ""), ("'quoted", "'quoted"),
    (-3.5, -3.5), (0, 0), (None, None),  # numbers are data, not formulas
])
def test_cells_that_start_a_formula_are_neutralised(cell, safe):
    assert spreadsheet_safe(cell) == safe


@given(text)
def test_no_text_cell_can_start_a_formula(value):
    cell = spreadsheet_safe(value)
    assert not cell.lstrip(" \n").startswith(FORMULA_TRIGGERS) or cell.startswith("'")
    assert cell in (value, "'" + value)  # only ever a quote in front: nothing else changes


@given(text)
def test_a_neutralised_cell_stays_one_cell_through_csv(value):
    out = io.StringIO()
    row = [spreadsheet_safe(value), spreadsheet_safe(f",={value}"), spreadsheet_safe(f'";@{value}')]
    csv.writer(out).writerow(row)
    [read] = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert read == row
