"""P006: an arrangement no reading of which binds anybody."""

from __future__ import annotations

from collections.abc import Iterator

from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..wording import listing


def check(timeline: Timeline) -> Iterator[Finding]:
    for arrangement, readings in timeline.readings.items():
        if any(p.binds for p in readings):
            continue
        claimants = listing(list(dict.fromkeys(p.claimed_by for p in readings)))
        yield RULE.finding(
            f"no reading of {arrangement} binds anybody, so no strike can break it",
            [p.id for p in readings],
            f"Every reading ({claimants}) has binds = []: as recorded, the pause restrains "
            "no party's strikes. Name the parties it restrains (a unilateral pause binds its "
            "declarer).",
            {"arrangement": arrangement})


RULE = Rule(
    code="P006",
    name="pause-binds-nobody",
    severity=Severity.WARNING,
    summary="No reading of a pause binds any party, so nothing can break it.",
    explanation="""\
`binds` lists the parties whose strikes a reading restrains; `[]` means it restrains nobody.
One such reading can be a party's honest description ("they promised nothing"), but when no
reading of an arrangement binds anybody the pause, as recorded, cannot be violated by any
strike — usually the parties were left out by mistake.

Reported once per arrangement (a pause record without `arrangement` is its own).

Example: a pause record with `binds = []` and no other reading.""",
    check=check,
)
