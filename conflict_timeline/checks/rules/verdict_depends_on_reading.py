"""P003: one strike, different verdicts under different readings of one pause."""

from __future__ import annotations

from collections.abc import Iterator

from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ._pause_sweep import pause_assessments

_VERDICT_WORDS = {
    "violation": "violates {who}'s",
    "possible_violation": "possibly violates {who}'s",
    "outside_scope": "outside the scope of {who}'s",
    None: "outside the window of {who}'s",
}


def check(timeline: Timeline) -> Iterator[Finding]:
    for assessment in pause_assessments(timeline):
        for dependence in assessment.dependences:
            verdicts = [(p, v.value if v else None) for p, v in dependence.verdicts]
            words = "; ".join(_VERDICT_WORDS[v].format(who=p.claimed_by) for p, v in verdicts)
            yield RULE.finding(
                f"the verdict depends on whose reading of {dependence.arrangement} is taken: "
                f"{words}",
                (assessment.strike.id, *(p.id for p, _ in verdicts)),
                dependence.sentence,
                {"arrangement": dependence.arrangement,
                 "readings": [{"pause": p.id, "claimed_by": p.claimed_by, "verdict": v}
                              for p, v in verdicts]})


RULE = Rule(
    code="P003",
    name="verdict-depends-on-reading",
    severity=Severity.INFO,
    summary="A strike violates one reading of a pause and is consistent with another.",
    explanation="""\
Readings of one arrangement (pause records sharing `arrangement`) can give one strike
different verdicts: a strike on a residential building is a violation of a pause that halts
all strikes and is outside the scope of a reading that covers energy only. This finding names
every reading and its verdict, once per strike and arrangement, so nobody quotes one reading
as if it were the only one.

This is also where `outside_scope` — a strike a reading plainly does not cover — shows up in
`timeline check`: on its own it contradicts nothing and is not a finding (a unilateral pause
by one side is, rightly, silent about every strike by the other); it is worth saying only when
another reading of the same arrangement would be broken. `timeline check-pause` lists every
verdict.

Example: the bundled story — a possible violation of the US president's reading, outside the
scope of Zelensky's energy-only reading.""",
    check=check,
)
