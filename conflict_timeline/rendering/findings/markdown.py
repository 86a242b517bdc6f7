"""Markdown for a pull request comment or a newsroom's notes: a table, then each finding
explained."""

from __future__ import annotations

import re
from typing import TextIO

from ...checks.findings import Finding, Severity
from ..safe import clean_text
from . import CheckReport

MARK = {Severity.ERROR: "✖ error", Severity.WARNING: "⚠ warning", Severity.INFO: "ℹ info"}
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def md(text: str) -> str:
    """Record text as literal Markdown: no links, HTML or table breaks it did not ask for."""
    return _SPECIAL.sub(r"\\\1", clean_text(text))


def _where(report: CheckReport, record_id: str) -> str:
    origin = report.origins.get(record_id)
    return md(record_id) + (f" ({md(origin.shown())})" if origin else "")


class MarkdownWriter:
    def findings(self, report: CheckReport, out: TextIO) -> None:
        out.write(f"## timeline check\n\n{md(report.summary())}\n")
        if not report.findings:
            return
        out.write("\n| severity | rule | records | finding |\n|---|---|---|---|\n")
        for finding in report.findings:
            rule = report.rule(finding.code)
            out.write(f"| {MARK[finding.severity]} | {finding.code} {md(rule.name)} | "
                      f"{', '.join(md(r) for r in finding.records)} | {md(finding.message)} |\n")
        if report.concise:
            return
        out.write("\n### Details\n")
        for number, finding in enumerate(report.findings, start=1):
            out.write(self._details(report, finding, number))

    def _details(self, report: CheckReport, finding: Finding, number: int) -> str:
        rule = report.rule(finding.code)
        records = "; ".join(_where(report, r) for r in finding.records)
        return (f"\n{number}. **{finding.code} {md(rule.name)}** ({finding.severity.value}) — "
                f"{md(finding.message)}\n\n   {md(finding.explanation)}\n\n   Records: {records}\n")

    def statistics(self, report: CheckReport, out: TextIO) -> None:
        out.write("| count | code | rule | severity |\n|---:|---|---|---|\n")
        for rule, count in report.statistics():
            out.write(f"| {count} | {rule.code} | {md(rule.name)} | {rule.severity.value} |\n")
