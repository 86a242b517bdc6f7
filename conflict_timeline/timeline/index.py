"""The loaded timeline: the records in order, indexed once for every check that reads them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, TypeVar

from ..records import Pause, RecordBase, Statement, Strike
from ..records.pause_chains import PauseChain, chain_of, pause_chains
from .ordering import order_records

T = TypeVar("T")


class Timeline:
    """Records in trustworthy order (span start, end, id), with lookups by id, by kind and
    by arrangement. Derived results that several checks share (the pause sweep, duplicate
    clusters) are computed once through :meth:`derived`."""

    def __init__(self, records: Iterable[RecordBase]):
        self.records: tuple[RecordBase, ...] = tuple(order_records(records))
        self.by_id: dict[str, RecordBase] = {}
        for record in self.records:
            self.by_id.setdefault(record.id, record)
        self.position: dict[str, int] = {r.id: i for i, r in enumerate(self.records)}
        self._derived: dict[Callable[..., Any], Any] = {}

    def __len__(self) -> int:
        return len(self.records)

    def _of_kind(self, kind: type[T]) -> tuple[T, ...]:
        return tuple(r for r in self.records if isinstance(r, kind))

    @cached_property
    def strikes(self) -> tuple[Strike, ...]:
        return self._of_kind(Strike)

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return self._of_kind(Statement)

    @cached_property
    def pauses(self) -> tuple[Pause, ...]:
        return self._of_kind(Pause)

    @cached_property
    def readings(self) -> dict[str, tuple[Pause, ...]]:
        """Arrangement key → its readings (pause records), in time order."""
        grouped: dict[str, list[Pause]] = defaultdict(list)
        for pause in self.pauses:
            grouped[pause.arrangement_key].append(pause)
        return {key: tuple(readings) for key, readings in grouped.items()}

    @cached_property
    def pause_chains(self) -> tuple[PauseChain, ...]:
        """Each pause with its later versions (``amends``), first record first."""
        return tuple(pause_chains(self.pauses))

    @cached_property
    def reading_groups(self) -> dict[str, dict[str, tuple[PauseChain, ...]]]:
        """Arrangement → reading (its claimant, as written first) → the reading's clauses
        (chains of one claimant in one arrangement), in time order. Readings are what
        differ between claimants; clauses and versions of one reading never disagree."""
        grouped: dict[str, dict[str, list[PauseChain]]] = {}
        names: dict[tuple[str, str], str] = {}
        for chain in self.pause_chains:
            key = (chain.arrangement, chain.claimant.strip().casefold())
            name = names.setdefault(key, chain.claimant)
            grouped.setdefault(chain.arrangement, {}).setdefault(name, []).append(chain)
        return {a: {c: tuple(chains) for c, chains in readings.items()}
                for a, readings in grouped.items()}

    def chain_of(self, pause_id: str) -> PauseChain | None:
        return self.derived(_chains_by_id).get(pause_id)

    def derived(self, compute: Callable[[Timeline], T]) -> T:
        """``compute(self)``, computed once per timeline however many checks ask."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return self._derived[compute]


def _chains_by_id(timeline: Timeline) -> dict[str, PauseChain]:
    return chain_of(timeline.pause_chains)
