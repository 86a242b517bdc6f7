"""Writing files a user asked for: whole or not at all, and never over an existing file
unless they said so."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import TimelineError


class OutputError(TimelineError):
    """A file cannot be written, or would overwrite one the user did not ask to replace."""


def write_atomically(path: str | Path, data: bytes | str, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory, renamed
    into place: a reader never sees half a file, and a failed write leaves nothing behind.

    Without ``force`` an existing ``path`` is refused; the check and the rename are one step
    (a hard link fails if the name exists), so a file created meanwhile is not clobbered.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if not force and path.exists():
        raise OutputError(f"{path} already exists: pass --force to overwrite it")
    directory = path.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        _move_into_place(temporary, path, force)
    except FileExistsError:
        raise OutputError(f"{path} already exists: pass --force to overwrite it") from None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _move_into_place(temporary: str, path: Path, force: bool) -> None:
    if force:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)  # fails with FileExistsError if the name was taken
    except FileExistsError:
        raise
    except OSError:
        # a file system without hard links: the exists() check before is the best there is
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
