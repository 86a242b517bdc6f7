"""JSON (one list) and JSON Lines (one finding per line) for machines."""

from __future__ import annotations

from typing import Any, TextIO

from ..machine import write_json, write_jsonl
from . import CheckReport


def _statistics(report: CheckReport) -> list[dict[str, Any]]:
    return [{"code": rule.code, "rule": rule.name, "severity": rule.severity.value, "count": n}
            for rule, n in report.statistics()]


class JsonWriter:
    def findings(self, report: CheckReport, out: TextIO) -> None:
        write_json((report.finding_dict(f) for f in report.findings), out)

    def statistics(self, report: CheckReport, out: TextIO) -> None:
        write_json(_statistics(report), out)


class JsonLinesWriter:
    def findings(self, report: CheckReport, out: TextIO) -> None:
        write_jsonl((report.finding_dict(f) for f in report.findings), out)

    def statistics(self, report: CheckReport, out: TextIO) -> None:
        write_jsonl(_statistics(report), out)
