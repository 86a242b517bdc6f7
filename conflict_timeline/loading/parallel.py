"""Large JSON Lines inputs read by several processes at once.

A JSON Lines file splits at any line end, so pieces of it can be validated side by side,
one process per CPU: each worker validates every record of its pieces exactly as the
serial loader does (the same function, the same models) and hands back only what the
command asked of it — a few findings, or output already written as text — never the
records themselves, which would cost more to send than to validate.

Nothing here decides what a problem means: if any piece holds one, or two records share an
id, the caller is told (None) and reads the input again the serial way, which locates and
words every problem exactly as always. Bad input costs a second reading; good input, the
common case, is read once.

Workers are forked (Linux only): they inherit the loaded models, the command's settings and
its functions, with nothing to pickle on the way in.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..records import RecordBase
from .readers import READERS, ParsedFile, read_jsonl

T = TypeVar("T")

# Below this many bytes in all (two pieces), starting workers costs more than they save
# (unless a number of jobs is asked for). Measured on 2 CPUs: 10,000 records (2 MB) take
# 0.55 s in two processes against 0.75 s in one; 100,000, 1.7 s against 2.8 s (check-pause).
AUTO_MIN_BYTES = 2 << 20
# Pieces: at most a quarter of a worker's share, then smaller as the input is used up (each
# half of a worker's share of what remains), so that the workers run out of work at about
# the same time: with equal pieces one would idle while the other read the last of them.
_PIECES_PER_JOB = 4
_MIN_PIECE_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Piece:
    """Bytes ``[start, end)`` of a JSON Lines file; both ends fall at a line end."""

    path: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Plan:
    """The pieces of the input, and how many processes read them."""

    pieces: tuple[Piece, ...]
    jobs: int

    @property
    def paths(self) -> list[str]:
        return list(dict.fromkeys(piece.path for piece in self.pieces))


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def plan_pieces(paths: Iterable[str | Path], jobs: int | None = None) -> Plan | None:
    """How to read ``paths`` in parallel; None when it cannot or should not be.

    ``jobs`` None means automatic: one process per available CPU, and only for inputs of
    :data:`AUTO_MIN_BYTES` or more. A number asks for that many processes whatever the size
    (1: never in parallel). Only regular JSON Lines files (directories of them included)
    can be split, and only where processes can be forked; standard input, JSON and TOML
    are read serially, as is every input on other systems.
    """
    wanted = available_cpus() if jobs is None else jobs
    if wanted < 2 or sys.platform != "linux":  # Linux: fork is there, and safe to use
        return None
    files = _json_lines_files(paths)
    if not files:
        return None
    sizes = [os.path.getsize(f) for f in files]
    total = sum(sizes)
    if jobs is None and total < AUTO_MIN_BYTES:
        return None
    pieces = tuple(_split(files, sizes, wanted))
    return Plan(pieces, min(wanted, max(1, len(pieces)))) if pieces else None


def _json_lines_files(paths: Iterable[str | Path]) -> list[str] | None:
    """Every file the serial loader would read, if all are regular JSON Lines files and
    none is missing; else None (the serial loader then says what is wrong)."""
    from . import STDIN, _record_files

    files: list[str] = []
    for raw in paths:
        if str(raw) == STDIN:
            return None
        path = Path(raw)
        found = _record_files(path) if path.is_dir() else [path]
        if not found:
            return None
        for file in found:
            if not file.is_file() or READERS.get(file.suffix.lower()) is not read_jsonl:
                return None
            files.append(str(file))
    return files


def _split(files: list[str], sizes: list[int], jobs: int) -> Iterator[Piece]:
    """The files in pieces (see :data:`_PIECES_PER_JOB`), each cut just after a line feed (a
    CR alone never ends a piece: the loader splits such a line itself, within one piece)."""
    largest = sum(sizes) // (jobs * _PIECES_PER_JOB) + 1
    remaining = sum(sizes)
    for path, size in zip(files, sizes):
        if size == 0:
            yield Piece(path, 0, 0)
            continue
        with open(path, "rb") as stream:
            start = 0
            while start < size:
                piece_bytes = max(_MIN_PIECE_BYTES, min(largest, remaining // (2 * jobs)))
                stream.seek(min(start + piece_bytes, size))
                stream.readline()
                end = min(stream.tell(), size)
                yield Piece(path, start, end)
                remaining -= end - start
                start = end


class GiveUp(Exception):
    """Raised by a worker's ``consume`` when the piece is better read serially (its result
    would be too large to hold, say): the piece is read no further and the caller is told
    (None), as for a problem."""


# What each worker does with the records of one piece. Set before the workers are forked,
# so they inherit it (and everything it refers to) instead of receiving it pickled.
_consume: Callable[[Iterator[RecordBase]], object] | None = None


@dataclass(frozen=True, slots=True)
class PieceResult(Generic[T]):
    ids: list[str]
    value: T


def map_pieces(plan: Plan, consume: Callable[[Iterator[RecordBase]], T],
               receive: Callable[[T], Any] | None = None) -> list | None:
    """``consume(records)`` for the records of every piece, in worker processes; the
    values in the pieces' order, each passed to ``receive`` (in this process) as it
    arrives, while the workers read on. None when any piece holds a problem or an id is
    used twice (the caller then loads serially, which reports them), when ``consume``
    raised :class:`GiveUp`, or when a worker died."""
    import multiprocessing  # here, not at the top: a small input never needs them
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _consume
    _consume = consume
    try:
        # an executor, not a multiprocessing.Pool: a worker killed (by the kernel's OOM
        # killer, say) breaks it at once, where a Pool would wait for it for ever
        with ProcessPoolExecutor(plan.jobs, multiprocessing.get_context("fork"),
                                 initializer=_start_worker) as pool:
            results = []
            for result in pool.map(_read_piece, plan.pieces):
                if result is None:  # a problem, or a worker gave up: the rest is not needed
                    pool.shutdown(wait=True, cancel_futures=True)
                    return None
                results.append(result if receive is None
                               else PieceResult(result.ids, receive(result.value)))
    except BrokenProcessPool:  # read serially instead, where memory runs out with a message
        return None
    finally:
        _consume = None
    seen: set[str] = set()
    count = 0
    for result in results:
        seen.update(result.ids)
        count += len(result.ids)
    if len(seen) != count:  # an id used twice: the serial loader says where
        return None
    return [result.value for result in results]


def _start_worker() -> None:
    """A worker holds no record for long: the cyclic collector would only walk them."""
    gc.disable()


def _read_piece(piece: Piece) -> PieceResult | None:
    """The piece's ids and what the command made of its records; None if it held a
    problem (the caller then reads the input serially to report it)."""
    from . import _json_lines_records

    ids: list[str] = []
    parsed = ParsedFile(piece.path)
    problems: list = []

    def records() -> Iterator[RecordBase]:
        for record, _ in _json_lines_records(parsed, _piece_lines(piece), problems,
                                             at_start=piece.start == 0):
            ids.append(record.id)
            yield record

    stream = records()
    try:
        value = _consume(stream)  # type: ignore[misc]
    except GiveUp:
        return None
    for _ in stream:  # every record is validated, whatever the command needed
        pass
    if problems or parsed.problems:
        return None
    return PieceResult(ids, value)


def _piece_lines(piece: Piece) -> Iterator[bytes]:
    with open(piece.path, "rb") as stream:
        stream.seek(piece.start)
        data = stream.read(piece.end - piece.start)
    return iter(BytesIO(data))  # lines split as iterating the file splits them


def count_in_parallel(plan: Plan) -> int | None:
    """How many records the input of ``plan`` holds, every one validated (ids unique); None
    when it holds a problem (the caller then reads it serially, which reports it)."""
    counts = map_pieces(plan, _count)
    return None if counts is None else sum(counts)


def _count(records: Iterator[RecordBase]) -> int:
    return sum(1 for _ in records)
