"""Writing output files without losing what is there: whole or not at all (a temporary
file in the same directory, flushed to disk, then renamed into place), and never over an
existing file — or a symlink — unless asked.

The temporary file of a write to ``NAME`` is ``.NAME.timeline-<16 hex digits>.tmp``, locked
(``flock``) while it is written. A write that was killed leaves it behind; the next write to
``NAME`` removes such strays — its own name's only, only regular files of this user, and only
those no running write holds locked — so a hidden partial file does not stay forever and a
user's file of a similar name is never touched."""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from .errors import OutputError

try:
    import fcntl
except ImportError:  # not POSIX: no locks, so strays are left alone
    fcntl = None  # type: ignore[assignment]

TEMP_MARK = ".timeline-"
TEMP_SUFFIX = ".tmp"
_TEMP_RANDOM = re.compile(r"[0-9a-f]{16}" + re.escape(TEMP_SUFFIX))

# errors of os.link that mean "this file system has no hard links", not "cannot write"
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                            errno.EMLINK, errno.ENOSYS})


def write_text_atomically(path: str | Path, text: str, force: bool = False) -> Path:
    """Write ``text`` (UTF-8, line ends exactly as given) to ``path``: see
    :func:`write_bytes_atomically`."""
    return write_bytes_atomically(path, text.encode("utf-8"), force)


def write_bytes_atomically(path: str | Path, data: bytes, force: bool = False) -> Path:
    """Write ``data`` so that ``path`` only ever holds nothing, the old file, or the whole
    new one: see :func:`write_file_atomically`."""

    def write(temp: Path) -> None:
        with open(temp, "wb") as out:
            out.write(data)

    return write_file_atomically(path, write, force)


def write_file_atomically(path: str | Path, write: Callable[[Path], object],
                          force: bool = False) -> Path:
    """Have ``write`` make the file at a temporary path beside ``path`` (an empty file is
    there already), then move it into place, so that ``path`` only ever holds nothing, the
    old file, or the whole new one. Without ``force`` an existing file or symlink is never
    replaced — not even one that appears while writing; with it, a symlink itself is
    replaced, never the file it points to. A replaced file keeps its permissions.
    OutputError says what went wrong, and no temporary file is left behind."""
    target = Path(path)
    refuse_to_overwrite(target, force)
    mode = _mode_for(target)
    remove_strays(target)
    try:
        handle, temp = _temporary_file(target)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(handle, "rb+") as locked:  # closing it releases the lock, after the move
            write(Path(temp))
            os.fsync(locked.fileno())
            os.chmod(temp, mode)
            _move_into_place(temp, target, force)
    except BaseException as exc:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from None
        raise
    _sync_directory(target.parent)
    return target


def temp_prefix(target: Path) -> str:
    """The start of the names of ``target``'s temporary files."""
    return f".{target.name}{TEMP_MARK}"


def _temporary_file(target: Path) -> tuple[int, str]:
    """A new private file beside ``target``, open for writing and locked."""
    while True:
        temp = str(target.parent / f"{temp_prefix(target)}{secrets.token_hex(8)}{TEMP_SUFFIX}")
        try:
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                             0o600)
        except FileExistsError:
            continue
        if fcntl is None:
            return handle, temp
        fcntl.flock(handle, fcntl.LOCK_EX)
        # another write's clean-up may have taken it between creating and locking
        with suppress(OSError):
            if os.stat(temp, follow_symlinks=False).st_ino == os.fstat(handle).st_ino:
                return handle, temp
        os.close(handle)


def remove_strays(target: Path) -> list[str]:
    """Remove the temporary files that killed writes to ``target`` left (see the module's
    docstring); the names removed. Nothing here stops a write: a stray that cannot be
    removed stays."""
    if fcntl is None:
        return []
    prefix = temp_prefix(target)
    removed = []
    with suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(prefix) and _TEMP_RANDOM.fullmatch(name, len(prefix)) \
                    and _remove_if_abandoned(entry.path):
                removed.append(name)
    return removed


def _remove_if_abandoned(path: str) -> bool:
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            return False
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a write in progress holds it
            return False
        if os.stat(path, follow_symlinks=False).st_ino != info.st_ino:
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(handle)


def refuse_to_overwrite(path: str | Path, force: bool) -> None:
    """OutputError if ``path`` is a directory, or exists (a dangling symlink counts) and
    ``force`` is false — for commands to refuse before doing any work."""
    if os.path.isdir(path):
        raise OutputError(f"{path} is a directory: name a file to write")
    if not force and os.path.lexists(path):
        raise _exists(Path(path))
    if os.path.exists(path) and not os.path.isfile(path):
        # a device or pipe (/dev/null, a FIFO) cannot be replaced, only written to
        raise OutputError(f"{path} is not a regular file: leave out -o and redirect standard "
                          "output to it instead")


def _move_into_place(temp: str, target: Path, force: bool) -> None:
    if force:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)  # fails if the name is taken, with no window for a race
    except FileExistsError:
        raise _exists(target) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(target):
            raise _exists(target) from None
        os.replace(temp, target)
        return
    os.unlink(temp)


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
    return OutputError(f"{target} already exists: pass --force to overwrite it")


def _cannot_write(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {target}: {exc.strerror or exc}")
