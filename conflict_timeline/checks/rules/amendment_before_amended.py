"""P007: a new version of a pause announced before the version it amends."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..wording import span_text


def check(timeline: Timeline) -> Iterator[Finding]:
    for chain in timeline.pause_chains:
        for older, newer in pairwise(chain.versions):
            before, after = older.declared_span, newer.declared_span
            if before is None or after is None or after.end_ts > before.start_ts:
                continue
            yield RULE.finding(
                f"{newer.id} amends {older.id} but was announced before it",
                (newer.id, older.id),
                f"{newer.id} was announced within {span_text(after)}, {older.id} no earlier than "
                f"{span_text(before)}: a change cannot be announced before what it changes. "
                "One of the declared_on values is wrong, or amends names the wrong record "
                "(the versions are in the wrong order).",
                {"amendment_declared": span_text(after), "amended_declared": span_text(before)})


RULE = Rule(
    code="P007",
    name="amendment-before-amended",
    severity=Severity.ERROR,
    summary="A pause amends a version that was announced only after it.",
    explanation="""\
`amends` makes a pause record a new version of another: an extension, a shortening, a new
scope, an end. Which version was in force when a strike began is decided by the versions'
`declared_on`, so a new version whose announcement certainly ends before the earliest moment
the version it amends can have been announced turns the order of the chain upside down: every
strike is weighed against the wrong version.

Only a certain contradiction is reported: the amendment's `declared_on` must end at or before
the start of the amended version's. A first record without `declared_on` is not checked.

Example: the Yemen truce renewed on 2 June 2022, recorded with `declared_on = "2022-03-01"`
while the truce it renews was announced on 1 April.""",
    check=check,
)
