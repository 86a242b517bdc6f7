"""Writing files: whole or not at all, and never over a user's file unless asked."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TextIO

from .errors import OutputError


def write_atomically(path: str | Path, writer: Callable[[TextIO], None],
                     force: bool = False) -> Path:
    """Write a UTF-8 text file through ``writer(out)`` so that ``path`` only ever holds
    nothing, the old file, or the whole new one: a temporary file is written beside it,
    flushed to disk and renamed into place. Line endings are written exactly as ``writer``
    writes them.

    Without ``force`` an existing file (or symlink) is never replaced — not even one that
    appears while writing — and OutputError says to use --force. If ``writer`` raises, the
    temporary file is removed and the exception propagates; ``path`` is untouched."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target} is a directory: name a file to write")
    if not force and os.path.lexists(target):
        raise _exists(target)
    mode = _mode_for(target)
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        _move_into_place(temp, target, force)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_directory(target.parent)
    return target


def _move_into_place(temp: str, target: Path, force: bool) -> None:
    try:
        if force:
            os.replace(temp, target)
            return
        try:
            os.link(temp, target)  # fails if the name is taken, with no window for a race
        except FileExistsError:
            raise _exists(target) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                                 errno.EMLINK, errno.ENOSYS):
                raise
            if os.path.lexists(target):  # a file system without hard links
                raise _exists(target) from None
            os.replace(temp, target)
            return
        os.unlink(temp)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None


def _mode_for(target: Path) -> int:
    """An overwritten file keeps its permissions; a new one gets the usual 0666 & ~umask
    (mkstemp alone would make it private to the owner)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    with suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _exists(target: Path) -> OutputError:
    return OutputError(f"{target} already exists: use --force to replace it")
