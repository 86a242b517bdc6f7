"""The directory where a run keeps what later runs need not work out again, and how it
writes there.

Two things are kept, each only a shortcut: the record validator
(``records/validator_cache.py``) and compiled regular expressions (``pattern_cache.py``).
A cache that is missing, unreadable, stale or unwritable costs the time it would have
saved, never an error. ``TIMELINE_NO_CACHE=1`` turns both off; ``TIMELINE_CACHE_DIR``
chooses the directory (default ``$XDG_CACHE_HOME/conflict-timeline``, or
``~/.cache/conflict-timeline``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def cache_directory() -> Path | None:
    """Where kept things go; None when the cache is turned off."""
    if os.environ.get("TIMELINE_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("TIMELINE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None)
    if not base:
        home = os.path.expanduser("~")
        if home == "~":  # no home to be found: not a directory named "~" where the user is
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "conflict-timeline"


def write_whole(path: Path, data: bytes) -> bool:
    """Writes ``data`` to ``path`` whole or not at all, even with two runs writing at once;
    False when it could not."""
    import tempfile  # only when writing: it imports random, and most runs only read

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    _forget_strays(path.parent)
    return True


def _forget_strays(directory: Path) -> None:
    # what a run killed between writing and renaming left (not one writing now: an hour on)
    for stray in directory.glob(".tmp-*"):
        try:
            if stray.stat().st_mtime < time.time() - 3600:
                stray.unlink(missing_ok=True)
        except OSError:
            pass
