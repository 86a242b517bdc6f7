"""P001: a strike certainly inside a pause reading that covers it."""

from __future__ import annotations

from collections.abc import Iterator

from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..pause import Verdict
from ._pause_sweep import pause_assessments, pause_finding_details


def check(timeline: Timeline) -> Iterator[Finding]:
    for assessment in pause_assessments(timeline):
        for finding in assessment.findings:
            if finding.verdict is Verdict.VIOLATION:
                pause = finding.pause
                yield RULE.finding(
                    f"strike inside the pause as described by {pause.claimed_by} ({pause.id}): "
                    "certainly in its window, after its announcement, and within its scope",
                    (finding.strike.id, pause.id), finding.reason,
                    pause_finding_details(finding))


RULE = Rule(
    code="P001",
    name="pause-violation",
    severity=Severity.ERROR,
    summary="A strike lies certainly inside a pause reading that binds its party and covers "
            "its target and region.",
    explanation="""\
The `violation` verdict of `timeline check-pause`, as a rule. A strike violates a reading of a
pause when all of these hold:

- its whole span lies inside the reading's window (`when`), and it began after the pause was
  announced (`declared_on`);
- the striking party (`by`) is among the parties the reading `binds`;
- one of its `targets` is in the reading's `scope.targets` and its region in `scope.regions`
  (a missing list means no limit).

Each reading of an arrangement is weighed on its own: the finding names whose reading the
strike violates. If any of these is only possible, the finding is P002 instead.

Example: a pause "2026-01-29/P7D" declared on 2026-01-29 that binds Russia, and a strike by
Russia at 2026-01-30T03:00 on an energy target.""",
    check=check,
)
