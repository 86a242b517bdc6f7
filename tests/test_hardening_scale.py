"""Scale without surprise: JSON Lines is read a line at a time, the commands keep only the
records they need, and the same bytes load the same way from a file, a pipe or text."""

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflict_timeline.errors import InputError
from conflict_timeline.loading import load_records
from conflict_timeline.loading.readers import read_jsonl
from conflict_timeline.loading.validation import iter_validated

from .conftest import EVENTS, cli
from .strategies import records


def _outcome(load, name: str = "<stdin>"):
    """The ids loaded, or the problems (with the file's name written as <stdin>)."""
    try:
        return [r.id for r in load()], None
    except InputError as exc:
        return None, [(p.location, p.field, p.message.replace(name, "<stdin>"))
                      for p in exc.problems]


def _is_a_record_line(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


_lines = st.lists(st.one_of(records().map(json.dumps), st.text(max_size=30),
                            st.just(""), st.just("{broken")), max_size=5)


@given(_lines, st.sampled_from([b"\n", b"\r\n", b"\r"]), st.booleans(),
       st.sampled_from([b"", b"\xff", b"\xc3"]))
def test_a_file_a_pipe_and_text_read_json_lines_alike(lines, newline, bom, junk):
    data = (b"\xef\xbb\xbf" if bom else b"") + newline.join(
        line.encode() for line in lines) + junk + newline
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.jsonl"
        path.write_bytes(data)
        from_file = _outcome(lambda: load_records([path]), str(path))
    from_pipe = _outcome(lambda: load_records(["-"], stdin=io.BytesIO(data)))
    first = next((line for line in lines if line.strip()), None)
    if first is None and not junk:
        assert from_pipe == (None, [("", "", "standard input is empty: no records to read")])
    elif first is not None and _is_a_record_line(first):
        assert from_pipe == from_file  # standard input sniffed as JSON Lines
    if not junk:
        parsed = read_jsonl("a.jsonl", data.decode("utf-8-sig"))
        from_text = [r.id for r, _ in iter_validated(parsed)]
        problems = [(p.location, p.field, p.message) for p in parsed.problems]
        assert from_file == ((from_text, None) if not problems else (None, problems)) or (
            from_file[1] and "duplicate id" in from_file[1][-1][2])


class CountingStream(io.RawIOBase):
    """Standard input that remembers how many lines have been read from it."""

    def __init__(self, lines: list[bytes]):
        self.lines, self.taken = lines, 0

    def readable(self):
        return True

    def __iter__(self):
        while self.taken < len(self.lines):
            self.taken += 1
            yield self.lines[self.taken - 1]

    def readline(self, size=-1):  # the loader reads lines with a bound on their length
        if self.taken >= len(self.lines):
            return b""
        self.taken += 1
        return self.lines[self.taken - 1]

    def read(self, size=-1):
        rest = b"".join(self.lines[self.taken:])
        self.taken = len(self.lines)
        return rest


def test_json_lines_are_read_as_records_are_taken():
    stream = CountingStream([json.dumps({"id": f"s{i}", "kind": "strike", "tz": "UTC",
                                         "when": "2026", "title": "t"}).encode() + b"\n"
                             for i in range(100)])
    seen_when_checked = []

    def keep(record):
        seen_when_checked.append(stream.taken)
        return record.id == "s7"

    assert [r.id for r in load_records(["-"], stdin=stream, keep=keep)] == ["s7"]
    assert seen_when_checked[:3] == [1, 2, 3]  # one line read per record, never all at once


def test_records_not_kept_are_still_checked(tmp_path):
    path = tmp_path / "a.jsonl"
    good = {"id": "a", "kind": "statement", "tz": "UTC", "when": "2026", "title": "t",
            "speaker": "x"}
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "id": "a"}) + "\n"
                    + json.dumps({**good, "id": "b", "when": "2026-13"}) + "\n")
    with pytest.raises(InputError) as caught:
        load_records([path], keep=lambda record: False)
    assert [(p.location, p.field) for p in caught.value.problems] == [
        ("line 3, id 'b'", "when"), ("line 2", "id")]


def test_show_and_check_pause_keep_only_what_they_use(tmp_path, monkeypatch):
    import conflict_timeline.loading as loading

    kept = {}
    real = loading.load_records

    def spy(paths, stdin=None, keep=None, **options):
        result = real(paths, stdin=stdin, keep=keep, **options)
        kept["ids"] = sorted(r.id for r in result)
        return result

    monkeypatch.setattr(loading, "load_records", spy)
    assert cli("show", "--kind", "pause").exit_code == 0
    assert kept["ids"] == ["pause-2026-01-cold-ua", "pause-2026-01-cold-us"]
    assert cli("check-pause").exit_code == 0
    assert kept["ids"] == ["pause-2026-01-cold-ua", "pause-2026-01-cold-us",
                           "strike-2026-01-30-overnight"]


def test_a_directory_of_many_files_loads_with_every_problem(tmp_path):
    for i in range(1000):
        record = {"id": f"r{i}", "kind": "strike", "tz": "UTC", "when": "2026", "title": "t"}
        if i % 250 == 0:
            record["when"] = "2026-02-30"
        (tmp_path / f"{i:04d}.jsonl").write_text(json.dumps(record))
    with pytest.raises(InputError) as caught:
        load_records([tmp_path])
    assert [Path(p.file).name for p in caught.value.problems] == [
        "0000.jsonl", "0250.jsonl", "0500.jsonl", "0750.jsonl"]
    result = cli("show", str(tmp_path), "--kind", "pause")
    assert result.exit_code == 2 and result.stderr.startswith("error: 4 problems in the input")


def test_validate_keeps_no_record_yet_counts_them_and_finds_duplicates(tmp_path, monkeypatch):
    import conflict_timeline.loading as loading

    seen = {}
    real = loading.load_records_with_origins

    def spy(paths, stdin=None, keep=None, **options):
        records, origins = real(paths, stdin=stdin, keep=keep, **options)
        seen["kept"] = len(records)
        return records, origins

    monkeypatch.setattr(loading, "load_records_with_origins", spy)
    line = {"id": "r0", "kind": "strike", "tz": "UTC", "when": "2026", "title": "t"}
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps({**line, "id": f"r{i}"})
                                                for i in range(5)))
    result = cli("validate", str(tmp_path), "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["records"] == 5 and seen["kept"] == 0
    (tmp_path / "b.jsonl").write_text(json.dumps({**line, "id": "r3"}))
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 2 and result.stderr.startswith("invalid: 1 problem")
    assert result.stdout == (f"{tmp_path / 'b.jsonl'}: line 1: field 'id': duplicate id 'r3': "
                             f"already used at {tmp_path / 'a.jsonl'}: line 4\n")


@pytest.mark.parametrize("command", [["show"], ["check"], ["export", "-f", "csv"]])
def test_running_out_of_memory_is_said_plainly_and_points_to_the_readme(monkeypatch, command):
    import conflict_timeline.loading as loading

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(loading, "load_records_with_origins", exhausted)
    result = cli(*command, str(EVENTS))
    assert result.exit_code == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: not enough memory for the input; nothing was loaded")
    assert "see 'Safety and scale' in the README" in result.stderr
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "\n## Safety and scale\n" in readme and "\n### Scale\n" in readme


@pytest.mark.parametrize("blank", ["\xa0", "\u2028", "\u3000 \t", "\ufeff\xa0"])
def test_standard_input_after_a_line_of_unicode_blanks_is_not_empty(blank):
    # found by the long hypothesis run: bytes.strip() knows only ASCII blanks, so standard
    # input starting with a no-break space line was called empty while the file loaded
    record = {"id": "a", "kind": "strike", "tz": "UTC", "when": "2026", "title": "t"}
    data = f"{blank}\n{json.dumps(record)}\n".encode()
    [loaded] = load_records(["-"], stdin=io.BytesIO(data))
    assert loaded.id == "a"
