"""GitHub workflow annotations: `::warning file=…,line=…,title=…::message`, one per finding,
so a newsroom's CI marks the record that contradicts itself."""

from __future__ import annotations

from typing import TextIO

from ...checks.findings import Finding, Severity
from ...loading import display_path
from ..safe import clean_text
from . import CheckReport

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubWriter:
    def findings(self, report: CheckReport, out: TextIO) -> None:
        for finding in report.findings:
            out.write(self._annotation(report, finding) + "\n")

    def _annotation(self, report: CheckReport, finding: Finding) -> str:
        rule = report.rule(finding.code)
        props = []
        origin = report.origins.get(finding.records[0]) if finding.records else None
        if origin is not None:
            # annotations need the path from the repository root: the working directory in CI
            props.append(f"file={_property(display_path(origin.file))}")
            if origin.line is not None:
                props.append(f"line={origin.line}")
        props.append(f"title={_property(f'{finding.code} {rule.name}')}")
        message = f"{finding.message} [{', '.join(finding.records)}]"
        if finding.explanation and not report.concise:
            message += "\n\n" + finding.explanation
        data = _data(clean_text(message, single_line=False))
        return f"::{LEVEL[finding.severity]} {','.join(props)}::{data}"

    def statistics(self, report: CheckReport, out: TextIO) -> None:
        for rule, count in report.statistics():
            title = _property(f"{rule.code} {rule.name}")
            out.write(f"::notice title={title}::{count} {rule.severity.value} finding"
                      f"{'s' if count != 1 else ''}\n")
