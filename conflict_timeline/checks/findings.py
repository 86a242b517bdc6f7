"""What `timeline check` is made of: rules, each with a stable code, and the findings they give."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..timeline import Timeline


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


FAMILIES: dict[str, str] = {
    "P": "pause",
    "T": "time",
    "D": "duplicate",
    "N": "number",
    "R": "reference",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One contradiction in the record.

    ``message`` is one line; ``explanation`` says why, for this instance (the rule's own long
    explanation is on the rule); ``records`` are the ids involved, the one the finding is
    about first; ``details`` carries rule-specific facts for machines (who claims what, a
    cluster's confidence, the counts compared).
    """

    code: str
    severity: Severity
    message: str
    records: tuple[str, ...]
    explanation: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rule:
    """A pure function from the loaded timeline to findings, with what a person needs to
    trust or silence it: a stable code, a name, a severity, a one-line summary and a long
    explanation (shown by `timeline rules CODE`)."""

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    check: Callable[[Timeline], Iterable[Finding]]

    @property
    def family(self) -> str:
        return FAMILIES[self.code[0]]

    def finding(self, message: str, records: Iterable[str], explanation: str = "",
                details: Mapping[str, Any] | None = None) -> Finding:
        return Finding(self.code, self.severity, message, tuple(records), explanation,
                       details or {})
