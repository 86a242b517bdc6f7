"""Loading: files, directories and standard input to validated records — all or nothing."""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ..errors import InputError, InputProblem, TimelineError
from ..records import RecordBase
from ..records.pause_chains import chain_problems
from ..records.spans import shown
from .readers import READERS, read_jsonl, read_parquet, sniff_reader
from .validation import iter_validated

STDIN = "-"
PARQUET_MAGIC = b"PAR1"
STDIN_NAME = "<stdin>"
BUNDLED_NAME = "events"


def bundled_events_dir() -> Path:
    """The bundled story data set: inside the package when installed from a wheel, beside
    it in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "bundled_events", here.parent / BUNDLED_NAME):
        if candidate.is_dir():
            return candidate
    raise TimelineError(
        f"the bundled data set ({BUNDLED_NAME}/) is missing from this installation: give "
        "record files as PATHS (e.g. timeline show records.jsonl), or reinstall conflict-timeline")


class Origin(NamedTuple):
    """Where a record was read: its file and its place in it ("line 4", "record 2 (line 17)")."""

    file: str
    location: str

    @property
    def line(self) -> int | None:
        match = re.search(r"\bline (\d+)", self.location)
        return int(match.group(1)) if match else None

    def __str__(self) -> str:
        return f"{self.file}: {self.location}" if self.location else self.file

    def shown(self) -> str:
        """As :meth:`__str__`, the file relative to the working directory when inside it."""
        return str(Origin(display_path(self.file), self.location))


def display_path(path: str) -> str:
    """``path`` relative to the working directory when it lies inside it (the bundled data
    set, found by absolute path, shows as ``events/…`` from a checkout)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") or path == STDIN_NAME else relative


def load_records(paths: Iterable[str | Path], stdin: BinaryIO | None = None,
                 keep: Callable[[RecordBase], bool] | None = None) -> list[RecordBase]:
    """Every record in ``paths`` (files, directories, ``-`` for standard input), or only
    those ``keep`` accepts: the others are checked like all records, then let go, so a
    narrow question about a large input needs little memory.

    Raises InputError listing every problem found; nothing is returned half-loaded.
    JSON Lines is read a line at a time; once a problem is found no more records are kept.
    """
    return load_records_with_origins(paths, stdin, keep)[0]


def load_records_with_origins(
    paths: Iterable[str | Path], stdin: BinaryIO | None = None,
    keep: Callable[[RecordBase], bool] | None = None,
) -> tuple[list[RecordBase], Mapping[str, Origin]]:
    """:func:`load_records`, plus where each record (by id) was read."""
    records, places, names = _load(paths, stdin, keep)
    return records, Origins(places, names)




class Origins(Mapping[str, Origin]):
    """Where each record (by id) was read: the file's number and the place in it."""

    def __init__(self, places: dict[str, tuple[int, str]], names: list[str]):
        self._places, self._names = places, names

    def __getitem__(self, record_id: str) -> Origin:
        file, location = self._places[record_id]
        return Origin(self._names[file], location)

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


def _load(paths: Iterable[str | Path], stdin: BinaryIO | None,
          keep: Callable[[RecordBase], bool] | None,
          ) -> tuple[list[RecordBase], dict[str, tuple[int, str]], list[str]]:
    """The records kept, each id's place, and the names of the files read."""
    problems: list[InputProblem] = []
    records: list[RecordBase] = []
    places: dict[str, tuple[int, str]] = {}
    names: list[str] = []
    pauses: list[RecordBase] = []
    for name, reader, content in _sources(paths, problems, stdin):
        parsed = reader(name, content)
        number = len(names)
        names.append(name)
        duplicates = []
        for record, location in iter_validated(parsed):
            first = places.setdefault(record.id, (number, location))
            if first != (number, location):
                duplicates.append(InputProblem(
                    name, location, "id", f"duplicate id {shown(record.id)}: already used at "
                    f"{Origin(names[first[0]], first[1])}"))
            elif not (problems or parsed.problems) and (keep is None or keep(record)):
                records.append(record)
            if record.kind == "pause":  # type: ignore[attr-defined]
                pauses.append(record)
        problems.extend(parsed.problems)
        problems.extend(duplicates)
    if not problems:  # a pause's versions (amends) are checked across files
        problems.extend(InputProblem(*p) for p in chain_problems(
            pauses, Origins(places, names), places))
    if problems:
        raise InputError(problems)
    return records, places, names


def _decoded_lines(name: str, lines: Iterable[bytes], problems: list[InputProblem],
                   ) -> Iterator[str]:
    """The lines of a JSON Lines byte stream, decoded, without their ends (CR LF, LF or CR
    ends a line; a BOM is allowed at the start). At bytes that are not UTF-8 the problem is
    noted and the stream read no further."""
    number = 0
    for raw in lines:
        if number == 0:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, column = _line_and_column(raw[:exc.start])
            problems.append(_not_utf8(name, number + line, column, exc))
            return
        text = text.removesuffix("\n")
        for line_text in text.removesuffix("\r").split("\r") if "\r" in text else (text,):
            number += 1
            yield line_text


def _sources(paths, problems: list[InputProblem], stdin: BinaryIO | None):
    """(name, reader, text) for every file named or found; problems for the rest. For
    JSON Lines, ``text`` is an iterator of byte lines, read as they are needed."""
    for raw in paths:
        if str(raw) == STDIN:
            yield _standard_input(stdin or sys.stdin.buffer, problems)
            continue
        path = Path(raw)
        if path.is_dir():
            files = _record_files(path)
            if not files:
                problems.append(InputProblem(
                    str(path), "", "", f"no record files ({', '.join(READERS)}) in this directory"))
            for file in files:
                yield from _read_file(file, problems)
        elif path.exists():
            if path.suffix.lower() not in READERS:
                problems.append(InputProblem(
                    str(path), "", "",
                    f"unknown file type {path.suffix or '(none)'!r}: use {', '.join(READERS)}, "
                    "or '-' to read standard input"))
                continue
            yield from _read_file(path, problems)
        else:
            problems.append(InputProblem(str(path), "", "", "no such file or directory"))


def _record_files(directory: Path) -> list[Path]:
    return sorted(
        p for p in directory.rglob("*")
        if p.suffix.lower() in READERS and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def _standard_input(stream: BinaryIO, problems: list[InputProblem]):
    """Standard input is sniffed by its first line that is not blank; JSON Lines is then
    read as it comes, anything else as a whole."""
    name = STDIN_NAME
    head: list[bytes] = []
    for line in stream:
        head.append(line)
        # blank as the readers see it: Unicode whitespace too (a no-break space), not only ASCII
        if (line.removeprefix(codecs.BOM_UTF8) if len(head) == 1 else line).decode(
                "utf-8", "replace").strip():
            break
    if head and head[0].startswith(PARQUET_MAGIC):
        problems.append(InputProblem(name, "", "", "a Parquet file cannot be read from standard "
                                     "input (the engine reads it by name): name the file"))
        return name, read_jsonl, iter(())
    first = decode_text(name, b"".join(head), problems)
    if first is None:
        return name, read_jsonl, iter(())
    if not first.strip():
        problems.append(InputProblem(name, "", "", "standard input is empty: no records to read"))
        return name, read_jsonl, iter(())
    reader = sniff_reader(first)
    if reader is read_jsonl:
        return name, read_jsonl, _decoded_lines(name, chain(head, stream), problems)
    text = decode_text(name, b"".join(head) + stream.read(), problems)
    return (name, reader, text) if text is not None else (name, read_jsonl, iter(()))


def _read_file(path: Path, problems: list[InputProblem]):
    if READERS[path.suffix.lower()] is read_parquet:  # binary: its reader opens the file
        yield str(path), read_parquet, path
        return
    if READERS[path.suffix.lower()] is read_jsonl:
        yield str(path), read_jsonl, _decoded_lines(str(path), _file_lines(path, problems),
                                                    problems)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(InputProblem(str(path), "", "", f"cannot read: {exc.strerror}"))
        return
    text = decode_text(str(path), data, problems)
    if text is not None:
        yield str(path), READERS[path.suffix.lower()], text


def _file_lines(path: Path, problems: list[InputProblem]) -> Iterator[bytes]:
    try:
        with path.open("rb") as stream:
            yield from stream
    except OSError as exc:
        problems.append(InputProblem(str(path), "", "", f"cannot read: {exc.strerror}"))


def _line_and_column(before: bytes) -> tuple[int, int]:
    """Where the byte after ``before`` is: CR LF, LF and CR each end a line."""
    lines = before.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    return len(lines), len(lines[-1]) + 1


def _not_utf8(name: str, line: int, column: int, exc: UnicodeDecodeError) -> InputProblem:
    bad = exc.object[exc.start:exc.start + 1].hex()
    return InputProblem(name, f"line {line}, column {column}", "",
                        f"not UTF-8 text ({exc.reason} 0x{bad}); save the file as UTF-8")


def decode_text(name: str, data: bytes, problems: list[InputProblem]) -> str | None:
    """``data`` as UTF-8 text without a BOM; None, with a located problem noted, if it is
    not UTF-8 (the importers read their tables through this too)."""
    data = data.removeprefix(codecs.BOM_UTF8)  # "utf-8-sig" would shift error positions by 3
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(_not_utf8(name, *_line_and_column(data[:exc.start]), exc))
        return None
