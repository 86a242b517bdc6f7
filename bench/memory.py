"""Peak memory of loading and of the commands, each in a fresh child process.

The peak is the largest sum of the resident sets of the child and any processes it starts
(sampled from /proc, see ``run.py``; else the child's own maximum from ``wait4``). Records come
from ``bench/generate.py`` (JSON Lines):

    python bench/generate.py --records 1000000 -o bench/data/records-1000000.jsonl
    python bench/memory.py bench/data/records-1000000.jsonl
    python bench/memory.py bench/data/records-1000000.jsonl --split 10000   # + a directory

``--split N`` also writes the same records as N files in a temporary directory and measures
loading that directory.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from run import TreeMemory  # bench/ is the script's own directory

LOAD = ("import sys; from conflict_timeline.loading import load_records; "
        "print(len(load_records(sys.argv[1:])))")


def cases(path: str) -> list[tuple[str, list[str]]]:
    timeline = [sys.executable, "-m", "conflict_timeline"]
    return [
        ("load_records (all records held)", [sys.executable, "-c", LOAD, path]),
        ("timeline show -f jsonl", [*timeline, "show", path, "-f", "jsonl"]),
        ("timeline show --kind pause -f jsonl", [*timeline, "show", path, "--kind", "pause",
                                                 "-f", "jsonl"]),
        ("timeline check-pause -f json", [*timeline, "check-pause", path, "-f", "json",
                                          "--exit-zero"]),
        ("timeline validate", [*timeline, "validate", path]),
        ("timeline check -f json", [*timeline, "check", path, "-f", "json", "--exit-zero"]),
        ("timeline export -f csv", [*timeline, "export", path, "-f", "csv"]),
    ]


def measure(command: list[str]) -> tuple[float, float, int]:
    """(peak resident MB of the child and its workers, seconds, exit status) of one child;
    its output is discarded."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    memory = TreeMemory(child.pid)
    memory.start()
    _, status, usage = os.wait4(child.pid, 0)
    memory.done.set()
    memory.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    peak_kb = max(usage.ru_maxrss, memory.peak_kb)
    return peak_kb / 1024, time.perf_counter() - started, child.returncode


def split(path: Path, count: int, files: int, directory: Path) -> None:
    """The records of ``path`` as ``files`` files, read and written a line at a time: a child
    process's peak includes what its parent held when it started, so the parent holds little."""
    per_file = -(-count // files)
    with path.open("rb") as lines:
        for number in range(files):
            with (directory / f"part-{number:05d}.jsonl").open("wb") as part:
                part.writelines(islice(lines, per_file))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", help="a JSON Lines file from bench/generate.py")
    parser.add_argument("--split", type=int, metavar="N",
                        help="also measure the same records as N files in a directory")
    args = parser.parse_args(argv)
    path = Path(args.records)
    count = sum(1 for _ in path.open("rb"))
    size = path.stat().st_size / 2**20
    print(f"{path}: {count:,} records, {size:,.0f} MB; peak resident memory of a child process")
    runs = cases(str(path))
    with tempfile.TemporaryDirectory() as tmp:
        if args.split:
            split(path, count, args.split, Path(tmp))
            runs.append((f"load_records on {args.split:,} files",
                         [sys.executable, "-c", LOAD, tmp]))
        for label, command in runs:
            peak, seconds, status = measure(command)
            print(f"  {label:<40} {peak:>9,.0f} MB  {peak * 2**20 / count:>7,.0f} B/record"
                  f"  {seconds:>6.1f} s  exit {status}")


if __name__ == "__main__":
    main()
