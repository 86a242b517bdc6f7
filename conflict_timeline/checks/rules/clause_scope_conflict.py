"""P009: two clauses of one reading bind one party over one time with different scopes."""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import combinations

from ...records import Pause
from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..wording import listing, span_text


def _reach(pause: Pause) -> tuple[float, float]:
    """The time a version's window can cover: a repeat's, from its first occurrence on."""
    return (pause.span.start_ts, math.inf if pause.repeat else pause.span.end_ts)


def _scope(pause: Pause) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    targets, regions = pause.scope.targets, pause.scope.regions
    return (None if targets is None else frozenset(targets),
            None if regions is None else frozenset(r.strip().casefold() for r in regions))


def _scope_words(pause: Pause) -> str:
    targets = pause.scope.targets
    regions = pause.scope.regions
    return (f"{'any target' if targets is None else listing(targets, 'no target')}, "
            f"{'every region' if regions is None else listing(regions, 'no region')}")


def check(timeline: Timeline) -> Iterator[Finding]:
    for readings in timeline.reading_groups.values():
        for claimant, clauses in readings.items():
            for one, other in combinations(clauses, 2):
                yield from _conflicts(claimant, one.versions, other.versions)


def _conflicts(claimant: str, ones, others) -> Iterator[Finding]:
    for a in ones:
        for b in others:
            shared = ({n.strip().casefold() for n in a.binds}
                      & {n.strip().casefold() for n in b.binds})
            (a0, a1), (b0, b1) = _reach(a), _reach(b)
            if not shared or not (a0 < b1 and b0 < a1) or _scope(a) == _scope(b):
                continue
            parties = [n for n in a.binds if n.strip().casefold() in shared]
            yield RULE.finding(
                f"clauses {a.id} and {b.id} of {claimant}'s reading both bind "
                f"{listing(parties)} over overlapping windows, with different scopes",
                (a.id, b.id),
                f"{a.id} ({span_text(a.span)}) covers {_scope_words(a)}; {b.id} "
                f"({span_text(b.span)}) covers {_scope_words(b)}. Both are {claimant}'s and "
                f"bind {listing(parties)} at once, so a strike by them in the overlap is weighed "
                "against each, and the wider scope decides the reading's verdict. If one clause "
                "replaced the other, link them with amends; if they are different readings, "
                "give them different claimed_by.",
                {"parties": parties, "scopes": {a.id: _scope_words(a), b.id: _scope_words(b)}})


RULE = Rule(
    code="P009",
    name="clause-scope-conflict",
    severity=Severity.WARNING,
    summary="Two clauses of one reading bind the same party over overlapping windows with "
            "different scopes.",
    explanation="""\
Pause records of one arrangement with the same `claimed_by`, not linked by `amends`, are
clauses of one reading: each binds its own parties over its own window and scope (Iran from
one hour, Israel twelve hours later; one zone after another). Two clauses that bind the same
party over windows that overlap, with different `scope`, contradict each other: during the
overlap the reading both does and does not cover some strikes by that party. The verdict then
is the most severe clause's, which may not be what the announcement meant.

Parties and regions compare case-insensitively; a repeated window is taken to reach from its
first occurrence on. Versions of one chain are never compared with each other (a new version
replaces the old).

Example: one mediator's reading with a clause binding Israel from 19:00 on all targets and
another binding Israel from 24:00 on energy only.""",
    check=check,
)
