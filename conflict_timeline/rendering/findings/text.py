"""`timeline check` for people: findings grouped by record or by rule, explained."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ...checks.findings import Finding, Severity
from ...loading import display_path
from ..console import data_console
from ..labels import span_label
from ..safe import clean_text
from . import CheckReport, GroupBy

SEVERITY_LOOK = {
    Severity.ERROR: ("✖ error", "bold red"),
    Severity.WARNING: ("⚠ warning", "bold yellow"),
    Severity.INFO: ("ℹ info", "bold blue"),
}


def _console(out: TextIO) -> Console:
    return data_console(out)


def _severity(severity: Severity) -> Text:
    label, style = SEVERITY_LOOK[severity]
    return Text(label, style=style)


class TextWriter:
    def findings(self, report: CheckReport, out: TextIO) -> None:
        console = _console(out)
        if report.concise:
            for finding in report.findings:
                console.print(self._concise(report, finding), soft_wrap=True)
            return
        if report.group_by is GroupBy.RULE:
            console.print(Group(*self._by_rule(report)))
        else:
            console.print(Group(*self._by_record(report)))

    # -- one line per finding, like a compiler ------------------------------------------

    def _concise(self, report: CheckReport, finding: Finding) -> Text:
        """``FILE:LINE:COL: CODE message [records]``, as compilers and linters write it; the
        column is the record's first (a record is found by the line it starts on)."""
        origin = report.origins.get(finding.records[0]) if finding.records else None
        where = ""
        if origin is not None:
            where = display_path(origin.file)
            where += f":{origin.line}:1: " if origin.line is not None else ": "
        line = Text(clean_text(where))
        line.append(finding.code, style="bold")
        line.append(f" {clean_text(finding.message)} [{clean_text(', '.join(finding.records))}]")
        return line

    # -- grouped ------------------------------------------------------------------------

    def _by_record(self, report: CheckReport) -> Iterable[RenderableType]:
        groups: dict[str, list[Finding]] = {}
        for finding in report.findings:
            groups.setdefault(finding.records[0] if finding.records else "", []).append(finding)
        for record_id, findings in groups.items():
            yield self._record_head(report, record_id)
            for finding in findings:
                rule = report.rule(finding.code)
                head = _severity(finding.severity)
                head.append(f"  {finding.code} {rule.name}", style="bold")
                yield Padding(self._finding_body(report, finding, head, skip=record_id),
                              (0, 0, 0, 2), expand=False)
            yield Text("")

    def _by_rule(self, report: CheckReport) -> Iterable[RenderableType]:
        groups: dict[str, list[Finding]] = {}
        for finding in sorted(report.findings, key=lambda f: f.code):
            groups.setdefault(finding.code, []).append(finding)
        for code, findings in groups.items():
            rule = report.rule(code)
            head = Text(f"{code} {rule.name}", style="bold")
            head.append("  ")
            head.append_text(_severity(rule.severity))
            head.append(f"  {len(findings)}", style="bold")
            head.append(f"  {rule.summary}", style="dim")
            yield head
            for finding in findings:
                primary = finding.records[0] if finding.records else ""
                head = self._record_head(report, primary)
                yield Padding(self._finding_body(report, finding, head, skip=primary),
                              (0, 0, 0, 2), expand=False)
            yield Text("")

    def _record_head(self, report: CheckReport, record_id: str) -> Text:
        head = Text(clean_text(record_id), style="bold")
        record = report.records.get(record_id)
        if record is not None:
            head.append(f"  {record.kind}", style="dim")  # type: ignore[attr-defined]
            head.append(f"  {clean_text(record.title)}")
        origin = report.origins.get(record_id)
        place = [span_label(record.span, report.zone)] if record is not None else []
        if origin is not None:
            place.append(clean_text(origin.shown()))
        if place:
            head.append("\n" + "  ·  ".join(place), style="dim")
        return head

    def _finding_body(self, report: CheckReport, finding: Finding, head: Text,
                      skip: str | None = None) -> RenderableType:
        table = Table(show_header=False, box=None, pad_edge=False)
        table.add_column(style="dim", no_wrap=True)
        table.add_column(overflow="fold")
        table.add_row("finding", Text(clean_text(finding.message), style="bold"))
        if finding.explanation:
            table.add_row("why", Text(clean_text(finding.explanation)))
        others = [r for r in finding.records if r != skip]
        if others:
            table.add_row("records", Text("\n".join(self._located(report, r) for r in others)))
        return Group(head, Padding(table, (0, 0, 0, 2), expand=False))

    def _located(self, report: CheckReport, record_id: str) -> str:
        origin = report.origins.get(record_id)
        return clean_text(record_id + (f"  ({origin.shown()})" if origin else ""))

    def statistics(self, report: CheckReport, out: TextIO) -> None:
        table = Table(show_header=True, box=None, pad_edge=False, header_style="bold")
        table.add_column("count", justify="right")
        table.add_column("code")
        table.add_column("rule")
        table.add_column("severity")
        for rule, count in report.statistics():
            table.add_row(str(count), rule.code, rule.name, _severity(rule.severity))
        _console(out).print(table)
