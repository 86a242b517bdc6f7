"""Loading: files, directories and standard input to validated records — all or nothing."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, InputProblem
from ..records import RecordBase
from .readers import READERS, ParsedFile, sniff_reader
from .validation import validate_file

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
    first_seen: dict[str, str] = {}
    for name, reader, text in _sources(paths, problems, stdin):
        parsed: ParsedFile = reader(name, text)
        file_records = validate_file(parsed)
        problems.extend(parsed.problems)
        for record, location in file_records:
            if record.id in first_seen:
                problems.append(InputProblem(
                    name, location, "id",
                    f"duplicate id {record.id!r}: already used at {first_seen[record.id]}",
                ))
            else:
                first_seen[record.id] = f"{name}: {location}"
            records.append(record)
    if problems:
        raise InputError(problems)
    return records


def _sources(paths, problems: list[InputProblem], stdin: BinaryIO | None):
    """(name, reader, text) for every file named or found; problems for the rest."""
    for raw in paths:
        if str(raw) == STDIN:
            data = (stdin or sys.stdin.buffer).read()
            text = _decode("<stdin>", data, problems)
            if text is not None:
                yield "<stdin>", sniff_reader(text), text
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
    text = _decode(str(path), data, problems)
    if text is not None:
        yield str(path), READERS[path.suffix.lower()], text


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
