"""The one base exception, and input problems located by file, record and field."""

from __future__ import annotations

from typing import NamedTuple


class TimelineError(Exception):
    """Base of every error the core raises; the CLI prints it and exits 2."""


# Small value types that every command imports are named tuples (InputProblem here; Origin,
# RawEntry, RecordFilter): making a dataclass costs start-up 2-3 million instructions, a
# named tuple 0.7 million.
class InputProblem(NamedTuple):
    """One thing wrong with the input, located so a person can go and fix it."""

    file: str
    location: str  # "line 12", "record 3 (line 40)", "line 3, column 7", or "" for the file
    field: str  # "weapons[0].type", or "" when the problem is not one field's
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.location:
            where += f": {self.location}"
        if self.field:
            where += f": field '{self.field}'"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "location": self.location, "field": self.field,
                "message": self.message}


class ProblemList(list):
    """Input problems, of which only the first ``limit`` are kept: the rest are counted in
    ``more``, so a file of a million bad lines neither fills memory nor floods stderr."""

    def __init__(self, limit: int | None = None) -> None:
        super().__init__()
        self.limit = limit
        self.more = 0

    def append(self, problem: InputProblem) -> None:
        if self.limit is not None and len(self) >= self.limit:
            self.more += 1
        else:
            super().append(problem)

    def extend(self, problems) -> None:  # type: ignore[override]
        for problem in problems:
            self.append(problem)
        self.more += getattr(problems, "more", 0)


class InputError(TimelineError):
    """The input cannot be loaded; carries the problems found, not only the first (at most
    a limit of them when the loader was given one, with ``more`` counting the rest)."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = problems
        self.more = getattr(problems, "more", 0)
        count = len(problems) + self.more
        super().__init__(f"{count:,} problem{'s' if count != 1 else ''} in the input")


class UsageError(TimelineError):
    """An option value that cannot be used (a bad --since, an unknown --tz)."""


class OutputError(TimelineError):
    """A file cannot be written, or exists and --force was not given."""
