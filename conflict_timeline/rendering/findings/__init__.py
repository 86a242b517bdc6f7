"""`timeline check` output: one writer per format behind one interface.

A writer takes a :class:`CheckReport` — the findings, the rules that ran, the records and
where each was read — and writes it, or its per-rule statistics, to a text stream.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from enum import StrEnum
from typing import Any, Protocol, TextIO

from ...checks.findings import Finding, Rule, Severity
from ...loading import Origin, display_path
from ...records import RecordBase
from ...checks.wording import plural


class GroupBy(StrEnum):
    RECORD = "record"
    RULE = "rule"


@dataclass(frozen=True)
class CheckReport:
    findings: Sequence[Finding]
    rules: Sequence[Rule]  # the rules that ran
    records: Mapping[str, RecordBase]
    origins: Mapping[str, Origin]
    group_by: GroupBy = GroupBy.RECORD
    concise: bool = False
    zone: tzinfo | None = None  # the records' times are shown in it (default: their own)

    def rule(self, code: str) -> Rule:
        return next(r for r in self.rules if r.code == code)

    def severity_counts(self) -> dict[Severity, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in Severity}

    def statistics(self) -> list[tuple[Rule, int]]:
        """Rules that found something, most findings first."""
        counts = Counter(f.code for f in self.findings)
        return sorted(((self.rule(code), n) for code, n in counts.items()),
                      key=lambda rn: (-rn[1], rn[0].code))

    def summary(self) -> str:
        counts = self.severity_counts()
        parts = [plural(counts[Severity.ERROR], "error"), plural(counts[Severity.WARNING], "warning"),
                 f"{counts[Severity.INFO]} info"]
        return (f"{plural(len(self.findings), 'finding')} in {plural(len(self.records), 'record')} "
                f"({plural(len(self.rules), 'rule')} checked): " + ", ".join(parts))

    def located(self, record_id: str) -> dict[str, Any]:
        origin = self.origins.get(record_id)
        if origin is None:
            return {"record": record_id}
        return {"record": record_id, "file": display_path(origin.file), "location": origin.location,
                "line": origin.line}

    def finding_dict(self, finding: Finding) -> dict[str, Any]:
        rule = self.rule(finding.code)
        return {
            "code": finding.code,
            "rule": rule.name,
            "family": rule.family,
            "severity": finding.severity.value,
            "message": finding.message,
            "records": list(finding.records),
            "locations": [self.located(r) for r in finding.records if r in self.records],
            "explanation": finding.explanation,
            "details": dict(finding.details),
        }


class FindingWriter(Protocol):
    def findings(self, report: CheckReport, out: TextIO) -> None: ...

    def statistics(self, report: CheckReport, out: TextIO) -> None: ...


def writer_for(name: str) -> FindingWriter:
    from .github import GithubWriter
    from .machine import JsonLinesWriter, JsonWriter
    from .markdown import MarkdownWriter
    from .text import TextWriter

    writers: dict[str, type] = {"text": TextWriter, "json": JsonWriter, "jsonl": JsonLinesWriter,
                                "markdown": MarkdownWriter, "github": GithubWriter}
    return writers[name]()
