"""R002: a disputed pause reading with no other reading on record."""

from __future__ import annotations

from collections.abc import Iterator

from ...records import Pause, Stance
from ...timeline import Timeline
from ..findings import Finding, Rule, Severity


def check(timeline: Timeline) -> Iterator[Finding]:
    for statement in timeline.statements:
        if statement.stance is not Stance.DISPUTES:
            continue
        for ref in dict.fromkeys(statement.refers_to):
            pause = timeline.by_id.get(ref)
            if not isinstance(pause, Pause):
                continue
            chain = timeline.chain_of(pause.id)
            arrangement = chain.arrangement if chain else pause.arrangement_key
            # another reading is another claimant's: a clause or version is not one
            if len(timeline.reading_groups.get(arrangement, {})) > 1:
                continue
            yield RULE.finding(
                f"{statement.speaker} disputes the pause as described by {pause.claimed_by}, "
                f"but no other reading of {arrangement} is recorded",
                (statement.id, pause.id),
                f"Statement {statement.id} disputes {pause.id}, the only reading of "
                f"{arrangement!r} in the record. The disputing side's own account of the pause "
                f"is missing: add it as a pause record with claimed_by = {statement.speaker!r} "
                f"and arrangement = {arrangement!r}, so checks weigh strikes against both.",
                {"arrangement": arrangement, "disputed_by": statement.speaker})


RULE = Rule(
    code="R002",
    name="disputed-reading-missing",
    severity=Severity.WARNING,
    summary=("A statement disputes a pause reading, but the disputing side's reading is not "
             "recorded."),
    explanation="""\
When a statement disputes a reading of a pause (`stance = "disputes"`, `refers_to` the pause
record), there are at least two accounts of the pause — yet the record holds only the disputed
one, so every check weighs strikes against a single side's version. Record the dispute's own
reading as another pause record sharing the `arrangement` key (its window, scope and `binds`
as the disputing side describes them).

Example: Ukraine's president says a pause covers energy only (`disputes` the US reading), and
no pause record with his reading exists.""",
    check=check,
)
