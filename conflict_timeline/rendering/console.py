"""Consoles for data: wrapped to a terminal, never wrapped or padded anywhere else."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console


def data_console(stream: TextIO) -> Console:
    """A console for data written to ``stream``. On a terminal it wraps to the terminal's
    width; anywhere else (a pipe, a file) lines are neither wrapped nor padded out to a
    width with trailing spaces."""
    console = Console(highlight=False, file=stream)
    if console.is_terminal:
        return console
    return Console(highlight=False, file=_TrailingSpaceStripper(stream),
                   width=UNWRAPPED_WIDTH)


# wide enough that no data line wraps; nothing is padded out to it (renderers ask for no
# padding to the full width, and trailing spaces are taken off each line)
UNWRAPPED_WIDTH = 100_000


class _TrailingSpaceStripper:
    """A text stream that writes each line without its trailing spaces."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self._tail = ""

    def write(self, text: str) -> int:
        lines = (self._tail + text).split("\n")
        self._tail = lines.pop()
        if lines:
            self._stream.write("\n".join(line.rstrip(" ") for line in lines) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._tail:
            self._stream.write(self._tail.rstrip(" "))
            self._tail = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", "utf-8")
