"""Choosing rules (``--select``/``--ignore``) and running them over a timeline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import UsageError
from ..records import RecordBase
from ..timeline import Timeline
from .findings import FAMILIES, Finding, Rule, Severity
from .rules import all_rules

ALL = "ALL"


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = (),
                 rules: Sequence[Rule] | None = None) -> list[Rule]:
    """Rules matched by a ``select`` selector (default: all) and by no ``ignore`` selector.

    A selector is a code (``P002``), a prefix of codes (``P``, ``T00``) or ``ALL``;
    comma-separated lists are split. A selector that matches no rule is a UsageError, so a
    typo never silently turns a check off.
    """
    rules = list(all_rules() if rules is None else rules)
    chosen = _selectors(select) or [ALL]
    dropped = _selectors(ignore)
    for selector in chosen + dropped:
        if not any(_matches(selector, rule) for rule in rules):
            families = ", ".join(f"{p} ({name})" for p, name in FAMILIES.items())
            raise UsageError(
                f"no rule matches {selector!r}: use a code such as P002, a family prefix "
                f"({families}) or ALL; `timeline rules` lists them")
    return [rule for rule in rules
            if any(_matches(s, rule) for s in chosen)
            and not any(_matches(s, rule) for s in dropped)]


def _selectors(values: Iterable[str]) -> list[str]:
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def _matches(selector: str, rule: Rule) -> bool:
    return selector == ALL or rule.code.startswith(selector)


def run_rules(records: Iterable[RecordBase] | Timeline, rules: Sequence[Rule]) -> list[Finding]:
    """Every finding of ``rules``, ordered by the record it is about (timeline order), then
    by code."""
    timeline = records if isinstance(records, Timeline) else Timeline(records)
    findings = [finding for rule in rules for finding in rule.check(timeline)]
    last = len(timeline)
    return sorted(findings, key=lambda f: (
        timeline.position.get(f.records[0], last) if f.records else last, f.code, f.records))


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
