"""P002: a strike that may fall inside a pause reading that may cover it."""

from __future__ import annotations

from collections.abc import Iterator

from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..pause import Verdict
from ._pause_sweep import pause_assessments, pause_finding_details, why_only_possible


def check(timeline: Timeline) -> Iterator[Finding]:
    for assessment in pause_assessments(timeline):
        for finding in assessment.findings:
            if finding.verdict is Verdict.POSSIBLE_VIOLATION:
                pause = finding.pause
                yield RULE.finding(
                    f"strike possibly inside the pause as described by {pause.claimed_by} "
                    f"({pause.id}): {why_only_possible(finding)}",
                    (finding.strike.id, pause.id), finding.reason,
                    pause_finding_details(finding))


RULE = Rule(
    code="P002",
    name="possible-pause-violation",
    severity=Severity.WARNING,
    summary="A strike may fall inside a pause reading, but the record cannot make it certain.",
    explanation="""\
The `possible_violation` verdict of `timeline check-pause`, as a rule. The strike's span
overlaps the reading's window and nothing in the reading plainly excludes it, but something
keeps the violation from being certain:

- its span only partly overlaps the window (it straddles the start or the end, or contains
  the whole window), or
- it may have begun before the pause was announced (`declared_on` is known only to the day,
  say, and the strike began that evening), or
- the record does not say who struck, what was hit or in which region, where the reading
  limits those.

The message says which. Make the record more precise to settle it; until then the honest
verdict is "possibly".

Example: the bundled story — the overnight attack from 18:00 on 29 January (Kyiv) against the
US president's reading of the cold-weather pause, announced some time on Thursday 29 January
in Washington.""",
    check=check,
)
