"""Writing output files without losing what is there: atomically (a temporary file in the
same directory, then a rename), and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError


def write_text_atomically(path: str | Path, text: str, force: bool = False) -> None:
    """Write ``text`` (UTF-8, line ends as given) to ``path``; UsageError if the file exists
    and ``force`` is false, or if it cannot be written."""
    write_bytes_atomically(path, text.encode("utf-8"), force)


def write_bytes_atomically(path: str | Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to ``path``, as write_text_atomically does text (a picture, say)."""
    target = Path(path)
    if target.exists() and not force:
        raise UsageError(f"{target} already exists: pass --force to overwrite it")
    if target.is_dir():
        raise UsageError(f"{target} is a directory")
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=directory)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or what a newly created file would get (the
    temporary file is private to its owner until renamed)."""
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
