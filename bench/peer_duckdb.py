"""The reference check-pause at scale is measured against: a bare DuckDB interval join over
the same records in Parquet (made by `timeline export -f parquet`), writing its pairs as
JSON Lines to standard output. It uses DuckDB alone, none of timeline's code.

    python bench/generate.py --records 1000000 --pauses 100 -o big.jsonl
    timeline export -f parquet -o big.parquet big.jsonl
    python bench/peer_duckdb.py big.parquet > pairs.jsonl

A pair is a strike and a pause reading whose spans overlap (with ``--scoped``, only where
the pause binds the striking party and its scope — targets, regions; a missing list: no
limit — covers the strike); ``relation`` is ``inside`` when the reading's window holds the
whole strike span, else ``overlaps``. Spans are half-open, ``[start, end)``; an open end runs for ever. The
count of pairs and the seconds taken go to standard error.
"""

from __future__ import annotations

import argparse
import sys
import time

import duckdb

PAIRS = """
WITH records AS (SELECT * FROM read_parquet($path)),
strikes AS (
    SELECT id, span_start, span_end, "by", targets, location.region AS region
    FROM records WHERE kind = 'strike'),
pauses AS (
    SELECT id, span_start, coalesce(span_end, 'infinity'::TIMESTAMPTZ) AS span_end, binds,
           scope.targets AS targets, scope.regions AS regions
    FROM records WHERE kind = 'pause')
SELECT s.id AS strike, p.id AS pause,
       s.span_start AS strike_start, s.span_end AS strike_end,
       p.span_start AS pause_start, p.span_end AS pause_end,
       CASE WHEN p.span_start <= s.span_start AND s.span_end <= p.span_end
            THEN 'inside' ELSE 'overlaps' END AS relation
FROM strikes s JOIN pauses p
  ON s.span_start < p.span_end AND p.span_start < s.span_end
"""
SCOPED = """
WHERE list_contains(p.binds, s."by")
  AND (p.targets IS NULL OR list_has_any(p.targets, s.targets))
  AND (p.regions IS NULL OR list_contains(p.regions, s.region))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("parquet", help="records written by timeline export -f parquet")
    parser.add_argument("--scoped", action="store_true",
                        help="only pairs where the pause binds the striker and covers the strike")
    args = parser.parse_args()
    started = time.perf_counter()
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute("SET enable_progress_bar = false")
    query = PAIRS + (SCOPED if args.scoped else "")
    # the engine writes the JSON Lines itself, straight to the pipe
    connection.execute(f"CREATE TEMP TABLE pairs AS {query}", {"path": args.parquet})
    try:
        connection.execute("COPY pairs TO '/dev/stdout' (FORMAT JSON)")
    except duckdb.IOException as exc:  # the reader went away (| head)
        raise SystemExit(f"peer_duckdb: {exc}") from None
    (count,) = connection.execute("SELECT count(*) FROM pairs").fetchall()[0]
    print(f"{count} pairs in {time.perf_counter() - started:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
