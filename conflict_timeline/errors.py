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


class InputError(TimelineError):
    """The input cannot be loaded; carries every problem found, not only the first."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = problems
        count = len(problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the input")


class UsageError(TimelineError):
    """An option value that cannot be used (a bad --since, an unknown --tz)."""


class OutputError(TimelineError):
    """A file cannot be written, or exists and --force was not given."""
