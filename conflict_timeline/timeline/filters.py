"""Filters for `show` and friends. Options of one kind are alternatives (any may match);
different options must all match."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..records import Negotiation, Pause, RecordBase, Statement, Strike, TimeSpan


def actor_names(record: RecordBase) -> list[str]:
    """Everyone a record names as acting: its ``actors`` and its kind's own party fields."""
    names = list(record.actors)
    if isinstance(record, Strike) and record.by:
        names.append(record.by)
    elif isinstance(record, Statement):
        names.append(record.speaker)
    elif isinstance(record, Pause):
        names.append(record.claimed_by)
        names.extend(record.binds)
    elif isinstance(record, Negotiation):
        names.extend(record.parties)
        names.extend(record.mediators)
    return list(dict.fromkeys(names))


class RecordFilter(NamedTuple):
    """``since``/``until`` keep records whose span overlaps ``[since.start, until.end)``:
    ``--until 2026-01-30`` includes that whole day. Actor and region match case-insensitive
    substrings ("zelensky" finds "Volodymyr Zelensky"); kinds and tags match exactly."""

    kinds: frozenset[str] = frozenset()
    since: TimeSpan | None = None
    until: TimeSpan | None = None
    actors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def keeps_all(self) -> bool:
        return self == RecordFilter()

    def matches(self, record: RecordBase) -> bool:
        span = record.span
        if self.kinds and record.kind not in self.kinds:
            return False
        if self.since is not None and span.end_ts <= self.since.start_ts:
            return False
        if self.until is not None and span.start_ts >= self.until.end_ts:
            return False
        if self.actors and not _any_contains(actor_names(record), self.actors):
            return False
        if self.regions:
            region = record.location.region if record.location else None
            if not region or not _any_contains([region], self.regions):
                return False
        if self.tags:
            wanted = {t.casefold() for t in self.tags}
            if not wanted.intersection(t.casefold() for t in record.tags):
                return False
        return True


def _any_contains(values: Iterable[str], needles: Iterable[str]) -> bool:
    folded = [v.casefold() for v in values]
    return any(n.casefold() in v for n in needles for v in folded)


def filter_records(records: Iterable[RecordBase], record_filter: RecordFilter) -> list[RecordBase]:
    return [r for r in records if record_filter.matches(r)]
