"""The embedded SQL engine (DuckDB) that reads and writes the columnar files: imported
only by the commands that touch one."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from typing import TYPE_CHECKING

from .errors import TimelineError

if TYPE_CHECKING:
    import duckdb


def connect() -> duckdb.DuckDBPyConnection:
    """A new in-memory engine that reads and shows timestamps in UTC, whatever the
    machine's zone (a span is never read in the machine's local zone)."""
    try:
        import duckdb
    except ImportError:  # a broken installation: it is a dependency
        raise TimelineError("DuckDB, which reads and writes Parquet files, is not installed: "
                            "pip install 'duckdb>=1.3'") from None
    connection = duckdb.connect(":memory:")
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute("SET enable_progress_bar = false")  # stderr is the command's own
    # What the engine holds beyond this goes to a private temporary directory (removed at
    # exit), never to the working directory: tables that grow with the input (a duplicate
    # check over ten million ids, the findings) must not grow the memory with them.
    spill = tempfile.mkdtemp(prefix="timeline-engine-")
    atexit.register(shutil.rmtree, spill, ignore_errors=True)
    connection.execute("SET temp_directory = ?", [spill])
    connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    return connection


MEMORY_LIMIT = "512MB"


def engine_message(exc: Exception) -> str:
    """The engine's own message without its class prefix ("Invalid Input Error: …")."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    head, sep, rest = text.partition(" Error: ")
    return rest if sep and len(head) < 40 else text
