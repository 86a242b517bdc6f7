"""The pause sweep of `check-pause`, run once per timeline and shared by the pause rules."""

from __future__ import annotations

from typing import Any

from ...timeline import Timeline
from ..pause import Coverage, PauseFinding, Relation, StrikeAssessment, find_strikes_in_pauses


def _sweep(timeline: Timeline) -> tuple[StrikeAssessment, ...]:
    return tuple(find_strikes_in_pauses(timeline.records))


def pause_assessments(timeline: Timeline) -> tuple[StrikeAssessment, ...]:
    return timeline.derived(_sweep)


_RELATION_WORDS = {
    Relation.STRADDLES_START: "its span begins before the window opens",
    Relation.STRADDLES_END: "its span runs past the window's end",
    Relation.COVERS_WINDOW: "its span contains the whole window",
}
_UNKNOWN_WORDS = {
    "party": "the record does not say who struck",
    "targets": "its targets are not recorded",
    "region": "its region is not recorded",
}


def why_only_possible(finding: PauseFinding) -> str:
    """What keeps a possible violation from being certain, in a few words."""
    reasons = []
    if finding.relation in _RELATION_WORDS:
        reasons.append(_RELATION_WORDS[finding.relation])
    if finding.may_predate_announcement:
        reasons.append("it may have begun before the pause was announced")
    reasons.extend(_UNKNOWN_WORDS[t.axis] for t in finding.scope_tests
                   if t.coverage is Coverage.UNKNOWN)
    return "; ".join(reasons)


def pause_finding_details(finding: PauseFinding) -> dict[str, Any]:
    return {
        "verdict": finding.verdict.value,
        "arrangement": finding.arrangement,
        "claimed_by": finding.pause.claimed_by,
        "timing": finding.timing.value,
        "relation": finding.relation.value,
        "may_predate_announcement": finding.may_predate_announcement,
        "scope": {t.axis: t.coverage.value for t in finding.scope_tests},
    }
