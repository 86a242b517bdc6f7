"""The loaded timeline: the records in order, indexed once for every check that reads them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, TypeVar

from ..records import Pause, RecordBase, Statement, Strike
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

    def derived(self, compute: Callable[[Timeline], T]) -> T:
        """``compute(self)``, computed once per timeline however many checks ask."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return self._derived[compute]
