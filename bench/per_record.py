"""Instructions a parallel reader's worker spends on a record, counted by valgrind.

Wall time on a shared 2-CPU machine drifts by a third within minutes; the instructions a
piece of work executes are the same from run to run of the same code (to about 0.2%:
Python's hash seed varies). Between versions of the code, trust only differences over 1%:
what start-up allocates moves the heap, and with it the cost of allocating (3,000 more
objects made at import moved ``show`` by 1,000 instructions a record, up or down by
version). This counts them for the work every worker does for each record of its pieces:

* ``validate``: read the line and validate it into its models (``timeline validate``; most
  of ``check-pause``);
* ``show``: the same, then write it as a line of JSON Lines and sort (``timeline show -f
  jsonl``).

The worker first reads ``--warm`` records (so the caches of days, times of day and `when`
values hold what a worker well into a large file holds), then ``--records`` more, which
alone are counted::

    python bench/per_record.py                      # both, on bench/data/records-1000000.jsonl
    python bench/per_record.py --what show --records 20000

Needs valgrind (``apt install valgrind``); each case takes a few minutes under it.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _worker(path: str, what: str, warm: int, records: int) -> None:
    """Runs in the process valgrind counts: only the call inside functools.reduce is."""
    from conflict_timeline.loading import parallel
    from conflict_timeline.rendering.machine import record_jsonl_line

    def show(batch):
        rendered = []
        for record in batch:
            span = record.span
            rendered.append((span.start_ts, span.end_ts, record.id, record_jsonl_line(record)))
        rendered.sort()
        return len(rendered)

    def validate(batch):
        return sum(1 for _ in batch)

    with open(path, "rb") as stream:
        warm_bytes = sum(len(next(stream)) for _ in range(warm))
        counted_bytes = sum(len(next(stream)) for _ in range(records))
    parallel._start_worker()
    parallel._consume = show if what == "show" else validate
    parallel._read_piece(parallel.Piece(path, 0, warm_bytes))
    counted = parallel.Piece(path, warm_bytes, warm_bytes + counted_bytes)
    done = functools.reduce(lambda _, piece: parallel._read_piece(piece).value, [counted], 0)
    assert done == records, done


def _count(path: Path, what: str, warm: int, records: int) -> float:
    command = ["valgrind", "--tool=callgrind", "--toggle-collect=functools_reduce",
               "--callgrind-out-file=/dev/null", sys.executable, __file__, "--worker", what,
               "--warm", str(warm), "--records", str(records), str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(HERE.parent)})
    line = next(line for line in result.stderr.splitlines() if "refs:" in line)
    return int(line.rsplit(maxsplit=1)[-1].replace(",", "")) / records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path,
                        default=HERE / "data" / "records-1000000.jsonl")
    parser.add_argument("--what", choices=("validate", "show", "both"), default="both")
    parser.add_argument("--warm", type=int, default=50_000)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--worker", choices=("validate", "show"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(str(args.data), args.worker, args.warm, args.records)
        return
    for what in ("validate", "show") if args.what == "both" else (args.what,):
        print(f"{what}: {_count(args.data, what, args.warm, args.records):,.0f} instructions a "
              f"record (records {args.warm:,}–{args.warm + args.records:,} of {args.data.name})")


if __name__ == "__main__":
    main()
