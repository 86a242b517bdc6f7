"""Benchmark `timeline` against jq on the same generated file, and its start-up against a bare
``import typer``. Prints one Markdown table: each figure as median/min/max wall-clock seconds
over several runs, the ratio to its reference (median over median), peak memory and output size.

    python bench/run.py --records 1000000            # the goals of the performance brief
    python bench/run.py --records 100000 --runs 3    # quicker
    python bench/run.py --records 1000000 --stress   # also 10,000 pause readings
    python bench/run.py --records 1000 --instructions  # start-up, also counted by valgrind

Runs are interleaved (jq, then each command, then jq again …) so that load from other
processes on a shared machine falls on all of them alike. Output goes through a pipe whose
bytes are counted and dropped. Peak memory is the largest sum of the resident sets of the
child and all its descendants (timeline's worker processes), sampled every 20 ms from /proc;
pages the workers share with the parent after fork are counted once per process, so the sum
is an upper bound. Where /proc is missing it is the child's own maximum (wait4).
Data files are generated once by bench/generate.py into bench/data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
JQ_FILTER = 'select(.kind=="strike")'
# Children run as an installed program does: with bytecode caches (the warm-up run writes
# them), even where the environment says not to write them.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
FINDING = b'\n    "verdict": "'  # one per finding in check-pause's JSON


@dataclass
class Case:
    name: str
    argv: list[str]
    reference: str | None = None  # name of the case this one is compared with
    limit: float | None = None  # the goal for the ratio
    ok_codes: tuple[int, ...] = (0,)
    times: list[float] = field(default_factory=list)
    peak_kb: int = 0
    out_bytes: int = 0
    count: bytes | None = None  # output pattern counted (a finding's verdict line)
    counted: int | None = None
    env: dict[str, str] = field(default_factory=dict)  # set for this case only
    instructions: int | None = None  # counted by valgrind (--instructions)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def timeline_argv() -> list[str]:
    """The `timeline` script installed beside this Python, else ``python -m``."""
    script = Path(sys.executable).with_name("timeline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "conflict_timeline"]


def compile_bytecode() -> None:
    """Write the package's .pyc files before anything is timed. The warm-up run would write
    them, except where PYTHONDONTWRITEBYTECODE is set: then every run compiles each module
    whose source changed since its .pyc was written, and start-up is measured with that."""
    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(__file__).resolve().parent.parent / "conflict_timeline")], check=True)


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    ppid = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, ()))
    return found


def _resident_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """The largest sum of resident sets of a process and its descendants, sampled."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self.done.wait(0.02):
            total = sum(_resident_kb(pid) for pid in _descendants(self.pid))
            self.peak_kb = max(self.peak_kb, total)


def run_once(case: Case) -> None:
    started = time.perf_counter()
    proc = subprocess.Popen(case.argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**CHILD_ENV, **case.env})
    memory = TreeMemory(proc.pid)
    memory.start()
    out_bytes = counted = 0
    tail = b""
    assert proc.stdout is not None
    while chunk := proc.stdout.read1(1 << 20):
        out_bytes += len(chunk)
        if case.count:  # across chunk boundaries: the pattern holds no newline but its first
            counted += (tail + chunk).count(case.count)
            tail = chunk[-(len(case.count) - 1):]
    memory.done.set()  # stdout closed: the work is done (sampling would find no process)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    memory.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in case.ok_codes:
        raise SystemExit(f"{case.name}: exit {proc.returncode}\n{' '.join(case.argv)}\n{stderr[-2000:]}")
    case.times.append(elapsed)
    # the child's ru_maxrss counts the copy of this process it was forked from (this
    # script's own size, some 90 MB, even for `import typer`): only where /proc is missing
    case.peak_kb = max(case.peak_kb, memory.peak_kb if os.path.isdir("/proc") else usage.ru_maxrss)
    case.out_bytes = out_bytes
    if case.count:
        case.counted = counted


def data_file(records: int, pauses: int, data_dir: Path) -> Path:
    suffix = "" if pauses == 100 else f"-p{pauses}"
    path = data_dir / f"records-{records}{suffix}.jsonl"
    if not path.exists():
        print(f"generating {path} …", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--records", str(records),
                        "--pauses", str(pauses), "-o", str(path)], check=True)
    return path


def data_cases(path: Path, label: str, timeline: list[str], text_report: bool) -> list[Case]:
    jq = f"jq filter {label}"
    cases = [
        Case(jq, ["jq", "-c", JQ_FILTER, str(path)]),
        Case(f"check-pause -f json {label}", [*timeline, "check-pause", str(path), "-f", "json",
                                              "--exit-zero"], jq, 1.0, count=FINDING),
        Case(f"show -f jsonl {label}", [*timeline, "show", str(path), "-f", "jsonl"], jq, 1.5),
    ]
    if text_report:
        cases.append(Case(f"check-pause (text) {label}",
                          [*timeline, "check-pause", str(path), "--exit-zero"], jq))
    return cases


def startup_cases(timeline: list[str]) -> list[Case]:
    base = "python -c 'import typer'"
    bundled = [*timeline, "show", "--format", "json"]
    return [
        Case(base, [sys.executable, "-c", "import typer"]),
        Case("timeline --version", [*timeline, "--version"], base, 1.3),
        Case("timeline show -f json (bundled)", bundled, base, 2.5),
        # a user's first run, and every run with the cache off: pydantic builds the validator
        Case("the same, validator not kept (TIMELINE_NO_CACHE=1)", bundled, base,
             env={"TIMELINE_NO_CACHE": "1"}),
        # what typer 0.29 imports to read any option (it coerces them with pydantic), and
        # the record models need: the floor under the bundled case
        Case("imports alone (typer, pydantic)", [sys.executable, "-c", DEPENDENCIES_ALONE], base),
    ]


DEPENDENCIES_ALONE = "import typer; from pydantic import BaseModel, Field, TypeAdapter, field_validator"


def count_instructions(cases: list[Case]) -> None:
    """Instructions each case executes, counted by valgrind: unlike time, the same from run
    to run on a busy machine, so small start-up changes can be seen at all."""
    for case in cases:
        result = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                                 "--cachegrind-out-file=/dev/null", *case.argv],
                                capture_output=True, text=True, env={**CHILD_ENV, **case.env})
        found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
        if result.returncode not in case.ok_codes or not found:
            raise SystemExit(f"{case.name}: valgrind gave no count\n{result.stderr[-2000:]}")
        case.instructions = int(found.group(1).replace(",", ""))
        print(f"  {case.name}: {case.instructions:,} instructions", file=sys.stderr)


def instruction_table(cases: list[Case]) -> str:
    by_name = {c.name: c for c in cases}
    rows = ["| start-up case | instructions (millions) | ratio |", "|---|---:|---:|"]
    for c in cases:
        ratio = f"{c.instructions / by_name[c.reference].instructions:.2f}" if c.reference else ""
        rows.append(f"| {c.name} | {c.instructions / 1e6:.1f} | {ratio} |")
    return "\n".join(rows)


def measure(cases: list[Case], runs: int, warmup: bool = True) -> None:
    if warmup:  # page cache and .pyc files, not counted
        for case in cases:
            run_once(case)
            case.times.clear()
    for _ in range(runs):
        for case in cases:
            run_once(case)
            print(f"  {case.name}: {case.times[-1]:.3f} s", file=sys.stderr)


def table(cases: list[Case]) -> str:
    by_name = {c.name: c for c in cases}
    rows = ["| case | median s | min s | max s | ratio | goal | peak MB | output MB | findings |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for c in cases:
        ratio = goal = ""
        if c.reference:
            ratio = f"{c.median / by_name[c.reference].median:.2f}"
            goal = f"≤ {c.limit}" if c.limit else ""
        rows.append(f"| {c.name} | {c.median:.3f} | {min(c.times):.3f} | {max(c.times):.3f} | "
                    f"{ratio} | {goal} | {c.peak_kb / 1024:.0f} | {c.out_bytes / 1e6:.3g} | "
                    f"{'' if c.counted is None else f'{c.counted:,}'} |")
    return "\n".join(rows)


def growth_rows(cases: list[Case], small: int, large: int) -> str:
    by_name = {c.name: c for c in cases}
    rows = [f"| growth {small:,} → {large:,} records | time ratio | goal |", "|---|---:|---:|"]
    for command in ("jq filter", "check-pause -f json", "show -f jsonl"):
        a, b = by_name.get(f"{command} {small:,}"), by_name.get(f"{command} {large:,}")
        if a and b:
            rows.append(f"| {command} | {b.median / a.median:.2f} | "
                        f"{'' if command == 'jq filter' else '≤ 11'} |")
    return "\n".join(rows)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    jq = subprocess.run(["jq", "--version"], capture_output=True, text=True).stdout.strip()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count()
    return (f"{cpu}, {os.cpu_count()} cores ({cpus} available: timeline's default --jobs); Python {platform.python_version()}; {jq}; "
            f"{platform.system()} {platform.release()}; load average at start {load}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per data case")
    parser.add_argument("--startup-runs", type=int, default=20, help="timed runs per start-up case")
    parser.add_argument("--no-growth", action="store_true", help="skip the 10× smaller file")
    parser.add_argument("--stress", action="store_true",
                        help="also the same strikes against 10,000 pause readings (slow)")
    parser.add_argument("--stress-runs", type=int, default=1)
    parser.add_argument("--text-report", action="store_true",
                        help="also time check-pause's text report for people")
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the start-up cases' instructions with valgrind")
    parser.add_argument("--data", type=Path, default=HERE / "data")
    args = parser.parse_args(argv)
    if not shutil.which("jq"):
        raise SystemExit("jq is needed on PATH as the reference")
    if args.instructions and not shutil.which("valgrind"):
        raise SystemExit("--instructions counts with valgrind, which is not on PATH")
    timeline = timeline_argv()
    compile_bytecode()
    print(f"machine: {machine()}", file=sys.stderr)
    cases: list[Case] = []
    sizes = [args.records] if args.no_growth else [args.records // 10, args.records]
    for size in sizes:
        path = data_file(size, 100, args.data)
        group = data_cases(path, f"{size:,}", timeline, args.text_report)
        measure(group, args.runs)
        cases.extend(group)
    if args.stress:
        path = data_file(args.records, 10_000, args.data)
        jq = Case(f"jq filter {args.records:,} (10,000 pauses)", ["jq", "-c", JQ_FILTER, str(path)])
        stress = Case(f"check-pause -f json {args.records:,} (10,000 pauses)",
                      [*timeline, "check-pause", str(path), "-f", "json", "--exit-zero"],
                      jq.name, count=FINDING)
        measure([jq, stress], args.stress_runs, warmup=False)
        cases.extend([jq, stress])
    startup = [] if args.no_startup else startup_cases(timeline)
    if startup:
        measure(startup, args.startup_runs)
        cases.extend(startup)
    if startup and args.instructions:
        count_instructions(startup)
    print(f"machine: {machine()}\n")
    print(table(cases))
    if startup and args.instructions:
        print()
        print(instruction_table(startup))
    if len(sizes) == 2:
        print()
        print(growth_rows(cases, *sizes))


if __name__ == "__main__":
    main()
