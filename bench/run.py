"""Benchmark `timeline` against its peers on the same generated data, and its start-up against
a bare ``import typer``. Prints Markdown tables: each figure as median/min/max wall-clock
seconds over several runs, the ratio to its reference (median over median), peak memory and
output size.

    python bench/run.py                          # every case the performance goals name
    python bench/run.py --only parquet --runs 3  # one group: jsonl, parquet, scale,
                                                 # ceasefires, startup, size
    python bench/run.py --compare /tmp/old       # also the JSON Lines case on another checkout

The groups:

* ``jsonl``: check-pause and show on a million records of JSON Lines (the plain path:
  every record validated by the models), against ``jq``'s strike filter.
* ``parquet``: check-pause on the same records converted once to Parquet (the engine path),
  against ``bench/peer_duckdb.py``, a bare DuckDB interval join that writes its pairs.
* ``scale``: the Parquet case at ten times the strikes (the 1M file's records copied with new
  ids by the engine, its pauses once): time growth and memory.
* ``ceasefires``: the JSON Lines and Parquet cases again with open-ended, recurring (daily for
  years), renewed and phased pauses among the strikes (``generate.py --ceasefires``).
* ``startup``: ``--version`` and ``show -f json`` on the bundled data against ``import typer``,
  nothing kept between runs (the tool keeps nothing).
* ``size``: the package's lines of code.

Runs are interleaved (reference, then each command, then the reference again …) so that load
from other processes on a shared machine falls on all of them alike. Output goes through a
pipe whose bytes are counted and dropped; standard input is /dev/null. Peak memory is the
largest sum of the resident sets of the child and its descendants, sampled every 20 ms from
/proc. Data files are generated once into bench/data/ (git-ignored).
"""
from __future__ import annotations

import argparse
import os
import platform
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
    cwd: Path | None = None  # where it runs (python -m imports from there first)

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
    proc = subprocess.Popen(case.argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**CHILD_ENV, **case.env},
                            cwd=case.cwd)
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


def data_file(records: int, data_dir: Path, ceasefires: bool = False) -> Path:
    path = data_dir / f"records-{records}{'-ceasefires' if ceasefires else ''}.jsonl"
    if not path.exists():
        print(f"generating {path} …", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--records", str(records),
                        *(["--ceasefires"] if ceasefires else []), "-o", str(path)], check=True)
    return path


def parquet_file(jsonl: Path, timeline: list[str]) -> Path:
    """The records converted once, as a user converts them (timeline export -f parquet)."""
    path = jsonl.with_suffix(".parquet")
    if not path.exists():
        print(f"converting {jsonl} → {path} …", file=sys.stderr)
        case = Case(f"export -f parquet {jsonl.name}",
                    [*timeline, "export", str(jsonl), "-f", "parquet", "-o", str(path)])
        run_once(case)
        print(f"  took {case.times[-1]:.1f} s, peak {case.peak_kb / 1024:.0f} MB",
              file=sys.stderr)
    return path


def scaled_parquet(parquet: Path, copies: int) -> Path:
    """``copies`` times the strikes, statements and negotiations of ``parquet`` (ids made
    unique, spans kept), its pauses once: the same file a user would convert from ten times
    the records, made by the engine rather than by converting 10 million records through
    the models (which needs some 20 GB)."""
    import duckdb

    from conflict_timeline.records.columns import FORMAT_KEY, FORMAT_VERSION

    path = parquet.with_name(f"{parquet.stem}-x{copies}.parquet")
    if path.exists():
        return path
    print(f"making {path} …", file=sys.stderr)
    source = str(parquet).replace("'", "''")
    temporary = path.with_suffix(".tmp")
    with duckdb.connect() as connection:
        connection.execute("SET TimeZone = 'UTC'")
        connection.execute(
            f"COPY (SELECT * FROM read_parquet('{source}') WHERE kind = 'pause' UNION ALL "
            f"SELECT r.* REPLACE (r.id || '-' || c.copy AS id) FROM read_parquet('{source}') "
            f"AS r, range({copies}) AS c(copy) WHERE r.kind <> 'pause') "
            f"TO '{str(temporary).replace(chr(39), chr(39) * 2)}' (FORMAT PARQUET, "
            f"COMPRESSION zstd, KV_METADATA {{{FORMAT_KEY}: '{FORMAT_VERSION}'}})")
    temporary.replace(path)
    return path


def check_pause(timeline: list[str], path: Path, label: str, reference: str,
                limit: float | None) -> Case:
    return Case(f"check-pause -f json {label}",
                [*timeline, "check-pause", str(path), "-f", "json", "--exit-zero"],
                reference, limit, count=FINDING)


def jsonl_cases(path: Path, label: str, timeline: list[str], compare: Path | None) -> list[Case]:
    jq = Case(f"jq strike filter {label}", ["jq", "-c", JQ_FILTER, str(path)])
    cases = [jq, check_pause(timeline, path, label, jq.name, None),
             Case(f"show -f jsonl {label}", [*timeline, "show", str(path), "-f", "jsonl"],
                  jq.name)]
    if compare is not None:
        cases.append(Case(f"check-pause -f json {label}, {compare}",
                          [sys.executable, "-m", "conflict_timeline", "check-pause",
                           str(path.resolve()), "-f", "json", "--exit-zero"], jq.name,
                          count=FINDING, env={"PYTHONPATH": str(compare)}, cwd=compare))
    return cases


def parquet_cases(path: Path, label: str, timeline: list[str]) -> list[Case]:
    peer = Case(f"DuckDB interval join {label}",
                [sys.executable, str(HERE / "peer_duckdb.py"), str(path)])
    return [peer, check_pause(timeline, path, label, peer.name, 3.0)]


def startup_cases(timeline: list[str]) -> list[Case]:
    base = "python -c 'import typer'"
    return [
        Case(base, [sys.executable, "-c", "import typer"]),
        Case("timeline --version", [*timeline, "--version"], base, 1.5),
        Case("timeline show -f json (bundled)", [*timeline, "show", "--format", "json"], base,
             3.0),
    ]


def package_lines() -> int:
    return sum(len(p.read_text(encoding="utf-8").splitlines())
               for p in (HERE.parent / "conflict_timeline").rglob("*.py"))


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
    return (f"{cpu}, {os.cpu_count()} cores ({cpus} available); Python {platform.python_version()}; {jq}; "
            f"{platform.system()} {platform.release()}; load average at start {load}")


def growth_row(small: Case, large: Case, records: tuple[int, int]) -> str:
    return (f"| check-pause -f json (Parquet) {records[0]:,} → {records[1]:,} | "
            f"{large.median / small.median:.2f} | ≤ 11 | {small.peak_kb / 1024:.0f} → "
            f"{large.peak_kb / 1024:.0f} MB |")


GROUPS = ("jsonl", "parquet", "scale", "ceasefires", "startup", "size")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per data case")
    parser.add_argument("--startup-runs", type=int, default=15,
                        help="timed runs per start-up case")
    parser.add_argument("--only", choices=GROUPS, action="append",
                        help="run only this group (repeatable)")
    parser.add_argument("--compare", type=Path,
                        help="another checkout of the project, timed on the JSON Lines case")
    parser.add_argument("--data", type=Path, default=HERE / "data")
    args = parser.parse_args(argv)
    groups = set(args.only or GROUPS)
    if groups & {"jsonl", "ceasefires"} and not shutil.which("jq"):
        raise SystemExit("jq is needed on PATH as the reference")
    timeline = timeline_argv()
    compile_bytecode()
    print(f"machine: {machine()}", file=sys.stderr)
    cases: list[Case] = []
    growth: list[str] = []
    label = f"{args.records:,}"
    if groups & {"jsonl", "parquet", "scale"}:
        path = data_file(args.records, args.data)
        if "jsonl" in groups:
            group = jsonl_cases(path, label, timeline, args.compare)
            measure(group, args.runs)
            cases.extend(group)
        if groups & {"parquet", "scale"}:
            group = parquet_cases(parquet_file(path, timeline), f"{label} (Parquet)", timeline)
            measure(group, args.runs)
            cases.extend(group)
        if "scale" in groups:
            large = args.records * 10
            big = parquet_cases(scaled_parquet(parquet_file(path, timeline), 10),
                                f"{large:,} (Parquet)", timeline)
            measure(big, max(1, args.runs // 2))
            cases.extend(big)
            growth.append(growth_row(group[1], big[1], (args.records, large)))
    if "ceasefires" in groups:
        path = data_file(args.records, args.data, ceasefires=True)
        group = jsonl_cases(path, f"{label} with ceasefires", timeline, None)
        group += parquet_cases(parquet_file(path, timeline), f"{label} with ceasefires "
                               "(Parquet)", timeline)
        measure(group, args.runs)
        cases.extend(group)
    if "startup" in groups:
        group = startup_cases(timeline)
        measure(group, args.startup_runs)
        cases.extend(group)
    print(f"machine: {machine()}\n")
    if cases:
        print(table(cases))
    if growth:
        print("\n| growth | time ratio | goal | peak memory |\n|---|---:|---:|---:|")
        print("\n".join(growth))
    if "size" in groups:
        print(f"\nconflict_timeline/: {package_lines():,} lines of Python")


if __name__ == "__main__":
    main()
