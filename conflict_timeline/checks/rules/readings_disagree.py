"""P004: readings of one arrangement that disagree on its window, scope or who is bound."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any

from ...records import Pause
from ...timeline import Timeline
from ..findings import Finding, Rule, Severity
from ..wording import listing, span_text


def _window(p: Pause) -> tuple[Hashable, str]:
    return (p.span.start_ts, p.span.end_ts), f"the window is {span_text(p.span)}"


def _binds(p: Pause) -> tuple[Hashable, str]:
    bound = frozenset(n.strip().casefold() for n in p.binds)
    return bound, f"it binds {listing(p.binds, 'nobody')}"


def _targets(p: Pause) -> tuple[Hashable, str]:
    targets = p.scope.targets
    if targets is None:
        return None, "it covers any target"
    return frozenset(targets), f"it covers {listing(targets, 'no target')} only"


def _regions(p: Pause) -> tuple[Hashable, str]:
    regions = p.scope.regions
    if regions is None:
        return None, "it covers every region"
    return (frozenset(r.strip().casefold() for r in regions),
            f"it covers {listing(regions, 'no region')} only")


AXES: tuple[tuple[str, Callable[[Pause], tuple[Hashable, str]]], ...] = (
    ("window", _window), ("binds", _binds), ("targets", _targets), ("regions", _regions))


Reading = tuple[str, tuple[Pause, ...]]  # claimant, the first record of each of its clauses


def _reading_claim(clauses: Sequence[Pause], describe) -> tuple[Hashable, str]:
    """What a reading says on one axis: its clauses' words, where they differ."""
    said = dict(describe(p) for p in clauses)
    if len(said) == 1:
        return next(iter(said.items()))
    return frozenset(said), " / ".join(said.values()) + " (by clause)"


def _claims(readings: Sequence[Reading], describe) -> list[dict[str, Any]]:
    """Readings grouped by what they say on one axis, in the order first said."""
    groups: dict[Hashable, dict[str, Any]] = {}
    for claimant, clauses in readings:
        key, words = _reading_claim(clauses, describe)
        group = groups.setdefault(key, {"claim": words, "claimed_by": [], "pauses": []})
        if claimant not in group["claimed_by"]:
            group["claimed_by"].append(claimant)
        group["pauses"].extend(p.id for p in clauses)
    return list(groups.values())


def _said(claims: list[dict[str, Any]]) -> str:
    return "; ".join(f"{listing(c['claimed_by'])} {'say' if len(c['claimed_by']) > 1 else 'says'} "
                     f"{c['claim']}" for c in claims)


def check(timeline: Timeline) -> Iterator[Finding]:
    # readings are claimants: clauses of one reading, and versions of one chain, do not
    # disagree with each other (each reading is compared as first announced)
    for arrangement, groups in timeline.reading_groups.items():
        readings: list[Reading] = [(claimant, tuple(c.first for c in chains))
                                   for claimant, chains in groups.items()]
        if len(readings) < 2:
            continue
        records = [p for _, clauses in readings for p in clauses]
        per_axis = {axis: _claims(readings, describe) for axis, describe in AXES}
        disagree = {axis: claims for axis, claims in per_axis.items() if len(claims) > 1}
        if not disagree:
            continue
        agree = {axis: claims[0]["claim"] for axis, claims in per_axis.items() if len(claims) == 1}
        message = "; and on ".join(f"{axis}: {_said(claims)}" for axis, claims in disagree.items())
        explanation = (
            f"The {len(readings)} readings of arrangement {arrangement!r} "
            f"({listing([f'{p.id} by {p.claimed_by}' for p in records])}) do not describe the "
            f"same pause. "
            + " ".join(f"On {axis}, {_said(claims)}." for axis, claims in disagree.items()))
        if agree:
            explanation += " They agree that " + listing(list(agree.values())) + "."
        yield RULE.finding(
            f"readings of {arrangement} disagree on {message}",
            [p.id for p in records], explanation,
            {"arrangement": arrangement, "disagree_on": disagree, "agree_on": agree})


RULE = Rule(
    code="P004",
    name="readings-disagree",
    severity=Severity.WARNING,
    summary="Readings of one arrangement disagree on its window, its scope or whom it binds.",
    explanation="""\
A pause, truce or ceasefire is recorded as one pause record per party's description of it,
all sharing one `arrangement` key. When those readings differ on the window (`when`), the
parties bound (`binds`) or the scope (`scope.targets`, `scope.regions`), the record holds two
incompatible accounts of what was agreed, and any verdict about a strike depends on which one
is taken.

Reported once per arrangement, naming who claims what on each axis that differs, and what the
readings agree on. A reading is a claimant's: records of one claimant in one arrangement are
clauses of one reading (each binding its parties over its own window), and versions linked by
`amends` are one pause changed over time — neither is compared as a rival reading. Each
reading is compared as first announced (its clauses' first records). Parties and regions
compare case-insensitively; a missing scope list means "no limit" and differs from any list.

Example: the bundled story — the US president's reading halts strikes on any target, Zelensky's
covers energy only; both give the same week and bind Russia.""",
    check=check,
)
