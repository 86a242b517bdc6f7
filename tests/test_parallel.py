"""Large JSON Lines inputs read by several processes give exactly what one process gives:
the same bytes on stdout, the same exit status, the same located errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conflict_timeline.loading import parallel
from conflict_timeline.loading.parallel import plan_pieces

from .conftest import REPO, cli

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or parallel.available_cpus() < 1, reason="forked workers: Linux")


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    """3,000 generated records (30 pause readings), as the benchmark writes them."""
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--records", "3000",
                    "--pauses", "30", "--seed", "7", "-o", str(path)], check=True)
    return path


@pytest.fixture
def small_pieces(monkeypatch):
    """Pieces of a few KB, so a small file is read by several workers in many pieces; the
    plans made are kept to show the parallel path was taken."""
    monkeypatch.setattr(parallel, "_MIN_PIECE_BYTES", 4096)
    plans = []

    def planned(paths, jobs=None):
        plan = plan_pieces(paths, jobs)
        plans.append(plan)
        return plan

    monkeypatch.setattr(parallel, "plan_pieces", planned)
    return plans


def _both(*args):
    serial = cli(*args, "--jobs", "1")
    side_by_side = cli(*args, "--jobs", "2")
    return serial, side_by_side


def _never_serially(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("read serially")

    monkeypatch.setattr("conflict_timeline.cli.show.load", refuse)
    monkeypatch.setattr("conflict_timeline.cli.check_pause._check_serially", refuse)
    monkeypatch.setattr("conflict_timeline.cli.validate._check_serially", refuse)


@pytest.mark.parametrize("args", [
    ("show", "--format", "jsonl"),
    ("show", "--format", "json"),
    ("show", "--format", "jsonl", "--kind", "strike", "--region", "kyiv", "--since", "2023-05"),
    ("show", "--format", "json", "--kind", "pause", "--kind", "statement", "--until", "2024"),
    ("check-pause", "--format", "json"),
    ("check-pause", "--format", "text", "--tz", "Europe/Kyiv"),
    ("check-pause", "--format", "text", "--strict"),
    ("validate",),
    ("validate", "--format", "json"),
])
def test_read_side_by_side_the_output_is_byte_for_byte_the_same(feed, small_pieces, args):
    serial = cli(*args, str(feed), "--jobs", "1")
    assert small_pieces[-1] is None  # --jobs 1: never in parallel
    side_by_side = cli(*args, str(feed), "--jobs", "2")
    plan = small_pieces[-1]
    assert plan is not None and plan.jobs == 2 and len(plan.pieces) >= 8
    assert side_by_side.stdout == serial.stdout and (serial.stdout or serial.stderr)
    assert side_by_side.exit_code == serial.exit_code
    assert side_by_side.stderr == serial.stderr


def test_the_parallel_path_writes_the_output_itself(feed, small_pieces, monkeypatch):
    expected = cli("check-pause", "-f", "json", str(feed), "-j", "1").stdout
    listed = cli("show", "-f", "jsonl", str(feed), "-j", "1").stdout
    _never_serially(monkeypatch)
    assert cli("check-pause", "-f", "json", str(feed), "-j", "2").stdout == expected
    assert cli("show", "-f", "jsonl", str(feed), "-j", "2").stdout == listed
    assert cli("validate", str(feed), "-j", "2").stderr == "valid: 3000 records\n"
    assert len(listed.splitlines()) == 3000
    verdicts = {finding["verdict"] for finding in json.loads(expected)}
    assert {"violation", "possible_violation", "outside_scope"} <= verdicts  # all exercised


def _lines(feed):
    return feed.read_bytes().splitlines(keepends=True)


def _variant(tmp_path, feed, change):
    lines = _lines(feed)
    change(lines)
    path = tmp_path / "variant.jsonl"
    path.write_bytes(b"".join(lines))
    return path


@pytest.mark.parametrize("command", [("show", "-f", "jsonl"), ("check-pause", "-f", "json"),
                                     ("validate",), ("validate", "-f", "json")])
def test_bad_input_is_reported_as_the_serial_reader_reports_it(tmp_path, feed, small_pieces,
                                                               command):
    def spoil(lines):
        lines[1700] = lines[1700].replace(b'"when":"', b'"when":"not a time ', 1)
        lines[2900] = b'{"id": "broken"\n'

    path = _variant(tmp_path, feed, spoil)
    serial, side_by_side = _both(*command, str(path))
    assert serial.exit_code == side_by_side.exit_code == 2
    assert side_by_side.stdout == serial.stdout
    assert side_by_side.stderr == serial.stderr
    said = serial.stdout + serial.stderr
    assert "line 1701" in said and "when" in said and "line 2901" in said


def test_an_id_used_in_two_pieces_is_reported_as_serially(tmp_path, feed, small_pieces):
    def repeat(lines):
        first = json.loads(lines[5])
        later = json.loads(lines[2950])
        later["id"] = first["id"]
        lines[2950] = json.dumps(later).encode() + b"\n"

    path = _variant(tmp_path, feed, repeat)
    serial, side_by_side = _both("show", "-f", "json", str(path))
    assert serial.exit_code == side_by_side.exit_code == 2
    assert side_by_side.stderr == serial.stderr and "line 2951" in serial.stderr


def test_a_pause_whose_kind_is_written_with_escapes_is_still_weighed(tmp_path, feed,
                                                                     small_pieces):
    """The parent finds readings by the bytes "pause"; one it cannot see that way is met by
    a worker, and the input is checked serially instead of without it."""
    def disguise(lines):
        for number, line in enumerate(lines):
            if b'"kind":"pause"' in line:
                lines[number] = line.replace(b'"kind":"pause"', b'"kind":"p\\u0061use"')

    path = _variant(tmp_path, feed, disguise)
    serial, side_by_side = _both("check-pause", "-f", "json", str(path))
    assert side_by_side.stdout == serial.stdout
    assert serial.stdout == cli("check-pause", "-f", "json", str(feed), "-j", "1").stdout


def test_line_ends_and_a_byte_order_mark_read_alike(tmp_path, feed, small_pieces):
    data = feed.read_bytes()
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    expected = cli("show", "-f", "jsonl", str(feed), "-j", "1").stdout
    assert cli("show", "-f", "jsonl", str(path), "-j", "2").stdout == expected
    cr_only = tmp_path / "cr.jsonl"  # one "line" to the piece cutter: read within one piece
    cr_only.write_bytes(data.replace(b"\n", b"\r"))
    assert cli("show", "-f", "jsonl", str(cr_only), "-j", "2").stdout == expected


def test_a_byte_order_mark_inside_a_file_is_refused_on_both_paths(tmp_path, feed, small_pieces):
    def mark(lines):
        lines[1500] = b"\xef\xbb\xbf" + lines[1500]

    path = _variant(tmp_path, feed, mark)
    serial, side_by_side = _both("show", "-f", "jsonl", str(path))
    assert serial.exit_code == side_by_side.exit_code == 2
    assert side_by_side.stderr == serial.stderr and "line 1501" in serial.stderr


def test_a_directory_of_files_reads_as_one_input(tmp_path, feed, small_pieces):
    lines = _lines(feed)
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(b"".join(lines[:1000]))
    (folder / "b.ndjson").write_bytes(b"".join(lines[1000:]))
    (folder / "empty.jsonl").write_bytes(b"")
    serial, side_by_side = _both("show", "-f", "jsonl", str(folder))
    assert {piece.path.rsplit("/", 1)[1] for piece in small_pieces[-1].pieces} == {
        "a.jsonl", "b.ndjson", "empty.jsonl"}
    assert side_by_side.stdout == serial.stdout == cli("show", "-f", "jsonl", str(feed)).stdout


def test_jobs_must_be_at_least_one(feed):
    result = cli("show", str(feed), "--jobs", "0")
    assert result.exit_code == 2
    assert "Invalid value for '--jobs'" in result.stderr


# --- planning ------------------------------------------------------------------------------

def test_pieces_cover_the_file_and_end_at_line_ends(feed, monkeypatch):
    monkeypatch.setattr(parallel, "_MIN_PIECE_BYTES", 1000)
    plan = plan_pieces([feed], 2)
    data = feed.read_bytes()
    assert plan.pieces[0].start == 0 and plan.pieces[-1].end == len(data)
    for before, after in zip(plan.pieces, plan.pieces[1:]):
        assert before.end == after.start and data[before.end - 1:before.end] == b"\n"
    sizes = [piece.end - piece.start for piece in plan.pieces]
    assert max(sizes) <= len(data) // 8 + 1000  # a quarter of a worker's share at most
    assert sizes[-1] < sizes[0] / 2  # then smaller, so the workers finish together


@pytest.mark.parametrize("inputs", [["-"], ["story.json"], ["notes.toml"], ["missing.jsonl"]])
def test_only_json_lines_files_are_split(tmp_path, inputs):
    (tmp_path / "story.json").write_text("[]")
    (tmp_path / "notes.toml").write_text("")
    assert plan_pieces([tmp_path / name if name != "-" else name for name in inputs], 2) is None


def test_small_inputs_stay_in_one_process_unless_asked(feed):
    assert plan_pieces([feed]) is None  # well under AUTO_MIN_BYTES
    assert plan_pieces([feed], 1) is None
    assert plan_pieces([feed], 2).jobs == 1  # one piece of at most a megabyte: one worker


def test_a_worker_that_dies_sends_the_caller_to_the_serial_reader(feed, monkeypatch):
    monkeypatch.setattr(parallel, "_MIN_PIECE_BYTES", 4096)
    plan = plan_pieces([feed], 2)

    def die(records):
        next(records)
        os._exit(3)

    assert parallel.map_pieces(plan, die) is None
    assert parallel.map_pieces(plan, lambda records: sum(1 for _ in records)) is not None


def test_findings_too_many_to_hold_are_streamed_by_the_serial_check(feed, small_pieces,
                                                                   monkeypatch):
    from conflict_timeline.checks import pause_parallel
    from conflict_timeline.rendering.pause_report import AssessmentJson

    expected = cli("check-pause", "-f", "json", str(feed), "-j", "1")
    plan = plan_pieces([feed], 2)
    assert pause_parallel.assess_in_parallel(plan, AssessmentJson()) is not None
    monkeypatch.setattr(pause_parallel, "_REPORT_EVERY", 1000)
    monkeypatch.setattr(pause_parallel, "TEXT_BUDGET", len(expected.stdout) - 1000)
    assert pause_parallel.assess_in_parallel(plan, AssessmentJson()) is None
    side_by_side = cli("check-pause", "-f", "json", str(feed), "-j", "2")
    assert side_by_side.stdout == expected.stdout
    assert side_by_side.exit_code == expected.exit_code == 1
    monkeypatch.setattr(pause_parallel, "TEXT_BUDGET", len(expected.stdout))
    assert pause_parallel.assess_in_parallel(plan, AssessmentJson()) is not None


def test_findings_clustered_in_one_piece_count_against_the_whole_budget(tmp_path, feed,
                                                                        monkeypatch):
    """The budget is shared by the workers: all the findings in one piece are not too many
    as long as all of them fit."""
    from conflict_timeline.checks import pause_parallel
    from conflict_timeline.rendering.pause_report import AssessmentJson

    lines = _lines(feed)
    in_pauses = cli("check-pause", "-f", "json", str(feed), "-j", "1").stdout
    ids = {finding["strike"] for finding in json.loads(in_pauses)}
    weighed = [line for line in lines if json.loads(line)["id"] in ids
               or b'"pause"' in line]
    others = [line for line in lines if line not in weighed]
    path = tmp_path / "clustered.jsonl"
    path.write_bytes(b"".join(weighed + others))  # every finding in the first piece
    monkeypatch.setattr(parallel, "_MIN_PIECE_BYTES", 4096)
    plan = plan_pieces([path], 2)
    assert len(plan.pieces) >= 8
    monkeypatch.setattr(pause_parallel, "_REPORT_EVERY", 1000)
    monkeypatch.setattr(pause_parallel, "TEXT_BUDGET", len(in_pauses))
    report = pause_parallel.assess_in_parallel(plan, AssessmentJson())
    assert report is not None and report.strikes == len(ids)
