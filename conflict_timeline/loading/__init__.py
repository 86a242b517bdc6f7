"""Loading: files, directories and standard input to validated records — all or nothing."""

from __future__ import annotations

import gc
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, InputProblem
from ..records import RecordBase
from .readers import READERS, ParsedFile, read_jsonl, sniff_reader
from .validation import validate_file, validate_json_lines

STDIN = "-"
BUNDLED_NAME = "events"


def bundled_events_dir() -> Path:
    """The bundled story data set: inside the package when installed from a wheel, beside
    it in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "bundled_events", here.parent / BUNDLED_NAME):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled events/ data set is missing from this installation")


def load_records(paths: Iterable[str | Path], stdin: BinaryIO | None = None) -> list[RecordBase]:
    """Every record in ``paths`` (files, directories, ``-`` for standard input).

    Raises InputError listing every problem found; nothing is returned half-loaded.
    """
    problems: list[InputProblem] = []
    records: list[RecordBase] = []
    files: list[_LoadedFile] = []
    with _collector_paused():
        for name, reader, data in _sources(paths, problems, stdin):
            file_records, locate = _validated(name, reader, data, problems)
            files.append(_LoadedFile(name, len(records), locate, len(problems)))
            records.extend(file_records)
    _add_duplicate_problems(records, files, problems)
    if problems:
        raise InputError(problems)
    return records


@dataclass(frozen=True, slots=True)
class _LoadedFile:
    name: str
    first: int  # index of its first record in the combined list
    locate: Callable[[int], str]  # location of its i-th record
    problems_end: int  # where its problems end in the combined list


def _validated(name: str, reader, data: bytes, problems: list[InputProblem]):
    """The records of one file and a function locating its i-th record. JSON Lines take
    the fast path (each line's bytes validated by pydantic-core directly); any problem
    sends the file down the slow path, which finds and locates every problem."""
    if reader is read_jsonl:
        fast = validate_json_lines(data)
        if fast is not None:
            file_records, line_numbers = fast
            return file_records, lambda i: f"line {line_numbers[i]}"
    text = _decode(name, data, problems)
    if text is None:
        return [], str
    parsed: ParsedFile = reader(name, text)
    pairs = validate_file(parsed)
    problems.extend(parsed.problems)
    return [record for record, _ in pairs], [location for _, location in pairs].__getitem__


def _add_duplicate_problems(records: list[RecordBase], files: list[_LoadedFile],
                            problems: list[InputProblem]) -> None:
    """A problem for every id already used, placed after its file's other problems. Ids
    are compared in one set first: a million unique ids need no per-record bookkeeping."""
    ids = [record.id for record in records]
    if len(set(ids)) == len(ids):
        return
    first_index: dict[str, int] = {}
    found: list[tuple[int, InputProblem]] = []
    starts = [f.first for f in files]
    for index, record_id in enumerate(ids):
        first = first_index.setdefault(record_id, index)
        if first != index:
            here, there = files[bisect_right(starts, index) - 1], files[bisect_right(starts, first) - 1]
            found.append((here.problems_end, InputProblem(
                here.name, here.locate(index - here.first), "id",
                f"duplicate id {record_id!r}: already used at "
                f"{there.name}: {there.locate(first - there.first)}")))
    for position, problem in reversed(found):
        problems.insert(position, problem)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Records hold no reference cycles, but a million of them would make the cyclic
    garbage collector walk every object ever loaded again and again while they are
    created; it runs again once they are all in place."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _sources(paths, problems: list[InputProblem], stdin: BinaryIO | None):
    """(name, reader, text) for every file named or found; problems for the rest."""
    for raw in paths:
        if str(raw) == STDIN:
            data = (stdin or sys.stdin.buffer).read()
            text = _decode("<stdin>", data, problems)
            if text is not None:
                yield "<stdin>", sniff_reader(text), data
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


def _read_file(path: Path, problems: list[InputProblem]):
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(InputProblem(str(path), "", "", f"cannot read: {exc.strerror}"))
        return
    yield str(path), READERS[path.suffix.lower()], data


def _decode(name: str, data: bytes, problems: list[InputProblem]) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start:exc.start + 1].hex()
        problems.append(InputProblem(
            name, f"line {line}, column {column}", "",
            f"not UTF-8 text ({exc.reason} 0x{bad}); save the file as UTF-8"))
        return None
