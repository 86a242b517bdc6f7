"""Versions of a pause: records linked by ``amends`` form a chain, first record first.

A chain is linear. :func:`chain_problems` finds what breaks that (an unknown id, an
amendment of a record that is no pause, a cycle, two records amending one) for the loader;
:func:`pause_chains` builds the chains of records that passed it.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from .models import Pause, RecordBase


class ChainProblem(NamedTuple):
    """One broken link, located like an input problem (file, location, field, message)."""

    file: str
    location: str
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class PauseChain:
    """One pause as announced and then changed: ``versions[0]`` is the first record, each
    next one amends the one before. ``arrangement`` is the first record's key, and the
    chain's reading is named by the first record's ``claimed_by``."""

    versions: tuple[Pause, ...]

    @property
    def first(self) -> Pause:
        return self.versions[0]

    @property
    def id(self) -> str:
        return self.versions[0].id

    @property
    def arrangement(self) -> str:
        return self.versions[0].arrangement_key

    @property
    def claimant(self) -> str:
        return self.versions[0].claimed_by


def pause_chains(records: Iterable[RecordBase]) -> list[PauseChain]:
    """Every pause's chain, in the order of their first records. A record that amends no
    loaded pause starts a chain of its own (the loader has refused such input already)."""
    pauses = [r for r in records if isinstance(r, Pause)]
    ids = {p.id for p in pauses}
    amended_by: dict[str, Pause] = {}
    for pause in pauses:
        if pause.amends is not None and pause.amends in ids and pause.amends != pause.id:
            amended_by.setdefault(pause.amends, pause)
    chains = []
    for pause in pauses:
        amended = pause.amends
        if amended is not None and amended in ids and amended_by.get(amended) is pause:
            continue  # a later version: reached from its chain's first record
        versions, seen = [pause], {pause.id}
        while versions[-1].id in amended_by:
            following = amended_by[versions[-1].id]
            if following.id in seen:
                break
            versions.append(following)
            seen.add(following.id)
        chains.append(PauseChain(tuple(versions)))
    return chains


def chain_of(chains: Sequence[PauseChain]) -> dict[str, PauseChain]:
    """Each version's id → its chain."""
    return {version.id: chain for chain in chains for version in chain.versions}


def chain_problems(records: Iterable[RecordBase], origins: Mapping[str, Any],
                   other_ids: Container[str] = ()) -> list[ChainProblem]:
    """What breaks the chains of ``records`` (at least every pause): ``origins`` maps an id
    to where it was read (anything with ``file`` and ``location``); ``other_ids`` holds ids
    of records not passed (not pauses), so an amendment of one is named as such."""
    records = list(records)
    by_id = {r.id: r for r in records}
    problems: list[ChainProblem] = []

    def problem(record: RecordBase, message: str) -> None:
        origin = origins.get(record.id)
        file, location = (origin.file, origin.location) if origin is not None else ("", "")
        problems.append(ChainProblem(file, f"{location}, id {record.id!r}".lstrip(", "),
                                     "amends", message))

    def where(record: RecordBase) -> str:
        origin = origins.get(record.id)
        return f"{record.id!r} ({origin.file}: {origin.location})" if origin else repr(record.id)

    first_amender: dict[str, Pause] = {}
    for record in records:
        if not isinstance(record, Pause) or record.amends is None:
            continue
        target = by_id.get(record.amends)
        if target is None and record.amends in other_ids:
            origin = origins.get(record.amends)
            problem(record, f"amends {record.amends!r}"
                            + (f" ({origin.file}: {origin.location})" if origin else "")
                            + ", which is not a pause record")
        elif target is None:
            problem(record, f"amends {record.amends!r}, which is not among the loaded records")
        elif not isinstance(target, Pause):
            problem(record, f"amends {where(target)}, which is a {target.kind} record, "
                            "not a pause")
        elif record.amends in first_amender:
            earlier = where(first_amender[record.amends])
            problem(record, f"amends {record.amends!r}, which {earlier} "
                            "amends already: a pause's versions form one line, so amend the "
                            "latest version")
        else:
            first_amender[record.amends] = record
    # cycles: follow amends from every record; a walk that returns to itself is a cycle
    reported: set[str] = set()
    for record in records:
        if not isinstance(record, Pause) or record.amends is None or record.id in reported:
            continue
        path = [record]
        current: RecordBase | None = record
        while isinstance(current, Pause) and current.amends is not None:
            current = by_id.get(current.amends)
            if current is None or not isinstance(current, Pause):
                break
            if current is record:
                ids = [p.id for p in path]
                reported.update(ids)
                problem(record, "the amends links form a cycle: " + " → ".join(
                    where(p) for p in [*path, record]) + "; the first version amends nothing")
                break
            if current in path:
                break  # a cycle further on, reported from one of its own records
            path.append(current)
    return problems
