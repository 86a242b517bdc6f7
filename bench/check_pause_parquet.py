"""check-pause on Parquet against the bare DuckDB interval join it is measured by
(bench/peer_duckdb.py), on the same file, runs interleaved (peer, ours, peer, ours …) so
that load from other processes falls on both alike. Prints wall-clock medians (min–max),
the ratio of the medians, peak memory (the child's maximum resident set, from wait4) and
the bytes written to the pipe.

    python bench/generate.py --records 1000000 -o bench/data/records-1000000.jsonl
    timeline export -f parquet -o bench/data/records-1000000.parquet bench/data/records-1000000.jsonl
    python bench/check_pause_parquet.py bench/data/records-1000000.parquet --runs 5
    python bench/check_pause_parquet.py --times 10 bench/data/records-1000000.parquet \\
        -o bench/data/records-10000000.parquet       # ten copies of every strike, then run
    python bench/check_pause_parquet.py FILE.parquet --also show check   # other commands, once

``--times N`` writes a file with N copies of every strike of the given file (ids made
unique with a ``-k`` suffix; the same times, so N times the pairs and the findings) and the
other records once, as a valid records file for the 10M figure without converting ten
million records from JSON Lines first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timeline_argv() -> list[str]:
    script = Path(sys.executable).with_name("timeline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "conflict_timeline"]


def run(argv: list[str]) -> tuple[float, int, int, int]:
    """Seconds, peak resident set (KB), bytes written to the pipe, exit status."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    counted = [0]

    def drain() -> None:
        assert child.stdout is not None
        while chunk := child.stdout.read(1 << 20):
            counted[0] += len(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    _, status, usage = os.wait4(child.pid, 0)
    reader.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss, counted[0], child.returncode


def multiply(source: Path, target: Path, times: int) -> None:
    import duckdb

    if target.exists():
        raise SystemExit(f"{target} exists: not overwritten")
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute("SET enable_progress_bar = false")
    metadata = dict(connection.execute(
        "SELECT key::VARCHAR, value::VARCHAR FROM parquet_kv_metadata($1)", [str(source)]
    ).fetchall())
    kv = ", ".join(f"{k}: '{v}'" for k, v in metadata.items())
    connection.execute(f"""
        COPY (SELECT * FROM read_parquet($1) WHERE kind <> 'strike'
              UNION ALL
              SELECT * EXCLUDE (k) REPLACE (id || '-' || CAST(k AS VARCHAR) AS id)
              FROM read_parquet($1), range({times}) AS copies(k) WHERE kind = 'strike')
        TO '{target}' (FORMAT PARQUET, KV_METADATA {{{kv}}})""", [str(source)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("parquet", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--times", type=int, help="write N copies of the strikes to -o first")
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--also", nargs="*", default=[], choices=["show", "check"],
                        help="also time these commands on the file, interleaved")
    args = parser.parse_args()
    path = args.parquet
    if args.times:
        if args.output is None:
            parser.error("--times needs -o")
        multiply(path, args.output, args.times)
        path = args.output
    cases = {
        "peer_duckdb.py": [sys.executable, str(HERE / "peer_duckdb.py"), str(path)],
        "check-pause -f json": [*timeline_argv(), "check-pause", str(path), "-f", "json",
                                "--exit-zero"],
    }
    if "show" in args.also:
        cases["show -f jsonl"] = [*timeline_argv(), "show", str(path), "-f", "jsonl"]
    if "check" in args.also:
        cases["check"] = [*timeline_argv(), "check", str(path), "-f", "json"]
    run(cases["check-pause -f json"])  # warm-up: bytecode and the file in the page cache
    results: dict[str, list[tuple[float, int, int, int]]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, argv in cases.items():
            results[name].append(run(argv))
    peer = statistics.median(t for t, *_ in results["peer_duckdb.py"])
    print(f"{path} ({path.stat().st_size / 1e6:.0f} MB), {args.runs} runs each, interleaved\n")
    print("| command | median s | min–max s | × peer | peak MB | output MB | exit |")
    print("|---|---|---|---|---|---|---|")
    for name, rows in results.items():
        times = [t for t, *_ in rows]
        median = statistics.median(times)
        peak = max(m for _, m, _, _ in rows) / 1024
        out = rows[-1][2] / 1e6
        codes = sorted({c for *_, c in rows})
        print(f"| {name} | {median:.2f} | {min(times):.2f}–{max(times):.2f} | "
              f"{median / peer:.2f} | {peak:.0f} | {out:.1f} | {codes} |")


if __name__ == "__main__":
    main()
